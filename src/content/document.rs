//! One content file parsed: front matter checked, dates parsed, slug and output path derived.
//! `content/posts/**.md` are dated posts at `/posts/<slug>/`; any other `content/**.md` is a
//! standalone page (`content/about.md` → `/about/`, `content/guide/index.md` → `/guide/`).

use std::path::{Path, PathBuf};

use super::date::PostDate;
use super::front_matter::{self, FrontMatter};
use super::slug::{check_slug, normalize_alias, slugify};
use crate::error::{Diagnostic, Location};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Post,
    Page,
}

/// A parsed content file, before Markdown rendering.
#[derive(Debug, Clone)]
pub struct Document {
    /// Relative to the site root, e.g. `content/posts/x.md`.
    pub source: PathBuf,
    pub kind: Kind,
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    pub date: Option<PostDate>,
    pub updated: Option<PostDate>,
    pub slug: String,
    /// Output path relative to the site's base, with a trailing slash: `posts/x/`.
    pub path: String,
    /// Normalised alias paths (`2019/old/` or `old.html`).
    pub aliases: Vec<String>,
    /// Fingerprint of the file's whole text.
    pub source_hash: u64,
}

/// Parses the text of `source` (a path relative to the site root, under `content/`).
pub fn parse(source: &Path, text: &str) -> Result<Document, Vec<Diagnostic>> {
    let at = |line: usize, column: usize| Location::at(source, line, column);
    let to_diag = |e: front_matter::FrontMatterError| {
        let mut d = Diagnostic::new(at(e.line, e.column), e.message);
        d.help = e.help;
        vec![d]
    };
    let split = front_matter::split(text).map_err(to_diag)?;
    let front = front_matter::parse(&split).map_err(to_diag)?;
    let key_line = |key: &str| find_key_line(split.yaml, key).map_or(1, |l| l + split.yaml_line - 1);
    let rel = source.strip_prefix("content").unwrap_or(source);
    let kind = if rel.starts_with("posts") { Kind::Post } else { Kind::Page };
    let mut errors = Vec::new();

    let mut parse_date = |key: &str, value: Option<&String>| {
        value.and_then(|v| match PostDate::parse(v) {
            Ok(d) => Some(d),
            Err(m) => {
                errors.push(Diagnostic::new(at(key_line(key), 1), format!("{key}: {m}")));
                None
            }
        })
    };
    let date = parse_date("date", front.date.as_ref().map(|d| &d.0));
    let updated = parse_date("updated", front.updated.as_ref().map(|d| &d.0));
    // The newest of `updated:` and `updates:` is the date the post was last modified.
    let updated = super::argument::last_modified(updated, &front.updates);
    if front.series_part.is_some() && front.series.is_none() {
        errors.push(
            Diagnostic::new(at(key_line("series_part"), 1), "series_part: the post belongs to no series")
                .with_help("add `series: \"Name of the series\"`, or remove `series_part`"),
        );
    }
    let body_line = split.yaml_line + split.yaml.matches('\n').count() + 1;
    for p in crate::markdown::check(split.body, front.sources.len()) {
        let (line, column) = line_column(split.body, p.offset);
        errors.push(Diagnostic::new(at(body_line + line - 1, column), p.message).with_help(p.help));
    }
    if kind == Kind::Post && front.date.is_none() {
        errors.push(
            Diagnostic::new(at(split.yaml_line, 1), "missing key `date`: posts need a publication date")
                .with_help("add a line such as `date: 2025-03-03`"),
        );
    }
    if front.title.trim().is_empty() {
        errors.push(
            Diagnostic::new(at(key_line("title"), 1), "title: the title is empty").with_help("write the post's title"),
        );
    }
    let slug = match &front.slug {
        Some(s) => {
            if let Err(m) = check_slug(s) {
                errors.push(
                    Diagnostic::new(at(key_line("slug"), 1), format!("slug: {m}"))
                        .with_help("use letters, digits and dashes, such as `my-post`"),
                );
            }
            s.clone()
        }
        None => slugify(&file_stem_name(rel)),
    };
    let path = output_path(kind, rel, &slug);
    let mut aliases = Vec::new();
    for alias in &front.aliases {
        match normalize_alias(alias) {
            Ok(a) => aliases.push(a),
            Err(m) => errors.push(Diagnostic::new(at(key_line("aliases"), 1), format!("aliases: {m}"))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let source_hash = crate::render::plan::fingerprint((source, text));
    Ok(Document {
        source_hash,
        source: source.to_path_buf(),
        kind,
        body: split.body.to_string(),
        body_line: 1 + text[..text.len() - split.body.len()].matches('\n').count(),
        front,
        date,
        updated,
        slug,
        path,
        aliases,
    })
}

/// `posts/x.md` → `x`; `guide/index.md` → `guide`.
fn file_stem_name(rel: &Path) -> String {
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("untitled");
    if stem == "index"
        && let Some(parent) = rel.parent().and_then(|p| p.file_name()).and_then(|p| p.to_str())
    {
        return parent.to_string();
    }
    stem.to_string()
}

fn output_path(kind: Kind, rel: &Path, slug: &str) -> String {
    match kind {
        Kind::Post => format!("posts/{slug}/"),
        Kind::Page => {
            let mut dirs: Vec<String> =
                rel.parent().map(|p| p.iter().map(|s| slugify(&s.to_string_lossy())).collect()).unwrap_or_default();
            let is_index = rel.file_stem().is_some_and(|s| s == "index");
            if is_index {
                dirs.pop();
            }
            dirs.push(slug.to_string());
            format!("{}/", dirs.join("/"))
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// 1-based line within `yaml` where a top-level `key:` is written.
pub(crate) fn find_key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines().position(|l| l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'))).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_at(path: &str, text: &str) -> Result<Document, Vec<Diagnostic>> {
        parse(Path::new(path), text)
    }

    #[test]
    fn posts_get_their_slug_from_the_file_name() {
        let d = parse_at("content/posts/My Post.md", "---\ntitle: T\ndate: 2025-01-02\n---\nHi").unwrap();
        assert_eq!(d.kind, Kind::Post);
        assert_eq!(d.path, "posts/my-post/");
        assert_eq!(d.body, "Hi");
    }

    #[test]
    fn pages_map_to_their_folder() {
        assert_eq!(parse_at("content/about.md", "---\ntitle: About\n---\n").unwrap().path, "about/");
        assert_eq!(parse_at("content/guide/index.md", "---\ntitle: G\n---\n").unwrap().path, "guide/");
        assert_eq!(parse_at("content/guide/setup.md", "---\ntitle: S\n---\n").unwrap().path, "guide/setup/");
    }

    #[test]
    fn posts_need_a_valid_date() {
        let e = parse_at("content/posts/a.md", "---\ntitle: T\n---\n").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "content/posts/a.md:2:1: missing key `date`: posts need a publication date\n  help: add a line such as `date: 2025-03-03`"
        );
        let e = parse_at("content/posts/a.md", "---\ntitle: T\ndate: soon\n---\n").unwrap_err();
        assert_eq!(e[0].location, Location::at("content/posts/a.md", 3, 1));
    }

    #[test]
    fn hostile_slugs_and_aliases_are_refused_with_the_file_named() {
        let e = parse_at(
            "content/posts/a.md",
            "---\ntitle: T\ndate: 2025-01-01\nslug: ../../etc\naliases: [\"/%2e%2e/x\"]\n---\n",
        )
        .unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].to_string().starts_with("content/posts/a.md:4:1: slug:"));
        assert!(e[1].to_string().starts_with("content/posts/a.md:5:1: aliases:"));
    }
}
