//! The comments hook: the `comments:` block of `folio.yaml` ([`RawComments`], what the author
//! wrote) validated into [`Comments`] (one provider with its checked settings, the load mode, how
//! threads are named), and, for each page, [`view`]: whether the page has comments, its thread id
//! and what the templates in `themes/folio/templates/comments/` need to render the embed. No
//! provider script is written inline: templates put every value into `data-` attributes (escaped by
//! Tera) and `comments.js` builds the provider's elements from them, so a strict CSP works.
//! Documented in `docs/comments.md`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Location, did_you_mean};

/// A setting written as text or as a number (`website_id: 1234`), kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The `comments:` block as written. Settings of providers other than the chosen one are kept
/// but not checked, so switching provider is a one-line change.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawComments {
    pub provider: Option<String>,
    pub load: Option<String>,
    pub thread: Option<String>,
    pub giscus: Option<RawGiscus>,
    pub utterances: Option<RawUtterances>,
    pub disqus: Option<RawDisqus>,
    pub isso: Option<RawUrl>,
    pub remark42: Option<RawRemark42>,
    pub cusdis: Option<RawCusdis>,
    pub hyvor: Option<RawHyvor>,
    pub commento: Option<RawUrl>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawGiscus {
    pub repo: Option<Text>,
    pub repo_id: Option<Text>,
    pub category: Option<Text>,
    pub category_id: Option<Text>,
    pub reactions: Option<bool>,
    pub lang: Option<Text>,
    pub theme_light: Option<Text>,
    pub theme_dark: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawUtterances {
    pub repo: Option<Text>,
    pub label: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawDisqus {
    pub shortname: Option<Text>,
}

/// Isso's server or Commento's script host.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawUrl {
    pub url: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawRemark42 {
    pub host: Option<Text>,
    pub site_id: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawCusdis {
    pub host: Option<Text>,
    pub app_id: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawHyvor {
    pub website_id: Option<Text>,
}

/// When the provider's script is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Load {
    /// As soon as the page has loaded.
    Eager,
    /// When the reader scrolls near the comments.
    Lazy,
    /// When the reader presses "Show comments"; nothing third-party loads before.
    #[default]
    Click,
}

/// What names a page's thread when the page does not pin one with `comments_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Thread {
    /// The slug: survives a move to another domain or subpath.
    #[default]
    Slug,
    /// The URL path as served, base path included (`/blog/posts/x/`).
    Pathname,
    /// The permalink (`https://example.org/blog/posts/x/`).
    Url,
}

/// The chosen provider and its validated settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(untagged)]
pub enum Provider {
    #[default]
    None,
    Custom,
    Giscus {
        repo: String,
        repo_id: String,
        category: String,
        category_id: String,
        reactions: bool,
        lang: String,
        theme_light: String,
        theme_dark: String,
    },
    Utterances {
        repo: String,
        label: Option<String>,
    },
    Disqus {
        shortname: String,
    },
    Isso {
        url: String,
    },
    Remark42 {
        host: String,
        site_id: String,
    },
    Cusdis {
        host: String,
        app_id: String,
    },
    Hyvor {
        website_id: String,
    },
    Commento {
        url: String,
    },
}

pub const PROVIDERS: [&str; 10] =
    ["giscus", "utterances", "disqus", "isso", "remark42", "cusdis", "hyvor", "commento", "custom", "none"];

impl Provider {
    /// The key used in `folio.yaml` and in template names (`comments/<key>.html`).
    pub fn key(&self) -> &'static str {
        match self {
            Provider::None => "none",
            Provider::Custom => "custom",
            Provider::Giscus { .. } => "giscus",
            Provider::Utterances { .. } => "utterances",
            Provider::Disqus { .. } => "disqus",
            Provider::Isso { .. } => "isso",
            Provider::Remark42 { .. } => "remark42",
            Provider::Cusdis { .. } => "cusdis",
            Provider::Hyvor { .. } => "hyvor",
            Provider::Commento { .. } => "commento",
        }
    }

    /// The name shown to readers ("Show comments (Hyvor Talk)").
    pub fn name(&self) -> &'static str {
        match self {
            Provider::None => "comments",
            Provider::Custom => "custom comments",
            Provider::Giscus { .. } => "giscus",
            Provider::Utterances { .. } => "utterances",
            Provider::Disqus { .. } => "Disqus",
            Provider::Isso { .. } => "Isso",
            Provider::Remark42 { .. } => "Remark42",
            Provider::Cusdis { .. } => "Cusdis",
            Provider::Hyvor { .. } => "Hyvor Talk",
            Provider::Commento { .. } => "Commento",
        }
    }

    /// The provider's script, as its documentation gives it.
    pub fn script(&self) -> Option<String> {
        Some(match self {
            Provider::None | Provider::Custom => return None,
            Provider::Giscus { .. } => "https://giscus.app/client.js".into(),
            Provider::Utterances { .. } => "https://utteranc.es/client.js".into(),
            Provider::Disqus { shortname } => format!("https://{shortname}.disqus.com/embed.js"),
            Provider::Isso { url } => format!("{url}js/embed.min.js"),
            Provider::Remark42 { host, .. } => format!("{host}/web/embed.js"),
            Provider::Cusdis { host, .. } => format!("{host}/js/cusdis.es.js"),
            Provider::Hyvor { .. } => "https://talk.hyvor.com/embed/embed.js".into(),
            Provider::Commento { url } => format!("{url}/js/commento.js"),
        })
    }

    /// Where readers without JavaScript can still read the discussion.
    pub fn discussion_url(&self) -> Option<String> {
        match self {
            Provider::Giscus { repo, .. } => Some(format!("https://github.com/{repo}/discussions")),
            Provider::Utterances { repo, .. } => Some(format!("https://github.com/{repo}/issues")),
            _ => None,
        }
    }
}

