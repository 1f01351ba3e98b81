//! Drives Pagefind's library (`pagefind::api`): each record becomes a small HTML document that
//! marks its title, date, tags and year the way Pagefind reads them, so the index does not
//! depend on the site's templates. Pagefind's API is async; it runs here on a one-thread tokio
//! runtime that lives for one build.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{DIR, Record, Snapshot};
use crate::error::{Diagnostic, Location};
use crate::render::OutputFile;

/// Markup folio's Markdown adds that is not the author's text: heading anchors (`#`),
/// footnote marks and back-links.
const NOT_TEXT: [&str; 3] = [".heading-anchor", ".footnote-ref", ".footnote-backref"];

/// Pagefind's ready-made interfaces, which folio does not use (the theme has its own).
const UNUSED: [&str; 4] = ["pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight."];

pub fn build(snapshot: &Snapshot) -> Result<Vec<OutputFile>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(|e| failed(e.to_string()))?;
    runtime.block_on(index(snapshot))
}

async fn index(snapshot: &Snapshot) -> Result<Vec<OutputFile>, Diagnostic> {
    let options = PagefindServiceConfig::builder()
        .force_language(snapshot.language.clone())
        .exclude_selectors(NOT_TEXT.iter().map(|s| s.to_string()).collect())
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed(e.to_string()))?;
    for record in &snapshot.records {
        index
            .add_html_file(None, Some(record.url.clone()), document(record, &snapshot.language))
            .await
            .map_err(|e| failed(format!("{}: {e}", record.url)))?;
    }
    let files = index.get_files().await.map_err(|e| failed(e.to_string()))?;
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            if UNUSED.iter().any(|u| name.starts_with(u)) {
                return None;
            }
            Some(OutputFile { path: format!("{DIR}/{name}"), bytes: f.contents, origin: "the search index".into() })
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn failed(message: String) -> Diagnostic {
    Diagnostic::new(Location::file(crate::config::CONFIG_FILE), format!("search: cannot build the index: {message}"))
        .with_help("turn search off with `search: { enabled: false }` in folio.yaml, and please report this")
}

/// The HTML Pagefind indexes for one record. Metadata and filters sit in an element Pagefind
/// reads but does not index as text (`data-pagefind-ignore`), written as element content so
/// that commas and colons in a tag cannot be misread.
fn document(record: &Record, language: &str) -> String {
    let mut html = String::with_capacity(record.html.html.len() + 512);
    html.push_str("<!DOCTYPE html><html lang=\"");
    escape(&mut html, language);
    html.push_str("\"><head><title>");
    escape(&mut html, &record.title);
    html.push_str("</title></head><body><main data-pagefind-body><h1 data-pagefind-meta=\"title\">");
    escape(&mut html, &record.title);
    html.push_str("</h1><div data-pagefind-ignore>");
    let mut field = |attr: &str, key: &str, value: &str| {
        html.push_str("<span ");
        html.push_str(attr);
        html.push_str("=\"");
        html.push_str(key);
        html.push_str("\">");
        escape(&mut html, value);
        html.push_str("</span>");
    };
    let meta = BTreeMap::from([("date", &record.date), ("date_display", &record.date_display)]);
    for (key, value) in meta {
        if let Some(value) = value {
            field("data-pagefind-meta", key, value);
        }
    }
    if let Some(date) = &record.date {
        field("data-pagefind-sort", "date", date);
    }
    if let Some(year) = &record.year {
        field("data-pagefind-filter", "year", year);
    }
    for tag in &record.tags {
        field("data-pagefind-filter", "tag", tag);
    }
    html.push_str("</div>");
    html.push_str(&record.html.html);
    html.push_str("</main></body></html>");
    html
}

fn escape(out: &mut String, text: &str) {
    let _ = pulldown_cmark_escape::escape_html(&mut *out, text);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::markdown::{Options, render};

    fn record(title: &str, tags: &[&str], body: &str) -> Record {
        let options = Options { base_path: "", site_host: "example.org", words_per_minute: 200 };
        Record {
            url: format!("/posts/{}/", title.to_lowercase().replace(' ', "-")),
            title: title.into(),
            date: Some("2024-05-06".into()),
            date_display: Some("6 May 2024".into()),
            year: Some("2024".into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            html: Arc::new(render(body, &options)),
            source_hash: 1,
        }
    }

    #[test]
    fn the_document_escapes_what_the_author_wrote() {
        let html = document(&record("<b>A</b> & B", &["x, y: z", "<i>"], "Body"), "en");
        assert!(html.contains("<h1 data-pagefind-meta=\"title\">&lt;b&gt;A&lt;/b&gt; &amp; B</h1>"), "{html}");
        assert!(html.contains("<span data-pagefind-filter=\"tag\">x, y: z</span>"));
        assert!(html.contains("<span data-pagefind-filter=\"tag\">&lt;i&gt;</span>"));
        assert!(html.contains("<span data-pagefind-filter=\"year\">2024</span>"));
    }

    #[test]
    fn pagefind_indexes_every_record_with_its_filters() {
        let snapshot = Snapshot {
            enabled: true,
            language: "fr".into(),
            records: vec![
                record("Défense européenne", &["Défense"], "La sécurité de l'Europe."),
                record("Budget", &["Économie"], "Les dépenses publiques."),
            ],
            key: 0,
        };
        let files = build(&snapshot).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/pagefind-entry.json"));
        assert!(names.contains(&"pagefind/wasm.fr.pagefind"), "the site's language is used: {names:?}");
        assert_eq!(names.iter().filter(|n| n.ends_with(".pf_fragment")).count(), 2);
        assert!(names.iter().any(|n| n.starts_with("pagefind/filter/")));
        assert!(!names.iter().any(|n| n.contains("pagefind-ui")), "the ready-made UI is left out");
        let entry: serde_json::Value =
            serde_json::from_slice(&files.iter().find(|f| f.path == "pagefind/pagefind-entry.json").unwrap().bytes)
                .unwrap();
        assert_eq!(entry["languages"]["fr"]["page_count"], 2, "{entry}");
    }
}
