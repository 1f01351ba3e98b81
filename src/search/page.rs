//! The `/search/` page: rendered from the theme's `search.html` with the URLs its script needs.

use serde::Serialize;

use crate::error::Diagnostic;
use crate::render::seo::{Seo, Subject};
use crate::render::{OutputFile, Shared};

/// Where the page is written, relative to the site's base.
pub const PATH: &str = "search/";

/// What `search.html` sees as `search` (documented in `docs/templates.md`).
#[derive(Serialize)]
struct SearchView {
    /// The index's manifest, `/blog/search/manifest.json`; the rest of the index is found
    /// beside it.
    index: String,
    /// The theme's search script.
    script: String,
}

pub fn render(shared: &Shared<'_>) -> Result<Vec<OutputFile>, Diagnostic> {
    let seo = Seo::new(shared.config, Subject::Page { name: "Search" }, shared.urls.permalink(PATH), None);
    let mut context = shared.context(PATH, &seo);
    let view = SearchView {
        index: shared.urls.path(&format!("{}/manifest.json", super::DIR)),
        script: shared.urls.path("search.js"),
    };
    context.insert("search", &view);
    let file = shared.render("search.html", &context, crate::render::index_file(PATH), "the search page")?;
    Ok(vec![file])
}
