//! Incremental rebuilds (used by `folio serve`) produce exactly the bytes of a full build, for
//! every kind of change, and re-render only what depends on the change.

use std::collections::BTreeMap;
use std::path::PathBuf;

use folio::report::Silent;
use folio::site::{Change, RebuildReport, Site as Engine};

use crate::support::Site;

fn blog() -> Site {
    let site = Site::new("title: T\nbase_url: https://example.org/\npaginate: 2\n");
    for (i, tags) in ["[NATO]", "[NATO, Russia]", "[Economy]", "[Russia]", "[NATO]"].iter().enumerate() {
        site.post(
            &format!("p{i}"),
            &format!("2025-01-0{}", i + 1),
            &format!("tags: {tags}\n"),
            &format!("Body of post {i}.\n\nMore text."),
        );
    }
    site.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n");
    site
}

fn snapshot(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    engine.files().map(|f| (f.path.clone(), f.bytes.clone())).collect()
}

/// Applies `edit` to the files, rebuilds incrementally, and compares with a full build.
fn check(edit: impl FnOnce(&Site) -> Vec<Change>) -> RebuildReport {
    check_on(blog(), edit)
}

/// [`check`] on a given site.
fn check_on(site: Site, edit: impl FnOnce(&Site) -> Vec<Change>) -> RebuildReport {
    let options = site.options();
    let mut engine = Engine::load(&options, &Silent).unwrap();
    let changes = edit(&site);
    let report = engine.rebuild(&changes, &Silent).unwrap();
    let full = Engine::load(&options, &Silent).unwrap();
    let (inc, fresh) = (snapshot(&engine), snapshot(&full));
    assert_eq!(inc.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "same files");
    for (path, bytes) in &fresh {
        assert!(inc[path] == *bytes, "{path} differs between incremental and full build");
    }
    report
}

fn content(p: &str) -> Change {
    Change::Content(PathBuf::from(p))
}

#[test]
fn body_edit_rerenders_the_post_and_feeds_but_not_the_lists() {
    let report = check(|s| {
        s.post("p1", "2025-01-02", "tags: [NATO, Russia]\n", "Body of post 1.\n\nEdited text.");
        vec![content("content/posts/p1.md")]
    });
    assert!(report.changed.contains(&"posts/p1/index.html".to_string()));
    // The search index changes too: it holds the post's words.
    let expected = |p: &String| {
        p.starts_with("posts/p1/") || p.ends_with(".xml") || (p.starts_with("search/") && p.ends_with(".json"))
    };
    assert!(report.changed.iter().all(expected), "{:?}", report.changed);
    assert!(!report.changed.contains(&"index.html".to_string()));
    // Rendered, not only changed: the post, and the feeds that carry its text (the site's and
    // its two tags'); no list page, neighbour or sitemap.
    assert_eq!(report.rendered, 4, "{report:?}");
}

#[test]
fn title_edit_updates_lists_and_neighbours() {
    let report = check(|s| {
        s.post("p1", "2025-01-02", "tags: [NATO, Russia]\n", "Body of post 1.\n\nMore text.");
        s.write(
            "content/posts/p1.md",
            "---\ntitle: \"New title\"\ndate: 2025-01-02\ntags: [NATO, Russia]\n---\nBody of post 1.\n\nMore text.\n",
        );
        vec![content("content/posts/p1.md")]
    });
    assert!(report.changed.contains(&"posts/p0/index.html".to_string()), "neighbour shows the title");
    assert!(report.changed.contains(&"tags/russia/index.html".to_string()));
}

#[test]
fn tag_change_moves_the_post_between_tag_pages() {
    let report = check(|s| {
        s.post("p2", "2025-01-03", "tags: [NATO]\n", "Body of post 2.\n\nMore text.");
        vec![content("content/posts/p2.md")]
    });
    assert!(report.removed.contains(&"tags/economy/index.html".to_string()), "{report:?}");
}

