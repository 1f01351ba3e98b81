//! Builds the index files from the records (the format is described in `docs/search.md`):
//!
//! - `search/manifest.json`: the format, a version (a hash of everything below), the language's
//!   stop words, the shard table (each shard's first term and its file), the tags with their
//!   number of posts, and each year's range of document ids;
//! - `search/terms/<hash>.json`: the terms in order, cut into shards of about [`SHARD_BYTES`],
//!   each term with its posting list: `delta * 16 + weight` per document, where `delta` is the
//!   gap from the previous document id and `weight` (1–15) says how often the term is in the
//!   body and whether it is in the title. Tags are terms too (`#` and the tag as written), with
//!   weight 0, for the tag filter;
//! - `search/docs/<n>.json`: documents `n * 4` to `n * 4 + 3` ([`DOCS_PER_FILE`]): URL, title,
//!   date, tags and the first [`TEXT_BYTES`] of the text, for the result and its excerpt.
//!
//! Document ids follow the date, newest first (undated pages last, by URL), so a year is a
//! range of ids and the id breaks ties in ranking. The work is spread over rayon's threads;
//! the output does not depend on how many there are.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{DIR, Record, Snapshot, text, tokens};
use crate::markdown::Rendered;
use crate::render::OutputFile;
use crate::render::plan::fingerprint;

/// Version of the file format, checked by `search.js`.
pub const FORMAT: u32 = 1;
/// A term shard is cut once it holds this many bytes of JSON (one term's list may be larger).
pub const SHARD_BYTES: usize = 32 * 1024;
/// How much of a document's text the index keeps for excerpts.
pub const TEXT_BYTES: usize = 600;
/// Documents per file under `search/docs/`.
pub const DOCS_PER_FILE: usize = 4;
/// Terms are spread over this many maps while the postings are gathered, in parallel.
const PARTITIONS: usize = 16;
const TITLE: u8 = 8;

pub fn build(snapshot: &Snapshot) -> Vec<OutputFile> {
    build_with(snapshot, &mut Cache::transient())
}

/// What the index does with each file as soon as it is made (a build writes it and keeps only
/// its path, so that the index never holds all its files at once).
pub type Emit<'e> = &'e (dyn Fn(&mut OutputFile) -> Result<(), crate::error::BuildError> + Sync);

/// Keeps each file as it is.
fn keep(_: &mut OutputFile) -> Result<(), crate::error::BuildError> {
    Ok(())
}

/// What one build of the index keeps for the next, so that the next reads again only the
/// documents whose text or title changed (`folio serve` keeps one between saves). The cache
/// never changes the output: a document's analysis is reused only when its HTML and title are
/// those it was made from, and the language is the same.
pub struct Cache {
    /// Whether the analyses are kept for the next build ([`Cache::transient`]: not).
    retain: bool,
    language: String,
    /// By URL.
    entries: FxHashMap<String, Cached>,
    /// How many documents the last build analysed (the others came from the cache).
    pub analysed: usize,
}

impl Default for Cache {
    fn default() -> Self {
        Cache { retain: true, language: String::new(), entries: FxHashMap::default(), analysed: 0 }
    }
}

impl Cache {
    /// A cache that keeps nothing: for a build with no next build (`folio build`), so that
    /// each document's analysis is dropped as soon as its terms are in the posting lists.
    pub fn transient() -> Cache {
        Cache { retain: false, ..Cache::default() }
    }

    /// Forgets every analysis (whether it keeps them from now on stays as it was).
    pub fn clear(&mut self) {
        self.entries = FxHashMap::default();
        self.analysed = 0;
    }

    /// About how many bytes of memory the kept analyses take.
    pub fn bytes(&self) -> usize {
        self.entries
            .iter()
            .map(|(url, c)| {
                let a = &c.analysed;
                url.capacity()
                    + c.title.capacity()
                    + a.text.capacity()
                    + a.keys.capacity() * std::mem::size_of::<Key>()
                    + a.weights.capacity()
                    + a.long.iter().map(|(w, _)| w.len() + std::mem::size_of::<(Box<str>, u8)>()).sum::<usize>()
                    + std::mem::size_of::<Analysed>()
                    + std::mem::size_of::<Cached>()
            })
            .sum()
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").field("language", &self.language).field("documents", &self.entries.len()).finish()
    }
}

struct Cached {
    html: Arc<Rendered>,
    title: String,
    analysed: Arc<Analysed>,
}

impl Cached {
    fn holds(&self, record: &Record) -> bool {
        (Arc::ptr_eq(&self.html, &record.html) || self.html.html == record.html.html) && self.title == record.title
    }
}

