//! Units → structure: which unit is a heading, which runs of units are a list, which
//! are paragraphs; the title's site suffix and the standfirst. Owns the rules that decide
//! what a bare line of raw text *is*.

use super::blocks::{Marker, Unit, list_marker};
use super::document::{Block, Located};
use super::text::{is_title_case, last_significant_char, sentences, word_count};

/// Headings are at most this long, in characters and in words.
const HEADING_MAX_CHARS: usize = 80;
const HEADING_MAX_WORDS: usize = 12;
/// A standfirst is one sentence of at most this many words.
const STANDFIRST_MAX_WORDS: usize = 45;

/// Could this unit be a heading on its own merits: short, not a list item, not starting
/// lowercase, no closing sentence punctuation (a `?` only when the line is title case,
/// as in "A New European Security Order?").
pub fn is_heading_like(text: &str) -> bool {
    let words = word_count(text);
    if words == 0
        || words > HEADING_MAX_WORDS
        || text.chars().count() > HEADING_MAX_CHARS
        || list_marker(text).is_some()
        || !text.chars().any(char::is_alphabetic)
        || text.chars().next().is_some_and(char::is_lowercase)
    {
        return false;
    }
    match last_significant_char(text) {
        Some('?') => is_title_case(text),
        Some(c) => !".!:;,…".contains(c),
        None => false,
    }
}

/// Classifies units into blocks. A heading-like unit is a heading when a non-heading
/// follows it (so never the last unit); runs of two or more list items with the same
/// marker (numbers counting up by one) are a list; everything else is a paragraph.
pub fn classify(units: &[Unit]) -> Vec<Located> {
    let n = units.len();
    let markers: Vec<Option<(Marker, &str)>> = units.iter().map(|u| list_marker(&u.text)).collect();
    let mut in_list = vec![false; n];
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && continues_list(markers[j - 1], markers[j]) {
            j += 1;
        }
        if markers[i].is_some() && j - i >= 2 {
            in_list[i..j].fill(true);
        }
        i = j;
    }
    // Decide headings back to front: a heading needs a following non-heading.
    let mut heading = vec![false; n];
    for i in (0..n.saturating_sub(1)).rev() {
        heading[i] = !in_list[i] && is_heading_like(&units[i].text) && !heading[i + 1];
    }
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let unit = &units[i];
        if in_list[i] {
            let mut j = i + 1;
            while j < n && in_list[j] && continues_list(markers[j - 1], markers[j]) {
                j += 1;
            }
            let start = match markers[i] {
                Some((Marker::Number(first, _), _)) => Some(first),
                _ => None,
            };
            let items = (i..j).filter_map(|k| markers[k].map(|(_, item)| item.to_owned())).collect();
            out.push(Located {
                block: Block::List { start, items },
                line: unit.line,
                last_line: units[j - 1].last_line,
            });
            i = j;
            continue;
        }
        let block = if heading[i] { Block::Heading(unit.text.clone()) } else { Block::Paragraph(unit.text.clone()) };
        out.push(Located { block, line: unit.line, last_line: unit.last_line });
        i += 1;
    }
    out
}

fn continues_list(prev: Option<(Marker, &str)>, next: Option<(Marker, &str)>) -> bool {
    match (prev, next) {
        (Some((Marker::Bullet(a), _)), Some((Marker::Bullet(b), _))) => a == b,
        (Some((Marker::Number(a, d), _)), Some((Marker::Number(b, e), _))) => d == e && b == a + 1,
        _ => false,
    }
}

/// The standfirst: the first body block when it is a one-sentence paragraph of at most
/// 45 words directly followed by a heading. A longer or multi-sentence opening is the
/// body's lead paragraph and stays in the body.
pub fn take_standfirst(blocks: &mut Vec<Located>) -> Option<(String, usize)> {
    let (Some(first), Some(second)) = (blocks.first(), blocks.get(1)) else {
        return None;
    };
    let Block::Paragraph(text) = &first.block else {
        return None;
    };
    let is_standfirst = matches!(second.block, Block::Heading(_))
        && word_count(text) <= STANDFIRST_MAX_WORDS
        && sentences(text).len() == 1;
    if !is_standfirst {
        return None;
    }
    let first = blocks.remove(0);
    Some((first.block.text(), first.line))
}

/// Splits a " | Site Name" suffix off a title: the part after the last " | " when it
/// is at most five words and the part before it has at least three.
pub fn split_site_suffix(title: &str) -> Option<(&str, &str)> {
    let (main, suffix) = title.rsplit_once(" | ")?;
    let (main, suffix) = (main.trim(), suffix.trim());
    (word_count(suffix) >= 1 && word_count(suffix) <= 5 && word_count(main) >= 3).then_some((main, suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lines: &[&str]) -> Vec<Unit> {
        lines.iter().enumerate().map(|(i, t)| Unit { text: t.to_string(), line: i + 2, last_line: i + 2 }).collect()
    }

    fn kinds(lines: &[&str]) -> String {
        classify(&units(lines))
            .iter()
            .map(|b| match &b.block {
                Block::Heading(_) => "H".to_owned(),
                Block::Paragraph(_) => "P".to_owned(),
                Block::List { items, start } => {
                    format!("L{}{}", items.len(), if start.is_some() { "o" } else { "" })
                }
            })
            .collect()
    }

    #[test]
    fn headings_need_a_following_paragraph() {
        assert_eq!(
            kinds(&[
                "Why Security Guarantees Matter",
                "Body text here.",
                "Zakharova’s Warning: Beyond Ukraine",
                "More."
            ]),
            "HPHP"
        );
        assert_eq!(kinds(&["Body.", "Trailing Short Line"]), "PP");
        assert_eq!(kinds(&["Part One", "Background", "Text."]), "PHP");
        assert_eq!(kinds(&["Future Trends: A New European Security Order?", "Text."]), "HP");
        assert_eq!(kinds(&["Why does this matter?", "Text."]), "PP");
        assert_eq!(kinds(&["lowercase start", "Text."]), "PP");
        assert_eq!(kinds(&["03/04/2025", "Text."]), "PP");
    }

    #[test]
    fn lists_need_two_items_with_one_marker() {
        assert_eq!(kinds(&["Intro.", "- a", "- b", "Outro."]), "PL2P");
        assert_eq!(kinds(&["1. a", "2. b", "3. c"]), "L3o");
        assert_eq!(kinds(&["- a", "* b"]), "PP");
        assert_eq!(kinds(&["1. a", "3. b"]), "PP");
        assert_eq!(kinds(&["2022. A year.", "More."]), "PP");
        assert_eq!(kinds(&["- only one", "Text."]), "PP");
    }

    #[test]
    fn standfirst_is_one_sentence_before_a_heading() {
        let mut b = classify(&units(&["One sentence standfirst without a stop", "Heading Here", "Body."]));
        assert_eq!(take_standfirst(&mut b), Some(("One sentence standfirst without a stop".to_owned(), 2)));
        let mut b = classify(&units(&["First sentence. Second sentence.", "Heading Here", "Body."]));
        assert_eq!(take_standfirst(&mut b), None);
        let mut b = classify(&units(&["One sentence.", "Another paragraph."]));
        assert_eq!(take_standfirst(&mut b), None);
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            split_site_suffix("Russia Hardens Stance on Ukraine Security Guarantees | Europe Tensions"),
            Some(("Russia Hardens Stance on Ukraine Security Guarantees", "Europe Tensions"))
        );
        assert_eq!(split_site_suffix("Cats | Dogs"), None);
        assert_eq!(split_site_suffix("No suffix here at all"), None);
    }
}
