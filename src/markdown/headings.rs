//! Heading ids, anchor links and the table of contents.
//!
//! [`HeadingIds`] buffers the events of each heading to learn its plain text,
//! gives it a unique id (custom `{#id}` or a slug), appends an accessible
//! anchor link and records the heading for the TOC; [`nest`] turns the flat
//! record into the nested [`TocEntry`] tree.

use std::iter::Peekable;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::TocEntry;
use super::escape::{push_attr, push_href};
use super::ids::{IdSet, sanitize_custom, slugify};
use super::pipeline::{Queue, Step};

/// How every heading anchor starts; the summary writer drops these.
pub const ANCHOR_PREFIX: &str = " <a class=\"heading-anchor\"";

/// Footnote ids start with these, so heading ids are kept out of them.
const FOOTNOTE_PREFIXES: [&str; 2] = ["fn-", "fnref-"];

/// A heading as met in the document, before nesting.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatHeading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A heading being read: its start tag, its plain text and its events so far.
struct OpenHeading<'a> {
    tag: Tag<'a>,
    title: String,
    body: Vec<Event<'a>>,
}

/// Step giving every heading a unique id and an anchor link.
pub struct HeadingIds<'a, 'c, N> {
    ids: IdSet,
    toc: &'c mut Vec<FlatHeading>,
    open: Option<OpenHeading<'a>>,
    next: N,
}

impl<'a, 'c, N: Step<'a>> HeadingIds<'a, 'c, N> {
    pub fn new(toc: &'c mut Vec<FlatHeading>, next: N) -> Self {
        Self { ids: IdSet::default(), toc, open: None, next }
    }

    /// An event inside the open heading.
    fn read(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        let Some(heading) = &mut self.open else {
            return;
        };
        match &event {
            Event::End(TagEnd::Heading(_)) => return self.close(out),
            Event::Text(text) | Event::Code(text) => heading.title.push_str(text),
            Event::SoftBreak | Event::HardBreak => heading.title.push(' '),
            _ => {}
        }
        heading.body.push(event);
    }

    /// Hands on the whole heading, from its start tag to its end tag, rewritten.
    fn close(&mut self, out: &mut Queue<'a>) {
        let Some(OpenHeading { tag: Tag::Heading { level, id, classes, attrs }, title, body }) = self.open.take()
        else {
            return;
        };
        let title = title.trim().to_owned();
        let id = self.ids.claim(heading_id(id.as_deref(), &title));
        let start = Event::Start(Tag::Heading { level, id: Some(CowStr::from(id.clone())), classes, attrs });
        self.next.put(start, out);
        for event in body {
            self.next.put(event, out);
        }
        self.next.put(Event::InlineHtml(anchor_html(&id, &title).into()), out);
        self.next.put(Event::End(TagEnd::Heading(level)), out);
        self.toc.push(FlatHeading { level: level as u8, id, title });
    }
}

impl<'a, N: Step<'a>> Step<'a> for HeadingIds<'a, '_, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        if self.open.is_some() {
            return self.read(event, out);
        }
        match event {
            Event::Start(tag @ Tag::Heading { .. }) => {
                self.open = Some(OpenHeading { tag, title: String::new(), body: Vec::new() });
            }
            event => self.next.put(event, out),
        }
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        self.close(out);
        self.next.finish(out);
    }
}

/// The id a heading asks for, before it is made unique.
fn heading_id(custom: Option<&str>, title: &str) -> String {
    let id = match custom {
        Some(custom) => sanitize_custom(custom, "section"),
        None => slugify(title, "section"),
    };
    if FOOTNOTE_PREFIXES.iter().any(|p| id.starts_with(p)) { format!("h-{id}") } else { id }
}

fn anchor_html(id: &str, title: &str) -> String {
    let mut html = String::with_capacity(ANCHOR_PREFIX.len() + 2 * id.len() + title.len() + 64);
    html.push_str(ANCHOR_PREFIX);
    html.push_str(" href=\"#");
    push_href(&mut html, id);
    html.push_str("\" aria-label=\"Link to this section");
    if !title.is_empty() {
        html.push_str(": ");
        push_attr(&mut html, title);
    }
    html.push_str("\">#</a>");
    html
}

