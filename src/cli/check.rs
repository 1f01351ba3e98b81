//! `folio check`: prints the errors, then the warnings, each as `path:line:column`, then a
//! summary line; or the same as JSON with `--format json`. Exits with 1 when there are errors.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use folio::check::{CheckOptions, Finding, Kind, Report, check};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder (the one holding folio.yaml)
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Use this base URL instead of the one in folio.yaml
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Check drafts too, and count them as published
    #[arg(long)]
    drafts: bool,
    /// Count posts dated in the future as published
    #[arg(long)]
    future: bool,
    /// How to print the findings
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// One finding per line, errors first, then a summary line
    Human,
    /// One JSON object with `errors`, `warnings` and `files`
    Json,
}

impl CheckArgs {
    pub fn run(self) -> ExitCode {
        let options = CheckOptions {
            root: self.root,
            base_url: self.base_url,
            drafts: self.drafts,
            future: self.future,
            ..CheckOptions::new(".")
        };
        let report = check(&options);
        let text = match self.format {
            Format::Human => human(&report),
            Format::Json => json(&report),
        };
        // A closed pipe (`folio check | head`) is not worth a panic.
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
        if report.has_errors() { ExitCode::from(super::FAILURE) } else { ExitCode::SUCCESS }
    }
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for (label, list) in [("error", report.errors().collect::<Vec<_>>()), ("warning", report.warnings().collect())] {
        for f in &list {
            out.push_str(&format!("{label}[{}]: {}: {}\n", f.kind.name(), f.location, f.message));
            if let Some(help) = &f.help {
                out.push_str(&format!("  help: {}\n", help.replace('\n', "\n  ")));
            }
        }
        if !list.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(&report.summary());
    out.push('\n');
    out
}

/// A finding as JSON; fields in reading order.
#[derive(Serialize)]
struct JsonFinding<'a> {
    kind: Kind,
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: Vec<JsonFinding<'a>>,
    warnings: Vec<JsonFinding<'a>>,
    files: usize,
    summary: String,
}

fn view(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        kind: f.kind,
        path: f.location.path.to_string_lossy().replace('\\', "/"),
        line: f.location.line,
        column: f.location.column,
        message: &f.message,
        help: f.help.as_deref(),
    }
}

fn json(report: &Report) -> String {
    let value = JsonReport {
        errors: report.errors().map(view).collect(),
        warnings: report.warnings().map(view).collect(),
        files: report.files,
        summary: report.summary(),
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
