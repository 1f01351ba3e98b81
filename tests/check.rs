//! `folio check`: every kind of problem found at its exact place in a fixture site built to
//! hold them all, the flags that change what counts as published, the command line (output,
//! exit codes, JSON), and the demo site.

use std::path::{Path, PathBuf};

use folio::check::{CheckOptions, Kind, Report, Severity, check};
use predicates::prelude::*;

use crate::support::{REPO, Site};

fn fixture() -> PathBuf {
    Path::new(REPO).join("tests/fixtures/sites/check-problems")
}

fn options(root: &Path) -> CheckOptions {
    CheckOptions { now: "2025-06-01T00:00:00Z".parse().unwrap(), ..CheckOptions::new(root) }
}

/// Each finding as `severity[kind] path:line:column: message`.
fn lines(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| {
            let severity = if f.severity() == Severity::Error { "error" } else { "warning" };
            format!("{severity}[{}] {}: {}", f.kind.name(), f.location, f.message)
        })
        .collect()
}

const P: &str = "content/posts/problems.md";

#[test]
fn finds_every_kind_of_problem_at_its_place() {
    let report = check(&options(&fixture()));
    let expected = [
        "warning[heading-jump] content/about.md:5:1: h3 follows the title (h1)".to_string(),
        "error[broken-link] content/about.md:7:10: broken link: it has no address".into(),
        "error[front-matter] content/posts/bad-front.md:3:1: unknown key `tilte`".into(),
        "error[data] content/posts/figures.yml:4:1: invalid YAML: did not find expected ',' or ']' at line 4 column 1 while parsing a flow sequence".into(),
        "warning[future-date] content/posts/later.md:3:1: dated 2999-01-01, in the future: `folio build` leaves it out until then".into(),
        "error[content] content/posts/latin1.md:6:4: the file is not valid UTF-8".into(),
        format!("warning[missing-description] {P}:2:1: no `description` or `key_points`: search results and link previews get the site's description instead"),
        format!("error[empty-tag] {P}:6:1: tags: item 2 is empty"),
        format!("error[empty-tag] {P}:7:1: tags: item 3 `!!!` has no letter or digit"),
        format!("warning[placeholder] {P}:12:1: leftover placeholder text “Your content goes here”"),
        format!("error[broken-link] {P}:14:9: broken link `/posts/nope/`: nothing is built at /posts/nope/"),
        format!("error[broken-anchor] {P}:14:31: broken anchor in `/posts/good/#backgrund`: /posts/good/ has no heading or other element with the id `backgrund`"),
        format!("error[broken-anchor] {P}:14:65: broken anchor `#metod`: no heading or other element on this page has the id `metod`"),
        format!("error[broken-link] {P}:15:1: broken link `../nope/`: nothing is built at /posts/nope/"),
        format!("error[broken-link] {P}:15:23: broken link `https://example.org/blog/posts/gone/`: nothing is built at /posts/gone/"),
        format!("error[broken-link] {P}:15:73: broken link `/blog/posts/good/`: nothing is built at /blog/posts/good/"),
        format!("error[broken-link] {P}:16:1: broken link `/posts/draft/`: /posts/draft/ is not published: it is a draft"),
        format!("error[broken-link] {P}:16:25: broken link `/posts/later/`: /posts/later/ is not published: it is dated 2999-01-01, in the future"),
        format!("error[broken-link] {P}:16:50: broken link `../../../x/`: it leads above the site's root"),
        format!("error[broken-link] {P}:16:75: broken image `/img/missing.png`: nothing is built at /img/missing.png"),
        format!("warning[missing-alt] {P}:16:75: image without alt text"),
        format!("warning[heading-jump] {P}:18:1: h4 follows an h2"),
        format!("warning[duplicate-paragraph] {P}:22:1: this paragraph repeats the one at line 20"),
        format!("warning[placeholder] {P}:24:22: leftover placeholder text “Lorem ipsum dolor sit amet, consectetur adipiscing elit.”"),
        "error[data] data/broken.json:3:1: invalid JSON: trailing comma".into(),
        "error[data] data/spending.csv:3: row 2: this row has 2 fields but the header has 3".into(),
        "error[template] templates/broken.html:1:18: template error: Found `}` but expected }}.".into(),
    ];
    assert_eq!(lines(&report), expected);
    assert_eq!(report.files, 12, "folio.yaml, 7 content files, 4 data files");
    assert_eq!(report.summary(), "19 errors, 8 warnings in 12 files");
}

#[test]
fn the_good_post_has_no_findings() {
    // Root-relative, relative, own-host absolute, query + anchor, footnote, theme id, tag page,
    // feed and static-file links, under a /blog base path: all of them resolve.
    let report = check(&options(&fixture()));
    assert!(report.findings.iter().all(|f| !f.location.path.ends_with("good.md")), "{:#?}", lines(&report));
}

#[test]
fn fixes_are_suggested() {
    let report = check(&options(&fixture()));
    let help = |line: usize, column: usize| {
        let f = report.findings.iter().find(|f| {
            f.location.path == Path::new(P) && f.location.line == Some(line) && f.location.column == Some(column)
        });
        f.and_then(|f| f.help.clone()).unwrap_or_default()
    };
    assert_eq!(help(14, 31), "did you mean `#background`?");
    assert_eq!(help(14, 65), "did you mean `#method`?");
    assert_eq!(help(15, 73), "folio adds the base path `/blog` to root-relative links itself: write `/posts/good/`");
    assert_eq!(help(16, 1), "`folio build` leaves it out; publish it first, or check with --drafts");
}

