//! `folio serve`: a live preview. Three parts, as in the architecture guide: the watcher
//! ([`watch`]) turns file events into changes, the [`Site`] engine rebuilds only what they
//! affect, and the HTTP side ([`http`]) serves the result from memory and tells open pages
//! what changed. A failed rebuild keeps the last good output and shows the error in the page.

pub mod http;
pub mod search;
pub mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tokio::sync::broadcast;

use crate::build::BuildOptions;
use crate::error::BuildError;
use crate::report::Silent;
use crate::site::{Change, RebuildReport, Site};
use http::Served;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub future: bool,
    pub debounce: Duration,
    /// Load the comments provider's scripts (otherwise a placeholder box shows what would load).
    pub comments: bool,
    /// Where highlighted code is kept between runs (as `folio build` keeps it): the first build
    /// of the preview reads and updates it; later saves keep highlighted blocks in memory.
    pub cache_dir: Option<PathBuf>,
}

/// What the preview tells the person running it. The CLI prints these.
pub trait ServeLog: Send + Sync {
    fn listening(&self, url: &str, drafts: bool);
    fn rebuilt(&self, changes: &[Change], report: &RebuildReport, elapsed: Duration);
    fn failed(&self, error: &BuildError);
    fn warning(&self, message: &str);
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("no free port between {first} and {last} on {interface}; choose one with --port")]
    NoFreePort { interface: IpAddr, first: u16, last: u16 },
    #[error("cannot watch {}: {message}", .path.display())]
    Watch { path: PathBuf, message: String },
    #[error("{0}")]
    Runtime(std::io::Error),
}

/// How many ports after `--port` to try when it is taken.
const PORT_ATTEMPTS: u16 = 10;

/// Runs the preview until the process is interrupted.
pub fn serve(options: ServeOptions, log: Arc<dyn ServeLog>) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let listener = runtime.block_on(bind(options.interface, options.port))?;
    let address = listener.local_addr().map_err(ServeError::Runtime)?;
    if !options.interface.is_loopback() {
        log.warning(&format!(
            "listening on {} makes the preview, drafts included, visible to other machines on the network",
            options.interface
        ));
    }
    let configured = crate::config::Config::load(&options.root).ok();
    let base_path = configured.as_ref().map(|c| c.base_path.clone()).unwrap_or_default();
    let host = if address.ip().is_unspecified() { IpAddr::from([127, 0, 0, 1]) } else { address.ip() };
    let origin = match host {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", address.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}", address.port()),
    };
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: Some(format!("{origin}{base_path}/")),
        drafts: options.drafts,
        future: options.future,
        comments_placeholder: !options.comments,
        defer_search: true,
        cache_dir: options.cache_dir.clone(),
    };
    let (events, _) = broadcast::channel(64);
    let served = Arc::new(Served {
        files: RwLock::new(HashMap::new()),
        error: RwLock::new(None),
        events,
        base_path: base_path.clone(),
    });
    crate::markdown::highlight::keep_highlighted();
    let search = search::spawn(served.clone());
    let site = match Site::load(&build_options, &Silent) {
        Ok(mut site) => {
            publish_all(&served, &site);
            if let Some(snapshot) = site.search_snapshot() {
                let _ = search.send(snapshot);
            }
            Some(site)
        }
        Err(e) => {
            log.failed(&e);
            *served.error.write().expect("not poisoned") = Some(e.to_string());
            None
        }
    };
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(options.debounce, None, tx)
        .map_err(|e| ServeError::Watch { path: options.root.clone(), message: e.to_string() })?;
    // Watch the root, not single files: editors that save by rename replace the file's inode.
    debouncer
        .watch(&options.root, RecursiveMode::Recursive)
        .map_err(|e| ServeError::Watch { path: options.root.clone(), message: e.to_string() })?;
    log.listening(&format!("{origin}{base_path}/"), options.drafts);
    let worker = {
        let served = served.clone();
        let log = log.clone();
        let root = options.root.clone();
        std::thread::spawn(move || rebuild_loop(rx, site, build_options, &root, &served, log.as_ref(), &search))
    };
    let app = http::router(served);
    runtime
        .block_on(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        })
        .map_err(ServeError::Runtime)?;
    drop(debouncer);
    drop(worker);
    Ok(())
}

async fn bind(interface: IpAddr, port: u16) -> Result<tokio::net::TcpListener, ServeError> {
    let last = port.saturating_add(PORT_ATTEMPTS);
    for p in port..=last {
        let address = SocketAddr::new(interface, p);
        match tokio::net::TcpListener::bind(address).await {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 => continue,
            Err(source) => return Err(ServeError::Bind { address, source }),
        }
    }
    Err(ServeError::NoFreePort { interface, first: port, last })
}

