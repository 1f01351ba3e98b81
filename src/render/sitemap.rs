//! `sitemap.xml` (every post, page, list page) and `robots.txt` pointing at it.

use std::fmt::Write as _;

use super::{OutputFile, Shared, lists};

/// The sitemap protocol allows 50,000 URLs per file; larger sites get an index of several files.
const URLS_PER_FILE: usize = 50_000;

pub fn render(shared: &Shared<'_>) -> Vec<OutputFile> {
    let lib = shared.library;
    let urls = shared.urls;
    let mut entries: Vec<(String, Option<String>)> =
        vec![(urls.permalink(""), lib.posts.first().and_then(|p| p.doc.date.as_ref()).map(|d| d.iso_date()))];
    for post in &lib.posts {
        let last = post.doc.updated.as_ref().or(post.doc.date.as_ref()).map(|d| d.iso_date());
        entries.push((urls.permalink(&post.doc.path), last));
    }
    for page in &lib.pages {
        entries.push((
            urls.permalink(&page.doc.path),
            page.doc.updated.as_ref().or(page.doc.date.as_ref()).map(|d| d.iso_date()),
        ));
    }
    for job in lists::jobs(shared) {
        let rel = match job {
            lists::ListJob::TaxonomyIndex { taxonomy } => format!("{}/", lib.taxonomies[taxonomy].name),
            lists::ListJob::Term { taxonomy, term, page: 1 } => {
                format!("{}/{}/", lib.taxonomies[taxonomy].name, lib.taxonomies[taxonomy].terms[term].slug)
            }
            lists::ListJob::Archive => "archive/".into(),
            _ => continue,
        };
        entries.push((urls.permalink(&rel), None));
    }
    let mut files = Vec::new();
    let chunks: Vec<&[(String, Option<String>)]> = entries.chunks(URLS_PER_FILE).collect();
    if chunks.len() == 1 {
        files.push(file("sitemap.xml", urlset(chunks[0])));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (n, chunk) in chunks.iter().enumerate() {
            let name = format!("sitemap-{}.xml", n + 1);
            let _ = writeln!(index, "  <sitemap><loc>{}</loc></sitemap>", xml_escape(&urls.permalink(&name)));
            files.push(file(&name, urlset(chunk)));
        }
        index.push_str("</sitemapindex>\n");
        files.push(file("sitemap.xml", index));
    }
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", urls.permalink("sitemap.xml"));
    files.push(file("robots.txt", robots));
    files
}

fn urlset(entries: &[(String, Option<String>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in entries {
        let _ = write!(out, "  <url><loc>{}</loc>", xml_escape(loc));
        if let Some(d) = lastmod {
            let _ = write!(out, "<lastmod>{d}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn file(path: &str, text: String) -> OutputFile {
    OutputFile { path: path.into(), bytes: text.into_bytes(), origin: "the sitemap".into() }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}
