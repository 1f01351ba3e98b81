//! Rendering: turns the indexed [`Library`] into output files. Every output is a [`Job`]; the
//! jobs are rendered in parallel through the templates, and every error is collected. Views
//! each post appears in are built once ([`Shared`]) and shared by every page that lists it.

pub mod argument;
pub mod assets;
pub mod cite;
pub mod feeds;
pub mod lists;
pub mod pages;
pub mod plan;
pub mod seo;
pub mod sitemap;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::config::Config;
use crate::content::Library;
use crate::error::Diagnostic;
use crate::templates::Templates;
use views::{PostSummary, Urls};

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output directory, `/`-separated: `posts/x/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// What produced it, for error messages about clashes: a source file or a generated page.
    pub origin: String,
}

/// The summary view of every post, as structs, as template values (converted once and shared
/// by reference count) and as fingerprints for incremental rebuilds.
#[derive(Debug, Clone, Default)]
pub struct Summaries {
    pub list: Vec<PostSummary>,
    pub values: Vec<Value>,
    pub keys: Vec<u64>,
}

impl Summaries {
    pub fn compute(config: &Config, library: &Library) -> Summaries {
        let urls = Urls { config };
        let list: Vec<PostSummary> = library.posts.par_iter().map(|e| views::post_summary(urls, library, e)).collect();
        let values = list.par_iter().map(views::to_value).collect();
        let keys = list.par_iter().map(summary_key).collect();
        Summaries { list, values, keys }
    }

    /// Recomputes the summary of post `i` only (its tags' names are unchanged).
    pub fn update(&mut self, config: &Config, library: &Library, i: usize) {
        let summary = views::post_summary(Urls { config }, library, &library.posts[i]);
        self.values[i] = views::to_value(&summary);
        self.keys[i] = summary_key(&summary);
        self.list[i] = summary;
    }
}

fn summary_key(summary: &PostSummary) -> u64 {
    plan::fingerprint(summary)
}

/// Everything renderers read, built once per build.
pub struct Shared<'a> {
    pub config: &'a Config,
    pub library: &'a Library,
    pub templates: &'a Templates,
    pub urls: Urls<'a>,
    pub summaries: &'a Summaries,
    /// Fingerprint of the values every template sees ([`globals`]).
    pub globals_key: u64,
}

impl<'a> Shared<'a> {
    /// A context with the per-page globals every template sees.
    pub fn context(&self, rel: &str, seo: &seo::Seo) -> Context {
        let mut c = Context::new();
        c.insert("current_path", &self.urls.path(rel));
        c.insert("current_url", &self.urls.permalink(rel));
        c.insert("seo", seo);
        c
    }

    pub fn render(
        &self,
        template: &str,
        context: &Context,
        rel_path: String,
        origin: &str,
    ) -> Result<OutputFile, Diagnostic> {
        let html = self.templates.render(template, context, origin)?;
        Ok(OutputFile { path: rel_path, bytes: html.into_bytes(), origin: origin.to_string() })
    }

    /// [`Shared::render`] for a page about `capacity` bytes long (one that holds a post's text).
    pub fn render_sized(
        &self,
        template: &str,
        context: &Context,
        rel_path: String,
        origin: &str,
        capacity: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let bytes = self.templates.render_bytes(template, context, origin, capacity)?;
        Ok(OutputFile { path: rel_path, bytes, origin: origin.to_string() })
    }
}

/// A unit of rendering work; see [`plan::plan`] for the list and its fingerprints.
#[derive(Debug, Clone)]
pub enum Job {
    Post(usize),
    Page(usize),
    Lists(lists::ListJob),
    /// The site's feeds, or a taxonomy term's (taxonomy index, term index).
    Feed(Option<(usize, usize)>),
    Sitemap,
    NotFound,
    Alias {
        post: bool,
        index: usize,
        alias: usize,
    },
    /// The `/search/` page ([`crate::search::page`]).
    Search,
}

#[derive(Serialize)]
struct Globals<'a> {
    config: ConfigView<'a>,
    feed_links: Vec<feeds::FeedLink>,
    menu: Vec<MenuLink>,
    assets: serde_json::Value,
}

/// Values every template sees, set once on the template engine, and their fingerprint.
pub fn globals(config: &Config, library: &Library) -> (Context, u64) {
    let urls = Urls { config };
    let globals = Globals {
        config: ConfigView::new(config),
        feed_links: feeds::links(config, urls, "", &config.title),
        menu: menu(config, library, urls),
        assets: serde_json::json!({
            "stylesheet": urls.path("folio.css"),
            "syntax_light": urls.path("syntax-light.css"),
            "syntax_dark": urls.path("syntax-dark.css"),
            "script": urls.path("folio.js"),
            "favicon": urls.path("favicon.svg"),
        }),
    };
    let key = plan::fingerprint(serde_json::to_string(&globals).unwrap_or_default());
    let context = Context::from_serialize(&globals).unwrap_or_default();
    (context, key)
}

/// What a job renders, for messages: a source file or a generated page.
pub fn origin(shared: &Shared<'_>, job: &Job) -> String {
    let lib = shared.library;
    match job {
        Job::Post(i) => lib.posts[*i].doc.source.display().to_string(),
        Job::Page(i) => lib.pages[*i].doc.source.display().to_string(),
        Job::Alias { post, index, alias } => {
            let entry = if *post { &lib.posts[*index] } else { &lib.pages[*index] };
            format!("alias `{}` in {}", entry.doc.aliases[*alias], entry.doc.source.display())
        }
        Job::Lists(_) | Job::Feed(_) | Job::Sitemap | Job::NotFound | Job::Search => "a page folio generates".into(),
    }
}

/// Renders one job into its output files.
pub fn run(shared: &Shared<'_>, job: &Job) -> Result<Vec<OutputFile>, Diagnostic> {
    match job {
        Job::Post(i) => pages::post(shared, *i).map(|f| vec![f]),
        Job::Page(i) => pages::page(shared, *i).map(|f| vec![f]),
        Job::Lists(list) => lists::render(shared, list),
        Job::Feed(term) => feeds::render(shared, *term),
        Job::Sitemap => Ok(sitemap::render(shared)),
        Job::NotFound => pages::not_found(shared).map(|f| vec![f]),
        Job::Alias { post, index, alias } => pages::alias(shared, *post, *index, *alias).map(|f| vec![f]),
        Job::Search => crate::search::page::render(shared),
    }
}

/// The configuration as templates see it.
#[derive(Serialize)]
struct ConfigView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    author: &'a crate::config::Author,
    paginate: usize,
    words_per_minute: u32,
    feeds: serde_json::Value,
    highlight: &'a crate::config::HighlightConfig,
    taxonomies: &'a [String],
    extra: &'a serde_json::Value,
    generator: String,
    /// Whether the site has search (the header shows the search box).
    search: bool,
}

impl<'a> ConfigView<'a> {
    fn new(c: &'a Config) -> Self {
        ConfigView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            base_path: &c.base_path,
            language: &c.language,
            author: &c.author,
            paginate: c.paginate,
            words_per_minute: c.words_per_minute,
            feeds: serde_json::json!({ "rss": c.feeds.rss, "atom": c.feeds.atom, "full_content": c.feeds.content == crate::config::FeedContent::Full, "limit": c.feeds.limit }),
            highlight: &c.highlight,
            taxonomies: &c.taxonomies,
            extra: &c.extra,
            generator: format!("folio {}", env!("CARGO_PKG_VERSION")),
            search: c.search.enabled,
        }
    }
}

#[derive(Serialize)]
struct MenuLink {
    name: String,
    path: String,
}

/// The configured menu, or: Archive, each taxonomy, then the standalone pages by path.
fn menu(config: &Config, library: &Library, urls: Urls<'_>) -> Vec<MenuLink> {
    if let Some(items) = &config.menu {
        return items.iter().map(|m| MenuLink { name: m.name.clone(), path: urls.path(&m.path) }).collect();
    }
    let mut links = vec![MenuLink { name: "Archive".into(), path: urls.path("archive/") }];
    for t in &config.taxonomies {
        links.push(MenuLink { name: lists::taxonomy_title(t).into(), path: urls.path(&format!("{t}/")) });
    }
    for page in &library.pages {
        links.push(MenuLink { name: page.doc.front.title.clone(), path: urls.path(&page.doc.path) });
    }
    links
}

/// `posts/x/` → `posts/x/index.html`; `old.html` stays.
pub fn index_file(rel: &str) -> String {
    if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() }
}
