//! Highlighted code kept between builds (`BuildOptions::cache_dir`, `folio build --no-cache`):
//! the output never depends on the cache.

use crate::support::Site;

fn site_with_code() -> Site {
    let site = Site::new("title: Code\nbase_url: https://example.org/\n");
    site.post("one", "2025-01-02", "", "Text.\n\n```rust\nfn main() {\n    println!(\"hi\");\n}\n```\n");
    site.post("two", "2025-01-03", "", "```python\ndef f(x):\n    return x * 2\n```\n\n```nolang\nplain\n```\n");
    site
}

fn outputs(site: &Site) -> Vec<(String, Vec<u8>)> {
    site.output_files().into_iter().map(|f| (f.clone(), std::fs::read(site.out(&f)).unwrap())).collect()
}

fn cache_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default()
}

#[test]
fn builds_with_and_without_the_cache_are_identical() {
    let site = site_with_code();
    site.build();
    let fresh = outputs(&site);
    assert!(site.read("posts/one/index.html").contains("hl-"), "the code is highlighted");

    let cache = tempfile::tempdir().unwrap();
    let options = folio::BuildOptions { cache_dir: Some(cache.path().to_path_buf()), ..site.options() };
    site.try_build(options.clone()).unwrap();
    assert_eq!(outputs(&site), fresh, "first build with the cache");
    let files = cache_files(cache.path());
    assert_eq!(files.len(), 1, "one file for the site: {files:?}");
    let written = std::fs::metadata(&files[0]).unwrap().modified().unwrap();
    let bytes = std::fs::read(&files[0]).unwrap();

    site.try_build(options.clone()).unwrap();
    assert_eq!(outputs(&site), fresh, "second build, from the cache");
    assert_eq!(std::fs::read(&files[0]).unwrap(), bytes, "nothing changed: the same blocks");
    assert_eq!(std::fs::metadata(&files[0]).unwrap().modified().unwrap(), written, "and the file was not rewritten");

    // An edited block is highlighted afresh, and the old one leaves the file.
    site.post("one", "2025-01-02", "", "Text.\n\n```rust\nfn main() {\n    let changed = 1;\n}\n```\n");
    site.try_build(options.clone()).unwrap();
    let html = site.read("posts/one/index.html");
    assert!(html.contains("changed") && !html.contains("println"), "{html}");
    site.try_build(folio::BuildOptions { cache_dir: None, ..options }).unwrap();
    assert_eq!(site.read("posts/one/index.html"), html, "the same as without the cache");
    assert!(std::fs::read(&files[0]).unwrap().len() < bytes.len() + 200, "no growth with blocks long gone");
}

#[test]
fn a_damaged_cache_file_is_ignored() {
    let site = site_with_code();
    site.build();
    let fresh = outputs(&site);
    let cache = tempfile::tempdir().unwrap();
    let options = folio::BuildOptions { cache_dir: Some(cache.path().to_path_buf()), ..site.options() };
    site.try_build(options.clone()).unwrap();
    let file = cache_files(cache.path()).remove(0);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.truncate(bytes.len() - 3);
    std::fs::write(&file, bytes).unwrap();
    site.try_build(options).unwrap();
    assert_eq!(outputs(&site), fresh);
}

#[test]
fn the_cli_keeps_the_cache_in_folio_cache_dir_unless_told_not_to() {
    let site = site_with_code();
    let cache = tempfile::tempdir().unwrap();
    site.cmd().env("FOLIO_CACHE_DIR", cache.path()).args(["build", "-q", "--no-cache"]).assert().success();
    assert!(cache_files(cache.path()).is_empty(), "--no-cache writes no cache");
    site.cmd().env("FOLIO_CACHE_DIR", cache.path()).args(["build", "-q"]).assert().success();
    assert_eq!(cache_files(cache.path()).len(), 1);
}
