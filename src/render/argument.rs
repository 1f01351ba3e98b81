//! Template views of a post's argument structure — key points, updates and corrections,
//! sources, its series, and how to cite it — flattened into `page` (see `docs/templates.md`),
//! plus the plain-text fallbacks that key points give to summaries and meta descriptions.

use serde::Serialize;

use super::Shared;
use super::cite::{self, Citation};
use super::views::{Link, escape_html};
use crate::content::Entry;
use crate::content::argument::{Text, UpdateKind};

#[derive(Debug, Clone, Serialize)]
pub struct UpdateView<'a> {
    pub date: String,
    pub date_iso: String,
    pub date_display: String,
    /// `update` or `correction`.
    pub kind: &'static str,
    pub note: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView<'a> {
    pub number: usize,
    /// `source-3`: the target of `[[source:3]]`.
    pub id: String,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date_iso: Option<String>,
    pub date_display: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesPart {
    pub number: usize,
    pub title: String,
    pub path: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    pub name: String,
    pub slug: String,
    /// 1-based place of this post among the published parts.
    pub part: usize,
    pub total: usize,
    pub parts: Vec<SeriesPart>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// The fields this module adds to `page`.
#[derive(Debug, Clone, Serialize)]
pub struct ArgumentView<'a> {
    pub key_points: &'a [Text],
    /// Newest first.
    pub updates: Vec<UpdateView<'a>>,
    pub has_corrections: bool,
    pub sources: Vec<SourceView<'a>>,
    pub series: Option<SeriesView>,
    /// Posts only.
    pub cite: Option<Citation>,
}

/// The view for `entry`; `post` is its index among the posts (`None` for a standalone page).
pub fn view<'a>(shared: &Shared<'_>, entry: &'a Entry, post: Option<usize>, permalink: &str) -> ArgumentView<'a> {
    let front = &entry.doc.front;
    let mut updates: Vec<UpdateView<'a>> = front
        .updates
        .iter()
        .map(|u| UpdateView {
            date: u.date.0.rfc3339(),
            date_iso: u.date.0.iso_date(),
            date_display: u.date.0.display(),
            kind: match u.kind {
                UpdateKind::Update => "update",
                UpdateKind::Correction => "correction",
            },
            note: &u.note,
        })
        .collect();
    // Stable: entries of one day keep the order they were written in.
    let mut order: Vec<usize> = (0..updates.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(front.updates[i].date.0.timestamp()));
    updates = order.into_iter().map(|i| updates[i].clone()).collect();
    let sources = front
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| SourceView {
            number: i + 1,
            id: format!("source-{}", i + 1),
            title: &s.title,
            publisher: s.publisher.as_deref(),
            url: s.url.as_ref().map(|u| u.0.as_str()),
            date_iso: s.date.as_ref().map(|d| d.iso()),
            date_display: s.date.as_ref().map(|d| d.display()),
        })
        .collect();
    ArgumentView {
        key_points: &front.key_points,
        has_corrections: front.updates.iter().any(|u| u.kind == UpdateKind::Correction),
        updates,
        sources,
        series: post.and_then(|i| series(shared, i)),
        cite: post.map(|_| citation(shared, entry, permalink)),
    }
}

fn series(shared: &Shared<'_>, i: usize) -> Option<SeriesView> {
    let (series, at) = shared.library.series.of(i)?;
    let link = |j: usize| Link {
        title: shared.library.posts[j].doc.front.title.clone(),
        path: shared.summaries.list[j].path.clone(),
    };
    Some(SeriesView {
        name: series.name.clone(),
        slug: series.slug.clone(),
        part: at + 1,
        total: series.parts.len(),
        parts: series
            .parts
            .iter()
            .enumerate()
            .map(|(n, &j)| {
                let Link { title, path } = link(j);
                SeriesPart { number: n + 1, title, path, current: j == i }
            })
            .collect(),
        previous: at.checked_sub(1).map(|p| link(series.parts[p])),
        next: series.parts.get(at + 1).map(|&j| link(j)),
    })
}

fn citation(shared: &Shared<'_>, entry: &Entry, permalink: &str) -> Citation {
    let doc = &entry.doc;
    let author = shared.config.author.name.trim();
    let authors: Vec<&str> = if doc.front.authors.is_empty() {
        if author.is_empty() { Vec::new() } else { vec![author] }
    } else {
        doc.front.authors.iter().map(String::as_str).collect()
    };
    cite::citation(&cite::Cited {
        title: &doc.front.title,
        authors,
        site: &shared.config.title,
        date: doc.date.as_ref(),
        permalink,
    })
}

/// Key points as a summary for lists and feeds: an HTML list, every character escaped.
pub fn key_points_html(points: &[Text]) -> Option<String> {
    if points.is_empty() {
        return None;
    }
    let items: String = points.iter().map(|p| format!("<li>{}</li>", escape_html(p))).collect();
    Some(format!("<ul class=\"key-points-summary\">{items}</ul>"))
}

/// Longest meta description made from key points, in characters.
pub const DESCRIPTION_MAX: usize = 300;

/// Key points as a meta description: joined into sentences, cut at a word near
/// [`DESCRIPTION_MAX`] characters with an ellipsis.
pub fn key_points_description(points: &[Text]) -> Option<String> {
    if points.is_empty() {
        return None;
    }
    let joined = points
        .iter()
        .map(|p| if p.ends_with(['.', '!', '?', '…']) { p.to_string() } else { format!("{}.", &p.0) })
        .collect::<Vec<_>>()
        .join(" ");
    if joined.chars().count() <= DESCRIPTION_MAX {
        return Some(joined);
    }
    let cut: String = joined.chars().take(DESCRIPTION_MAX - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > DESCRIPTION_MAX / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    Some(format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.'])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(list: &[&str]) -> Vec<Text> {
        list.iter().map(|s| Text(s.to_string())).collect()
    }

    #[test]
    fn key_points_become_sentences_and_are_cut_at_a_word() {
        assert_eq!(key_points_description(&points(&["One", "Two?"])).as_deref(), Some("One. Two?"));
        let long = "word ".repeat(100);
        let d = key_points_description(&points(&[long.trim()])).unwrap();
        assert!(d.ends_with("word…") && d.chars().count() <= DESCRIPTION_MAX, "{d}");
        assert_eq!(key_points_description(&[]), None);
    }

    #[test]
    fn key_points_html_is_escaped() {
        assert_eq!(
            key_points_html(&points(&["<b>A</b> & B"])).as_deref(),
            Some("<ul class=\"key-points-summary\"><li>&lt;b&gt;A&lt;/b&gt; &amp; B</li></ul>")
        );
    }
}
