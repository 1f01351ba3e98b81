//! Words as the index stores them, and as the browser's `search.js` cuts the reader's query (the
//! two must agree; the rules are in `docs/search.md`):
//!
//! - a word is a run of letters, digits and combining marks (`char::is_alphanumeric`, JavaScript's
//!   `[\p{Alphabetic}\p{N}\p{M}]`); anything else (spaces, punctuation, apostrophes, hyphens)
//!   separates words. A Han, kana or other CJK ideograph is a word of its own, since those
//!   scripts put no spaces between words.
//! - it is lower-cased, decomposed (NFD) and stripped of its combining marks, so accents fold
//!   (`Défense` → `defense`, `wächst` → `wachst`), and a few letters that do not decompose are
//!   spelt out (`ß` → `ss`, `æ` → `ae`, `œ` → `oe`, `ø` → `o`, `ł` → `l`, …);
//! - words of one letter, longer than [`MAX_LEN`] bytes, and the stop words of the site's
//!   language ([`stop_words`]) are left out. One CJK ideograph is kept.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longer words (hashes, run-together URLs) are not indexed.
pub const MAX_LEN: usize = 40;

/// Letters that NFD does not take apart; the same table is in `search.js`.
pub const SPELT_OUT: [(char, &str); 10] = [
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('đ', "d"),
    ('ð', "d"),
    ('ł', "l"),
    ('þ', "th"),
    ('ı', "i"),
    ('ς', "σ"),
];

/// Calls `f` with each word of `text` as the index stores it, stop words included (the caller
/// leaves them out).
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    each_word_of(text, |word| f(word.as_str()));
}

/// A word as [`each_word_of`] hands it over: a piece of the text itself (already lower case), or
/// one made from it (lower-cased or folded) that lives only for the call.
#[derive(Debug, Clone, Copy)]
pub enum Word<'t, 'm> {
    Text(&'t str),
    Made(&'m str),
}

impl Word<'_, '_> {
    pub fn as_str(&self) -> &str {
        match self {
            Word::Text(s) | Word::Made(s) => s,
        }
    }
}

/// [`each_word`], telling the caller which words are pieces of `text`, so that it can keep
/// those without copying them.
pub fn each_word_of<'t>(text: &'t str, mut f: impl FnMut(Word<'t, '_>)) {
    let mut word = String::with_capacity(32);
    let mut ascii = true;
    let mut folded = String::with_capacity(32);
    let mut flush = |word: &mut String, ascii: &mut bool, f: &mut dyn FnMut(Word<'t, '_>)| {
        if word.is_empty() {
            return;
        }
        if *ascii {
            f(Word::Made(word));
        } else {
            fold_into(word, &mut folded);
            f(Word::Made(&folded));
        }
        word.clear();
        *ascii = true;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // A word of lower-case ASCII letters and digits that ends before a byte that cannot
        // continue it (most words of most text) is handed over as it is, without copying.
        if word.is_empty() && ASCII_WORD[usize::from(b)] == LOWER {
            let run = lower_run_end(bytes, i);
            if bytes.get(run).is_none_or(|&c| ASCII_WORD[usize::from(c)] == SEPARATOR) {
                f(Word::Text(&text[i..run]));
                i = run;
                continue;
            }
        }
        if b < 0x80 {
            // ASCII, the common case: letters are lower-cased here.
            if b.is_ascii_alphanumeric() {
                word.push(b.to_ascii_lowercase() as char);
                // The lower-case letters and digits after it (the rest of a capitalised word)
                // in one go.
                let run = lower_run_end(bytes, i + 1);
                word.push_str(&text[i + 1..run]);
                i = run;
                continue;
            } else {
                flush(&mut word, &mut ascii, &mut f);
            }
            i += 1;
            continue;
        }
        // General punctuation (U+2000–U+203F: spaces, dashes, curly quotes, the ellipsis), which
        // smart punctuation puts all through prose, and the no-break space: none is part of a
        // word, and telling so needs no look-up in Unicode's tables.
        if (b == 0xE2 && bytes.get(i + 1) == Some(&0x80)) || (b == 0xC2 && bytes.get(i + 1) == Some(&0xA0)) {
            flush(&mut word, &mut ascii, &mut f);
            i += if b == 0xE2 { 3 } else { 2 };
            continue;
        }
        let c = text[i..].chars().next().expect("a character starts here");
        i += c.len_utf8();
        if is_ideograph(c) {
            flush(&mut word, &mut ascii, &mut f);
            word.push(c);
            ascii = false;
            flush(&mut word, &mut ascii, &mut f);
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            word.push(c);
            ascii = false;
        } else {
            flush(&mut word, &mut ascii, &mut f);
        }
    }
    flush(&mut word, &mut ascii, &mut f);
}

/// Where the run of lower-case ASCII letters and digits starting at `from` ends: eight bytes at
/// a time, by arithmetic on a `u64`, then byte by byte.
fn lower_run_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // With the high bits cleared, adding a constant below 0x80 to every byte carries into
        // no other byte, and sets a byte's high bit exactly when the byte is at least 0x80
        // less the constant.
        let y = x & !HIGH;
        let at_least = |c: u8| y.wrapping_add(ONES * u64::from(0x80 - c));
        let lower = at_least(b'a') & !at_least(b'z' + 1);
        let digit = at_least(b'0') & !at_least(b'9' + 1);
        // Bytes that are neither, or were not ASCII to begin with.
        let ends = (!(lower | digit) | x) & HIGH;
        if ends != 0 {
            return i + (ends.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes[i..].iter().position(|&c| ASCII_WORD[usize::from(c)] != LOWER).map_or(bytes.len(), |n| i + n)
}

const SEPARATOR: u8 = 0;
const LOWER: u8 = 1;
const OTHER: u8 = 2;

/// For each byte: [`LOWER`] for ASCII lower-case letters and digits, [`SEPARATOR`] for other
/// ASCII bytes that are not letters, [`OTHER`] for upper-case letters and non-ASCII bytes (which
/// may continue a word, and take the general path).
static ASCII_WORD: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        table[c] = if b.is_ascii_lowercase() || b.is_ascii_digit() {
            LOWER
        } else if b.is_ascii_uppercase() {
            OTHER
        } else {
            SEPARATOR
        };
        c += 1;
    }
    table
};

