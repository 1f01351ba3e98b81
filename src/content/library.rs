//! The indexed site: posts sorted newest first (drafts and future posts filtered), standalone
//! pages, taxonomy terms with their posts, and related posts. Everything here is computed once
//! per build and shared, read-only, by every renderer.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::document::Document;
use super::slug::slugify;
use crate::markdown::Rendered;

/// A document with its rendered Markdown, shared (not copied) between rebuilds.
#[derive(Debug, Clone)]
pub struct Entry {
    pub doc: Arc<Document>,
    pub rendered: Arc<Rendered>,
    /// Fingerprint of the source file's text: what the page's own content depends on.
    pub source_hash: u64,
}

/// A term of a taxonomy ("NATO" in tags) and the posts that carry it, newest first.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub posts: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// `tags` or `categories`.
    pub name: String,
    /// Sorted by slug.
    pub terms: Vec<Term>,
    /// Each label as the posts write it (trimmed) → its term in `terms`: lists and pages find a
    /// post's terms without making slugs again (some 25,000 labels at 10,000 posts).
    by_label: FxHashMap<String, usize>,
}

#[derive(Debug)]
pub struct Library {
    pub posts: Vec<Entry>,
    pub pages: Vec<Entry>,
    pub taxonomies: Vec<Taxonomy>,
    /// For each post, up to [`RELATED_MAX`] related posts (indices into `posts`).
    pub related: Vec<Vec<usize>>,
    /// Posts grouped by `series:` ([`super::series`]).
    pub series: super::series::SeriesIndex,
    /// `0..posts.len()`: every post, newest first, as the lists of the home pages and the site's
    /// feed take them (made once, not once per page).
    pub all: Vec<usize>,
}

pub const RELATED_MAX: usize = 3;

impl Library {
    /// Sorts and indexes. `posts` and `pages` are already filtered (drafts, future).
    pub fn new(mut posts: Vec<Entry>, mut pages: Vec<Entry>, taxonomy_names: &[String]) -> Library {
        // Newest first; ties broken by slug so output never depends on read order.
        posts.sort_by(|a, b| {
            let (da, db) = (a.doc.date.as_ref().map(|d| d.timestamp()), b.doc.date.as_ref().map(|d| d.timestamp()));
            db.cmp(&da).then_with(|| a.doc.slug.cmp(&b.doc.slug))
        });
        pages.sort_by(|a, b| a.doc.path.cmp(&b.doc.path));
        let taxonomies: Vec<Taxonomy> = taxonomy_names.iter().map(|name| build_taxonomy(name, &posts)).collect();
        let related = match taxonomies.iter().find(|t| t.name == "tags") {
            Some(tags) => related_posts(&posts, tags),
            None => vec![Vec::new(); posts.len()],
        };
        let series = super::series::index(&posts);
        let all = (0..posts.len()).collect();
        Library { posts, pages, taxonomies, related, series, all }
    }

    pub fn taxonomy(&self, name: &str) -> Option<&Taxonomy> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

impl Taxonomy {
    /// The term with this slug (terms are sorted by slug).
    pub fn term(&self, slug: &str) -> Option<&Term> {
        self.terms.binary_search_by(|t| t.slug.as_str().cmp(slug)).ok().map(|i| &self.terms[i])
    }

    /// The term a label written in front matter belongs to (`" NATO "`, `nato` and `NATO` all
    /// name the term `nato`). `None` for a blank label or one no post of the library carries.
    pub fn term_of(&self, label: &str) -> Option<&Term> {
        let label = label.trim();
        if label.is_empty() {
            return None;
        }
        match self.by_label.get(label) {
            Some(&i) => Some(&self.terms[i]),
            None => self.term(&slugify(label)),
        }
    }
}

/// The terms a post carries for a taxonomy.
pub fn terms_of<'a>(doc: &'a Document, taxonomy: &str) -> &'a [String] {
    match taxonomy {
        "tags" => &doc.front.tags,
        "categories" => &doc.front.categories,
        _ => &[],
    }
}