/// The validated `comments:` block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comments {
    pub provider: Provider,
    pub load: Load,
    pub thread: Thread,
    /// The provider's script URL and host, worked out once.
    pub script: Option<String>,
    pub host: Option<String>,
    pub discussion_url: Option<String>,
    /// Set by the preview server unless it runs with `--comments`: the hook then renders a
    /// placeholder (`comments/preview.html`) naming the provider and thread, and loads nothing.
    pub preview: bool,
}

impl RawComments {
    /// Checks the block; every problem is reported, each naming its key.
    pub fn validate(self) -> Result<Comments, Vec<Diagnostic>> {
        let RawComments { provider, load, thread, giscus, utterances, disqus, isso, remark42, cusdis, hyvor, commento } =
            self;
        let mut errors = Vec::new();
        let load = match load.as_deref() {
            None | Some("click") => Load::Click,
            Some("eager") => Load::Eager,
            Some("lazy") => Load::Lazy,
            Some(other) => {
                errors.push(unknown_value("load", other, &["eager", "lazy", "click"]));
                Load::Click
            }
        };
        let thread = match thread.as_deref() {
            None | Some("slug") => Thread::Slug,
            Some("pathname") => Thread::Pathname,
            Some("url") => Thread::Url,
            Some(other) => {
                errors.push(unknown_value("thread", other, &["slug", "pathname", "url"]));
                Thread::Slug
            }
        };
        let mut need = Need { errors: &mut errors };
        let provider = match provider.as_deref().unwrap_or("none") {
            "none" => Provider::None,
            "custom" => Provider::Custom,
            "giscus" => need.giscus(giscus.unwrap_or_default()),
            "utterances" => {
                let u = utterances.unwrap_or_default();
                Provider::Utterances { repo: need.repo("utterances", u.repo), label: u.label.map(|l| l.0) }
            }
            "disqus" => need.disqus(disqus.unwrap_or_default()),
            "isso" => {
                let url = need.url("isso", "url", isso.unwrap_or_default().url, None, ISSO_HELP);
                Provider::Isso { url: format!("{}/", url.trim_end_matches('/')) }
            }
            "remark42" => {
                let r = remark42.unwrap_or_default();
                let host = need.url("remark42", "host", r.host, None, REMARK_HELP);
                let site_id = r.site_id.map_or_else(|| "remark".to_string(), |s| s.0);
                Provider::Remark42 { host: host.trim_end_matches('/').into(), site_id }
            }
            "cusdis" => {
                let c = cusdis.unwrap_or_default();
                let host = need.url("cusdis", "host", c.host, Some("https://cusdis.com"), CUSDIS_HELP);
                let app_id = need.text("cusdis", "app_id", c.app_id, CUSDIS_HELP);
                Provider::Cusdis { host: host.trim_end_matches('/').into(), app_id }
            }
            "hyvor" => {
                let website_id = need.text("hyvor", "website_id", hyvor.unwrap_or_default().website_id, HYVOR_HELP);
                Provider::Hyvor { website_id }
            }
            "commento" => {
                let default = Some("https://cdn.commento.io");
                let url = need.url("commento", "url", commento.unwrap_or_default().url, default, COMMENTO_HELP);
                Provider::Commento { url: url.trim_end_matches('/').into() }
            }
            other => {
                errors.push(unknown_value("provider", other, &PROVIDERS));
                Provider::None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let script = provider.script();
        let host = script.as_deref().and_then(|s| url::Url::parse(s).ok()).and_then(|u| u.host_str().map(String::from));
        let discussion_url = provider.discussion_url();
        Ok(Comments { provider, load, thread, script, host, discussion_url, preview: false })
    }
}

const GISCUS_HELP: &str = "pick your repository and category at https://giscus.app and copy the value from the \
                           `data-repo`, `data-repo-id`, `data-category` and `data-category-id` lines of the snippet";
const UTTERANCES_HELP: &str = "write it as `owner/name`, the public GitHub repository with the utterances app \
                               installed (https://utteranc.es)";
const DISQUS_HELP: &str = "your site's shortname, from the Disqus admin (Settings › General › Shortname)";
const ISSO_HELP: &str = "the address of your Isso server, such as `https://comments.example.org/`";
const REMARK_HELP: &str =
    "the address of your Remark42 server (its REMARK_URL), such as `https://remark42.example.org`";
const CUSDIS_HELP: &str = "the app id from the embed code in your Cusdis dashboard (`data-app-id`)";
const HYVOR_HELP: &str = "the website id from the Hyvor Talk console (Settings › Website)";
const COMMENTO_HELP: &str = "the address Commento's script is served from, such as `https://cdn.commento.io`";

fn unknown_value(key: &str, value: &str, expected: &[&str]) -> Diagnostic {
    let help = match did_you_mean(value, expected.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("use one of: {}", expected.join(", ")),
    };
    Diagnostic::new(Location::file(CONFIG_FILE), format!("comments.{key}: unknown value `{value}`")).with_help(help)
}

/// Collects "missing key" and "bad value" errors for the chosen provider's block.
struct Need<'e> {
    errors: &'e mut Vec<Diagnostic>,
}

impl Need<'_> {
    fn error(&mut self, block: &str, message: String, help: &str) {
        self.errors
            .push(Diagnostic::new(Location::file(CONFIG_FILE), format!("comments.{block}: {message}")).with_help(help));
    }

