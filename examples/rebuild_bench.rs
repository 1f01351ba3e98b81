//! Measures `folio serve`'s incremental rebuilds on a site (e.g. a generated corpus):
//! a one-post body edit and a one-post title edit, median of N, through the same engine the
//! preview uses. Run: `cargo run --release --example rebuild_bench -- SITE_DIR [N]`.
//! It edits one post of SITE_DIR and restores it afterwards.

use std::path::PathBuf;
use std::time::Instant;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use folio::report::{Reporter, Silent};
use folio::site::{Change, Site};

/// CPU time of the whole process so far in milliseconds, summed over its threads from Linux's
/// `/proc/self/task/*/schedstat` (nanosecond precision), so that a loaded machine inflates the
/// figure far less than wall time; `None` where that is not available.
fn process_cpu_ms() -> Option<f64> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total as f64 / 1e6)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Adds up the time of each stage of the rebuilds it is given to.
#[derive(Default)]
struct Stages(Mutex<BTreeMap<&'static str, Vec<f64>>>);

impl Reporter for Stages {
    fn stage(&self, name: &'static str, elapsed: Duration) {
        self.0.lock().unwrap().entry(name).or_default().push(elapsed.as_secs_f64() * 1000.0);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: rebuild_bench SITE_DIR [N]"));
    let n: usize = args.next().map_or(11, |s| s.parse().expect("N is a number"));
    let mut options = folio::BuildOptions::new(&root);
    options.base_url = Some("http://127.0.0.1:1111/".into());
    // As `folio serve` does: the search index is rebuilt on a thread of its own, off the path
    // from a save to the reloaded page.
    options.defer_search = true;
    // As `folio serve` does: highlighted code blocks are kept for the next save.
    folio::markdown::highlight::keep_highlighted();
    let t = Instant::now();
    let mut site = Site::load(&options, &Silent).expect("the site builds");
    println!("initial load: {:.0} ms, {} posts", t.elapsed().as_secs_f64() * 1000.0, site.posts());
    let post = std::fs::read_dir(root.join("content/posts"))
        .expect("content/posts exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .min()
        .expect("a post");
    let rel = post.strip_prefix(&root).unwrap().to_path_buf();
    let original = std::fs::read_to_string(&post).unwrap();
    let change = [Change::Content(rel.clone())];
    let stages = Stages::default();
    let mut body_times = Vec::new();
    let mut title_times = Vec::new();
    let mut body_cpu = Vec::new();
    let mut title_cpu = Vec::new();
    // Body edits first: each appends a different sentence (the summary, title, tags and date
    // stay), so each re-renders the same jobs: the post's page, and the feeds if they carry it.
    let mut body_jobs = None;
    for i in 0..n {
        std::fs::write(&post, format!("{original}\n\nAn added closing sentence, revision {i}.\n")).unwrap();
        let (t, cpu) = (Instant::now(), process_cpu_ms());
        let report = site.rebuild(&change, &stages).expect("rebuild");
        body_times.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(before), Some(after)) = (cpu, process_cpu_ms()) {
            body_cpu.push(after - before);
        }
        if i == 0 {
            println!("body edit re-rendered {} jobs: {:?}", report.rendered, report.changed);
        }
        let jobs = *body_jobs.get_or_insert(report.rendered);
        assert_eq!(report.rendered, jobs, "every body edit re-renders the same jobs");
    }
    // Then title edits: each gives the post another title, so every list showing it changes too.
    for i in 0..n {
        let retitled = original.replacen("title: ", &format!("title: Revised {i} "), 1);
        std::fs::write(&post, retitled).unwrap();
        let (t, cpu) = (Instant::now(), process_cpu_ms());
        let report = site.rebuild(&change, &Silent).expect("rebuild");
        title_times.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(before), Some(after)) = (cpu, process_cpu_ms()) {
            title_cpu.push(after - before);
        }
        if i == 0 {
            println!("title edit re-rendered {} jobs, {} outputs changed", report.rendered, report.changed.len());
        }
    }
    std::fs::write(&post, &original).unwrap();
    println!("one-post body edit:  median {:.1} ms over {n} runs", median(body_times));
    println!("one-post title edit: median {:.1} ms over {n} runs", median(title_times));
    if !body_cpu.is_empty() && !title_cpu.is_empty() {
        println!(
            "CPU time (all threads): body edit median {:.1} ms, title edit median {:.1} ms",
            median(body_cpu),
            median(title_cpu)
        );
    }
    for (name, times) in stages.0.into_inner().unwrap() {
        println!("  body edit, {name:<8} median {:.1} ms", median(times));
    }
}
