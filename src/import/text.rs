//! Plain-text measures that several rules share: whitespace normalising, the comparison
//! key used to spot repeats, word counts, sentence boundaries and the title-case hint.
//! Nothing here changes what is written; it only measures.

/// Collapses every run of whitespace to one space and trims the ends.
pub fn squash_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The key two blocks are compared by: lowercase letters and digits, one space between
/// words. Repeats that differ only in case, whitespace or punctuation share a key.
pub fn key(s: &str) -> String {
    key_prefix(s, usize::MAX)
}

/// The first `max` bytes or so of [`key`] (it stops once it has at least `max`): enough to
/// tell a short key apart without lowercasing a whole long paragraph.
pub fn key_prefix(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max.saturating_add(8)));
    let mut gap = false;
    for c in s.chars() {
        if out.len() >= max {
            break;
        }
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
    out
}

/// Words that contain at least one letter or digit (a lone dash is not a word).
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«', '¿', '¡'];
/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "e.g", "i.e", "u.s", "u.k",
    "etc", "approx", "lt", "col", "capt", "mt",
];

/// Byte offsets where sentences start (the first is always 0). A sentence ends at
/// `.`, `!`, `?` or `…` (plus closing quotes) followed by space and a capital, digit or
/// opening quote; single initials and common abbreviations do not end one.
pub fn sentence_starts(s: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        i += 1;
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        if c == '.' && is_abbreviation(&s[..pos]) {
            continue;
        }
        while i < chars.len() && CLOSERS.contains(&chars[i].1) {
            i += 1;
        }
        let mut j = i;
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        if j == i || j >= chars.len() {
            continue;
        }
        let next = chars[j].1;
        if next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next) {
            starts.push(chars[j].0);
            i = j;
        }
    }
    starts
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || OPENERS.contains(&c)).next().unwrap_or("");
    let lower = word.to_lowercase();
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) || ABBREVIATIONS.contains(&lower.as_str())
}

/// The sentences of `s`, trimmed, in order.
pub fn sentences(s: &str) -> Vec<&str> {
    let starts = sentence_starts(s);
    starts
        .iter()
        .enumerate()
        .map(|(n, &start)| s[start..starts.get(n + 1).copied().unwrap_or(s.len())].trim())
        .filter(|x| !x.is_empty())
        .collect()
}

/// The last character that is not a closing quote or bracket.
pub fn last_significant_char(s: &str) -> Option<char> {
    s.trim_end().trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace()).chars().next_back()
}

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "for", "to", "with", "at", "by", "from", "as", "vs",
    "via", "into", "over", "per", "is", "its", "than", "up",
];

/// Whether most words that matter start with a capital ("Why Security Guarantees Matter").
pub fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(|c| !c.is_lowercase())).count();
    !words.is_empty() && capitalised * 5 >= words.len() * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ignores_case_whitespace_and_punctuation() {
        assert_eq!(key("Russia’s  stance, again!"), "russia s stance again");
        assert_eq!(key("Russia's stance again"), key("RUSSIA’S STANCE — AGAIN."));
        assert_eq!(key_prefix("Russia’s  stance, again!", 8), "russia s");
        assert_eq!(key("ÉTAT Ärger"), "état ärger");
    }

    #[test]
    fn sentences_split_at_terminal_punctuation_before_capitals() {
        assert_eq!(
            sentences("What next? Share your thoughts below! Done."),
            vec!["What next?", "Share your thoughts below!", "Done."]
        );
        assert_eq!(sentences("He said “no.” Then left."), vec!["He said “no.”", "Then left."]);
        assert_eq!(
            sentences("Mr. Smith met J. Doe in the U.S. today."),
            vec!["Mr. Smith met J. Doe in the U.S. today."]
        );
        assert_eq!(sentences("version 2.0 is out. it works"), vec!["version 2.0 is out. it works"]);
    }

    #[test]
    fn title_case_is_a_hint() {
        assert!(is_title_case("Why Security Guarantees Matter"));
        assert!(is_title_case("The Role of China and the Global South"));
        assert!(!is_title_case("why does this matter so much"));
    }

    #[test]
    fn word_count_skips_lone_punctuation() {
        assert_eq!(word_count("a – b"), 2);
        assert_eq!(last_significant_char("He said “no.”"), Some('.'));
    }
}
