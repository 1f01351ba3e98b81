//! `folio import` end to end: the seed texts imported into a new site with the real binary,
//! built, and the rendered pages checked; plus the command's safety rules.

use predicates::prelude::*;

use crate::support::{REPO, Site, select_text};

fn raw(name: &str) -> String {
    format!("{REPO}/tests/fixtures/raw/{name}")
}

#[test]
fn imported_seeds_build_into_clean_pages() {
    let site = Site::new("title: Imported\nbase_url: https://example.org/\n");
    site.cmd()
        .args(["import", &raw("000_0badaa863c07c809.txt"), &raw("002_3724c5ceded72225.txt"), "--date", "2025-09-02"])
        .assert()
        .success()
        .stdout(predicate::str::contains("removed second copy of the body"))
        .stdout(predicate::str::contains("dropped placeholder line 23: “My post content”"))
        .stdout(predicate::str::contains("imported 2 files"));
    site.build();

    let first = site.read("posts/russia-hardens-stance-on-ukraine-security-guarantees/index.html");
    assert_eq!(select_text(&first, "main h1"), ["Russia Hardens Stance on Ukraine Security Guarantees"]);
    assert!(select_text(&first, ".standfirst")[0].starts_with("Russia rejects Western-led security guarantees"));
    let headings = select_text(&first, ".prose h2");
    assert_eq!(headings.len(), 4, "{headings:?}");
    assert!(headings[0].starts_with("Why Security Guarantees Matter"));
    assert_eq!(select_text(&first, ".prose > p").len(), 6, "each paragraph once");
    assert!(!first.contains("My post content"));
    assert_eq!(first.matches("The clash over guarantees is part of a larger geopolitical struggle.").count(), 1);

    let second = site.read("posts/russia-rejects-zelenskyys-security-guarantees-escalating/index.html");
    assert_eq!(select_text(&second, ".prose h2").len(), 6);
    assert!(second.contains("<em>which</em>"), "the source's emphasis stays emphasis");
    assert!(select_text(&second, ".comments-prompt").iter().any(|t| t == "Share your thoughts in the comments below!"));
    let body = select_text(&second, ".prose").join(" ");
    assert!(body.contains("What are your predictions for the future of European security"), "the question stays");
    assert!(!body.contains("Share your thoughts"), "the call to action left the body");
}

#[test]
fn every_sentence_of_the_seeds_reaches_the_page_in_order() {
    let site = Site::new("title: Imported\n");
    site.cmd().args(["import", &raw("002_3724c5ceded72225.txt"), "--date", "2025-09-05"]).assert().success();
    site.build();
    let html = site.read("posts/russia-rejects-zelenskyys-security-guarantees-escalating/index.html");
    let doc = scraper::Html::parse_document(&html);
    let text: String =
        doc.select(&scraper::Selector::parse("main").unwrap()).next().unwrap().text().collect::<Vec<_>>().join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let source = std::fs::read_to_string(raw("002_3724c5ceded72225.txt")).unwrap();
    let mut from = 0;
    for line in source.lines().skip(1) {
        for sentence in line.split_inclusive(['.', '?', '!']).map(str::trim).filter(|s| s.len() > 3) {
            let plain = sentence.replace('*', "");
            let found = text[from..].find(&plain).unwrap_or_else(|| panic!("missing or out of order: {plain}"));
            from += found;
        }
    }
}

#[test]
fn dry_run_writes_nothing_and_existing_posts_need_force() {
    let site = Site::new("title: x\n");
    site.cmd()
        .args(["import", &raw("000_0badaa863c07c809.txt"), "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("title: Russia Hardens Stance on Ukraine Security Guarantees"));
    assert!(!site.path().join("content").exists());
    site.cmd().args(["import", &raw("000_0badaa863c07c809.txt")]).assert().success();
    site.cmd()
        .args(["import", &raw("000_0badaa863c07c809.txt")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--force"));
    site.cmd().args(["import", &raw("000_0badaa863c07c809.txt"), "--force"]).assert().success();
}

#[test]
fn bad_files_fail_by_name_while_good_ones_are_imported() {
    let site = Site::new("title: x\n");
    let dir = site.path().join("inbox");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(raw("000_0badaa863c07c809.txt"), dir.join("good.txt")).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), b"abc\0def").unwrap();
    site.cmd()
        .args(["import", "inbox"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("good.txt"))
        .stderr(predicate::str::contains("empty.txt"))
        .stderr(predicate::str::contains("binary.txt"))
        .stderr(predicate::str::contains("imported 1 file; 2 failed"));
    assert_eq!(std::fs::read_dir(site.path().join("content/posts")).unwrap().count(), 1);
}

/// What scripts/regenerate-demo does after importing: the front matter an editor added
/// (scripts/demo-argument/<slug>.yaml) goes at the end of the imported front matter.
fn with_editor_additions(imported: &str, name: &str) -> String {
    let extra = format!("{REPO}/scripts/demo-argument/{}.yaml", name.trim_end_matches(".md"));
    let Ok(extra) = std::fs::read_to_string(extra) else { return imported.to_string() };
    let close = imported[4..].find("\n---\n").map(|i| i + 5).expect("imported front matter is closed");
    format!("{}{extra}{}", &imported[..close], &imported[close..])
}

#[test]
fn the_demo_posts_are_what_import_produces() {
    let site = Site::new("title: x\n");
    site.cmd().args(["import", &raw("000_0badaa863c07c809.txt"), "--date", "2025-09-02"]).assert().success();
    site.cmd().args(["import", &raw("002_3724c5ceded72225.txt"), "--date", "2025-09-05"]).assert().success();
    for entry in std::fs::read_dir(site.path().join("content/posts")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        let committed = std::fs::read_to_string(format!("{REPO}/content/posts/{name}")).unwrap_or_default();
        let imported = with_editor_additions(&std::fs::read_to_string(&path).unwrap(), name);
        assert_eq!(imported, committed, "content/posts/{name} is stale: run scripts/regenerate-demo");
    }
}
