//! `folio check`: reads a site the way `folio build` does (configuration, content, Markdown,
//! the plan of every output) without rendering a page, and reports problems in the content,
//! each at `path:line:column`. One file per kind of check; see `docs/check.md` for the list,
//! which findings are errors and which are warnings, and why.

mod data;
mod front;
mod headings;
mod images;
mod links;
mod prose;
mod scan;
mod site;
mod source;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::{self, Document, Kind as DocKind};
use crate::error::{Diagnostic, Location};
use crate::markdown::{self, Rendered};
use source::SourceMap;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Replaces `base_url` from the configuration (as `folio build --base-url` does).
    pub base_url: Option<String>,
    /// Check drafts too, and count them as published when resolving links.
    pub drafts: bool,
    /// Count posts dated in the future as published when resolving links.
    pub future: bool,
    /// "Now", for future-dated posts.
    pub now: jiff::Timestamp,
}

impl CheckOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        CheckOptions { root: root.into(), base_url: None, drafts: false, future: false, now: jiff::Timestamp::now() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The kind of a finding; its severity follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `folio.yaml` does not parse or validate.
    Config,
    /// A template of the site or its theme does not compile.
    Template,
    /// A content file cannot be read (not UTF-8, too large, unreadable).
    Content,
    /// Front matter that `folio build` refuses.
    FrontMatter,
    /// A data file that does not parse.
    Data,
    /// A link or image to a site address that nothing is built at.
    BrokenLink,
    /// A `#fragment` that names no element of the target page.
    BrokenAnchor,
    /// A tag or category that is blank or has no letter or digit.
    EmptyTag,
    /// A content file `folio build` passes over (a symbolic link out of the site).
    Skipped,
    /// Editor or template text left in the content.
    Placeholder,
    /// A paragraph written twice in one file.
    DuplicateParagraph,
    /// A heading more than one level below the one before it.
    HeadingJump,
    /// A post without a `description`.
    MissingDescription,
    /// An image without alt text.
    MissingAlt,
    /// A post dated in the future, left out of the build until then.
    FutureDate,
}

impl Kind {
    pub fn severity(self) -> Severity {
        match self {
            Kind::Config
            | Kind::Template
            | Kind::Content
            | Kind::FrontMatter
            | Kind::Data
            | Kind::BrokenLink
            | Kind::BrokenAnchor
            | Kind::EmptyTag => Severity::Error,
            Kind::Skipped
            | Kind::Placeholder
            | Kind::DuplicateParagraph
            | Kind::HeadingJump
            | Kind::MissingDescription
            | Kind::MissingAlt
            | Kind::FutureDate => Severity::Warning,
        }
    }

    /// The name shown in reports: `broken-link`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Config => "config",
            Kind::Template => "template",
            Kind::Content => "content",
            Kind::FrontMatter => "front-matter",
            Kind::Data => "data",
            Kind::BrokenLink => "broken-link",
            Kind::BrokenAnchor => "broken-anchor",
            Kind::EmptyTag => "empty-tag",
            Kind::Skipped => "skipped",
            Kind::Placeholder => "placeholder",
            Kind::DuplicateParagraph => "duplicate-paragraph",
            Kind::HeadingJump => "heading-jump",
            Kind::MissingDescription => "missing-description",
            Kind::MissingAlt => "missing-alt",
            Kind::FutureDate => "future-date",
        }
    }
}

/// One problem, where it is, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
}

