//! The preview's search index, built on a thread of its own so that saving a post reloads the
//! page at once: each rebuild hands over a [`Snapshot`] when the index's inputs changed, and
//! the index is updated once the snapshots stop coming for [`QUIET`] (a burst of saves, or a
//! `git checkout`, costs one update), then swapped into what the server shows. The thread keeps
//! an [`index::Cache`] of every document's analysis, so an update reads again only the documents
//! whose text or title changed and reassembles the files from the rest (about 0.15 s of CPU at
//! 10,000 posts instead of 1.3 s, `docs/search.md`); the files are those a full build makes. It
//! runs on a one-thread pool of its own so that it never holds up the rebuilds that follow saves.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use super::http::Served;
use crate::search::{DIR, Snapshot, index};

pub const QUIET: Duration = Duration::from_millis(200);

/// Starts the builder thread; it stops when the sender is dropped.
pub fn spawn(served: Arc<Served>) -> mpsc::Sender<Snapshot> {
    let (tx, rx) = mpsc::channel::<Snapshot>();
    std::thread::spawn(move || {
        // A pool of one thread of its own: on the shared pool, an index build (over a second of
        // work at 10,000 posts) would queue ahead of the next save's rebuild and delay the reload.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
        // What the last build read, so that the next reads again only the documents that changed.
        let mut cache = index::Cache::default();
        while let Ok(mut snapshot) = rx.recv() {
            while let Ok(newer) = rx.recv_timeout(QUIET) {
                snapshot = newer;
            }
            let files = match &pool {
                Some(pool) => pool.install(|| snapshot.build_with(&mut cache)),
                None => snapshot.build_with(&mut cache),
            };
            publish(&served, files.into_iter().map(|f| (f.path, Arc::new(f.bytes))).collect());
        }
    });
    tx
}

/// Replaces the index files the server shows.
fn publish(served: &Served, index: HashMap<String, Arc<Vec<u8>>>) {
    let mut files = served.files.write().expect("not poisoned");
    files.retain(|path, _| !is_index_file(path));
    files.extend(index);
}

/// The index's files are the JSON files under `search/` (the page beside them is HTML).
pub fn is_index_file(path: &str) -> bool {
    path.strip_prefix(DIR).is_some_and(|rest| rest.starts_with('/') && rest.ends_with(".json"))
}
