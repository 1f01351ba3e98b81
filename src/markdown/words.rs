//! Word count and reading time.
//!
//! [`WordCount`] sits late in the pipeline, where code blocks and images have
//! already become HTML, so every `Text` event it sees is prose (inline code
//! arrives as `Code` and is skipped). Words follow Unicode segmentation
//! (`unicode_words`), so CJK, accents and apostrophes count sensibly.

use pulldown_cmark::Event;
use unicode_segmentation::UnicodeSegmentation;

use super::pipeline::{Queue, Step};

/// Step counting the words of the prose that passes through it.
pub struct WordCount<'c, N> {
    count: &'c mut usize,
    /// Adjacent text events joined: pulldown-cmark splits text at smart
    /// quotes and brackets, and "don’t" must stay one word.
    run: String,
    next: N,
}

impl<'c, N> WordCount<'c, N> {
    pub fn new(count: &'c mut usize, next: N) -> Self {
        Self { count, run: String::new(), next }
    }

    fn flush(&mut self) {
        if !self.run.is_empty() {
            *self.count += count_words(&self.run);
            self.run.clear();
        }
    }
}

impl<'a, N: Step<'a>> Step<'a> for WordCount<'_, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        match &event {
            Event::Text(text) => self.run.push_str(text),
            // Inline code is skipped without splitting the words around it.
            Event::Code(_) => {}
            _ => self.flush(),
        }
        self.next.put(event, out);
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        self.flush();
        self.next.finish(out);
    }
}

/// Words in `text` as Unicode word segmentation counts them (`unicode_words`), with a fast
/// path giving the same count for ASCII text and the typographic marks of prose, which is most
/// text and was a tenth of a build.
fn count_words(text: &str) -> usize {
    // The rules of UAX #29 restricted to ASCII: letters, digits and `_` hold together; `'`, `.`
    // and `:` join two letters; `'`, `.`, `,` and `;` join two digits; a segment counts as a
    // word when it holds a letter or a digit. Without `_`, the words are the runs of letters and
    // digits, less one for each mark joining two runs. Smart punctuation makes most English
    // prose non-ASCII: its marks separate words as the ASCII byte they stand for does (see
    // [`typographic`]), and their bytes are not letters, so the runs come out right counted over
    // the text as it is. One pass counts the runs and the bytes beyond ASCII, eight at a time;
    // the marks that may join two runs are then found with `memchr` and looked at one by one.
    let bytes = text.as_bytes();
    let (runs, non_ascii) = runs_and_non_ascii(bytes);
    if memchr::memchr(b'_', bytes).is_some() {
        return count_words_with_underscores(text);
    }
    let mut joined = 0;
    if non_ascii > 0 {
        match typographic_joins(bytes, non_ascii) {
            Some(curly) => joined += curly,
            None => return text.unicode_words().count(),
        }
    }
    let joining = |marks: &mut dyn Iterator<Item = usize>| {
        marks.filter(|&i| i > 0 && i + 1 < bytes.len() && joins(bytes[i - 1], bytes[i], bytes[i + 1])).count()
    };
    joined += joining(&mut memchr::memchr3_iter(b'.', b'\'', b',', bytes))
        + joining(&mut memchr::memchr2_iter(b':', b';', bytes));
    runs - joined
}

