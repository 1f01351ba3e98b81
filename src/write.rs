//! Writing the site safely: output-directory checks, a staging directory beside the output,
//! and a swap into place only once every file is written, so a failed build leaves the previous
//! output untouched. A manifest records what folio wrote; files it did not write are carried
//! over into the new output and never overwritten.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{BuildError, Diagnostic, Location};
use crate::render::OutputFile;

/// Lists, one per line, the files folio wrote into the output directory.
pub const MANIFEST: &str = ".folio-manifest";

/// Refuses output directories that would destroy the site: the root, `content/`, `templates/`,
/// `themes/`, `static/`, anything inside them, or an ancestor of the root.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), BuildError> {
    let root = canonical(root);
    let out = canonical(output);
    let refuse = |reason: String| Err(BuildError::UnsafeOutput { path: output.to_path_buf(), reason });
    if out == root {
        return refuse(
            "it is the site root, and building would replace your sources; use a subfolder such as public/".into(),
        );
    }
    if root.starts_with(&out) {
        return refuse("it contains the site; choose a folder inside the site such as public/".into());
    }
    for dir in ["content", "templates", "themes", "static", "data"] {
        if out.starts_with(root.join(dir)) {
            return refuse(format!("it is inside {dir}/, which holds your sources; use public/"));
        }
    }
    if out.exists() && !out.is_dir() {
        return refuse("it is a file, not a folder".into());
    }
    Ok(())
}

/// `path` made absolute, `.` and `..` resolved as written, then canonical as far as it exists.
fn canonical(path: &Path) -> PathBuf {
    let absolute =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut lexical = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    out.extend(rest.into_iter().rev());
    out
}

/// Two outputs for one path are an error naming both sources.
pub fn check_clashes(files: &[&OutputFile]) -> Result<(), Vec<Diagnostic>> {
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::with_capacity(files.len());
    let mut errors = Vec::new();
    for f in files {
        if let Some(first) = seen.insert(&f.path, &f.origin)
            && first != f.origin
        {
            {
                errors.push(
                    Diagnostic::new(
                        Location::file(&f.origin),
                        format!("writes /{} which {first} also writes", f.path.trim_end_matches("index.html")),
                    )
                    .with_help("give one of them another slug (front matter `slug:`) or remove the alias"),
                );
            }
        }
        if !is_safe_relative(&f.path) {
            errors.push(Diagnostic::new(
                Location::file(&f.origin),
                format!("refusing to write `{}` outside the output directory", f.path),
            ));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty() && !path.contains('\\') && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `files` into a staging folder beside `output`, carries over files folio did not write,
/// then swaps the staging folder into place.
pub fn write_site(output: &Path, files: &[&OutputFile]) -> Result<(), BuildError> {
    let staging = Staging::create(output)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.finish(files)
}

/// A staging folder beside the output directory that files are written into as they are
/// rendered (so a build never holds the whole site in memory), swapped into place by
/// [`Staging::finish`]. Dropped unfinished (a failed build), it is removed and the previous
/// output stays as it was.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    trash: PathBuf,
    /// Folders already created, so each is made once.
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Staging {
    pub fn create(output: &Path) -> Result<Staging, BuildError> {
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| BuildError::io("cannot create", parent, e))?;
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.folio-staging-{}", std::process::id()));
        let trash = parent.join(format!(".{name}.folio-old-{}", std::process::id()));
        remove_if_exists(&dir)?;
        std::fs::create_dir_all(&dir).map_err(|e| BuildError::io("cannot create", &dir, e))?;
        Ok(Staging { output: output.to_path_buf(), dir, trash, made: Mutex::default(), finished: false })
    }

    /// Writes one file (a path already checked by [`check_clashes`] or [`is_safe_relative`]).
    pub fn write(&self, file: &OutputFile) -> Result<(), BuildError> {
        if !is_safe_relative(&file.path) {
            return Err(BuildError::Site(vec![Diagnostic::new(
                Location::file(&file.origin),
                format!("refusing to write `{}` outside the output directory", file.path),
            )]));
        }
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            let known = self.made.lock().unwrap_or_else(|e| e.into_inner()).contains(parent);
            if !known {
                std::fs::create_dir_all(parent).map_err(|e| BuildError::io("cannot create", parent, e))?;
                self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(parent.to_path_buf());
            }
        }
        std::fs::write(&path, &file.bytes).map_err(|e| BuildError::io("cannot write", &path, e))
    }

    /// Writes the manifest of `files` (everything written, by path), carries over files folio
    /// did not write, and swaps the staging folder into place.
    pub fn finish(mut self, files: &[&OutputFile]) -> Result<(), BuildError> {
        let mut manifest: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        manifest.sort_unstable();
        let path = self.dir.join(MANIFEST);
        std::fs::write(&path, manifest.join("\n") + "\n").map_err(|e| BuildError::io("cannot write", &path, e))?;
        carry_over_foreign(&self.output, &self.dir, files)?;
        self.finished = true;
        swap(&self.output, &self.dir, &self.trash)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Files in the old output that the previous build did not write (a CNAME, a verification file)
/// are copied into the new output. If the new build would overwrite one, the build stops.
fn carry_over_foreign(output: &Path, staging: &Path, files: &[&OutputFile]) -> Result<(), BuildError> {
    if !output.is_dir() {
        return Ok(());
    }
    let ours: HashSet<String> =
        std::fs::read_to_string(output.join(MANIFEST)).unwrap_or_default().lines().map(String::from).collect();
    let new: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for entry in walkdir::WalkDir::new(output).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| BuildError::io("cannot read", output, e.into()))?;
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() || rel_str == MANIFEST || ours.contains(&rel_str) {
            continue;
        }
        if new.contains(rel_str.as_str()) {
            return Err(BuildError::UnsafeOutput {
                path: entry.path().to_path_buf(),
                reason: "folio did not create this file and the build would overwrite it; move it away or into static/"
                    .into(),
            });
        }
        let dest = staging.join(rel);
        if let Some(p) = dest.parent() {
            std::fs::create_dir_all(p).map_err(|e| BuildError::io("cannot create", p, e))?;
        }
        copy_entry(entry.path(), &dest, entry.file_type().is_symlink())?;
    }
    Ok(())
}

fn copy_entry(from: &Path, to: &Path, symlink: bool) -> Result<(), BuildError> {
    #[cfg(unix)]
    if symlink {
        let target = std::fs::read_link(from).map_err(|e| BuildError::io("cannot read", from, e))?;
        return std::os::unix::fs::symlink(target, to).map_err(|e| BuildError::io("cannot create", to, e));
    }
    let _ = symlink;
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to).map_err(|e| BuildError::io("cannot copy", from, e))?;
    }
    Ok(())
}

