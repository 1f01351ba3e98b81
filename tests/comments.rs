//! The comments hook: the HTML each provider and load mode renders (snapshots of the comments
//! section only), per-post control, thread ids, escaping, config errors, the preview placeholder
//! and valid HTML for every provider.

use crate::support::{Site, attr_values, select_text};

const PROVIDERS: [(&str, &str); 8] = [
    ("giscus", "giscus: { repo: folio-ssg/folio, repo_id: R_kgDOTest, category: Comments, category_id: DIC_kwDOTest }"),
    ("utterances", "utterances: { repo: folio-ssg/folio, label: comments }"),
    ("disqus", "disqus: { shortname: folio-demo }"),
    ("isso", "isso: { url: \"https://comments.example.org/\" }"),
    ("remark42", "remark42: { host: \"https://remark42.example.org\", site_id: folio }"),
    ("cusdis", "cusdis: { host: \"https://cusdis.com\", app_id: 0a1b2c3d-app }"),
    ("hyvor", "hyvor: { website_id: 12345 }"),
    ("commento", "commento: { url: \"https://cdn.commento.io\" }"),
];

fn settings(provider: &str) -> &'static str {
    PROVIDERS.iter().find(|(p, _)| *p == provider).map(|(_, s)| *s).unwrap_or("")
}

/// A site with one post and one page, commented through `provider` loaded as `load`.
fn site(provider: &str, load: &str, extra: &str) -> Site {
    let config = format!(
        "title: Test\nbase_url: https://example.org/\ncomments:\n  provider: {provider}\n  load: {load}\n  {}\n{extra}",
        settings(provider)
    );
    let site = Site::new(&config);
    site.post("first", "2025-01-01", "comments_prompt: \"Share your thoughts below!\"\n", "Body.");
    site.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n");
    site
}

/// The comments section of a built page (empty when there is none).
fn comments_of(html: &str) -> String {
    let Some(start) = html.find("<section class=\"comments\"") else { return String::new() };
    let end = html[start..].find("</section>").expect("comments section is closed") + start + "</section>".len();
    html[start..end].to_string()
}

fn built(site: &Site, rel: &str) -> String {
    site.build();
    comments_of(&site.read(rel))
}

#[test]
fn every_provider_renders_its_embed_in_click_mode() {
    for (provider, _) in PROVIDERS {
        let s = site(provider, "click", "");
        let html = built(&s, "posts/first/index.html");
        insta::assert_snapshot!(format!("click_{provider}"), html);
    }
}

#[test]
fn each_load_mode_is_passed_to_the_script() {
    for load in ["eager", "lazy", "click"] {
        let s = site("giscus", load, "");
        let html = built(&s, "posts/first/index.html");
        assert_eq!(attr_values(&html, "data-load"), [load]);
        assert_eq!(html.contains("data-comments-button"), load == "click", "{load}");
        if load != "click" {
            insta::assert_snapshot!(format!("load_{load}_giscus"), html);
        }
    }
}

#[test]
fn posts_have_comments_pages_only_when_they_ask() {
    let s = site("giscus", "click", "");
    s.post("quiet", "2025-01-02", "comments: false\ncomments_prompt: Say something\n", "Body.");
    s.write("content/contact.md", "---\ntitle: Contact\ncomments: true\n---\nWrite to us.\n");
    s.build();
    assert!(!comments_of(&s.read("posts/first/index.html")).is_empty());
    assert_eq!(comments_of(&s.read("posts/quiet/index.html")), "", "comments: false turns the hook off");
    assert_eq!(comments_of(&s.read("about/index.html")), "", "pages have no comments by default");
    let contact = comments_of(&s.read("contact/index.html"));
    assert_eq!(attr_values(&contact, "data-script-data-term"), ["contact"]);
}

#[test]
fn comments_false_renders_nothing() {
    let s = site("giscus", "click", "");
    s.post("quiet", "2025-01-02", "comments: false\n", "Body.");
    s.build();
    let page = s.read("posts/quiet/index.html");
    assert!(!page.contains("comments.js") && !page.contains("giscus"));
}

