//! Pull quotes: a blockquote whose first line is `[!PULLQUOTE]` becomes
//! `<aside class="pullquote" aria-hidden="true">`, a typographic repeat of a sentence of the
//! article. Screen readers skip it, since its words are already in the text around it; that is
//! only right because folio checks, when it reads the file ([`super::checks`]), that the words
//! do appear in the body.
//!
//! Inside a pull quote only text and emphasis are kept: links, images, raw HTML, footnote and
//! source references are dropped, since a hidden element must hold nothing a reader could
//! focus, and the quote is a repeat, not the place of a citation.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd, html::push_html};

use super::pipeline::{Queue, Step};
use super::source_refs;

/// How every pull quote starts; the summary writer drops these.
pub const PREFIX: &str = "<aside class=\"pullquote\" aria-hidden=\"true\">";

/// `[!PULLQUOTE]`, in any case, alone on the first line of a blockquote.
pub fn is_marker(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("[!pullquote]")
}

/// Cheap test on the whole Markdown: only a document holding `[!PULLQUOTE]` (in any case) can
/// have a pull quote; the others turn this step and the text merging it needs off.
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

/// Where the step is in the document.
enum State<'a> {
    Outside,
    /// After a plain blockquote's start: the events after it, up to three, to tell whether it
    /// is a pull quote.
    Deciding(Vec<Event<'a>>),
    /// Inside a pull quote: the events kept, how deep in blockquotes, how deep in images.
    Inside {
        kept: Vec<Event<'a>>,
        depth: usize,
        hidden: usize,
    },
}

/// Step rewriting pull quotes. Expects merged text events; `on: false` (a document without
/// the marker) passes events through untouched.
pub struct Pullquotes<'a, N> {
    on: bool,
    state: State<'a>,
    next: N,
}

impl<'a, N: Step<'a>> Pullquotes<'a, N> {
    pub fn new(on: bool, next: N) -> Self {
        Self { on, state: State::Outside, next }
    }

    /// With the three events after a blockquote's start: a pull quote starts, or the
    /// blockquote and the events go on as they were.
    fn decide(&mut self, ahead: Vec<Event<'a>>, out: &mut Queue<'a>) {
        if starts_pullquote(&ahead) {
            // The paragraph start, the marker, then the line break (or the paragraph's end).
            let mut kept = Vec::new();
            if matches!(ahead[2], Event::SoftBreak | Event::HardBreak) {
                kept.push(Event::Start(Tag::Paragraph));
            }
            self.state = State::Inside { kept, depth: 1, hidden: 0 };
            return;
        }
        self.state = State::Outside;
        self.next.put(Event::Start(Tag::BlockQuote(None)), out);
        for event in ahead {
            self.put(event, out);
        }
    }

    /// An event inside a pull quote: kept if it is text or emphasis.
    fn inside(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        let State::Inside { kept, depth, hidden } = &mut self.state else {
            return;
        };
        match &event {
            Event::Start(Tag::BlockQuote(_)) => *depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                *depth -= 1;
                if *depth == 0 {
                    return self.close(out);
                }
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Image { .. }) => *hidden += 1,
            Event::End(TagEnd::Image) => *hidden = hidden.saturating_sub(1),
            _ if *hidden > 0 => {}
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => {}
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
            Event::Text(text) => kept.push(Event::Text(CowStr::from(source_refs::strip(&text)))),
            other => kept.push(other),
        }
    }

    /// Ends the pull quote being read: its HTML goes to the next step.
    fn close(&mut self, out: &mut Queue<'a>) {
        let State::Inside { kept, .. } = std::mem::replace(&mut self.state, State::Outside) else {
            return;
        };
        let mut html = String::from(PREFIX);
        html.push('\n');
        push_html(&mut html, kept.into_iter());
        html.push_str("</aside>\n");
        self.next.put(Event::Html(html.into()), out);
    }
}

impl<'a, N: Step<'a>> Step<'a> for Pullquotes<'a, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        if !self.on {
            return self.next.put(event, out);
        }
        match &mut self.state {
            State::Outside => match event {
                Event::Start(Tag::BlockQuote(None)) => self.state = State::Deciding(Vec::with_capacity(3)),
                event => self.next.put(event, out),
            },
            State::Deciding(ahead) => {
                ahead.push(event);
                if ahead.len() == 3 {
                    let ahead = std::mem::take(ahead);
                    self.decide(ahead, out);
                }
            }
            State::Inside { .. } => self.inside(event, out),
        }
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        // Fewer than three events after a blockquote's start: not a pull quote.
        while let State::Deciding(ahead) = &mut self.state {
            let ahead = std::mem::take(ahead);
            self.decide(ahead, out);
        }
        self.close(out);
        self.next.finish(out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::pipeline::{MergeText, Out, collect};
    use super::*;
    use crate::markdown::parser_options;
    use pulldown_cmark::Parser;

    fn run(markdown: &str) -> String {
        let mut html = String::new();
        let chain = MergeText::new(true, Pullquotes::new(true, Out));
        push_html(&mut html, collect(chain, Parser::new_ext(markdown, parser_options())).into_iter());
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
    fn a_pull_quote_inside_a_plain_blockquote() {
        // The outer quote is looked at, let go, and the inner one found in the events after it.
        assert_eq!(
            run("> > [!PULLQUOTE]\n> > Deterrence.\n"),
            "<blockquote>\n<aside class=\"pullquote\" aria-hidden=\"true\">\n<p>Deterrence.</p>\n</aside>\n</blockquote>\n"
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
