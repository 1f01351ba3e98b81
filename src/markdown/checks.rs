//! Checks made when a file is read, before anything is rendered: every `[[source:N]]` names
//! an entry of `sources:`, and every pull quote repeats words that are in the body (which is
//! what makes hiding it from screen readers right). Problems carry a byte offset into the
//! Markdown, which the caller turns into a line and column.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, TextMergeWithOffset};

use super::{parser_options, pullquotes, source_refs};

/// A problem in the Markdown body, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub help: String,
}

/// Checks source references against `sources` (the length of `sources:`) and pull quotes
/// against the body. Costs nothing for a document that uses neither.
pub fn check(markdown: &str, sources: usize) -> Vec<Problem> {
    let has_refs = source_refs::may_have_refs(markdown);
    let has_quotes = pullquotes::may_have_pullquotes(markdown);
    if !has_refs && !has_quotes {
        return Vec::new();
    }
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        TextMergeWithOffset::new(Parser::new_ext(markdown, parser_options()).into_offset_iter()).collect();
    let mut problems = Vec::new();
    let mut body = String::new();
    // (offset of the blockquote, its text)
    let mut quotes: Vec<(usize, String)> = Vec::new();
    let (mut literal, mut quote_depth) = (0usize, 0usize);
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::BlockQuote(None)) if quote_depth == 0 => {
                let next: Vec<Event<'_>> = events[i + 1..].iter().take(3).map(|(e, _)| e.clone()).collect();
                if pullquotes::starts_pullquote(&next) {
                    quote_depth = 1;
                    quotes.push((range.start, String::new()));
                    continue;
                }
            }
            Event::Start(Tag::BlockQuote(_)) if quote_depth > 0 => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) if quote_depth > 0 => quote_depth -= 1,
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => literal += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => literal = literal.saturating_sub(1),
            _ => {}
        }
        let text = match event {
            Event::Text(t) | Event::Code(t) => t.as_ref(),
            Event::SoftBreak | Event::HardBreak => " ",
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => " ",
            _ => continue,
        };
        if quote_depth > 0 {
            let quote = &mut quotes.last_mut().expect("a quote is open").1;
            if !(quote.is_empty() && pullquotes::is_marker(text)) {
                quote.push_str(text);
            }
            continue;
        }
        if literal == 0 && matches!(event, Event::Text(_)) {
            check_refs(markdown, text, range, sources, &mut problems);
        }
        body.push_str(text);
    }
    let body = normalise(&source_refs::strip(&body));
    for (offset, quote) in quotes {
        check_quote(offset, &quote, &body, &mut problems);
    }
    problems
}

fn check_refs(markdown: &str, text: &str, range: &std::ops::Range<usize>, sources: usize, out: &mut Vec<Problem>) {
    let source = &markdown[range.clone()];
    let mut from = 0;
    for piece in source_refs::pieces(text) {
        let (written, problem) = match piece {
            source_refs::Piece::Text(_) => continue,
            source_refs::Piece::Ref(n, written) if n == 0 || n > sources => {
                let message = match sources {
                    0 => format!("`{written}` refers to a source, but the post has no `sources:` list"),
                    1 => format!("`{written}` refers to source {n}, but the post lists only 1 source"),
                    s => format!("`{written}` refers to source {n}, but the post lists only {s} sources"),
                };
                let help =
                    "add the source to `sources:` in the front matter, or correct the number (sources count from 1)";
                (written, Some((message, help)))
            }
            source_refs::Piece::Ref(_, written) => (written, None),
            source_refs::Piece::Malformed(written) => (
                written,
                Some((
                    format!("`{written}` is not a source reference"),
                    "write `[[source:N]]`, where N is the number of the source in `sources:`",
                )),
            ),
        };
        // Where the reference is written: searched in the source text, which may differ
        // from the text (escapes, smart punctuation) elsewhere in the run.
        let at = source[from..].find(written).map(|p| from + p);
        if let Some(p) = at {
            from = p + written.len();
        }
        if let Some((message, help)) = problem {
            out.push(Problem { offset: range.start + at.unwrap_or(0), message, help: help.into() });
        }
    }
}

