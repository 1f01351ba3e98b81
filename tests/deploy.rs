//! Deploy anywhere: under a subpath every link, asset, feed and sitemap URL carries it.

use crate::support::{Site, attr_values};

fn subpath_site() -> Site {
    let site = Site::new("title: T\nbase_url: https://example.org/blog/\npaginate: 1\n");
    site.post("a", "2025-01-01", "tags: [NATO]\n", "See [about](/about/) and ![chart](/img/c.png).");
    site.post("b", "2025-01-02", "tags: [NATO]\n", "B");
    site.write("content/about.md", "---\ntitle: About\n---\nAbout.\n");
    site
}

fn html_pages(site: &Site) -> Vec<String> {
    site.output_files().into_iter().filter(|f| f.ends_with(".html")).collect()
}

#[test]
fn every_link_and_asset_carries_the_subpath() {
    let site = subpath_site();
    site.build();
    for page in html_pages(&site) {
        let html = site.read(&page);
        for attr in ["href", "src"] {
            for url in attr_values(&html, attr) {
                let ok =
                    url.starts_with("/blog/") || url.starts_with("https://example.org/blog/") || url.starts_with('#');
                assert!(ok, "{page}: {attr}=\"{url}\" does not carry /blog/");
            }
        }
    }
}

#[test]
fn feeds_and_sitemap_use_the_full_base_url() {
    let site = subpath_site();
    site.build();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/blog/posts/a/</loc>"));
    assert!(!sitemap.contains("<loc>https://example.org/posts"));
    assert!(site.read("atom.xml").contains("href=\"https://example.org/blog/atom.xml\""));
    assert!(site.read("rss.xml").contains("<link>https://example.org/blog/posts/b/</link>"));
    assert!(site.read("robots.txt").contains("Sitemap: https://example.org/blog/sitemap.xml"));
}

#[test]
fn base_url_flag_overrides_the_config() {
    let site = subpath_site();
    site.cmd().args(["build", "--base-url", "https://other.net/x/"]).assert().success();
    assert!(site.read("posts/a/index.html").contains("href=\"/x/about/\""));
    assert!(site.read("sitemap.xml").contains("https://other.net/x/posts/a/"));
}

/// Maps a root-relative URL of the site to the file a static host would serve for it.
fn served_file(site: &Site, base_path: &str, url: &str) -> Option<std::path::PathBuf> {
    let path = url.split(['#', '?']).next()?.strip_prefix(base_path)?;
    let rel = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    Some(site.out(rel.trim_start_matches('/')))
}

#[test]
fn no_internal_link_is_broken_at_a_root_or_under_a_subpath() {
    for (base_url, base_path) in [("https://example.org/", ""), ("https://example.org/blog/", "/blog")] {
        let site = Site::demo();
        site.cmd().args(["build", "--base-url", base_url]).assert().success();
        for page in html_pages(&site) {
            let html = site.read(&page);
            for url in attr_values(&html, "href").into_iter().chain(attr_values(&html, "src")) {
                let url = url.strip_prefix("https://example.org").map(String::from).unwrap_or(url);
                if url.starts_with('#') || url.contains("://") || url.starts_with("mailto:") {
                    continue;
                }
                let file = served_file(&site, base_path, &url);
                assert!(file.as_ref().is_some_and(|f| f.is_file()), "{base_url} {page}: broken link {url}");
            }
        }
    }
}