fn build_taxonomy(name: &str, posts: &[Entry]) -> Taxonomy {
    // Labels repeat from post to post: each distinct one is made a slug once.
    let mut slug_of: FxHashMap<&str, String> = FxHashMap::default();
    let mut by_slug: FxHashMap<String, Term> = FxHashMap::default();
    for (i, post) in posts.iter().enumerate() {
        for raw in terms_of(&post.doc, name) {
            let label = raw.trim();
            if label.is_empty() {
                continue;
            }
            let slug = slug_of.entry(label).or_insert_with(|| slugify(label));
            let term = match by_slug.get_mut(slug.as_str()) {
                Some(term) => term,
                // The first spelling met (newest post) names the term: deterministic, since
                // posts are sorted.
                None => by_slug.entry(slug.clone()).or_insert_with(|| Term {
                    name: label.to_string(),
                    slug: slug.clone(),
                    posts: Vec::new(),
                }),
            };
            if term.posts.last() != Some(&i) {
                term.posts.push(i);
            }
        }
    }
    let mut terms: Vec<Term> = by_slug.into_values().collect();
    terms.sort_by(|a, b| a.slug.cmp(&b.slug));
    let by_label = slug_of
        .into_iter()
        .map(|(label, slug)| {
            let at = terms.binary_search_by(|t| t.slug.cmp(&slug)).expect("every label's term is listed");
            (label.to_string(), at)
        })
        .collect();
    Taxonomy { name: name.to_string(), terms, by_label }
}

/// How far, in each shared tag's list of posts, related posts are looked for on either side.
/// Bounding the window keeps the work linear in the number of posts (a tag carried by half of a
/// 50,000-post blog would otherwise make it quadratic) and favours posts close in time.
pub const RELATED_WINDOW: usize = 64;

/// Related posts: among the posts within [`RELATED_WINDOW`] of this one in each tag it carries,
/// those sharing the most tags, then the closest in date, then the newer.
fn related_posts(posts: &[Entry], tags: &Taxonomy) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    (0..posts.len())
        .into_par_iter()
        .map(|i| {
            let mut terms: Vec<&Term> = posts[i].doc.front.tags.iter().filter_map(|t| tags.term_of(t)).collect();
            terms.sort_by(|a, b| a.slug.cmp(&b.slug));
            terms.dedup_by(|a, b| a.slug == b.slug);
            // Each term's posts are in index order, so the post's own place is a binary search
            // away, and each window is sorted.
            let windows: Vec<&[usize]> = terms
                .iter()
                .map(|term| {
                    let at = term.posts.binary_search(&i).unwrap_or_else(|p| p);
                    let from = at.saturating_sub(RELATED_WINDOW);
                    let to = (at + RELATED_WINDOW + 1).min(term.posts.len());
                    &term.posts[from..to]
                })
                .collect();
            closest_sharing_most(i, &windows)
        })
        .collect()
}

