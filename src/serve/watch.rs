//! Watching: file-system events → [`Change`]s. Directories are watched (never single files),
//! so editors that save through a temporary file and a rename are seen; their swap, backup and
//! lock files are ignored. [`classify`] is a pure function of the path.

use std::path::{Component, Path};

use notify::EventKind;
use notify::event::{MetadataKind, ModifyKind};

use crate::config::CONFIG_FILE;
use crate::site::Change;

/// Swap, backup and lock files of common editors, and hidden files.
pub fn is_ignored(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return true };
    name.starts_with('.')                      // vim .x.swp, emacs .#x, hidden files
        || name.starts_with('#')               // emacs #x#
        || name.ends_with('~')                 // vim/emacs backups
        || name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".swo")
        || name.ends_with(".tmp") || name.ends_with(".bak") || name.ends_with(".bck")
        || name.ends_with(".kate-swp")
        || name.contains("___jb_")             // JetBrains safe-write temp files
        || name == "4913"                      // vim's write-permission probe
        || name.ends_with(".crswap") // Chrome-based editors
}

/// Whether an event can change a source. Reads (`Access`) are not changes: folio itself reads
/// every file it rebuilds from, and treating reads as changes would loop forever.
pub fn is_change(kind: &EventKind, is_dir: bool) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Name(_)) => true,
        // A folder's own data or times change whenever a file inside it does; that file has its own event.
        EventKind::Modify(_) if is_dir => false,
        EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Other) => true,
        EventKind::Modify(ModifyKind::Metadata(m)) => {
            matches!(
                m,
                MetadataKind::WriteTime | MetadataKind::Permissions | MetadataKind::Ownership | MetadataKind::Any
            )
        }
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// What a changed path means for the site at `root`, if anything.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    if is_ignored(path) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().filter_map(|c| match c {
        Component::Normal(s) => s.to_str(),
        _ => None,
    });
    let first = parts.next()?;
    match first {
        CONFIG_FILE if rel.components().count() == 1 => Some(Change::Config),
        "content" => {
            if rel.extension().is_some_and(|e| e == "md") {
                Some(Change::Content(rel.to_path_buf()))
            } else if crate::data::is_data_file(rel) {
                Some(Change::Data)
            } else if rel.extension().is_none() {
                // A folder created, moved or deleted: rescan everything under content/.
                Some(Change::ContentTree)
            } else {
                None
            }
        }
        crate::data::DATA_DIR if crate::data::is_data_file(rel) => Some(Change::Data),
        "templates" => Some(Change::Templates),
        "static" => Some(Change::Static),
        "themes" => match parts.nth(1) {
            Some("templates") => Some(Change::Templates),
            Some("static") => Some(Change::Static),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn c(p: &str) -> Option<Change> {
        classify(Path::new("/site"), &Path::new("/site").join(p))
    }

    #[test]
    fn classifies_each_kind_of_source() {
        assert_eq!(c("folio.yaml"), Some(Change::Config));
        assert_eq!(c("content/posts/a.md"), Some(Change::Content(PathBuf::from("content/posts/a.md"))));
        assert_eq!(c("content/posts"), Some(Change::ContentTree));
        assert_eq!(c("templates/post.html"), Some(Change::Templates));
        assert_eq!(c("themes/folio/templates/partials/head.html"), Some(Change::Templates));
        assert_eq!(c("themes/folio/static/folio.css"), Some(Change::Static));
        assert_eq!(c("static/img/x.png"), Some(Change::Static));
        assert_eq!(c("data/spending.csv"), Some(Change::Data));
        assert_eq!(c("data/sub/series.yaml"), Some(Change::Data));
        assert_eq!(c("content/posts/spending.json"), Some(Change::Data));
    }

    #[test]
    fn reads_and_folder_timestamps_are_not_changes() {
        use notify::event::{AccessKind, CreateKind, DataChange, RenameMode};
        assert!(!is_change(&EventKind::Access(AccessKind::Any), false));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)), false));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Data(DataChange::Any)), true));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(DataChange::Content)), false));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(RenameMode::To)), true));
        assert!(is_change(&EventKind::Create(CreateKind::File), false));
        assert!(is_change(&EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)), false));
    }

    #[test]
    fn ignores_output_unrelated_files_and_editor_debris() {
        for p in [
            "public/index.html",
            "content/posts/.a.md.swp",
            "content/posts/a.md~",
            "content/posts/#a.md#",
            "content/posts/.#a.md",
            "content/posts/a.md___jb_tmp___",
            "content/posts/4913",
            "content/posts/a.txt",
            "templates/.post.html.swx",
            "README.md",
            "sub/folio.yaml",
            "data/notes.txt",
            "data/.spending.csv.swp",
        ] {
            assert_eq!(c(p), None, "{p}");
        }
    }
}
