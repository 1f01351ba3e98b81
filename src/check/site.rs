//! The site's address space as `folio build` would write it: every output of the render plan
//! ([`crate::render::plan`]: posts, pages, lists, feeds, sitemap, aliases…), every static file,
//! and, for each post and page, the element ids its body has (heading ids from the renderer's
//! table of contents, footnotes, ids in raw HTML) plus the ids the templates write literally.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::{CheckOptions, Checked, Finding, Kind};
use crate::config::Config;
use crate::content::{Entry, Kind as DocKind, Library};
use crate::render::{self, Job, Shared, Summaries, plan};
use crate::templates::{Templates, embedded};

/// What an output path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A post or page (index into the checked files), whose ids are known.
    Page(usize),
    /// Any other output: a list page, a feed, a static file.
    File,
}

pub struct Site {
    pub base_path: String,
    pub host: String,
    outputs: HashMap<String, Target>,
    /// Output paths of content that is not published: why not.
    unpublished: HashMap<String, String>,
    /// For each checked file, the ids of its body's elements.
    ids: Vec<HashSet<String>>,
    /// Ids the templates write on every page (`main`, `comments`…).
    theme_ids: HashSet<String>,
}

impl Site {
    pub fn new(
        root: &Path,
        config: &Config,
        checked: &[Checked],
        drafts: &[String],
        options: &CheckOptions,
        findings: &mut Vec<Finding>,
    ) -> Site {
        let mut unpublished: HashMap<String, String> =
            drafts.iter().map(|p| (render::index_file(p), "a draft".to_string())).collect();
        let mut published = Vec::new();
        for (i, c) in checked.iter().enumerate() {
            let future = c.doc.date.as_ref().filter(|d| d.timestamp() > options.now);
            match future {
                Some(date) if !options.future => {
                    let reason = format!("dated {}, in the future", date.iso_date());
                    unpublished.insert(render::index_file(&c.doc.path), reason);
                }
                _ => published.push(i),
            }
        }
        let mut outputs = plan_outputs(root, config, checked, &published, findings);
        for name in static_files(root, config) {
            outputs.entry(name).or_insert(Target::File);
        }
        Site {
            base_path: config.base_path.trim_end_matches('/').to_string(),
            host: config.host.clone(),
            outputs,
            unpublished,
            ids: checked.par_iter().map(|c| element_ids(&c.rendered.html.read())).collect(),
            theme_ids: theme_ids(root, config),
        }
    }

    /// What is built at `path` (relative to the site's base, decoded): a file, or a folder's
    /// `index.html`. Returns the output path found.
    pub fn lookup(&self, path: &str) -> Option<(&str, Target)> {
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates.into_iter().find_map(|c| self.outputs.get_key_value(c.as_str()).map(|(k, t)| (k.as_str(), *t)))
    }

    /// Why nothing is built at `path` although content would be, if that is the case.
    pub fn unpublished(&self, path: &str) -> Option<&str> {
        let key = render::index_file(path);
        self.unpublished.get(&key).or_else(|| self.unpublished.get(&format!("{path}/index.html"))).map(String::as_str)
    }

    /// Whether page `page` (a checked file) has an element with id `id`.
    pub fn has_id(&self, page: usize, id: &str) -> bool {
        self.ids[page].contains(id) || self.theme_ids.contains(id)
    }

    /// The ids of page `page`, for suggestions.
    pub fn ids(&self, page: usize) -> impl Iterator<Item = &str> {
        self.ids[page].iter().map(String::as_str)
    }

    /// Every post and page path (`posts/x/`), for suggestions.
    pub fn page_paths(&self) -> impl Iterator<Item = &str> {
        self.outputs
            .iter()
            .filter(|(_, t)| matches!(t, Target::Page(_)))
            .map(|(p, _)| p.strip_suffix("index.html").unwrap_or(p))
    }
}