/// [`build`], reusing the analyses in `cache` that still hold and leaving it with those of this
/// build's documents (none if the cache is [`Cache::transient`]).
pub fn build_with(snapshot: &Snapshot, cache: &mut Cache) -> Vec<OutputFile> {
    build_in_chunks(snapshot, cache, CHUNK, &keep).expect("keeping files cannot fail")
}

/// [`build_with`], handing each file to `emit` as soon as it is made; the files returned are
/// as `emit` left them.
pub fn build_emitting(
    snapshot: &Snapshot,
    cache: &mut Cache,
    emit: Emit<'_>,
) -> Result<Vec<OutputFile>, crate::error::BuildError> {
    build_in_chunks(snapshot, cache, CHUNK, emit)
}

/// Documents are read [`CHUNK`] at a time: their terms go into the posting lists and their
/// excerpts into the document files, then (unless the cache keeps them) their analyses are
/// dropped, so a build never holds every document's words at once.
const CHUNK: usize = 1024;

fn build_in_chunks(
    snapshot: &Snapshot,
    cache: &mut Cache,
    chunk: usize,
    emit: Emit<'_>,
) -> Result<Vec<OutputFile>, crate::error::BuildError> {
    debug_assert!(chunk.is_multiple_of(DOCS_PER_FILE));
    let mut records: Vec<&Record> = snapshot.records.iter().collect();
    // Newest first; undated last; the URL decides between equals, so ids are stable.
    records.sort_by(|a, b| b.date.is_some().cmp(&a.date.is_some()).then(b.date.cmp(&a.date)).then(a.url.cmp(&b.url)));
    let stop: &[&str] = tokens::stop_words(&snapshot.language);
    if cache.language != snapshot.language {
        cache.entries.clear();
        cache.language.clone_from(&snapshot.language);
    }

    // Terms of up to 15 bytes under their keys, in partitions; longer ones (few) under their text.
    let mut partitions: Vec<FxHashMap<Key, Posting>> = (0..PARTITIONS).map(|_| FxHashMap::default()).collect();
    let mut long: FxHashMap<Box<str>, Posting> = FxHashMap::default();
    let mut docs: Vec<OutputFile> = Vec::with_capacity(records.len().div_ceil(DOCS_PER_FILE));
    // Each document file's hash, for the version, taken before `emit` may let go of its bytes.
    let mut doc_hashes: Vec<u64> = Vec::with_capacity(docs.capacity());
    let mut entries =
        FxHashMap::with_capacity_and_hasher(if cache.retain { records.len() } else { 0 }, Default::default());
    cache.analysed = 0;
    for (c, part) in records.chunks(chunk).enumerate() {
        let base = c * chunk;
        // Each document's text and terms with their weights, in parallel, for those the cache
        // does not hold.
        let analysed: Vec<Arc<Analysed>> = part
            .par_iter()
            .map(|r| match cache.entries.get(&r.url) {
                Some(cached) if cached.holds(r) => cached.analysed.clone(),
                _ => Arc::new(analyse(r, stop)),
            })
            .collect();
        for (record, analysed) in part.iter().zip(&analysed) {
            let reused = cache.entries.get(&record.url).is_some_and(|c| Arc::ptr_eq(&c.analysed, analysed));
            cache.analysed += usize::from(!reused);
            if cache.retain {
                let cached =
                    Cached { html: record.html.clone(), title: record.title.clone(), analysed: analysed.clone() };
                entries.insert(record.url.clone(), cached);
            }
        }
        // Each partition of the terms gathers its posting lists on a thread; documents are
        // visited in id order, so every list comes out sorted.
        partitions.par_iter_mut().enumerate().for_each(|(p, map)| {
            for (k, doc) in analysed.iter().enumerate() {
                let id = (base + k) as u32;
                for (&key, &weight) in doc.partition(p) {
                    map.entry(key).or_default().push(id, weight);
                }
            }
        });
        for (k, doc) in analysed.iter().enumerate() {
            for (word, weight) in &doc.long {
                let posting = match long.get_mut(word) {
                    Some(posting) => posting,
                    None => long.entry(word.clone()).or_default(),
                };
                posting.push((base + k) as u32, *weight);
            }
        }
        let mut made: Vec<(OutputFile, u64)> = part
            .par_chunks(DOCS_PER_FILE)
            .zip(analysed.par_chunks(DOCS_PER_FILE))
            .enumerate()
            .map(|(n, (records, analysed))| {
                let file = doc_file(base / DOCS_PER_FILE + n, records, analysed);
                let hash = fingerprint(&file.bytes);
                (file, hash)
            })
            .collect();
        made.par_iter_mut().try_for_each(|(file, _)| emit(file))?;
        for (file, hash) in made {
            docs.push(file);
            doc_hashes.push(hash);
        }
    }
    if cache.retain {
        cache.entries = entries;
    } else {
        cache.entries.clear();
    }
    let short = partitions.into_iter().flatten().map(|(key, posting)| (word_of(key).into_string(), posting));
    let mut postings: Vec<(String, Posting)> =
        short.chain(long.into_iter().map(|(word, posting)| (word.into_string(), posting))).collect();
    // Tags: `#Tag`, weight 0.
    let mut tags: BTreeMap<&str, Posting> = BTreeMap::new();
    for (id, record) in records.iter().enumerate() {
        for tag in &record.tags {
            let posting = tags.entry(tag.as_str()).or_default();
            if posting.is_empty() || posting.last != id as u32 {
                posting.push(id as u32, 0);
            }
        }
    }
    let tag_counts: Vec<(&str, usize)> = tags.iter().map(|(t, p)| (*t, p.len)).collect();
    postings.extend(tags.into_iter().map(|(t, posting)| (format!("#{t}"), posting)));
    postings.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

    let mut files = shards(&postings);
    drop(postings);
    files.par_iter_mut().try_for_each(|(_, file)| emit(file))?;
    let shard_table: Vec<(&str, String)> =
        files.iter().map(|(first, file)| (first.as_str(), file.path[DIR.len() + 1..].to_string())).collect();

    let years = years(&records);
    let mut manifest = Manifest {
        format: FORMAT,
        version: String::new(),
        language: &snapshot.language,
        docs: records.len(),
        docs_per_file: DOCS_PER_FILE,
        stop,
        spelt_out: tokens::SPELT_OUT.iter().map(|(c, s)| (c.to_string(), *s)).collect(),
        shards: shard_table,
        tags: tag_counts,
        years,
    };
    // The version is a hash of every file, so a changed index never reuses a cached file.
    manifest.version = format!("{:016x}", fingerprint((&manifest.shards, &manifest.tags, &manifest.years, doc_hashes)));
    let mut manifest = OutputFile {
        path: format!("{DIR}/manifest.json"),
        bytes: serde_json::to_vec(&manifest).expect("plain data"),
        origin: ORIGIN.into(),
    };
    emit(&mut manifest)?;
    let mut out: Vec<OutputFile> = Vec::with_capacity(files.len() + docs.len() + 1);
    out.push(manifest);
    out.extend(files.drain(..).map(|(_, f)| f));
    out.extend(docs);
    Ok(out)
}

