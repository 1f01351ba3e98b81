//! Highlighted code kept between builds. Highlighting is most of a build's work on a site with
//! code (syntect runs at 15–140 µs a line), and most builds change little code: each block's
//! classed HTML is stored under a 128-bit hash of its language and code, in one file per site
//! in the user's cache folder (see `docs/performance.md`), and reused when the same block comes
//! back. Highlighted HTML depends only on the language, the code and the highlighter: folio's
//! version and a fingerprint of its syntax definitions and highlighting code head the file, and
//! a file made by another highlighter, or one that cannot be read, is ignored, never an error.
//!
//! The file is rewritten after the Markdown stage only when it changed, with the blocks of this
//! build only, so it does not grow with blocks long gone.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use siphasher::sip128::{Hasher128, SipHasher13};

/// First line of the file: the format, and the folio version whose syntaxes made the HTML.
const HEADER: &str = concat!("folio highlight cache 1 ", env!("CARGO_PKG_VERSION"), "\n");

type Key = u128;

/// The blocks read from the file, and those this build used or made.
pub struct HighlightCache {
    path: PathBuf,
    /// The fingerprint of the highlighter (`highlight::engine_fingerprint` in a build).
    engine: fn() -> u128,
    /// The fingerprint the file was written with.
    stored_engine: Option<u128>,
    /// Whether the stored blocks were made by this highlighter (checked at the first lookup).
    usable: std::sync::OnceLock<bool>,
    /// The file as read: one buffer (the memory goes back to the system with it, rather than
    /// staying with the allocator as thousands of small strings would), and where each block's
    /// HTML is in it.
    file: Vec<u8>,
    stored: Blocks,
    /// The stored blocks this build used.
    hits: Mutex<HashSet<Key>>,
    /// The blocks this build highlighted (`None`: a language syntect does not know).
    made: Mutex<HashMap<Key, Option<String>>>,
}

/// Where each stored block's HTML is in the file.
type Blocks = HashMap<Key, std::ops::Range<usize>>;

fn key(token: &str, code: &str) -> Key {
    let mut h = SipHasher13::new();
    (token, code).hash(&mut h);
    h.finish128().as_u128()
}

impl std::fmt::Debug for HighlightCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HighlightCache").field("path", &self.path).field("stored", &self.stored.len()).finish()
    }
}

impl HighlightCache {
    /// Opens the cache at `path` for blocks highlighted by the highlighter whose fingerprint
    /// `engine` gives: what it holds, or nothing if it is missing, unreadable or from another
    /// version of folio (blocks from another highlighter are set aside at the first lookup).
    pub fn open(path: impl Into<PathBuf>, engine: fn() -> u128) -> HighlightCache {
        let path = path.into();
        let file = std::fs::read(&path).unwrap_or_default();
        let (stored_engine, stored) = decode(&file).unwrap_or_default();
        HighlightCache {
            path,
            engine,
            stored_engine,
            usable: std::sync::OnceLock::new(),
            file,
            stored,
            hits: Mutex::default(),
            made: Mutex::default(),
        }
    }

    /// The cache file of the site at `root` inside the cache folder `dir`.
    pub fn for_site(dir: &Path, root: &Path) -> HighlightCache {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut h = SipHasher13::new();
        root.hash(&mut h);
        HighlightCache::open(
            dir.join(format!("highlight-{:016x}.bin", h.finish())),
            super::highlight::engine_fingerprint,
        )
    }

