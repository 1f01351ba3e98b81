//! Errors for people: exact messages on stderr, every error of a build reported at once, exit
//! code 1, and the previous output left untouched.

use crate::support::Site;

fn fails_with(site: &Site, expected: &str) {
    let out = site.cmd().args(["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), expected);
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let site = Site::new("title: x\n");
    site.write("content/posts/a.md", "---\ntitle: A\ndate: 2025-01-01\ntilte: B\n---\nBody\n");
    fails_with(
        &site,
        "error: content/posts/a.md:4:1: unknown key `tilte`\n  help: did you mean `title`?\n\
         Build failed with 1 error; public/ was left as it was.\n",
    );
}

#[test]
fn yaml_errors_point_into_the_markdown_file() {
    let site = Site::new("title: x\n");
    site.write("content/posts/a.md", "---\ntitle: A\ndate: 2025-01-01\ntags: [a, b\n---\nBody\n");
    let out = site.cmd().arg("build").output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: content/posts/a.md:5:1: "), "{stderr}");
}

#[test]
fn unknown_config_key_is_refused() {
    let site = Site::new("title: x\npaginat: 5\n");
    fails_with(
        &site,
        "error: folio.yaml:2:1: unknown key `paginat`\n  help: did you mean `paginate`?\n\
         Build failed with 1 error; public/ was left as it was.\n",
    );
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = Site::new("title: x\n");
    site.write("content/posts/a.md", "---\ntitle: A\n---\n");
    site.write("content/posts/b.md", "---\ntitle: B\ndate: next week\n---\n");
    site.write("content/c.md", "no front matter\n");
    fails_with(
        &site,
        "error: content/c.md:1:1: missing front matter: the file must start with a `---` line\n  help: start the file with:\n    ---\n    title: \"My title\"\n    date: 2025-01-31\n    ---\n\
         error: content/posts/a.md:2:1: missing key `date`: posts need a publication date\n  help: add a line such as `date: 2025-03-03`\n\
         error: content/posts/b.md:3:1: date: `next week` is not a date: use `YYYY-MM-DD` or RFC 3339 such as `2025-03-03T09:30:00+01:00`\n\
         Build failed with 3 errors; public/ was left as it was.\n",
    );
}

#[test]
fn two_posts_writing_one_url_are_named_both() {
    let site = Site::new("title: x\n");
    site.post("a", "2025-01-01", "slug: same\n", "A");
    site.post("b", "2025-01-02", "slug: same\n", "B");
    let out = site.cmd().arg("build").output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("content/posts/a.md") && stderr.contains("content/posts/b.md"), "{stderr}");
    assert!(stderr.contains("writes /posts/same/"), "{stderr}");
}

#[test]
fn template_errors_name_the_template_line_and_column() {
    let site = Site::new("title: x\n");
    site.post("a", "2025-01-01", "", "A");
    site.write("templates/post.html", "<main>\n  {{ page.nope }}\n</main>\n");
    let out = site.cmd().arg("build").output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: templates/post.html:2:"), "{stderr}");
    assert!(stderr.contains("while rendering content/posts/a.md"), "{stderr}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new("title: x\n");
    site.post("a", "2025-01-01", "", "First version");
    site.build();
    let before = site.read("posts/a/index.html");
    site.write("content/posts/a.md", "---\ntitle: A\ndate: broken\n---\nSecond version\n");
    site.cmd().arg("build").assert().code(1);
    assert_eq!(site.read("posts/a/index.html"), before);
    let stray: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("folio-staging"))
        .collect();
    assert!(stray.is_empty(), "no staging folder left behind");
}

#[test]
fn refuses_to_build_into_the_site_itself() {
    let site = Site::new("title: x\n");
    for out in [".", "content", "templates", "..", "content/public"] {
        let output = site.cmd().args(["build", "--output", out]).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{out}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("refusing to build into"), "{out}");
    }
}

/// Each content file is read, parsed and rendered in one pass: a file that is not UTF-8, a
/// front matter error and a chart error in three files are all reported by one build, in the
/// order of the files' paths.
#[test]
fn reading_front_matter_and_markdown_errors_of_different_files_come_together() {
    let site = Site::new("title: x\n");
    site.write("content/posts/a.md", "---\ntitle: A\ndate: 2025-01-01\ntilte: B\n---\nBody\n");
    std::fs::write(site.path().join("content/posts/b.md"), b"---\ntitle: B\n---\nCaf\xe9\n").unwrap();
    site.write(
        "content/posts/c.md",
        "---\ntitle: C\ndate: 2025-01-01\n---\n\n```chart\ntitle: T\ndata: none.csv\n```\n",
    );
    let out = site.cmd().arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 3, "{stderr}");
    assert!(errors[0].starts_with("error: content/posts/a.md:4:1: unknown key `tilte`"), "{stderr}");
    assert!(errors[1].starts_with("error: content/posts/b.md:4:4: the file is not valid UTF-8"), "{stderr}");
    assert!(errors[2].starts_with("error: content/posts/c.md:8:1: chart: none.csv: data file not found"), "{stderr}");
    assert!(stderr.ends_with("Build failed with 3 errors; public/ was left as it was.\n"), "{stderr}");
}
