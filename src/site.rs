//! The site in memory: configuration, parsed documents, rendered Markdown, templates and every
//! output, kept between rebuilds. [`Site::load`] does a full build; [`Site::rebuild`] applies a
//! set of changes, re-parsing only the files that changed and re-rendering only the outputs
//! whose fingerprint (see [`crate::render::plan`]) changed, so both produce identical bytes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::build::BuildOptions;
use crate::config::Config;
use crate::content::{self, Document, Entry, Filter, Kind, Library};
use crate::error::{BuildError, Diagnostic};
use crate::markdown;
use crate::render::{self, OutputFile, Shared, Summaries, plan};
use crate::report::Reporter;
use crate::templates::Templates;

/// What changed on disk, as the watcher classifies it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Change {
    /// A content file (relative to the site root) was created, edited or deleted.
    Content(PathBuf),
    /// Folders under `content/` appeared, moved or vanished: rescan it.
    ContentTree,
    Templates,
    Static,
    Config,
    /// A data file (in `data/`, or beside a post) changed: charts and tables anywhere may use
    /// it, so content is rendered again in full.
    Data,
}

/// What a rebuild did.
#[derive(Debug, Default, Clone)]
pub struct RebuildReport {
    /// Output paths whose bytes changed or appeared.
    pub changed: Vec<String>,
    /// Output paths that no longer exist.
    pub removed: Vec<String>,
    /// Jobs rendered (the rest were reused).
    pub rendered: usize,
    pub reparsed: usize,
    pub full: bool,
}

struct JobOutput {
    key: u64,
    files: Vec<OutputFile>,
}

pub struct Site {
    options: BuildOptions,
    filter: Filter,
    config: Config,
    docs: BTreeMap<PathBuf, Arc<Document>>,
    rendered: HashMap<PathBuf, Arc<markdown::Rendered>>,
    templates: Templates,
    library: Library,
    summaries: Summaries,
    globals_key: u64,
    /// By job id (its main output path). Looked up for every job on every save in `folio serve`,
    /// hence a hash map; [`Site::checked_files`] puts the files in order.
    outputs: FxHashMap<String, JobOutput>,
    statics: Vec<OutputFile>,
    search: crate::search::Built,
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    /// Loads, parses and renders the whole site, keeping every output in memory.
    pub fn load(options: &BuildOptions, reporter: &dyn Reporter) -> Result<Site, BuildError> {
        Site::load_into(options, reporter, None)
    }

    /// Like [`Site::load`], but with a `sink` each page is written there as soon as it is
    /// rendered and only its path is kept: a build of any size holds no page in memory for long.
    /// Static files are not written: [`Site::statics`] lists them.
    pub fn load_into(
        options: &BuildOptions,
        reporter: &dyn Reporter,
        sink: Option<&crate::write::Staging>,
    ) -> Result<Site, BuildError> {
        let mut t = Instant::now();
        let mut lap = |name: &'static str| {
            reporter.stage(name, t.elapsed());
            t = Instant::now();
        };
        let mut config = load_config(&options.root, options.base_url.as_deref())?;
        config.comments.preview = options.comments_placeholder;
        lap("config");
        let found = content::load::find(&options.root);
        for w in &found.warnings {
            reporter.warning(w);
        }
        if !found.errors.is_empty() {
            return Err(BuildError::Site(found.errors));
        }
        lap("find");
        let filter = Filter { drafts: options.drafts, future: options.future, now: jiff::Timestamp::now() };
        let (docs, rendered) =
            render_all(&options.root, &config, &found.paths, &filter, options.cache_dir.as_deref(), reporter)?;
        lap("markdown");
        let templates = load_templates(&options.root, &config)?;
        lap("templates");
        let statics = render::assets::collect(&options.root, &config).map_err(BuildError::Site)?;
        let mut site = Site {
            options: options.clone(),
            filter,
            library: Library::new(Vec::new(), Vec::new(), &config.taxonomies),
            config,
            docs,
            rendered,
            templates,
            summaries: Summaries::default(),
            globals_key: 0,
            outputs: FxHashMap::default(),
            statics,
            search: Default::default(),
            warnings: found.warnings,
        };
        site.reindex();
        lap("index");
        reporter.render_started(site.library.posts.len() + site.library.pages.len());
        // The search index is built alongside the pages: each is parallel, but neither keeps
        // both cores busy from start to end, and together they do.
        let snapshot = (!options.defer_search).then(|| crate::search::Snapshot::new(&site.config, &site.library));
        if sink.is_some() {
            release_when_read(&site.config, &site.library, snapshot.as_ref());
        }
        let (rendered, index) = rayon::join(
            || site.render_changed(reporter, sink),
            || {
                let t = Instant::now();
                // A build that writes its files has no next build: its analyses are not kept, and
                // each file is written as soon as it is made.
                let index = match (snapshot, sink) {
                    (Some(s), Some(sink)) => s.into_written(sink)?,
                    (Some(s), None) => s.into_built(),
                    (None, _) => Default::default(),
                };
                Ok::<_, BuildError>((index, t.elapsed()))
            },
        );
        reporter.render_finished();
        // render_changed reports its own stages: plan, render, compare.
        rendered?;
        let (index, elapsed) = index?;
        if !options.defer_search {
            site.search = index;
            reporter.stage("search", elapsed);
        }
        Ok(site)
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn posts(&self) -> usize {
        self.library.posts.len()
    }