/// The [`RELATED_MAX`] posts met in most of the sorted `windows` (a post met in k of them
/// shares at least k tags with post `i`), the closer to `i` first between equals, then the
/// lower index: the windows are merged in one pass, and only the best few kept.
fn closest_sharing_most(i: usize, windows: &[&[usize]]) -> Vec<usize> {
    // (-count, distance, index): the smallest is the best.
    let mut best: Vec<(i64, usize, usize)> = Vec::with_capacity(RELATED_MAX + 1);
    let mut heads = vec![0usize; windows.len()];
    loop {
        let next = windows.iter().zip(&heads).filter_map(|(w, &h)| w.get(h)).min();
        let Some(&j) = next else { break };
        let mut count = 0;
        for (w, h) in windows.iter().zip(heads.iter_mut()) {
            if w.get(*h) == Some(&j) {
                count += 1;
                *h += 1;
            }
        }
        if j == i {
            continue;
        }
        let candidate = (-count, j.abs_diff(i), j);
        if best.len() < RELATED_MAX || candidate < best[best.len() - 1] {
            let at = best.partition_point(|b| *b < candidate);
            best.insert(at, candidate);
            best.truncate(RELATED_MAX);
        }
    }
    best.iter().map(|&(_, _, j)| j).collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::content::document;

    fn post(n: usize, tags: &str) -> Entry {
        let text = format!("---\ntitle: P{n}\ndate: 2025-01-01T00:{:02}:{:02}Z\ntags: [{tags}]\n---\n", n / 60, n % 60);
        let doc = document::parse(Path::new(&format!("content/posts/p{n}.md")), &text).unwrap();
        let options = crate::markdown::Options {
            base_path: "",
            site_host: "",
            words_per_minute: 200,
            data: None,
            highlight: None,
        };
        let rendered = crate::markdown::render("", &options);
        Entry { source_hash: doc.source_hash, doc: Arc::new(doc), rendered: Arc::new(rendered) }
    }

    /// The windows' posts counted and sorted in full: what [`closest_sharing_most`] must give.
    fn ranked_in_full(i: usize, windows: &[&[usize]]) -> Vec<usize> {
        let mut near: Vec<usize> = windows.iter().flat_map(|w| w.iter().copied()).filter(|&j| j != i).collect();
        near.sort_unstable();
        let mut seen: Vec<(usize, u32)> = Vec::new();
        for j in near {
            match seen.last_mut() {
                Some((k, count)) if *k == j => *count += 1,
                _ => seen.push((j, 1)),
            }
        }
        seen.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.abs_diff(i).cmp(&b.0.abs_diff(i))).then(a.0.cmp(&b.0)));
        seen.iter().take(RELATED_MAX).map(|&(j, _)| j).collect()
    }

    proptest::proptest! {
        #[test]
        fn the_merged_windows_rank_as_a_full_sort_does(
            i in 0usize..60,
            windows in proptest::collection::vec(proptest::collection::btree_set(0usize..60, 0..20), 0..5),
        ) {
            let windows: Vec<Vec<usize>> = windows.into_iter().map(|w| w.into_iter().collect()).collect();
            let slices: Vec<&[usize]> = windows.iter().map(Vec::as_slice).collect();
            proptest::prop_assert_eq!(closest_sharing_most(i, &slices), ranked_in_full(i, &slices));
        }
    }

    #[test]
    fn related_posts_share_tags_and_hold_no_more_than_their_ids() {
        // 300 posts under two tags: every post has hundreds of candidates.
        let posts: Vec<Entry> = (0..300).map(|n| post(n, if n % 3 == 0 { "a, b" } else { "a" })).collect();
        let library = Library::new(posts, Vec::new(), &["tags".to_string()]);
        for (i, related) in library.related.iter().enumerate() {
            assert_eq!(related.len(), RELATED_MAX);
            assert!(!related.contains(&i));
            // Kept for every post of the site until the build ends: no spare room.
            assert!(related.capacity() <= RELATED_MAX, "post {i}: capacity {}", related.capacity());
        }
        // A post with both tags is related first to posts with both.
        let both = library.posts.iter().position(|e| e.doc.front.tags.len() == 2).unwrap();
        assert!(library.related[both].iter().all(|&j| library.posts[j].doc.front.tags.len() == 2));
    }

    #[test]
    fn labels_find_their_term_however_they_are_written() {
        // Newest first: the third post is 0, the second 1 and names the terms, the first 2.
        let posts =
            vec![post(0, "\" middle east \", nato, \"\""), post(1, "\"Middle East\", NATO"), post(2, "Untitled")];
        let library = Library::new(posts, Vec::new(), &["tags".to_string()]);
        let tags = library.taxonomy("tags").unwrap();
        let slugs: Vec<&str> = tags.terms.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["middle-east", "nato", "untitled"]);
        for label in ["Middle East", " middle east ", "MIDDLE EAST", "middle-east"] {
            assert_eq!(tags.term_of(label).map(|t| t.name.as_str()), Some("Middle East"), "{label:?}");
        }
        assert_eq!(tags.term_of("nato").unwrap().name, "NATO");
        assert_eq!(tags.term_of("nato").unwrap().posts, [1, 2]);
        assert!(tags.term_of("  ").is_none());
        assert!(tags.term_of("Baltic").is_none());
        // A blank tag is no tag: it does not make the first post a relative of `Untitled`'s.
        assert_eq!(library.related[2], [1]);
    }
}
