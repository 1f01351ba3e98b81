//! Leftover placeholders and duplicated paragraphs, found with the same rules `folio import`
//! uses to clean raw text ([`crate::import::detect`]): editor and CMS template text ("My post
//! content", "Your content goes here", Lorem ipsum), and paragraphs of eight words or more
//! that repeat an earlier one of the same file, ignoring case, spacing and punctuation.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::scan::BlockKind;
use super::{Checked, Finding, Kind};
use crate::import::detect::{MIN_REPEAT_WORDS, is_placeholder, key, sentence_starts, word_count};
use crate::import::short;

pub fn check(c: &Checked, out: &mut Vec<Finding>) {
    for (name, value) in [("title", Some(&c.doc.front.title)), ("description", c.doc.front.description.as_ref())] {
        if let Some(value) = value.filter(|v| is_placeholder(v)) {
            let line = c.key_line(name).unwrap_or(1);
            out.push(placeholder(c.source.at_line(line), value));
        }
    }
    let body = c.source.body();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for block in &c.facts.blocks {
        if let Some(text) = placeholder_in(&block.text) {
            let offset = body.get(block.range.clone()).and_then(|s| s.find(text)).map_or(0, |i| i);
            out.push(placeholder(c.source.at_body(block.range.start + offset), text));
        }
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Item) || word_count(&block.text) < MIN_REPEAT_WORDS {
            continue;
        }
        let at = c.source.at_body(block.range.start);
        match seen.entry(key(&block.text)) {
            Entry::Occupied(first) => out.push(
                Finding::new(
                    Kind::DuplicateParagraph,
                    at,
                    format!("this paragraph repeats the one at line {}", first.get()),
                )
                .with_help("delete one of the two copies"),
            ),
            Entry::Vacant(slot) => _ = slot.insert(at.line.unwrap_or(1)),
        }
    }
}

fn placeholder(at: crate::Location, text: &str) -> Finding {
    Finding::new(Kind::Placeholder, at, format!("leftover placeholder text “{}”", short(text)))
        .with_help("replace it with your own words, or delete it")
}

/// The placeholder in a block: the whole block, its last sentence (text pasted after a
/// template's closing line), or a sentence of Lorem ipsum anywhere.
fn placeholder_in(text: &str) -> Option<&str> {
    if is_placeholder(text) {
        return Some(text);
    }
    let starts = sentence_starts(text);
    if !contains_lorem(text) {
        let last = &text[*starts.last().unwrap_or(&0)..];
        return is_placeholder(last).then_some(last.trim());
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    let last = starts.len() - 1;
    starts.iter().zip(ends).enumerate().find_map(|(i, (&start, end))| {
        let sentence = text[start..end].trim();
        (is_placeholder(sentence) && (i == last || key(sentence).starts_with("lorem ipsum"))).then_some(sentence)
    })
}

/// Whether "lorem" appears in any letter case (before the sentences are looked at one by one).
fn contains_lorem(text: &str) -> bool {
    text.as_bytes().windows(5).any(|w| w.eq_ignore_ascii_case(b"lorem"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_whole_at_the_end_or_lorem_anywhere() {
        assert_eq!(placeholder_in("Your content goes here"), Some("Your content goes here"));
        assert_eq!(placeholder_in("Real words. My post content"), Some("My post content"));
        assert_eq!(
            placeholder_in("Real words. Lorem ipsum dolor sit amet, consectetur. More words."),
            Some("Lorem ipsum dolor sit amet, consectetur.")
        );
        let starts_with_lorem = "Lorem ipsum dolor sit amet. Then real words.";
        assert_eq!(placeholder_in(starts_with_lorem), Some(starts_with_lorem));
        assert_eq!(placeholder_in("My post content is about Russia."), None);
        assert_eq!(placeholder_in("Placeholder. Real words follow."), None);
    }
}
