//! The structure of an argument (docs/analysis.md): key points, updates and corrections,
//! sources and references to them, "Cite this article", series and pull quotes — snapshots of
//! each block's HTML, metadata (JSON-LD, Atom, meta description), exact error messages, and the
//! W3C Nu HTML Checker on a fixture site that uses every block.

use std::path::{Path, PathBuf};

use crate::support::{REPO, Site, copy_tree, meta, select_text};

fn fixture() -> Site {
    let site = Site::new("");
    copy_tree(&Path::new(REPO).join("tests/fixtures/sites/argument"), site.path());
    site.build();
    site
}

/// Outer HTML of every element matching `css`, one per line.
fn outer(html: &str, css: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).unwrap();
    let found: Vec<String> = doc.select(&selector).map(|e| e.html()).collect();
    assert!(!found.is_empty(), "nothing matches {css}");
    found.join("\n")
}

const PART_ONE: &str = "posts/deterrence-part-one/index.html";
const PART_TWO: &str = "posts/deterrence-part-two/index.html";

#[test]
fn each_block_renders_as_expected() {
    let site = fixture();
    let one = site.read(PART_ONE);
    for (name, css) in [
        ("key_points", ".key-points"),
        ("updates", ".updates"),
        ("series_first_part", "nav.series"),
        ("series_nav_first_part", ".series-nav"),
        ("sources", ".sources"),
        ("source_refs", ".source-ref"),
        ("cite", "details.cite"),
        ("pullquote", "aside.pullquote"),
        ("post_dates", ".post-dates"),
    ] {
        insta::assert_snapshot!(name, outer(&one, css));
    }
    let two = site.read(PART_TWO);
    insta::assert_snapshot!("series_middle_part", outer(&two, "nav.series"));
    insta::assert_snapshot!("series_nav_middle_part", outer(&two, ".series-nav"));
}

#[test]
fn posts_without_the_keys_show_none_of_the_blocks() {
    let site = fixture();
    let plain = site.read("posts/standalone/index.html");
    for class in ["key-points", "updates", "series", "sources", "series-nav", "pullquote", "source-ref"] {
        assert!(!plain.contains(&format!("class=\"{class}")), "{class} in a post without it");
    }
    assert!(plain.contains("<blockquote>"), "a plain quote stays a quote");
    assert!(plain.contains("Cite this article"), "every post can be cited");
}

#[test]
fn the_newest_update_is_date_modified_and_atom_updated() {
    let site = fixture();
    let one = site.read(PART_ONE);
    let doc = scraper::Html::parse_document(&one);
    let script = doc.select(&scraper::Selector::parse("script[type='application/ld+json']").unwrap()).next().unwrap();
    let ld: serde_json::Value = serde_json::from_str(&script.inner_html()).unwrap();
    // `updated: 2026-02-01`, updates on 2026-02-01 and 2026-03-03: the newest wins.
    assert_eq!(ld["dateModified"], "2026-03-03T00:00:00+00:00");
    assert_eq!(ld["datePublished"], "2026-01-10T00:00:00+00:00");
    assert_eq!(meta(&one, "article:modified_time").as_deref(), Some("2026-03-03T00:00:00+00:00"));
    assert_eq!(select_text(&one, ".post-updated"), ["Updated 3 March 2026"]);

    let atom = site.read("atom.xml");
    let entry = atom.split("<entry>").find(|e| e.contains("deterrence-part-one")).unwrap();
    assert!(entry.contains("<updated>2026-03-03T00:00:00+00:00</updated>"), "{entry}");
    assert!(entry.contains("<published>2026-01-10T00:00:00+00:00</published>"), "{entry}");
    // The feed's own date is its newest entry's: part three, published 2026-03-10.
    assert!(atom.contains("<updated>2026-03-10T00:00:00+00:00</updated>\n  <generator"), "{atom}");
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/posts/deterrence-part-one/</loc><lastmod>2026-03-03</lastmod>"));
}

#[test]
fn key_points_stand_in_for_a_missing_description() {
    let site = fixture();
    let one = site.read(PART_ONE);
    let expected =
        "Deterrence is a promise that must be believed. Budgets & <b>treaties</b> are signals, not guarantees.";
    assert_eq!(meta(&one, "description").as_deref(), Some(expected));
    assert_eq!(meta(&one, "og:description").as_deref(), Some(expected));
    let three = site.read("posts/deterrence-part-three/index.html");
    assert_eq!(meta(&three, "description").as_deref(), Some("The written description wins over key points."));
    // Feed summaries and list pages show the key points, escaped.
    let atom = site.read("atom.xml");
    let entry = atom.split("<entry>").find(|e| e.contains("deterrence-part-one")).unwrap();
    assert!(
        entry.contains(
            "<summary type=\"html\">&lt;ul class=&quot;key-points-summary&quot;&gt;&lt;li&gt;Deterrence is a promise"
        ),
        "{entry}"
    );
    assert!(entry.contains("Budgets &amp;amp; &amp;lt;b&amp;gt;treaties"), "{entry}");
    let home = site.read("index.html");
    assert!(home.contains("<li>Budgets &amp; &lt;b&gt;treaties&lt;/b&gt; are signals, not guarantees.</li>"));
}