const ORIGIN: &str = "the search index";

#[derive(Serialize)]
struct Manifest<'a> {
    format: u32,
    version: String,
    language: &'a str,
    docs: usize,
    docs_per_file: usize,
    stop: &'a [&'a str],
    spelt_out: Vec<(String, &'a str)>,
    /// (first term, file relative to the manifest)
    shards: Vec<(&'a str, String)>,
    /// (tag, number of documents), by tag
    tags: Vec<(&'a str, usize)>,
    /// (year, first id, last id + 1), newest first
    years: Vec<(String, usize, usize)>,
}

/// One document's share of the index.
struct Analysed {
    /// The start of its text, for excerpts.
    text: String,
    /// Its distinct terms of up to 15 bytes (nearly all) as their [`Key`]s, grouped by
    /// partition ([`partition_of`]), and each one's weight.
    keys: Vec<Key>,
    weights: Vec<u8>,
    /// Partition `p` is `keys[parts[p]..parts[p + 1]]`.
    parts: [u32; PARTITIONS + 1],
    /// Its longer terms with their weights.
    long: Vec<(Box<str>, u8)>,
}

impl Analysed {
    /// The document's short terms in partition `p`, with their weights.
    fn partition(&self, p: usize) -> impl Iterator<Item = (&Key, &u8)> {
        let range = self.parts[p] as usize..self.parts[p + 1] as usize;
        self.keys[range.clone()].iter().zip(&self.weights[range])
    }
}

/// The partition a term of up to 15 bytes is gathered in: a hash of its key (the same for the
/// same word in every document).
fn partition_of(key: Key) -> usize {
    const _: () = assert!(PARTITIONS == 16, "the hash's top four bits pick the partition");
    let folded = (key as u64) ^ ((key >> 64) as u64);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60) as usize
}

/// One term's posting list while it is gathered: `delta * 16 + weight` per document (see the
/// module's documentation), each number in LEB128 (most take one or two bytes, not four).
#[derive(Default)]
struct Posting {
    bytes: Vec<u8>,
    /// The id of the last document added, and how many there are.
    last: u32,
    len: usize,
}

impl Posting {
    fn push(&mut self, id: u32, weight: u8) {
        let mut n = (id - self.last) * 16 + u32::from(weight);
        self.last = id;
        self.len += 1;
        while n >= 0x80 {
            self.bytes.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.bytes.iter();
        std::iter::from_fn(move || {
            let (mut n, mut shift) = (0u32, 0);
            loop {
                let b = *bytes.next()?;
                n |= u32::from(b & 0x7f) << shift;
                if b < 0x80 {
                    return Some(n);
                }
                shift += 7;
            }
        })
    }
}

/// Reads a document's text and counts its terms. Words of up to 15 bytes are counted under
/// their [`Key`], which holds the word: counting them allocates nothing per word.
fn analyse(record: &Record, stop: &[&'static str]) -> Analysed {
    let text = text::plain_text(&record.html.html.read());
    record.html.html.read_done();
    let mut counts = Counts::new(stop);
    tokens::each_word_of(&record.title, |w| counts.add(w, true));
    tokens::each_word_of(&text, |w| counts.add(w, false));
    let weight = |tally: &Tally| if tally.title { TITLE } else { 0 } + body_weight(tally.body);
    // Grouped by partition in two passes (how many in each, then each in its place); within a
    // partition the map's order, the same from run to run (the order of a document's terms
    // does not show in the index, whose lists are sorted).
    let mut parts = [0u32; PARTITIONS + 1];
    for (&key, _) in counts.short.iter().filter(|(_, tally)| !tally.stop) {
        let key = join(key);
        parts[partition_of(key) + 1] += 1;
    }
    for p in 0..PARTITIONS {
        parts[p + 1] += parts[p];
    }
    let terms = parts[PARTITIONS] as usize;
    let (mut keys, mut weights) = (vec![0; terms], vec![0; terms]);
    let mut next = parts;
    for (&key, tally) in counts.short.iter().filter(|(_, tally)| !tally.stop) {
        let key = join(key);
        let at = &mut next[partition_of(key)];
        keys[*at as usize] = key;
        weights[*at as usize] = weight(tally);
        *at += 1;
    }
    let long =
        counts.long.iter().filter(|(_, tally)| !tally.stop).map(|(word, tally)| (word.as_ref().into(), weight(tally)));
    let long = long.collect();
    let text = text::excerpt(text::prefix(&text, TEXT_BYTES * 2), TEXT_BYTES);
    Analysed { text, keys, weights, parts, long }
}

/// A word of up to 15 bytes as a number: its bytes, then its length in the last byte.
type Key = u128;

/// `word`'s [`Key`], or `None` when it is longer than 15 bytes. Read with loads of eight, four
/// or one bytes that may overlap (two per half at most), not by copying the word into a zeroed
/// buffer and reading that back: a copy of a few bytes followed by a 16-byte load of the same
/// place stalls the processor until the copy is done (measured: a quarter of the counting's
/// time sat on that load). Inlined for the same reason: returned
/// through memory, the key is written as two halves and read back whole, which stalls alike.
#[inline(always)]
fn key(word: &str) -> Option<Key> {
    let b = word.as_bytes();
    let len = b.len();
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().expect("four bytes")));
    let (low, high) = match len {
        0 => (0, 0),
        1..=3 => {
            let byte = |i: usize| u64::from(b[i]) << (8 * i);
            (byte(0) | byte(len / 2) | byte(len - 1), 0)
        }
        4..=7 => (u32_at(0) | u32_at(len - 4) << (8 * (len - 4)), 0),
        8 => (u64_at(0), 0),
        // The last eight bytes, shifted so that word byte 8 lands in the high half's first byte.
        9..=15 => (u64_at(0), u64_at(len - 8) >> (8 * (16 - len))),
        _ => return None,
    };
    Some(Key::from(low) | Key::from(high | (len as u64) << 56) << 64)
}

/// A [`Key`] as its two halves, for [`Counts`]' map: aligned on eight bytes rather than
/// sixteen, an entry takes 24 bytes rather than 32 (measured: 3 % of the index's time).
type Halves = (u64, u64);

fn split(key: Key) -> Halves {
    (key as u64, (key >> 64) as u64)
}

fn join(halves: Halves) -> Key {
    Key::from(halves.0) | Key::from(halves.1) << 64
}

/// The word a [`Key`] was made from, held in its bytes.
fn word_of(key: Key) -> Box<str> {
    let bytes = key.to_le_bytes();
    let word = &bytes[..usize::from(bytes[15])];
    std::str::from_utf8(word).expect("a key holds the UTF-8 of a word").into()
}

/// A document's terms → (in the title, times in the body). Words of up to 15 bytes (nearly all)
/// are counted under their [`Key`], which holds the word, longer ones under their text (kept
/// without a copy when it is a piece of the text, copied the first time it is seen when made by
/// lower-casing or folding). The stop words are in the maps from the start, marked as such, so
/// that one lookup tells a term to count from a word to leave out.
struct Counts<'a> {
    short: FxHashMap<Halves, Tally>,
    long: FxHashMap<Cow<'a, str>, Tally>,
}

