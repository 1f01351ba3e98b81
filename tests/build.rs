//! What a build writes: every kind of page, filtering, pagination, taxonomies, relations.

use crate::support::{Site, attr_values, files_under, select_text};

fn blog() -> Site {
    let site = Site::new("title: Test Blog\nbase_url: https://example.org/\npaginate: 2\n");
    site.post("alpha", "2025-01-01", "tags: [NATO, Russia]\n", "Alpha body.");
    site.post("beta", "2025-02-01", "tags: [NATO]\naliases: [/2025/old-beta/]\n", "Beta body.");
    site.post("gamma", "2025-03-01", "tags: [Economy]\n", "Gamma body.");
    site.post("delta", "2024-12-01", "tags: [Nato]\n", "Delta body.");
    site.post("draft", "2025-01-15", "draft: true\n", "Draft body.");
    site.post("future", "2999-01-01", "", "Future body.");
    site.write("content/about.md", "---\ntitle: About us\n---\nWho we are.\n");
    site
}

#[test]
fn writes_every_kind_of_page() {
    let site = blog();
    let summary = site.build();
    assert_eq!(summary.posts, 4);
    for file in [
        "index.html",
        "page/2/index.html",
        "posts/alpha/index.html",
        "about/index.html",
        "tags/index.html",
        "tags/nato/index.html",
        "tags/nato/page/2/index.html",
        "tags/nato/atom.xml",
        "tags/nato/rss.xml",
        "archive/index.html",
        "atom.xml",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "2025/old-beta/index.html",
        "syntax-light.css",
        "syntax-dark.css",
    ] {
        assert!(site.exists(file), "missing {file}; have {:?}", site.output_files());
    }
    assert!(!site.exists("page/3/index.html"));
}

#[test]
fn a_build_that_keeps_its_site_writes_the_same_and_hands_the_site_back() {
    let site = blog();
    let kept = folio::build_keeping_site(&site.options(), &folio::report::Silent);
    let (summary, built) = kept.unwrap_or_else(|e| panic!("build failed:\n{e}"));
    assert_eq!((summary.posts, built.posts()), (4, 4));
    let first = site.output_files();
    let again = site.build();
    assert_eq!((again.pages, again.files), (summary.pages, summary.files));
    assert_eq!(site.output_files(), first);
}

#[test]
fn drafts_and_future_posts_are_skipped_unless_asked() {
    let site = blog();
    site.build();
    assert!(!site.exists("posts/draft/index.html"));
    assert!(!site.exists("posts/future/index.html"));
    let mut options = site.options();
    options.drafts = true;
    options.future = true;
    site.try_build(options).unwrap();
    assert!(site.exists("posts/draft/index.html"));
    assert!(site.exists("posts/future/index.html"));
}

#[test]
fn home_is_paginated_newest_first() {
    let site = blog();
    site.build();
    let links: Vec<String> =
        attr_values(&site.read("index.html"), "href").into_iter().filter(|h| h.starts_with("/posts/")).collect();
    assert_eq!(links.first().map(String::as_str), Some("/posts/gamma/"));
    assert!(links.contains(&"/posts/beta/".to_string()));
    assert!(!links.contains(&"/posts/delta/".to_string()), "delta is on page 2");
    assert!(site.read("page/2/index.html").contains("/posts/delta/"));
}

#[test]
fn tags_merge_spellings_and_list_their_posts() {
    let site = blog();
    site.build();
    let nato = site.read("tags/nato/index.html");
    assert!(nato.contains("/posts/beta/") && nato.contains("/posts/alpha/"));
    assert!(site.read("tags/nato/page/2/index.html").contains("/posts/delta/"), "NATO and Nato are one tag");
    let index = site.read("tags/index.html");
    assert!(index.contains("/tags/economy/") && index.contains("/tags/russia/"));
}