    /// How many posts' HTML a build that wrote as it went let go of once read (see
    /// [`markdown::Html`]); always 0 for a site kept in memory.
    pub fn released_posts(&self) -> usize {
        self.library.posts.iter().filter(|e| e.rendered.html.is_released()).count()
    }

    /// Static files (from the theme and `static/`).
    pub fn statics(&self) -> &[OutputFile] {
        &self.statics
    }

    /// Every output file: pages (in no particular order), then static files and the search index.
    pub fn files(&self) -> impl Iterator<Item = &OutputFile> {
        self.outputs.values().flat_map(|o| o.files.iter()).chain(self.statics.iter()).chain(self.search.files())
    }

    /// With [`BuildOptions::defer_search`]: what to build the search index from, when it
    /// changed since the last call.
    pub fn search_snapshot(&mut self) -> Option<crate::search::Snapshot> {
        self.search.take_snapshot(&self.config, &self.library)
    }

    /// All outputs in order of their paths, checked for clashes and unsafe paths.
    pub fn checked_files(&self) -> Result<Vec<&OutputFile>, BuildError> {
        let mut files: Vec<&OutputFile> = self.files().collect();
        // By origin too, so that a clash is reported the same way whatever the map's order.
        files.sort_by(|a, b| (&a.path, &a.origin).cmp(&(&b.path, &b.origin)));
        crate::write::check_clashes(&files).map_err(BuildError::Site)?;
        Ok(files)
    }

    /// Applies `changes`. On a content or template error nothing visible changes: the outputs
    /// stay those of the last good build.
    pub fn rebuild(&mut self, changes: &[Change], reporter: &dyn Reporter) -> Result<RebuildReport, BuildError> {
        let mut report = RebuildReport::default();
        if changes.contains(&Change::Config) || changes.contains(&Change::Data) {
            let before: HashMap<String, u64> =
                self.files().map(|f| (f.path.clone(), plan::fingerprint(&f.bytes))).collect();
            *self = Site::load(&self.options, reporter)?;
            let after: HashSet<&str> = self.files().map(|f| f.path.as_str()).collect();
            report.changed = self
                .files()
                .filter(|f| before.get(&f.path) != Some(&plan::fingerprint(&f.bytes)))
                .map(|f| f.path.clone())
                .collect();
            report.removed = before.keys().filter(|p| !after.contains(p.as_str())).cloned().collect();
            report.full = true;
            report.changed.sort();
            report.removed.sort();
            return Ok(report);
        }
        let mut paths: Vec<PathBuf> =
            changes.iter().filter_map(|c| if let Change::Content(p) = c { Some(p.clone()) } else { None }).collect();
        if changes.contains(&Change::ContentTree) {
            paths.extend(self.moved_content());
        }
        paths.sort();
        paths.dedup();
        if changes.contains(&Change::Templates) {
            let mut templates = load_templates(&self.options.root, &self.config)?;
            templates.set_globals(render::globals(&self.config, &self.library).0);
            self.templates = templates;
        }
        if changes.contains(&Change::Static) {
            let statics = render::assets::collect(&self.options.root, &self.config).map_err(BuildError::Site)?;
            let old: HashMap<&str, &[u8]> =
                self.statics.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
            let new: HashSet<&str> = statics.iter().map(|f| f.path.as_str()).collect();
            report.changed.extend(
                statics
                    .iter()
                    .filter(|f| old.get(f.path.as_str()) != Some(&f.bytes.as_slice()))
                    .map(|f| f.path.clone()),
            );
            report.removed.extend(old.keys().filter(|p| !new.contains(*p)).map(|p| p.to_string()));
            self.statics = statics;
        }
        if !paths.is_empty() {
            let t = Instant::now();
            report.reparsed = self.apply_content(&paths)?;
            reporter.stage("reparse", t.elapsed());
        }
        let diff = self.render_changed(reporter, None)?;
        report.rendered = diff.rendered;
        report.changed.extend(diff.changed);
        report.removed.extend(diff.removed);
        if !self.options.defer_search {
            let (changed, removed) = self.search.refresh(&self.config, &self.library);
            report.changed.extend(changed);
            report.removed.extend(removed);
        }
        report.changed.sort();
        report.removed.sort();
        Ok(report)
    }

