//! Site configuration: `folio.yaml` → [`RawConfig`] (what the author wrote, unknown keys
//! refused with a suggestion) → [`Config`] (validated, defaults applied, URLs split into the
//! parts the renderer needs). Every key is documented in `docs/configuration.md`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::comments::{Comments, RawComments};
use crate::error::{Diagnostic, Location};
use crate::yaml;

pub const CONFIG_FILE: &str = "folio.yaml";

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub base_url: Option<String>,
    pub language: Option<String>,
    pub author: Option<Author>,
    pub theme: Option<String>,
    pub paginate: Option<usize>,
    pub words_per_minute: Option<u32>,
    pub toc_min_words: Option<usize>,
    pub feeds: Option<FeedsConfig>,
    pub highlight: Option<HighlightConfig>,
    pub taxonomies: Option<Vec<String>>,
    pub schema_type: Option<String>,
    pub menu: Option<Vec<MenuItem>>,
    pub comments: Option<RawComments>,
    pub search: Option<crate::search::SearchConfig>,
    pub extra: Option<yaml::Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Author {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    #[default]
    Full,
    Summary,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedsConfig {
    pub rss: bool,
    pub atom: bool,
    pub content: FeedContent,
    pub limit: usize,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig { rss: true, atom: true, content: FeedContent::Full, limit: 20 }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HighlightConfig {
    pub light: String,
    pub dark: String,
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig { light: "InspiredGitHub".into(), dark: "base16-ocean.dark".into() }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    /// A site path such as `/archive/` (the base path is added) or an absolute URL.
    pub path: String,
}

/// The validated configuration the rest of folio works from.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute, without a trailing slash: `https://example.org/blog`.
    pub base_url: String,
    /// The path part of `base_url`: `""` at a domain root, `/blog` under a subpath.
    pub base_path: String,
    pub host: String,
    pub language: String,
    pub author: Author,
    pub theme: String,
    pub paginate: usize,
    pub words_per_minute: u32,
    pub toc_min_words: usize,
    pub feeds: FeedsConfig,
    pub highlight: HighlightConfig,
    pub taxonomies: Vec<String>,
    /// JSON-LD type of posts: `BlogPosting` or `NewsArticle`.
    pub schema_type: String,
    pub menu: Option<Vec<MenuItem>>,
    pub comments: Comments,
    pub search: crate::search::SearchConfig,
    pub extra: yaml::Value,
}

pub const KNOWN_TAXONOMIES: [&str; 2] = ["tags", "categories"];

impl Config {
    /// Reads and validates `folio.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![
                Diagnostic::new(Location::file(CONFIG_FILE), format!("cannot read the site configuration: {e}"))
                    .with_help(format!("run `folio init {}` to create a site, or pass --root DIR", root.display())),
            ]
        })?;
        Config::parse(&text)
    }

    /// Parses and validates the text of a `folio.yaml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            yaml::from_str(text).map_err(|e| {
                let loc = match (e.line, e.column) {
                    (Some(l), Some(c)) => Location::at(CONFIG_FILE, l, c),
                    _ => Location::file(CONFIG_FILE),
                };
                let mut d = Diagnostic::new(loc, e.message);
                d.help = e.help;
                vec![d]
            })?
        };
        raw.validate()
    }

    /// A copy with another base URL (from `--base-url`, or the preview server's address).
    pub fn with_base_url(&self, base_url: &str) -> Result<Config, Diagnostic> {
        let (base_url, base_path, host) =
            split_base_url(base_url).map_err(|m| Diagnostic::new(Location::file("--base-url"), m))?;
        Ok(Config { base_url, base_path, host, ..self.clone() })
    }
}

