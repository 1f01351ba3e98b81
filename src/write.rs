//! Writing the site safely: output-directory checks, a staging folder beside the output, and a
//! swap into place only once every file is written, so a failed build leaves the previous output
//! untouched. A manifest records what folio wrote; files it did not write are carried over into
//! the new output and never overwritten. The output a swap replaces is kept beside the new one
//! and is the next build's staging folder, its files rewritten in place.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

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
/// [`Staging::finish`]. Dropped unfinished (a failed build), it is put aside and the previous
/// output stays as it was.
///
/// The output a swap replaces is not removed but kept beside the new one (`.public.folio-previous`)
/// and becomes the next build's staging folder: rewriting files and folders that exist is much
/// cheaper than creating tens of thousands of them anew and removing as many old ones.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
    /// Making the previous output ready ([`reusable`]) walks all of it; that runs beside the
    /// build's first stages and is waited for by the first write.
    preparing: Mutex<Option<std::thread::JoinHandle<std::io::Result<Reusable>>>>,
    /// The files folio wrote in the previous output reused as the staging folder: those the
    /// build does not write again are removed by [`Staging::finish`]. `None` for a new folder.
    reused: OnceLock<Option<HashSet<String>>>,
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
        let previous = parent.join(format!(".{name}.folio-previous"));
        remove_if_exists(&dir)?;
        // Taking the previous output is one rename; a concurrent build that took it first
        // leaves none, and this one starts from an empty folder. Only a real folder is taken:
        // never a link to one elsewhere.
        let is_folder = std::fs::symlink_metadata(&previous).is_ok_and(|m| m.is_dir());
        let preparing = if is_folder && std::fs::rename(&previous, &dir).is_ok() {
            let dir = dir.clone();
            Some(std::thread::spawn(move || reusable(&dir)))
        } else {
            std::fs::create_dir_all(&dir).map_err(|e| BuildError::io("cannot create", &dir, e))?;
            None
        };
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            previous,
            preparing: Mutex::new(preparing),
            reused: OnceLock::new(),
            made: Mutex::default(),
            finished: false,
        })
    }

    /// The files of the reused previous output, once it is ready; `None` when the staging
    /// folder is new (there was no previous output, or it could not be made ready).
    fn reused(&self) -> Result<Option<&HashSet<String>>, BuildError> {
        if let Some(reused) = self.reused.get() {
            return Ok(reused.as_ref());
        }
        let mut preparing = self.preparing.lock().unwrap_or_else(|e| e.into_inner());
        if self.reused.get().is_none() {
            let ready = match preparing.take().map(std::thread::JoinHandle::join) {
                None => None,
                Some(Ok(Ok(Reusable { files, folders }))) => {
                    // Its folders are there already: no write needs to make them.
                    self.made.lock().unwrap_or_else(|e| e.into_inner()).extend(folders);
                    Some(files)
                }
                // Anything unexpected in it: start from an empty folder instead.
                Some(_) => {
                    remove_if_exists(&self.dir)?;
                    std::fs::create_dir_all(&self.dir).map_err(|e| BuildError::io("cannot create", &self.dir, e))?;
                    None
                }
            };
            let _ = self.reused.set(ready);
        }
        drop(preparing);
        Ok(self.reused.get().and_then(Option::as_ref))
    }

    /// Writes one file (a path already checked by [`check_clashes`] or [`is_safe_relative`]).
    pub fn write(&self, file: &OutputFile) -> Result<(), BuildError> {
        if !is_safe_relative(&file.path) {
            return Err(BuildError::Site(vec![Diagnostic::new(
                Location::file(&file.origin),
                format!("refusing to write `{}` outside the output directory", file.path),
            )]));
        }
        let reused = self.reused()?.is_some();
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            let known = self.made.lock().unwrap_or_else(|e| e.into_inner()).contains(parent);
            if !known {
                let mut made = std::fs::create_dir_all(parent);
                if made.is_err() && reused {
                    self.clear_way(parent);
                    made = std::fs::create_dir_all(parent);
                }
                made.map_err(|e| BuildError::io("cannot create", parent, e))?;
                self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(parent.to_path_buf());
            }
        }
        let written = if reused { overwrite(&path, &file.bytes) } else { std::fs::write(&path, &file.bytes) };
        written.map_err(|e| BuildError::io("cannot write", &path, e))
    }

    /// In a reused folder, a file where the new output needs a folder (`a` became `a/index.html`)
    /// is removed.
    fn clear_way(&self, folder: &Path) {
        for ancestor in folder.ancestors().take_while(|a| a.starts_with(&self.dir) && *a != self.dir) {
            if std::fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
                let _ = std::fs::remove_file(ancestor);
            }
        }
    }

    /// Writes the manifest of `files` (everything written, by path), removes what a reused
    /// folder holds that this build did not write, carries over files folio did not write, and
    /// swaps the staging folder into place.
    pub fn finish(mut self, files: &[&OutputFile]) -> Result<(), BuildError> {
        let mut manifest: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        manifest.sort_unstable();
        if let Some(reused) = self.reused()? {
            let new: HashSet<&str> = manifest.iter().copied().collect();
            let stale: Vec<&String> = reused.iter().filter(|p| !new.contains(p.as_str())).collect();
            remove_stale(&self.dir, &stale)?;
        }
        let path = self.dir.join(MANIFEST);
        std::fs::write(&path, manifest.join("\n") + "\n").map_err(|e| BuildError::io("cannot write", &path, e))?;
        carry_over_foreign(&self.output, &self.dir, files)?;
        self.finished = true;
        swap(&self.output, &self.dir, &self.previous)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        // A reused folder still holds its manifest, and files this build added are not in it:
        // the next build can take it again. A new folder is removed.
        let reused = self.reused().ok().flatten().is_some();
        if !reused || std::fs::rename(&self.dir, &self.previous).is_err() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A previous output made ready to be written into.
struct Reusable {
    /// The files left, all folio's, relative to the folder.
    files: HashSet<String>,
    /// The folders left (real folders, not links), as paths.
    folders: Vec<PathBuf>,
}

/// Makes a previous output ready to be written into: every file its manifest does not list (a
/// file carried over from the output, or anything else), every symbolic link and every folder
/// that holds no listed file is removed, so that no write reaches a file folio did not create.
fn reusable(dir: &Path) -> std::io::Result<Reusable> {
    let listed: HashSet<String> = std::fs::read_to_string(dir.join(MANIFEST))?.lines().map(String::from).collect();
    let folders: HashSet<&Path> = listed.iter().flat_map(|rel| Path::new(rel.as_str()).ancestors().skip(1)).collect();
    let mut ours = HashSet::with_capacity(listed.len());
    let mut kept = Vec::with_capacity(folders.len());
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true).follow_links(false) {
        let entry = entry?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            if folders.contains(rel) {
                kept.push(entry.path().to_path_buf());
            } else {
                std::fs::remove_dir(entry.path())?;
            }
            continue;
        }
        let rel = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_file() && listed.contains(&rel) {
            ours.insert(rel);
        } else if rel != MANIFEST {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(Reusable { files: ours, folders: kept })
}

/// Writes `bytes` over the file at `path` in place, keeping the file (no new inode, no freed
/// blocks for a file of the same size). A file with another name as well (a hard link made
/// outside folio) is not written through: its name here is replaced by a new file.
#[cfg(unix)]
fn overwrite(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::MetadataExt;
    let mut file = match std::fs::OpenOptions::new().write(true).create(true).truncate(false).open(path) {
        // A folder where the new output has a file (`a/index.html` became `a`).
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) => return replace(path, bytes),
        other => other?,
    };
    let old = file.metadata()?;
    if old.nlink() > 1 {
        drop(file);
        return replace(path, bytes);
    }
    file.write_all(bytes)?;
    // What is left of a longer old text is cut off.
    if old.len() > bytes.len() as u64 { file.set_len(bytes.len() as u64) } else { Ok(()) }
}