#[test]
fn archive_groups_by_year() {
    let site = blog();
    site.build();
    let archive = site.read("archive/index.html");
    let years = select_text(&archive, "main h2");
    assert_eq!(years, ["2025", "2024"]);
}

#[test]
fn aliases_redirect_to_the_post() {
    let site = blog();
    site.build();
    let alias = site.read("2025/old-beta/index.html");
    assert!(alias.contains("url=https://example.org/posts/beta/"), "{alias}");
    assert!(alias.contains("rel=\"canonical\" href=\"https://example.org/posts/beta/\""));
}

#[test]
fn static_files_layer_site_over_theme() {
    let site = blog();
    site.write("static/folio.css", "/* mine */");
    site.write("static/CNAME", "example.org");
    site.build();
    assert_eq!(site.read("folio.css"), "/* mine */");
    assert_eq!(site.read("CNAME"), "example.org");
    assert!(site.exists("favicon.svg"), "theme static files are copied");
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = blog();
    site.write(
        "templates/archive.html",
        "<!DOCTYPE html><title>x</title><main>custom archive {{ years | length }}</main>",
    );
    site.build();
    assert!(site.read("archive/index.html").contains("custom archive 2"));
    assert!(site.read("index.html").contains("<main"), "other templates still come from the theme");
}

#[test]
fn a_site_theme_sits_between_the_default_theme_and_site_templates() {
    let site = blog();
    site.write("folio.yaml", "title: T\ntheme: mine\n");
    site.write("themes/mine/templates/404.html", "<main>theme 404</main>");
    site.write("themes/mine/static/extra.css", "/* theme */");
    site.build();
    assert_eq!(site.read("404.html"), "<main>theme 404</main>");
    assert_eq!(site.read("extra.css"), "/* theme */");
}

#[test]
fn output_is_identical_from_run_to_run() {
    let site = blog();
    site.build();
    let first: Vec<(String, Vec<u8>)> =
        site.output_files().into_iter().map(|f| (f.clone(), std::fs::read(site.out(&f)).unwrap())).collect();
    site.build();
    let second: Vec<(String, Vec<u8>)> =
        site.output_files().into_iter().map(|f| (f.clone(), std::fs::read(site.out(&f)).unwrap())).collect();
    assert_eq!(first, second);
}

#[test]
fn the_demo_site_builds() {
    let site = Site::demo();
    let summary = site.build();
    assert_eq!(summary.posts, 3);
    assert!(site.exists("about/index.html"));
    let chart = site.read("posts/european-defence-spending-since-2014/index.html");
    assert!(chart.contains("<figure class=\"chart chart-grouped-bar\""), "the demo chart is rendered");
}

