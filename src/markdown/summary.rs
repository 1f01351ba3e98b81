//! The `<!-- more -->` summary, the first paragraph, and writing the HTML.
//!
//! [`Marks`] runs first, on the parser's own events, where nesting is plain
//! to see: it replaces a top-level `<!-- more -->` block with a sentinel event
//! and wraps the inside of the first top-level paragraph in two more. [`write`]
//! runs last: it renders everything to HTML and uses the sentinels to also
//! render the summary and the first paragraph on their own. Those two are
//! meant for list pages and feeds, where ids would repeat across posts, so
//! they leave out heading anchors, heading ids and footnote references.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd, html::push_html};

use super::footnotes::REF_PREFIX;
use super::headings::ANCHOR_PREFIX;
use super::pipeline::{Queue, Step};

/// A place in the event stream that [`write`] must notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    More,
    ParagraphStart,
    ParagraphEnd,
}

// Sentinels are told apart by address, not text, so nothing an author writes
// can pass for one; if one ever leaked out it would be a harmless comment.
static MORE: &str = "<!-- folio:more -->";
static PARAGRAPH_START: &str = "<!-- folio:first-paragraph -->";
static PARAGRAPH_END: &str = "<!-- folio:/first-paragraph -->";

fn sentinel(mark: Mark) -> Event<'static> {
    let text: &'static str = match mark {
        Mark::More => MORE,
        Mark::ParagraphStart => PARAGRAPH_START,
        Mark::ParagraphEnd => PARAGRAPH_END,
    };
    Event::Html(CowStr::Borrowed(text))
}

fn mark_of(event: &Event<'_>) -> Option<Mark> {
    let Event::Html(CowStr::Borrowed(text)) = event else {
        return None;
    };
    [(Mark::More, MORE), (Mark::ParagraphStart, PARAGRAPH_START), (Mark::ParagraphEnd, PARAGRAPH_END)]
        .into_iter()
        .find(|(_, sentinel)| std::ptr::eq(*text, *sentinel))
        .map(|(mark, _)| mark)
}

/// `<!-- more -->`, with any whitespace around or inside the comment.
fn is_more_marker(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim().eq_ignore_ascii_case("more"))
}

/// Step placing the sentinels; see the module docs.
pub struct Marks<'a, N> {
    /// After a top-level HTML block's start: the events after it, up to three, to tell
    /// whether it is the marker (pulldown-cmark reports indentation before the comment as a
    /// separate text event).
    pending: Option<Vec<Event<'a>>>,
    depth: usize,
    in_first_paragraph: bool,
    seen_paragraph: bool,
    seen_more: bool,
    next: N,
}

impl<'a, N: Step<'a>> Marks<'a, N> {
    pub fn new(next: N) -> Self {
        Self { pending: None, depth: 0, in_first_paragraph: false, seen_paragraph: false, seen_more: false, next }
    }

    /// With the events after an HTML block's start: the marker is replaced by its sentinel,
    /// or the block goes on as it was.
    fn decide(&mut self, ahead: Vec<Event<'a>>, out: &mut Queue<'a>) {
        let indent = usize::from(matches!(ahead.first(), Some(Event::Text(text)) if text.trim().is_empty()));
        let found = matches!(
            (ahead.get(indent), ahead.get(indent + 1)),
            (Some(Event::Html(text)), Some(Event::End(TagEnd::HtmlBlock))) if is_more_marker(text)
        );
        let rest = if found {
            self.seen_more = true;
            self.next.put(sentinel(Mark::More), out);
            indent + 2
        } else {
            self.depth += 1;
            self.next.put(Event::Start(Tag::HtmlBlock), out);
            0
        };
        for event in ahead.into_iter().skip(rest) {
            self.put(event, out);
        }
    }
}

