//! SEO metadata for every page: the `seo` template variable (title, description, canonical URL,
//! Open Graph type and times, image) and the JSON-LD document, serialised here so that any text
//! — even `</script>` in a title — is escaped for a `<script>` element.

use serde::Serialize;
use serde_json::json;

use crate::config::Config;

#[derive(Debug, Clone, Serialize)]
pub struct Seo {
    pub title: String,
    pub description: Option<String>,
    pub canonical: String,
    pub og_type: &'static str,
    pub image: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub tags: Vec<String>,
    pub json_ld: String,
    pub noindex: bool,
}

/// What a page is, for structured data.
pub enum Subject<'a> {
    Article {
        headline: &'a str,
        published: Option<String>,
        modified: Option<String>,
        authors: &'a [String],
        tags: Vec<String>,
        image: Option<String>,
    },
    Page {
        name: &'a str,
    },
    Home,
    Collection {
        name: &'a str,
    },
    NotFound,
}

impl Seo {
    pub fn new(config: &Config, subject: Subject<'_>, canonical: String, description: Option<&str>) -> Seo {
        let description = description
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .or(Some(config.description.as_str()).filter(|d| !d.is_empty()))
            .map(String::from);
        let site = config.title.as_str();
        let (title, og_type, ld, noindex) = match &subject {
            Subject::Article { headline, published, modified, authors, tags, image } => {
                let mut ld = json!({
                    "@context": "https://schema.org",
                    "@type": config.schema_type.as_str(),
                    "headline": headline,
                    "url": canonical,
                    "mainEntityOfPage": { "@type": "WebPage", "@id": canonical },
                    "author": people(config, authors),
                    "publisher": { "@type": "Organization", "name": site, "url": format!("{}/", config.base_url) },
                    "inLanguage": config.language,
                });
                let fields = [
                    ("datePublished", published.clone()),
                    ("dateModified", modified.clone().or(published.clone())),
                    ("description", description.clone()),
                    ("image", image.clone()),
                ];
                for (key, value) in fields {
                    if let Some(v) = value {
                        ld[key] = json!(v);
                    }
                }
                if !tags.is_empty() {
                    ld["keywords"] = json!(tags);
                }
                (format!("{headline} — {site}"), "article", ld, false)
            }
            Subject::Page { name } => {
                (format!("{name} — {site}"), "website", web_page("WebPage", name, &canonical, config), false)
            }
            Subject::Collection { name } => {
                (format!("{name} — {site}"), "website", web_page("CollectionPage", name, &canonical, config), false)
            }
            Subject::Home => {
                let ld = json!({ "@context": "https://schema.org", "@type": "WebSite", "name": site, "url": canonical, "inLanguage": config.language });
                (site.to_string(), "website", ld, false)
            }
            Subject::NotFound => (
                format!("Page not found — {site}"),
                "website",
                web_page("WebPage", "Page not found", &canonical, config),
                true,
            ),
        };
        let (published, modified, tags, image) = match subject {
            Subject::Article { published, modified, tags, image, .. } => (published, modified, tags, image),
            _ => (None, None, Vec::new(), None),
        };
        Seo {
            title,
            description,
            canonical,
            og_type,
            image,
            published,
            modified,
            tags,
            json_ld: script_safe_json(&ld),
            noindex,
        }
    }
}

fn web_page(kind: &str, name: &str, url: &str, config: &Config) -> serde_json::Value {
    json!({ "@context": "https://schema.org", "@type": kind, "name": name, "url": url, "inLanguage": config.language,
            "isPartOf": { "@type": "WebSite", "name": config.title, "url": format!("{}/", config.base_url) } })
}

fn people(config: &Config, authors: &[String]) -> serde_json::Value {
    if authors.is_empty() {
        let mut p = json!({ "@type": "Person", "name": config.author.name });
        if let Some(url) = &config.author.url {
            p["url"] = json!(url);
        }
        return json!([p]);
    }
    json!(authors.iter().map(|a| json!({ "@type": "Person", "name": a })).collect::<Vec<_>>())
}

/// JSON that can sit inside `<script>`: `<`, `>` and `&` become `\u003c`-style escapes, which JSON
/// parsers read back unchanged, so `</script>` or `<!--` in any string cannot end the element.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let config = Config::parse("title: S\n").unwrap();
        let subject = Subject::Article {
            headline: "A </script><script>alert(1)</script> & B",
            published: Some("2025-01-01T00:00:00+00:00".into()),
            modified: None,
            authors: &[],
            tags: vec!["x".into()],
            image: None,
        };
        let seo = Seo::new(&config, subject, "https://e.org/a/".into(), Some("d"));
        assert!(!seo.json_ld.contains("</script"));
        let back: serde_json::Value = serde_json::from_str(&seo.json_ld).unwrap();
        assert_eq!(back["headline"], "A </script><script>alert(1)</script> & B");
        assert_eq!(back["@type"], "BlogPosting");
        assert_eq!(back["dateModified"], "2025-01-01T00:00:00+00:00");
        assert_eq!(seo.title, "A </script><script>alert(1)</script> & B — S");
    }

    #[test]
    fn site_description_is_the_fallback() {
        let config = Config::parse("title: S\ndescription: Site desc\n").unwrap();
        let seo = Seo::new(&config, Subject::Home, "https://e.org/".into(), None);
        assert_eq!(seo.description.as_deref(), Some("Site desc"));
        assert_eq!(seo.og_type, "website");
    }
}
