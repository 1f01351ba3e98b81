//! Callouts: GitHub-style `> [!NOTE]` blockquotes become titled `<div>`s.
//!
//! pulldown-cmark (with GFM on) already recognises the five kinds and reports
//! them on the blockquote tag; this step only swaps the markup, so a plain
//! blockquote stays a `<blockquote>`.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

/// Rewrites a callout blockquote's start and end; other events pass unchanged.
pub fn rewrite(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(CowStr::Borrowed(open_tag(kind))),
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::Borrowed("</div>\n")),
        other => other,
    }
}

/// The opening markup, spelled out in full so a callout costs no allocation.
/// `role="note"` tells assistive technology this is an aside.
fn open_tag(kind: BlockQuoteKind) -> &'static str {
    macro_rules! open {
        ($class:literal, $title:literal) => {
            concat!(
                "<div class=\"callout callout-",
                $class,
                "\" role=\"note\"><p class=\"callout-title\">",
                $title,
                "</p>\n"
            )
        };
    }
    match kind {
        BlockQuoteKind::Note => open!("note", "Note"),
        BlockQuoteKind::Tip => open!("tip", "Tip"),
        BlockQuoteKind::Important => open!("important", "Important"),
        BlockQuoteKind::Warning => open!("warning", "Warning"),
        BlockQuoteKind::Caution => open!("caution", "Caution"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::pipeline;
    use super::*;
    use pulldown_cmark::{Options, Parser, html::push_html};

    fn run(markdown: &str) -> String {
        let mut html = String::new();
        let events = Parser::new_ext(markdown, Options::ENABLE_GFM);
        push_html(&mut html, pipeline::collect(pipeline::Map::new(rewrite, pipeline::Out), events).into_iter());
        html
    }

    #[test]
    fn each_kind_becomes_a_titled_div() {
        for (marker, class, title) in [
            ("NOTE", "note", "Note"),
            ("TIP", "tip", "Tip"),
            ("IMPORTANT", "important", "Important"),
            ("WARNING", "warning", "Warning"),
            ("CAUTION", "caution", "Caution"),
        ] {
            let html = run(&format!("> [!{marker}]\n> Body *text*.\n"));
            assert_eq!(
                html,
                format!(
                    "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n\
                     <p>Body <em>text</em>.</p>\n</div>\n"
                )
            );
        }
    }

    #[test]
    fn plain_blockquote_stays() {
        assert_eq!(run("> Just a quote.\n"), "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n");
    }

    #[test]
    fn nested_callout_closes_in_order() {
        let html = run("> [!TIP]\n> outer\n>\n> > inner quote\n");
        assert!(html.ends_with("<blockquote>\n<p>inner quote</p>\n</blockquote>\n</div>\n"), "{html}");
    }
}
