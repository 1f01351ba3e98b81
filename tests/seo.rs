//! SEO metadata in every page: title, description, canonical, Open Graph, Twitter card and
//! JSON-LD, all escaped — a `</script>` in a title breaks nothing.

use crate::support::{Site, meta};

fn json_ld(html: &str) -> serde_json::Value {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let text: String = doc.select(&sel).next().expect("a JSON-LD script").text().collect();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON-LD ({e}): {text}"))
}

fn canonical(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("link[rel=canonical]").unwrap();
    doc.select(&sel).next().expect("a canonical link").value().attr("href").unwrap().to_string()
}

fn site() -> Site {
    let site = Site::new(
        "title: Desk\ndescription: Site description\nbase_url: https://example.org/\nauthor:\n  name: Jane Doe\n",
    );
    site.write(
        "content/posts/x.md",
        "---\ntitle: \"Deterrence </script><script>alert(1)</script> & \\\"quotes\\\"\"\ndate: 2025-03-03T09:30:00+01:00\nupdated: 2025-03-05\n\
         description: \"Why <b>deterrence</b> failed\"\ntags: [NATO, Russia]\nimage: /img/card.png\n---\nBody.\n",
    );
    site.write("content/about.md", "---\ntitle: About\n---\nAbout.\n");
    site.build();
    site
}

#[test]
fn post_pages_carry_article_metadata() {
    let site = site();
    let html = site.read("posts/x/index.html");
    let title = "Deterrence </script><script>alert(1)</script> & \"quotes\"";
    assert_eq!(crate::support::select_text(&html, "title"), [format!("{title} — Desk")]);
    assert_eq!(meta(&html, "description").as_deref(), Some("Why <b>deterrence</b> failed"));
    assert_eq!(canonical(&html), "https://example.org/posts/x/");
    assert_eq!(meta(&html, "og:type").as_deref(), Some("article"));
    assert_eq!(meta(&html, "og:title").as_deref(), Some(title));
    assert_eq!(meta(&html, "og:url").as_deref(), Some("https://example.org/posts/x/"));
    assert_eq!(meta(&html, "og:image").as_deref(), Some("https://example.org/img/card.png"));
    assert_eq!(meta(&html, "article:published_time").as_deref(), Some("2025-03-03T09:30:00+01:00"));
    assert_eq!(meta(&html, "article:modified_time").as_deref(), Some("2025-03-05T00:00:00+00:00"));
    assert_eq!(meta(&html, "article:tag").as_deref(), Some("NATO"));
    assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary_large_image"));
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "BlogPosting");
    assert_eq!(ld["headline"], title);
    assert_eq!(ld["datePublished"], "2025-03-03T09:30:00+01:00");
    assert_eq!(ld["dateModified"], "2025-03-05T00:00:00+00:00");
    assert_eq!(ld["author"][0]["name"], "Jane Doe");
    assert_eq!(ld["description"], "Why <b>deterrence</b> failed");
    assert_eq!(html.matches("<script>alert(1)").count(), 0, "the title never becomes markup");
}

#[test]
fn every_page_has_title_canonical_description_and_json_ld() {
    let site = site();
    for file in site.output_files().into_iter().filter(|f| f.ends_with(".html") && !f.starts_with("2025")) {
        let html = site.read(&file);
        assert!(!crate::support::select_text(&html, "title")[0].is_empty(), "{file}");
        assert!(canonical(&html).starts_with("https://example.org/"), "{file}");
        assert!(meta(&html, "description").is_some(), "{file}: falls back to the site description");
        assert!(meta(&html, "og:type").is_some() && meta(&html, "twitter:card").is_some(), "{file}");
        let ld = json_ld(&html);
        assert_eq!(ld["@context"], "https://schema.org", "{file}");
    }
}

#[test]
fn news_article_type_is_configurable_and_drafts_are_noindex() {
    let site = Site::new("title: D\nschema_type: NewsArticle\n");
    site.post("d", "2025-01-01", "draft: true\n", "Draft.");
    let mut options = site.options();
    options.drafts = true;
    site.try_build(options).unwrap();
    let html = site.read("posts/d/index.html");
    assert_eq!(json_ld(&html)["@type"], "NewsArticle");
    assert_eq!(meta(&html, "robots").as_deref(), Some("noindex"));
}
