//! Source references: `[[source:2]]` in the text becomes a superscript link to the second
//! entry of the post's `sources:` list (`<li id="source-2">`). `[^1]` is taken by footnotes,
//! so sources get their own, unmistakable spelling; it works in footnotes too.
//!
//! References inside code, image descriptions and pull quotes stay as they are; inside a link
//! the number is shown without a link of its own (nested links are invalid HTML). Whether the
//! number exists is checked when the file is read ([`super::checks`]), so a build never
//! links to a source that is not there.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::pipeline::{Queue, Step};

/// How every source reference starts; the summary writer drops these, as it does footnotes.
pub const PREFIX: &str = "<sup class=\"source-ref\">";

const OPEN: &str = "[[source:";

/// Cheap test on the whole Markdown: a document without `[[source:` turns this step off.
pub fn may_have_refs(markdown: &str) -> bool {
    memchr::memmem::find(markdown.as_bytes(), OPEN.as_bytes()).is_some()
}

/// A run of text cut at its source references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'t> {
    Text(&'t str),
    /// A well-formed reference: its number and its text as written.
    Ref(usize, &'t str),
    /// Starts like a reference but is not one (`[[source:x]]`, `[[source:]]`): its text.
    Malformed(&'t str),
}

/// Cuts `text` at each `[[source:N]]`.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        if at > 0 {
            out.push(Piece::Text(&rest[..at]));
        }
        let after = &rest[at + OPEN.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let number = after[..digits].parse::<usize>().ok().filter(|_| digits <= 6);
        match number {
            Some(n) if after[digits..].starts_with("]]") => {
                let len = OPEN.len() + digits + 2;
                out.push(Piece::Ref(n, &rest[at..at + len]));
                rest = &rest[at + len..];
            }
            _ => {
                // Up to the closing brackets if they are near, so the message shows what was written.
                let end = after.find("]]").filter(|&e| e <= 20).map_or(0, |e| e + 2);
                out.push(Piece::Malformed(&rest[at..at + OPEN.len() + end]));
                rest = &rest[at + OPEN.len() + end..];
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The text of `text` with its references left out (for pull quotes and comparisons).
pub fn strip(text: &str) -> String {
    pieces(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Malformed(t) => t,
            Piece::Ref(..) => "",
        })
        .collect()
}

fn reference(n: usize, in_link: bool) -> String {
    if in_link {
        format!("{PREFIX}[{n}]</sup>")
    } else {
        format!("{PREFIX}<a href=\"#source-{n}\" aria-label=\"Source {n}\">[{n}]</a></sup>")
    }
}

/// Step turning references in prose into links. Expects merged text events; `on: false`
/// (a document without references) passes events through untouched.
pub struct SourceRefs<N> {
    on: bool,
    /// Inside a code block or an image description: text is left alone.
    literal: usize,
    links: usize,
    next: N,
}

impl<N> SourceRefs<N> {
    pub fn new(on: bool, next: N) -> Self {
        Self { on, literal: 0, links: 0, next }
    }
}

impl<'a, N: Step<'a>> Step<'a> for SourceRefs<N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        if !self.on {
            return self.next.put(event, out);
        }
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => self.literal += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => self.literal = self.literal.saturating_sub(1),
            Event::Start(Tag::Link { .. }) => self.links += 1,
            Event::End(TagEnd::Link) => self.links = self.links.saturating_sub(1),
            Event::Text(text) if self.literal == 0 && text.contains(OPEN) => {
                for piece in pieces(text) {
                    let event = match piece {
                        Piece::Text(t) | Piece::Malformed(t) => Event::Text(CowStr::from(t.to_string())),
                        Piece::Ref(n, _) => Event::InlineHtml(reference(n, self.links > 0).into()),
                    };
                    self.next.put(event, out);
                }
                return;
            }
            _ => {}
        }
        self.next.put(event, out);
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        self.next.finish(out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::pipeline::{MergeText, Out, collect};
    use super::*;
    use crate::markdown::parser_options;
    use pulldown_cmark::{Parser, html::push_html};

    fn run(markdown: &str) -> String {
        let mut html = String::new();
        let chain = MergeText::new(true, SourceRefs::new(true, Out));
        push_html(&mut html, collect(chain, Parser::new_ext(markdown, parser_options())).into_iter());
        html
    }

    #[test]
    fn references_become_superscript_links() {
        assert_eq!(
            run("Claim.[[source:2]] More[[source:10]]"),
            "<p>Claim.<sup class=\"source-ref\"><a href=\"#source-2\" aria-label=\"Source 2\">[2]</a></sup> \
             More<sup class=\"source-ref\"><a href=\"#source-10\" aria-label=\"Source 10\">[10]</a></sup></p>\n"
        );
    }

    #[test]
    fn code_and_malformed_references_stay_text() {
        assert_eq!(run("`[[source:1]]`"), "<p><code>[[source:1]]</code></p>\n");
        assert_eq!(run("```\n[[source:1]]\n```\n"), "<pre><code>[[source:1]]\n</code></pre>\n");
        assert_eq!(run("[[source:x]] [[source:]]"), "<p>[[source:x]] [[source:]]</p>\n");
    }

    #[test]
    fn inside_a_link_the_number_is_not_a_second_link() {
        assert_eq!(
            run("[see [[source:1]]](https://e.org)"),
            "<p><a href=\"https://e.org\">see <sup class=\"source-ref\">[1]</sup></a></p>\n"
        );
    }

    #[test]
    fn pieces_and_strip() {
        assert_eq!(
            pieces("a[[source:1]]b[[source:q]]"),
            vec![Piece::Text("a"), Piece::Ref(1, "[[source:1]]"), Piece::Text("b"), Piece::Malformed("[[source:q]]")]
        );
        assert_eq!(strip("one[[source:3]] two"), "one two");
        assert_eq!(pieces("[[source:1234567]]")[0], Piece::Malformed("[[source:1234567]]"));
    }
}
