//! Paths → files: expands the inputs (files, and every .txt/.md/.text in directories,
//! sorted), converts each, refuses slug clashes and overwrites, and writes each post
//! atomically (a temp file in the target directory, then a rename).

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{ImportError, ImportOptions, convert_file};

/// What an import did: the posts converted (and written, unless a dry run) and the
/// inputs that failed.
#[derive(Debug, Default)]
pub struct ImportSummary {
    pub imported: Vec<ImportedFile>,
    pub failures: Vec<ImportError>,
}

impl ImportSummary {
    /// Whether every input was imported (the CLI exits non-zero otherwise).
    pub fn is_success(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One imported input.
#[derive(Debug, Clone)]
pub struct ImportedFile {
    pub input: PathBuf,
    pub output: PathBuf,
    pub markdown: String,
    pub notes: Vec<String>,
    /// False for a dry run.
    pub written: bool,
}

const EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// Expands `paths`, converts each input, checks slug clashes between inputs, and writes
/// atomically unless `dry_run`. Never overwrites an existing file without `force`. On a
/// slug clash the first input (in sorted order) is imported and the later one fails.
/// A dry run performs every check but writes nothing.
pub fn import_paths(paths: &[PathBuf], options: &ImportOptions) -> ImportSummary {
    let mut summary = ImportSummary::default();
    let inputs = expand(paths, &mut summary.failures);
    let dir = options.root.join("content").join(&options.section);
    let mut taken: HashMap<String, PathBuf> = HashMap::new();
    for input in inputs {
        match import_one(&input, &dir, options, &mut taken) {
            Ok(file) => summary.imported.push(file),
            Err(e) => summary.failures.push(e),
        }
    }
    summary
}

fn import_one(
    input: &Path,
    dir: &Path,
    options: &ImportOptions,
    taken: &mut HashMap<String, PathBuf>,
) -> Result<ImportedFile, ImportError> {
    let bytes = std::fs::read(input).map_err(|source| ImportError::Read { file: input.to_path_buf(), source })?;
    let converted = convert_file(&bytes, input, options)?;
    let output = dir.join(format!("{}.md", converted.slug));
    if let Some(first) = taken.get(&converted.slug) {
        return Err(ImportError::SlugClash {
            first: first.clone(),
            second: input.to_path_buf(),
            slug: converted.slug,
            output,
        });
    }
    taken.insert(converted.slug.clone(), input.to_path_buf());
    if !options.force && output.exists() {
        return Err(ImportError::Exists { file: input.to_path_buf(), output });
    }
    if !options.dry_run {
        write_atomically(&output, converted.markdown.as_bytes(), options.force)
            .map_err(|source| ImportError::Write { file: input.to_path_buf(), output: output.clone(), source })?;
    }
    Ok(ImportedFile {
        input: input.to_path_buf(),
        output,
        markdown: converted.markdown,
        notes: converted.notes,
        written: !options.dry_run,
    })
}

/// Files as given (any extension), directories walked for .txt/.md/.text files; each
/// list sorted, duplicates dropped.
fn expand(paths: &[PathBuf], failures: &mut Vec<ImportError>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.is_file() {
            out.push(path.clone());
        } else if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && has_text_extension(e.path()))
                .map(walkdir::DirEntry::into_path)
                .collect();
            if found.is_empty() {
                failures.push(ImportError::NoInputs { file: path.clone() });
            }
            found.sort();
            out.extend(found);
        } else {
            failures.push(ImportError::NotFound { file: path.clone() });
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    out
}

fn has_text_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Writes through a temp file in the target directory so a reader (or a crash) never
/// sees half a post. Without `replace`, the rename refuses to clobber an existing file,
/// which also closes the race between the existence check and the write.
fn write_atomically(output: &Path, contents: &[u8], replace: bool) -> std::io::Result<()> {
    let dir = output.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    if replace {
        temp.persist(output).map_err(|e| e.error)?;
    } else {
        temp.persist_noclobber(output).map_err(|e| e.error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(root: &Path) -> ImportOptions {
        ImportOptions {
            root: root.to_path_buf(),
            date: Some(jiff::civil::date(2025, 1, 2)),
            ..ImportOptions::default()
        }
    }

    const POST: &str = "A Title Here\nSome body text that is long enough.\n";

    #[test]
    fn imports_directories_and_reports_failures() {
        let site = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        std::fs::write(inputs.path().join("a.txt"), POST).unwrap();
        std::fs::write(inputs.path().join("b.md"), "Another Title\nText.\n").unwrap();
        std::fs::write(inputs.path().join("empty.text"), "").unwrap();
        std::fs::write(inputs.path().join("skip.jpg"), "x").unwrap();
        let summary =
            import_paths(&[inputs.path().to_path_buf(), PathBuf::from("/no/such/file.txt")], &options(site.path()));
        assert_eq!(summary.imported.len(), 2);
        assert!(summary.imported.iter().all(|f| f.written && f.output.exists()));
        assert_eq!(summary.imported[0].output, site.path().join("content/posts/a-title-here.md"));
        assert_eq!(summary.failures.len(), 2);
        assert!(matches!(summary.failures[0], ImportError::NotFound { .. }));
        assert!(matches!(summary.failures[1], ImportError::Empty { .. }));
        assert!(summary.failures[1].to_string().contains("empty.text"));
    }

    #[test]
    fn never_overwrites_without_force_and_dry_run_writes_nothing() {
        let site = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        let input = inputs.path().join("a.txt");
        std::fs::write(&input, POST).unwrap();
        let dry = import_paths(std::slice::from_ref(&input), &ImportOptions { dry_run: true, ..options(site.path()) });
        assert!(!dry.imported[0].written && !dry.imported[0].output.exists());
        assert!(dry.imported[0].markdown.contains("title: A Title Here"));
        assert!(import_paths(std::slice::from_ref(&input), &options(site.path())).is_success());
        let output = site.path().join("content/posts/a-title-here.md");
        std::fs::write(&output, "mine").unwrap();
        let again = import_paths(std::slice::from_ref(&input), &options(site.path()));
        assert!(matches!(&again.failures[..], [ImportError::Exists { .. }]));
        assert!(again.failures[0].to_string().contains("--force"));
        assert_eq!(std::fs::read_to_string(&output).unwrap(), "mine");
        let forced = import_paths(&[input], &ImportOptions { force: true, ..options(site.path()) });
        assert!(forced.is_success());
        assert!(std::fs::read_to_string(&output).unwrap().starts_with("---\n"));
    }

    #[test]
    fn slug_clash_names_both_inputs() {
        let site = tempfile::tempdir().unwrap();
        let inputs = tempfile::tempdir().unwrap();
        std::fs::write(inputs.path().join("1.txt"), POST).unwrap();
        std::fs::write(inputs.path().join("2.txt"), "A title here!\nDifferent text.\n").unwrap();
        let summary = import_paths(&[inputs.path().to_path_buf()], &options(site.path()));
        assert_eq!(summary.imported.len(), 1);
        let message = summary.failures[0].to_string();
        assert!(
            message.contains("1.txt") && message.contains("2.txt") && message.contains("a-title-here"),
            "{message}"
        );
    }
}
