//! Footnotes: numbered references with unique ids, definitions gathered into
//! one `<section class="footnotes">` at the end with a back-link per reference.
//!
//! pulldown-cmark already leaves a reference to an undefined footnote as
//! literal text, so this step only sees references that resolve.
//! Definitions that nothing refers to are dropped, as on GitHub.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::ids::{IdSet, slugify};
use super::pipeline::{Queue, Step};

/// How every footnote reference starts; the summary writer drops these.
pub const REF_PREFIX: &str = "<sup class=\"footnote-ref\">";

/// A referenced footnote, numbered in order of first reference.
struct Note {
    key: String,
    /// The unique part shared by `fn-NAME` and `fnref-NAME…`.
    name: String,
    ref_ids: Vec<String>,
}

/// Step rewriting footnote references and moving definitions to the end.
pub struct Footnotes<'a, N> {
    ids: IdSet,
    number_of: HashMap<String, usize>,
    notes: Vec<Note>,
    definitions: HashMap<String, Vec<Event<'a>>>,
    /// Definitions being read; a stack because pulldown-cmark lets one
    /// definition sit inside another's container.
    open: Vec<(String, Vec<Event<'a>>)>,
    /// Links being read: a reference inside one cannot be a link itself.
    link_depth: usize,
    next: N,
}

impl<'a, N: Step<'a>> Footnotes<'a, N> {
    pub fn new(next: N) -> Self {
        Self {
            ids: IdSet::default(),
            number_of: HashMap::new(),
            notes: Vec::new(),
            definitions: HashMap::new(),
            open: Vec::new(),
            link_depth: 0,
            next,
        }
    }

    /// Hands `event` on, or keeps it in the definition being read.
    fn pass(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        match self.open.last_mut() {
            Some((_, body)) => body.push(event),
            None => self.next.put(event, out),
        }
    }

    /// The HTML of one reference to `label`, claiming its ids.
    fn reference(&mut self, label: &str) -> String {
        let key = label_key(label);
        let index = match self.number_of.get(&key) {
            Some(&index) => index,
            None => {
                let id = self.ids.claim(format!("fn-{}", slugify(label, "note")));
                self.notes.push(Note { key: key.clone(), name: id["fn-".len()..].to_owned(), ref_ids: Vec::new() });
                self.number_of.insert(key, self.notes.len() - 1);
                self.notes.len() - 1
            }
        };
        let note = &mut self.notes[index];
        let nth = note.ref_ids.len() + 1;
        let base = if nth == 1 { format!("fnref-{}", note.name) } else { format!("fnref-{}-{nth}", note.name) };
        let ref_id = self.ids.claim(base);
        let html = if self.link_depth > 0 {
            // Nested `<a>` is invalid HTML: the id moves to the `<sup>` so the
            // back-link still has a target.
            format!("<sup class=\"footnote-ref\" id=\"{ref_id}\">{}</sup>", index + 1)
        } else {
            format!("{REF_PREFIX}<a href=\"#fn-{}\" id=\"{ref_id}\">{}</a></sup>", note.name, index + 1)
        };
        note.ref_ids.push(ref_id);
        html
    }

    fn track_links(&mut self, event: &Event<'a>) {
        match event {
            Event::Start(Tag::Link { .. }) => self.link_depth += 1,
            Event::End(TagEnd::Link) => self.link_depth = self.link_depth.saturating_sub(1),
            _ => {}
        }
    }

    /// Events of the footnotes section, or none if nothing was referenced.
    fn section(&mut self) -> Vec<Event<'a>> {
        let mut events = Vec::new();
        for (index, note) in self.notes.iter().enumerate() {
            let Some(body) = self.definitions.remove(&note.key) else {
                continue;
            };
            events.push(html(format!("<li id=\"fn-{}\">\n", note.name)));
            push_with_backlinks(&mut events, body, &backlinks(index + 1, &note.ref_ids));
            events.push(html("</li>\n".to_owned()));
        }
        if !events.is_empty() {
            events.insert(0, html("<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n".to_owned()));
            events.push(html("</ol>\n</section>\n".to_owned()));
        }
        events
    }
}

impl<'a, N: Step<'a>> Step<'a> for Footnotes<'a, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => self.open.push((label_key(&label), Vec::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((key, body)) = self.open.pop() {
                    // The first definition of a label wins, as in CommonMark.
                    self.definitions.entry(key).or_insert(body);
                }
            }
            Event::FootnoteReference(label) => {
                let html = self.reference(&label);
                self.pass(Event::InlineHtml(CowStr::from(html)), out);
            }
            event => {
                self.track_links(&event);
                self.pass(event, out);
            }
        }
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        for event in self.section() {
            self.next.put(event, out);
        }
        self.next.finish(out);
    }
}

/// Labels match case-insensitively, like link labels.
fn label_key(label: &str) -> String {
    label.to_lowercase()
}

fn html<'a>(text: String) -> Event<'a> {
    Event::Html(CowStr::from(text))
}

/// One back-link per reference, in reference order.
fn backlinks(number: usize, ref_ids: &[String]) -> String {
    let mut out = String::new();
    for (i, ref_id) in ref_ids.iter().enumerate() {
        // U+FE0E keeps the arrow from turning into an emoji on some systems.
        let _ = if i == 0 {
            write!(
                out,
                " <a href=\"#{ref_id}\" class=\"footnote-backref\" \
                 aria-label=\"Back to reference {number}\">↩\u{FE0E}</a>"
            )
        } else {
            write!(
                out,
                " <a href=\"#{ref_id}\" class=\"footnote-backref\" \
                 aria-label=\"Back to reference {number} ({})\">↩\u{FE0E}<sup>{}</sup></a>",
                i + 1,
                i + 1
            )
        };
    }
    out
}

