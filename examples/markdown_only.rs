//! The floor of the build benchmark: bare `pulldown-cmark` over every post of a site, on one
//! thread, with the extensions folio turns on (keep `OPTIONS` in step with
//! `src/markdown/mod.rs`). No highlighting, templates or writing.
//!
//! Run: `cargo run --release --example markdown_only -- SITE_DIR [RUNS]`. It reads every
//! `content/**/*.md` file once, strips the front matter, then renders all of them to HTML RUNS
//! times (default 5) and prints the median wall time and, on Linux, the median CPU time of the
//! thread (which a loaded machine inflates far less).

use std::path::PathBuf;
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html::push_html};

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// The body after a `---` … `---` front-matter block (the whole text if there is none).
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else { return text };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return &rest[offset..];
        }
    }
    text
}

/// CPU time this thread has run, from Linux's `/proc/thread-self/schedstat` (nanoseconds), so
/// that the figure does not depend on how loaded the machine is; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: markdown_only SITE_DIR [RUNS]"));
    let runs: usize = args.next().map_or(5, |s| s.parse().expect("RUNS is a number"));
    assert!(runs > 0, "RUNS must be at least 1");

    let t = Instant::now();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let texts: Vec<String> =
        files.iter().map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).collect();
    let read_ms = t.elapsed().as_secs_f64() * 1000.0;
    let bodies: Vec<&str> = texts.iter().map(|t| body(t)).collect();
    let markdown_bytes: usize = bodies.iter().map(|b| b.len()).sum();

    let mut times = Vec::with_capacity(runs);
    let mut cpu_times = Vec::with_capacity(runs);
    let mut html_bytes = 0;
    let mut html = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        let cpu = thread_cpu_ns();
        html_bytes = 0;
        for b in &bodies {
            html.clear();
            push_html(&mut html, Parser::new_ext(b, OPTIONS));
            html_bytes += html.len();
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(before), Some(after)) = (cpu, thread_cpu_ns()) {
            cpu_times.push((after - before) as f64 / 1e6);
        }
    }
    times.sort_by(f64::total_cmp);
    cpu_times.sort_by(f64::total_cmp);
    println!(
        "read {} files ({:.1} MB) in {read_ms:.1} ms",
        files.len(),
        texts.iter().map(String::len).sum::<usize>() as f64 / 1e6
    );
    println!(
        "pulldown-cmark, 1 thread: {:.1} MB of Markdown -> {:.1} MB of HTML, median {:.1} ms over {runs} runs (min {:.1} ms)",
        markdown_bytes as f64 / 1e6,
        html_bytes as f64 / 1e6,
        times[times.len() / 2],
        times[0]
    );
    if !cpu_times.is_empty() {
        println!(
            "pulldown-cmark CPU time: median {:.1} ms (min {:.1} ms)",
            cpu_times[cpu_times.len() / 2],
            cpu_times[0]
        );
    }
}