    fn text(&mut self, block: &str, key: &str, value: Option<Text>, help: &str) -> String {
        match value.map(|t| t.0.trim().to_string()).filter(|v| !v.is_empty()) {
            Some(v) => v,
            None => {
                self.error(block, format!("missing key `{key}`"), help);
                String::new()
            }
        }
    }

    fn url(&mut self, block: &str, key: &str, value: Option<Text>, default: Option<&str>, help: &str) -> String {
        let value = match (value, default) {
            (Some(v), _) => Some(v),
            (None, Some(d)) => Some(Text(d.into())),
            (None, None) => None,
        };
        let text = self.text(block, key, value, help);
        if text.is_empty() {
            return text;
        }
        match url::Url::parse(&text) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.query().is_none() && u.fragment().is_none() => text,
            _ => {
                self.error(block, format!("`{key}: {text}` is not an http(s) address"), help);
                String::new()
            }
        }
    }

    fn repo(&mut self, block: &str, value: Option<Text>) -> String {
        let help = if block == "giscus" { GISCUS_HELP } else { UTTERANCES_HELP };
        let repo = self.text(block, "repo", value, help);
        let valid = |part: &str| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        match repo.split_once('/') {
            Some((owner, name)) if valid(owner) && valid(name) => repo,
            _ if repo.is_empty() => repo,
            _ => {
                self.error(block, format!("`repo: {repo}` is not of the form `owner/name`"), help);
                String::new()
            }
        }
    }

    fn giscus(&mut self, g: RawGiscus) -> Provider {
        let RawGiscus { repo, repo_id, category, category_id, reactions, lang, theme_light, theme_dark } = g;
        Provider::Giscus {
            repo: self.repo("giscus", repo),
            repo_id: self.text("giscus", "repo_id", repo_id, GISCUS_HELP),
            category: self.text("giscus", "category", category, GISCUS_HELP),
            category_id: self.text("giscus", "category_id", category_id, GISCUS_HELP),
            reactions: reactions.unwrap_or(true),
            lang: lang.map_or_else(|| "en".into(), |l| l.0),
            theme_light: theme_light.map_or_else(|| "light".into(), |t| t.0),
            theme_dark: theme_dark.map_or_else(|| "dark".into(), |t| t.0),
        }
    }

    fn disqus(&mut self, d: RawDisqus) -> Provider {
        let shortname = self.text("disqus", "shortname", d.shortname, DISQUS_HELP);
        if !shortname.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            self.error(
                "disqus",
                format!("`shortname: {shortname}` may only hold letters, digits and `-`"),
                DISQUS_HELP,
            );
        }
        Provider::Disqus { shortname: shortname.to_ascii_lowercase() }
    }
}

