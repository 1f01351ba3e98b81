//! `folio init` (a new site that builds at once) and `folio new` (a new draft post). Both refuse
//! to overwrite anything.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::content::slug::slugify;

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{} already exists; folio never overwrites it", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the title is empty")]
    EmptyTitle,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ScaffoldError + '_ {
    move |source| ScaffoldError::Io { path: path.to_path_buf(), source }
}

/// Writes `text` to `path` only if nothing is there (atomic create).
fn create_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            ScaffoldError::Exists(path.to_path_buf())
        } else {
            ScaffoldError::Io { path: path.to_path_buf(), source: e }
        }
    })?;
    file.write_all(text.as_bytes()).map_err(io(path))
}

const CONFIG: &str = "\
# folio site configuration. Every key is optional; see docs/configuration.md.
title: \"My analysis blog\"
description: \"Long-form analysis.\"
base_url: \"https://example.org/\"
language: en
author:
  name: \"Your Name\"
paginate: 10
";

/// Creates a new site in `dir`: `folio.yaml`, one sample post, an empty `templates/` and, unless
/// there is one, a `.gitignore` for the output.
pub fn init(dir: &Path, today: jiff::civil::Date) -> Result<Vec<PathBuf>, ScaffoldError> {
    let config = dir.join(crate::config::CONFIG_FILE);
    if config.exists() {
        return Err(ScaffoldError::Exists(config));
    }
    let post = dir.join("content/posts/welcome.md");
    let body = "Write your analysis here, in Markdown.\n\n## A section\n\nEach `##` heading becomes an entry in the table of contents.\n";
    let post_text = front_matter_file(
        &NewPost {
            title: "Welcome to folio",
            date: today.to_string(),
            description: Some("A first post to replace with your own."),
            tags: vec!["meta"],
            draft: false,
        },
        body,
    );
    create_new(&config, CONFIG)?;
    create_new(&post, &post_text)?;
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).map_err(io(&templates))?;
    let mut created = vec![config, post, templates];
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        create_new(&ignore, GITIGNORE)?;
        created.push(ignore);
    }
    Ok(created)
}

/// The output, and the previous output a build keeps beside it to write the next build into.
const GITIGNORE: &str =
    "# folio's output, and the previous output it keeps beside it for the next build\n/public/\n/.public.folio-*\n";

#[derive(Serialize)]
struct NewPost<'a> {
    title: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
}

fn front_matter_file(post: &NewPost<'_>, body: &str) -> String {
    let yaml = crate::yaml::to_string(post).expect("a plain struct always serialises");
    format!("---\n{yaml}---\n\n{body}")
}

/// Creates `content/posts/<slug>.md` as a draft dated `today`. Returns its path.
pub fn new_post(root: &Path, title: &str, today: jiff::civil::Date) -> Result<PathBuf, ScaffoldError> {
    if title.trim().is_empty() {
        return Err(ScaffoldError::EmptyTitle);
    }
    let path = root.join("content/posts").join(format!("{}.md", slugify(title)));
    let text = front_matter_file(
        &NewPost { title: title.trim(), date: today.to_string(), description: None, tags: Vec::new(), draft: true },
        "Start writing here.\n",
    );
    create_new(&path, &text)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_post_is_a_draft_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let date = jiff::civil::date(2025, 3, 3);
        let path = new_post(dir.path(), "Why: NATO \"matters\"", date).unwrap();
        assert!(path.ends_with("content/posts/why-nato-matters.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("---\ntitle: 'Why: NATO \"matters\"'\ndate: 2025-03-03\n"), "{text}");
        assert!(text.contains("draft: true"));
        assert!(matches!(new_post(dir.path(), "Why: NATO \"matters\"", date), Err(ScaffoldError::Exists(_))));
    }

    #[test]
    fn init_refuses_an_existing_site() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), jiff::civil::date(2025, 1, 1)).unwrap();
        assert!(matches!(init(dir.path(), jiff::civil::date(2025, 1, 1)), Err(ScaffoldError::Exists(_))));
    }

    #[test]
    fn init_ignores_the_output_in_git_but_keeps_an_existing_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let created = init(dir.path(), jiff::civil::date(2025, 1, 1)).unwrap();
        assert!(created.contains(&dir.path().join(".gitignore")));
        let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "/public/") && ignore.lines().any(|l| l == "/.public.folio-*"));
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join(".gitignore"), "mine\n").unwrap();
        let created = init(other.path(), jiff::civil::date(2025, 1, 1)).unwrap();
        assert!(!created.contains(&other.path().join(".gitignore")));
        assert_eq!(std::fs::read_to_string(other.path().join(".gitignore")).unwrap(), "mine\n");
    }
}
