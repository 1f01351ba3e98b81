//! The preview's HTTP side: serves the in-memory output (so nothing outside it can ever be
//! served), injects the live-reload script into HTML, answers unknown paths with the site's
//! `404.html` and status 404, sends no caching headers, and streams rebuild events (SSE).

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

const LIVERELOAD_JS: &str = include_str!("livereload.js");
const SCRIPT_TAG: &str = "<script src=\"/__folio/livereload.js\"></script>";

/// What the server shows: the last good build, and the current error if the last change failed.
pub struct Served {
    pub files: RwLock<HashMap<String, Arc<Vec<u8>>>>,
    pub error: RwLock<Option<String>>,
    pub events: broadcast::Sender<String>,
    /// `""` or `/blog`.
    pub base_path: String,
}

pub fn router(served: Arc<Served>) -> Router {
    Router::new()
        .route("/__folio/livereload.js", axum::routing::get(livereload_js))
        .route("/__folio/events", axum::routing::get(events))
        .fallback(file)
        .with_state(served)
}

async fn livereload_js() -> Response<Body> {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", LIVERELOAD_JS.as_bytes().to_vec())
}

async fn events(State(served): State<Arc<Served>>) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    // A page opened while the build is broken gets the overlay at once.
    let pending = served.error.read().expect("not poisoned").clone().map(|m| error_message(&m));
    let initial = tokio_stream::iter(pending.into_iter().map(|m| Ok(Event::default().data(m))));
    let updates =
        BroadcastStream::new(served.events.subscribe()).filter_map(|m| m.ok().map(|m| Ok(Event::default().data(m))));
    Sse::new(initial.chain(updates)).keep_alive(KeepAlive::default())
}

pub fn error_message(text: &str) -> String {
    serde_json::json!({ "type": "error", "message": text }).to_string()
}

async fn file(State(served): State<Arc<Served>>, uri: Uri) -> Response<Body> {
    let files = served.files.read().expect("not poisoned");
    match resolve(&served.base_path, uri.path(), &|p| files.contains_key(p)) {
        Resolved::File(path) => {
            let bytes = files[&path].clone();
            drop(files);
            respond(StatusCode::OK, &content_type(&path), with_script(&path, &bytes))
        }
        Resolved::Redirect(to) => {
            let mut r = respond(StatusCode::MOVED_PERMANENTLY, "text/plain; charset=utf-8", Vec::new());
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Resolved::NotFound => {
            let body =
                files.get("404.html").map(|b| with_script("404.html", b)).unwrap_or_else(|| b"Not found".to_vec());
            respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", body)
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(String),
    Redirect(String),
    NotFound,
}

/// Maps a request path to an output file, the way a static host does: `/blog/x/` →
/// `x/index.html`; `/blog/x` → redirect to `/blog/x/` when that is a folder. Anything that is
/// not exactly a file of the output (traversal, encoded or not) is not found.
pub fn resolve(base_path: &str, request: &str, exists: &dyn Fn(&str) -> bool) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(request).decode_utf8() else { return Resolved::NotFound };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Resolved::NotFound;
    }
    if !base_path.is_empty() && (decoded == "/" || decoded == base_path) {
        return Resolved::Redirect(format!("{base_path}/"));
    }
    let Some(rel) = decoded.strip_prefix(base_path).and_then(|r| r.strip_prefix('/')) else {
        return Resolved::NotFound;
    };
    if rel.split('/').any(|seg| seg == ".." || seg == ".") {
        return Resolved::NotFound;
    }
    let candidate = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    if exists(&candidate) {
        return Resolved::File(candidate);
    }
    if !rel.is_empty() && !rel.ends_with('/') && exists(&format!("{rel}/index.html")) {
        return Resolved::Redirect(format!("{base_path}/{rel}/"));
    }
    Resolved::NotFound
}

fn with_script(path: &str, bytes: &[u8]) -> Vec<u8> {
    if !path.ends_with(".html") {
        return bytes.to_vec();
    }
    let text = String::from_utf8_lossy(bytes);
    match text.rfind("</body>") {
        Some(i) => format!("{}{SCRIPT_TAG}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{SCRIPT_TAG}").into_bytes(),
    }
}

fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == "javascript" || mime.subtype() == "xml" || mime.subtype() == "json" => {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    }
}

fn respond(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exists(p: &str) -> bool {
        ["index.html", "posts/a/index.html", "folio.css", "404.html"].contains(&p)
    }

    #[test]
    fn resolves_like_a_static_host() {
        assert_eq!(resolve("", "/", &exists), Resolved::File("index.html".into()));
        assert_eq!(resolve("", "/posts/a/", &exists), Resolved::File("posts/a/index.html".into()));
        assert_eq!(resolve("", "/posts/a", &exists), Resolved::Redirect("/posts/a/".into()));
        assert_eq!(resolve("", "/folio.css", &exists), Resolved::File("folio.css".into()));
        assert_eq!(resolve("", "/nope/", &exists), Resolved::NotFound);
    }

    #[test]
    fn subpath_is_required_and_the_bare_root_redirects() {
        assert_eq!(resolve("/blog", "/", &exists), Resolved::Redirect("/blog/".into()));
        assert_eq!(resolve("/blog", "/blog/posts/a/", &exists), Resolved::File("posts/a/index.html".into()));
        assert_eq!(resolve("/blog", "/posts/a/", &exists), Resolved::NotFound);
    }

    #[test]
    fn traversal_never_resolves() {
        for p in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/posts/%2E%2E/%2e%2e/x",
            "/posts/..%2findex.html",
            "/a\\..\\b",
            "/%00",
        ] {
            assert_eq!(resolve("", p, &|_| true), Resolved::NotFound, "{p}");
        }
    }

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        assert_eq!(
            with_script("a.html", b"<body>x</body></html>"),
            format!("<body>x{SCRIPT_TAG}</body></html>").into_bytes()
        );
        assert_eq!(with_script("a.css", b"body{}"), b"body{}".to_vec());
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("folio.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
    }
}