/// Every output of the render plan for the published files.
fn plan_outputs(
    root: &Path,
    config: &Config,
    checked: &[Checked],
    published: &[usize],
    findings: &mut Vec<Finding>,
) -> HashMap<String, Target> {
    let entry = |i: usize| Entry {
        doc: checked[i].doc.clone(),
        rendered: checked[i].rendered.clone(),
        source_hash: checked[i].doc.source_hash,
    };
    let (posts, pages): (Vec<usize>, Vec<usize>) =
        published.iter().partition(|&&i| checked[i].doc.kind == DocKind::Post);
    let library = Library::new(
        posts.into_iter().map(entry).collect(),
        pages.into_iter().map(entry).collect(),
        &config.taxonomies,
    );
    let templates = load_templates(root, config, findings);
    let summaries = Summaries::compute(config, &library);
    let shared = Shared {
        config,
        library: &library,
        templates: &templates,
        urls: render::views::Urls { config },
        summaries: &summaries,
        globals_key: 0,
    };
    let by_path: HashMap<&str, usize> = published.iter().map(|&i| (checked[i].doc.path.as_str(), i)).collect();
    let page_of = |e: &Entry| by_path.get(e.doc.path.as_str()).map_or(Target::File, |&i| Target::Page(i));
    let mut outputs = HashMap::new();
    for p in plan::plan(&shared) {
        match p.job {
            Job::Feed(_) => {
                let base = p.id.strip_suffix("atom.xml").unwrap_or(&p.id);
                for (on, name) in [(config.feeds.atom, "atom.xml"), (config.feeds.rss, "rss.xml")] {
                    if on {
                        outputs.insert(format!("{base}{name}"), Target::File);
                    }
                }
            }
            Job::Post(i) => _ = outputs.insert(p.id, page_of(&library.posts[i])),
            Job::Page(i) => _ = outputs.insert(p.id, page_of(&library.pages[i])),
            _ => _ = outputs.insert(p.id, Target::File),
        }
    }
    outputs
}

/// The site's templates; if they do not compile, the errors are reported and the default
/// theme's stand in (the plan only needs template names).
fn load_templates(root: &Path, config: &Config, findings: &mut Vec<Finding>) -> Templates {
    match Templates::load(root, &config.theme, &config.base_path) {
        Ok(t) => t,
        Err(list) => {
            findings.extend(list.into_iter().map(|d| Finding::from_diagnostic(Kind::Template, d)));
            let empty = tempfile::tempdir().expect("a temporary folder");
            Templates::load(empty.path(), "folio", &config.base_path).expect("the default theme compiles")
        }
    }
}

/// Names of the static files: the default theme's, the generated stylesheets, the theme's
/// `static/` and the site's `static/` (see [`crate::render::assets`]).
fn static_files(root: &Path, config: &Config) -> Vec<String> {
    let mut names: Vec<String> = embedded::STATIC.iter().map(|(n, _)| n.to_string()).collect();
    names.extend(["syntax-light.css".to_string(), "syntax-dark.css".to_string()]);
    for dir in [root.join("themes").join(&config.theme).join("static"), root.join("static")] {
        names.extend(files_under(&dir));
    }
    names
}

fn files_under(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() || e.path_is_symlink())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .collect()
}

/// Ids written literally (`id="main"`) in any template layer.
fn theme_ids(root: &Path, config: &Config) -> HashSet<String> {
    let mut texts: Vec<String> =
        embedded::TEMPLATES.iter().map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned()).collect();
    for dir in [root.join("themes").join(&config.theme).join("templates"), root.join("templates")] {
        texts.extend(files_under(&dir).iter().filter_map(|name| std::fs::read_to_string(dir.join(name)).ok()));
    }
    texts.iter().flat_map(|t| element_ids(t)).filter(|id| !id.contains(['{', '}'])).collect()
}

/// The values of every `id="…"` attribute in `html`, unescaped.
pub fn element_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find("id=\"") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + 4..];
        let Some(end) = rest.find('"') else { break };
        if before.is_none_or(char::is_whitespace) {
            ids.insert(unescape(&rest[..end]));
        }
        rest = &rest[end + 1..];
    }
    ids
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_ids_are_found_and_unescaped() {
        let html = "<h2 id=\"a&amp;b\">x</h2><p data-id=\"no\">y</p><li id=\"fn-1\">";
        let mut ids: Vec<String> = element_ids(html).into_iter().collect();
        ids.sort();
        assert_eq!(ids, ["a&b", "fn-1"]);
    }
}
