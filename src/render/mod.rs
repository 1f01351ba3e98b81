//! Rendering: turns the indexed [`Library`] into output files. Every output is a [`Job`]; the
//! jobs are rendered in parallel through the templates, and every error is collected. Views
//! each post appears in are built once ([`Shared`]) and shared by every page that lists it.

pub mod assets;
pub mod feeds;
pub mod lists;
pub mod pages;
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

/// Everything renderers read, built once per build.
pub struct Shared<'a> {
    pub config: &'a Config,
    pub library: &'a Library,
    pub templates: &'a Templates,
    pub urls: Urls<'a>,
    pub summaries: Vec<PostSummary>,
    /// The same summaries as template values, converted once.
    pub summary_values: Vec<Value>,
}

impl<'a> Shared<'a> {
    pub fn new(config: &'a Config, library: &'a Library, templates: &'a Templates) -> Shared<'a> {
        let urls = Urls { config };
        let summaries: Vec<PostSummary> =
            library.posts.par_iter().map(|e| views::post_summary(urls, library, e)).collect();
        let summary_values = summaries.par_iter().map(views::to_value).collect();
        Shared { config, library, templates, urls, summaries, summary_values }
    }

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
}

/// A unit of rendering work.
#[derive(Debug, Clone)]
pub enum Job {
    Post(usize),
    Page(usize),
    Lists(lists::ListJob),
    Feeds,
    Sitemap,
    NotFound,
    Aliases,
}

/// Values every template sees, set once on the template engine.
pub fn globals(config: &Config, library: &Library) -> Context {
    let urls = Urls { config };
    let mut c = Context::new();
    c.insert("config", &ConfigView::new(config));
    c.insert("feed_links", &feeds::links(config, urls, "", &config.title));
    c.insert("menu", &menu(config, library, urls));
    c.insert(
        "assets",
        &serde_json::json!({
            "stylesheet": urls.path("folio.css"),
            "syntax_light": urls.path("syntax-light.css"),
            "syntax_dark": urls.path("syntax-dark.css"),
            "script": urls.path("folio.js"),
            "favicon": urls.path("favicon.svg"),
        }),
    );
    c
}

/// Renders every page of the site. Static files are gathered separately by [`assets`].
pub fn render_all(
    shared: &Shared<'_>,
    reporter: &dyn crate::report::Reporter,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let lib = shared.library;
    let mut jobs: Vec<Job> = (0..lib.posts.len()).map(Job::Post).collect();
    jobs.extend((0..lib.pages.len()).map(Job::Page));
    jobs.extend(lists::jobs(shared).into_iter().map(Job::Lists));
    jobs.extend([Job::Feeds, Job::Sitemap, Job::NotFound, Job::Aliases]);
    let results: Vec<Result<Vec<OutputFile>, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let r = run(shared, job);
            if matches!(job, Job::Post(_) | Job::Page(_)) {
                reporter.rendered();
            }
            r
        })
        .collect();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(mut f) => files.append(&mut f),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok(files) } else { Err(errors) }
}

fn run(shared: &Shared<'_>, job: &Job) -> Result<Vec<OutputFile>, Diagnostic> {
    match job {
        Job::Post(i) => pages::post(shared, *i).map(|f| vec![f]),
        Job::Page(i) => pages::page(shared, *i).map(|f| vec![f]),
        Job::Lists(list) => lists::render(shared, list),
        Job::Feeds => feeds::render(shared),
        Job::Sitemap => Ok(sitemap::render(shared)),
        Job::NotFound => pages::not_found(shared).map(|f| vec![f]),
        Job::Aliases => pages::aliases(shared),
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