/// Nests headings by level: each heading goes under the nearest earlier
/// heading of a smaller level, or at the top when there is none.
pub fn nest(flat: Vec<FlatHeading>) -> Vec<TocEntry> {
    children(&mut flat.into_iter().peekable(), 0)
}

fn children(headings: &mut Peekable<impl Iterator<Item = FlatHeading>>, parent_level: u8) -> Vec<TocEntry> {
    let mut out = Vec::new();
    while let Some(heading) = headings.next_if(|h| h.level > parent_level) {
        // Recursion depth is bounded by the six heading levels.
        let children = children(headings, heading.level);
        out.push(TocEntry { level: heading.level, id: heading.id, title: heading.title, children });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::pipeline;
    use super::*;
    use pulldown_cmark::{Options, Parser, html::push_html};

    fn run(markdown: &str) -> (String, Vec<FlatHeading>) {
        let mut toc = Vec::new();
        let mut html = String::new();
        let parser = Parser::new_ext(markdown, Options::ENABLE_HEADING_ATTRIBUTES);
        push_html(&mut html, pipeline::collect(HeadingIds::new(&mut toc, pipeline::Out), parser).into_iter());
        (html, toc)
    }

    fn ids(markdown: &str) -> Vec<String> {
        run(markdown).1.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn heading_gets_slug_id_and_anchor() {
        let (html, toc) = run("## Why *this* matters\n");
        assert_eq!(
            html,
            "<h2 id=\"why-this-matters\">Why <em>this</em> matters <a class=\"heading-anchor\" \
             href=\"#why-this-matters\" aria-label=\"Link to this section: Why this matters\">#</a></h2>\n"
        );
        assert_eq!(toc[0].title, "Why this matters");
        assert_eq!(toc[0].level, 2);
    }

    #[test]
    fn duplicate_headings_get_suffixes() {
        assert_eq!(ids("# Intro\n## Intro\n### Intro\n"), ["intro", "intro-1", "intro-2"]);
    }

    #[test]
    fn custom_id_wins_and_stays_unique() {
        assert_eq!(ids("# A {#start}\n# B {#start}\n# Start\n"), ["start", "start-1", "start-2"]);
    }

    #[test]
    fn empty_heading_is_section() {
        assert_eq!(ids("## ?!\n##\n"), ["section", "section-1"]);
    }

    #[test]
    fn ids_never_look_like_footnote_ids() {
        assert_eq!(ids("## Fn 1\n## x {#fnref-a}\n"), ["h-fn-1", "h-fnref-a"]);
    }

    #[test]
    fn inline_code_counts_as_title_text() {
        let (_, toc) = run("## Using `Vec<T>`\n");
        assert_eq!(toc[0].title, "Using Vec<T>");
        assert_eq!(toc[0].id, "using-vec-t");
    }

    #[test]
    fn anchor_label_is_escaped() {
        let (html, _) = run("## Say \"hi\" & `<go>`\n");
        assert!(html.contains("aria-label=\"Link to this section: Say &quot;hi&quot; &amp; &lt;go&gt;\""));
    }

    #[test]
    fn classes_and_attributes_survive() {
        let (html, _) = run("## Hi {.wide data-x=1}\n");
        assert!(html.starts_with("<h2 id=\"hi\" class=\"wide\" data-x=\"1\">"), "{html}");
    }

    fn flat(level: u8, id: &str) -> FlatHeading {
        FlatHeading { level, id: id.into(), title: id.into() }
    }

    fn shape(entries: &[TocEntry]) -> String {
        entries.iter().map(|e| format!("{}({})", e.id, shape(&e.children))).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn toc_nests_by_level() {
        let toc = nest(vec![flat(1, "t"), flat(2, "a"), flat(3, "a1"), flat(3, "a2"), flat(2, "b")]);
        assert_eq!(shape(&toc), "t(a(a1() a2()) b())");
    }

    #[test]
    fn toc_handles_skipped_and_shallower_levels() {
        let toc = nest(vec![flat(2, "a"), flat(4, "deep"), flat(3, "mid"), flat(3, "x"), flat(2, "b")]);
        assert_eq!(shape(&toc), "a(deep() mid() x()) b()");
        let toc = nest(vec![flat(3, "c"), flat(2, "b"), flat(1, "a")]);
        assert_eq!(shape(&toc), "c() b() a()");
    }
}