/// Elsewhere the number of names a file has is not at hand, so every file is replaced.
#[cfg(not(unix))]
fn overwrite(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace(path, bytes)
}

/// Removes what is at `path` (a file, or a folder of stale output) and writes a new file there.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let removed = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(_) => Ok(()),
    };
    removed?;
    std::fs::write(path, bytes)
}

/// Removes the files of a reused folder that the new build did not write, then the folders
/// they leave empty.
fn remove_stale(dir: &Path, stale: &[&String]) -> Result<(), BuildError> {
    stale.par_iter().try_for_each(|rel| {
        let path = dir.join(rel);
        match std::fs::remove_file(&path) {
            // Gone, or a folder now (`a` became `a/index.html`), or under a file now.
            Err(e) if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) => {
                Err(BuildError::io("cannot remove", &path, e))
            }
            _ => Ok(()),
        }
    })?;
    let mut folders: Vec<PathBuf> =
        stale.iter().filter_map(|rel| Path::new(rel.as_str()).parent().map(Path::to_path_buf)).collect();
    folders.sort_unstable();
    folders.dedup();
    // Deepest first; a folder that still holds something stays.
    for folder in folders.iter().rev() {
        for ancestor in folder.ancestors().filter(|a| !a.as_os_str().is_empty()) {
            if std::fs::remove_dir(dir.join(ancestor)).is_err() {
                break;
            }
        }
    }
    Ok(())
}