#[test]
fn comments_id_pins_the_thread() {
    let s = site("disqus", "click", "");
    s.post("moved", "2025-01-02", "comments_id: \"legacy-thread-42\"\n", "Body.");
    let html = built(&s, "posts/moved/index.html");
    insta::assert_snapshot!("comments_id_disqus", html);
    assert_eq!(attr_values(&html, "data-page-identifier"), ["legacy-thread-42"]);
}

#[test]
fn thread_ids_under_a_subpath() {
    for (thread, expected) in
        [("slug", "first"), ("pathname", "/blog/posts/first/"), ("url", "https://example.org/blog/posts/first/")]
    {
        let s = site("utterances", "click", &format!("  thread: {thread}\n"));
        s.write(
            "folio.yaml",
            &std::fs::read_to_string(s.path().join("folio.yaml"))
                .unwrap()
                .replace("https://example.org/", "https://example.org/blog/"),
        );
        let html = built(&s, "posts/first/index.html");
        assert_eq!(attr_values(&html, "data-script-issue-term"), [expected], "{thread}");
        assert_eq!(attr_values(&html, "src"), ["/blog/comments.js"]);
        if thread == "pathname" {
            insta::assert_snapshot!("subpath_pathname_utterances", html);
        }
    }
}

#[test]
fn a_hostile_title_breaks_nothing() {
    let title = r#"Quotes " ' and </script><script>alert(1)</script> & <b>tags</b>"#;
    for provider in ["disqus", "isso", "cusdis"] {
        let s = site(provider, "click", "");
        s.post("hostile", "2025-01-02", "comments_id: \"a\\\"b</script>\"\n", "Body.");
        let text = std::fs::read_to_string(s.path().join("content/posts/hostile.md")).unwrap();
        s.write(
            "content/posts/hostile.md",
            &text.replace("\"Post hostile\"", &format!("'{}'", title.replace('\'', "''"))),
        );
        let html = built(&s, "posts/hostile/index.html");
        assert!(!html.contains("alert(1)</script>"), "{html}");
        assert_eq!(html.matches("<script").count(), 1, "only comments.js: {html}");
        let attr = match provider {
            "disqus" => "data-page-title",
            "isso" => "data-target-data-title",
            _ => "data-target-data-page-title",
        };
        assert_eq!(attr_values(&html, attr), [title], "{provider}: the title survives as data");
        if provider == "disqus" {
            assert_eq!(attr_values(&html, "data-page-identifier"), ["a\"b</script>"]);
            insta::assert_snapshot!("hostile_title_disqus", html);
        }
    }
}

#[test]
fn without_a_provider_an_opted_in_post_shows_only_its_prompt() {
    let s = Site::new("title: Test\n");
    s.post(
        "imported",
        "2025-01-01",
        "comments: true\ncomments_prompt: \"Share your thoughts in the comments below!\"\n",
        "B",
    );
    s.post("plain", "2025-01-02", "", "B");
    s.build();
    let html = comments_of(&s.read("posts/imported/index.html"));
    insta::assert_snapshot!("prompt_only_no_provider", html);
    assert!(!html.contains("<script"));
    assert_eq!(comments_of(&s.read("posts/plain/index.html")), "");
}

#[test]
fn custom_provider_renders_the_site_template_with_the_same_context() {
    let s = site("custom", "click", "");
    s.write(
        "templates/comments/custom.html",
        "<div class=\"my-comments\" data-thread=\"{{ c.thread }}\" data-url=\"{{ page.comments.permalink }}\">\
         Reply on Mastodon about “{{ c.title }}”</div>\n",
    );
    let html = built(&s, "posts/first/index.html");
    insta::assert_snapshot!("custom_site_template", html);
    assert_eq!(attr_values(&html, "data-thread"), ["first"]);
}

