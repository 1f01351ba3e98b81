//! Site search. Every post and page (unless its front matter says `search: false`, or
//! `search.enabled` is off in `folio.yaml`) becomes a record; [`index`] turns the records into
//! a sharded index under `public/search/` (words from [`tokens`], text from [`text`]), which
//! the theme's `search.js` fetches piece by piece. The `/search/` page is a render job
//! ([`page`]). Why folio has its own index rather than Pagefind's, with measurements:
//! `docs/search.md`.

pub mod index;
pub mod page;
pub mod text;
pub mod tokens;

use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::content::{Entry, Kind, Library};

use crate::error::BuildError;
use crate::markdown::Rendered;
use crate::render::OutputFile;
use crate::render::plan::fingerprint;
use crate::render::views::Urls;
use crate::write::Staging;

/// The folder of `public/` the index is written to (beside the page, `search/index.html`).
pub const DIR: &str = "search";

/// `search:` in `folio.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Build the index and the `/search/` page.
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

/// One post or page as the index sees it.
#[derive(Debug, Clone)]
pub struct Record {
    /// Root-relative URL with the base path: `/blog/posts/x/`.
    pub url: String,
    pub title: String,
    /// `2025-03-01`, for sorting and the result's `<time>`.
    pub date: Option<String>,
    /// The date as the theme shows it.
    pub date_display: Option<String>,
    pub year: Option<String>,
    pub tags: Vec<String>,
    pub html: Arc<Rendered>,
    source_hash: u64,
}

/// Everything the index is built from, detached from the site so it can be built on another
/// thread (the preview server does that, see [`crate::site::Site::search_snapshot`]).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub enabled: bool,
    /// The primary subtag of the site's `language`: `en`, `fr`, `de`.
    pub language: String,
    pub records: Vec<Record>,
    /// Fingerprint of everything above; equal keys build identical indexes.
    pub key: u64,
}

impl Snapshot {
    pub fn new(config: &Config, library: &Library) -> Snapshot {
        let urls = Urls { config };
        let enabled = config.search.enabled;
        let records: Vec<Record> = if enabled {
            // In parallel: formatting the dates and making the URLs took 10 ms on one core at
            // 10,000 posts, between stages where nothing else runs.
            library
                .posts
                .par_iter()
                .chain(&library.pages)
                .filter(|e| e.doc.front.search != Some(false))
                .map(|e| record(urls, e))
                .collect()
        } else {
            Vec::new()
        };
        let language = primary_language(&config.language);
        let parts: Vec<_> = records
            .iter()
            .map(|r| (r.url.as_str(), r.title.as_str(), r.source_hash, &r.date_display, r.tags.as_slice()))
            .collect();
        let key = fingerprint((enabled, &language, parts));
        Snapshot { enabled, language, records, key }
    }

    /// Builds the index, for a site that has none yet, keeping its analyses for later updates
    /// (a build that writes its files uses [`Snapshot::into_written`], which keeps none).
    pub fn into_built(self) -> Built {
        let mut cache = index::Cache::default();
        let files = self.build_with(&mut cache);
        Built { files, key: Some(self.key), cache }
    }

    /// Builds the index for a build that writes its files: each file goes into `sink` as soon
    /// as it is made, and only its path is kept (so the index never holds all its files at
    /// once); nothing is kept for a next build.
    pub fn into_written(self, sink: &Staging) -> Result<Built, BuildError> {
        let mut cache = index::Cache::transient();
        let files = if self.enabled {
            let write = |file: &mut OutputFile| {
                sink.write(file)?;
                file.bytes = Vec::new();
                Ok(())
            };
            index::build_emitting(&self, &mut cache, &write)?
        } else {
            Vec::new()
        };
        Ok(Built { files, key: Some(self.key), cache })
    }

    /// The index files, paths relative to the output folder (`search/…`). Empty when search
    /// is turned off.
    pub fn build(&self) -> Vec<OutputFile> {
        if !self.enabled {
            return Vec::new();
        }
        index::build(self)
    }

    /// [`Snapshot::build`] reusing what `cache` holds from an earlier build: only documents
    /// whose text or title changed are read again. The files are the same as [`Snapshot::build`]'s.
    pub fn build_with(&self, cache: &mut index::Cache) -> Vec<OutputFile> {
        if !self.enabled {
            cache.clear();
            return Vec::new();
        }
        index::build_with(self, cache)
    }
}

/// The index a site holds: its files and the key of the snapshot they were built from.
#[derive(Debug, Default)]
pub struct Built {
    key: Option<u64>,
    files: Vec<OutputFile>,
    cache: index::Cache,
}

impl Built {
    pub fn files(&self) -> &[OutputFile] {
        &self.files
    }

    /// Rebuilds the index when its inputs changed. Returns the output paths that changed or
    /// appeared, and those that are gone.
    pub fn refresh(&mut self, config: &Config, library: &Library) -> (Vec<String>, Vec<String>) {
        let snapshot = Snapshot::new(config, library);
        if self.key == Some(snapshot.key) {
            return (Vec::new(), Vec::new());
        }
        let files = snapshot.build_with(&mut self.cache);
        let old: std::collections::HashMap<&str, &[u8]> =
            self.files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
        let changed =
            files.iter().filter(|f| old.get(f.path.as_str()) != Some(&f.bytes.as_slice())).map(|f| f.path.clone());
        let changed: Vec<String> = changed.collect();
        let new: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let removed: Vec<String> = old.keys().filter(|p| !new.contains(*p)).map(|p| p.to_string()).collect();
        self.key = Some(snapshot.key);
        self.files = files;
        (changed, removed)
    }

    /// For building elsewhere (the preview builds on a thread of its own): a snapshot when the
    /// inputs changed since the last one was taken. The files here stay empty.
    pub fn take_snapshot(&mut self, config: &Config, library: &Library) -> Option<Snapshot> {
        let snapshot = Snapshot::new(config, library);
        (self.key != Some(snapshot.key)).then(|| {
            self.key = Some(snapshot.key);
            snapshot
        })
    }
}

fn record(urls: Urls<'_>, entry: &Entry) -> Record {
    let doc = &entry.doc;
    let tags = if doc.kind == Kind::Post {
        doc.front.tags.iter().filter(|t| !t.trim().is_empty()).map(|t| t.trim().to_string()).collect()
    } else {
        Vec::new()
    };
    Record {
        url: urls.path(&doc.path),
        title: doc.front.title.clone(),
        date: doc.date.as_ref().map(|d| d.iso_date()),
        date_display: doc.date.as_ref().map(|d| d.display()),
        year: doc.date.as_ref().map(|d| d.year().to_string()),
        tags,
        html: entry.rendered.clone(),
        source_hash: entry.source_hash,
    }
}

/// `en-GB` → `en`: stop words are chosen by the primary subtag.
fn primary_language(tag: &str) -> String {
    tag.split('-').next().unwrap_or("en").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_reduced_to_their_primary_subtag() {
        assert_eq!(primary_language("en-GB"), "en");
        assert_eq!(primary_language("FR"), "fr");
        assert_eq!(primary_language("de"), "de");
    }

    #[test]
    fn search_is_on_by_default() {
        assert!(SearchConfig::default().enabled);
    }
}
