//! Times building the search index alone, as the preview does on its own thread
//! (docs/search.md): loads the site without the index, builds it in full `RUNS` times, then
//! times the preview's updates after one change each (the index's [`Cache`] kept from the build
//! before, on a one-thread pool as in `folio serve`): a post's body edited, its title edited,
//! its tags edited, a new post added (the newest), a post deleted. The changes are made to the
//! snapshot in memory; the site on disk is not touched. Each update is checked against a full
//! build of the same snapshot.
//! Usage: cargo run --release --example search_bench -- SITE_DIR [RUNS]

use std::sync::Arc;
use std::time::Instant;

use folio::build::BuildOptions;
use folio::report::Silent;
use folio::search::Snapshot;
use folio::search::index::Cache;
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

    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread");
    let mut cache = Cache::default();
    let mut current = snapshot.clone();
    let first = pool.install(|| timed(&current, &mut cache));
    println!("preview, first build (empty cache): {first}; the cache holds {:.0} MB", cache.bytes() as f64 / 1e6);
    type Edit = fn(&mut Snapshot, usize);
    let edits: [(&str, Edit); 5] = [
        ("body edited", |s, run| {
            let n = run * 7 % s.records.len();
            let record = &mut s.records[n];
            let mut html = (*record.html).clone();
            html.html = format!("{}<p>An added paragraph, edit {run}.</p>", &*html.html.read()).into();
            record.html = Arc::new(html);
        }),
        ("title edited", |s, run| {
            let n = run * 11 % s.records.len();
            s.records[n].title.push_str(" (updated)");
        }),
        ("tags edited", |s, run| {
            let n = run * 13 % s.records.len();
            s.records[n].tags.push(format!("Tag {run}"));
        }),
        ("post added", |s, run| {
            let mut record = s.records[run].clone();
            record.url = format!("/posts/added-{run}/");
            record.date = Some("2099-01-01".into());
            record.date_display = Some("1 January 2099".into());
            record.year = Some("2099".into());
            s.records.push(record);
        }),
        ("post deleted", |s, run| {
            let n = run * 17 % s.records.len();
            s.records.remove(n);
        }),
    ];
    for run in 0..runs {
        for (name, edit) in &edits {
            edit(&mut current, run);
            let result = pool.install(|| timed(&current, &mut cache));
            let full = current.build();
            let same = full.len() == result.files.len()
                && full.iter().zip(&result.files).all(|(a, b)| a.path == b.path && a.bytes == b.bytes);
            assert!(same, "{name}: the update differs from a full build");
            println!("preview, {name}: {result}; same bytes as a full build");
        }
    }
}

struct Timed {
    wall: f64,
    cpu: f64,
    analysed: usize,
    files: Vec<folio::render::OutputFile>,
}

impl std::fmt::Display for Timed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.0} ms wall, {:.0} ms CPU, {} documents analysed", self.wall, self.cpu, self.analysed)
    }
}

fn timed(snapshot: &Snapshot, cache: &mut Cache) -> Timed {
    let cpu = cpu_time();
    let start = Instant::now();
    let files = snapshot.build_with(cache);
    Timed { wall: start.elapsed().as_secs_f64() * 1e3, cpu: (cpu_time() - cpu) * 1e3, analysed: cache.analysed, files }
}

/// CPU time of the process so far (user + system), from /proc/self/stat.
fn cpu_time() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(") ").next().unwrap_or("").split(' ').collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}
