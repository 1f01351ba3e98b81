//! Data files for charts and tables: CSV, JSON or YAML, in the site's `data/` folder or beside
//! a post. [`Store`] finds a file named in a post, reads and parses it once per build (shared
//! by every post and thread) and hands back a [`Table`] of typed cells, or a [`DataError`] that
//! names the file, the row and the column.

mod table;

use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use table::{Cell, ParseError, Records, Row, Table, from_records, parse_csv};

/// The folder of site-wide data files, relative to the site root.
pub const DATA_DIR: &str = "data";
/// The file extensions read as data.
pub const EXTENSIONS: [&str; 4] = ["csv", "json", "yaml", "yml"];

/// A data file that cannot be found or read, or a problem inside one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The data file, relative to the site root (or as the author wrote it when not found).
    pub file: PathBuf,
    pub row: Option<usize>,
    pub line: Option<usize>,
    /// The column's name.
    pub column: Option<Box<str>>,
    pub message: String,
    pub help: Option<String>,
}

impl DataError {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        DataError { file: file.into(), row: None, line: None, column: None, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same problem, placed at one row and column of the file.
    pub fn at(mut self, row: &Row, row_number: usize, column: &str) -> Self {
        self.row = Some(row_number);
        self.line = row.line;
        self.column = Some(column.into());
        self
    }

    fn from_parse(file: &Path, e: ParseError, columns: &[String]) -> Self {
        DataError {
            file: file.to_path_buf(),
            row: e.row,
            line: e.line,
            column: e
                .name
                .or_else(|| e.column.map(|c| columns.get(c - 1).cloned().unwrap_or_else(|| format!("#{c}"))))
                .map(String::into_boxed_str),
            message: e.message,
            help: e.help,
        }
    }
}

impl fmt::Display for DataError {
    /// `data/x.csv:4: row 3, column `2024`: expected a number, found `n/a``
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        match (self.row, &self.column) {
            (Some(row), Some(col)) => write!(f, "row {row}, column `{col}`: ")?,
            (Some(row), None) => write!(f, "row {row}: ")?,
            (None, Some(col)) => write!(f, "column `{col}`: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)
    }
}

/// Parses the text of a data file by its extension.
pub fn parse(file: &Path, text: &str) -> Result<Table, DataError> {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let parsed = match ext.as_str() {
        "csv" => parse_csv(text),
        "json" => serde_json::from_str::<Records>(text)
            .map_err(|e| ParseError {
                row: None,
                line: Some(e.line()),
                column: None,
                name: None,
                message: e.to_string().split(" at line ").next().unwrap_or_default().to_string(),
                help: Some("a JSON data file is a list of objects: [{\"country\": \"Poland\", \"2024\": 4.12}]".into()),
            })
            .and_then(from_records),
        "yaml" | "yml" => crate::yaml::from_str::<Records>(text)
            .map_err(|e| ParseError {
                row: None,
                line: e.line,
                column: None,
                name: None,
                message: e.message,
                help: e.help.or_else(|| {
                    Some("a YAML data file is a list of maps: `- {country: Poland, \"2024\": 4.12}`".into())
                }),
            })
            .and_then(from_records),
        _ => {
            return Err(DataError::new(file, format!("`.{ext}` is not a data format"))
                .with_help("use a .csv, .json or .yaml file"));
        }
    };
    parsed.map_err(|e| {
        let columns = match ext.as_str() {
            "csv" => parse_header(text),
            _ => Vec::new(),
        };
        DataError::from_parse(file, e, &columns)
    })
}

/// The header names of a CSV text, for naming a column in an error.
fn parse_header(text: &str) -> Vec<String> {
    table::csv_reader(text)
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(|h| h.trim().to_string()).collect())
        .unwrap_or_default()
}

/// Reads and parses `rel` (relative to `root`).
pub fn load_file(root: &Path, rel: &Path) -> Result<Table, DataError> {
    let text = std::fs::read_to_string(root.join(rel))
        .map_err(|e| DataError::new(rel, format!("cannot read the file: {e}")))?;
    parse(rel, &text)
}

/// Every data file under `data/`, relative to the root, sorted.
pub fn site_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join(DATA_DIR))
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_data_file(e.path()))
        .filter(|e| !crate::serve::watch::is_ignored(e.path()))
        .map(|e| crate::content::load::relative(root, e.path()))
        .collect();
    files.sort();
    files
}

