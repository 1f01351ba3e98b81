//! Links and images: base-path prefixing, external-link marking, lazy images.
//!
//! Root-relative URLs (`/about/`) are written by authors as if the site sat
//! at a domain root, so they get the site's base path. Links to other hosts
//! get `rel="noopener"` and `class="external"`; pulldown-cmark cannot add
//! attributes, so those start tags (and every image) are written here.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::escape::{push_attr, push_href};
use super::pipeline::{Queue, Step};

/// What links are judged against; built once per render.
#[derive(Debug, Clone, Copy)]
pub struct LinkContext<'o> {
    /// Base path without trailing slash: "" or "/blog".
    base_path: &'o str,
    /// Host without scheme, port or slashes: "example.org".
    site_host: &'o str,
}

impl<'o> LinkContext<'o> {
    pub fn new(base_path: &'o str, site_host: &'o str) -> Self {
        let host = site_host.trim();
        let host = host.strip_prefix("https://").or_else(|| host.strip_prefix("http://")).unwrap_or(host);
        Self { base_path: base_path.trim().trim_end_matches('/'), site_host: strip_port(host.trim_end_matches('/')) }
    }

    /// `url` with the base path in front when it is root-relative.
    fn resolve<'a>(&self, url: CowStr<'a>) -> CowStr<'a> {
        if self.base_path.is_empty() || !is_root_relative(&url) {
            return url;
        }
        let mut out = String::with_capacity(self.base_path.len() + url.len() + 1);
        if !self.base_path.starts_with('/') {
            out.push('/');
        }
        out.push_str(self.base_path);
        out.push_str(&url);
        CowStr::from(out)
    }

    fn is_external(&self, url: &str) -> bool {
        host_of(url).is_some_and(|host| !host.eq_ignore_ascii_case(self.site_host))
    }
}

/// An image being read: its HTML up to the alt text, its title, and how deep inside it the
/// events are.
struct OpenImage<'a> {
    html: String,
    title: CowStr<'a>,
    depth: usize,
}

/// Step rewriting link and image start tags.
pub struct Links<'a, 'o, N> {
    context: LinkContext<'o>,
    image: Option<OpenImage<'a>>,
    next: N,
}

impl<'a, 'o, N: Step<'a>> Links<'a, 'o, N> {
    pub fn new(context: LinkContext<'o>, next: N) -> Self {
        Self { context, image: None, next }
    }

    fn link(&self, link_type: LinkType, dest_url: CowStr<'a>, title: CowStr<'a>, id: CowStr<'a>) -> Event<'a> {
        if link_type == LinkType::Email {
            return Event::Start(Tag::Link { link_type, dest_url, title, id });
        }
        if !self.context.is_external(&dest_url) {
            let dest_url = self.context.resolve(dest_url);
            return Event::Start(Tag::Link { link_type, dest_url, title, id });
        }
        // The end tag stays an ordinary `End(Link)`, which renders as `</a>`.
        let mut html = String::with_capacity(dest_url.len() + title.len() + 48);
        html.push_str("<a href=\"");
        push_href(&mut html, &dest_url);
        push_title(&mut html, &title);
        html.push_str("\" rel=\"noopener\" class=\"external\">");
        Event::InlineHtml(CowStr::from(html))
    }

    /// Starts an image; its inner events, up to its end tag, become its escaped alt text.
    fn open_image(&mut self, dest_url: CowStr<'a>, title: CowStr<'a>) {
        let src = self.context.resolve(dest_url);
        let mut html = String::with_capacity(src.len() + title.len() + 64);
        html.push_str("<img src=\"");
        push_href(&mut html, &src);
        html.push_str("\" alt=\"");
        self.image = Some(OpenImage { html, title, depth: 0 });
    }

    /// Ends the open image: its HTML goes to the next step.
    fn close_image(&mut self, out: &mut Queue<'a>) {
        if let Some(OpenImage { mut html, title, .. }) = self.image.take() {
            push_title(&mut html, &title);
            html.push_str("\" loading=\"lazy\">");
            self.next.put(Event::InlineHtml(CowStr::from(html)), out);
        }
    }

    /// An event inside the open image.
    fn alt(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        let Some(image) = &mut self.image else {
            return;
        };
        match event {
            Event::Start(_) => image.depth += 1,
            Event::End(TagEnd::Image) if image.depth == 0 => self.close_image(out),
            Event::End(_) => image.depth = image.depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => push_attr(&mut image.html, &text),
            Event::SoftBreak | Event::HardBreak => image.html.push(' '),
            _ => {}
        }
    }
}