/// A word of a document: a stop word, or whether it is in the title and how often in the body.
#[derive(Default)]
struct Tally {
    stop: bool,
    title: bool,
    body: u32,
}

impl<'a> Counts<'a> {
    /// Counts that leave out the words of `stop`.
    fn new(stop: &[&'a str]) -> Self {
        let mut counts =
            Counts { short: FxHashMap::with_capacity_and_hasher(512, Default::default()), long: FxHashMap::default() };
        for &word in stop {
            let tally = Tally { stop: true, ..Tally::default() };
            match key(word) {
                Some(key) => {
                    counts.short.insert(split(key), tally);
                }
                None => {
                    counts.long.insert(Cow::Borrowed(word), tally);
                }
            }
        }
        counts
    }

    /// Counts one word of a document (see [`analyse`]).
    fn add(&mut self, word: tokens::Word<'a, '_>, title: bool) {
        let s = word.as_str();
        if !tokens::indexable(s) {
            return;
        }
        let tally = match key(s) {
            Some(key) => self.short.entry(split(key)).or_default(),
            None => match self.long.get_mut(s) {
                Some(tally) => tally,
                None => {
                    let owned = match word {
                        tokens::Word::Text(t) => Cow::Borrowed(t),
                        tokens::Word::Made(m) => Cow::Owned(m.to_string()),
                    };
                    self.long.entry(owned).or_default()
                }
            },
        };
        if tally.stop {
            return;
        }
        if title {
            tally.title = true;
        } else {
            tally.body += 1;
        }
    }

    /// Each term with whether it is in the title and how many times it is in the body.
    #[cfg(test)]
    fn terms(self) -> impl Iterator<Item = (String, bool, u32)> {
        let short = self.short.into_iter().map(|(key, tally)| (word_of(join(key)).into_string(), tally));
        let long = self.long.into_iter().map(|(word, tally)| (word.into_owned(), tally));
        short.chain(long).filter(|(_, tally)| !tally.stop).map(|(word, tally)| (word, tally.title, tally.body))
    }
}

/// 0–7 from how many times a term is in the body, growing more slowly as the count grows.
fn body_weight(count: u32) -> u8 {
    match count {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=7 => 4,
        8..=12 => 5,
        13..=20 => 6,
        _ => 7,
    }
}

/// Cuts the sorted postings into shards; each shard's first term and its file.
fn shards(postings: &[(String, Posting)]) -> Vec<(String, OutputFile)> {
    let encoded: Vec<(String, String)> = postings
        .par_iter()
        .map(|(term, list)| {
            let mut buf = itoa::Buffer::new();
            let mut out = String::with_capacity(list.len * 4 + 2);
            out.push('[');
            for (k, n) in list.numbers().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                out.push_str(buf.format(n));
            }
            out.push(']');
            (serde_json::to_string(term).expect("a string"), out)
        })
        .collect();
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (k, (term, list)) in encoded.iter().enumerate() {
        if size > 0 && size + term.len() + list.len() > SHARD_BYTES {
            ranges.push(start..k);
            start = k;
            size = 0;
        }
        size += term.len() + list.len() + 2;
    }
    if start < encoded.len() {
        ranges.push(start..encoded.len());
    }
    ranges
        .into_par_iter()
        .map(|range| {
            let part = &encoded[range.clone()];
            let mut json = String::with_capacity(part.iter().map(|(t, l)| t.len() + l.len() + 2).sum::<usize>() + 16);
            json.push_str("{\"t\":[");
            for (k, (term, _)) in part.iter().enumerate() {
                if k > 0 {
                    json.push(',');
                }
                json.push_str(term);
            }
            json.push_str("],\"p\":[");
            for (k, (_, list)) in part.iter().enumerate() {
                if k > 0 {
                    json.push(',');
                }
                json.push_str(list);
            }
            json.push_str("]}");
            let hash = fingerprint(json.as_bytes());
            let file = OutputFile {
                path: format!("{DIR}/terms/{hash:016x}.json"),
                bytes: json.into_bytes(),
                origin: ORIGIN.into(),
            };
            (postings[range.start].0.to_string(), file)
        })
        .collect()
}

