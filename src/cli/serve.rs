//! `folio serve`: the live preview. Prints the URL, then one line per rebuild: what changed,
//! what was re-rendered and how long it took; errors are printed and shown in the browser.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use folio::serve::{ServeLog, ServeOptions};
use folio::site::{Change, RebuildReport};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder (the one holding folio.yaml)
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Port to listen on; the next free one is taken when it is busy
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Address to listen on. Anything but a loopback address exposes the preview to the network
    #[arg(long, default_value = "127.0.0.1")]
    interface: IpAddr,
    /// Include drafts (the default)
    #[arg(long, overrides_with = "no_drafts")]
    drafts: bool,
    /// Leave drafts out
    #[arg(long)]
    no_drafts: bool,
    /// Include posts dated in the future
    #[arg(long)]
    future: bool,
    /// Open the preview in the default browser
    #[arg(long)]
    open: bool,
    /// Load the comments provider's scripts (by default a placeholder shows what would load)
    #[arg(long)]
    comments: bool,
    /// Milliseconds to wait for a burst of file events to settle
    #[arg(long, default_value_t = 30, value_name = "MS")]
    debounce: u64,
    /// Highlight all code afresh at start, without the cache of highlighted code that
    /// `folio build` keeps
    #[arg(long)]
    no_cache: bool,
}

struct Printer;

/// Printing never panics: a closed terminal or pipe must not stop the preview.
fn say(line: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

fn warn(line: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

impl ServeLog for Printer {
    fn listening(&self, url: &str, drafts: bool) {
        let drafts = if drafts { "drafts included" } else { "drafts left out" };
        say(format_args!("Serving the preview at {url} ({drafts}). Press Ctrl+C to stop."));
    }

    fn rebuilt(&self, changes: &[Change], report: &RebuildReport, elapsed: Duration) {
        let what: Vec<String> = changes
            .iter()
            .map(|c| match c {
                Change::Content(p) => p.display().to_string(),
                Change::ContentTree => "content/ folders".into(),
                Change::Templates => "templates".into(),
                Change::Static => "static files".into(),
                Change::Config => "folio.yaml".into(),
                Change::Data => "data files".into(),
            })
            .collect();
        let mut outputs: Vec<&str> = report.changed.iter().map(String::as_str).collect();
        let shown = outputs.len().min(4);
        let more = outputs.len() - shown;
        outputs.truncate(shown);
        let mut line = format!(
            "{} changed → {} re-rendered, {} output{} changed",
            what.join(", "),
            report.rendered,
            report.changed.len(),
            if report.changed.len() == 1 { "" } else { "s" }
        );
        if !outputs.is_empty() {
            line.push_str(&format!(
                " ({}{})",
                outputs.join(", "),
                if more > 0 { format!(", +{more}") } else { String::new() }
            ));
        }
        if !report.removed.is_empty() {
            line.push_str(&format!(", {} removed", report.removed.len()));
        }
        say(format_args!("{line} in {:.1} ms", elapsed.as_secs_f64() * 1000.0));
    }

    fn failed(&self, error: &folio::BuildError) {
        warn(format_args!("{error}\nThe preview keeps showing the last good build; fix the file and save."));
    }

    fn warning(&self, message: &str) {
        warn(format_args!("warning: {message}"));
    }
}

impl ServeArgs {
    pub fn run(self) -> ExitCode {
        if !self.root.join(folio::config::CONFIG_FILE).is_file() {
            super::print_error(&format!(
                "no folio.yaml in {}; pass --root DIR or run `folio init DIR`",
                self.root.display()
            ));
            return ExitCode::from(super::FAILURE);
        }
        let options = ServeOptions {
            root: self.root.canonicalize().unwrap_or(self.root.clone()),
            interface: self.interface,
            port: self.port,
            drafts: !self.no_drafts,
            future: self.future,
            debounce: Duration::from_millis(self.debounce),
            comments: self.comments,
            cache_dir: if self.no_cache { None } else { super::cache_dir() },
        };
        let open = self.open;
        let log = Arc::new(OpenOnListen { inner: Printer, open });
        match folio::serve::serve(options, log) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                super::print_error(&e);
                ExitCode::from(super::FAILURE)
            }
        }
    }
}

/// Opens the browser once the server is listening, when `--open` was given.
struct OpenOnListen {
    inner: Printer,
    open: bool,
}

impl ServeLog for OpenOnListen {
    fn listening(&self, url: &str, drafts: bool) {
        self.inner.listening(url, drafts);
        if self.open {
            let opener = if cfg!(target_os = "macos") {
                "open"
            } else if cfg!(windows) {
                "explorer"
            } else {
                "xdg-open"
            };
            if std::process::Command::new(opener).arg(url).spawn().is_err() {
                warn(format_args!("warning: could not open a browser; visit {url}"));
            }
        }
    }
    fn rebuilt(&self, changes: &[Change], report: &RebuildReport, elapsed: Duration) {
        self.inner.rebuilt(changes, report, elapsed);
    }
    fn failed(&self, error: &folio::BuildError) {
        self.inner.failed(error);
    }
    fn warning(&self, message: &str) {
        self.inner.warning(message);
    }
}
