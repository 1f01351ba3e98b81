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
        *self.count += self.run.unicode_words().count();
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
