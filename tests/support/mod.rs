//! The test harness: a site in a temporary folder, built by the library or the real binary,
//! with helpers to read and pick apart its output.

#![allow(dead_code, reason = "each test module uses a different part of the harness")]

use std::path::{Path, PathBuf};

use folio::{BuildError, BuildOptions, BuildSummary};

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// An empty site with the given folio.yaml.
    pub fn new(config: &str) -> Site {
        let site = Site { dir: tempfile::tempdir().expect("temp dir") };
        site.write("folio.yaml", config);
        site
    }

    /// A copy of the repository's demo site (config, content, templates, themes, static).
    pub fn demo() -> Site {
        let site = Site { dir: tempfile::tempdir().expect("temp dir") };
        for item in ["folio.yaml", "content", "data", "templates", "themes", "static"] {
            copy_tree(&Path::new(REPO).join(item), &site.path().join(item));
        }
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// A post with a title, date and optional extra front matter lines.
    pub fn post(&self, slug: &str, date: &str, front: &str, body: &str) -> &Self {
        self.write(
            &format!("content/posts/{slug}.md"),
            &format!("---\ntitle: \"Post {slug}\"\ndate: {date}\n{front}---\n{body}\n"),
        )
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.path())
    }

    pub fn build(&self) -> BuildSummary {
        self.try_build(self.options()).unwrap_or_else(|e| panic!("build failed:\n{e}"))
    }

    pub fn try_build(&self, options: BuildOptions) -> Result<BuildSummary, BuildError> {
        folio::build(&options, &folio::report::Silent)
    }

    pub fn out(&self, rel: &str) -> PathBuf {
        self.path().join("public").join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.out(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out(rel).exists()
    }

    /// The real `folio` binary, run in the site's folder.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("folio").unwrap();
        c.current_dir(self.path());
        c
    }

    /// Every file of the output, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        files_under(&self.out(""))
    }
}

/// Every file under `root`, relative, sorted.
pub fn files_under(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    files.sort();
    files
}

pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap();
        return;
    }
    if !from.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The `<main>…</main>` element of a page, for snapshots that do not churn with the theme's chrome.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>") + "</main>".len();
    html[start..end].to_string()
}

/// Values of an attribute (`href`, `src`) across a page.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("[{attr}]")).unwrap();
    doc.select(&selector).filter_map(|e| e.value().attr(attr)).map(String::from).collect()
}

/// Text of the elements matching a CSS selector.
pub fn select_text(html: &str, css: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).unwrap();
    doc.select(&selector).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

/// The `content` of a `<meta>` by `name` or `property`.
pub fn meta(html: &str, key: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("meta[name=\"{key}\"], meta[property=\"{key}\"]")).unwrap();
    doc.select(&selector).next().and_then(|e| e.value().attr("content")).map(String::from)
}
