//! Site search: the index holds every post and page except those that opt out, the site-wide
//! switch removes it all, the output is deterministic, words are folded and stop words follow
//! the language, and the search page is valid HTML. (What a reader sees is tested in
//! tests/browser/search.test.mjs.)

use std::collections::BTreeSet;
use std::path::PathBuf;

use folio::report::Silent;
use folio::search::index::Cache;
use folio::site::{Change, Site as Engine};

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

fn json(site: &Site, path: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The URLs of the documents in the built index, in id order.
fn indexed_urls(site: &Site) -> Vec<String> {
    let manifest = json(site, "search/manifest.json");
    let (docs, per) = (manifest["docs"].as_u64().unwrap(), manifest["docs_per_file"].as_u64().unwrap());
    (0..docs.div_ceil(per))
        .flat_map(|n| json(site, &format!("search/docs/{n}.json")).as_array().unwrap().clone())
        .map(|d| d["url"].as_str().unwrap().to_string())
        .collect()
}

/// Every term of the index.
fn terms(site: &Site) -> BTreeSet<String> {
    let manifest = json(site, "search/manifest.json");
    let mut out = BTreeSet::new();
    for shard in manifest["shards"].as_array().unwrap() {
        let shard = json(site, &format!("search/{}", shard[1].as_str().unwrap()));
        out.extend(shard["t"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()));
    }
    out
}

#[test]
fn the_index_holds_every_post_and_page_except_those_that_opt_out() {
    let site = site("title: T\nbase_url: https://example.org/blog/\n");
    site.build();
    // Newest first, the undated page last.
    assert_eq!(indexed_urls(&site), ["/blog/posts/alpha/", "/blog/posts/beta/", "/blog/about/"]);
    let terms = terms(&site);
    for word in ["zakharova", "defense", "spending", "budget", "writes", "#Défense", "#NATO", "#Economy"] {
        assert!(terms.contains(word), "{word} in {terms:?}");
    }
    for word in ["nobody", "searching", "index"] {
        assert!(!terms.contains(word), "{word} is only in pages that opt out");
    }
    let manifest = json(&site, "search/manifest.json");
    assert_eq!(manifest["language"], "en");
    assert_eq!(manifest["years"], serde_json::json!([["2024", 0, 1], ["2023", 1, 2]]));
    let page = site.read("search/index.html");
    assert!(page.contains("data-index=\"/blog/search/manifest.json\""), "{page}");
    assert!(page.contains("src=\"/blog/search.js\""));
    assert!(site.read("posts/alpha/index.html").contains("action=\"/blog/search/\""), "the header's search box");
}

#[test]
fn the_index_follows_the_site_language() {
    let site = Site::new("title: T\nlanguage: fr-CA\n");
    site.post("defense", "2024-01-02", "", "La politique de défense européenne et les dépenses.");
    site.build();
    let manifest = json(&site, "search/manifest.json");
    assert_eq!(manifest["language"], "fr");
    assert!(manifest["stop"].as_array().unwrap().contains(&serde_json::json!("les")));
    let terms = terms(&site);
    assert!(terms.contains("defense") && terms.contains("europeenne") && terms.contains("depenses"), "{terms:?}");
    assert!(!terms.contains("les") && !terms.contains("la"), "French stop words are left out: {terms:?}");
}

#[test]
fn the_index_is_the_same_byte_for_byte_on_every_build() {
    let site = site("title: T\n");
    site.build();
    let first: Vec<(String, Vec<u8>)> = site
        .output_files()
        .into_iter()
        .filter(|f| f.starts_with("search/"))
        .map(|f| {
            let bytes = std::fs::read(site.out(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    assert!(first.len() > 3, "{first:?}");
    site.build();
    for (path, bytes) in &first {
        assert_eq!(&std::fs::read(site.out(path)).unwrap(), bytes, "{path}");
    }
}

#[test]
fn search_can_be_turned_off_for_the_whole_site() {
    let site = site("title: T\nsearch:\n  enabled: false\n");
    site.build();
    let files = site.output_files();
    assert!(!files.iter().any(|f| f.starts_with("search/")), "{files:?}");
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
    crate::validate::assert_valid_html([site.out("search/index.html"), site.out("posts/alpha/index.html")]);
}

/// The preview's way (`folio serve`): the engine rebuilds what a save changed, hands over a
/// snapshot, and the index is updated from the analyses kept since the last update. After each
/// kind of change, the files equal those of a fresh full build byte for byte, and only the
/// documents whose text or title changed were read again.
#[test]
fn the_preview_updates_the_index_by_reading_only_what_changed_and_matches_a_full_build() {
    let site = site("title: T\nbase_url: https://example.org/blog/\n");
    site.post("gamma", "2022-02-03", "tags: [NATO]\n", "Older prose on fiscal rules.");
    let mut options = site.options();
    options.defer_search = true;
    let mut engine = Engine::load(&options, &Silent).unwrap();
    let mut cache = Cache::default();
    let first = engine.search_snapshot().expect("a first snapshot").build_with(&mut cache);
    assert_eq!(cache.analysed, 4, "alpha, beta, gamma, about");
    let pairs =
        |files: Vec<folio::render::OutputFile>| files.into_iter().map(|f| (f.path, f.bytes)).collect::<Vec<_>>();
    let mut previous = pairs(first);
    let mut step = |what: &str, changed: &str, analysed: usize, edit: &dyn Fn()| {
        edit();
        engine.rebuild(&[Change::Content(PathBuf::from(changed))], &Silent).unwrap();
        let snapshot = engine.search_snapshot().unwrap_or_else(|| panic!("{what}: the index's inputs changed"));
        let updated = pairs(snapshot.build_with(&mut cache));
        let mut fresh = Engine::load(&options, &Silent).unwrap();
        let full = pairs(fresh.search_snapshot().unwrap().build());
        assert_eq!(updated.len(), full.len(), "{what}: same files");
        for ((path, bytes), (full_path, full_bytes)) in updated.iter().zip(&full) {
            assert_eq!(path, full_path, "{what}");
            assert!(bytes == full_bytes, "{what}: {path} differs from a full build");
        }
        assert_ne!(updated, previous, "{what}: the index changed");
        assert_eq!(cache.analysed, analysed, "{what}: documents read again");
        previous = updated;
    };
    step("body edited", "content/posts/alpha.md", 1, &|| {
        site.post("alpha", "2024-01-02", "tags: [Défense, NATO]\n", "Zakharova spoke about procurement.");
    });
    step("title edited", "content/posts/beta.md", 1, &|| {
        site.write(
            "content/posts/beta.md",
            "---\ntitle: Budget lines\ndate: 2023-06-07\ntags: [Economy]\n---\nBudget lines for 2024.\n",
        );
    });
    step("tags edited", "content/posts/gamma.md", 0, &|| {
        site.post("gamma", "2022-02-03", "tags: [NATO, Economy]\n", "Older prose on fiscal rules.");
    });
    step("post added", "content/posts/delta.md", 1, &|| {
        site.post("delta", "2025-05-05", "tags: [Energy]\n", "A new post on gas storage.");
    });
    step("post deleted", "content/posts/beta.md", 0, &|| {
        std::fs::remove_file(site.path().join("content/posts/beta.md")).unwrap();
    });
    step("post leaves the index", "content/posts/gamma.md", 0, &|| {
        site.post("gamma", "2022-02-03", "tags: [NATO, Economy]\nsearch: false\n", "Older prose on fiscal rules.");
    });
    let terms: BTreeSet<String> = previous
        .iter()
        .filter(|(p, _)| p.starts_with("search/terms/"))
        .flat_map(|(_, b)| {
            let shard: serde_json::Value = serde_json::from_slice(b).unwrap();
            shard["t"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect::<Vec<_>>()
        })
        .collect();
    for word in ["procurement", "storage", "#Energy"] {
        assert!(terms.contains(word), "{word} in {terms:?}");
    }
    for word in ["spending", "budget", "fiscal", "#Economy"] {
        assert!(!terms.contains(word), "{word} is gone: {terms:?}");
    }
}
