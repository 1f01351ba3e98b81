//! Template views: the serialisable shapes templates see (documented in `docs/templates.md`).
//! Each post's summary view is converted to a Tera value once per build and shared, by
//! reference count, by every list page that shows it.

use serde::Serialize;
use tera::Value;

use crate::config::Config;
use crate::content::library::{Term, terms_of};
use crate::content::slug::slugify;
use crate::content::{Entry, Library};
use crate::markdown::TocEntry;
use crate::templates::site_url;

/// URLs of a site-relative path (`posts/x/`).
#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    pub config: &'a Config,
}

impl Urls<'_> {
    /// Root-relative with base path: `/blog/posts/x/`.
    pub fn path(&self, rel: &str) -> String {
        site_url(&self.config.base_path, rel)
    }

    /// Absolute: `https://example.org/blog/posts/x/`.
    pub fn permalink(&self, rel: &str) -> String {
        format!("{}/{}", self.config.base_url, rel.trim_start_matches('/'))
    }
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct TermView {
    pub name: String,
    pub slug: String,
    pub path: String,
    pub permalink: String,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct PostSummary {
    pub title: String,
    pub path: String,
    pub permalink: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub date_display: Option<String>,
    pub description: Option<String>,
    pub summary: String,
    pub reading_time: u32,
    pub tags: Vec<TermView>,
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub path: String,
}

/// Everything `post.html` and `page.html` see as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageView<'a> {
    #[serde(flatten)]
    pub summary: &'a PostSummary,
    pub slug: &'a str,
    /// Only on the page itself: in the summaries it would make every edit of the text re-render
    /// each list showing the post.
    pub word_count: usize,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub show_toc: bool,
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    pub updated_display: Option<String>,
    pub categories: Vec<TermView>,
    pub authors: Vec<String>,
    pub image: Option<String>,
    pub extra: &'a serde_json::Value,
    pub kind: &'static str,
    pub lower: Option<Link>,
    pub higher: Option<Link>,
    pub related: Vec<Value>,
    pub comments: crate::comments::CommentsView<'a>,
    /// Key points, updates, sources, series, citation (`render/argument.rs`).
    #[serde(flatten)]
    pub argument: super::argument::ArgumentView<'a>,
}

pub fn term_view(urls: Urls<'_>, taxonomy: &str, name: &str) -> TermView {
    view_of_term(urls, taxonomy, name.trim().to_string(), slugify(name.trim()))
}

/// [`term_view`] of a term of the library, whose slug is made already.
pub fn term_view_of(urls: Urls<'_>, taxonomy: &str, term: &Term) -> TermView {
    view_of_term(urls, taxonomy, term.name.clone(), term.slug.clone())
}

fn view_of_term(urls: Urls<'_>, taxonomy: &str, name: String, slug: String) -> TermView {
    let rel = format!("{taxonomy}/{slug}/");
    TermView { name, path: urls.path(&rel), permalink: urls.permalink(&rel), slug }
}

/// The summary shown in lists and feeds: `<!-- more -->`, else the description, else the key
/// points, else the first paragraph.
pub fn summary_html(entry: &Entry) -> String {
    if let Some(s) = &entry.rendered.summary_html {
        return s.clone();
    }
    if let Some(d) = entry.doc.front.description.as_deref().filter(|d| !d.trim().is_empty()) {
        return format!("<p>{}</p>", escape_html(d));
    }
    if let Some(points) = super::argument::key_points_html(&entry.doc.front.key_points) {
        return points;
    }
    entry.rendered.first_paragraph_html.as_ref().map(|p| format!("<p>{p}</p>")).unwrap_or_default()
}

pub fn post_summary(urls: Urls<'_>, library: &Library, entry: &Entry) -> PostSummary {
    let doc = &entry.doc;
    // A term's display name is the one the taxonomy settled on, so every page spells it alike.
    let tags = terms_of(doc, "tags")
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| match library.taxonomy("tags").and_then(|tax| tax.term_of(t)) {
            Some(term) => term_view_of(urls, "tags", term),
            None => term_view(urls, "tags", t),
        })
        .collect();
    PostSummary {
        title: doc.front.title.clone(),
        path: urls.path(&doc.path),
        permalink: urls.permalink(&doc.path),
        date: doc.date.as_ref().map(|d| d.rfc3339()),
        date_iso: doc.date.as_ref().map(|d| d.iso_date()),
        date_display: doc.date.as_ref().map(|d| d.display()),
        description: doc.front.description.clone(),
        summary: summary_html(entry),
        reading_time: entry.rendered.reading_time,
        tags,
        draft: doc.front.draft,
    }
}

/// Converts once; clones of the result share the same allocation.
pub fn to_value<T: Serialize>(value: &T) -> Value {
    Value::from_serializable(value)
}

/// Escapes text placed into HTML by Rust code (templates escape on their own).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_base_path_and_base_url() {
        let config = Config::parse("base_url: https://example.org/blog/\n").unwrap();
        let urls = Urls { config: &config };
        assert_eq!(urls.path("posts/x/"), "/blog/posts/x/");
        assert_eq!(urls.permalink("posts/x/"), "https://example.org/blog/posts/x/");
        assert_eq!(urls.permalink(""), "https://example.org/blog/");
    }
}