/// Appends a definition's events with the back-links inside its last
/// paragraph, or in a paragraph of their own when it ends with another block.
fn push_with_backlinks<'a>(events: &mut Vec<Event<'a>>, mut body: Vec<Event<'a>>, links: &str) {
    if matches!(body.last(), Some(Event::End(TagEnd::Paragraph))) {
        let end = body.pop();
        events.extend(body);
        events.push(Event::InlineHtml(CowStr::from(links.to_owned())));
        events.extend(end);
    } else {
        events.extend(body);
        events.push(Event::Start(Tag::Paragraph));
        events.push(Event::InlineHtml(CowStr::from(links.trim_start().to_owned())));
        events.push(Event::End(TagEnd::Paragraph));
    }
}

#[cfg(test)]
mod tests {
    use super::super::pipeline;
    use super::*;
    use pulldown_cmark::{Options, Parser, html::push_html};

    fn run(markdown: &str) -> String {
        let mut html = String::new();
        let events = Parser::new_ext(markdown, Options::ENABLE_FOOTNOTES);
        push_html(&mut html, pipeline::collect(Footnotes::new(pipeline::Out), events).into_iter());
        html
    }

    #[test]
    fn reference_and_definition_with_backlink() {
        let html = run("Claim.[^src]\n\n[^src]: A source.\n");
        assert_eq!(
            html,
            "<p>Claim.<sup class=\"footnote-ref\"><a href=\"#fn-src\" id=\"fnref-src\">1</a></sup></p>\n\
             <section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n<li id=\"fn-src\">\n\
             <p>A source. <a href=\"#fnref-src\" class=\"footnote-backref\" \
             aria-label=\"Back to reference 1\">↩\u{FE0E}</a></p>\n</li>\n</ol>\n</section>\n"
        );
    }

    #[test]
    fn numbered_by_first_reference_not_definition_order() {
        let html = run("[^b] then [^a]\n\n[^a]: A\n\n[^b]: B\n");
        assert!(html.contains("href=\"#fn-b\" id=\"fnref-b\">1<"));
        assert!(html.contains("href=\"#fn-a\" id=\"fnref-a\">2<"));
        let b = html.find("<li id=\"fn-b\">").unwrap();
        let a = html.find("<li id=\"fn-a\">").unwrap();
        assert!(b < a);
    }

    #[test]
    fn multiple_references_get_unique_ids_and_backlinks() {
        let html = run("x[^n] y[^n] z[^N]\n\n[^n]: Note.\n");
        assert!(html.contains("id=\"fnref-n\">1<"));
        assert!(html.contains("id=\"fnref-n-2\">1<"));
        assert!(html.contains("id=\"fnref-n-3\">1<"));
        assert!(html.contains("href=\"#fnref-n\" class=\"footnote-backref\""));
        assert!(html.contains("href=\"#fnref-n-2\" class=\"footnote-backref\" aria-label=\"Back to reference 1 (2)\""));
        assert!(html.contains("href=\"#fnref-n-3\""));
    }

    #[test]
    fn reference_inside_link_is_not_a_nested_link() {
        // pulldown-cmark does not produce this today; other sources might.
        let events = vec![
            Event::Start(Tag::Paragraph),
            Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url: "/x".into(),
                title: "".into(),
                id: "".into(),
            }),
            Event::FootnoteReference("n".into()),
            Event::End(TagEnd::Link),
            Event::FootnoteReference("n".into()),
            Event::End(TagEnd::Paragraph),
            Event::Start(Tag::FootnoteDefinition("n".into())),
            Event::Text("N".into()),
            Event::End(TagEnd::FootnoteDefinition),
        ];
        let mut html = String::new();
        push_html(&mut html, pipeline::collect(Footnotes::new(pipeline::Out), events).into_iter());
        assert!(html.starts_with("<p><a href=\"/x\"><sup class=\"footnote-ref\" id=\"fnref-n\">1</sup></a>"), "{html}");
        assert!(html.contains("id=\"fnref-n-2\">1</a>"), "{html}");
    }

    #[test]
    fn missing_definition_stays_literal() {
        let html = run("See [^nope].\n");
        assert_eq!(html, "<p>See [^nope].</p>\n");
    }

    #[test]
    fn unreferenced_definitions_are_dropped() {
        let html = run("Text.\n\n[^lonely]: Nobody cites me.\n");
        assert_eq!(html, "<p>Text.</p>\n");
    }

    #[test]
    fn backlink_gets_own_paragraph_after_non_paragraph_block() {
        let html = run("x[^c]\n\n[^c]: Intro.\n\n    ```\n    code\n    ```\n");
        assert!(html.contains("</code></pre>\n<p><a href=\"#fnref-c\""), "{html}");
    }

    #[test]
    fn labels_that_slug_alike_get_distinct_ids() {
        let html = run("[^a b] [^a-b]\n\n[^a b]: one\n\n[^a-b]: two\n");
        assert!(html.contains("<li id=\"fn-a-b\">"));
        assert!(html.contains("<li id=\"fn-a-b-1\">"));
        assert!(html.contains("id=\"fnref-a-b-1\""));
    }

    #[test]
    fn second_reference_id_does_not_clash_with_other_label() {
        // `[^x]` twice wants fnref-x-2, which footnote `x-2` also wants.
        let html = run("[^x-2] [^x] [^x]\n\n[^x]: a\n\n[^x-2]: b\n");
        let count = html.matches("id=\"fnref-x-2\"").count();
        assert_eq!(count, 1, "{html}");
        assert!(html.contains("id=\"fnref-x-2-1\""));
    }
}
