//! Word count and reading time.
//!
//! [`WordCount`] sits late in the pipeline, where code blocks and images have
//! already become HTML, so every `Text` event it sees is prose (inline code
//! arrives as `Code` and is skipped). Words follow Unicode segmentation
//! (`unicode_words`), so CJK, accents and apostrophes count sensibly.

use pulldown_cmark::Event;
use unicode_segmentation::UnicodeSegmentation;

/// Adapter counting the words of the prose that passes through it.
pub struct WordCount<'c, I> {
    inner: I,
    count: &'c mut usize,
    /// Adjacent text events joined: pulldown-cmark splits text at smart
    /// quotes and brackets, and "don’t" must stay one word.
    run: String,
}

impl<'c, I> WordCount<'c, I> {
    pub fn new(inner: I, count: &'c mut usize) -> Self {
        Self { inner, count, run: String::new() }
    }

    fn flush(&mut self) {
        *self.count += count_words(&self.run);
        self.run.clear();
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for WordCount<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let Some(event) = self.inner.next() else {
            self.flush();
            return None;
        };
        match &event {
            Event::Text(text) => self.run.push_str(text),
            // Inline code is skipped without splitting the words around it.
            Event::Code(_) => {}
            _ => self.flush(),
        }
        Some(event)
    }
}

/// Words in `text` as Unicode word segmentation counts them (`unicode_words`), with a fast
/// path giving the same count for ASCII text, which is most prose and was a tenth of a build.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    if memchr::memchr(b'_', bytes).is_some() {
        return count_words_with_underscores(text);
    }
    // One pass; the rules of [`ascii_words`]: a run of letters and digits starts a word unless
    // a joining mark alone separates it from the run before. Smart punctuation makes most
    // English prose non-ASCII; its marks are read as the ASCII byte segmentation treats them
    // like (see [`typographic`]); any other non-ASCII character takes the general path.
    let (mut count, mut before, mut last) = (0, b' ', b' ');
    let mut i = 0;
    while i < bytes.len() {
        let (c, width) = if bytes[i] < 0x80 {
            (bytes[i], 1)
        } else {
            match typographic(&bytes[i..]) {
                Some(mapped) => mapped,
                None => return text.unicode_words().count(),
            }
        };
        if ALPHANUMERIC[usize::from(c)] == 1
            && ALPHANUMERIC[usize::from(last)] == 0
            && !(ALPHANUMERIC[usize::from(before)] == 1 && joins(before, last, c))
        {
            count += 1;
        }
        (before, last) = (last, c);
        i += width;
    }
    count
}

/// The ASCII byte that word segmentation treats the same way as the typographic mark at the
/// start of `bytes`, and the mark's length: curly apostrophes join letters as `'` does; quotes,
/// dashes, ellipses, no-break spaces, currency signs and a few symbols (not the middle dot `·`, which joins letters) separate words as a
/// space does. `None` for anything else.
fn typographic(bytes: &[u8]) -> Option<(u8, usize)> {
    // UTF-8 of U+2018, U+2019 (E2 80 98/99); U+201C, U+201D, U+2013, U+2014, U+2026
    // (E2 80 9C/9D/93/94/A6); U+00A0 (C2 A0); U+20AC (E2 82 AC); £ ¥ ° § ± × (C2/C3 ..).
    match (bytes[0], bytes.get(1), bytes.get(2)) {
        (0xE2, Some(0x80), Some(0x98 | 0x99)) => Some((b'\'', 3)),
        (0xE2, Some(0x80), Some(0x9C | 0x9D | 0x93 | 0x94 | 0xA6)) | (0xE2, Some(0x82), Some(0xAC)) => Some((b' ', 3)),
        (0xC2, Some(0xA0 | 0xA3 | 0xA5 | 0xB0 | 0xA7 | 0xB1), _) | (0xC3, Some(0x97), _) => Some((b' ', 2)),
        _ => None,
    }
}

/// [`count_words`] for text with `_`: the marks mapped to ASCII, then [`ascii_words`].
fn count_words_with_underscores(text: &str) -> usize {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some(at) = rest.iter().position(|&c| c >= 0x80) {
        bytes.extend_from_slice(&rest[..at]);
        let Some((mapped, width)) = typographic(&rest[at..]) else { return text.unicode_words().count() };
        bytes.push(mapped);
        rest = &rest[at + width..];
    }
    bytes.extend_from_slice(rest);
    ascii_words(&bytes)
}

