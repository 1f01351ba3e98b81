//! `folio import PATH...`: raw article texts → `content/<section>/<slug>.md`, with a report of
//! what was cleaned and why for every file, and a summary listing failures.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use folio::import::{ImportOptions, import_paths};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or folders (every .txt, .md and .text inside)
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The site's folder
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Section of content/ to write into
    #[arg(long, default_value = "posts")]
    section: String,
    /// Publication date for every imported post [default: a date found in the text, else today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// Tags for every imported post, comma-separated [default: suggested from the text]
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    tags: Option<Vec<String>>,
    /// Mark the imported posts as drafts
    #[arg(long)]
    draft: bool,
    /// Overwrite posts that already exist
    #[arg(long)]
    force: bool,
    /// Print the Markdown that would be written; write nothing
    #[arg(long)]
    dry_run: bool,
}

impl ImportArgs {
    pub fn run(self) -> ExitCode {
        let tags = self.tags.map(|t| t.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect());
        let options = ImportOptions {
            root: self.root,
            section: self.section,
            date: self.date,
            tags,
            draft: self.draft,
            force: self.force,
            dry_run: self.dry_run,
        };
        let summary = import_paths(&self.paths, &options);
        for file in &summary.imported {
            if options.dry_run {
                println!("# {} → {} (dry run, not written)", file.input.display(), file.output.display());
                println!("{}", file.markdown);
            } else {
                println!("{} → {}", file.input.display(), file.output.display());
            }
            for note in &file.notes {
                println!("  - {note}");
            }
        }
        for failure in &summary.failures {
            super::print_error(failure);
        }
        let (ok, failed) = (summary.imported.len(), summary.failures.len());
        let verb = if options.dry_run { "would import" } else { "imported" };
        if failed == 0 {
            println!("{verb} {ok} file{}", if ok == 1 { "" } else { "s" });
            ExitCode::SUCCESS
        } else {
            eprintln!("{verb} {ok} file{}; {failed} failed", if ok == 1 { "" } else { "s" });
            ExitCode::from(super::FAILURE)
        }
    }
}