#[test]
fn added_deleted_and_renamed_posts() {
    check(|s| {
        s.post("new", "2025-02-01", "tags: [Energy]\n", "New.");
        vec![content("content/posts/new.md")]
    });
    let report = check(|s| {
        std::fs::remove_file(s.path().join("content/posts/p4.md")).unwrap();
        vec![content("content/posts/p4.md")]
    });
    assert!(report.removed.contains(&"posts/p4/index.html".to_string()));
    let report = check(|s| {
        std::fs::rename(s.path().join("content/posts/p3.md"), s.path().join("content/posts/p3b.md")).unwrap();
        vec![content("content/posts/p3.md"), content("content/posts/p3b.md")]
    });
    assert!(report.removed.contains(&"posts/p3/index.html".to_string()));
    assert!(report.changed.contains(&"posts/p3b/index.html".to_string()));
}

#[test]
fn page_edit_updates_the_menu_everywhere() {
    check(|s| {
        s.write("content/about.md", "---\ntitle: About the desk\n---\nAbout us.\n");
        vec![content("content/about.md")]
    });
}

#[test]
fn template_edit_rerenders_only_its_users() {
    let report = check(|s| {
        s.write("templates/archive.html", "<main>{{ years | length }} years</main>");
        vec![Change::Templates]
    });
    assert_eq!(report.changed, ["archive/index.html"]);
}

#[test]
fn static_and_config_changes() {
    let report = check(|s| {
        s.write("static/extra.css", "body{}");
        vec![Change::Static]
    });
    assert_eq!(report.changed, ["extra.css"]);
    let report = check(|s| {
        s.write("folio.yaml", "title: Renamed\nbase_url: https://example.org/\npaginate: 3\n");
        vec![Change::Config]
    });
    assert!(report.full && report.removed.contains(&"page/3/index.html".to_string()));
}

#[test]
fn a_broken_file_leaves_the_site_as_it_was() {
    let site = blog();
    let mut engine = Engine::load(&site.options(), &Silent).unwrap();
    let before = snapshot(&engine);
    site.write("content/posts/p1.md", "---\ntitle: [broken\n---\n");
    let err = engine.rebuild(&[content("content/posts/p1.md")], &Silent).unwrap_err();
    assert!(err.to_string().contains("content/posts/p1.md:2:"), "{err}");
    assert_eq!(snapshot(&engine), before);
}

/// The blog with two series: p0, p1, p2 in "Alpha" and p3, p4 in "Beta".
fn series_blog() -> Site {
    let site = blog();
    for (i, series) in ["Alpha", "Alpha", "Alpha", "Beta", "Beta"].iter().enumerate() {
        site.post(&format!("p{i}"), &format!("2025-01-0{}", i + 1), &format!("series: {series}\n"), "Body.");
    }
    site
}

#[test]
fn moving_a_post_between_series_rerenders_both_series() {
    let report = check_on(series_blog(), |s| {
        s.post("p1", "2025-01-02", "series: Beta\n", "Body.");
        vec![content("content/posts/p1.md")]
    });
    for part in ["p0", "p1", "p2", "p3", "p4"] {
        assert!(report.changed.contains(&format!("posts/{part}/index.html")), "{part}: {:?}", report.changed);
    }
}

#[test]
fn retitling_a_part_rerenders_the_other_parts_only() {
    let report = check_on(series_blog(), |s| {
        s.write("content/posts/p3.md", "---\ntitle: \"Beta opens\"\ndate: 2025-01-04\nseries: Beta\n---\nBody.\n");
        vec![content("content/posts/p3.md")]
    });
    assert!(report.changed.contains(&"posts/p4/index.html".to_string()), "{:?}", report.changed);
    assert!(!report.changed.contains(&"posts/p0/index.html".to_string()), "{:?}", report.changed);
}

#[test]
fn renumbering_parts_reorders_the_series() {
    check_on(series_blog(), |s| {
        s.post("p0", "2025-01-01", "series: Alpha\nseries_part: 9\n", "Body.");
        vec![content("content/posts/p0.md")]
    });
}
