//! Pull quotes: a blockquote whose first line is `[!PULLQUOTE]` becomes
//! `<aside class="pullquote" aria-hidden="true">`, a typographic repeat of a sentence of the
//! article. Screen readers skip it, since its words are already in the text around it; that is
//! only right because folio checks, when it reads the file ([`super::checks`]), that the words
//! do appear in the body.
//!
//! Inside a pull quote only text and emphasis are kept: links, images, raw HTML, footnote and
//! source references are dropped, since a hidden element must hold nothing a reader could
//! focus, and the quote is a repeat, not the place of a citation.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd, html::push_html};

use super::source_refs;

/// How every pull quote starts; the summary writer drops these.
pub const PREFIX: &str = "<aside class=\"pullquote\" aria-hidden=\"true\">";

/// `[!PULLQUOTE]`, in any case, alone on the first line of a blockquote.
pub fn is_marker(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("[!pullquote]")
}

/// Cheap test on the whole Markdown: only a document holding `[!PULLQUOTE]` (in any case) can
/// have a pull quote, so the others skip this adapter and the text merging it needs.
pub fn may_have_pullquotes(markdown: &str) -> bool {
    const MARKER: &[u8] = b"[!pullquote]";
    let bytes = markdown.as_bytes();
    memchr::memmem::find_iter(bytes, b"[!")
        .any(|at| bytes.get(at..at + MARKER.len()).is_some_and(|s| s.eq_ignore_ascii_case(MARKER)))
}

/// Whether `events` (the three after a plain blockquote opens) start a pull quote.
pub fn starts_pullquote(events: &[Event<'_>]) -> bool {
    matches!(
        events,
        [Event::Start(Tag::Paragraph), Event::Text(marker), Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph), ..]
            if is_marker(marker)
    )
}

/// Adapter rewriting pull quotes. Expects merged text events.
pub struct Pullquotes<'a, I> {
    inner: I,
    ahead: VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Pullquotes<'a, I> {
    pub fn new(inner: I) -> Self {
        Self { inner, ahead: VecDeque::new() }
    }

    fn pull(&mut self) -> Option<Event<'a>> {
        self.ahead.pop_front().or_else(|| self.inner.next())
    }

    /// Reads the rest of the blockquote (its opening already taken) and renders it.
    fn render(&mut self) -> Event<'a> {
        // The paragraph start and the marker, then the line break (or the paragraph's end).
        let mut inside: Vec<Event<'a>> = Vec::new();
        let first_is_break = matches!(self.ahead.get(2), Some(Event::SoftBreak | Event::HardBreak));
        self.ahead.drain(..2);
        if first_is_break {
            self.ahead.pop_front();
            inside.push(Event::Start(Tag::Paragraph));
        } else {
            self.ahead.pop_front();
        }
        let (mut depth, mut hidden) = (1usize, 0usize);
        while let Some(event) = self.pull() {
            match &event {
                Event::Start(Tag::BlockQuote(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            match event {
                Event::Start(Tag::Image { .. }) => hidden += 1,
                Event::End(TagEnd::Image) => hidden = hidden.saturating_sub(1),
                _ if hidden > 0 => {}
                Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => {}
                Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
                Event::Text(text) => inside.push(Event::Text(CowStr::from(source_refs::strip(&text)))),
                other => inside.push(other),
            }
        }
        let mut html = String::from(PREFIX);
        html.push('\n');
        push_html(&mut html, inside.into_iter());
        html.push_str("</aside>\n");
        Event::Html(html.into())
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Pullquotes<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.pull()?;
        if !matches!(event, Event::Start(Tag::BlockQuote(None))) {
            return Some(event);
        }
        while self.ahead.len() < 3 {
            match self.inner.next() {
                Some(e) => self.ahead.push_back(e),
                None => break,
            }
        }
        if starts_pullquote(self.ahead.make_contiguous()) {
            return Some(self.render());
        }
        Some(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parser_options;
    use pulldown_cmark::{Parser, TextMergeStream};

    fn run(markdown: &str) -> String {
        let mut html = String::new();
        push_html(&mut html, Pullquotes::new(TextMergeStream::new(Parser::new_ext(markdown, parser_options()))));
        html
    }

    #[test]
    fn a_marked_blockquote_becomes_a_hidden_aside() {
        assert_eq!(
            run("> [!PULLQUOTE]\n> Deterrence is *a promise*.\n"),
            "<aside class=\"pullquote\" aria-hidden=\"true\">\n<p>Deterrence is <em>a promise</em>.</p>\n</aside>\n"
        );
        assert!(run("> [!pullquote]\n> x\n").starts_with(PREFIX));
    }

    #[test]
    fn links_images_html_and_references_are_dropped() {
        assert_eq!(
            run("> [!PULLQUOTE]\n> A [link](https://e.org) ![img](/i.png) <b>x</b>[[source:1]] end\n"),
            "<aside class=\"pullquote\" aria-hidden=\"true\">\n<p>A link  x end</p>\n</aside>\n"
        );
    }

    #[test]
    fn plain_blockquotes_and_nested_quotes_are_kept() {
        assert_eq!(run("> Just a quote.\n"), "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n");
        assert_eq!(
            run("> [!PULLQUOTE]\n> one\n>\n> > two\n\nafter\n"),
            "<aside class=\"pullquote\" aria-hidden=\"true\">\n<p>one</p>\n<blockquote>\n<p>two</p>\n</blockquote>\n</aside>\n<p>after</p>\n"
        );
        assert_eq!(run("> [!PULLQUOTE] inline\n"), "<blockquote>\n<p>[!PULLQUOTE] inline</p>\n</blockquote>\n");
    }
}