/// UAX #29 word segmentation restricted to ASCII: letters, digits and `_` hold together; `'`, `.`
/// and `:` join two letters; `'`, `.`, `,` and `;` join two digits; a segment counts as a word
/// when it holds a letter or a digit.
fn ascii_words(s: &[u8]) -> usize {
    if s.contains(&b'_') {
        return ascii_words_with_underscores(s);
    }
    // Without `_`, words are the runs of letters and digits (one table lookup a byte, no
    // branches), less one for each mark joining two runs (found with memchr's SIMD search).
    let (runs, _) = s.iter().fold((0usize, 0u8), |(n, before), &c| {
        let here = ALPHANUMERIC[usize::from(c)];
        (n + usize::from(here & !before & 1), here)
    });
    let joined = |marks: &mut dyn Iterator<Item = usize>| {
        marks.filter(|&i| i > 0 && i + 1 < s.len() && joins(s[i - 1], s[i], s[i + 1])).count()
    };
    runs - joined(&mut memchr::memchr3_iter(b'.', b'\'', b',', s)) - joined(&mut memchr::memchr2_iter(b':', b';', s))
}

/// 1 for ASCII letters and digits, 0 for every other byte.
static ALPHANUMERIC: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = (c as u8).is_ascii_alphanumeric() as u8;
        c += 1;
    }
    table
};

/// Whether `m` between `p` and `q` keeps them in one word.
fn joins(p: u8, m: u8, q: u8) -> bool {
    let letters = p.is_ascii_alphabetic() && q.is_ascii_alphabetic();
    let digits = p.is_ascii_digit() && q.is_ascii_digit();
    match m {
        b':' => letters,
        b'.' | b'\'' => letters || digits,
        b',' | b';' => digits,
        _ => false,
    }
}

/// [`ascii_words`] for text with `_`, which joins letters and digits but is not a word alone.
fn ascii_words_with_underscores(s: &[u8]) -> usize {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let (mut i, mut count) = (0, 0);
    while i < s.len() {
        if !word(s[i]) {
            i += 1;
            continue;
        }
        let mut alphanumeric = false;
        loop {
            while i < s.len() && word(s[i]) {
                alphanumeric |= s[i] != b'_';
                i += 1;
            }
            if i + 1 < s.len() && joins(s[i - 1], s[i], s[i + 1]) {
                i += 1;
            } else {
                break;
            }
        }
        count += usize::from(alphanumeric);
    }
    count
}

/// Minutes to read `words` at `words_per_minute`, rounded up, at least 1.
pub fn reading_time(words: usize, words_per_minute: u32) -> u32 {
    let per_minute = usize::try_from(words_per_minute.max(1)).unwrap_or(usize::MAX);
    let minutes = words.div_ceil(per_minute).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn count(markdown: &str) -> usize {
        let mut words = 0;
        let parser = Parser::new_ext(markdown, Options::ENABLE_SMART_PUNCTUATION);
        WordCount::new(parser, &mut words).for_each(drop);
        words
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_agrees_with_unicode_segmentation(text in "[ab1_.,;:' \"()\n-]{0,40}") {
            proptest::prop_assert_eq!(ascii_words(text.as_bytes()), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn the_typographic_fast_path_agrees(text in "[aZ1_.,;:' \u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{00A0}€£¥°×§±·é-]{0,40}") {
            proptest::prop_assert_eq!(count_words(&text), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn the_one_pass_count_agrees(text in "[aZ19.,;:' \"()\n\u{2019}\u{201C}\u{2014}\u{00A0}€·é-]{0,40}") {
            proptest::prop_assert_eq!(count_words(&text), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn the_fast_path_without_underscores_agrees(text in "[aB1.,;:' \"()\n-]{0,40}") {
            proptest::prop_assert_eq!(ascii_words(text.as_bytes()), text.unicode_words().count(), "{:?}", text);
        }
    }

    #[test]
    fn counts_prose_words() {
        assert_eq!(count("Hello, *wide* world!\n\nTwo more."), 5);
    }

    #[test]
    fn apostrophes_and_smart_quotes_keep_words_whole() {
        assert_eq!(count("Don't say \"it's\" twice."), 4);
    }

    #[test]
    fn inline_code_is_not_counted() {
        assert_eq!(count("Call `some function here` now."), 2);
    }

    #[test]
    fn unicode_words() {
        assert_eq!(count("Größe über Straße"), 3);
        assert_eq!(count("naïve café — déjà vu"), 4);
    }

    #[test]
    fn line_breaks_separate_words() {
        assert_eq!(count("one\ntwo  \nthree"), 3);
    }

    #[test]
    fn reading_time_rounds_up_and_is_at_least_one() {
        assert_eq!(reading_time(0, 200), 1);
        assert_eq!(reading_time(1, 200), 1);
        assert_eq!(reading_time(200, 200), 1);
        assert_eq!(reading_time(201, 200), 2);
        assert_eq!(reading_time(1000, 250), 4);
        assert_eq!(reading_time(10, 0), 10);
    }
}
