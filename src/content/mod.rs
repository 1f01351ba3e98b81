//! Content: load `content/**.md`, parse front matter, filter drafts and future posts, render
//! the Markdown, and index the result into a [`Library`]. Every file's errors are collected so
//! that one build reports them all.

pub mod argument;
pub mod date;
pub mod document;
pub mod front_matter;
pub mod library;
pub mod load;
pub mod plain_front;
pub mod series;
pub mod slug;

use std::sync::Arc;

use rayon::prelude::*;

pub use document::{Document, Kind};
pub use library::{Entry, Library, Taxonomy, Term};

use crate::config::Config;
use crate::markdown;

/// Which documents make it into the build.
#[derive(Debug, Clone, Copy)]
pub struct Filter {
    pub drafts: bool,
    pub future: bool,
    pub now: jiff::Timestamp,
}

impl Filter {
    pub fn keeps(&self, doc: &Document) -> bool {
        (self.drafts || !doc.front.draft)
            && (self.future || doc.date.as_ref().is_none_or(|d| d.timestamp() <= self.now))
    }
}

/// Renders the Markdown of the kept documents in parallel and indexes them.
pub fn index(docs: Vec<Document>, config: &Config, filter: &Filter) -> Library {
    let options = markdown::Options::for_config(config);
    let (posts, pages): (Vec<Entry>, Vec<Entry>) = docs
        .into_par_iter()
        .filter(|d| filter.keeps(d))
        .map(|doc| {
            let rendered = markdown::render(&doc.body, &options);
            let source_hash = doc.source_hash;
            Entry { doc: Arc::new(doc), rendered: Arc::new(rendered), source_hash }
        })
        .partition(|e| e.doc.kind == Kind::Post);
    Library::new(posts, pages, &config.taxonomies)
}