/// Files in the old output that the previous build did not write (a CNAME, a verification file)
/// are copied into the new output. If the new build would overwrite one, the build stops.
fn carry_over_foreign(output: &Path, staging: &Path, files: &[&OutputFile]) -> Result<(), BuildError> {
    if !output.is_dir() {
        return Ok(());
    }
    let manifest = std::fs::read_to_string(output.join(MANIFEST)).unwrap_or_default();
    let ours: FxHashSet<&str> = manifest.lines().collect();
    let new: FxHashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for (path, file_type) in entries_under(output)? {
        if file_type.is_dir() {
            continue;
        }
        let rel = path.strip_prefix(output).unwrap_or(&path);
        let rel_str = rel.to_string_lossy();
        let rel_str = if std::path::MAIN_SEPARATOR == '/' { rel_str } else { rel_str.replace('\\', "/").into() };
        if rel_str == MANIFEST || ours.contains(rel_str.as_ref()) {
            continue;
        }
        if new.contains(rel_str.as_ref()) {
            return Err(BuildError::UnsafeOutput {
                path,
                reason: "folio did not create this file and the build would overwrite it; move it away or into static/"
                    .into(),
            });
        }
        let dest = staging.join(rel);
        if let Some(p) = dest.parent() {
            std::fs::create_dir_all(p).map_err(|e| BuildError::io("cannot create", p, e))?;
        }
        copy_entry(&path, &dest, file_type.is_symlink())?;
    }
    Ok(())
}

/// Every entry under `dir` (not `dir` itself) with its type; links are listed, not followed.
/// The folders are read in parallel: an output of 10,000 posts has some 14,000 of them, and
/// reading them one after the other took 55 ms at the end of a build that replaced it.
fn entries_under(dir: &Path) -> Result<Vec<(PathBuf, std::fs::FileType)>, BuildError> {
    let read = |e| BuildError::io("cannot read", dir, e);
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read)? {
        let entry = entry.map_err(read)?;
        entries.push((entry.path(), entry.file_type().map_err(read)?));
    }
    let folders: Vec<&Path> = entries.iter().filter(|(_, t)| t.is_dir()).map(|(p, _)| p.as_path()).collect();
    let nested: Vec<Vec<_>> = folders.par_iter().map(|folder| entries_under(folder)).collect::<Result<_, _>>()?;
    entries.extend(nested.into_iter().flatten());
    Ok(entries)
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

/// Puts the staging folder in place of the output; the output it replaces becomes `previous`.
fn swap(output: &Path, staging: &Path, previous: &Path) -> Result<(), BuildError> {
    if output.exists() {
        remove_if_exists(previous)?;
        std::fs::rename(output, previous).map_err(|e| BuildError::io("cannot move aside", output, e))?;
        if let Err(e) = std::fs::rename(staging, output) {
            let _ = std::fs::rename(previous, output);
            return Err(BuildError::io("cannot move into place", staging, e));
        }
    } else {
        std::fs::rename(staging, output).map_err(|e| BuildError::io("cannot move into place", staging, e))?;
    }
    Ok(())
}

fn remove_if_exists(dir: &Path) -> Result<(), BuildError> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(BuildError::io("cannot remove", dir, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
