//! Site search: the index holds every post and page except those that opt out, the site-wide
//! switch removes it all, and the search page is valid HTML. (What a reader sees is tested in
//! tests/browser/search.test.mjs.)

use std::collections::BTreeSet;
use std::io::Read;
use std::process::Command;

use crate::support::Site;

fn site(config: &str) -> Site {
    let site = Site::new(config);
    site.post("alpha", "2024-01-02", "tags: [Défense, NATO]\n", "Zakharova spoke about défense spending.");
    site.post("beta", "2023-06-07", "tags: [Economy]\n", "Budget lines for 2024.");
    site.post("hidden", "2024-03-04", "search: false\n", "A post nobody should find by searching.");
    site.write("content/about.md", "---\ntitle: About\n---\nWho writes here.\n");
    site.write("content/secret.md", "---\ntitle: Secret\nsearch: false\n---\nNot in the index.\n");
    site
}

/// The URLs of the pages in the built index, read from its fragments (gzip, then JSON).
fn indexed_urls(site: &Site) -> BTreeSet<String> {
    let mut urls = BTreeSet::new();
    for file in site.output_files().iter().filter(|f| f.ends_with(".pf_fragment")) {
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(site.out(file)).unwrap()).read_to_end(&mut text).unwrap();
        let json = text.strip_prefix(b"pagefind_dcd").expect("Pagefind's fragment signature");
        let fragment: serde_json::Value = serde_json::from_slice(json).unwrap();
        urls.insert(fragment["url"].as_str().unwrap().to_string());
    }
    urls
}

#[test]
fn the_index_holds_every_post_and_page_except_those_that_opt_out() {
    let site = site("title: T\nbase_url: https://example.org/blog/\n");
    site.build();
    let expected: BTreeSet<String> =
        ["/blog/posts/alpha/", "/blog/posts/beta/", "/blog/about/"].iter().map(|s| s.to_string()).collect();
    assert_eq!(indexed_urls(&site), expected);
    let entry: serde_json::Value = serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).unwrap();
    assert_eq!(entry["languages"]["en"]["page_count"], 3, "{entry}");
    assert!(site.exists("pagefind/pagefind.js"));
    assert!(site.exists("pagefind/wasm.en.pagefind"));
    assert!(!site.exists("pagefind/pagefind-ui.js"), "Pagefind's own UI is not written");
    let page = site.read("search/index.html");
    assert!(page.contains("data-bundle=\"/blog/pagefind/pagefind.js\""), "{page}");
    assert!(page.contains("src=\"/blog/search.js\""));
    assert!(site.read("posts/alpha/index.html").contains("action=\"/blog/search/\""), "the header's search box");
}

#[test]
fn the_index_follows_the_site_language() {
    let site = site("title: T\nlanguage: fr-CA\n");
    site.build();
    let entry: serde_json::Value = serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).unwrap();
    assert_eq!(entry["languages"]["fr"]["page_count"], 3, "{entry}");
    assert!(site.exists("pagefind/wasm.fr.pagefind"));
}

#[test]
fn search_can_be_turned_off_for_the_whole_site() {
    let site = site("title: T\nsearch:\n  enabled: false\n");
    site.build();
    let files = site.output_files();
    assert!(!files.iter().any(|f| f.starts_with("pagefind/") || f.starts_with("search/")), "{files:?}");
    assert!(!site.read("posts/alpha/index.html").contains("role=\"search\""));
}

#[test]
fn a_mistyped_search_key_is_refused_with_a_suggestion() {
    let site = site("title: T\nsearch:\n  enable: false\n");
    let err = site.try_build(site.options()).unwrap_err().to_string();
    assert!(err.contains("folio.yaml:3:3: search: unknown key `enable`"), "{err}");
    assert!(err.contains("did you mean `enabled`?"), "{err}");
}

#[test]
fn a_page_at_search_clashes_with_the_search_page_and_is_named() {
    let site = site("title: T\n");
    site.write("content/search.md", "---\ntitle: My search\n---\n");
    let err = site.try_build(site.options()).unwrap_err().to_string();
    assert!(err.contains("content/search.md"), "{err}");
}

#[test]
fn the_search_page_is_valid_html5() {
    let site = site("title: T\nbase_url: https://example.org/blog/\nlanguage: de\n");
    site.build();
    let out = Command::new("java")
        .arg("-jar")
        .arg(crate::validate::vnu_jar())
        .args(["--errors-only", "--format", "text"])
        .arg(site.out("search/index.html"))
        .arg(site.out("posts/alpha/index.html"))
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the HTML checker found errors:\n{report}");
}