#[test]
fn source_references_link_to_their_entries() {
    let site = fixture();
    let one = site.read(PART_ONE);
    let doc = scraper::Html::parse_document(&one);
    let refs = scraper::Selector::parse(".prose .source-ref a").unwrap();
    for a in doc.select(&refs) {
        let target = a.value().attr("href").unwrap().trim_start_matches('#');
        let li = scraper::Selector::parse(&format!(".sources-list li#{target}")).unwrap();
        assert_eq!(doc.select(&li).count(), 1, "{target} exists");
    }
    assert_eq!(doc.select(&refs).count(), 3, "in the text and in a footnote");
    // Excerpts, shown away from the page, drop the references and the pull quote.
    let home = site.read("index.html");
    assert!(!home.contains("source-ref") && !home.contains("pullquote"));
}

/// Builds a one-post site and returns the build error's text.
fn error_of(front: &str, body: &str) -> String {
    let site = Site::new("title: T\n");
    site.post("a", "2026-01-01", front, body);
    site.try_build(site.options()).expect_err("the build must fail").to_string()
}

#[test]
fn errors_name_the_file_line_and_column() {
    let cases: [(&str, &str, &str); 9] = [
        (
            "updates:\n  - date: soon\n    note: x\n",
            "",
            "error: content/posts/a.md:5:11: updates[0].date: `soon` is not a date: use `YYYY-MM-DD` or RFC 3339 such as `2025-03-03T09:30:00+01:00`",
        ),
        (
            "updates:\n  - date: 2026-01-02\n    kind: fix\n    note: x\n",
            "",
            "error: content/posts/a.md:6:11: updates[0].kind: unknown variant `fix`, expected `update` or `correction`",
        ),
        (
            "updates:\n  - date: 2026-01-02\n    nte: x\n",
            "",
            "error: content/posts/a.md:6:5: updates[0]: unknown key `nte`\n  help: did you mean `note`?",
        ),
        (
            "key_points:\n  - fine\n  - \"  \"\n",
            "",
            "error: content/posts/a.md:6:5: key_points[1]: the text is empty: write something or remove the entry",
        ),
        (
            "sources:\n  - title: T\n    url: javascript:alert(1)\n",
            "",
            "error: content/posts/a.md:6:10: sources[0].url: `javascript:alert(1)` is not a web address: write a full http:// or https:// URL, such as `https://example.org/report`",
        ),
        (
            "sources:\n  - title: T\n    date: 2025-13\n",
            "",
            "error: content/posts/a.md:6:11: sources[0].date: `2025-13` is not a date: use `YYYY`, `YYYY-MM` or `YYYY-MM-DD`",
        ),
        (
            "series_part: 2\n",
            "",
            "error: content/posts/a.md:4:1: series_part: the post belongs to no series\n  help: add `series: \"Name of the series\"`, or remove `series_part`",
        ),
        (
            "sources:\n  - title: Only one\n",
            "Intro.\n\nA claim.[[source:2]]",
            "error: content/posts/a.md:9:9: `[[source:2]]` refers to source 2, but the post lists only 1 source\n  help: add the source to `sources:` in the front matter, or correct the number (sources count from 1)",
        ),
        (
            "",
            "Body text.\n\n> [!PULLQUOTE]\n> Words never written.",
            "error: content/posts/a.md:7:1: the pull quote repeats words that are not in the post: “words never written”\n  help: screen readers skip pull quotes, so their words must also be in the text: copy the sentence into the body, or use a plain `>` blockquote",
        ),
    ];
    for (front, body, expected) in cases {
        assert_eq!(error_of(front, body), expected, "front matter:\n{front}");
    }
}

#[test]
fn series_part_must_be_a_positive_number() {
    assert_eq!(
        error_of("series: S\nseries_part: 0\n", ""),
        "error: content/posts/a.md:5:14: series_part: `0` is not a part number: parts are numbered from 1"
    );
}

#[test]
fn every_page_of_the_fixture_is_valid_html5() {
    let site = fixture();
    let pages: Vec<PathBuf> =
        site.output_files().into_iter().filter(|f| f.ends_with(".html")).map(|f| site.out(&f)).collect();
    crate::validate::assert_valid_html(&pages);
}

#[test]
fn standalone_pages_show_key_points_updates_and_sources_but_no_series_or_citation() {
    let site = fixture();
    let about = site.read("about/index.html");
    assert_eq!(select_text(&about, ".key-points li"), ["Pages carry key points, updates and sources too."]);
    assert_eq!(select_text(&about, ".update-correction .update-label"), ["Correction"]);
    assert_eq!(select_text(&about, "#source-1 cite"), ["Our charter"]);
    assert_eq!(select_text(&about, ".post-updated"), ["Updated 20 January 2026"]);
    assert!(!about.contains("Cite this article") && !about.contains("class=\"series"));
}
