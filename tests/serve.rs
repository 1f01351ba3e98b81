//! `folio serve` end to end: the real binary on a free port in a temporary site; files are
//! edited, added, deleted and renamed, and the HTTP responses and reload events are checked.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Site;

struct Server {
    child: Child,
    origin: String,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site, extra: &[&str]) -> Server {
    start_with(site, extra, None)
}

/// [`start`], keeping highlighted code in `cache` (`FOLIO_CACHE_DIR`).
fn start_with(site: &Site, extra: &[&str], cache: Option<&std::path::Path>) -> Server {
    let port: &[&str] = if extra.contains(&"--port") { &[] } else { &["--port", "0"] };
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("folio"));
    if let Some(cache) = cache {
        command.env("FOLIO_CACHE_DIR", cache);
    }
    let mut child = command
        .args(["serve", "--debounce", "20"])
        .args(port)
        .arg("--root")
        .arg(site.path())
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The first line is read on a thread, so that a server that never prints fails the test
    // instead of holding the whole run; then the thread keeps reading, as a terminal would, so
    // the server never writes into a closed pipe.
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (first, line) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = out.read_line(&mut line);
        let _ = first.send(line);
        std::io::copy(&mut out, &mut std::io::sink())
    });
    let line = match line.recv_timeout(Duration::from_secs(60)) {
        Ok(line) => line,
        Err(_) => {
            let _ = child.kill();
            panic!("folio serve printed nothing in 60 s");
        }
    };
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect("the URL is printed first").to_string();
    let after_scheme = &url["http://".len()..];
    let slash = after_scheme.find('/').unwrap();
    Server { child, origin: format!("http://{}", &after_scheme[..slash]), base: after_scheme[slash..].to_string() }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

fn get(server: &Server, path: &str) -> Reply {
    let host = server.origin.trim_start_matches("http://");
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Reply { status, headers: head.to_lowercase(), body: body.to_string() }
}

/// Polls until `check` holds (the watcher and rebuild take some milliseconds).
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

fn blog() -> Site {
    let site = Site::new("title: Live\nbase_url: https://example.org/blog/\n");
    site.post("a", "2025-01-01", "tags: [NATO]\n", "First version.");
    site.post("d", "2025-01-02", "draft: true\n", "A draft.");
    site
}