impl<'a, N: Step<'a>> Step<'a> for Links<'a, '_, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        if self.image.is_some() {
            return self.alt(event, out);
        }
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let link = self.link(link_type, dest_url, title, id);
                self.next.put(link, out);
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => self.open_image(dest_url, title),
            event => self.next.put(event, out),
        }
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        self.close_image(out);
        self.next.finish(out);
    }
}

fn push_title(html: &mut String, title: &str) {
    if !title.is_empty() {
        html.push_str("\" title=\"");
        push_attr(html, title);
    }
}

/// `/x` but not `//x` (which names another host).
fn is_root_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// The host of an `http(s)://` or protocol-relative URL, without user or port.
fn host_of(url: &str) -> Option<&str> {
    let rest = strip_prefix_ignore_case(url, "https://")
        .or_else(|| strip_prefix_ignore_case(url, "http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    Some(strip_port(host))
}

fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        // IPv6 literal: the port, if any, follows the closing bracket.
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    host.split(':').next().unwrap_or(host)
}

fn strip_prefix_ignore_case<'u>(url: &'u str, prefix: &str) -> Option<&'u str> {
    let head = url.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &url[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::super::pipeline;
    use super::*;
    use pulldown_cmark::{Parser, html::push_html};

    fn run(markdown: &str, base: &str) -> String {
        let mut html = String::new();
        let context = LinkContext::new(base, "example.org");
        push_html(&mut html, pipeline::collect(Links::new(context, pipeline::Out), Parser::new(markdown)).into_iter());
        html
    }

    #[test]
    fn external_links_get_noopener() {
        assert_eq!(
            run("[x](https://other.net/a?b=1&c=2 \"T\")", ""),
            "<p><a href=\"https://other.net/a?b=1&amp;c=2\" title=\"T\" rel=\"noopener\" class=\"external\">x</a></p>\n"
        );
        assert!(run("[x](HTTP://Other.net)", "").contains("rel=\"noopener\""));
        assert!(run("[x](//cdn.other.net/x)", "").contains("rel=\"noopener\""));
    }

    #[test]
    fn own_host_links_are_internal() {
        for url in ["https://example.org/a", "http://EXAMPLE.org:8080/", "https://u@example.org"] {
            let html = run(&format!("[x]({url})"), "/blog");
            assert!(!html.contains("noopener"), "{url}: {html}");
            assert!(html.contains(&format!("href=\"{}\"", url)), "{html}");
        }
    }

    #[test]
    fn root_relative_links_get_base_path() {
        assert_eq!(run("[a](/about/)", "/blog"), "<p><a href=\"/blog/about/\">a</a></p>\n");
        assert_eq!(run("[a](/about/)", "/blog/"), "<p><a href=\"/blog/about/\">a</a></p>\n");
        assert_eq!(run("[a](/about/)", ""), "<p><a href=\"/about/\">a</a></p>\n");
        assert_eq!(run("[a](/about/)", "blog"), "<p><a href=\"/blog/about/\">a</a></p>\n");
    }

    #[test]
    fn relative_links_stay() {
        for url in ["../x/", "#top", "x.html", "mailto:a@b.c"] {
            assert_eq!(run(&format!("[a]({url})"), "/blog"), format!("<p><a href=\"{url}\">a</a></p>\n"));
        }
    }

    #[test]
    fn images_are_lazy_with_alt_and_base_path() {
        assert_eq!(
            run("![A *big* \"cat\"](/img/cat.png \"Cat\")", "/blog"),
            "<p><img src=\"/blog/img/cat.png\" alt=\"A big &quot;cat&quot;\" title=\"Cat\" loading=\"lazy\"></p>\n"
        );
        assert_eq!(
            run("![](https://other.net/x.png)", "/blog"),
            "<p><img src=\"https://other.net/x.png\" alt=\"\" loading=\"lazy\"></p>\n"
        );
    }

    #[test]
    fn image_inside_link_and_link_inside_alt() {
        let html = run("[![logo](/l.png)](https://other.net)", "/b");
        assert_eq!(
            html,
            "<p><a href=\"https://other.net\" rel=\"noopener\" class=\"external\">\
             <img src=\"/b/l.png\" alt=\"logo\" loading=\"lazy\"></a></p>\n"
        );
        let html = run("![see [this](/x) ![inner](/i.png)](/o.png)", "");
        assert_eq!(html, "<p><img src=\"/o.png\" alt=\"see this inner\" loading=\"lazy\"></p>\n");
    }

    #[test]
    fn host_parsing() {
        assert_eq!(host_of("https://a.b:9/x"), Some("a.b"));
        assert_eq!(host_of("http://[::1]:80/"), Some("[::1]"));
        assert_eq!(host_of("https://"), Some(""));
        assert_eq!(host_of("ftp://a.b"), None);
        assert_eq!(host_of("/x"), None);
    }
}