fn check_quote(offset: usize, quote: &str, body: &str, out: &mut Vec<Problem>) {
    let text = normalise(&source_refs::strip(quote));
    let fragments: Vec<&str> = text
        .split('…')
        .map(|f| f.trim_matches(|c: char| c.is_whitespace() || "\"'“”‘’«»()[].,;:!?-–—".contains(c)))
        .filter(|f| !f.is_empty())
        .collect();
    if fragments.is_empty() {
        out.push(Problem {
            offset,
            message: "the pull quote is empty".into(),
            help: "write the sentence to repeat on the lines after `> [!PULLQUOTE]`".into(),
        });
        return;
    }
    if let Some(missing) = fragments.iter().find(|f| !body.contains(*f)) {
        out.push(Problem {
            offset,
            message: format!("the pull quote repeats words that are not in the post: “{missing}”"),
            help: "screen readers skip pull quotes, so their words must also be in the text: copy the sentence \
                   into the body, or use a plain `>` blockquote"
                .into(),
        });
    }
}

/// Lower case, one kind of each quotation mark, single spaces.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        let c = match c {
            '‘' | '’' | '‚' | '‛' => '\'',
            '“' | '”' | '„' | '‟' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.extend(c.to_lowercase());
            space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(markdown: &str, sources: usize) -> Vec<(usize, String)> {
        check(markdown, sources).into_iter().map(|p| (p.offset, p.message)).collect()
    }

    #[test]
    fn references_in_range_pass_and_others_are_placed() {
        assert!(check("A.[[source:1]] B.[[source:2]]", 2).is_empty());
        assert_eq!(
            messages("Line one.\n\nA [[source:3]] b.", 2),
            vec![(13, "`[[source:3]]` refers to source 3, but the post lists only 2 sources".into())]
        );
        assert_eq!(
            messages("x [[source:1]]", 0),
            vec![(2, "`[[source:1]]` refers to a source, but the post has no `sources:` list".into())]
        );
        assert_eq!(
            messages("[[source:0]]", 1)[0].1,
            "`[[source:0]]` refers to source 0, but the post lists only 1 source"
        );
        assert_eq!(messages("a [[source:two]]", 1), vec![(2, "`[[source:two]]` is not a source reference".into())]);
    }

    #[test]
    fn references_in_code_are_not_checked() {
        assert!(check("`[[source:9]]`\n\n```\n[[source:9]]\n```\n", 0).is_empty());
    }

    #[test]
    fn references_in_footnotes_are_checked() {
        assert_eq!(messages("a[^n]\n\n[^n]: See [[source:4]].\n", 1).len(), 1);
    }

    #[test]
    fn pull_quotes_must_repeat_the_body() {
        let ok = "Deterrence is a promise that must be believed.\n\n> [!PULLQUOTE]\n> “Deterrence is a promise…must be believed”\n";
        assert!(check(ok, 0).is_empty(), "{:?}", check(ok, 0));
        let quoted = "It's \"hard\" work.\n\n> [!PULLQUOTE]\n> It's \"HARD\"   work\n";
        assert!(check(quoted, 0).is_empty(), "{:?}", check(quoted, 0));
        let bad = "Body text.\n\n> [!PULLQUOTE]\n> Something else entirely.\n";
        assert_eq!(
            messages(bad, 0),
            vec![(12, "the pull quote repeats words that are not in the post: “something else entirely”".into())]
        );
        assert_eq!(messages("A\n\n> [!PULLQUOTE]\n", 0), vec![(3, "the pull quote is empty".into())]);
    }

    #[test]
    fn a_pull_quote_does_not_count_as_body_for_another() {
        let md = "> [!PULLQUOTE]\n> twice\n\n> [!PULLQUOTE]\n> twice\n";
        assert_eq!(check(md, 0).len(), 2);
    }
}
