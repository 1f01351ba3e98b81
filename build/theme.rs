//! The default theme (`themes/folio/`), embedded into the binary so that a site with only
//! `folio.yaml` and `content/` builds: a list of (relative path, bytes) pairs in
//! `OUT_DIR/embedded_theme.rs`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub fn write(manifest_dir: &Path, out_dir: &Path) {
    let root = manifest_dir.join("themes/folio");
    println!("cargo:rerun-if-changed=themes/folio");
    let mut out = String::new();
    for (kind, sub) in [("TEMPLATES", "templates"), ("STATIC", "static")] {
        let mut files = Vec::new();
        collect(&root.join(sub), &mut files);
        files.sort();
        writeln!(out, "pub static {kind}: &[(&str, &[u8])] = &[").unwrap();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let rel = file.strip_prefix(root.join(sub)).unwrap().to_string_lossy().replace('\\', "/");
            writeln!(out, "    ({rel:?}, include_bytes!({:?})),", file.display().to_string()).unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    std::fs::write(out_dir.join("embedded_theme.rs"), out).unwrap();
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
