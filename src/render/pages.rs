//! Single pages: posts, standalone pages, the 404 page and redirect pages for aliases.

use super::seo::{Seo, Subject};
use super::views::{self, Link, PageView, term_view};
use super::{OutputFile, Shared, index_file};
use crate::content::Entry;
use crate::error::Diagnostic;

/// A post's own page, `posts/<slug>/index.html`.
pub fn post(shared: &Shared<'_>, i: usize) -> Result<OutputFile, Diagnostic> {
    let lib = shared.library;
    let entry = &lib.posts[i];
    let link =
        |j: usize| Link { title: lib.posts[j].doc.front.title.clone(), path: shared.summaries.list[j].path.clone() };
    let html = entry.rendered.html.read();
    let mut view = page_view(shared, entry, &html, &shared.summaries.list[i], Some(i));
    view.lower = (i + 1 < lib.posts.len()).then(|| link(i + 1));
    view.higher = i.checked_sub(1).map(link);
    view.related = lib.related[i].iter().map(|&j| shared.summaries.values[j].clone()).collect();
    let page = render_page(shared, entry, &view, "post.html");
    drop(view);
    drop(html);
    // The page is the HTML's last reader unless the search index or a feed still needs it.
    entry.rendered.html.read_done();
    page
}

/// A standalone page such as `about/index.html`.
pub fn page(shared: &Shared<'_>, i: usize) -> Result<OutputFile, Diagnostic> {
    let entry = &shared.library.pages[i];
    let summary = views::post_summary(shared.urls, shared.library, entry);
    let html = entry.rendered.html.read();
    let view = page_view(shared, entry, &html, &summary, None);
    render_page(shared, entry, &view, "page.html")
}

fn page_view<'a>(
    shared: &Shared<'a>,
    entry: &'a Entry,
    html: &'a str,
    summary: &'a views::PostSummary,
    post: Option<usize>,
) -> PageView<'a> {
    let kind = if post.is_some() { "post" } else { "page" };
    let doc = &entry.doc;
    let show_toc = doc
        .front
        .toc
        .unwrap_or(entry.rendered.word_count >= shared.config.toc_min_words && toc_len(&entry.rendered.toc) >= 3);
    PageView {
        summary,
        slug: &doc.slug,
        word_count: entry.rendered.word_count,
        content: html,
        toc: &entry.rendered.toc,
        show_toc: show_toc && !entry.rendered.toc.is_empty(),
        updated: doc.updated.as_ref().map(|d| d.rfc3339()),
        updated_iso: doc.updated.as_ref().map(|d| d.iso_date()),
        updated_display: doc.updated.as_ref().map(|d| d.display()),
        categories: doc
            .front
            .categories
            .iter()
            .filter(|c| !c.trim().is_empty())
            .map(|c| term_view(shared.urls, "categories", c))
            .collect(),
        authors: doc.front.authors.clone(),
        image: doc
            .front
            .image
            .as_ref()
            .map(|img| if img.contains("://") { img.clone() } else { shared.urls.permalink(img) }),
        extra: doc.front.extra.as_ref().unwrap_or(&serde_json::Value::Null),
        kind,
        lower: None,
        higher: None,
        related: Vec::new(),
        comments: crate::comments::view(
            &shared.config.comments,
            crate::comments::Subject {
                is_post: kind == "post",
                comments: doc.front.comments,
                comments_id: doc.front.comments_id.as_deref(),
                prompt: doc.front.comments_prompt.as_deref(),
                slug: &doc.slug,
                path: &summary.path,
                permalink: &summary.permalink,
                title: &doc.front.title,
            },
        ),
        argument: super::argument::view(shared, entry, post, &summary.permalink),
    }
}

/// Headings in a table of contents, at every level.
fn toc_len(toc: &[crate::markdown::TocEntry]) -> usize {
    toc.iter().map(|e| 1 + toc_len(&e.children)).sum()
}

fn render_page(
    shared: &Shared<'_>,
    entry: &Entry,
    view: &PageView<'_>,
    default_template: &str,
) -> Result<OutputFile, Diagnostic> {
    let doc = &entry.doc;
    let origin = doc.source.display().to_string();
    let subject = if doc.kind == crate::content::Kind::Post {
        Subject::Article {
            headline: &doc.front.title,
            published: view.summary.date.clone(),
            modified: view.updated.clone(),
            authors: &doc.front.authors,
            tags: view.summary.tags.iter().map(|t| t.name.clone()).collect(),
            image: view.image.clone(),
        }
    } else {
        Subject::Page { name: &doc.front.title }
    };
    let written = doc.front.description.as_deref().filter(|d| !d.trim().is_empty());
    let from_points = super::argument::key_points_description(&doc.front.key_points);
    let description = written.or(from_points.as_deref());
    let mut seo = Seo::new(shared.config, subject, view.summary.permalink.clone(), description);
    seo.noindex = doc.front.draft;
    let mut context = shared.context(&doc.path, &seo);
    context.insert("page", view);
    let template = match &doc.front.template {
        Some(t) if shared.templates.contains(t) => t.as_str(),
        Some(t) => {
            return Err(Diagnostic::new(
                crate::error::Location::file(&doc.source),
                format!("template: no template named `{t}`"),
            )
            .with_help(format!("create templates/{t}, or remove the `template` key to use {default_template}")));
        }
        None => default_template,
    };
    // The text, the table of contents (about as long again as its headings) and the page
    // around them: a post's page is about 9 KB more than its text in the default theme.
    let capacity = view.content.len() + 16 * 1024;
    shared.render_sized(template, &context, index_file(&doc.path), &origin, capacity)
}

pub fn not_found(shared: &Shared<'_>) -> Result<OutputFile, Diagnostic> {
    let seo = Seo::new(shared.config, Subject::NotFound, shared.urls.permalink("404.html"), None);
    let context = shared.context("404.html", &seo);
    shared.render("404.html", &context, "404.html".into(), "the 404 page")
}

/// The redirect page for one alias of a post (`post`) or page.
pub fn alias(shared: &Shared<'_>, post: bool, index: usize, alias: usize) -> Result<OutputFile, Diagnostic> {
    let lib = shared.library;
    let entry = if post { &lib.posts[index] } else { &lib.pages[index] };
    let alias = &entry.doc.aliases[alias];
    let target = shared.urls.permalink(&entry.doc.path);
    let seo = Seo::new(shared.config, Subject::Page { name: &entry.doc.front.title }, target.clone(), None);
    let mut context = shared.context(alias, &seo);
    context.insert("redirect_to", &target);
    context.insert("title", &entry.doc.front.title);
    let origin = format!("alias `{alias}` in {}", entry.doc.source.display());
    shared.render("alias.html", &context, index_file(alias), &origin)
}