impl<'a, N: Step<'a>> Step<'a> for Marks<'a, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        if let Some(ahead) = &mut self.pending {
            ahead.push(event);
            if ahead.len() == 3 {
                let ahead = std::mem::take(ahead);
                self.pending = None;
                self.decide(ahead, out);
            }
            return;
        }
        match &event {
            Event::Start(Tag::Paragraph) if self.depth == 0 && !self.seen_paragraph => {
                self.seen_paragraph = true;
                self.in_first_paragraph = true;
                self.depth = 1;
                self.next.put(event, out);
                return self.next.put(sentinel(Mark::ParagraphStart), out);
            }
            Event::End(TagEnd::Paragraph) if self.depth == 1 && self.in_first_paragraph => {
                self.in_first_paragraph = false;
                self.depth = 0;
                self.next.put(sentinel(Mark::ParagraphEnd), out);
            }
            Event::Start(Tag::HtmlBlock) if self.depth == 0 && !self.seen_more => {
                self.pending = Some(Vec::with_capacity(3));
                return;
            }
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.next.put(event, out);
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        // Fewer than three events after an HTML block's start.
        while let Some(ahead) = self.pending.take() {
            self.decide(ahead, out);
        }
        self.next.finish(out);
    }
}

/// Stops at the next sentinel, remembering which one it was.
struct Segment<'s, I> {
    inner: &'s mut I,
    hit: Option<Mark>,
}

impl<'s, I> Segment<'s, I> {
    fn new(inner: &'s mut I) -> Self {
        Self { inner, hit: None }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Segment<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if self.hit.is_some() {
            return None;
        }
        let event = self.inner.next()?;
        match mark_of(&event) {
            Some(mark) => {
                self.hit = Some(mark);
                None
            }
            None => Some(event),
        }
    }
}

/// The HTML of a document and of its two excerpts.
#[derive(Debug, Default)]
pub struct Written {
    pub html: String,
    pub summary: Option<String>,
    pub first_paragraph: Option<String>,
}

/// Renders `events` (which carry [`Marks`] sentinels). `may_have_more` is a
/// cheap hint from the source text: only then are the events before the
/// marker held back, to be rendered a second time as the summary.
pub fn write<'a>(mut events: impl Iterator<Item = Event<'a>>, capacity: usize, may_have_more: bool) -> Written {
    let mut out = Written { html: String::with_capacity(capacity), ..Written::default() };
    let mut held: Option<Vec<Event<'a>>> = may_have_more.then(Vec::new);
    loop {
        let mut segment = Segment::new(&mut events);
        match held.as_mut() {
            Some(held) => held.extend(segment.by_ref()),
            None => push_html(&mut out.html, segment.by_ref()),
        }
        match segment.hit {
            None => break,
            Some(Mark::More) => {
                if let Some(held) = held.take() {
                    out.summary = Some(excerpt(&held));
                    push_html(&mut out.html, held.into_iter());
                }
            }
            Some(Mark::ParagraphStart) => {
                // Pulls the paragraph's inside up to the end sentinel.
                let inside: Vec<Event<'a>> = Segment::new(&mut events).collect();
                out.first_paragraph = Some(excerpt(&inside));
                match held.as_mut() {
                    Some(held) => held.extend(inside),
                    None => push_html(&mut out.html, inside.into_iter()),
                }
            }
            Some(Mark::ParagraphEnd) => {}
        }
    }
    if let Some(held) = held {
        push_html(&mut out.html, held.into_iter());
    }
    out
}