    /// Whether the stored blocks can be used: made by this highlighter.
    fn usable(&self) -> bool {
        *self.usable.get_or_init(|| self.stored_engine.is_some_and(|e| e == (self.engine)()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many blocks the file held when it was opened.
    pub fn stored(&self) -> usize {
        self.stored.len()
    }

    /// The highlighted HTML of `code` in language `token`, from the cache or made by `make`.
    pub fn get_or(&self, token: &str, code: &str, make: impl FnOnce() -> Option<String>) -> Option<String> {
        let key = key(token, code);
        if let Some(html) = self.stored.get(&key).filter(|_| self.usable()) {
            self.hits.lock().unwrap_or_else(|e| e.into_inner()).insert(key);
            return Some(self.html(html).to_string());
        }
        if let Some(made) = self.made.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return made.clone();
        }
        let html = make();
        self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(key, html.clone());
        html
    }

    /// A stored block's HTML (checked to be UTF-8 when the file was read).
    fn html(&self, range: &std::ops::Range<usize>) -> &str {
        std::str::from_utf8(&self.file[range.clone()]).unwrap_or_default()
    }

    /// Writes the blocks this build used, if they differ from what the file held. Returns
    /// whether the file was written. Writes a new file and renames it, so that a reader never
    /// sees half a file.
    pub fn save(&self) -> std::io::Result<bool> {
        let hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        let new: Vec<(Key, &str)> = made.iter().filter_map(|(k, v)| Some((*k, v.as_deref()?))).collect();
        if new.is_empty() && hits.len() == self.stored.len() && (self.stored.is_empty() || self.usable()) {
            return Ok(false);
        }
        let mut kept = new;
        kept.extend(hits.iter().map(|k| (*k, self.html(&self.stored[k]))));
        let engine = (self.engine)();
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let partial = self.path.with_extension(format!("{}.partial", std::process::id()));
        std::fs::write(&partial, encode(engine, kept))?;
        std::fs::rename(&partial, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })?;
        Ok(true)
    }
}

/// The header, the highlighter's fingerprint (16 bytes), then per block: the key (16 bytes), the
/// length of the HTML (4 bytes), the HTML; little-endian, blocks sorted by key so that the same
/// blocks make the same file.
fn encode(engine: u128, mut blocks: Vec<(Key, &str)>) -> Vec<u8> {
    blocks.sort_unstable_by_key(|(k, _)| *k);
    let size = HEADER.len() + 16 + blocks.iter().map(|(_, html)| 20 + html.len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(HEADER.as_bytes());
    out.extend_from_slice(&engine.to_le_bytes());
    for (key, html) in blocks {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&(html.len() as u32).to_le_bytes());
        out.extend_from_slice(html.as_bytes());
    }
    out
}

/// The fingerprint and where each block's HTML is in `bytes`; `None` if the file is damaged.
fn decode(bytes: &[u8]) -> Option<(Option<u128>, Blocks)> {
    let rest = bytes.strip_prefix(HEADER.as_bytes())?;
    let engine = u128::from_le_bytes(rest.get(..16)?.try_into().ok()?);
    let mut at = HEADER.len() + 16;
    let mut blocks = HashMap::new();
    while at < bytes.len() {
        let key = Key::from_le_bytes(bytes.get(at..at + 16)?.try_into().ok()?);
        let len = u32::from_le_bytes(bytes.get(at + 16..at + 20)?.try_into().ok()?) as usize;
        let range = at + 20..(at + 20).checked_add(len)?;
        std::str::from_utf8(bytes.get(range.clone())?).ok()?;
        blocks.insert(key, range.clone());
        at = range.end;
    }
    Some((Some(engine), blocks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> u128 {
        1
    }

    fn other_engine() -> u128 {
        2
    }

    #[test]
    fn blocks_are_kept_between_builds_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.bin");
        let first = HighlightCache::open(&path, engine);
        assert_eq!(first.get_or("rust", "fn a() {}", || Some("<a>".into())), Some("<a>".into()));
        assert_eq!(first.get_or("rust", "fn b() {}", || Some("<b>".into())), Some("<b>".into()));
        assert_eq!(first.get_or("nope", "x", || None), None);
        assert!(first.save().unwrap());

        let second = HighlightCache::open(&path, engine);
        assert_eq!(second.stored(), 2, "unknown languages are not stored");
        let made = |_: &str| -> Option<String> { panic!("should come from the cache") };
        assert_eq!(second.get_or("rust", "fn a() {}", || made("a")), Some("<a>".into()));
        assert_eq!(second.get_or("rust", "fn b() {}", || made("b")), Some("<b>".into()));
        assert!(!second.save().unwrap(), "nothing changed: the file is left alone");

        // A build that no longer has block b drops it from the file.
        let third = HighlightCache::open(&path, engine);
        third.get_or("rust", "fn a() {}", || made("a"));
        assert!(third.save().unwrap());
        assert_eq!(HighlightCache::open(&path, engine).stored(), 1);
    }

    #[test]
    fn the_language_is_part_of_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = HighlightCache::open(dir.path().join("c.bin"), engine);
        cache.get_or("rust", "x", || Some("rust".into()));
        assert_eq!(cache.get_or("python", "x", || Some("python".into())), Some("python".into()));
    }

    #[test]
    fn a_damaged_or_foreign_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let cache = HighlightCache::open(&path, engine);
        cache.get_or("rust", "fn a() {}", || Some("<a>".into()));
        cache.save().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(HighlightCache::open(&path, engine).stored(), 0, "truncated");
        std::fs::write(&path, b"folio highlight cache 1 0.0.0-other\n").unwrap();
        assert_eq!(HighlightCache::open(&path, engine).stored(), 0, "another version");
        assert_eq!(HighlightCache::open(dir.path().join("missing.bin"), engine).stored(), 0);
    }

    #[test]
    fn blocks_of_another_highlighter_are_not_used_and_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let old = HighlightCache::open(&path, other_engine);
        old.get_or("rust", "fn a() {}", || Some("<old>".into()));
        old.save().unwrap();

        let new = HighlightCache::open(&path, engine);
        assert_eq!(new.get_or("rust", "fn a() {}", || Some("<new>".into())), Some("<new>".into()));
        assert!(new.save().unwrap(), "rewritten for this highlighter");
        let again = HighlightCache::open(&path, engine);
        let made = || -> Option<String> { panic!("should come from the cache") };
        assert_eq!(again.get_or("rust", "fn a() {}", made), Some("<new>".into()));
    }

    #[test]
    fn a_file_of_another_highlighter_is_emptied_even_without_code() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        let old = HighlightCache::open(&path, other_engine);
        old.get_or("rust", "fn a() {}", || Some("<old>".into()));
        old.save().unwrap();
        assert!(HighlightCache::open(&path, engine).save().unwrap());
        assert_eq!(HighlightCache::open(&path, engine).stored(), 0);
    }
}
