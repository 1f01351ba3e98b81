//! `folio build`: the whole pipeline, one stage per line — config, load, parse, markdown and
//! index, templates, render, write. Each stage's errors are collected and returned together.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::{self, Filter, Library};
use crate::error::{BuildError, Diagnostic};
use crate::render::{self, OutputFile, Shared};
use crate::report::Reporter;
use crate::templates::Templates;
use crate::write;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `root/public`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from the configuration.
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), output: None, base_url: None, drafts: false, future: false }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    /// HTML pages written.
    pub pages: usize,
    /// All files written.
    pub files: usize,
    pub posts: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// A site rendered in memory, not yet written.
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub posts: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site at `options.root` into its output directory.
pub fn build(options: &BuildOptions, reporter: &dyn Reporter) -> Result<BuildSummary, BuildError> {
    let start = Instant::now();
    let output = options.output_dir();
    write::check_output_dir(&options.root, &output)?;
    let rendered = render_site(options, reporter)?;
    let t = Instant::now();
    write::write_site(&output, &rendered.files)?;
    reporter.stage("write", t.elapsed());
    Ok(BuildSummary {
        output,
        pages: rendered.files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: rendered.files.len(),
        posts: rendered.posts,
        elapsed: start.elapsed(),
        warnings: rendered.warnings,
    })
}

/// Runs every stage up to, not including, writing.
pub fn render_site(options: &BuildOptions, reporter: &dyn Reporter) -> Result<Rendered, BuildError> {
    let mut t = Instant::now();
    let mut lap = |name: &'static str| {
        reporter.stage(name, t.elapsed());
        t = Instant::now();
    };
    let config = load_config(&options.root, options.base_url.as_deref())?;
    lap("config");
    let loaded = content::load::load(&options.root).map_err(BuildError::Site)?;
    for w in &loaded.warnings {
        reporter.warning(w);
    }
    lap("load");
    let docs = content::parse_all(&loaded.sources).map_err(BuildError::Site)?;
    drop(loaded.sources);
    lap("parse");
    let filter = Filter { drafts: options.drafts, future: options.future, now: jiff::Timestamp::now() };
    let library = content::index(docs, &config, &filter);
    lap("markdown");
    let mut templates = Templates::load(&options.root, &config.theme, &config.base_path).map_err(BuildError::Site)?;
    templates.set_globals(render::globals(&config, &library));
    lap("templates");
    let files = render_files(&options.root, &config, &library, &templates, reporter)?;
    lap("render");
    Ok(Rendered { files, posts: library.posts.len(), warnings: loaded.warnings })
}

fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, BuildError> {
    let config = Config::load(root).map_err(BuildError::Site)?;
    match base_url {
        Some(url) => config.with_base_url(url).map_err(BuildError::from),
        None => Ok(config),
    }
}

fn render_files(
    root: &Path,
    config: &Config,
    library: &Library,
    templates: &Templates,
    reporter: &dyn Reporter,
) -> Result<Vec<OutputFile>, BuildError> {
    let shared = Shared::new(config, library, templates);
    reporter.render_started(library.posts.len() + library.pages.len());
    let pages = render::render_all(&shared, reporter);
    reporter.render_finished();
    let mut files = pages.map_err(BuildError::Site)?;
    files.extend(render::assets::collect(root, config).map_err(BuildError::Site)?);
    write::check_clashes(&files).map_err(BuildError::Site)?;
    Ok(files)
}