/// Whether a path has a data file extension.
pub fn is_data_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Data files of one build: found by name, parsed once, shared between threads.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    cache: Mutex<HashMap<PathBuf, Arc<Result<Table, DataError>>>>,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Store { root: root.into(), cache: Mutex::new(HashMap::new()) }
    }

    /// The table a post means by `name`: first beside the post (relative to its folder), then
    /// in `data/`. Without a name, the file beside the post with the post's own name
    /// (`posts/x.md` → `posts/x.csv`, `.json`, `.yaml` or `.yml`).
    pub fn get(
        &self,
        document: &Path,
        name: Option<&str>,
    ) -> Result<(PathBuf, Arc<Result<Table, DataError>>), DataError> {
        let rel = self.resolve(document, name)?;
        let table = self.load(&rel);
        Ok((rel, table))
    }

    /// Reads `rel` (relative to the site root) unless this build already did.
    pub fn load(&self, rel: &Path) -> Arc<Result<Table, DataError>> {
        if let Some(t) = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(rel) {
            return t.clone();
        }
        let table = Arc::new(load_file(&self.root, rel));
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_path_buf(), table.clone());
        table
    }

    fn resolve(&self, document: &Path, name: Option<&str>) -> Result<PathBuf, DataError> {
        let folder = document.parent().unwrap_or(Path::new(""));
        let Some(name) = name else {
            let stem = document.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let candidates: Vec<PathBuf> = EXTENSIONS.iter().map(|e| folder.join(format!("{stem}.{e}"))).collect();
            return candidates.iter().find(|c| self.is_file(c)).cloned().ok_or_else(|| {
                DataError::new(folder.join(format!("{stem}.csv")), "no data file: the block names none with `data:` and there is no file beside the post with its name")
                    .with_help(format!("add `data: file.csv` naming a file in {DATA_DIR}/ or beside the post, or create {}", folder.join(format!("{stem}.csv")).display()))
            });
        };
        if !is_data_file(Path::new(name)) {
            return Err(DataError::new(name, "not a data file").with_help("name a .csv, .json, .yaml or .yml file"));
        }
        let candidates: Vec<PathBuf> =
            [folder.join(name), Path::new(DATA_DIR).join(name)].iter().filter_map(|p| normalise(p)).collect();
        if candidates.is_empty() {
            return Err(DataError::new(name, "the path leaves the site folder")
                .with_help(format!("keep data files in {DATA_DIR}/ or beside the post")));
        }
        if let Some(found) = candidates.iter().find(|c| self.is_file(c)) {
            return Ok(found.clone());
        }
        let looked: Vec<String> = candidates.iter().map(|c| c.display().to_string()).collect();
        let mut error = DataError::new(name, format!("data file not found (looked for {})", looked.join(" and ")));
        let known: Vec<String> = site_files(&self.root)
            .into_iter()
            .filter_map(|p| p.strip_prefix(DATA_DIR).ok().map(|p| p.to_string_lossy().into_owned()))
            .collect();
        error.help = Some(match crate::error::did_you_mean(name, known.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("put the file in {DATA_DIR}/ or beside {}", document.display()),
        });
        Err(error)
    }

    fn is_file(&self, rel: &Path) -> bool {
        let path = self.root.join(rel);
        path.is_file() && crate::content::load::inside_site(&self.root, &path)
    }
}

/// `content/posts/../x.csv` → `content/x.csv`; `None` for absolute paths or paths above the root.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    #[test]
    fn finds_files_beside_the_post_then_in_data() {
        let dir = site(&[
            ("content/posts/a.csv", "x,y\n1,2\n"),
            ("content/posts/b.json", "[{\"x\": 1}]"),
            ("data/shared.yaml", "- {x: 1, y: 2}\n"),
            ("data/a.csv", "z\n3\n"),
        ]);
        let store = Store::new(dir.path());
        let post = Path::new("content/posts/a.md");
        assert_eq!(store.get(post, Some("a.csv")).unwrap().0, Path::new("content/posts/a.csv"));
        assert_eq!(store.get(post, Some("shared.yaml")).unwrap().0, Path::new("data/shared.yaml"));
        assert_eq!(store.get(post, None).unwrap().0, Path::new("content/posts/a.csv"));
        assert_eq!(store.get(Path::new("content/posts/b.md"), None).unwrap().0, Path::new("content/posts/b.json"));
        assert_eq!(store.get(post, Some("../../data/a.csv")).unwrap().0, Path::new("data/a.csv"));
        let (_, table) = store.get(post, Some("shared.yaml")).unwrap();
        assert_eq!(table.as_ref().as_ref().unwrap().columns, ["x", "y"]);
    }

    #[test]
    fn missing_files_suggest_a_near_name() {
        let dir = site(&[("data/defence.csv", "x\n1\n")]);
        let store = Store::new(dir.path());
        let e = store.get(Path::new("content/posts/a.md"), Some("defense.csv")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "defense.csv: data file not found (looked for content/posts/defense.csv and data/defense.csv)"
        );
        assert_eq!(e.help.as_deref(), Some("did you mean `defence.csv`?"));
        let e = store.get(Path::new("content/posts/a.md"), Some("../../../x.csv")).unwrap_err();
        assert_eq!(e.message, "the path leaves the site folder");
        let e = store.get(Path::new("content/posts/a.md"), Some("x.txt")).unwrap_err();
        assert_eq!(e.message, "not a data file");
    }

    #[test]
    fn parse_errors_name_the_file_line_and_column() {
        let e = parse(Path::new("data/x.csv"), "a,b\n1,2\n3,4,5\n").unwrap_err();
        assert_eq!(e.to_string(), "data/x.csv:3: row 2: this row has 3 fields but the header has 2");
        let e = parse(Path::new("data/x.csv"), "a,b,a\n").unwrap_err();
        assert_eq!(e.to_string(), "data/x.csv:1: column `a`: the header names this column twice");
        let e = parse(Path::new("data/x.json"), "{\"a\": 1}").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("expected a list of records"), "{}", e.message);
        let e = parse(Path::new("data/x.yaml"), "- a: 1\n- a: [1, 2]\n").unwrap_err();
        assert_eq!(e.to_string(), "data/x.yaml: row 2, column `a`: a list is not a cell value");
    }
}
