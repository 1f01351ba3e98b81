//! Times building the search index alone, as the preview does on its own thread
//! (docs/search.md): loads the site without the index, then builds it `RUNS` times.
//! Usage: cargo run --release --example search_bench -- SITE_DIR [RUNS]

use std::time::Instant;

use folio::build::BuildOptions;
use folio::report::Silent;
use folio::site::Site;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().expect("usage: search_bench SITE_DIR [RUNS]");
    let runs: usize = args.next().map_or(3, |r| r.parse().expect("a number of runs"));
    let mut options = BuildOptions::new(root);
    options.defer_search = true;
    let mut site = Site::load(&options, &Silent).expect("the site builds");
    let snapshot = site.search_snapshot().expect("search is on");
    for _ in 0..runs {
        let cpu = cpu_time();
        let start = Instant::now();
        let files = snapshot.build();
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        println!(
            "{} documents: index built in {:.0} ms wall, {:.0} ms CPU; {} files, {:.1} MB",
            snapshot.records.len(),
            start.elapsed().as_secs_f64() * 1e3,
            (cpu_time() - cpu) * 1e3,
            files.len(),
            bytes as f64 / 1e6
        );
    }
}

/// CPU time of the process so far (user + system), from /proc/self/stat.
fn cpu_time() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(") ").next().unwrap_or("").split(' ').collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}
