//! `folio build`: the whole pipeline — config, find the content files, then read, parse and
//! render each one's Markdown in one pass, index, templates, render (the search index beside
//! it), write. Each stage's errors are collected and returned together.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::{BuildError, Diagnostic};
use crate::report::Reporter;
use crate::site::Site;
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
    /// The preview server's mode: the comments hook shows a placeholder instead of loading the
    /// provider's scripts (`folio serve --comments` turns this off).
    pub comments_placeholder: bool,
    /// Leave the search index out of the build; the caller builds it from
    /// [`Site::search_snapshot`] (the preview does, on a thread of its own).
    pub defer_search: bool,
    /// Keep highlighted code between builds in this folder (one file per site; see
    /// [`crate::markdown::HighlightCache`]). `None`: highlight every block afresh.
    pub cache_dir: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            future: false,
            comments_placeholder: false,
            defer_search: false,
            cache_dir: None,
        }
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

/// Builds the site at `options.root` into its output directory.
pub fn build(options: &BuildOptions, reporter: &dyn Reporter) -> Result<BuildSummary, BuildError> {
    build_keeping_site(options, reporter).map(|(summary, _)| summary)
}

/// [`build`], handing back the site it built (every document, its HTML and the outputs' paths)
/// instead of freeing it. A command that exits right after the build lets the operating system
/// take the memory back at once, rather than freeing the site piece by piece (a few tens of
/// milliseconds at 10,000 posts): `folio build` does.
pub fn build_keeping_site(options: &BuildOptions, reporter: &dyn Reporter) -> Result<(BuildSummary, Site), BuildError> {
    let start = Instant::now();
    let output = options.output_dir();
    write::check_output_dir(&options.root, &output)?;
    // Pages are written into the staging folder as they are rendered; dropped on an error, it
    // is removed and the previous output stays.
    let staging = write::Staging::create(&output)?;
    let site = Site::load_into(options, reporter, Some(&staging))?;
    let files = site.checked_files()?;
    let t = Instant::now();
    site.statics().par_iter().try_for_each(|f| staging.write(f))?;
    staging.finish(&files)?;
    reporter.stage("write", t.elapsed());
    let summary = BuildSummary {
        output,
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        posts: site.posts(),
        elapsed: start.elapsed(),
        warnings: site.warnings.clone(),
    };
    drop(files);
    Ok((summary, site))
}
