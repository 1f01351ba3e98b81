//! Chart and table blocks: a fenced block in `chart` or `table` becomes the finished HTML of
//! [`crate::charts`]. A block that fails is reported (document, line, column, data file, row,
//! column) and shown as its source in a code block, so nothing the author wrote is lost.

use std::path::PathBuf;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use super::DataContext;
use super::codeblocks::language;
use super::escape::push_text;
use super::pipeline::{Queue, Step};
use crate::charts::{self, Block};
use crate::error::{Diagnostic, Location};

/// Step turning chart and table blocks into HTML.
pub struct Charts<'e, 'c, N> {
    context: Option<DataContext<'c>>,
    /// Body text and 1-based line (within the Markdown) of each chart or table block, in
    /// source order; matched by text because footnotes move blocks around.
    blocks: Vec<(String, usize)>,
    count: usize,
    errors: &'e mut Vec<Diagnostic>,
    /// The block being read: what it is, its info string and its text so far.
    open: Option<(Block, String, String)>,
    next: N,
}

impl<'a, 'e, 'c, N: Step<'a>> Charts<'e, 'c, N> {
    pub fn new(markdown: &str, context: Option<DataContext<'c>>, errors: &'e mut Vec<Diagnostic>, next: N) -> Self {
        let blocks = if may_have_blocks(markdown) { block_lines(markdown) } else { Vec::new() };
        Charts { context, blocks, count: 0, errors, open: None, next }
    }

    /// Ends the open block: its HTML goes to the next step.
    fn close(&mut self, out: &mut Queue<'a>) {
        if let Some((block, info, text)) = self.open.take() {
            let html = self.render(block, &info, text);
            self.next.put(Event::Html(CowStr::from(html)), out);
        }
    }

    fn render(&mut self, block: Block, info: &str, text: String) -> String {
        self.count += 1;
        let line = match self.blocks.iter().position(|(body, _)| *body == text) {
            Some(i) => self.blocks.remove(i).1,
            None => 1,
        };
        let (document, body_line) = match &self.context {
            Some(c) => (c.document.to_path_buf(), c.body_line),
            None => (PathBuf::new(), 1),
        };
        let prefix = if block == Block::Chart { "chart" } else { "table" };
        let id = format!("{prefix}-{:08x}", crate::render::plan::fingerprint((&document, self.count, &text)) as u32);
        let result = match &self.context {
            Some(c) => charts::render(block, &text, &charts::Context { store: c.store, document: c.document }, &id),
            None => Err(charts::BlockError {
                line: 0,
                column: 1,
                message: "charts and tables need the site's data files, which this rendering has none of".into(),
                help: None,
            }),
        };
        match result {
            Ok(html) => html,
            Err(e) => {
                let at = Location::at(document, body_line + line - 1 + e.line, e.column);
                let mut d = Diagnostic::new(at, format!("{prefix}: {}", e.message));
                d.help = e.help;
                self.errors.push(d);
                let mut html = String::from("<pre class=\"code\" data-lang=\"");
                push_text(&mut html, language(info));
                html.push_str("\"><code>");
                push_text(&mut html, &text);
                html.push_str("</code></pre>\n");
                html
            }
        }
    }
}

impl<'a, N: Step<'a>> Step<'a> for Charts<'_, '_, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        match (&mut self.open, event) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))) => {
                match Block::from_language(language(&info)) {
                    Some(block) => self.open = Some((block, info.to_string(), String::new())),
                    None => self.next.put(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))), out),
                }
            }
            (None, event) => self.next.put(event, out),
            (Some(_), Event::End(TagEnd::CodeBlock)) => self.close(out),
            (Some((_, _, text)), Event::Text(t)) => text.push_str(&t),
            (Some(_), _) => {}
        }
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        self.close(out);
        self.next.finish(out);
    }
}

/// Cheap test before parsing a second time: a fence line whose info starts `chart` or `table`.
/// Only lines holding three backticks or tildes can be one; those are found with memmem, so a
/// document is not read line by line (which was 2 % of the Markdown stage).
fn may_have_blocks(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    [b"```", b"~~~"].iter().any(|fence| {
        memchr::memmem::find_iter(bytes, fence).any(|at| {
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            opens_block(&markdown[start..end])
        })
    })
}

/// Whether `line` is a fence (three or more backticks or tildes) whose info starts `chart` or
/// `table`.
fn opens_block(line: &str) -> bool {
    let t = line.trim_start();
    let rest = t.trim_start_matches('`');
    let rest = if rest.len() == t.len() { t.trim_start_matches('~') } else { rest };
    t.len() - rest.len() >= 3 && {
        let info = rest.trim_start();
        info.starts_with("chart") || info.starts_with("table")
    }
}

/// Every chart or table block with its body text and the line of its opening fence.
fn block_lines(markdown: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(markdown, super::parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if Block::from_language(language(&info)).is_some() =>
            {
                let line = 1 + markdown[..range.start].bytes().filter(|b| *b == b'\n').count();
                open = Some((String::new(), line));
            }
            Event::Text(t) => {
                if let Some((body, _)) = open.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fences_cheaply_and_exactly() {
        assert!(may_have_blocks("text\n\n```chart\ntype: bar\n```\n"));
        assert!(may_have_blocks("~~~ table\n~~~\n"));
        assert!(!may_have_blocks("a table of charts\n```rust\n```\n"));
        let md = "Intro\n\n```chart\ntitle: A\n```\n\n- item\n\n  ~~~table\n  data: x.csv\n  ~~~\n";
        assert_eq!(block_lines(md), [("title: A\n".to_string(), 3), ("data: x.csv\n".to_string(), 9)]);
    }

    proptest::proptest! {
        #[test]
        fn the_fence_search_agrees_with_reading_every_line(pieces in proptest::collection::vec(
            proptest::sample::select(&["```", "~~~", "``", "`", "~", " ", "\u{a0}", "\n", "\r\n", "chart", "table", "tab", "x"][..]),
            0..14,
        )) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(may_have_blocks(&text), text.lines().any(opens_block), "{:?}", text);
        }
    }
}