impl RawConfig {
    fn validate(self) -> Result<Config, Vec<Diagnostic>> {
        // Destructure every field so that a new key cannot be forgotten here.
        let RawConfig {
            title,
            description,
            base_url,
            language,
            author,
            theme,
            paginate,
            words_per_minute,
            toc_min_words,
            feeds,
            highlight,
            taxonomies,
            schema_type,
            menu,
            comments,
            search,
            extra,
        } = self;
        let mut errors = Vec::new();
        let here = || Location::file(CONFIG_FILE);
        let raw_url = base_url.unwrap_or_else(|| "http://localhost:1111/".into());
        let (base_url, base_path, host) = split_base_url(&raw_url).unwrap_or_else(|m| {
            errors.push(
                Diagnostic::new(here(), format!("base_url: {m}"))
                    .with_help("write it like `https://example.org/` or `https://example.org/blog/`"),
            );
            Default::default()
        });
        let paginate = paginate.unwrap_or(10);
        if paginate == 0 {
            errors.push(
                Diagnostic::new(here(), "paginate: must be at least 1")
                    .with_help("use a number of posts per page, such as 10"),
            );
        }
        let words_per_minute = words_per_minute.unwrap_or(220);
        if words_per_minute == 0 {
            errors.push(
                Diagnostic::new(here(), "words_per_minute: must be at least 1")
                    .with_help("200 to 250 suits most readers"),
            );
        }
        let taxonomies = taxonomies.unwrap_or_else(|| vec!["tags".into()]);
        for t in &taxonomies {
            if !KNOWN_TAXONOMIES.contains(&t.as_str()) {
                let mut d = Diagnostic::new(here(), format!("taxonomies: unknown taxonomy `{t}`"));
                d.help = Some(match crate::error::did_you_mean(t, KNOWN_TAXONOMIES) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "folio supports `tags` and `categories`".into(),
                });
                errors.push(d);
            }
        }
        let highlight = highlight.unwrap_or_default();
        let themes = crate::markdown::highlight::theme_names();
        for (key, name) in [("light", &highlight.light), ("dark", &highlight.dark)] {
            if !themes.iter().any(|t| t == name) {
                let mut d = Diagnostic::new(here(), format!("highlight.{key}: unknown highlight theme `{name}`"));
                d.help = Some(match crate::error::did_you_mean(name, themes.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("available themes: {}", themes.join(", ")),
                });
                errors.push(d);
            }
        }
        let schema_type = schema_type.unwrap_or_else(|| "BlogPosting".into());
        if !["BlogPosting", "NewsArticle", "Article"].contains(&schema_type.as_str()) {
            errors.push(
                Diagnostic::new(here(), format!("schema_type: unknown type `{schema_type}`"))
                    .with_help("use `BlogPosting`, `NewsArticle` or `Article`"),
            );
        }
        let feeds = feeds.unwrap_or_default();
        if feeds.limit == 0 {
            errors.push(Diagnostic::new(here(), "feeds.limit: must be at least 1"));
        }
        let language = language.unwrap_or_else(|| "en".into());
        if language.is_empty() || !language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            errors.push(
                Diagnostic::new(here(), format!("language: `{language}` is not a language tag"))
                    .with_help("use a BCP 47 tag such as `en`, `en-GB` or `fr`"),
            );
        }
        let comments = comments.unwrap_or_default().validate().unwrap_or_else(|mut e| {
            errors.append(&mut e);
            Comments::default()
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            title: title.unwrap_or_else(|| "My analysis blog".into()),
            description: description.unwrap_or_default(),
            base_url,
            base_path,
            host,
            language,
            author: author.unwrap_or_default(),
            theme: theme.unwrap_or_else(|| "folio".into()),
            paginate,
            words_per_minute,
            toc_min_words: toc_min_words.unwrap_or(1200),
            feeds,
            highlight,
            taxonomies,
            schema_type,
            menu,
            comments,
            search: search.unwrap_or_default(),
            extra: extra.unwrap_or(yaml::Value::Object(Default::default())),
        })
    }
}

/// `https://example.org/blog/` → (`https://example.org/blog`, `/blog`, `example.org`).
fn split_base_url(raw: &str) -> Result<(String, String, String), String> {
    let url = url::Url::parse(raw.trim()).map_err(|e| format!("`{raw}` is not an absolute URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{raw}` must start with http:// or https://"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("`{raw}` must not have a query or fragment"));
    }
    let host = url.host_str().unwrap_or_default().to_string();
    let path = url.path().trim_end_matches('/').to_string();
    let origin = url.origin().ascii_serialization();
    Ok((format!("{origin}{path}"), path, host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gets_defaults() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.paginate, 10);
        assert_eq!(c.base_path, "");
        assert_eq!(c.taxonomies, vec!["tags"]);
        assert_eq!(c.highlight.light, "InspiredGitHub");
    }

    #[test]
    fn base_url_under_a_subpath_is_split() {
        let c = Config::parse("base_url: https://example.org/blog/\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/blog");
        assert_eq!(c.base_path, "/blog");
        assert_eq!(c.host, "example.org");
    }

    #[test]
    fn unknown_key_is_refused_with_position_and_suggestion() {
        let errs = Config::parse("title: x\ntilte: y\n").unwrap_err();
        assert_eq!(errs[0].to_string(), "folio.yaml:2:1: unknown key `tilte`\n  help: did you mean `title`?");
    }

    #[test]
    fn nested_unknown_keys_are_refused_too() {
        let errs = Config::parse("feeds:\n  rs: true\n").unwrap_err();
        assert_eq!(errs[0].location, Location::at(CONFIG_FILE, 2, 3));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `rss`?"));
    }

    #[test]
    fn invalid_values_are_all_reported() {
        let errs = Config::parse("base_url: example.org\npaginate: 0\ntaxonomies: [tag]\n").unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.message.clone()).collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(errs[2].help.as_deref() == Some("did you mean `tags`?"));
    }

    #[test]
    fn unknown_highlight_theme_suggests_a_close_name() {
        let errs = Config::parse("highlight:\n  dark: base16-ocean.drak\n").unwrap_err();
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `base16-ocean.dark`?"));
    }
}
