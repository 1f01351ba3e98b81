//! Errors for people: every diagnostic names a file, a line and column where known, what was
//! expected and, where we can guess, a fix. Library code returns these typed values; only the
//! CLI turns them into text on stderr and exit codes.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem is: a file (relative to the site root when inside it) and, when known, a
/// 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, column: None }
    }

    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { path: path.into(), line: Some(line), column: Some(column) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// One problem found while loading, parsing or rendering a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { location, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", help.replace('\n', "\n  "))?;
        }
        Ok(())
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Content, configuration or template problems, all collected before giving up.
    #[error("{}", render_list(.0))]
    Site(Vec<Diagnostic>),
    /// The output directory is somewhere folio must not write.
    #[error("refusing to build into {}: {reason}", .path.display())]
    UnsafeOutput { path: PathBuf, reason: String },
    /// A filesystem operation failed.
    #[error("{action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl BuildError {
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        BuildError::Io { action, path: path.to_path_buf(), source }
    }

    /// The diagnostics of a site error (empty for other kinds).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BuildError::Site(list) => list,
            _ => &[],
        }
    }
}

impl From<Diagnostic> for BuildError {
    fn from(d: Diagnostic) -> Self {
        BuildError::Site(vec![d])
    }
}

fn render_list(list: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = list.iter().collect();
    sorted.sort_by(|a, b| a.location.cmp(&b.location).then(a.message.cmp(&b.message)));
    sorted.iter().map(|d| format!("error: {d}")).collect::<Vec<_>>().join("\n")
}

/// The closest candidate to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_shows_line_and_column_when_known() {
        assert_eq!(Location::at("content/a.md", 3, 7).to_string(), "content/a.md:3:7");
        assert_eq!(Location::file("folio.yaml").to_string(), "folio.yaml");
    }

    #[test]
    fn suggestions_catch_typos_but_not_unrelated_words() {
        assert_eq!(did_you_mean("tilte", ["title", "tags", "date"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "tags"]), None);
    }

    #[test]
    fn site_errors_list_every_diagnostic_sorted() {
        let e = BuildError::Site(vec![
            Diagnostic::new(Location::at("b.md", 1, 1), "two"),
            Diagnostic::new(Location::at("a.md", 2, 1), "one").with_help("fix it"),
        ]);
        assert_eq!(e.to_string(), "error: a.md:2:1: one\n  help: fix it\nerror: b.md:1:1: two");
    }
}