/// The runs of ASCII letters and digits in `bytes`, and how many of its bytes are not ASCII:
/// eight bytes at a time, by arithmetic on a `u64` (a byte at a time, with a table, this loop
/// was 2 % of a build).
fn runs_and_non_ascii(bytes: &[u8]) -> (usize, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Per byte, 1 where a run starts and 1 where a byte is not ASCII, summed in the bytes of two
    // counters over up to 31 blocks of eight bytes (each byte of a counter stays under 32, so
    // all eight add up below 256), then added up across the counter's bytes.
    let (mut runs, mut non_ascii) = (0usize, 0usize);
    let (mut run_lanes, mut high_lanes, mut pending) = (0u64, 0u64, 0);
    let total = |lanes: u64| (lanes.wrapping_mul(ONES) >> 56) as usize;
    // In the high bit of the lowest byte: whether the byte before the block is a letter or digit.
    let mut carry = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    let mut step = |x: u64| {
        // With the high bits cleared, adding a constant below 0x80 to every byte carries into no
        // other byte, and sets a byte's high bit exactly when the byte is at least 0x80 less
        // the constant.
        let y = x & !HIGH;
        let at_least = |c: u8| y.wrapping_add(ONES * u64::from(0x80 - c));
        let letters_digits = (at_least(b'a') & !at_least(b'z' + 1))
            | (at_least(b'A') & !at_least(b'Z' + 1))
            | (at_least(b'0') & !at_least(b'9' + 1));
        let alphanumeric = letters_digits & !x & HIGH;
        let starts = alphanumeric & !((alphanumeric << 8) | carry);
        carry = alphanumeric >> 56;
        run_lanes += starts >> 7;
        high_lanes += (x & HIGH) >> 7;
        pending += 1;
        if pending == 31 {
            runs += total(run_lanes);
            non_ascii += total(high_lanes);
            (run_lanes, high_lanes, pending) = (0, 0, 0);
        }
    };
    for chunk in chunks.by_ref() {
        step(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Zero bytes are neither letters nor digits nor beyond ASCII.
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        step(u64::from_le_bytes(last));
    }
    (runs + total(run_lanes), non_ascii + total(high_lanes))
}

/// How many typographic marks in `bytes` join two runs into one word (curly apostrophes, as `'`
/// does), or `None` if one of its `non_ascii` bytes is part of a character [`typographic`] does
/// not know.
fn typographic_joins(bytes: &[u8], non_ascii: usize) -> Option<usize> {
    let (mut known, mut joined) = (0, 0);
    // In UTF-8 these bytes only ever start a character, and every mark starts with one.
    for at in memchr::memchr3_iter(0xC2, 0xC3, 0xE2, bytes) {
        let (mapped, width) = typographic(&bytes[at..])?;
        known += width;
        if let (Some(at_before), Some(&after)) = (at.checked_sub(1), bytes.get(at + width)) {
            joined += usize::from(joins(bytes[at_before], mapped, after));
        }
    }
    (known == non_ascii).then_some(joined)
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

/// The words of ASCII text by the rules of [`count_words`], where `_` also joins letters and
/// digits but is not a word alone.
fn ascii_words(s: &[u8]) -> usize {
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
        crate::markdown::pipeline::collect(WordCount::new(&mut words, crate::markdown::pipeline::Out), parser);
        words
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_agrees_with_unicode_segmentation(text in "[ab1_.,;:' \"()\n-]{0,40}") {
            proptest::prop_assert_eq!(ascii_words(text.as_bytes()), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn the_count_of_ascii_text_agrees(text in "[aB1_.,;:' \"()\n-]{0,40}") {
            proptest::prop_assert_eq!(count_words(&text), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn the_typographic_fast_path_agrees(text in "[aZ1_.,;:' \u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{00A0}€£¥°×§±-]{0,40}") {
            proptest::prop_assert_eq!(count_words(&text), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn the_count_without_underscores_agrees(text in "[aZ19.,;:' \"()\n\u{2018}\u{2019}\u{201C}\u{2014}\u{00A0}€-]{0,40}") {
            proptest::prop_assert_eq!(count_words(&text), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn long_text_is_counted_eight_bytes_at_a_time_throughout(text in "[aZ19.,;:' \u{2019}\u{2014}\u{00A0}-]{0,600}") {
            proptest::prop_assert_eq!(count_words(&text), text.unicode_words().count(), "{:?}", text);
        }

        #[test]
        fn other_characters_take_the_general_path(text in "[aZ1_.' \u{2019}\u{2014}·éжł字-]{0,10}") {
            proptest::prop_assert_eq!(count_words(&text), text.unicode_words().count(), "{:?}", text);
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
