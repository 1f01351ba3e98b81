//! Atom and RSS feeds: one pair for the site and one per taxonomy term, rendered through the
//! theme's `feeds/atom.xml` and `feeds/rss.xml` templates (auto-escaped as XML).

use serde::Serialize;
use tera::{Context, Value};

use super::views::Urls;
use super::{OutputFile, Shared};
use crate::config::{Config, FeedContent};
use crate::error::Diagnostic;

#[derive(Serialize)]
pub struct FeedLink {
    pub title: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub path: String,
}

/// `<link rel="alternate">` targets for the feeds under `base` (`""` or `tags/nato/`).
pub fn links(config: &Config, urls: Urls<'_>, base: &str, title: &str) -> Vec<FeedLink> {
    let mut out = Vec::new();
    if config.feeds.atom {
        out.push(FeedLink {
            title: format!("{title} (Atom)"),
            kind: "application/atom+xml",
            path: urls.path(&format!("{base}atom.xml")),
        });
    }
    if config.feeds.rss {
        out.push(FeedLink {
            title: format!("{title} (RSS)"),
            kind: "application/rss+xml",
            path: urls.path(&format!("{base}rss.xml")),
        });
    }
    out
}

#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    permalink: &'a str,
    date: Option<String>,
    date_rfc2822: Option<String>,
    updated: Option<String>,
    summary: &'a str,
    tags: Vec<&'a str>,
    authors: &'a [String],
}

#[derive(Serialize)]
struct Feed {
    title: String,
    subtitle: String,
    home_url: String,
    atom_url: String,
    rss_url: String,
    updated: String,
    updated_rfc2822: String,
}

/// The site's feeds (`None`) or a taxonomy term's feeds.
pub fn render(shared: &Shared<'_>, term: Option<(usize, usize)>) -> Result<Vec<OutputFile>, Diagnostic> {
    let lib = shared.library;
    match term {
        None => {
            let all = &lib.all;
            render_one(shared, all, "", &shared.config.title, "the site feed")
        }
        Some((t, i)) => {
            let (tax, term) = (&lib.taxonomies[t], &lib.taxonomies[t].terms[i]);
            let base = format!("{}/{}/", tax.name, term.slug);
            let title = format!("{} — {}", term.name, shared.config.title);
            render_one(shared, &term.posts, &base, &title, &format!("the feed of {} `{}`", tax.name, term.name))
        }
    }
}

fn render_one(
    shared: &Shared<'_>,
    posts: &[usize],
    base: &str,
    title: &str,
    origin: &str,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let config = shared.config;
    if !config.feeds.atom && !config.feeds.rss {
        return Ok(Vec::new());
    }
    let lib = shared.library;
    let chosen = &posts[..posts.len().min(config.feeds.limit)];
    let entries: Vec<Value> = chosen
        .iter()
        .map(|&i| {
            let (post, summary) = (&lib.posts[i], &shared.summaries.list[i]);
            let doc = &post.doc;
            let entry = Entry {
                title: &doc.front.title,
                permalink: &summary.permalink,
                date: summary.date.clone(),
                date_rfc2822: doc.date.as_ref().map(|d| d.rfc2822()),
                updated: doc.updated.as_ref().or(doc.date.as_ref()).map(|d| d.rfc3339()),
                summary: &summary.summary,
                tags: summary.tags.iter().map(|t| t.name.as_str()).collect(),
                authors: &doc.front.authors,
            };
            let content = if config.feeds.content == FeedContent::Full {
                cdata(&post.rendered.html.read())
            } else {
                Value::from(summary.summary.as_str())
            };
            let mut map = Value::from_serializable(&entry).into_map().unwrap_or_default();
            map.insert("content".into(), content);
            Value::from(map)
        })
        .collect();
    // The feed changes when its newest entry does; an empty feed uses a fixed date so output is reproducible.
    let newest = chosen
        .iter()
        .filter_map(|&i| lib.posts[i].doc.updated.as_ref().or(lib.posts[i].doc.date.as_ref()))
        .max_by_key(|d| d.timestamp());
    let feed = Feed {
        title: title.to_string(),
        subtitle: config.description.clone(),
        home_url: shared.urls.permalink(base),
        atom_url: shared.urls.permalink(&format!("{base}atom.xml")),
        rss_url: shared.urls.permalink(&format!("{base}rss.xml")),
        updated: newest.map_or_else(|| "1970-01-01T00:00:00+00:00".into(), |d| d.rfc3339()),
        updated_rfc2822: newest.map_or_else(|| "Thu, 1 Jan 1970 00:00:00 +0000".into(), |d| d.rfc2822()),
    };
    let mut context = Context::new();
    context.insert("feed", &feed);
    context.insert_value("entries", Value::from(entries));
    // Each entry's content and about 1 KB around it.
    let capacity = 4096
        + chosen
            .iter()
            .map(|&i| match config.feeds.content {
                FeedContent::Full => lib.posts[i].rendered.html.read().len() + 1024,
                FeedContent::Summary => shared.summaries.list[i].summary.len() + 1024,
            })
            .sum::<usize>();
    let mut files = Vec::new();
    if config.feeds.atom {
        files.push(shared.render_sized("feeds/atom.xml", &context, format!("{base}atom.xml"), origin, capacity)?);
    }
    if config.feeds.rss {
        files.push(shared.render_sized("feeds/rss.xml", &context, format!("{base}rss.xml"), origin, capacity)?);
    }
    Ok(files)
}

/// `html` as an XML CDATA section, marked safe so the template writes it as it is. A post is in
/// up to a dozen feeds (the site's and its tags', Atom and RSS): copying its HTML into each is
/// far cheaper than escaping it for each, and readers treat both forms alike.
fn cdata(html: &str) -> Value {
    let mut out = String::with_capacity(html.len() + 12);
    out.push_str("<![CDATA[");
    if html.contains("]]>") {
        // `]]>` would end the section: it is split across two.
        out.push_str(&html.replace("]]>", "]]]]><![CDATA[>"));
    } else {
        out.push_str(html);
    }
    out.push_str("]]>");
    Value::safe_string(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdata_sections_survive_their_own_end_marker() {
        let v = cdata("<p>a]]>b</p>");
        assert_eq!(v.as_str(), Some("<![CDATA[<p>a]]]]><![CDATA[>b</p>]]>"));
        assert!(v.is_safe());
    }
}