/// The text of every `<content>` (Atom) element of a feed, CDATA sections and escaped text alike.
fn atom_contents(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut out, mut inside) = (Vec::new(), false);
    loop {
        match reader.read_event().expect("the feed is well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"content" => {
                inside = true;
                out.push(String::new());
            }
            Event::End(e) if e.name().as_ref() == b"content" => inside = false,
            Event::Text(t) if inside => out.last_mut().unwrap().push_str(&t.unescape().unwrap()),
            Event::CData(t) if inside => out.last_mut().unwrap().push_str(std::str::from_utf8(&t).unwrap()),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn feed_content_is_the_post_html_even_with_a_cdata_end_marker() {
    let site = Site::new("title: x\nbase_url: https://example.org/\n");
    site.post("x", "2025-01-01", "", "Some *emphasis* & more.\n\n<div title=\"a]]>b\">raw</div>\n");
    site.build();
    let contents = atom_contents(&site.read("atom.xml"));
    assert_eq!(contents.len(), 1);
    assert!(contents[0].contains("<em>emphasis</em> &amp; more."), "{}", contents[0]);
    assert!(contents[0].contains("<div title=\"a]]>b\">raw</div>"), "{}", contents[0]);
}

/// A build that writes as it goes lets go of each post's HTML once its page and the search
/// index have read it, except posts whose full text is in a feed; the files (the search index's
/// among them, written as they are made) are the same as those of a site kept whole in memory
/// (a released text read again would stop the build).
#[test]
fn posts_html_is_released_once_read_without_changing_any_file() {
    let site = Site::new("title: T\nbase_url: https://example.org/\nfeeds:\n  limit: 2\n");
    for i in 0..12 {
        // The newest post alone is tagged B; `search: false` leaves one post a single reader.
        let front = match i {
            11 => "tags: [B]\n",
            3 => "tags: [A]\nsearch: false\n",
            _ => "tags: [A]\n",
        };
        site.post(&format!("p{i}"), &format!("2025-01-{:02}", i + 1), front, &format!("Text of post {i}."));
    }
    site.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n");
    let out = tempfile::tempdir().unwrap();
    let staging = folio::write::Staging::create(&out.path().join("public")).unwrap();
    let written = folio::site::Site::load_into(&site.options(), &folio::report::Silent, Some(&staging)).unwrap();
    // Kept for the feeds: p11 and p10 (the site's), p10 and p9 (tag A's), p11 (tag B's).
    assert_eq!(written.released_posts(), 9);

    site.build();
    let whole = folio::site::Site::load(&site.options(), &folio::report::Silent).unwrap();
    assert_eq!(whole.released_posts(), 0);
    let mut paths = Vec::new();
    for file in whole.files() {
        assert_eq!(std::fs::read(site.out(&file.path)).unwrap(), file.bytes, "{}", file.path);
        paths.push(file.path.clone());
    }
    assert!(paths.iter().any(|p| p == "posts/p4/index.html"));
    // The search index writes its files as it makes them: the same files.
    for search_file in ["search/manifest.json", "search/docs/0.json"] {
        assert!(paths.iter().any(|p| p == search_file), "{search_file} in {paths:?}");
    }
    assert!(paths.iter().any(|p| p.starts_with("search/terms/")));
    assert!(site.read("posts/p4/index.html").contains("Text of post 4."));
    assert!(site.read("tags/a/atom.xml").contains("Text of post 10."));
}

/// Rebuilds write into the output the previous build replaced: after posts are edited, added
/// and removed, the output is exactly what a build into an empty folder makes.
#[test]
fn a_rebuild_into_the_previous_output_equals_a_build_from_scratch() {
    let site = Site::new("title: T\nbase_url: https://example.org/\n");
    for i in 0..6 {
        site.post(&format!("p{i}"), &format!("2025-01-{:02}", i + 1), "tags: [A]\n", &format!("Post {i}, long text."));
    }
    site.build();
    site.write("content/posts/p1.md", "---\ntitle: One\ndate: 2025-01-02\ntags: [B]\n---\nShort.\n");
    std::fs::remove_file(site.path().join("content/posts/p2.md")).unwrap();
    site.build();
    site.post("p9", "2025-02-01", "tags: [C]\n", "A new post.");
    std::fs::remove_file(site.path().join("content/posts/p3.md")).unwrap();
    site.build();
    assert!(!site.path().join(".public.folio-previous/posts/p2").exists());
    assert!(site.path().join(".public.folio-previous/posts/p3/index.html").exists(), "the previous output is kept");

    let fresh = tempfile::tempdir().unwrap();
    let mut options = site.options();
    options.output = Some(fresh.path().join("public"));
    site.try_build(options).unwrap();
    let files = site.output_files();
    assert!(!files.iter().any(|f| f.starts_with("posts/p2/") || f.starts_with("posts/p3/")), "{files:?}");
    assert!(site.read("tags/b/index.html").contains("One"));
    for rel in &files {
        let fresh_bytes = std::fs::read(fresh.path().join("public").join(rel)).unwrap_or_default();
        assert_eq!(std::fs::read(site.out(rel)).unwrap(), fresh_bytes, "{rel}");
    }
    assert_eq!(files, files_under(&fresh.path().join("public")));
}

/// Posts made of random pieces of what authors write (every Markdown feature folio adds, wide
/// characters, entities, raw HTML left open): the site builds, every post gets its page and its
/// search text, and none of the Markdown steps' internal markers shows in any file.
#[test]
fn a_site_of_random_posts_builds_whole() {
    const SENTENCES: [&str; 4] =
        ["Deterrence is a promise.", "It's \"quoted\" -- really...", "Rates rose 3.5% in Q1.", "Don't stop."];
    const INLINE: &[&str] = &[
        "[a link](/about/)",
        "[ext](https://other.net/x?a=1&b=2 \"T\")",
        "![alt *em* [l](/x) ![in](/i.png)](/img.png \"t\")",
        "**strong** _em_ ~~del~~ `code`",
        "[^n1]",
        "[^n2]",
        "[[source:1]]",
        "<b>x</b>",
        "<!-- more -->",
        "&amp; &copy; &#x1F600; &bogus; &",
        "字字字漢語 Ünïcödé naïve café 😀 עברית",
        "don’t — – …",
        "<span title='a > b'>t</span>",
    ];
    // Seeded, so that the site is the same on every run.
    let mut rng = fastrand::Rng::with_seed(0x5EED_F011);
    let site = Site::new("title: Random\nbase_url: https://example.org/sub/\n");
    let posts = 40;
    for p in 0..posts {
        let mut blocks: Vec<String> = Vec::new();
        for _ in 0..1 + rng.usize(..12) {
            let sentence = SENTENCES[rng.usize(..SENTENCES.len())];
            let inline: Vec<&str> = (0..1 + rng.usize(..5)).map(|_| INLINE[rng.usize(..INLINE.len())]).collect();
            let inline = format!("{sentence} {}", inline.join(" "));
            blocks.push(match rng.usize(..14) {
                0 => format!("## {inline} {{#custom}}"),
                1 => ["<!-- more -->", "  <!--  MORE -->", "<!-- other -->", "<div>\n<!-- more -->\n</div>"]
                    [rng.usize(..4)]
                .to_string(),
                // A pull quote repeats a sentence of the post, which the paragraph before it holds.
                2 => format!("{sentence}\n\n> [!PULLQUOTE]\n> {sentence}"),
                3 => format!("> > [!PULLQUOTE]\n> > {sentence}\n\n{sentence}"),
                4 => format!("> [!NOTE]\n> {inline}"),
                5 => format!("> {inline}\n>\n> > {inline}"),
                6 => format!("[^n{}]: {inline}", 1 + rng.usize(..2)),
                7 => "```rust\nlet x = \"<a>\";\n```\n\n```python\nimport os  # &amp;\n```".to_string(),
                8 => format!("- [ ] {inline}\n- [x] done\n  > quoted in an item"),
                9 => format!("| a | b |\n|---|---|\n| {} | &amp; © It’s |", inline.replace('|', "")),
                10 => "<div class=\"x\">\n<span title=’x’".to_string(),
                _ => inline,
            });
        }
        let front = "sources:\n  - title: \"A source\"\n";
        site.post(&format!("p{p:02}"), &format!("2025-01-{:02}", 1 + p % 28), front, &blocks.join("\n\n"));
    }
    let summary = site.build();
    assert_eq!(summary.posts, posts);
    let files = site.output_files();
    for p in 0..posts {
        assert!(site.exists(&format!("posts/p{p:02}/index.html")), "p{p:02}");
    }
    let search_docs: String = files.iter().filter(|f| f.starts_with("search/docs/")).map(|f| site.read(f)).collect();
    assert_eq!(search_docs.matches("\"url\":").count(), posts, "every post is in the search index");
    for rel in files.iter().filter(|f| f.ends_with(".html") || f.ends_with(".xml") || f.ends_with(".json")) {
        assert!(!site.read(rel).contains("<!-- folio:"), "an internal marker in {rel}");
    }
}
