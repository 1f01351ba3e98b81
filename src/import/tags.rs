//! Tag suggestions: the names and acronyms a text keeps coming back to. Deterministic:
//! count capitalised words and all-caps acronyms in the body, merge possessives, drop
//! words the text also uses in lowercase, keep those seen at least three times, and
//! take the top five by count, then alphabetically.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

const MAX_TAGS: usize = 5;
const MIN_COUNT: usize = 3;

/// Capitalised words that are not names: sentence starters, titles, months and days.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "for",
    "however",
    "while",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "by",
    "with",
    "as",
    "if",
    "when",
    "what",
    "why",
    "how",
    "who",
    "where",
    "which",
    "there",
    "their",
    "they",
    "we",
    "you",
    "our",
    "your",
    "he",
    "she",
    "his",
    "her",
    "i",
    "first",
    "second",
    "third",
    "finally",
    "also",
    "some",
    "many",
    "other",
    "such",
    "both",
    "each",
    "one",
    "two",
    "new",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "similarly",
    "meanwhile",
    "still",
    "yet",
    "so",
    "then",
    "now",
    "here",
    "all",
    "no",
    "not",
    "is",
    "are",
    "was",
    "be",
    "do",
    "can",
    "will",
    "would",
    "could",
];

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*").expect("valid word pattern"));

#[derive(Default)]
struct Count {
    capitalised: usize,
    mid_sentence: usize,
    lowercase: usize,
}

/// Up to five suggested tags from the body texts (paragraphs, list items, standfirst).
pub fn suggest<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut counts: HashMap<String, Count> = HashMap::new();
    for text in texts {
        let mut last = 0;
        for m in WORD.find_iter(text) {
            let gap = &text[last..m.start()];
            let sentence_initial = last == 0 && gap.trim().is_empty() || gap.contains(['.', '!', '?', '…', ':']);
            last = m.end();
            let word = strip_possessive(m.as_str());
            if word.chars().count() < 2 {
                continue;
            }
            let first = word.chars().next().expect("non-empty word");
            let entry = counts.entry(word.to_lowercase()).or_default();
            if first.is_uppercase() {
                entry.capitalised += 1;
                if !sentence_initial || is_acronym(word) {
                    entry.mid_sentence += 1;
                }
            } else {
                entry.lowercase += 1;
            }
        }
    }
    // Recover each word's usual spelling ("NATO", "Russia") from the texts' own casing.
    let mut ranked: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(w, c)| {
            !STOP.contains(&w.as_str())
                && c.mid_sentence > 0
                && c.capitalised >= MIN_COUNT
                && c.lowercase * 4 <= c.capitalised
        })
        .map(|(w, c)| (w, c.capitalised))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(MAX_TAGS);
    ranked.into_iter().map(|(w, _)| w).collect()
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word)
}

fn is_acronym(word: &str) -> bool {
    word.chars().count() <= 6 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Restores display casing: acronyms stay upper case, names get their capital.
pub fn display_case<'a>(tags: Vec<String>, texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut spelling: HashMap<String, String> = HashMap::new();
    for text in texts {
        for m in WORD.find_iter(text) {
            let word = strip_possessive(m.as_str());
            let lower = word.to_lowercase();
            if tags.contains(&lower) && word.chars().next().is_some_and(char::is_uppercase) {
                let best = spelling.entry(lower).or_insert_with(|| word.to_owned());
                if is_acronym(word) && !is_acronym(best) {
                    *best = word.to_owned();
                }
            }
        }
    }
    tags.into_iter().map(|t| spelling.get(&t).cloned().unwrap_or(t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(texts: &[&str]) -> Vec<String> {
        display_case(suggest(texts.iter().copied()), texts.iter().copied())
    }

    #[test]
    fn names_and_acronyms_that_recur() {
        let texts = [
            "Russia’s stance worries NATO. The talks in Kyiv stalled as Russia and NATO met.",
            "Ukraine wants guarantees; Russia refuses, and NATO waits. However, Ukraine insists.",
            "The Security question matters. Security is key, security experts say. Ukraine again.",
        ];
        assert_eq!(tags(&texts), ["NATO", "Russia", "Ukraine"]);
    }

    #[test]
    fn ties_break_alphabetically_and_five_at_most() {
        let text = "We met Alpha, Bravo, Charlie, Delta, Echo and Foxtrot. ".repeat(3);
        assert_eq!(tags(&[text.as_str()]), ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]);
    }

    #[test]
    fn sentence_starters_alone_are_not_names() {
        assert!(tags(&["Despite it all. Despite that. Despite this."]).is_empty());
    }
}
