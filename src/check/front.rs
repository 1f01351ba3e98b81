//! Front-matter checks that `folio build` lets pass but a reader or search engine would
//! notice: a post without a `description`, a post dated in the future, and tags or categories
//! that are blank or have no letter or digit (which would make a `tags/untitled/` page or
//! vanish). Each is reported at the line of its key or list item.

use super::{Checked, Finding, Kind, is_post};
use crate::content::front_matter;

pub fn check(c: &Checked, now: jiff::Timestamp, out: &mut Vec<Finding>) {
    let Ok(split) = front_matter::split(c.source.text()) else { return };
    let line_of = |key: &str| c.key_line(key);
    let front = &c.doc.front;
    // Key points stand in for a description in the meta description and feeds.
    if is_post(&c.doc)
        && front.description.as_deref().is_none_or(|d| d.trim().is_empty())
        && front.key_points.is_empty()
    {
        let line = line_of("description").or_else(|| line_of("title")).unwrap_or(1);
        out.push(
            Finding::new(
                Kind::MissingDescription,
                c.source.at_line(line),
                "no `description` or `key_points`: search results and link previews get the site's description instead",
            )
            .with_help("add a one-sentence `description:` (or a `key_points:` list) to the front matter"),
        );
    }
    if let Some(date) = c.doc.date.as_ref().filter(|d| d.timestamp() > now)
        && !front.draft
    {
        out.push(
            Finding::new(
                Kind::FutureDate,
                c.source.at_line(line_of("date").unwrap_or(1)),
                format!("dated {}, in the future: `folio build` leaves it out until then", date.iso_date()),
            )
            .with_help("fix the date, or build with --future to publish it now"),
        );
    }
    for (key, terms) in [("tags", &front.tags), ("categories", &front.categories)] {
        let Some(key_line) = line_of(key) else { continue };
        for (i, term) in terms.iter().enumerate() {
            if has_slug(term) {
                continue;
            }
            let line =
                item_line(split.yaml, key_line - split.yaml_line + 1, i).map_or(key_line, |l| l + split.yaml_line - 1);
            let what = if term.trim().is_empty() {
                "is empty".to_string()
            } else {
                format!("`{term}` has no letter or digit")
            };
            out.push(
                Finding::new(Kind::EmptyTag, c.source.at_line(line), format!("{key}: item {} {what}", i + 1))
                    .with_help(format!("remove it from `{key}`, or name it in words")),
            );
        }
    }
}

/// Whether a term makes a URL of its own (the slug is more than the `untitled` fallback).
fn has_slug(term: &str) -> bool {
    deunicode::deunicode(term).chars().any(|c| c.is_ascii_alphanumeric())
}

/// The line (within `yaml`, 1-based) of item `index` of the block list under the key at
/// `key_line`; `None` for a flow list (`tags: [a, b]`), which is on the key's line.
fn item_line(yaml: &str, key_line: usize, index: usize) -> Option<usize> {
    let mut lines = yaml.lines().enumerate().skip(key_line);
    let mut seen = 0;
    for (i, line) in lines.by_ref() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !(trimmed.starts_with("- ") || trimmed == "-") {
            return None;
        }
        if seen == index {
            return Some(i + 1);
        }
        seen += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_list_items_are_found() {
        let yaml = "title: T\ntags:\n  - a\n  # note\n  - \"\"\ndate: 2020-01-01\n";
        assert_eq!(item_line(yaml, 2, 0), Some(3));
        assert_eq!(item_line(yaml, 2, 1), Some(5));
        assert_eq!(item_line(yaml, 2, 2), None);
        assert_eq!(item_line("tags: [\"\"]\n", 1, 0), None);
        assert_eq!(item_line("tags:\n- a\n- b\n", 1, 1), Some(3));
    }

    #[test]
    fn terms_need_a_letter_or_digit() {
        assert!(has_slug("NATO"));
        assert!(has_slug("Öl"));
        assert!(!has_slug("  "));
        assert!(!has_slug("!!"));
    }
}
