//! Markdown → HTML for one post: the HTML itself plus what templates want to
//! know about it (table of contents, summary, first paragraph, word count).
//!
//! pulldown-cmark parses; each folio feature is a step taking its events one
//! at a time ([`pipeline::Step`]), in its own file and tested alone, chained in
//! [`render`]: [`summary::Marks`] → [`headings::HeadingIds`] →
//! [`pullquotes::Pullquotes`] → [`footnotes::Footnotes`] → [`callouts::rewrite`] →
//! [`source_refs::SourceRefs`] → [`links::Links`] → [`charts::Charts`] →
//! [`codeblocks::CodeBlocks`] → task-list labels → [`words::WordCount`], read by
//! [`summary::write`]. The order matters: markers are placed while nesting is
//! still visible, and words are counted after code and images have turned into
//! HTML, so only prose is left as text.

#[cfg(test)]
mod alternations;
mod callouts;
mod charts;
mod checks;
mod codeblocks;
pub(crate) mod escape;
mod footnotes;
mod grammar;
mod headings;
pub mod highlight;
mod highlight_cache;
mod html;
mod ids;
mod later;
mod links;
mod pipeline;
mod pullquotes;
mod source_refs;
mod summary;
mod words;

use std::path::Path;

use pulldown_cmark::Parser;

use crate::error::Diagnostic;

pub use checks::{Problem, check};
pub use highlight::{HighlightError, stylesheets, theme_names};
pub use highlight_cache::HighlightCache;
pub use html::{Html, HtmlRef};
pub use later::{Later, finish_code};

/// How a document is rendered; the same for every page of a site.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// "" at a domain root, "/blog" under a subpath: prefix for root-relative links and images in the Markdown ("/about/" → "/blog/about/").
    pub base_path: &'a str,
    /// Host of the site ("example.org"): absolute http(s) links to any other host are external.
    pub site_host: &'a str,
    pub words_per_minute: u32,
    /// Where the document is and the site's data files, for ```` ```chart ```` and
    /// ```` ```table ```` blocks; without it those blocks are errors.
    pub data: Option<DataContext<'a>>,
    /// Highlighted code kept between builds; without it every block is highlighted afresh.
    pub highlight: Option<&'a HighlightCache>,
}

impl<'a> Options<'a> {
    /// The options a site's configuration gives, without data files or a highlight cache.
    pub fn for_config(config: &'a crate::config::Config) -> Options<'a> {
        Options {
            base_path: &config.base_path,
            site_host: &config.host,
            words_per_minute: config.words_per_minute,
            data: None,
            highlight: None,
        }
    }
}

/// The document being rendered and the data files it may use.
#[derive(Debug, Clone, Copy)]
pub struct DataContext<'a> {
    pub store: &'a crate::data::Store,
    /// Relative to the site root.
    pub document: &'a Path,
    /// 1-based line of the file where the Markdown body starts (after the front matter).
    pub body_line: usize,
}

/// One heading in the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    /// Plain text, no markup.
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A rendered document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: Html,
    /// Nested by level (h2 under nothing, h3 under the previous h2, …); h1 at
    /// the top level if present.
    pub toc: Vec<TocEntry>,
    /// Well-formed HTML of everything before a top-level `<!-- more -->` line,
    /// `None` without one. Heading ids and anchors and footnote references are
    /// left out, since summaries are shown away from the page.
    pub summary_html: Option<String>,
    /// Inner HTML of the first top-level paragraph (without footnote
    /// references), `None` if there is none.
    pub first_paragraph_html: Option<String>,
    /// Words of prose: code blocks, inline code and image alt text excluded.
    pub word_count: usize,
    /// Minutes: `ceil(word_count / words_per_minute)`, at least 1.
    pub reading_time: u32,
}

/// The pulldown-cmark extensions folio turns on (`folio check` parses with the same).
pub fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options as O;
    O::ENABLE_TABLES
        | O::ENABLE_FOOTNOTES
        | O::ENABLE_STRIKETHROUGH
        | O::ENABLE_TASKLISTS
        | O::ENABLE_SMART_PUNCTUATION
        | O::ENABLE_GFM
        | O::ENABLE_HEADING_ATTRIBUTES
}

