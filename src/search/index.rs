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
use rustc_hash::{FxHashMap, FxHashSet};
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
    build_with(snapshot, &mut Cache::default())
}

/// What one build of the index keeps for the next, so that the next reads again only the
/// documents whose text or title changed (`folio serve` keeps one between saves). The cache
/// never changes the output: a document's analysis is reused only when its HTML and title are
/// those it was made from, and the language is the same.
#[derive(Default)]
pub struct Cache {
    language: String,
    /// By URL.
    entries: FxHashMap<String, Cached>,
    /// How many documents the last build analysed (the others came from the cache).
    pub analysed: usize,
}

impl Cache {
    /// About how many bytes of memory the kept analyses take.
    pub fn bytes(&self) -> usize {
        self.entries
            .iter()
            .map(|(url, c)| {
                let a = &c.analysed;
                url.capacity()
                    + c.title.capacity()
                    + a.text.capacity()
                    + a.words.capacity()
                    + a.terms.capacity() * std::mem::size_of::<Term>()
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
/// build's documents.
pub fn build_with(snapshot: &Snapshot, cache: &mut Cache) -> Vec<OutputFile> {
    let mut records: Vec<&Record> = snapshot.records.iter().collect();
    // Newest first; undated last; the URL decides between equals, so ids are stable.
    records.sort_by(|a, b| b.date.is_some().cmp(&a.date.is_some()).then(b.date.cmp(&a.date)).then(a.url.cmp(&b.url)));
    let stop: &[&str] = tokens::stop_words(&snapshot.language);
    if cache.language != snapshot.language {
        cache.entries.clear();
        cache.language.clone_from(&snapshot.language);
    }

    // Each document's text and terms with their weights, in parallel, for those the cache does
    // not hold.
    let stop_set = StopWords::new(stop);
    let analysed: Vec<Arc<Analysed>> = records
        .par_iter()
        .map(|r| match cache.entries.get(&r.url) {
            Some(cached) if cached.holds(r) => cached.analysed.clone(),
            _ => Arc::new(analyse(r, &stop_set)),
        })
        .collect();
    cache.analysed = 0;
    let mut entries = FxHashMap::with_capacity_and_hasher(records.len(), Default::default());
    for (record, analysed) in records.iter().zip(&analysed) {
        let reused = cache.entries.get(&record.url).is_some_and(|c| Arc::ptr_eq(&c.analysed, analysed));
        cache.analysed += usize::from(!reused);
        entries.insert(
            record.url.clone(),
            Cached { html: record.html.clone(), title: record.title.clone(), analysed: analysed.clone() },
        );
    }
    cache.entries = entries;

    // Each partition of the terms gathers its posting lists on a thread; documents are visited
    // in id order, so every list comes out sorted.
    let mut postings: Vec<(&str, Vec<u32>)> = (0..PARTITIONS)
        .into_par_iter()
        .flat_map_iter(|p| {
            let mut map: FxHashMap<&str, (u32, Vec<u32>)> = FxHashMap::default();
            for (id, doc) in analysed.iter().enumerate() {
                let id = id as u32;
                for term in &doc.terms[doc.partitions[p] as usize..doc.partitions[p + 1] as usize] {
                    let word = &doc.words[term.start as usize..(term.start + u32::from(term.len)) as usize];
                    let (last, list) = map.entry(word).or_insert_with(|| (0, Vec::new()));
                    list.push((id - *last) * 16 + u32::from(term.weight));
                    *last = id;
                }
            }
            map.into_iter().map(|(term, (_, list))| (term, list))
        })
        .collect();
    // Tags: `#Tag`, weight 0.
    let mut tags: BTreeMap<&str, (u32, Vec<u32>)> = BTreeMap::new();
    for (id, record) in records.iter().enumerate() {
        for tag in &record.tags {
            let (last, list) = tags.entry(tag.as_str()).or_insert_with(|| (0, Vec::new()));
            if list.is_empty() || *last != id as u32 {
                list.push((id as u32 - *last) * 16);
                *last = id as u32;
            }
        }
    }
    let tag_counts: Vec<(&str, usize)> = tags.iter().map(|(t, (_, l))| (*t, l.len())).collect();
    let tag_terms: Vec<String> = tags.keys().map(|t| format!("#{t}")).collect();
    postings.extend(tag_terms.iter().zip(tags.values()).map(|(t, (_, list))| (t.as_str(), list.clone())));
    postings.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

    let mut files = shards(&postings);
    let shard_table: Vec<(&str, String)> =
        files.iter().map(|(first, file)| (first.as_str(), file.path[DIR.len() + 1..].to_string())).collect();

    let docs: Vec<OutputFile> = records
        .par_chunks(DOCS_PER_FILE)
        .zip(analysed.par_chunks(DOCS_PER_FILE))
        .enumerate()
        .map(|(n, (records, analysed))| doc_file(n, records, analysed))
        .collect();

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
    let doc_hashes: Vec<u64> = docs.par_iter().map(|f| fingerprint(&f.bytes)).collect();
    manifest.version = format!("{:016x}", fingerprint((&manifest.shards, &manifest.tags, &manifest.years, doc_hashes)));
    let manifest = OutputFile {
        path: format!("{DIR}/manifest.json"),
        bytes: serde_json::to_vec(&manifest).expect("plain data"),
        origin: ORIGIN.into(),
    };
    let mut out: Vec<OutputFile> = Vec::with_capacity(files.len() + docs.len() + 1);
    out.push(manifest);
    out.extend(files.drain(..).map(|(_, f)| f));
    out.extend(docs);
    out
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
    /// Its distinct words, one after the other.
    words: String,
    /// Its terms, grouped by partition: `terms[partitions[p]..partitions[p + 1]]`.
    terms: Vec<Term>,
    partitions: [u32; PARTITIONS + 1],
}

struct Term {
    start: u32,
    len: u8,
    weight: u8,
}

/// Reads a document's text and counts its terms. The words are gathered in one string first, so
/// that counting them allocates nothing per word.
fn analyse(record: &Record, stop: &StopWords) -> Analysed {
    let text = text::plain_text(&record.html.html);
    // term → (in the title, times in the body). Words that are pieces of the text (most) are
    // counted without being copied; a word made by lower-casing or folding is copied the first
    // time it is seen.
    let mut counts: FxHashMap<Cow<'_, str>, (bool, u32)> = FxHashMap::with_capacity_and_hasher(512, Default::default());
    tokens::each_word_of(&record.title, |w| count_word(&mut counts, stop, w, true));
    tokens::each_word_of(&text, |w| count_word(&mut counts, stop, w, false));
    let mut words = String::with_capacity(counts.len() * 8);
    let mut terms: Vec<(usize, Term)> = counts
        .into_iter()
        .map(|(word, (title, body))| {
            let term = Term {
                start: words.len() as u32,
                len: word.len() as u8,
                weight: if title { TITLE } else { 0 } + body_weight(body),
            };
            words.push_str(&word);
            ((fingerprint(&*word) as usize) % PARTITIONS, term)
        })
        .collect();
    terms.sort_unstable_by_key(|(p, t)| (*p, t.start));
    let mut partitions = [0u32; PARTITIONS + 1];
    for (p, _) in &terms {
        partitions[p + 1] += 1;
    }
    for p in 0..PARTITIONS {
        partitions[p + 1] += partitions[p];
    }
    let text = text::excerpt(text::prefix(&text, TEXT_BYTES * 2), TEXT_BYTES);
    Analysed { text, words, terms: terms.into_iter().map(|(_, t)| t).collect(), partitions }
}

/// The stop words, looked up only for words no longer than the longest of them (most words are
/// longer, and need no hashing).
struct StopWords<'a> {
    set: FxHashSet<&'a str>,
    longest: usize,
}

impl<'a> StopWords<'a> {
    fn new(words: &[&'a str]) -> StopWords<'a> {
        StopWords { set: words.iter().copied().collect(), longest: words.iter().map(|w| w.len()).max().unwrap_or(0) }
    }

    fn holds(&self, word: &str) -> bool {
        word.len() <= self.longest && self.set.contains(word)
    }
}

/// Counts one word of a document (see [`analyse`]).
fn count_word<'a>(
    counts: &mut FxHashMap<Cow<'a, str>, (bool, u32)>,
    stop: &StopWords,
    word: tokens::Word<'a, '_>,
    title: bool,
) {
    let s = word.as_str();
    if !tokens::indexable(s) || stop.holds(s) {
        return;
    }
    let entry = match counts.get_mut(s) {
        Some(entry) => entry,
        None => counts
            .entry(match word {
                tokens::Word::Text(t) => Cow::Borrowed(t),
                tokens::Word::Made(m) => Cow::Owned(m.to_string()),
            })
            .or_default(),
    };
    if title {
        entry.0 = true;
    } else {
        entry.1 += 1;
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
fn shards(postings: &[(&str, Vec<u32>)]) -> Vec<(String, OutputFile)> {
    let encoded: Vec<(String, String)> = postings
        .par_iter()
        .map(|(term, list)| {
            let mut buf = itoa::Buffer::new();
            let mut out = String::with_capacity(list.len() * 4 + 2);
            out.push('[');
            for (k, n) in list.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                out.push_str(buf.format(*n));
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
    fn a_document_keeps_the_start_of_its_text_and_escapes_nothing_twice() {
        let long = "word ".repeat(1000);
        let files = build(&snapshot(vec![record("<b>T</b> & co", Some("2024-01-01"), &["x, y"], &long)]));
        let doc = &json(&files, "search/docs/0.json")[0];
        assert_eq!(doc["title"], "<b>T</b> & co", "JSON, not HTML: the browser sets it as text");
        assert!(doc["text"].as_str().unwrap().len() <= TEXT_BYTES);
        assert_eq!(doc["tags"], serde_json::json!(["x, y"]));
    }
}