#[derive(Serialize)]
struct DocView<'a> {
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_display: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    text: &'a str,
}

/// The `n`th file of documents: a JSON array of [`DOCS_PER_FILE`] (the last may hold fewer).
fn doc_file(n: usize, records: &[&Record], analysed: &[Arc<Analysed>]) -> OutputFile {
    let view: Vec<DocView> = records
        .iter()
        .zip(analysed)
        .map(|(record, a)| DocView {
            url: &record.url,
            title: &record.title,
            date: record.date.as_deref(),
            date_display: record.date_display.as_deref(),
            tags: &record.tags,
            text: &a.text,
        })
        .collect();
    OutputFile {
        path: format!("{DIR}/docs/{n}.json"),
        bytes: serde_json::to_vec(&view).expect("plain data"),
        origin: ORIGIN.into(),
    }
}

/// Each year with its range of ids (dated documents come first, newest first).
fn years(records: &[&Record]) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    for (id, record) in records.iter().enumerate() {
        let Some(year) = &record.year else { break };
        match out.last_mut() {
            Some((y, _, end)) if y == year => *end = id + 1,
            _ => out.push((year.clone(), id, id + 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::markdown::{Options, render};

    /// [`key`]'s loads give what a copy into a zeroed buffer gives: the bytes in order, zeros,
    /// and the length in the last byte.
    fn key_by_copy(word: &str) -> Option<Key> {
        let bytes = word.as_bytes();
        (bytes.len() <= 15).then(|| {
            let mut buf = [0u8; 16];
            buf[..bytes.len()].copy_from_slice(bytes);
            buf[15] = bytes.len() as u8;
            Key::from_le_bytes(buf)
        })
    }

    #[test]
    fn a_key_holds_the_bytes_in_order_then_zeros_then_the_length() {
        let alphabet = "abcdefghijklmnopq";
        for len in 0..=alphabet.len() {
            let word = &alphabet[..len];
            assert_eq!(key(word), key_by_copy(word), "{word}");
        }
        assert_eq!(key("ab").unwrap().to_le_bytes(), *b"ab\0\0\0\0\0\0\0\0\0\0\0\0\0\x02");
    }

    proptest::proptest! {
        #[test]
        fn any_word_has_the_key_a_copy_gives(word in "\\PC{0,17}") {
            proptest::prop_assert_eq!(key(&word), key_by_copy(&word));
        }

        #[test]
        fn a_key_gives_back_its_word(word in "\\PC{0,17}") {
            if let Some(key) = key(&word) {
                proptest::prop_assert_eq!(&*word_of(key), word.as_str());
            }
        }
    }

    /// The terms `counts` holds, sorted.
    fn counted(counts: Counts<'_>) -> Vec<(String, bool, u32)> {
        let mut terms: Vec<(String, bool, u32)> = counts.terms().collect();
        terms.sort();
        terms
    }

    #[test]
    fn stop_words_are_left_out_short_or_long_and_nothing_else() {
        let fifteen = "abcdefghijklmno";
        let sixteen = "abcdefghijklmnop";
        let stop = ["a", "the", fifteen, sixteen, "\0x"];
        let mut counts = Counts::new(&stop);
        for word in stop {
            counts.add(tokens::Word::Text(word), false);
            counts.add(tokens::Word::Made(word), true);
        }
        assert_eq!(counted(counts), []);
        // A shorter word padded with zero bytes, a prefix, a longer word: none is a stop word
        // (`x` and `\0` are too short to be indexed).
        let mut counts = Counts::new(&stop);
        let others = ["", "a\0", "th", "thee", "abcdefghijklmn", "abcdefghijklmno\0", "abcdefghijklmnopq", "x", "\0"];
        for word in others {
            counts.add(tokens::Word::Text(word), false);
        }
        let mut kept: Vec<(String, bool, u32)> =
            others.into_iter().filter(|w| tokens::indexable(w)).map(|w| (w.to_string(), false, 1)).collect();
        kept.sort();
        assert_eq!(counted(counts), kept);
        for language in ["en", "fr", "de"] {
            let words = tokens::stop_words(language);
            assert!(words.iter().all(|w| key(w).is_some()), "{language}: every stop word has a key");
            let mut counts = Counts::new(words);
            words.iter().for_each(|w| counts.add(tokens::Word::Text(w), false));
            assert_eq!(counted(counts), [], "{language}");
        }
    }

    #[test]
    fn terms_are_counted_the_same_short_or_long() {
        let long = "internationalisation";
        let mut counts = Counts::new(&["the"]);
        for (word, title) in
            [("the", false), ("war", true), ("war", false), ("war", false), (long, false), (long, true)]
        {
            counts.add(tokens::Word::Made(word), title);
        }
        counts.add(tokens::Word::Text(long), false);
        assert_eq!(counted(counts), [(long.to_string(), true, 2), ("war".to_string(), true, 2)]);
    }

    fn record(title: &str, date: Option<&str>, tags: &[&str], body: &str) -> Record {
        let options =
            Options { base_path: "", site_host: "example.org", words_per_minute: 200, data: None, highlight: None };
        Record {
            url: format!("/posts/{}/", title.to_lowercase().replace(' ', "-")),
            title: title.into(),
            date: date.map(str::to_string),
            date_display: date.map(str::to_string),
            year: date.map(|d| d[..4].to_string()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            html: Arc::new(render(body, &options)),
            source_hash: 1,
        }
    }

    fn snapshot(records: Vec<Record>) -> Snapshot {
        Snapshot { enabled: true, language: "en".into(), records, key: 0 }
    }

    fn json(files: &[OutputFile], path: &str) -> serde_json::Value {
        serde_json::from_slice(&files.iter().find(|f| f.path == path).unwrap().bytes).unwrap()
    }

    /// term → [(id, weight)], read back from the shards.
    fn postings(files: &[OutputFile]) -> BTreeMap<String, Vec<(u32, u32)>> {
        let mut out = BTreeMap::new();
        for f in files.iter().filter(|f| f.path.starts_with("search/terms/")) {
            let shard: serde_json::Value = serde_json::from_slice(&f.bytes).unwrap();
            for (term, list) in shard["t"].as_array().unwrap().iter().zip(shard["p"].as_array().unwrap()) {
                let mut id = 0;
                let decoded = list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| {
                        let v = v.as_u64().unwrap() as u32;
                        id += v >> 4;
                        (id, v & 15)
                    })
                    .collect();
                out.insert(term.as_str().unwrap().to_string(), decoded);
            }
        }
        out
    }

    #[test]
    fn documents_are_numbered_newest_first_and_terms_weighted() {
        let files = build(&snapshot(vec![
            record("Old defence", Some("2020-01-01"), &["NATO"], "Defence budgets. Defence again."),
            record("About", None, &[], "Who writes here about defence."),
            record("New budget", Some("2024-05-06"), &["NATO", "Economy"], "The budget for defence."),
        ]));
        let docs = json(&files, "search/docs/0.json");
        assert_eq!(docs[0]["title"], "New budget");
        assert_eq!(docs[1]["title"], "Old defence");
        assert_eq!(docs[2]["url"], "/posts/about/");
        assert_eq!(docs.as_array().unwrap().len(), 3);
        let p = postings(&files);
        // New budget: body once; Old defence: title + twice in the body; About: body once.
        assert_eq!(p["defence"], [(0, 1), (1, 8 + 2), (2, 1)]);
        assert_eq!(p["#NATO"], [(0, 0), (1, 0)]);
        assert!(!p.contains_key("the"), "stop words are left out");
        let manifest = json(&files, "search/manifest.json");
        assert_eq!(manifest["years"], serde_json::json!([["2024", 0, 1], ["2020", 1, 2]]));
        assert_eq!(manifest["tags"], serde_json::json!([["Economy", 1], ["NATO", 2]]));
        assert_eq!(manifest["docs"], 3);
    }

    #[test]
    fn shards_are_bounded_in_size_and_cover_the_terms_in_order() {
        // 3,000 distinct words, each in several documents.
        let records: Vec<Record> = (0..60)
            .map(|n| {
                let body: Vec<String> = (0..400).map(|k| format!("w{:05}", (n * 37 + k * 7) % 3000)).collect();
                record(&format!("Post {n}"), Some(&format!("20{:02}-01-01", n % 30)), &[], &body.join(" "))
            })
            .collect();
        let files = build(&snapshot(records));
        let manifest = json(&files, "search/manifest.json");
        let table = manifest["shards"].as_array().unwrap();
        assert!(table.len() > 1, "{}", table.len());
        let firsts: Vec<&str> = table.iter().map(|s| s[0].as_str().unwrap()).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "in order");
        for entry in table {
            let path = format!("search/{}", entry[1].as_str().unwrap());
            let shard = json(&files, &path);
            assert_eq!(shard["t"][0], entry[0]);
            let size = files.iter().find(|f| f.path == path).unwrap().bytes.len();
            assert!(size <= SHARD_BYTES + 64, "{path}: {size}");
        }
        assert_eq!(postings(&files).len(), 3000 + 50 + 1, "w…, the numbers 10–59 (0–9 are too short), `post`");
    }

    #[test]
    fn the_output_does_not_depend_on_the_number_of_threads() {
        let records = || {
            (0..40)
                .map(|n| record(&format!("Post {n}"), Some("2024-01-01"), &["A"], &format!("word{n} common text")))
                .collect::<Vec<_>>()
        };
        let one =
            rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| build(&snapshot(records())));
        let four =
            rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap().install(|| build(&snapshot(records())));
        let pairs = |files: &[OutputFile]| files.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect::<Vec<_>>();
        assert_eq!(pairs(&one), pairs(&four));
    }

    fn pairs(files: &[OutputFile]) -> Vec<(String, Vec<u8>)> {
        files.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect()
    }

    #[test]
    fn a_build_with_a_cache_reads_only_what_changed_and_equals_a_full_build() {
        let mut s = snapshot(
            (0..30)
                .map(|n| {
                    let body = format!("word{n} common text about defence, number {n}.");
                    record(&format!("Post {n}"), Some(&format!("2024-01-{:02}", n % 28 + 1)), &["A"], &body)
                })
                .collect(),
        );
        let mut cache = Cache::default();
        let check = |s: &Snapshot, cache: &mut Cache, analysed: usize, what: &str| {
            let files = build_with(s, cache);
            assert_eq!(pairs(&files), pairs(&build(s)), "{what}: same files as a full build");
            assert_eq!(cache.analysed, analysed, "{what}: documents read again");
            files
        };
        let first = check(&s, &mut cache, 30, "first build");
        check(&s, &mut cache, 0, "nothing changed");
        // The body: a new rendering with other words.
        let edited = record("Post 3", Some("2024-01-04"), &["A"], "Entirely different prose now.");
        s.records[3].html = edited.html;
        let after = check(&s, &mut cache, 1, "body edited");
        assert_ne!(pairs(&after), pairs(&first));
        // A new rendering of the same HTML is not read again.
        s.records[4].html = Arc::new((*s.records[4].html).clone());
        check(&s, &mut cache, 0, "same HTML rendered again");
        s.records[5].title = "A new title".into();
        check(&s, &mut cache, 1, "title edited");
        s.records[6].tags = vec!["B".into(), "A".into()];
        check(&s, &mut cache, 0, "tags edited");
        s.records[7].date = Some("2025-06-01".into());
        s.records[7].year = Some("2025".into());
        check(&s, &mut cache, 0, "date edited");
        s.records.push(record("Brand new", Some("2026-01-01"), &["C"], "Fresh words: zeitgeist."));
        check(&s, &mut cache, 1, "post added");
        s.records.remove(10);
        check(&s, &mut cache, 0, "post deleted");
        // A URL reused by another post with another text.
        s.records[0] = record("Post 0", Some("2024-01-01"), &["A"], "Replaced text.");
        s.records[0].url = s.records[1].url.clone();
        s.records.remove(1);
        check(&s, &mut cache, 1, "URL taken over");
        s.language = "fr".into();
        check(&s, &mut cache, s.records.len(), "language changed");
    }

    #[test]
    fn documents_read_in_chunks_give_the_same_files() {
        let s = snapshot(
            (0..50)
                .map(|n| {
                    let body = format!("word{n} shared words, and word{} from another post.", (n * 7) % 50);
                    record(&format!("Post {n}"), Some(&format!("2024-{:02}-01", n % 12 + 1)), &["A"], &body)
                })
                .collect(),
        );
        let whole = build_in_chunks(&s, &mut Cache::transient(), 1 << 20, &keep).unwrap();
        for chunk in [4, 8, 12, 48] {
            let mut transient = Cache::transient();
            assert_eq!(
                pairs(&build_in_chunks(&s, &mut transient, chunk, &keep).unwrap()),
                pairs(&whole),
                "chunks of {chunk}"
            );
            assert_eq!(transient.entries.len(), 0, "a transient cache keeps nothing");
            let mut kept = Cache::default();
            assert_eq!(
                pairs(&build_in_chunks(&s, &mut kept, chunk, &keep).unwrap()),
                pairs(&whole),
                "chunks of {chunk}, kept"
            );
            assert_eq!((kept.entries.len(), kept.analysed), (50, 50));
        }
    }

    #[test]
    fn posting_lists_hold_every_number_as_pushed() {
        let mut posting = Posting::default();
        let pushed = [(0, 3), (1, 15), (9, 0), (200, 7), (70_000, 1), (70_001, 8), (40_000_000, 15)];
        for (id, weight) in pushed {
            posting.push(id, weight);
        }
        let mut last = 0;
        let expected: Vec<u32> = pushed
            .iter()
            .map(|&(id, weight)| {
                let n = (id - last) * 16 + u32::from(weight);
                last = id;
                n
            })
            .collect();
        assert_eq!(posting.numbers().collect::<Vec<_>>(), expected);
        assert_eq!(posting.len, pushed.len());
        assert!(posting.bytes.len() < pushed.len() * 4, "{} bytes", posting.bytes.len());
    }

    #[test]
    fn a_document_keeps_the_start_of_its_text_and_escapes_nothing_twice() {
        let long = "word ".repeat(1000);
        let files = build(&snapshot(vec![record("<b>T</b> & co", Some("2024-01-01"), &["x, y"], &long)]));
        let doc = &json(&files, "search/docs/0.json")[0];
        assert_eq!(doc["title"], "<b>T</b> & co", "JSON, not HTML: the browser sets it as text");
        assert!(doc["text"].as_str().unwrap().len() <= TEXT_BYTES);
        assert_eq!(doc["tags"], serde_json::json!(["x, y"]));
    }
}
