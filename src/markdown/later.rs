//! Code highlighted for a whole site at once, grouped by language.
//!
//! Highlighting is the largest share of a build with code in it, and most of its time goes to
//! the grammar's regexes and tables. Highlighted where each block stands, one post after the
//! other, the grammar of one block is pushed out of the processor's caches by the prose and
//! the other languages before the next block of its language comes: the 10,000-post benchmark
//! corpus's 4,814 blocks took 551 ms on one thread in the posts' order and 423 ms grouped by
//! language. So a build renders each document with a [`MARK`] where each block's highlighted
//! code goes ([`super::render_checked_later`]), and once a chunk of documents is rendered,
//! [`finish_code`] highlights their blocks language by language and puts each one in its place.
//! The HTML is the same as highlighting each block in place (a test checks it).

use super::escape::push_text;
use super::highlight::highlight;
use super::{HighlightCache, Html, Rendered};

/// Where a block's highlighted code goes: a character that no rendered HTML holds unless its
/// Markdown does (such a document is highlighted in place).
pub(crate) const MARK: char = '\0';

/// A code block to highlight.
pub(crate) struct Block {
    pub(crate) lang: String,
    pub(crate) code: String,
}

/// A rendered document whose code blocks are still to be highlighted.
pub struct Later {
    pub(crate) rendered: Rendered,
    /// In the order of their marks.
    pub(crate) blocks: Vec<Block>,
}

/// Highlights the code of the documents (`None`: nothing to do) on this thread and gives each
/// one's [`Rendered`], in the same order. `cache` keeps highlighted code between builds. A site
/// is done in chunks of documents on each thread (see `site.rs`): all its highlighted code held
/// at once would be tens of megabytes more at the peak.
pub fn finish_code(docs: Vec<Option<Later>>, cache: Option<&HighlightCache>) -> Vec<Option<Rendered>> {
    let blocks = |d: usize| docs[d].as_ref().map_or(&[][..], |l| &l.blocks[..]);
    // Every block, by language, then in the order of the documents (a stable sort).
    let mut order: Vec<(usize, usize)> =
        (0..docs.len()).flat_map(|d| (0..blocks(d).len()).map(move |b| (d, b))).collect();
    order.sort_by(|x, y| blocks(x.0)[x.1].lang.cmp(&blocks(y.0)[y.1].lang));
    let highlighted: Vec<Option<String>> = order
        .iter()
        .map(|&(d, b)| {
            let block = &blocks(d)[b];
            highlight_block(&block.lang, &block.code, cache)
        })
        .collect();
    let mut per_doc: Vec<Vec<Option<String>>> = (0..docs.len()).map(|d| vec![None; blocks(d).len()]).collect();
    for ((d, b), html) in order.into_iter().zip(highlighted) {
        per_doc[d][b] = html;
    }
    docs.into_iter().zip(per_doc).map(|(doc, html)| doc.map(|doc| doc.fill(&html))).collect()
}

impl Later {
    /// The document with its blocks highlighted now, on its own.
    pub fn finish(self, cache: Option<&HighlightCache>) -> Rendered {
        let highlighted: Vec<Option<String>> =
            self.blocks.iter().map(|block| highlight_block(&block.lang, &block.code, cache)).collect();
        self.fill(&highlighted)
    }

    /// The document with each mark replaced by its block's highlighted code, or by the code
    /// escaped when it could not be highlighted.
    fn fill(self, highlighted: &[Option<String>]) -> Rendered {
        let mut rendered = self.rendered;
        if self.blocks.is_empty() {
            return rendered;
        }
        let html = fill(&rendered.html.read(), &self.blocks, highlighted);
        rendered.html = Html::new(html);
        // The summary holds the blocks before `<!-- more -->`, the first ones.
        rendered.summary_html = rendered.summary_html.map(|s| fill(&s, &self.blocks, highlighted));
        rendered
    }
}

/// A block's highlighted code, from the cache when it holds it.
pub(crate) fn highlight_block(lang: &str, code: &str, cache: Option<&HighlightCache>) -> Option<String> {
    match cache {
        Some(cache) => cache.get_or(lang, code, || highlight(code, lang)),
        None => highlight(code, lang),
    }
}

fn fill(text: &str, blocks: &[Block], highlighted: &[Option<String>]) -> String {
    let code = |i: usize| highlighted.get(i).and_then(Option::as_deref);
    let mut html =
        String::with_capacity(text.len() + (0..blocks.len()).map(|i| code(i).map_or(0, str::len)).sum::<usize>());
    let mut rest = text;
    let mut i = 0;
    while let Some(at) = memchr::memchr(MARK as u8, rest.as_bytes()) {
        html.push_str(&rest[..at]);
        match (code(i), blocks.get(i)) {
            (Some(highlighted), _) => html.push_str(highlighted),
            (None, Some(block)) => push_text(&mut html, &block.code),
            (None, None) => {}
        }
        i += 1;
        rest = &rest[at + 1..];
    }
    html.push_str(rest);
    html
}

#[cfg(test)]
mod tests {
    use super::super::{Options, render_checked, render_checked_later};
    use super::*;

    fn options() -> Options<'static> {
        Options { base_path: "", site_host: "example.org", words_per_minute: 200, data: None, highlight: None }
    }

    #[test]
    fn later_gives_the_html_of_highlighting_in_place() {
        let docs = [
            "# A\n\n```rust\nfn main() {}\n```\n\nText.\n\n```python\ndef f(): pass\n```\n",
            "<!-- more -->\n",
            "Intro.\n\n```sql\nSELECT 1;\n```\n\n<!-- more -->\n\n```rust\nlet x = 1;\n```\n",
            "```klingon\na < b\n```\n\n```\nplain & simple\n```\n\n    indented <code>\n",
            "```rust\nlet s = \"\0\";\n```\n",
            "",
        ];
        let later: Vec<Option<Later>> =
            docs.iter().map(|d| Some(render_checked_later(d, &options()).unwrap())).collect();
        let finished = finish_code(later, None);
        for (doc, got) in docs.iter().zip(finished) {
            let got = got.unwrap();
            let want = render_checked(doc, &options()).unwrap();
            assert_eq!(*got.html.read(), *want.html.read(), "{doc:?}");
            assert_eq!(got.summary_html, want.summary_html, "{doc:?}");
            assert!(!got.html.read().contains(MARK) || doc.contains(MARK));
        }
    }

    #[test]
    fn a_document_with_the_mark_in_its_text_is_highlighted_in_place() {
        let later = render_checked_later("```rust\nlet s = \"\0\";\n```\n", &options()).unwrap();
        assert!(later.blocks.is_empty());
        assert!(later.rendered.html.read().contains("hl-rust"));
    }
}
