//! Snapshots of the `<main>` element of each kind of page of a fixture site, so that changes to
//! the default theme's content (not its chrome) are reviewed. Update with `cargo insta review`
//! or `INSTA_UPDATE=always cargo test`.

use crate::support::{REPO, Site, copy_tree, main_of};

fn fixture() -> Site {
    let site = Site::new("");
    copy_tree(&std::path::Path::new(REPO).join("tests/fixtures/sites/basic"), site.path());
    site.build();
    site
}

#[test]
fn main_element_of_each_page_kind() {
    let site = fixture();
    for (name, file) in [
        ("home", "index.html"),
        ("home_page_2", "page/2/index.html"),
        ("post", "posts/deterrence/index.html"),
        ("page", "about/index.html"),
        ("tags", "tags/index.html"),
        ("tag", "tags/nato/index.html"),
        ("archive", "archive/index.html"),
        ("not_found", "404.html"),
    ] {
        insta::assert_snapshot!(name, main_of(&site.read(file)));
    }
}

#[test]
fn feeds_and_sitemap() {
    let site = fixture();
    insta::assert_snapshot!("atom", site.read("atom.xml"));
    insta::assert_snapshot!("rss", site.read("rss.xml"));
    insta::assert_snapshot!("sitemap", site.read("sitemap.xml"));
    insta::assert_snapshot!("alias", site.read("2025/deterrence/index.html"));
}