/// Renders events for use away from the page: no ids, anchors or footnotes.
fn excerpt(events: &[Event<'_>]) -> String {
    let mut html = String::new();
    push_html(&mut html, events.iter().filter_map(without_ids));
    html
}

fn without_ids<'a>(event: &Event<'a>) -> Option<Event<'a>> {
    match event {
        Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
            Some(Event::Start(Tag::Heading { level: *level, id: None, classes: classes.clone(), attrs: attrs.clone() }))
        }
        Event::InlineHtml(html)
            if html.starts_with(ANCHOR_PREFIX)
                || html.starts_with(REF_PREFIX)
                || html.starts_with(super::source_refs::PREFIX) =>
        {
            None
        }
        Event::Html(html) if html.starts_with(super::pullquotes::PREFIX) => None,
        other => Some(other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::pipeline::{Out, Pump};
    use super::*;
    use pulldown_cmark::Parser;

    fn run(markdown: &str) -> Written {
        write(Pump::new(Parser::new(markdown), Marks::new(Out)), 0, markdown.contains("<!--"))
    }

    #[test]
    fn marker_splits_summary_and_leaves_no_trace() {
        let out = run("One *two*\n\n<!-- more -->\n\nThree\n");
        assert_eq!(out.summary.as_deref(), Some("<p>One <em>two</em></p>\n"));
        assert_eq!(out.html, "<p>One <em>two</em></p>\n<p>Three</p>\n");
    }

    #[test]
    fn marker_right_after_another_html_block() {
        // The first block is looked at, let go, and the marker found in the events after it.
        let out = run("<!-- other -->\n\n<!-- more -->\n\nB\n");
        assert_eq!(out.summary.as_deref(), Some("<!-- other -->\n"));
        assert_eq!(out.html, "<!-- other -->\n<p>B</p>\n");
        assert_eq!(out.first_paragraph.as_deref(), Some("B"));
    }

    #[test]
    fn marker_whitespace_variants() {
        for marker in ["<!--more-->", "  <!--   more -->  ", "<!-- MORE -->"] {
            let out = run(&format!("A\n\n{marker}\n\nB\n"));
            assert_eq!(out.summary.as_deref(), Some("<p>A</p>\n"), "{marker}");
        }
    }

    #[test]
    fn marker_right_after_a_paragraph_line() {
        let out = run("A\n<!-- more -->\nB\n");
        assert_eq!(out.summary.as_deref(), Some("<p>A</p>\n"));
        assert_eq!(out.html, "<p>A</p>\n<p>B</p>\n");
    }

    #[test]
    fn no_marker_no_summary() {
        assert_eq!(run("A\n\n<!-- less -->\n").summary, None);
        assert_eq!(run("A\n").summary, None);
    }

    #[test]
    fn nested_marker_is_ignored() {
        let out = run("> A\n>\n> <!-- more -->\n\nB\n");
        assert_eq!(out.summary, None);
        assert!(out.html.contains("<!-- more -->"));
    }

    #[test]
    fn only_first_marker_counts() {
        let out = run("A\n\n<!-- more -->\n\nB\n\n<!-- more -->\n\nC\n");
        assert_eq!(out.summary.as_deref(), Some("<p>A</p>\n"));
        assert_eq!(out.html.matches("<!-- more -->").count(), 1);
    }

    #[test]
    fn summary_is_well_formed_around_lists() {
        let out = run("- a\n- b\n\n<!-- more -->\n\n- c\n");
        assert_eq!(out.summary.as_deref(), Some("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"));
    }

    #[test]
    fn first_paragraph_is_inner_html_of_first_top_level_paragraph() {
        let out = run("# T\n\n> quoted\n\nFirst *one*.\n\nSecond.\n");
        assert_eq!(out.first_paragraph.as_deref(), Some("First <em>one</em>."));
        assert_eq!(
            out.html,
            "<h1>T</h1>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>First <em>one</em>.</p>\n<p>Second.</p>\n"
        );
        assert_eq!(run("# Only a title\n").first_paragraph, None);
    }

    #[test]
    fn excerpts_drop_ids_anchors_and_footnote_refs() {
        let events = vec![
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H2,
                id: Some("x".into()),
                classes: vec![],
                attrs: vec![],
            }),
            Event::Text("X".into()),
            Event::InlineHtml(format!("{ANCHOR_PREFIX} href=\"#x\">#</a>").into()),
            Event::InlineHtml(format!("{REF_PREFIX}<a>1</a></sup>").into()),
            Event::End(TagEnd::Heading(pulldown_cmark::HeadingLevel::H2)),
        ];
        assert_eq!(excerpt(&events), "<h2>X</h2>\n");
    }

    #[test]
    fn author_text_cannot_fake_a_sentinel() {
        let out = run(&format!("{MORE}\n\nA\n"));
        assert!(out.html.contains(MORE));
        assert_eq!(out.summary, None);
    }
}