/// Renders one Markdown document. Never panics; time is linear in the input. A chart or table
/// block that cannot be rendered shows its source as code; [`render_checked`] reports it.
pub fn render(markdown: &str, options: &Options) -> Rendered {
    render_with_errors(markdown, options, None).0
}

/// Renders one Markdown document, or reports every block that could not be rendered (with
/// the document's path and the line in the file).
pub fn render_checked(markdown: &str, options: &Options) -> Result<Rendered, Vec<Diagnostic>> {
    let (rendered, errors) = render_with_errors(markdown, options, None);
    if errors.is_empty() { Ok(rendered) } else { Err(errors) }
}

/// [`render_checked`], with the code blocks left to highlight later, together with those of
/// every other document of a site ([`finish_code`]): highlighting one language's blocks one
/// after the other keeps its grammar in the processor's caches.
pub fn render_checked_later(markdown: &str, options: &Options) -> Result<Later, Vec<Diagnostic>> {
    let mut blocks = Vec::new();
    // The mark is a character no rendered HTML holds unless its Markdown does.
    let later = (!markdown.contains(later::MARK)).then_some(&mut blocks);
    let (rendered, errors) = render_with_errors(markdown, options, later);
    if errors.is_empty() { Ok(Later { rendered, blocks }) } else { Err(errors) }
}

fn render_with_errors(
    markdown: &str,
    options: &Options,
    later: Option<&mut Vec<later::Block>>,
) -> (Rendered, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut headings = Vec::new();
    let mut word_count = 0;
    let written = {
        // Pull quotes and source references are rare: a document without them (found by a
        // quick scan of its text) turn their steps and the text merging they need off.
        let has_quotes = pullquotes::may_have_pullquotes(markdown);
        let has_refs = source_refs::may_have_refs(markdown);
        let parser = Parser::new_ext(markdown, parser_options());
        // The steps, built from the last to the first (each owns the one after it).
        let chain = words::WordCount::new(&mut word_count, pipeline::Out);
        let chain = pipeline::Map::new(labelled_task_marker, chain);
        let chain = codeblocks::CodeBlocks::new(options.highlight, later, chain);
        let chain = charts::Charts::new(markdown, options.data, &mut errors, chain);
        let chain = links::Links::new(links::LinkContext::new(options.base_path, options.site_host), chain);
        let chain = source_refs::SourceRefs::new(has_refs, chain);
        let chain = pipeline::Map::new(callouts::rewrite, chain);
        let chain = footnotes::Footnotes::new(chain);
        let chain = pullquotes::Pullquotes::new(has_quotes, chain);
        let chain = headings::HeadingIds::new(&mut headings, chain);
        let chain = summary::Marks::new(chain);
        // Merged text runs let pull quotes and source references be found in one event.
        let chain = pipeline::MergeText::new(has_quotes || has_refs, chain);
        let events = pipeline::Pump::new(parser, chain);
        // Only a document with an HTML comment can hold the marker.
        let capacity = markdown.len().saturating_add(markdown.len() / 2);
        summary::write(events, capacity, markdown.contains("<!--"))
    };
    let rendered = Rendered {
        // Kept until every page, feed and the search index has read it: no spare capacity.
        html: Html::new({
            let mut html = written.html;
            html.shrink_to_fit();
            html
        }),
        toc: headings::nest(headings),
        summary_html: written.summary,
        first_paragraph_html: written.first_paragraph,
        word_count,
        reading_time: words::reading_time(word_count, options.words_per_minute),
    };
    (rendered, errors)
}

/// Task-list boxes get an accessible name: a bare `<input>` has no label for screen readers.
fn labelled_task_marker(event: pulldown_cmark::Event<'_>) -> pulldown_cmark::Event<'_> {
    match event {
        pulldown_cmark::Event::TaskListMarker(done) => pulldown_cmark::Event::InlineHtml(
            if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
            }
            .into(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests;
