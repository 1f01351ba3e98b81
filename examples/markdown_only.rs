//! The floor of the build benchmark: bare `pulldown-cmark` over every post of a site, on one
//! thread, with the extensions folio turns on (keep `OPTIONS` in step with
//! `src/markdown/mod.rs`). No highlighting, templates or writing.
//!
//! Run: `cargo run --release --example markdown_only -- SITE_DIR [RUNS]`. It reads every
//! `content/**/*.md` file once, strips the front matter, then renders all of them to HTML RUNS
//! times (default 5) and prints the median wall time and, on Linux, the median CPU time of the
//! thread (which a loaded machine inflates far less).
//!
//! With `--folio` it also times folio's own Markdown stage (`folio::markdown::render`: every
//! step, highlighting, word count) on the same bodies and thread, once as written and once
//! with the fences' languages taken out, so that the difference is the cost of highlighting.

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
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let folio = args.iter().position(|a| a == "--folio").map(|i| args.remove(i)).is_some();
    let mut args = args.into_iter();
    let root = PathBuf::from(args.next().expect("usage: markdown_only [--folio] SITE_DIR [RUNS]"));
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

    let mut html = String::new();
    let (times, cpu_times, html_bytes) = time_runs(runs, || {
        let mut bytes = 0;
        for b in &bodies {
            html.clear();
            push_html(&mut html, Parser::new_ext(b, OPTIONS));
            bytes += html.len();
        }
        bytes
    });
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
    if folio {
        let plain: Vec<String> = bodies.iter().map(|b| without_languages(b)).collect();
        for (label, texts) in [
            ("folio markdown stage", bodies.clone()),
            ("  without highlighting", plain.iter().map(String::as_str).collect()),
        ] {
            let options = folio::markdown::Options {
                base_path: "",
                site_host: "example.org",
                words_per_minute: 220,
                data: None,
                highlight: None,
            };
            let (times, cpu, bytes) =
                time_runs(runs, || texts.iter().map(|b| folio::markdown::render(b, &options).html.read().len()).sum());
            let cpu = cpu.get(cpu.len() / 2).map_or(String::new(), |c| format!(", CPU {c:.1} ms"));
            println!(
                "{label}, 1 thread: {:.1} MB of HTML, median {:.1} ms{cpu}",
                bytes as f64 / 1e6,
                times[times.len() / 2]
            );
        }
    }
}

/// Runs `work` `runs` times: sorted wall times and thread CPU times (ms), and what it returned.
fn time_runs(runs: usize, mut work: impl FnMut() -> usize) -> (Vec<f64>, Vec<f64>, usize) {
    let (mut times, mut cpu_times, mut out) = (Vec::with_capacity(runs), Vec::with_capacity(runs), 0);
    for _ in 0..runs {
        let t = Instant::now();
        let cpu = thread_cpu_ns();
        out = work();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(before), Some(after)) = (cpu, thread_cpu_ns()) {
            cpu_times.push((after - before) as f64 / 1e6);
        }
    }
    times.sort_by(f64::total_cmp);
    cpu_times.sort_by(f64::total_cmp);
    (times, cpu_times, out)
}

/// The body with every fence's info string removed, so that no block is highlighted.
fn without_languages(body: &str) -> String {
    body.split_inclusive('\n')
        .map(|line| {
            let t = line.trim_start();
            match t.strip_prefix("```").or_else(|| t.strip_prefix("~~~")) {
                Some(info) if !info.trim().is_empty() => format!("{}\n", &line[..line.len() - t.len() + 3]),
                _ => line.to_string(),
            }
        })
        .collect()
}