/// Replaces everything the server shows with the site's current output (the search index,
/// built apart by [`search`], is kept).
fn publish_all(served: &Served, site: &Site) {
    let files: HashMap<String, Arc<Vec<u8>>> =
        site.files().map(|f| (f.path.clone(), Arc::new(f.bytes.clone()))).collect();
    let mut served = served.files.write().expect("not poisoned");
    served.retain(|path, _| search::is_index_file(path));
    served.extend(files);
}

fn rebuild_loop(
    rx: mpsc::Receiver<DebounceEventResult>,
    mut site: Option<Site>,
    options: BuildOptions,
    root: &std::path::Path,
    served: &Served,
    log: &dyn ServeLog,
    search: &mpsc::Sender<crate::search::Snapshot>,
) {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    while let Ok(result) = rx.recv() {
        let Ok(events) = result else { continue };
        let mut changes: Vec<Change> = Vec::new();
        for event in &events {
            let is_dir = event.paths.first().is_some_and(|p| p.is_dir());
            if !watch::is_change(&event.kind, is_dir) {
                continue;
            }
            for path in &event.paths {
                let path = path.canonicalize().unwrap_or_else(|_| path.clone());
                if let Some(change) = watch::classify(&root, &path)
                    && !changes.contains(&change)
                {
                    changes.push(change);
                }
            }
        }
        if changes.is_empty() {
            continue;
        }
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match site.as_mut() {
            Some(s) => s.rebuild(&changes, &Silent).map(|r| (r, false)),
            None => Site::load(&options, &Silent).map(|s| {
                site = Some(s);
                (RebuildReport { full: true, ..RebuildReport::default() }, true)
            }),
        }));
        let outcome = outcome.unwrap_or_else(|_| {
            Err(BuildError::Site(vec![crate::error::Diagnostic::new(
                crate::error::Location::file("folio"),
                "internal error while rebuilding; please report it. The preview keeps the last good build",
            )]))
        });
        match outcome {
            Ok((report, fresh)) => {
                let elapsed = start.elapsed();
                let site = site.as_mut().expect("set on success");
                if fresh || report.full {
                    publish_all(served, site);
                } else {
                    publish_changes(served, site, &report);
                }
                *served.error.write().expect("not poisoned") = None;
                let _ = served.events.send(built_message(&served.base_path, &report, fresh));
                log.rebuilt(&changes, &report, elapsed);
                // After the pages are out: the search index follows on its own thread.
                if let Some(snapshot) = site.search_snapshot() {
                    let _ = search.send(snapshot);
                }
            }
            Err(e) => {
                log.failed(&e);
                let text = e.to_string();
                *served.error.write().expect("not poisoned") = Some(text.clone());
                let _ = served.events.send(http::error_message(&text));
            }
        }
    }
}

fn publish_changes(served: &Served, site: &Site, report: &RebuildReport) {
    let changed: std::collections::HashSet<&str> = report.changed.iter().map(String::as_str).collect();
    let updates: Vec<(String, Arc<Vec<u8>>)> = site
        .files()
        .filter(|f| changed.contains(f.path.as_str()))
        .map(|f| (f.path.clone(), Arc::new(f.bytes.clone())))
        .collect();
    let mut files = served.files.write().expect("not poisoned");
    for path in &report.removed {
        files.remove(path);
    }
    files.extend(updates);
}

/// The event sent to open pages: which page URLs changed (they reload) and which stylesheets
/// changed (swapped in place, without a reload).
fn built_message(base_path: &str, report: &RebuildReport, everything: bool) -> String {
    let url = |p: &str| format!("{base_path}/{p}");
    let mut pages: Vec<String> = Vec::new();
    let mut css: Vec<String> = Vec::new();
    for p in report.changed.iter().chain(&report.removed) {
        if p.ends_with(".css") {
            css.push(url(p));
        } else if p.ends_with(".html") {
            pages.push(url(p));
            if let Some(dir) = p.strip_suffix("index.html") {
                pages.push(url(dir));
            }
        } else if p.ends_with(".js") || p.ends_with(".svg") {
            // A script or image may be on any page: reload them all.
            pages.push("*".into());
        }
    }
    let reload_all = everything || pages.iter().any(|p| p == "*");
    serde_json::json!({ "type": "built", "pages": pages, "css": css, "all": reload_all }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_message_lists_page_urls_and_stylesheets() {
        let report = RebuildReport {
            changed: vec!["posts/a/index.html".into(), "folio.css".into(), "atom.xml".into()],
            ..RebuildReport::default()
        };
        let msg: serde_json::Value = serde_json::from_str(&built_message("/blog", &report, false)).unwrap();
        assert_eq!(msg["pages"], serde_json::json!(["/blog/posts/a/index.html", "/blog/posts/a/"]));
        assert_eq!(msg["css"], serde_json::json!(["/blog/folio.css"]));
        assert_eq!(msg["all"], false);
    }
}