fn swap(output: &Path, staging: &Path, trash: &Path) -> Result<(), BuildError> {
    if output.exists() {
        remove_if_exists(trash)?;
        std::fs::rename(output, trash).map_err(|e| BuildError::io("cannot move aside", output, e))?;
        if let Err(e) = std::fs::rename(staging, output) {
            let _ = std::fs::rename(trash, output);
            return Err(BuildError::io("cannot move into place", staging, e));
        }
        // Everything of value in the old output was carried over; what is left is ours.
        remove_tree(trash).map_err(|e| BuildError::io("cannot remove", trash, e))?;
    } else {
        std::fs::rename(staging, output).map_err(|e| BuildError::io("cannot move into place", staging, e))?;
    }
    Ok(())
}

/// `remove_dir_all`, with the entries of each folder removed in parallel: the old output of a
/// large site holds tens of thousands of files.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() { remove_tree(&entry.path()) } else { std::fs::remove_file(entry.path()) }
    })?;
    std::fs::remove_dir(dir)
}

fn remove_if_exists(dir: &Path) -> Result<(), BuildError> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(BuildError::io("cannot remove", dir, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: text.as_bytes().to_vec(), origin: format!("src of {path}") }
    }

    #[test]
    fn refuses_dangerous_output_directories() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.clone(),
            root.join("content"),
            root.join("content/x"),
            root.join("themes"),
            dir.path().to_path_buf(),
            root.join("public/../"),
        ] {
            assert!(check_output_dir(&root, &bad).is_err(), "{}", bad.display());
        }
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
        assert!(check_output_dir(&root, &dir.path().join("elsewhere")).is_ok());
    }

    #[test]
    fn clashes_and_traversal_are_errors() {
        let e = check_clashes(&[
            &file("a/index.html", "1"),
            &OutputFile { origin: "other".into(), ..file("a/index.html", "2") },
        ])
        .unwrap_err();
        assert!(e[0].message.contains("also writes"));
        assert!(check_clashes(&[&file("../x", "1")]).is_err());
        assert!(check_clashes(&[&file("/etc/x", "1")]).is_err());
    }

    #[test]
    fn swaps_in_new_output_and_keeps_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[&file("index.html", "one"), &file("old/index.html", "old")]).unwrap();
        std::fs::write(out.join("CNAME"), "example.org").unwrap();
        write_site(&out, &[&file("index.html", "two")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old/index.html").exists(), "stale output removed");
        assert_eq!(std::fs::read_to_string(out.join("CNAME")).unwrap(), "example.org");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn an_unfinished_staging_folder_is_removed_and_the_output_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[&file("index.html", "one")]).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.write(&file("posts/a/index.html", "half a build")).unwrap();
        assert!(staging.write(&file("../escape.html", "x")).is_err());
        drop(staging);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "one");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn never_overwrites_a_file_it_did_not_create() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "mine").unwrap();
        assert!(write_site(&out, &[&file("index.html", "folio")]).is_err());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "mine");
    }
}