impl Finding {
    pub fn new(kind: Kind, location: Location, message: impl Into<String>) -> Finding {
        Finding { kind, location, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    fn from_diagnostic(kind: Kind, d: Diagnostic) -> Finding {
        Finding { kind, location: d.location, message: d.message, help: d.help }
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// Everything a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by file, line and column.
    pub findings: Vec<Finding>,
    /// Files read: the configuration, content files and data files.
    pub files: usize,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity() == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity() == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// "2 errors, 5 warnings in 214 files".
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {} in {}",
            plural(self.errors().count(), "error"),
            plural(self.warnings().count(), "warning"),
            plural(self.files, "file")
        )
    }
}

/// A content file that parsed, with everything the checks read from it.
pub(crate) struct Checked {
    pub doc: Arc<Document>,
    pub rendered: Arc<Rendered>,
    pub facts: scan::Facts,
    pub source: SourceMap,
}

impl Checked {
    /// The line of the file where a top-level front-matter key is written.
    fn key_line(&self, key: &str) -> Option<usize> {
        let split = content::front_matter::split(self.source.text()).ok()?;
        content::document::find_key_line(split.yaml, key).map(|l| l + split.yaml_line - 1)
    }
}

enum Parsed {
    Checked(Checked, Vec<Diagnostic>),
    /// A draft left out (without `--drafts`), by its output path.
    Draft(String),
}

/// Checks the site at `options.root`.
pub fn check(options: &CheckOptions) -> Report {
    let root = &options.root;
    let mut findings = Vec::new();
    let config = load_config(root, options.base_url.as_deref(), &mut findings);
    let (loaded, unreadable) = content::load::load_partial(root);
    let mut files = 1 + loaded.sources.len() + unreadable.len();
    findings.extend(unreadable.into_iter().map(|d| Finding::from_diagnostic(Kind::Content, d)));
    findings.extend(loaded.warnings.into_iter().map(|d| Finding::from_diagnostic(Kind::Skipped, d)));

    let markdown_options = markdown::Options::for_config(&config);
    let store = crate::data::Store::new(root);
    let parsed: Vec<Result<Parsed, Vec<Diagnostic>>> = loaded
        .sources
        .into_par_iter()
        .map(|s| {
            let doc = content::document::parse(&s.path, &s.text)?;
            if doc.front.draft && !options.drafts {
                return Ok(Parsed::Draft(doc.path));
            }
            // Chart and table blocks are rendered as the build renders them; what fails there is
            // reported with the rest (the page is still checked, from what did render).
            let data = markdown::DataContext { store: &store, document: &doc.source, body_line: doc.body_line };
            let options = markdown::Options { data: Some(data), ..markdown_options };
            let (rendered, blocks) = match markdown::render_checked(&doc.body, &options) {
                Ok(r) => (r, Vec::new()),
                Err(e) => (markdown::render(&doc.body, &options), e),
            };
            let rendered = Arc::new(rendered);
            let source = SourceMap::new(&s.path, s.text, doc.body.len());
            let facts = scan::scan(source.body());
            // The body lives on in `source`; the index and the plan never read it.
            let doc = Arc::new(Document { body: String::new(), ..doc });
            Ok(Parsed::Checked(Checked { doc, rendered, facts, source }, blocks))
        })
        .collect();
    let (mut checked, mut drafts) = (Vec::new(), Vec::new());
    for p in parsed {
        match p {
            Ok(Parsed::Checked(c, blocks)) => {
                findings.extend(blocks.into_iter().map(|d| Finding::from_diagnostic(Kind::Data, d)));
                checked.push(c);
            }
            Ok(Parsed::Draft(path)) => drafts.push(path),
            Err(list) => findings.extend(list.into_iter().map(|d| Finding::from_diagnostic(Kind::FrontMatter, d))),
        }
    }
    let site = site::Site::new(root, &config, &checked, &drafts, options, &mut findings);
    let per_file: Vec<Vec<Finding>> = checked
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut out = Vec::new();
            front::check(c, options.now, &mut out);
            headings::check(c, &mut out);
            images::check(c, &mut out);
            prose::check(c, &mut out);
            links::check(i, c, &site, &mut out);
            out
        })
        .collect();
    findings.extend(per_file.into_iter().flatten());
    let (data_files, data_findings) = data::check(root);
    files += data_files;
    findings.extend(data_findings);
    findings.sort_by(|a, b| a.location.cmp(&b.location).then(a.kind.cmp(&b.kind)).then(a.message.cmp(&b.message)));
    findings.dedup();
    Report { findings, files }
}

/// The configuration, or the defaults (after reporting why) so the content can still be checked.
fn load_config(root: &Path, base_url: Option<&str>, findings: &mut Vec<Finding>) -> Config {
    let fallback = || Config::parse("").expect("the empty configuration is valid");
    let config = match Config::load(root) {
        Ok(c) => c,
        Err(list) => {
            findings.extend(list.into_iter().map(|d| Finding::from_diagnostic(Kind::Config, d)));
            fallback()
        }
    };
    match base_url {
        Some(url) => config.with_base_url(url).unwrap_or_else(|d| {
            findings.push(Finding::from_diagnostic(Kind::Config, d));
            config
        }),
        None => config,
    }
}

/// Whether `doc` is a post (only posts need a description, a date, tags).
fn is_post(doc: &Document) -> bool {
    doc.kind == DocKind::Post
}