/// What a page says about its comments, and where it lives.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// Posts have comments by default when a provider is configured; pages only when they ask.
    pub is_post: bool,
    /// Front matter `comments`.
    pub comments: Option<bool>,
    /// Front matter `comments_id`.
    pub comments_id: Option<&'a str>,
    /// Front matter `comments_prompt`.
    pub prompt: Option<&'a str>,
    pub slug: &'a str,
    /// Root-relative, base path included: `/blog/posts/x/`.
    pub path: &'a str,
    pub permalink: &'a str,
    pub title: &'a str,
}

/// What templates see as `page.comments` (documented in `docs/templates.md`).
#[derive(Debug, Clone, Serialize)]
pub struct CommentsView<'a> {
    /// Show the comments area at all.
    pub enabled: bool,
    /// Render a provider's embed (or the custom template) in it.
    pub widget: bool,
    /// `giscus`, …, `custom` or `none`.
    pub provider: &'static str,
    pub provider_name: &'static str,
    /// `eager`, `lazy` or `click`.
    pub load: &'static str,
    pub thread: String,
    pub permalink: &'a str,
    pub path: &'a str,
    pub title: &'a str,
    pub prompt: Option<&'a str>,
    pub preview: bool,
    pub script: Option<&'a str>,
    pub host: Option<&'a str>,
    pub discussion_url: Option<&'a str>,
    /// The provider's settings (`repo`, `repo_id`…), or null.
    pub settings: Option<&'a Provider>,
}