#[test]
fn serves_the_site_with_live_reload_and_drafts_under_the_base_path() {
    let site = blog();
    let server = start(&site, &[]);
    assert_eq!(server.base, "/blog/");
    let page = get(&server, "/blog/posts/a/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("First version.") && page.body.contains("/__folio/livereload.js"));
    assert!(page.headers.contains("content-type: text/html; charset=utf-8"));
    assert!(page.headers.contains("cache-control: no-store"));
    assert!(page.body.contains(&format!("href=\"{}/blog/posts/a/\"", server.origin)), "base_url is the local address");
    let draft = get(&server, "/blog/posts/d/");
    assert_eq!(draft.status, 200, "drafts are included by default");
    assert!(draft.body.contains("class=\"badge badge-draft\">Draft<"), "a visible draft badge");
    assert_eq!(get(&server, "/").status, 301);
    assert_eq!(get(&server, "/blog/posts/a").status, 301);
    assert!(get(&server, "/blog/folio.css").headers.contains("content-type: text/css"));
    let script = get(&server, "/__folio/livereload.js");
    assert!(script.status == 200 && script.body.contains("EventSource"));
}

#[test]
fn the_built_site_never_contains_the_reload_script() {
    let site = blog();
    site.build();
    for file in site.output_files() {
        let bytes = std::fs::read(site.out(&file)).unwrap();
        assert!(!bytes.windows(7).any(|w| w == b"__folio"), "{file}");
    }
}

#[test]
fn unknown_and_traversal_paths_get_the_404_page() {
    let site = blog();
    let outside = site.path().join("secret.txt");
    std::fs::write(&outside, "secret").unwrap();
    let server = start(&site, &[]);
    for path in [
        "/blog/nope/",
        "/blog/../secret.txt",
        "/blog/%2e%2e/secret.txt",
        "/blog/posts/%2E%2E/%2e%2e/folio.yaml",
        "/blog/..%2f..%2fsecret.txt",
    ] {
        let r = get(&server, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("secret"), "{path}");
    }
    assert!(get(&server, "/blog/nope/").body.contains("<main"), "the site's own 404 page");
}

#[test]
fn edits_additions_deletions_and_renames_show_up() {
    let site = blog();
    let server = start(&site, &["--no-drafts"]);
    assert_eq!(get(&server, "/blog/posts/d/").status, 404, "--no-drafts");
    site.post("a", "2025-01-01", "tags: [NATO]\n", "Second version.");
    eventually("the edit", || get(&server, "/blog/posts/a/").body.contains("Second version."));
    site.post("b", "2025-01-03", "tags: [NATO]\n", "Brand new.");
    eventually("the new post", || get(&server, "/blog/posts/b/").status == 200);
    eventually("the new post in its tag page", || get(&server, "/blog/tags/nato/").body.contains("/blog/posts/b/"));
    std::fs::rename(site.path().join("content/posts/b.md"), site.path().join("content/posts/c.md")).unwrap();
    eventually("the renamed post", || get(&server, "/blog/posts/c/").status == 200);
    eventually("the old URL gone", || get(&server, "/blog/posts/b/").status == 404);
    std::fs::remove_file(site.path().join("content/posts/c.md")).unwrap();
    eventually("the deleted post gone", || get(&server, "/blog/posts/c/").status == 404);
    // An editor that saves through a temporary file and a rename (vim, VS Code, JetBrains).
    std::fs::write(site.path().join("content/posts/.a.md.swp"), "junk").unwrap();
    std::fs::write(
        site.path().join("content/posts/a.md.tmp"),
        "---\ntitle: A\ndate: 2025-01-01\n---\nThird version.\n",
    )
    .unwrap();
    std::fs::rename(site.path().join("content/posts/a.md.tmp"), site.path().join("content/posts/a.md")).unwrap();
    eventually("the atomic save", || get(&server, "/blog/posts/a/").body.contains("Third version."));
    // A folder of posts moved in.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(elsewhere.path().join("series")).unwrap();
    std::fs::write(elsewhere.path().join("series/part-1.md"), "---\ntitle: Part one\n---\nPart.\n").unwrap();
    std::fs::rename(elsewhere.path().join("series"), site.path().join("content/series")).unwrap_or_else(|_| {
        crate::support::copy_tree(&elsewhere.path().join("series"), &site.path().join("content/series"));
    });
    eventually("the moved-in folder", || get(&server, "/blog/series/part-1/").status == 200);
}

#[test]
fn a_broken_file_keeps_the_last_good_build_and_reports_the_error() {
    let site = blog();
    let server = start(&site, &[]);
    let host = server.origin.trim_start_matches("http://").to_string();
    let mut events = TcpStream::connect(&host).unwrap();
    write!(events, "GET /__folio/events HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    events.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reader = BufReader::new(events);
    // The server subscribes this stream to rebuilds before it answers: once the response's head
    // is in, no event can be missed.
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        assert!(reader.read_line(&mut head).unwrap() > 0, "stream closed");
    }
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    site.write("content/posts/a.md", "---\ntitle: [unclosed\ndate: 2025-01-01\n---\nBroken.\n");
    let mut seen = String::new();
    while !seen.contains("\"type\":\"error\"") {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        seen.push_str(&line);
    }
    assert!(seen.contains("content/posts/a.md:"), "the overlay names the file and line: {seen}");
    assert!(get(&server, "/blog/posts/a/").body.contains("First version."), "last good build still served");
    site.post("a", "2025-01-01", "tags: [NATO]\n", "Fixed version.");
    let mut seen = String::new();
    while !seen.contains("\"type\":\"built\"") {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        seen.push_str(&line);
    }
    assert!(seen.contains("/blog/posts/a/"), "the open page is told to reload: {seen}");
    assert!(get(&server, "/blog/posts/a/").body.contains("Fixed version."));
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let site = blog();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = start(&site, &["--port", &port.to_string()]);
    assert_ne!(server.origin, format!("http://127.0.0.1:{port}"));
    assert_eq!(get(&server, "/blog/").status, 200);
}

#[test]
fn comments_show_a_placeholder_unless_asked_for() {
    let site = Site::new(
        "title: Live\ncomments:\n  provider: giscus\n  giscus: { repo: o/r, repo_id: R_1, category: C, category_id: DIC_1 }\n",
    );
    site.post("a", "2025-01-01", "", "Body.");
    let server = start(&site, &[]);
    let page = get(&server, "/posts/a/").body;
    assert!(page.contains("data-comments-preview") && page.contains("thread <code>a</code>"), "{page}");
    assert!(!page.contains("data-repo-id"), "no provider markup while previewing");
    drop(server);
    let server = start(&site, &["--comments"]);
    let page = get(&server, "/posts/a/").body;
    assert!(!page.contains("data-comments-preview"));
    assert!(page.contains("R_1"), "the provider's settings are there to load");
}

#[test]
fn the_search_index_follows_edits_without_holding_up_the_pages() {
    let site = blog();
    let server = start(&site, &[]);
    let pages = |server: &Server| {
        let entry = get(server, "/blog/search/manifest.json");
        if entry.status != 200 {
            return None;
        }
        let json: serde_json::Value = serde_json::from_str(&entry.body).ok()?;
        json["docs"].as_u64()
    };
    eventually("the first index (two posts, the draft included)", || pages(&server) == Some(2));
    assert!(get(&server, "/blog/search/").body.contains("data-index=\"/blog/search/manifest.json\""));
    site.post("b", "2025-01-03", "", "A new post about deterrence.");
    eventually("the new post's page", || get(&server, "/blog/posts/b/").status == 200);
    eventually("the index with the new post", || pages(&server) == Some(3));
    std::fs::remove_file(site.path().join("content/posts/b.md")).unwrap();
    eventually("the index without it", || pages(&server) == Some(2));
    site.write("folio.yaml", "title: Renamed\nbase_url: https://example.org/blog/\n");
    eventually("the full rebuild after a configuration change", || get(&server, "/blog/").body.contains("Renamed"));
    assert_eq!(get(&server, "/blog/search/docs/0.json").status, 200, "a full rebuild keeps the index");
    assert_eq!(pages(&server), Some(2));
}

#[test]
fn the_preview_reads_and_keeps_highlighted_code_like_build_unless_told_not_to() {
    let site = blog();
    site.post("code", "2025-01-03", "", "```rust\nfn main() {}\n```\n");
    let files = |dir: &std::path::Path| std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    let cache = tempfile::tempdir().unwrap();
    let server = start_with(&site, &[], Some(cache.path()));
    eventually("the post is served", || get(&server, &format!("{}posts/code/", server.base)).status == 200);
    assert!(get(&server, &format!("{}posts/code/", server.base)).body.contains("hl-"), "highlighted");
    eventually("the cache file is written", || files(cache.path()) == 1);
    drop(server);

    let other = tempfile::tempdir().unwrap();
    let server = start_with(&site, &["--no-cache"], Some(other.path()));
    eventually("the post is served", || get(&server, &format!("{}posts/code/", server.base)).status == 200);
    assert!(get(&server, &format!("{}posts/code/", server.base)).body.contains("hl-"));
    assert_eq!(files(other.path()), 0, "--no-cache writes no cache");
}
