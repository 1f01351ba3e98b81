//! Loading: walk `content/` for Markdown files and read them in parallel. Symlinks that lead
//! out of the site are not followed; oversized files are refused with a clear message.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Diagnostic, Location};

/// Files larger than this are refused rather than risk exhausting memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A content file as read from disk.
#[derive(Debug)]
pub struct Source {
    /// Relative to the site root: `content/posts/x.md`.
    pub path: PathBuf,
    pub text: String,
}

/// What loading found: the sources, plus warnings about files passed over.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads every `.md` under `root/content`, sorted by path. Errors are collected, not fatal one by one.
pub fn load(root: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let (loaded, errors) = load_partial(root);
    if errors.is_empty() { Ok(loaded) } else { Err(errors) }
}

/// Like [`load`], but keeps the files that could be read alongside the errors of those that
/// could not (`folio check` goes on checking the rest).
pub fn load_partial(root: &Path) -> (Loaded, Vec<Diagnostic>) {
    let Found { paths, warnings, mut errors } = find(root);
    let results: Vec<Result<Source, Diagnostic>> = paths.par_iter().map(|p| read_source(root, p)).collect();
    let mut sources = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(s) => sources.push(s),
            Err(d) => errors.push(d),
        }
    }
    (Loaded { sources, warnings }, errors)
}

/// The Markdown files under `root/content`, before any is read.
#[derive(Debug, Default)]
pub struct Found {
    /// Sorted by path.
    pub paths: Vec<PathBuf>,
    /// Files passed over (symbolic links leading out of the site).
    pub warnings: Vec<Diagnostic>,
    /// Folders that could not be listed.
    pub errors: Vec<Diagnostic>,
}

/// Lists every `.md` under `root/content`, sorted by path, without reading them (a build reads,
/// parses and renders each in one go: [`read_source`]).
pub fn find(root: &Path) -> Found {
    let content = root.join("content");
    if !content.is_dir() || !inside_site(root, &content) {
        return Found::default();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut paths = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let walker = walkdir::WalkDir::new(&content).follow_links(false).sort_by_file_name();
    for entry in walker.into_iter().filter_entry(|e| !is_hidden(e.file_name())) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_else(|| PathBuf::from("content"));
                errors.push(Diagnostic::new(Location::file(path), format!("cannot read: {e}")));
                continue;
            }
        };
        let is_markdown = entry.path().extension().is_some_and(|x| x == "md");
        if !is_markdown {
            continue;
        }
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                _ => {
                    warnings.push(
                        Diagnostic::new(
                            Location::file(relative(root, entry.path())),
                            "skipped: symbolic link that leads outside the site",
                        )
                        .with_help("copy the file into content/ instead of linking to it"),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        paths.push(entry.into_path());
    }
    Found { paths, warnings, errors }
}

/// Reads one content file (`path` as [`find`] gives it).
pub fn read_source(root: &Path, path: &Path) -> Result<Source, Diagnostic> {
    use std::io::Read;
    let rel = relative(root, path);
    let cannot_read = |e: std::io::Error| Diagnostic::new(Location::file(&rel), format!("cannot read: {e}"));
    // One open, its size from the open file: a site's files are read by the thousand.
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            Location::file(&rel),
            format!("the file is {} MB; folio reads files up to {} MB", size >> 20, MAX_FILE_BYTES >> 20),
        )
        .with_help("split it into several posts"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        Diagnostic::new(Location::at(&rel, line, column), "the file is not valid UTF-8")
            .with_help("save it as UTF-8, or bring raw text in with `folio import`, which detects legacy encodings")
    })?;
    Ok(Source { path: rel, text })
}

fn line_col(valid: &[u8]) -> (usize, usize) {
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let last = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, String::from_utf8_lossy(&valid[last..]).chars().count() + 1)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    (name.starts_with('.') && name != "." && name != "..") || name.ends_with('~') || name.starts_with('#')
}

/// Whether `path` (following any symlinks) is inside the site at `root`.
pub fn inside_site(root: &Path, path: &Path) -> bool {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.canonicalize().is_ok_and(|p| p.starts_with(canonical_root))
}

/// `root/content/x.md` → `content/x.md`.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_markdown_sorted_and_skips_hidden_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content/posts");
        std::fs::create_dir_all(&c).unwrap();
        for name in ["b.md", "a.md", ".a.md.swp", "x.txt", "#tmp.md", "c.md~"] {
            std::fs::write(c.join(name), "x").unwrap();
        }
        let loaded = load(dir.path()).unwrap();
        let names: Vec<_> = loaded.sources.iter().map(|s| s.path.to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["content/posts/a.md", "content/posts/b.md"]);
    }

    #[test]
    fn invalid_utf8_is_reported_with_position() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), b"---\nti\xfftle").unwrap();
        let e = load(dir.path()).unwrap_err();
        assert_eq!(e[0].location, Location::at("content/a.md", 2, 3));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "---\ntitle: S\n---\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("content/secret.md")).unwrap();
        let loaded = load(dir.path()).unwrap();
        assert!(loaded.sources.is_empty());
        assert!(loaded.warnings[0].message.contains("outside the site"));
    }
}
