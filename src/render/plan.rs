//! Planning: every output of the site as a [`Planned`] job with a fingerprint of everything it
//! depends on — the posts it shows, the templates it uses (through `extends` and `include`),
//! the site-wide values. A job whose fingerprint did not change since the last build renders
//! the same bytes, so `folio serve` skips it; that is what makes rebuilds incremental.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::lists::{self, ListJob};
use super::{Job, Shared};

/// A job and the fingerprint of its inputs. `id` is the job's main output path.
#[derive(Debug, Clone)]
pub struct Planned {
    pub id: String,
    pub key: u64,
    pub job: Job,
}

/// Hashes a sequence of hashable values into a fingerprint.
pub fn fingerprint(parts: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    parts.hash(&mut h);
    h.finish()
}

/// Every job of the site, in a deterministic order.
pub fn plan(shared: &Shared<'_>) -> Vec<Planned> {
    let lib = shared.library;
    let g = shared.globals_key;
    let t = |name: &str| shared.templates.fingerprint(name);
    let sk = shared.summaries.keys.as_slice();
    // Planning runs on every save in `folio serve`: the posts, most of the jobs, in parallel.
    let mut out: Vec<Planned> = lib
        .posts
        .par_iter()
        .enumerate()
        .map(|(i, post)| {
            let template = post.doc.front.template.as_deref().unwrap_or("post.html");
            let neighbours = (i.checked_sub(1).map(|j| sk[j]), sk.get(i + 1));
            let related: Vec<u64> = lib.related[i].iter().map(|&j| sk[j]).collect();
            // Every part of a series shows the others' titles and links.
            let series = lib.series.of(i).map(|(s, _)| (&s.name, s.parts.iter().map(|&j| sk[j]).collect::<Vec<u64>>()));
            let key = fingerprint((g, t(template), post.source_hash, sk[i], neighbours, related, series));
            Planned { id: super::index_file(&post.doc.path), key, job: Job::Post(i) }
        })
        .collect();
    out.reserve(lib.pages.len() + 64);
    for (i, page) in lib.pages.iter().enumerate() {
        let template = page.doc.front.template.as_deref().unwrap_or("page.html");
        let key = fingerprint((g, t(template), page.source_hash));
        out.push(Planned { id: super::index_file(&page.doc.path), key, job: Job::Page(i) });
    }
    for list in lists::jobs(shared) {
        let (id, key) = list_key(shared, &list);
        out.push(Planned { id, key, job: Job::Lists(list) });
    }
    let feed_templates = (t("feeds/atom.xml"), t("feeds/rss.xml"));
    let feed_key = |posts: &[usize], title: &str| {
        let limit = shared.config.feeds.limit.min(posts.len());
        let entries: Vec<(u64, u64)> = posts[..limit].iter().map(|&i| (sk[i], lib.posts[i].source_hash)).collect();
        fingerprint((g, feed_templates, title, entries))
    };
    let all = &lib.all;
    out.push(Planned { id: "atom.xml".into(), key: feed_key(all, ""), job: Job::Feed(None) });
    for (ti, tax) in lib.taxonomies.iter().enumerate() {
        for (i, term) in tax.terms.iter().enumerate() {
            let id = format!("{}/{}/atom.xml", tax.name, term.slug);
            out.push(Planned { id, key: feed_key(&term.posts, &term.name), job: Job::Feed(Some((ti, i))) });
        }
    }
    // The sitemap shows each address and its last-modified date, so an edit to a post's text
    // alone leaves it as it is.
    let sitemap: Vec<(&str, Option<jiff::civil::Date>)> = lib
        .posts
        .iter()
        .chain(&lib.pages)
        .map(|e| (e.doc.path.as_str(), e.doc.updated.as_ref().or(e.doc.date.as_ref()).map(|d| d.zoned.date())))
        .collect();
    let terms: Vec<(&str, usize)> =
        lib.taxonomies.iter().flat_map(|t| t.terms.iter().map(|term| (term.slug.as_str(), term.posts.len()))).collect();
    out.push(Planned { id: "sitemap.xml".into(), key: fingerprint((g, sitemap, terms)), job: Job::Sitemap });
    out.push(Planned { id: "404.html".into(), key: fingerprint((g, t("404.html"))), job: Job::NotFound });
    if shared.config.search.enabled {
        let id = super::index_file(crate::search::page::PATH);
        out.push(Planned { id, key: fingerprint((g, t("search.html"))), job: Job::Search });
    }
    for (kind, entries) in [(true, &lib.posts), (false, &lib.pages)] {
        for (i, entry) in entries.iter().enumerate() {
            for (a, alias) in entry.doc.aliases.iter().enumerate() {
                let key = fingerprint((g, t("alias.html"), alias, &entry.doc.path, &entry.doc.front.title));
                out.push(Planned {
                    id: super::index_file(alias),
                    key,
                    job: Job::Alias { post: kind, index: i, alias: a },
                });
            }
        }
    }
    out
}

fn list_key(shared: &Shared<'_>, list: &ListJob) -> (String, u64) {
    let lib = shared.library;
    let g = shared.globals_key;
    let t = |name: &str| shared.templates.fingerprint(name);
    let sk = &shared.summaries.keys;
    let per = shared.config.paginate;
    let slice = |posts: &[usize], page: usize| -> Vec<u64> {
        let start = ((page - 1) * per).min(posts.len());
        posts[start..(start + per).min(posts.len())].iter().map(|&i| sk[i]).collect()
    };
    match list {
        ListJob::Home { page } => {
            // The home pages list every post in order: page n shows posts (n-1)*per.. directly.
            let count = lib.posts.len();
            let total = lists::page_count(count, per);
            let start = ((page - 1) * per).min(count);
            let shown = &sk[start..(start + per).min(count)];
            let id = super::index_file(&lists::pager_rel("", *page));
            (id, fingerprint((g, t("index.html"), page, total, shown)))
        }
        ListJob::TaxonomyIndex { taxonomy } => {
            let tax = &lib.taxonomies[*taxonomy];
            let terms: Vec<(&str, &str, usize)> =
                tax.terms.iter().map(|x| (x.name.as_str(), x.slug.as_str(), x.posts.len())).collect();
            (format!("{}/index.html", tax.name), fingerprint((g, t("taxonomy_list.html"), terms)))
        }
        ListJob::Term { taxonomy, term, page } => {
            let tax = &lib.taxonomies[*taxonomy];
            let x = &tax.terms[*term];
            let total = lists::page_count(x.posts.len(), per);
            let id = super::index_file(&lists::pager_rel(&format!("{}/{}/", tax.name, x.slug), *page));
            let key = fingerprint((
                g,
                t("taxonomy_single.html"),
                &x.name,
                x.posts.len(),
                page,
                total,
                slice(&x.posts, *page),
            ));
            (id, key)
        }
        ListJob::Archive => {
            let years: Vec<(i16, u64)> = lib
                .posts
                .iter()
                .enumerate()
                .map(|(i, p)| (p.doc.date.as_ref().map_or(0, |d| d.year()), sk[i]))
                .collect();
            ("archive/index.html".into(), fingerprint((g, t("archive.html"), years)))
        }
    }
}
