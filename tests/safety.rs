//! Hostile content is harmless: no writes outside the output, no hangs or crashes on huge or
//! malicious input, no symlinks followed out of the site.

use crate::support::Site;

#[test]
fn traversal_in_slugs_and_aliases_is_refused_with_the_file_named() {
    for front in
        ["slug: ../../escape\n", "aliases: [\"/../../escape/\"]\n", "aliases: [\"/%2e%2e/escape/\"]\n", "slug: /etc\n"]
    {
        let site = Site::new("title: x\n");
        site.post("evil", "2025-01-01", front, "x");
        let err = site.try_build(site.options()).unwrap_err().to_string();
        assert!(err.contains("content/posts/evil.md"), "{front}: {err}");
        assert!(!site.path().join("escape").exists() && !site.path().parent().unwrap().join("escape").exists());
    }
}

#[test]
fn yaml_bombs_and_deep_nesting_end_in_a_clear_error() {
    let site = Site::new("title: x\n");
    let mut bomb = String::from("extra:\n  a: &a [x,x,x,x,x,x,x,x,x]\n");
    for (p, n) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().zip(["b", "c", "d", "e", "f", "g", "h", "i"]) {
        bomb.push_str(&format!("  {n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"));
    }
    site.post("bomb", "2025-01-01", &bomb, "x");
    site.post("deep", "2025-01-01", &format!("extra: {}{}\n", "[".repeat(50_000), "]".repeat(50_000)), "x");
    let err = site.try_build(site.options()).unwrap_err().to_string();
    assert!(err.contains("content/posts/bomb.md") && err.contains("content/posts/deep.md"), "{err}");
}

#[test]
fn a_huge_title_and_a_huge_post_build_correctly() {
    let site = Site::new("title: x\n");
    let title = "T".repeat(1 << 20);
    site.write("content/posts/big-title.md", &format!("---\ntitle: \"{title}\"\ndate: 2025-01-01\n---\nbody\n"));
    let paragraph = "Word after word in a very long analysis. ".repeat(60);
    let body: String = (0..10_000).map(|i| format!("## Section {i}\n\n{paragraph}\n\n")).collect();
    assert!(body.len() > 20 << 20);
    site.write("content/posts/big-post.md", &format!("---\ntitle: Big\ndate: 2025-01-02\n---\n{body}"));
    site.build();
    assert!(site.read("posts/big-title/index.html").contains(&title));
    assert!(site.read("posts/big-post/index.html").contains("Section 9999"));
}

#[test]
fn html_in_titles_is_escaped_everywhere() {
    let site = Site::new("title: x\n");
    site.post("x", "2025-01-01", "description: \"<img src=x onerror=alert(1)>\"\ntags: [\"<b>tag</b>\"]\n", "x");
    site.write("content/posts/x.md", "---\ntitle: \"</script><script>alert(1)</script>\"\ndate: 2025-01-01\ndescription: \"<img src=x onerror=alert(1)>\"\ntags: [\"<b>tag</b>\"]\n---\nx\n");
    site.build();
    for file in ["posts/x/index.html", "index.html", "tags/index.html", "atom.xml", "rss.xml"] {
        let text = site.read(file);
        assert!(!text.contains("<script>alert(1)"), "{file}");
        assert!(!text.contains("<img src=x"), "{file}");
        assert!(!text.contains("<b>tag</b>"), "{file}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: Secret\ndate: 2025-01-01\n---\nsecret text\n")
        .unwrap();
    let site = Site::new("title: x\n");
    std::fs::create_dir_all(site.path().join("content/posts")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path().join("content/posts/secret.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("static")).unwrap();
    site.build();
    assert!(!site.exists("posts/secret/index.html"));
    assert!(!site.exists("secret.md"));
}