#[test]
fn drafts_and_future_posts_count_as_published_when_asked() {
    let root = fixture();
    let report = check(&CheckOptions { drafts: true, future: true, ..options(&root) });
    let found = lines(&report);
    assert!(
        found.contains(
            &"warning[placeholder] content/posts/draft.md:8:1: leftover placeholder text “Lorem ipsum dolor sit amet.”"
                .to_string()
        )
    );
    assert!(!found.iter().any(|l| l.contains("/posts/draft/") || l.contains("/posts/later/")), "{found:#?}");
    // Without the flags the draft is not checked at all.
    assert!(!lines(&check(&options(&root))).iter().any(|l| l.contains("draft.md")));
}

#[test]
fn config_errors_are_reported_and_the_content_still_checked() {
    let site = Site::new("title: x\ntilte: y\n");
    site.post("a", "2024-01-01", "description: d\n", "## A\n\n#### B\n");
    let report = check(&options(site.path()));
    assert_eq!(
        lines(&report),
        [
            "warning[heading-jump] content/posts/a.md:8:1: h4 follows an h2",
            "error[config] folio.yaml:2:1: unknown key `tilte`",
        ]
    );
}

#[test]
fn the_fixture_holds_every_kind_but_config_and_skipped() {
    let report = check(&options(&fixture()));
    let mut kinds: Vec<Kind> = report.findings.iter().map(|f| f.kind).collect();
    kinds.sort();
    kinds.dedup();
    use Kind::*;
    assert_eq!(
        kinds,
        [
            Template,
            Content,
            FrontMatter,
            Data,
            BrokenLink,
            BrokenAnchor,
            EmptyTag,
            Placeholder,
            DuplicateParagraph,
            HeadingJump,
            MissingDescription,
            MissingAlt,
            FutureDate
        ]
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_a_warning() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), "---\ntitle: X\n---\n").unwrap();
    let site = Site::new("title: x\n");
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("x.md"), site.path().join("content/x.md")).unwrap();
    assert_eq!(
        lines(&check(&options(site.path()))),
        ["warning[skipped] content/x.md: skipped: symbolic link that leads outside the site"]
    );
}

#[test]
fn the_demo_site_has_no_findings() {
    let report = check(&CheckOptions::new(REPO));
    // The post without a `description` has `key_points`, which stand in for it.
    assert_eq!(lines(&report), Vec::<String>::new());
}

// The command line.

fn folio() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("folio").unwrap()
}

#[test]
fn cli_lists_errors_then_warnings_then_a_summary_and_exits_1() {
    let output = folio().args(["check", "--root"]).arg(fixture()).assert().code(1).get_output().stdout.clone();
    let text = String::from_utf8(output).unwrap();
    let last_error = text.rfind("\nerror[").unwrap();
    let first_warning = text.find("\nwarning[").unwrap();
    assert!(last_error < first_warning, "{text}");
    assert!(text.starts_with(
        "error[broken-link]: content/about.md:7:10: broken link: it has no address\n  help: write the address between the parentheses, or remove the brackets\n"
    ));
    assert!(text.contains("\n\nwarning[heading-jump]: content/about.md:5:1: h3 follows the title (h1)\n"));
    assert!(text.ends_with("\n\n19 errors, 8 warnings in 12 files\n"), "{text}");
}

#[test]
fn cli_exits_0_on_a_clean_site_and_with_warnings_only() {
    let site = Site::new("title: x\n");
    site.post("a", "2024-01-01", "description: d\n", "## A\n\nText [home](/).\n");
    site.cmd().arg("check").assert().success().stdout("0 errors, 0 warnings in 2 files\n").stderr("");
    site.post("b", "2024-01-02", "", "Text.\n");
    site.cmd().arg("check").assert().success().stdout(
        "warning[missing-description]: content/posts/b.md:2:1: no `description` or `key_points`: search results and link previews get the site's description instead\n  help: add a one-sentence `description:` (or a `key_points:` list) to the front matter\n\n0 errors, 1 warning in 3 files\n",
    );
}

#[test]
fn cli_json_output() {
    let output = folio()
        .args(["check", "--format", "json", "--root"])
        .arg(fixture())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(value["errors"].as_array().unwrap().len(), 19);
    assert_eq!(value["warnings"].as_array().unwrap().len(), 8);
    assert_eq!(value["files"], 12);
    assert_eq!(
        value["errors"][0],
        serde_json::json!({
            "kind": "broken-link",
            "path": "content/about.md",
            "line": 7,
            "column": 10,
            "message": "broken link: it has no address",
            "help": "write the address between the parentheses, or remove the brackets",
        })
    );
    assert_eq!(value["warnings"][0]["kind"], "heading-jump");
}

#[test]
fn cli_usage_errors_exit_2_and_a_missing_site_exits_1() {
    folio().args(["check", "--format", "xml"]).assert().code(2);
    folio().args(["check", "--help"]).assert().success().stdout(predicate::str::contains("--drafts"));
    let dir = tempfile::tempdir().unwrap();
    folio()
        .args(["check", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("error[config]: folio.yaml: cannot read the site configuration"));
}

#[test]
fn chart_blocks_that_cannot_be_drawn_are_data_errors_at_the_line_at_fault() {
    let site = Site::new("title: x\n");
    let post = "---\ntitle: Spending\ndescription: d\ndate: 2024-01-01\n---\n\nText.\n\n```chart\ntype: bar\ntitle: Spending\ndata: missing.csv\nx: country\ny: share\n```\n";
    std::fs::create_dir_all(site.path().join("content/posts")).unwrap();
    std::fs::write(site.path().join("content/posts/spending.md"), post).unwrap();
    let found = lines(&check(&options(site.path())));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("error[data] content/posts/spending.md:12"), "{found:?}");
    assert!(found[0].contains("missing.csv"), "{found:?}");
}