    /// Content files added or removed on disk without an event of their own (a folder moved).
    fn moved_content(&self) -> Vec<PathBuf> {
        let root = &self.options.root;
        let on_disk: HashSet<PathBuf> = walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| content::load::relative(root, e.path()))
            .collect();
        let known: HashSet<&PathBuf> = self.docs.keys().collect();
        on_disk
            .iter()
            .filter(|p| !known.contains(p))
            .cloned()
            .chain(self.docs.keys().filter(|p| !on_disk.contains(*p)).cloned())
            .collect()
    }

    /// Re-reads the given content files; returns how many were parsed again.
    fn apply_content(&mut self, paths: &[PathBuf]) -> Result<usize, BuildError> {
        let mut updated: Vec<(PathBuf, Option<Document>)> = Vec::new();
        let mut errors = Vec::new();
        for rel in paths {
            match read_document(&self.options.root, rel) {
                Ok(doc) => updated.push((rel.clone(), doc)),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if !errors.is_empty() {
            return Err(BuildError::Site(errors));
        }
        let mut structural = self.globals_key == 0;
        let mut patched = Vec::new();
        for (rel, doc) in updated {
            let old = self.docs.get(&rel).cloned();
            match doc {
                None => {
                    structural |= self.docs.remove(&rel).is_some();
                    self.rendered.remove(&rel);
                }
                Some(doc) => {
                    if old.as_ref().is_some_and(|o| o.source_hash == doc.source_hash) {
                        continue;
                    }
                    structural |= old.as_ref().is_none_or(|o| changes_structure(o, &doc, &self.filter));
                    if self.filter.keeps(&doc) {
                        let r = render_markdown(&self.options.root, &self.config, std::iter::once(&doc))?;
                        self.rendered.extend(r);
                    }
                    let doc = Arc::new(without_body(doc));
                    self.docs.insert(rel.clone(), doc);
                    patched.push(rel);
                }
            }
        }
        let count = patched.len();
        if structural {
            self.reindex();
        } else {
            for rel in patched {
                self.patch(&rel);
            }
        }
        Ok(count)
    }

    /// Replaces one post or page in the index, keeping its place.
    fn patch(&mut self, rel: &Path) {
        let (Some(doc), Some(rendered)) = (self.docs.get(rel), self.rendered.get(rel)) else { return };
        let entry = Entry { doc: doc.clone(), rendered: rendered.clone(), source_hash: doc.source_hash };
        // Byte comparison: comparing `Path`s component by component is slow over 10,000 posts.
        let same = |e: &Entry| e.doc.source.as_os_str() == rel.as_os_str();
        if let Some(i) = self.library.posts.iter().position(same) {
            self.library.posts[i] = entry;
            self.summaries.update(&self.config, &self.library, i);
        } else if let Some(i) = self.library.pages.iter().position(same) {
            self.library.pages[i] = entry;
        }
    }

    /// Rebuilds the index, summaries and template globals from the parsed documents.
    fn reindex(&mut self) {
        let (posts, pages): (Vec<Entry>, Vec<Entry>) = self
            .docs
            .values()
            .filter(|d| self.filter.keeps(d))
            .filter_map(|d| {
                let rendered = self.rendered.get(&d.source)?.clone();
                Some(Entry { doc: d.clone(), rendered, source_hash: d.source_hash })
            })
            .partition(|e| e.doc.kind == Kind::Post);
        self.library = Library::new(posts, pages, &self.config.taxonomies);
        self.summaries = Summaries::compute(&self.config, &self.library);
        let (globals, key) = render::globals(&self.config, &self.library);
        self.templates.set_globals(globals);
        self.globals_key = key;
    }

    /// Renders every job whose fingerprint changed; drops outputs of jobs that are gone. With a
    /// `sink`, each job's files are written there at once and kept without their bytes.
    fn render_changed(
        &mut self,
        reporter: &dyn Reporter,
        sink: Option<&crate::write::Staging>,
    ) -> Result<Diff, BuildError> {
        let shared = Shared {
            config: &self.config,
            library: &self.library,
            templates: &self.templates,
            urls: render::views::Urls { config: &self.config },
            summaries: &self.summaries,
            globals_key: self.globals_key,
        };
        let t = Instant::now();
        let planned = plan::plan(&shared);
        check_duplicates(&shared, &planned)?;
        let mut known = 0;
        let todo: Vec<&plan::Planned> = planned
            .iter()
            .filter(|p| match self.outputs.get(&p.id) {
                Some(o) => {
                    known += 1;
                    o.key != p.key
                }
                None => true,
            })
            .collect();
        reporter.stage("plan", t.elapsed());
        let t = Instant::now();
        let results: Vec<Result<Vec<OutputFile>, BuildError>> = todo
            .par_iter()
            .map(|p| {
                let mut files = render::run(&shared, &p.job).map_err(|e| BuildError::Site(vec![e]))?;
                if matches!(p.job, render::Job::Post(_) | render::Job::Page(_)) {
                    reporter.rendered();
                }
                if let Some(sink) = sink {
                    for file in &mut files {
                        sink.write(file)?;
                        file.bytes = Vec::new();
                    }
                }
                Ok(files)
            })
            .collect();
        let mut errors = Vec::new();
        let mut fresh = Vec::with_capacity(results.len());
        for (p, r) in todo.iter().zip(results) {
            match r {
                Ok(files) => fresh.push((p.id.clone(), JobOutput { key: p.key, files })),
                Err(BuildError::Site(mut e)) => errors.append(&mut e),
                Err(other) => return Err(other),
            }
        }
        if !errors.is_empty() {
            return Err(BuildError::Site(errors));
        }
        reporter.stage("render", t.elapsed());
        let t = Instant::now();
        let mut diff = Diff { rendered: fresh.len(), ..Diff::default() };
        // Job ids are unique (`check_duplicates`): when every output's job was planned again,
        // none is gone, and the set of planned ids need not be made (10,000 strings a save).
        let gone: Vec<String> = if known == self.outputs.len() {
            Vec::new()
        } else {
            let live: FxHashSet<&str> = planned.iter().map(|p| p.id.as_str()).collect();
            self.outputs.keys().filter(|id| !live.contains(id.as_str())).cloned().collect()
        };
        for id in gone {
            if let Some(old) = self.outputs.remove(&id) {
                diff.removed.extend(old.files.into_iter().map(|f| f.path));
            }
        }
        for (id, output) in fresh {
            let old = self.outputs.remove(&id);
            let old_files: HashMap<&str, &[u8]> =
                old.iter().flat_map(|o| o.files.iter()).map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
            diff.changed.extend(
                output
                    .files
                    .iter()
                    .filter(|f| old_files.get(f.path.as_str()) != Some(&f.bytes.as_slice()))
                    .map(|f| f.path.clone()),
            );
            let new_paths: HashSet<&str> = output.files.iter().map(|f| f.path.as_str()).collect();
            diff.removed.extend(old_files.keys().filter(|p| !new_paths.contains(*p)).map(|p| p.to_string()));
            self.outputs.insert(id, output);
        }
        reporter.stage("compare", t.elapsed());
        Ok(diff)
    }
}

#[derive(Default)]
struct Diff {
    rendered: usize,
    changed: Vec<String>,
    removed: Vec<String>,
}

/// For a build that writes each page as it renders it: each post's HTML is let go once its page
/// and the search index have read it (see [`markdown::Html`]), unless a feed carries the post's
/// full text (the feeds of the site and of every taxonomy term show their newest posts).
fn release_when_read(config: &Config, library: &Library, snapshot: Option<&crate::search::Snapshot>) {
    let mut in_feed = vec![false; library.posts.len()];
    let feeds = &config.feeds;
    if (feeds.atom || feeds.rss) && feeds.content == crate::config::FeedContent::Full {
        let terms = library.taxonomies.iter().flat_map(|t| &t.terms).map(|t| &t.posts);
        for list in std::iter::once(&library.all).chain(terms) {
            for &i in list.iter().take(feeds.limit) {
                in_feed[i] = true;
            }
        }
    }
    let searched: rustc_hash::FxHashSet<*const markdown::Rendered> =
        snapshot.iter().flat_map(|s| &s.records).map(|r| Arc::as_ptr(&r.html)).collect();
    for (post, in_feed) in library.posts.iter().zip(in_feed) {
        if !in_feed {
            let readers = 1 + u32::from(searched.contains(&Arc::as_ptr(&post.rendered)));
            post.rendered.html.expect_readers(readers);
        }
    }
}

/// Two jobs writing one path are an error naming both sources.
fn check_duplicates(shared: &Shared<'_>, planned: &[plan::Planned]) -> Result<(), BuildError> {
    let mut seen: rustc_hash::FxHashMap<&str, &plan::Planned> = rustc_hash::FxHashMap::default();
    seen.reserve(planned.len());
    let mut errors = Vec::new();
    for p in planned {
        if let Some(first) = seen.insert(&p.id, p) {
            let (a, b) = (render::origin(shared, &first.job), render::origin(shared, &p.job));
            errors.push(
                Diagnostic::new(
                    crate::error::Location::file(&b),
                    format!("writes /{} which {a} also writes", p.id.trim_end_matches("index.html")),
                )
                .with_help("give one of them another slug (front matter `slug:`) or remove the alias"),
            );
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(BuildError::Site(errors)) }
}

/// Whether replacing `old` with `new` can move posts between lists, pages or feeds.
fn changes_structure(old: &Document, new: &Document, filter: &Filter) -> bool {
    let (a, b) = (&old.front, &new.front);
    old.kind != new.kind
        || old.kind == Kind::Page
        || old.path != new.path
        || old.date != new.date
        || old.aliases != new.aliases
        || a.tags != b.tags
        || a.categories != b.categories
        || a.series != b.series
        || a.series_part != b.series_part
        || filter.keeps(old) != filter.keeps(new)
}

fn read_document(root: &Path, rel: &Path) -> Result<Option<Document>, Vec<Diagnostic>> {
    let path = root.join(rel);
    if !path.is_file() || !content::load::inside_site(root, &path) || crate::serve::watch::is_ignored(&path) {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|e| vec![Diagnostic::new(crate::error::Location::file(rel), format!("cannot read: {e}"))])?;
    content::document::parse(rel, &text).map(Some)
}

/// Once its Markdown is rendered a document's body is not needed again (a change re-reads the
/// file), so it is dropped rather than kept alongside its HTML.
fn without_body(mut doc: Document) -> Document {
    doc.body = String::new();
    doc
}

/// Reads, parses and renders each content file in one go, in parallel, keeping the parsed
/// front matter and the HTML of every document the filter keeps; each file's text and Markdown
/// are dropped as soon as it is rendered, so a build never holds the whole site's Markdown.
/// Errors are gathered from every file, in path order.
#[allow(clippy::type_complexity)]
fn render_all(
    root: &Path,
    config: &Config,
    paths: &[PathBuf],
    filter: &Filter,
    cache_dir: Option<&Path>,
    reporter: &dyn Reporter,
) -> Result<(BTreeMap<PathBuf, Arc<Document>>, HashMap<PathBuf, Arc<markdown::Rendered>>), BuildError> {
    let store = crate::data::Store::new(root);
    let cache = cache_dir.map(|dir| markdown::HighlightCache::for_site(dir, root));
    let options = markdown::Options { highlight: cache.as_ref(), ..markdown::Options::for_config(config) };
    // In chunks, each on one thread: a chunk's code is highlighted language by language once its
    // Markdown is rendered (see `markdown::finish_code`).
    let chunk = (paths.len() / (4 * rayon::current_num_threads())).clamp(1, HIGHLIGHT_CHUNK);
    let results: Vec<_> = paths
        .par_chunks(chunk)
        .flat_map_iter(|paths| {
            let read_one = |path: &PathBuf| {
                let source = content::load::read_source(root, path).map_err(|e| vec![e])?;
                let d = content::document::parse(&source.path, &source.text)?;
                drop(source);
                let later = filter.keeps(&d).then(|| render_one_later(&store, options, &d)).transpose()?;
                Ok::<_, Vec<Diagnostic>>((without_body(d), later))
            };
            let (read, later): (Vec<_>, Vec<_>) = paths
                .iter()
                .map(|path| match read_one(path) {
                    Ok((doc, later)) => (Ok(doc), later),
                    Err(e) => (Err(e), None),
                })
                .unzip();
            // Shared and keyed here, on the chunk's thread, so that gathering them is short.
            read.into_iter()
                .zip(markdown::finish_code(later, cache.as_ref()))
                .map(|(doc, html)| doc.map(|doc| (doc.source.clone(), Arc::new(doc), html.map(Arc::new))))
        })
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut rendered = HashMap::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((source, doc, html)) => {
                if let Some(html) = html {
                    rendered.insert(source.clone(), html);
                }
                documents.push((source, doc));
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(BuildError::Site(errors));
    }
    // The paths come sorted: the map is built from them in one pass (inserting them one by one
    // compared paths component by component some 140,000 times at 10,000 posts: 20 ms).
    let documents = BTreeMap::from_iter(documents);
    // Kept even if a later stage fails: each block's HTML depends on nothing but its code.
    if let Some(cache) = cache
        && let Err(e) = cache.save()
    {
        let path = cache.path().to_path_buf();
        reporter.warning(
            &Diagnostic::new(crate::error::Location::file(&path), format!("cannot save highlighted code: {e}"))
                .with_help(
                    "the build is fine; the next one highlights all code again (`--no-cache` turns the cache off)",
                ),
        );
    }
    Ok((documents, rendered))
}

/// One document's Markdown; chart and table blocks read data files through `store`, shared by
/// every document so each file is parsed once.
fn render_one(
    store: &crate::data::Store,
    options: markdown::Options<'_>,
    d: &Document,
) -> Result<markdown::Rendered, Vec<Diagnostic>> {
    render_one_later(store, options, d).map(|later| later.finish(options.highlight))
}

/// Documents per chunk of [`render_all`] at most: enough blocks of each language one after the
/// other for its grammar to stay in the caches, few enough to hold their highlighted code (all
/// of it at once was 15 MB more at the peak at 10,000 posts; chunks of 128 kept less of the
/// gain: 3.59 s of CPU against 3.53 s with 512 and 3.86 s highlighting each block in place).
const HIGHLIGHT_CHUNK: usize = 512;

/// [`render_one`], with the code left to highlight with the rest of the site's.
fn render_one_later(
    store: &crate::data::Store,
    options: markdown::Options<'_>,
    d: &Document,
) -> Result<markdown::Later, Vec<Diagnostic>> {
    let data = markdown::DataContext { store, document: &d.source, body_line: d.body_line };
    markdown::render_checked_later(&d.body, &markdown::Options { data: Some(data), ..options })
}

/// Renders the documents' Markdown in parallel (for a rebuild).
fn render_markdown<'a>(
    root: &Path,
    config: &Config,
    docs: impl Iterator<Item = &'a Document>,
) -> Result<HashMap<PathBuf, Arc<markdown::Rendered>>, BuildError> {
    let store = crate::data::Store::new(root);
    let options = markdown::Options::for_config(config);
    let docs: Vec<&Document> = docs.collect();
    let results: Vec<_> =
        docs.par_iter().map(|d| render_one(&store, options, d).map(|r| (d.source.clone(), Arc::new(r)))).collect();
    let mut rendered = HashMap::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((path, r)) => {
                rendered.insert(path, r);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() { Ok(rendered) } else { Err(BuildError::Site(errors)) }
}

fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, BuildError> {
    let config = Config::load(root).map_err(BuildError::Site)?;
    match base_url {
        Some(url) => config.with_base_url(url).map_err(BuildError::from),
        None => Ok(config),
    }
}

fn load_templates(root: &Path, config: &Config) -> Result<Templates, BuildError> {
    Templates::load(root, &config.theme, &config.base_path).map_err(BuildError::Site)
}
