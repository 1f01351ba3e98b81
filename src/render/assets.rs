//! Static files: the default theme's `static/`, overridden by the site theme's, overridden by the
//! site's own `static/`, plus the generated syntax-highlighting stylesheets.

use std::collections::BTreeMap;
use std::path::Path;

use super::OutputFile;
use crate::config::Config;
use crate::error::{Diagnostic, Location};
use crate::templates::embedded;

pub fn collect(root: &Path, config: &Config) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, OutputFile> = BTreeMap::new();
    for (name, bytes) in embedded::STATIC {
        files.insert(
            name.to_string(),
            OutputFile { path: name.to_string(), bytes: bytes.to_vec(), origin: "the default theme".into() },
        );
    }
    let (light, dark) = crate::markdown::highlight::stylesheets(&config.highlight.light, &config.highlight.dark)
        .map_err(|e| vec![Diagnostic::new(Location::file(crate::config::CONFIG_FILE), format!("highlight: {e}"))])?;
    for (name, css) in [("syntax-light.css", light), ("syntax-dark.css", dark)] {
        files.insert(
            name.into(),
            OutputFile { path: name.into(), bytes: css.into_bytes(), origin: "highlight settings".into() },
        );
    }
    let mut errors = Vec::new();
    for dir in [root.join("themes").join(&config.theme).join("static"), root.join("static")] {
        read_dir_into(root, &dir, &mut files, &mut errors);
    }
    if errors.is_empty() { Ok(files.into_values().collect()) } else { Err(errors) }
}

fn read_dir_into(root: &Path, dir: &Path, files: &mut BTreeMap<String, OutputFile>, errors: &mut Vec<Diagnostic>) {
    if !dir.is_dir() || !crate::content::load::inside_site(root, dir) {
        return;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let rel_root = crate::content::load::relative(root, entry.path());
        if entry.path_is_symlink()
            && !entry.path().canonicalize().is_ok_and(|t| t.starts_with(&canonical_root) && t.is_file())
        {
            continue;
        }
        if !(entry.file_type().is_file() || entry.path_is_symlink()) {
            continue;
        }
        let name = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                files.insert(name.clone(), OutputFile { path: name, bytes, origin: rel_root.display().to_string() });
            }
            Err(e) => errors.push(Diagnostic::new(Location::file(rel_root), format!("cannot read static file: {e}"))),
        }
    }
}