#[test]
fn custom_provider_without_a_template_explains_itself() {
    let s = site("custom", "click", "");
    let html = built(&s, "posts/first/index.html");
    assert!(select_text(&html, ".comments-custom").join(" ").contains("templates/comments/custom.html"), "{html}");
}

#[test]
fn a_site_can_override_the_partial() {
    let s = site("giscus", "click", "");
    s.write(
        "templates/partials/comments.html",
        "<section class=\"comments\">mine: {{ page.comments.thread }}</section>",
    );
    assert_eq!(built(&s, "posts/first/index.html"), "<section class=\"comments\">mine: first</section>");
}

#[test]
fn the_preview_placeholder_names_provider_and_thread_and_loads_nothing() {
    let config = folio::Config::parse(&format!("comments:\n  provider: giscus\n  {}\n", settings("giscus"))).unwrap();
    let mut comments = config.comments.clone();
    comments.preview = true;
    let subject = folio::comments::Subject {
        is_post: true,
        comments: None,
        comments_id: None,
        prompt: Some("Thoughts?"),
        slug: "first",
        path: "/posts/first/",
        permalink: "http://localhost:1111/posts/first/",
        title: "First",
    };
    let view = folio::comments::view(&comments, subject);
    let dir = tempfile::tempdir().unwrap();
    let templates = folio::templates::Templates::load(dir.path(), "folio", "").unwrap();
    let mut context = tera::Context::new();
    context.insert("page", &serde_json::json!({ "comments": view }));
    let html = templates.render("partials/comments.html", &context, "test").unwrap();
    insta::assert_snapshot!("preview_placeholder", html.trim());
    assert!(!html.contains("<script") && !html.contains("data-comments-embed"));
}

#[test]
fn missing_provider_settings_are_config_errors() {
    let s = Site::new("title: x\ncomments:\n  provider: giscus\n  giscus: { repo: o/n, category: General }\n");
    let out = s.cmd().arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let help = "  help: pick your repository and category at https://giscus.app and copy the value from the \
                `data-repo`, `data-repo-id`, `data-category` and `data-category-id` lines of the snippet\n";
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: folio.yaml: comments.giscus: missing key `category_id`\n{help}\
             error: folio.yaml: comments.giscus: missing key `repo_id`\n{help}\
             Build failed with 2 errors; public/ was left as it was.\n"
        )
    );
}

#[test]
fn every_provider_reports_its_missing_keys() {
    for (provider, key) in [
        ("utterances", "repo"),
        ("disqus", "shortname"),
        ("isso", "url"),
        ("remark42", "host"),
        ("cusdis", "app_id"),
        ("hyvor", "website_id"),
    ] {
        let s = Site::new(&format!("title: x\ncomments:\n  provider: {provider}\n"));
        let e = s.try_build(s.options()).unwrap_err();
        let messages: Vec<&str> = e.diagnostics().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, [format!("comments.{provider}: missing key `{key}`")], "{provider}");
    }
}

#[test]
fn unknown_comments_keys_suggest_the_right_one() {
    let s = Site::new("title: x\ncomments:\n  provider: giscus\n  giscus: { repo: o/n, repoid: x }\n");
    let out = s.cmd().arg("build").output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: folio.yaml:4:"), "{stderr}");
    assert!(stderr.contains("unknown key `repoid`\n  help: did you mean `repo_id`?"), "{stderr}");
}

#[test]
fn every_provider_and_load_mode_is_valid_html5() {
    crate::validate::vnu_jar();
    let mut sites = Vec::new();
    for (provider, _) in PROVIDERS {
        sites.push(site(provider, "click", ""));
    }
    sites.push(site("giscus", "lazy", ""));
    sites.push(site("custom", "eager", ""));
    let mut pages = Vec::new();
    for s in &sites {
        s.build();
        pages.push(s.out("posts/first/index.html"));
    }
    crate::validate::assert_valid_html(&pages);
}
