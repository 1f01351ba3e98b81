//! Code blocks: fenced blocks highlighted by language, all wrapped alike.
//!
//! Every code block becomes one HTML event:
//! `<pre class="code" data-lang="rust"><code class="language-rust">…</code></pre>`
//! (without the language parts when the fence names none). Unknown languages
//! and anything syntect cannot or should not handle come out as escaped plain
//! text in the same wrapper.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::escape::{push_attr, push_text};
use super::highlight_cache::HighlightCache;
use super::pipeline::{Queue, Step, append};

/// Blocks larger than this are not highlighted: syntect runs at a few MB/s
/// and the page must still build in reasonable time.
const MAX_BLOCK_BYTES: usize = 256 * 1024;
/// Nor are blocks with a line longer than this (minified code), where
/// regex-based highlighting can turn slow.
const MAX_LINE_BYTES: usize = 4 * 1024;
/// Highlighting stops after this much code in one document; the rest is
/// plain. Measured: small blocks highlight at about 1 MB/s in release builds,
/// so this bounds highlighting at about a second per document.
const DOCUMENT_BUDGET_BYTES: usize = 1024 * 1024;

/// Step turning code blocks into finished HTML.
pub struct CodeBlocks<'a, 'c, N> {
    /// Bytes of code that may still be highlighted in this document.
    budget: usize,
    cache: Option<&'c HighlightCache>,
    /// Blocks to highlight later ([`super::later`]): each leaves a [`super::later::MARK`] where
    /// its highlighted code goes. `None`: highlighted here.
    later: Option<&'c mut Vec<super::later::Block>>,
    /// The block being read: its kind and its text so far.
    open: Option<(CodeBlockKind<'a>, CowStr<'a>)>,
    next: N,
}

impl<'a, 'c, N: Step<'a>> CodeBlocks<'a, 'c, N> {
    pub fn new(cache: Option<&'c HighlightCache>, later: Option<&'c mut Vec<super::later::Block>>, next: N) -> Self {
        Self { budget: DOCUMENT_BUDGET_BYTES, cache, later, open: None, next }
    }

    #[cfg(test)]
    fn with_budget(budget: usize, next: N) -> Self {
        Self { budget, cache: None, later: None, open: None, next }
    }

    /// Ends the open block: its HTML goes to the next step.
    fn close(&mut self, out: &mut Queue<'a>) {
        if let Some((kind, code)) = self.open.take() {
            let html = self.render(kind, &code);
            self.next.put(Event::Html(CowStr::from(html)), out);
        }
    }

    fn render(&mut self, kind: CodeBlockKind<'a>, code: &str) -> String {
        let lang = match &kind {
            CodeBlockKind::Fenced(info) => language(info),
            CodeBlockKind::Indented => "",
        };
        let mut html = String::with_capacity(code.len() * 2 + 64);
        if lang.is_empty() {
            html.push_str("<pre class=\"code\"><code>");
            push_text(&mut html, code);
        } else {
            html.push_str("<pre class=\"code\" data-lang=\"");
            push_attr(&mut html, lang);
            html.push_str("\"><code class=\"language-");
            push_attr(&mut html, lang);
            html.push_str("\">");
            if !self.affordable(code) {
                push_text(&mut html, code);
            } else if let Some(later) = &mut self.later {
                html.push(super::later::MARK);
                later.push(super::later::Block { lang: lang.to_string(), code: code.to_string() });
            } else {
                match super::later::highlight_block(lang, code, self.cache) {
                    Some(highlighted) => html.push_str(&highlighted),
                    None => push_text(&mut html, code),
                }
            }
        }
        html.push_str("</code></pre>\n");
        html
    }

    /// Whether the block may be highlighted; if so, its size comes off the document's budget.
    fn affordable(&mut self, code: &str) -> bool {
        let affordable = code.len() <= MAX_BLOCK_BYTES
            && code.len() <= self.budget
            && code.lines().all(|line| line.len() <= MAX_LINE_BYTES);
        if affordable {
            self.budget -= code.len();
        }
        affordable
    }
}

impl<'a, N: Step<'a>> Step<'a> for CodeBlocks<'a, '_, N> {
    #[inline(always)]
    fn put(&mut self, event: Event<'a>, out: &mut Queue<'a>) {
        match (&mut self.open, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => self.open = Some((kind, CowStr::Borrowed(""))),
            (None, event) => self.next.put(event, out),
            (Some(_), Event::End(TagEnd::CodeBlock)) => self.close(out),
            (Some((_, code)), Event::Text(text)) => append(code, text),
            (Some(_), _) => {}
        }
    }

    fn finish(&mut self, out: &mut Queue<'a>) {
        self.close(out);
        self.next.finish(out);
    }
}

/// The language of an info string: its first word, cut at a comma too
/// (`rust,ignore`, `rust title=x` → `rust`).
pub(super) fn language(info: &str) -> &str {
    info.split(|c: char| c.is_whitespace() || c == ',').find(|word| !word.is_empty()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::super::pipeline;
    use super::*;
    use pulldown_cmark::{Parser, html::push_html};

    fn run(markdown: &str) -> String {
        let mut html = String::new();
        push_html(
            &mut html,
            pipeline::collect(CodeBlocks::new(None, None, pipeline::Out), Parser::new(markdown)).into_iter(),
        );
        html
    }

    #[test]
    fn known_language_is_highlighted() {
        let html = run("```rust\nlet x = 1;\n```\n");
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code class=\"language-rust\"><span class=\"hl-source hl-rust\">"),
            "{html}"
        );
        assert!(html.ends_with("</span></code></pre>\n"), "{html}");
    }

    #[test]
    fn language_is_first_word_of_info() {
        for info in ["rust,ignore", "rust title=x", " rust "] {
            let html = run(&format!("```{info}\nfn f() {{}}\n```\n"));
            assert!(html.contains("data-lang=\"rust\""), "{info}: {html}");
            assert!(html.contains("hl-rust"), "{info}: {html}");
        }
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        assert_eq!(
            run("```klingon\na < b\n```\n"),
            "<pre class=\"code\" data-lang=\"klingon\"><code class=\"language-klingon\">a &lt; b\n</code></pre>\n"
        );
    }

    #[test]
    fn no_language_and_indented_are_plain() {
        assert_eq!(run("```\n<b>\n```\n"), "<pre class=\"code\"><code>&lt;b&gt;\n</code></pre>\n");
        assert_eq!(run("    x & y\n"), "<pre class=\"code\"><code>x &amp; y\n</code></pre>\n");
    }

    #[test]
    fn language_attribute_is_escaped() {
        let html = run("```a\"b\nx\n```\n");
        assert!(html.contains("data-lang=\"a&quot;b\""), "{html}");
    }

    #[test]
    fn oversized_blocks_skip_highlighting() {
        let long_line = format!("```rust\nlet s = \"{}\";\n```\n", "x".repeat(MAX_LINE_BYTES + 1));
        assert!(!run(&long_line).contains("hl-"));
        let big = format!("```rust\n{}```\n", "let x = 1;\n".repeat(MAX_BLOCK_BYTES / 10));
        assert!(!run(&big).contains("hl-"));
    }

    #[test]
    fn budget_runs_out_per_document() {
        let block = "```rust\nlet x = 1;\n```\n\n".repeat(5);
        let mut html = String::new();
        let events = pipeline::collect(CodeBlocks::with_budget(25, pipeline::Out), Parser::new(&block));
        push_html(&mut html, events.into_iter());
        assert_eq!(html.matches("hl-source").count(), 2);
        assert_eq!(html.matches("<pre").count(), 5);
    }
}
