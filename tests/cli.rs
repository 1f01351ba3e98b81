//! The command line: init, new, build summary, help, version, exit codes.

use predicates::prelude::*;

use crate::support::Site;

#[test]
fn init_then_build_works_with_no_templates() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("blog");
    assert_cmd::Command::cargo_bin("folio").unwrap().arg("init").arg(&site_dir).assert().success();
    assert!(site_dir.join("templates").is_dir());
    assert_eq!(std::fs::read_dir(site_dir.join("templates")).unwrap().count(), 0);
    assert_cmd::Command::cargo_bin("folio")
        .unwrap()
        .args(["build", "--root"])
        .arg(&site_dir)
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^Built \d+ pages in \d+\.\d\d s → public/\n$").unwrap());
    assert!(site_dir.join("public/posts/welcome/index.html").is_file());
}

#[test]
fn init_refuses_an_existing_site() {
    let site = Site::new("title: x\n");
    site.cmd().args(["init", "."]).assert().code(1).stderr(predicate::str::contains("already exists"));
}

#[test]
fn new_creates_a_draft_and_refuses_to_overwrite() {
    let site = Site::new("title: x\n");
    site.cmd().args(["new", "Defence Spending: 2%"]).assert().success();
    let text = std::fs::read_to_string(site.path().join("content/posts/defence-spending-2.md")).unwrap();
    assert!(text.contains("title: 'Defence Spending: 2%'") && text.contains("draft: true"), "{text}");
    site.cmd()
        .args(["new", "Defence Spending: 2%"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("never overwrites"));
}

#[test]
fn quiet_prints_nothing_and_verbose_prints_stages() {
    let site = Site::new("title: x\n");
    site.cmd().args(["build", "-q"]).assert().success().stdout("").stderr("");
    site.cmd().args(["build", "-v"]).assert().success().stderr(predicate::str::contains("render"));
}

#[test]
fn usage_errors_exit_with_2_and_help_and_version_work() {
    let site = Site::new("title: x\n");
    site.cmd().args(["build", "--bogus"]).assert().code(2);
    site.cmd().arg("--version").assert().success().stdout(predicate::str::starts_with("folio "));
    for cmd in ["build", "init", "new"] {
        site.cmd().args([cmd, "--help"]).assert().success().stdout(predicate::str::contains("Usage: folio"));
    }
}
