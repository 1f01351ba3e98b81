//! `folio build`: builds the site and prints a one-line summary (stage timings with `-v`,
//! a progress bar on a terminal for long builds, nothing but errors with `-q`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use clap::Args;
use folio::report::Reporter;
use folio::{BuildError, BuildOptions, Diagnostic};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder (the one holding folio.yaml)
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Where to write the site [default: DIR/public]. The output a build replaces is kept beside
    /// it (.NAME.folio-previous), and the next build writes into that
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Use this base URL instead of the one in folio.yaml
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include drafts
    #[arg(long)]
    drafts: bool,
    /// Include posts dated in the future
    #[arg(long)]
    future: bool,
    /// Print nothing but errors
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print the time each stage took
    #[arg(long, short)]
    verbose: bool,
    /// Highlight all code afresh, without reading or writing the cache of highlighted code
    /// (kept in $FOLIO_CACHE_DIR, else $XDG_CACHE_HOME/folio, else ~/.cache/folio)
    #[arg(long)]
    no_cache: bool,
}

/// Below this many pages a bar would only flash by.
const PROGRESS_MIN_PAGES: usize = 500;

struct CliReporter {
    verbose: bool,
    quiet: bool,
    bar: Mutex<Option<indicatif::ProgressBar>>,
}

impl Reporter for CliReporter {
    fn stage(&self, name: &'static str, elapsed: Duration) {
        if self.verbose {
            let ms = elapsed.as_secs_f64() * 1000.0;
            match resident_mb() {
                Some(mb) => eprintln!("  {name:<10} {ms:>8.1} ms  {mb:>6} MB resident"),
                None => eprintln!("  {name:<10} {ms:>8.1} ms"),
            }
        }
    }

    fn render_started(&self, total: usize) {
        if !self.quiet && total >= PROGRESS_MIN_PAGES && std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("  rendering {bar:30} {pos}/{len} pages")
                    .expect("valid template"),
            );
            *self.bar.lock().expect("not poisoned") = Some(bar);
        }
    }

    fn rendered(&self) {
        if let Some(bar) = self.bar.lock().expect("not poisoned").as_ref() {
            bar.inc(1);
        }
    }

    fn render_finished(&self) {
        if let Some(bar) = self.bar.lock().expect("not poisoned").take() {
            bar.finish_and_clear();
        }
    }

    fn warning(&self, d: &Diagnostic) {
        if !self.quiet {
            eprintln!("warning: {d}");
        }
    }
}

impl BuildArgs {
    pub fn run(self) -> ExitCode {
        let options = BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
            comments_placeholder: false,
            defer_search: false,
            cache_dir: if self.no_cache { None } else { super::cache_dir() },
        };
        let reporter = CliReporter { verbose: self.verbose, quiet: self.quiet, bar: Mutex::new(None) };
        match folio::build_keeping_site(&options, &reporter) {
            Ok((summary, site)) => {
                // The process ends now: the system takes the site's memory back faster than
                // freeing it would.
                std::mem::forget(site);
                if !self.quiet {
                    let secs = summary.elapsed.as_secs_f64();
                    let noun = if summary.pages == 1 { "page" } else { "pages" };
                    println!(
                        "Built {} {noun} in {secs:.2} s → {}",
                        summary.pages,
                        display_dir(&summary.output, &self.root)
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                report_failure(&e, &options);
                ExitCode::from(super::FAILURE)
            }
        }
    }
}

fn report_failure(e: &BuildError, options: &BuildOptions) {
    let out = display_dir(&options.output_dir(), &options.root);
    match e {
        BuildError::Site(list) => {
            eprintln!("{e}");
            let n = list.len();
            eprintln!("Build failed with {n} error{}; {out} was left as it was.", if n == 1 { "" } else { "s" });
        }
        other => {
            super::print_error(other);
            eprintln!("Build failed; {out} was left as it was.");
        }
    }
}

/// `public/` rather than `./public` when the output is inside the root.
fn display_dir(dir: &std::path::Path, root: &std::path::Path) -> String {
    let shown = dir.strip_prefix(root).unwrap_or(dir);
    format!("{}/", shown.display().to_string().trim_end_matches('/'))
}

/// The process's resident memory in MB, where the system tells it (Linux's /proc).
fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
