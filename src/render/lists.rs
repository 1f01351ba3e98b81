//! List pages: the paginated home page, taxonomy indexes and term pages, and the archive.
//! Lists are built from the shared post summaries, never from the posts themselves.

use serde::Serialize;
use tera::Value;

use super::seo::{Seo, Subject};
use super::{OutputFile, Shared, index_file};
use crate::error::Diagnostic;

#[derive(Debug, Clone)]
pub enum ListJob {
    Home { page: usize },
    TaxonomyIndex { taxonomy: usize },
    Term { taxonomy: usize, term: usize, page: usize },
    Archive,
}

pub fn taxonomy_title(name: &str) -> &'static str {
    match name {
        "categories" => "Categories",
        _ => "Tags",
    }
}

pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Every list page of the site.
pub fn jobs(shared: &Shared<'_>) -> Vec<ListJob> {
    let per = shared.config.paginate;
    let lib = shared.library;
    let mut jobs: Vec<ListJob> = (1..=page_count(lib.posts.len(), per)).map(|page| ListJob::Home { page }).collect();
    for (t, tax) in lib.taxonomies.iter().enumerate() {
        jobs.push(ListJob::TaxonomyIndex { taxonomy: t });
        for (i, term) in tax.terms.iter().enumerate() {
            jobs.extend((1..=page_count(term.posts.len(), per)).map(|page| ListJob::Term {
                taxonomy: t,
                term: i,
                page,
            }));
        }
    }
    jobs.push(ListJob::Archive);
    jobs
}

#[derive(Serialize)]
struct Paginator {
    pages: Vec<Value>,
    current_index: usize,
    number_pagers: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
    total_items: usize,
}

/// `base` is `""` for home or `tags/nato/`; page 1 lives at the base, page n at `base/page/n/`.
pub fn pager_rel(base: &str, page: usize) -> String {
    if page <= 1 { base.to_string() } else { format!("{base}page/{page}/") }
}

fn paginator(shared: &Shared<'_>, posts: &[usize], base: &str, page: usize) -> Paginator {
    let per = shared.config.paginate;
    let total = page_count(posts.len(), per);
    let start = (page - 1) * per;
    let slice = &posts[start.min(posts.len())..(start + per).min(posts.len())];
    let path = |p: usize| shared.urls.path(&pager_rel(base, p));
    Paginator {
        pages: slice.iter().map(|&i| shared.summaries.values[i].clone()).collect(),
        current_index: page,
        number_pagers: total,
        first: path(1),
        last: path(total),
        previous: (page > 1).then(|| path(page - 1)),
        next: (page < total).then(|| path(page + 1)),
        total_items: posts.len(),
    }
}

pub fn render(shared: &Shared<'_>, job: &ListJob) -> Result<Vec<OutputFile>, Diagnostic> {
    let lib = shared.library;
    let urls = shared.urls;
    match job {
        ListJob::Home { page } => {
            let all = &lib.all;
            let rel = pager_rel("", *page);
            let subject =
                if *page == 1 { Subject::Home } else { Subject::Collection { name: &format!("Page {page}") } };
            let seo = Seo::new(shared.config, subject, urls.permalink(&rel), None);
            let mut c = shared.context(&rel, &seo);
            c.insert("paginator", &paginator(shared, all, "", *page));
            Ok(vec![shared.render("index.html", &c, index_file(&rel), "the home page")?])
        }
        ListJob::TaxonomyIndex { taxonomy } => {
            let tax = &lib.taxonomies[*taxonomy];
            let rel = format!("{}/", tax.name);
            let title = taxonomy_title(&tax.name);
            let seo = Seo::new(shared.config, Subject::Collection { name: title }, urls.permalink(&rel), None);
            let mut c = shared.context(&rel, &seo);
            c.insert("taxonomy", &taxonomy_view(shared, &tax.name));
            let terms: Vec<TermWithCount> = tax.terms.iter().map(|t| term_with_count(shared, &tax.name, t)).collect();
            c.insert("terms", &terms);
            Ok(vec![shared.render("taxonomy_list.html", &c, index_file(&rel), &format!("the {} index", tax.name))?])
        }
        ListJob::Term { taxonomy, term, page } => {
            let tax = &lib.taxonomies[*taxonomy];
            let t = &tax.terms[*term];
            let base = format!("{}/{}/", tax.name, t.slug);
            let rel = pager_rel(&base, *page);
            let name = format!("{}: {}", taxonomy_title(&tax.name).trim_end_matches('s'), t.name);
            let seo = Seo::new(shared.config, Subject::Collection { name: &name }, urls.permalink(&rel), None);
            let mut c = shared.context(&rel, &seo);
            c.insert("taxonomy", &taxonomy_view(shared, &tax.name));
            c.insert("term", &term_with_count(shared, &tax.name, t));
            c.insert("paginator", &paginator(shared, &t.posts, &base, *page));
            c.insert(
                "feed_links",
                &super::feeds::links(shared.config, urls, &base, &format!("{} — {}", t.name, shared.config.title)),
            );
            Ok(vec![shared.render(
                "taxonomy_single.html",
                &c,
                index_file(&rel),
                &format!("the page of {} `{}`", tax.name, t.name),
            )?])
        }
        ListJob::Archive => {
            let seo =
                Seo::new(shared.config, Subject::Collection { name: "Archive" }, urls.permalink("archive/"), None);
            let mut c = shared.context("archive/", &seo);
            c.insert("years", &archive_years(shared));
            Ok(vec![shared.render("archive.html", &c, "archive/index.html".into(), "the archive")?])
        }
    }
}

#[derive(Serialize)]
struct TermWithCount {
    name: String,
    slug: String,
    path: String,
    permalink: String,
    count: usize,
    feed_path: Option<String>,
}

fn term_with_count(shared: &Shared<'_>, taxonomy: &str, t: &crate::content::Term) -> TermWithCount {
    let rel = format!("{taxonomy}/{}/", t.slug);
    let feeds = &shared.config.feeds;
    let feed = if feeds.atom {
        Some("atom.xml")
    } else if feeds.rss {
        Some("rss.xml")
    } else {
        None
    };
    TermWithCount {
        name: t.name.clone(),
        slug: t.slug.clone(),
        path: shared.urls.path(&rel),
        permalink: shared.urls.permalink(&rel),
        count: t.posts.len(),
        feed_path: feed.map(|f| shared.urls.path(&format!("{rel}{f}"))),
    }
}

fn taxonomy_view(shared: &Shared<'_>, name: &str) -> serde_json::Value {
    serde_json::json!({ "name": name, "title": taxonomy_title(name), "path": shared.urls.path(&format!("{name}/")) })
}

#[derive(Serialize)]
struct Year {
    year: i16,
    pages: Vec<Value>,
}

fn archive_years(shared: &Shared<'_>) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for (i, post) in shared.library.posts.iter().enumerate() {
        let year = post.doc.date.as_ref().map_or(0, |d| d.year());
        match years.last_mut() {
            Some(y) if y.year == year => y.pages.push(shared.summaries.values[i].clone()),
            _ => years.push(Year { year, pages: vec![shared.summaries.values[i].clone()] }),
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_paths() {
        assert_eq!(pager_rel("", 1), "");
        assert_eq!(pager_rel("", 3), "page/3/");
        assert_eq!(pager_rel("tags/nato/", 2), "tags/nato/page/2/");
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(21, 10), 3);
    }
}
