//! Data files that fail to parse: `data/**` and data files beside content (`content/**`),
//! by extension — `.csv` with the `csv` crate (a header row, then rows of the same width),
//! `.json` with serde_json, `.yaml`/`.yml` through [`crate::yaml`] — each error at its line.
//! Kept on its own so it can move onto folio's data module once there is one.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Finding, Kind};
use crate::content::load::{MAX_FILE_BYTES, relative};
use crate::error::Location;

const EXTENSIONS: [&str; 4] = ["csv", "json", "yaml", "yml"];

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
    let extension = path.extension().and_then(|x| x.to_str()).unwrap_or_default();
    if extension == "csv" {
        return parse_csv(&bytes).err().map(|(line, message)| Finding::new(Kind::Data, at(rel, line, None), message));
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            return error(Location::at(rel, line, 1), "the file is not valid UTF-8".into());
        }
    };
    let result = if extension == "json" { parse_json(text) } else { parse_yaml(text) };
    result.err().map(|(line, column, message, help)| {
        let f = Finding::new(Kind::Data, at(rel, line, column), message);
        match help {
            Some(h) => f.with_help(h),
            None => f,
        }
    })
}

fn at(rel: &Path, line: Option<u64>, column: Option<usize>) -> Location {
    match line {
        Some(l) => Location { path: rel.to_path_buf(), line: Some(l as usize), column },
        None => Location::file(rel),
    }
}

type Problem = (Option<u64>, Option<usize>, String, Option<String>);

/// A header row, then records of the same number of fields, all UTF-8.
fn parse_csv(bytes: &[u8]) -> Result<(), (Option<u64>, String)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
    let width = match reader.headers() {
        Ok(h) if h.is_empty() => return Err((Some(1), "the CSV file is empty: a header row is expected".into())),
        Ok(h) => h.len(),
        Err(e) => return Err(csv_error(&e, 0)),
    };
    for record in reader.records() {
        if let Err(e) = record {
            return Err(csv_error(&e, width));
        }
    }
    Ok(())
}

fn csv_error(e: &csv::Error, width: usize) -> (Option<u64>, String) {
    let line = e.position().map(csv::Position::line);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => {
            format!("this row has {len} field{}, the header row has {width}", if *len == 1 { "" } else { "s" })
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("field {} is not valid UTF-8", err.field() + 1),
        _ => format!("cannot parse the CSV: {e}"),
    };
    (line, message)
}

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

    #[test]
    fn csv_rows_must_match_the_header() {
        assert_eq!(parse_csv(b"a,b\n1,2\n"), Ok(()));
        assert_eq!(parse_csv(b"a,b\n1,2\n3\n"), Err((Some(3), "this row has 1 field, the header row has 2".into())));
        assert_eq!(parse_csv(b""), Err((Some(1), "the CSV file is empty: a header row is expected".into())));
        assert_eq!(parse_csv(b"a,b\n1,\xff\n"), Err((Some(2), "field 2 is not valid UTF-8".into())));
    }

    #[test]
    fn json_and_yaml_errors_have_positions() {
        let (line, column, message, _) = parse_json("{\n  \"a\": 1,\n}\n").unwrap_err();
        assert_eq!((line, column), (Some(3), Some(1)));
        assert_eq!(message, "invalid JSON: trailing comma");
        let (line, _, message, _) = parse_yaml("a: 1\nb: [1, 2\n").unwrap_err();
        assert_eq!(line, Some(3));
        assert!(message.starts_with("invalid YAML: "), "{message}");
    }
}
