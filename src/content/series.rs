//! Series: posts that share a `series:` name, in reading order. Computed once per build in
//! linear time (one pass over the posts; only each series' own parts are sorted), and read by
//! every post of a series for its "Part 2 of 4" box and its previous/next links.

use std::collections::HashMap;

use super::library::Entry;
use super::slug::slugify;

/// One series and its parts (indices into the library's posts), in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// As written in the first part.
    pub name: String,
    /// Names are matched by slug, so `Deterrence` and `deterrence ` are one series.
    pub slug: String,
    pub parts: Vec<usize>,
}

/// Every series of the site, and for each post its series and place in it.
#[derive(Debug, Clone, Default)]
pub struct SeriesIndex {
    pub list: Vec<Series>,
    /// For each post: (index into `list`, 0-based position among the parts).
    of_post: Vec<Option<(usize, usize)>>,
}

impl SeriesIndex {
    /// The series of post `i` and its 0-based place in it.
    pub fn of(&self, i: usize) -> Option<(&Series, usize)> {
        let (s, at) = (*self.of_post.get(i)?)?;
        Some((&self.list[s], at))
    }
}

/// Groups `posts` (sorted newest first) into series. Parts are ordered by `series_part` where
/// given (numbered parts first), then by date, then by slug.
pub fn index(posts: &[Entry]) -> SeriesIndex {
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut list: Vec<Series> = Vec::new();
    for (i, post) in posts.iter().enumerate() {
        let Some(name) = &post.doc.front.series else { continue };
        let slug = slugify(name);
        let s = *by_slug.entry(slug.clone()).or_insert_with(|| {
            list.push(Series { name: name.0.clone(), slug, parts: Vec::new() });
            list.len() - 1
        });
        list[s].parts.push(i);
    }
    let mut of_post = vec![None; posts.len()];
    for (s, series) in list.iter_mut().enumerate() {
        series.parts.sort_by_key(|&i| {
            let doc = &posts[i].doc;
            let part = doc.front.series_part.map(|p| p.0);
            (part.is_none(), part, doc.date.as_ref().map(|d| d.timestamp()), doc.slug.clone())
        });
        series.name = posts[series.parts[0]].doc.front.series.as_ref().map_or(String::new(), |n| n.0.clone());
        for (at, &i) in series.parts.iter().enumerate() {
            of_post[i] = Some((s, at));
        }
    }
    list.sort_by(|a, b| a.slug.cmp(&b.slug));
    // Sorting the list moved the series: point each post at its series' new place.
    for (s, series) in list.iter().enumerate() {
        for &i in &series.parts {
            if let Some((_, at)) = of_post[i] {
                of_post[i] = Some((s, at));
            }
        }
    }
    SeriesIndex { list, of_post }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::content::document;

    fn entry(slug: &str, date: &str, series: Option<&str>, part: Option<u32>) -> Entry {
        let mut front = format!("---\ntitle: {slug}\ndate: {date}\n");
        if let Some(s) = series {
            front.push_str(&format!("series: {s}\n"));
        }
        if let Some(p) = part {
            front.push_str(&format!("series_part: {p}\n"));
        }
        front.push_str("---\n");
        let doc = document::parse(Path::new(&format!("content/posts/{slug}.md")), &front).unwrap();
        let rendered = crate::markdown::render(
            "",
            &crate::markdown::Options {
                base_path: "",
                site_host: "",
                words_per_minute: 200,
                data: None,
                highlight: None,
            },
        );
        Entry { source_hash: doc.source_hash, doc: Arc::new(doc), rendered: Arc::new(rendered) }
    }

    #[test]
    fn parts_are_in_date_order_and_names_match_by_slug() {
        // Newest first, as the library sorts them.
        let posts = vec![
            entry("c", "2025-03-01", Some("deterrence "), None),
            entry("x", "2025-02-15", None, None),
            entry("b", "2025-02-01", Some("Deterrence"), None),
            entry("a", "2025-01-01", Some("Deterrence"), None),
            entry("z", "2025-01-02", Some("Energy"), None),
        ];
        let index = index(&posts);
        assert_eq!(index.list.len(), 2);
        let (series, at) = index.of(0).unwrap();
        assert_eq!((series.name.as_str(), series.parts.as_slice(), at), ("Deterrence", &[3, 2, 0][..], 2));
        assert_eq!(index.of(1), None);
        assert_eq!(index.of(4).unwrap().0.name, "Energy");
    }

    #[test]
    fn part_numbers_come_before_dates() {
        let posts = vec![
            entry("new", "2025-03-01", Some("S"), Some(1)),
            entry("mid", "2025-02-01", Some("S"), None),
            entry("old", "2025-01-01", Some("S"), Some(2)),
        ];
        let index = index(&posts);
        assert_eq!(index.list[0].parts, vec![0, 2, 1]);
    }
}
