//! Data files that fail to parse: `data/**` and data files beside content (`content/**`),
//! by extension, parsed by [`crate::data::parse`] (the parser charts and tables use, so both
//! accept the same files), each error at its line.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Finding, Kind};
use crate::content::load::{MAX_FILE_BYTES, relative};
use crate::error::Location;

use crate::data::EXTENSIONS;

/// Checks every data file; returns how many there were and what was wrong.
pub fn check(root: &Path) -> (usize, Vec<Finding>) {
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in ["data", "content"] {
        let walker = walkdir::WalkDir::new(root.join(dir)).sort_by_file_name().into_iter();
        paths.extend(
            walker
                .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter(|e| e.path().extension().and_then(|x| x.to_str()).is_some_and(|x| EXTENSIONS.contains(&x)))
                .map(walkdir::DirEntry::into_path),
        );
    }
    let findings = paths.par_iter().filter_map(|p| check_file(&relative(root, p), p)).collect();
    (paths.len(), findings)
}

fn check_file(rel: &Path, path: &Path) -> Option<Finding> {
    let error = |location: Location, message: String| Some(Finding::new(Kind::Data, location, message));
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return error(Location::file(rel), format!("the file is larger than {} MB", MAX_FILE_BYTES >> 20));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return error(Location::file(rel), format!("cannot read: {e}")),
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            return error(Location::at(rel, line, 1), "the file is not valid UTF-8".into());
        }
    };
    // JSON and YAML syntax errors first, with their line and column; then the parser the build
    // uses for charts and tables, so that both accept the same files.
    let extension = path.extension().and_then(|x| x.to_str()).unwrap_or_default();
    let syntax = match extension {
        "json" => parse_json(text),
        "yaml" | "yml" => parse_yaml(text),
        _ => Ok(()),
    };
    if let Err((line, column, message, help)) = syntax {
        let location = Location { path: rel.to_path_buf(), line: line.map(|l| l as usize), column };
        let finding = Finding::new(Kind::Data, location, message);
        return Some(match help {
            Some(h) => finding.with_help(h),
            None => finding,
        });
    }
    let e = crate::data::parse(rel, text).err()?;
    let location = Location { path: rel.to_path_buf(), line: e.line, column: None };
    let mut message = String::new();
    match (e.row, &e.column) {
        (Some(row), Some(col)) => message.push_str(&format!("row {row}, column `{col}`: ")),
        (Some(row), None) => message.push_str(&format!("row {row}: ")),
        (None, Some(col)) => message.push_str(&format!("column `{col}`: ")),
        (None, None) => {}
    }
    message.push_str(&e.message);
    let finding = Finding::new(Kind::Data, location, message);
    Some(match e.help {
        Some(h) => finding.with_help(h),
        None => finding,
    })
}

type Problem = (Option<u64>, Option<usize>, String, Option<String>);

fn parse_json(text: &str) -> Result<(), Problem> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(_) => Ok(()),
        Err(e) => {
            let full = e.to_string();
            let message = full.rfind(" at line ").map_or(full.as_str(), |i| &full[..i]).to_string();
            let line = (e.line() > 0).then_some(e.line() as u64);
            Err((line, line.map(|_| e.column()), format!("invalid JSON: {message}"), None))
        }
    }
}

fn parse_yaml(text: &str) -> Result<(), Problem> {
    crate::yaml::from_str::<crate::yaml::Value>(text)
        .map(|_| ())
        .map_err(|e| (e.line.map(|l| l as u64), e.column, format!("invalid YAML: {}", e.message), e.help))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(name: &str, text: &str) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        check_file(Path::new(name), &path).map(|f| format!("{}: {}", f.location, f.message))
    }

    #[test]
    fn files_the_build_reads_pass_and_broken_ones_are_placed() {
        assert_eq!(problem("a.csv", "# source: NATO\ncountry,2024\nPoland,4.12\n"), None);
        assert_eq!(problem("a.json", "[{\"country\": \"Poland\", \"2024\": 4.12}]"), None);
        let csv = problem("a.csv", "a,b\n1,2\n3\n").unwrap();
        assert!(csv.starts_with("a.csv:3"), "{csv}");
        let json = problem("a.json", "[\n  {\"a\": 1,}\n]\n").unwrap();
        assert!(json.starts_with("a.json:2"), "{json}");
        let yaml = problem("a.yaml", "- a: 1\n- b: [1, 2\n").unwrap();
        assert!(yaml.starts_with("a.yaml:3"), "{yaml}");
        let shape = problem("a.yaml", "countries: [Poland]\n").unwrap();
        assert!(shape.contains("expected a list of records"), "{shape}");
    }
}
