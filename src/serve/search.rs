//! The preview's search index, built on a thread of its own so that saving a post reloads the
//! page at once: each rebuild hands over a [`Snapshot`] when the index's inputs changed, and
//! the index is rebuilt once the snapshots stop coming for [`QUIET`] (a burst of saves, or a
//! `git checkout`, costs one index build), then swapped into what the server shows.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use super::ServeLog;
use super::http::Served;
use crate::search::{DIR, Snapshot};

pub const QUIET: Duration = Duration::from_millis(500);

/// Starts the builder thread; it stops when the sender is dropped.
pub fn spawn(served: Arc<Served>, log: Arc<dyn ServeLog>) -> mpsc::Sender<Snapshot> {
    let (tx, rx) = mpsc::channel::<Snapshot>();
    std::thread::spawn(move || {
        while let Ok(mut snapshot) = rx.recv() {
            while let Ok(newer) = rx.recv_timeout(QUIET) {
                snapshot = newer;
            }
            match snapshot.build() {
                Ok(files) => publish(&served, files.into_iter().map(|f| (f.path, Arc::new(f.bytes))).collect()),
                Err(e) => log.warning(&e.to_string()),
            }
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

pub fn is_index_file(path: &str) -> bool {
    path.strip_prefix(DIR).is_some_and(|rest| rest.starts_with('/'))
}