/// Resolves one page's comments: on or off, its thread id, and the embed's values.
pub fn view<'a>(config: &'a Comments, page: Subject<'a>) -> CommentsView<'a> {
    let configured = config.provider != Provider::None;
    let enabled = page.comments.unwrap_or(page.is_post && configured);
    let thread = match page.comments_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => id.to_string(),
        None => match config.thread {
            Thread::Slug => page.slug.to_string(),
            Thread::Pathname => page.path.to_string(),
            Thread::Url => page.permalink.to_string(),
        },
    };
    CommentsView {
        enabled,
        widget: enabled && configured,
        provider: config.provider.key(),
        provider_name: config.provider.name(),
        load: match config.load {
            Load::Eager => "eager",
            Load::Lazy => "lazy",
            Load::Click => "click",
        },
        thread,
        permalink: page.permalink,
        path: page.path,
        title: page.title,
        prompt: page.prompt.map(str::trim).filter(|p| !p.is_empty()),
        preview: config.preview,
        script: config.script.as_deref(),
        host: config.host.as_deref(),
        discussion_url: config.discussion_url.as_deref(),
        settings: configured.then_some(&config.provider),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Comments, Vec<Diagnostic>> {
        crate::yaml::from_str::<RawComments>(yaml).expect("valid YAML").validate()
    }

    fn messages(yaml: &str) -> Vec<String> {
        parse(yaml).unwrap_err().iter().map(ToString::to_string).collect()
    }

    fn subject() -> Subject<'static> {
        Subject {
            is_post: true,
            comments: None,
            comments_id: None,
            prompt: None,
            slug: "my-post",
            path: "/blog/posts/my-post/",
            permalink: "https://example.org/blog/posts/my-post/",
            title: "My post",
        }
    }

    const GISCUS: &str = "provider: giscus\ngiscus: { repo: o/n, repo_id: R1, category: General, category_id: C1 }\n";

    #[test]
    fn no_block_means_no_provider_and_click_loading() {
        let c = RawComments::default().validate().unwrap();
        assert_eq!((c.provider, c.load, c.thread), (Provider::None, Load::Click, Thread::Slug));
    }

    #[test]
    fn missing_settings_name_the_key_and_where_to_find_it() {
        let errors = parse("provider: giscus\ngiscus: { repo: o/n, category: General }\n").unwrap_err();
        let text: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
        assert_eq!(text, ["comments.giscus: missing key `repo_id`", "comments.giscus: missing key `category_id`"]);
        assert!(errors[0].help.as_deref().unwrap().contains("https://giscus.app"));
        assert_eq!(
            messages("provider: disqus\n")[0].lines().next(),
            Some("folio.yaml: comments.disqus: missing key `shortname`")
        );
        for (provider, key) in [
            ("utterances", "repo"),
            ("isso", "url"),
            ("remark42", "host"),
            ("cusdis", "app_id"),
            ("hyvor", "website_id"),
        ] {
            let m = messages(&format!("provider: {provider}\n"));
            assert_eq!(m.len(), 1, "{m:?}");
            assert!(m[0].starts_with(&format!("folio.yaml: comments.{provider}: missing key `{key}`")), "{m:?}");
        }
    }

    #[test]
    fn bad_values_are_explained() {
        assert!(messages("provider: gisqus\n")[0].contains("did you mean `giscus`?"));
        assert!(messages("load: lazzy\n")[0].contains("did you mean `lazy`?"));
        assert!(messages("provider: utterances\nutterances: { repo: justaname }\n")[0].contains("owner/name"));
        assert!(
            messages("provider: isso\nisso: { url: comments.example.org }\n")[0].contains("not an http(s) address")
        );
        assert!(messages("provider: disqus\ndisqus: { shortname: \"a b\" }\n")[0].contains("letters, digits"));
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let e = crate::yaml::from_str::<RawComments>("giscus: { repo_idd: x }\n").unwrap_err();
        assert_eq!(e.message, "giscus: unknown key `repo_idd`");
        assert_eq!(e.help.as_deref(), Some("did you mean `repo_id`?"));
    }

    #[test]
    fn defaults_and_normalised_urls() {
        let c = parse("provider: hyvor\nhyvor: { website_id: 1234 }\n").unwrap();
        assert_eq!(c.provider, Provider::Hyvor { website_id: "1234".into() });
        assert_eq!(c.host.as_deref(), Some("talk.hyvor.com"));
        let c = parse("provider: isso\nisso: { url: \"https://c.example.org/isso\" }\n").unwrap();
        assert_eq!(c.script.as_deref(), Some("https://c.example.org/isso/js/embed.min.js"));
        let c = parse("provider: cusdis\ncusdis: { app_id: abc }\n").unwrap();
        assert_eq!(c.script.as_deref(), Some("https://cusdis.com/js/cusdis.es.js"));
        let c = parse("provider: remark42\nremark42: { host: \"https://r.example.org/\" }\n").unwrap();
        assert_eq!(c.provider, Provider::Remark42 { host: "https://r.example.org".into(), site_id: "remark".into() });
        let c = parse("provider: disqus\ndisqus: { shortname: My-Blog }\n").unwrap();
        assert_eq!(c.script.as_deref(), Some("https://my-blog.disqus.com/embed.js"));
        assert_eq!(parse(GISCUS).unwrap().discussion_url.as_deref(), Some("https://github.com/o/n/discussions"));
    }

    #[test]
    fn posts_have_comments_by_default_pages_only_when_asked() {
        let c = parse(GISCUS).unwrap();
        assert!(view(&c, subject()).widget);
        assert!(!view(&c, Subject { comments: Some(false), ..subject() }).enabled);
        assert!(!view(&c, Subject { is_post: false, ..subject() }).enabled);
        assert!(view(&c, Subject { is_post: false, comments: Some(true), ..subject() }).widget);
    }

    #[test]
    fn without_a_provider_an_opted_in_post_shows_its_prompt_only() {
        let c = Comments::default();
        let v = view(&c, Subject { comments: Some(true), prompt: Some("Share your thoughts!"), ..subject() });
        assert!(v.enabled && !v.widget);
        assert_eq!(v.prompt, Some("Share your thoughts!"));
        assert!(!view(&c, subject()).enabled);
    }

    #[test]
    fn thread_ids_follow_the_setting_unless_pinned() {
        let mut c = parse(GISCUS).unwrap();
        assert_eq!(view(&c, subject()).thread, "my-post");
        c.thread = Thread::Pathname;
        assert_eq!(view(&c, subject()).thread, "/blog/posts/my-post/");
        c.thread = Thread::Url;
        assert_eq!(view(&c, subject()).thread, "https://example.org/blog/posts/my-post/");
        assert_eq!(view(&c, Subject { comments_id: Some(" old-id "), ..subject() }).thread, "old-id");
    }

    #[test]
    fn the_preview_switch_reaches_the_view() {
        let mut c = parse(GISCUS).unwrap();
        assert!(!view(&c, subject()).preview);
        c.preview = true;
        assert!(view(&c, subject()).preview);
    }
}