/// Whether the index keeps `word` (already folded) at all, before stop words.
pub fn indexable(word: &str) -> bool {
    if word.len() > MAX_LEN {
        return false;
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => is_ideograph(c),
        (Some(_), Some(_)) => true,
        _ => false,
    }
}

fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.to_lowercase().nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match SPELT_OUT.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
}

/// Scripts written without spaces between words: each character is a word.
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // CJK Extensions B–F, Compatibility Supplement
}

/// The stop words of a language (its primary subtag, `en`, `fr`, `de`): words so common that
/// they would fill the index and match nearly every post. Folded as the index folds. Other
/// languages have none.
pub fn stop_words(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &[
            "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "he",
            "her", "his", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this", "to",
            "was", "we", "were", "which", "will", "with",
        ],
        "fr" => &[
            "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et", "il", "ils", "la",
            "le", "les", "leur", "mais", "ne", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
            "son", "sont", "sur", "un", "une",
        ],
        "de" => &[
            "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die", "ein", "eine", "einem",
            "einen", "einer", "es", "fur", "hat", "ich", "im", "in", "ist", "mit", "nach", "nicht", "noch", "sich",
            "sie", "sind", "und", "von", "war", "wie", "wird", "zu", "zum", "zur",
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |w| out.push(w.to_string()));
        out
    }

    /// The rules above, written plainly: what the fast path must agree with.
    fn reference_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut flush = |word: &mut String| {
            if !word.is_empty() {
                let mut folded = String::new();
                fold_into(word, &mut folded);
                out.push(folded);
                word.clear();
            }
        };
        for c in text.chars() {
            if is_ideograph(c) {
                flush(&mut word);
                word.push(c);
                flush(&mut word);
            } else if c.is_alphanumeric() || is_combining_mark(c) {
                word.push(c);
            } else {
                flush(&mut word);
            }
        }
        flush(&mut word);
        out
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_agrees_with_the_rules(text in "[abZ1 .,'\u{e9}\u{301}\u{df}\u{4e2d}\u{2019}-]{0,30}") {
            proptest::prop_assert_eq!(words(&text), reference_words(&text));
        }

        #[test]
        fn the_run_end_agrees_with_a_byte_by_byte_scan(text in "[`az{/09:AZ@é°ḁ_ -]{0,40}", from in 0usize..40) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let expected = bytes[from..].iter().position(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit())).map_or(bytes.len(), |n| from + n);
            proptest::prop_assert_eq!(lower_run_end(bytes, from), expected, "{:?} from {}", text, from);
        }
    }

    #[test]
    fn words_are_lower_cased_and_accents_folded() {
        assert_eq!(words("Défense EUROPÉENNE"), ["defense", "europeenne"]);
        assert_eq!(
            words("Der Haushalt wächst; Größe, Außenpolitik"),
            ["der", "haushalt", "wachst", "grosse", "aussenpolitik"]
        );
        assert_eq!(words("Œuvre, Øresund, Łódź, ΣΟΦΟΣ"), ["oeuvre", "oresund", "lodz", "σοφοσ"]);
        assert_eq!(words("Захарова"), ["захарова"]);
    }

    #[test]
    fn punctuation_apostrophes_and_hyphens_separate_words() {
        assert_eq!(
            words("l’Europe, don't defence-spending: 2.5% (2024)"),
            ["l", "europe", "don", "t", "defence", "spending", "2", "5", "2024"]
        );
    }

    #[test]
    fn ideographs_are_words_of_their_own() {
        assert_eq!(words("中国の経済 GDP"), ["中", "国", "の", "経", "済", "gdp"]);
    }

    #[test]
    fn one_letter_and_very_long_words_are_not_indexed() {
        assert!(!indexable("l"));
        assert!(indexable("eu"));
        assert!(indexable("中"));
        assert!(!indexable(&"a".repeat(MAX_LEN + 1)));
    }

    #[test]
    fn general_punctuation_and_the_no_break_space_separate_words() {
        // What the general path decides for each, without the shortcut.
        for c in ('\u{2000}'..='\u{203F}').chain(['\u{A0}']) {
            assert!(!c.is_alphanumeric() && !is_combining_mark(c) && !is_ideograph(c), "{c:?} {:x}", c as u32);
            assert_eq!(words(&format!("don{c}t")), ["don", "t"], "{:x}", c as u32);
        }
        assert_eq!(words("“Well”—it’s… done"), ["well", "it", "s", "done"]);
    }

    #[test]
    fn stop_words_are_folded_like_the_index() {
        for language in ["en", "fr", "de"] {
            for word in stop_words(language) {
                assert_eq!(words(word), [word.to_string()], "{language}");
            }
        }
        assert!(stop_words("ja").is_empty());
    }
}
