//! Text → Markdown that renders as exactly that text. Owns the escaping rules: any
//! character a CommonMark renderer (with every pulldown-cmark extension and raw HTML on)
//! could read as markup is backslash-escaped, except `*emphasis*` the source clearly
//! used, which is kept only after pulldown-cmark confirms it renders as emphasis.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Escapes `text` for use as a paragraph, heading or list-item body, keeping the
/// source's `*word*` emphasis. `in_heading` also escapes `#` that could close a heading.
pub fn inline(text: &str, in_heading: bool) -> String {
    let spans = emphasis_spans(text);
    if spans.is_empty() {
        return plain(text, in_heading);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for &(open, close) in &spans {
        out.push_str(&plain_from(text, at, open, in_heading));
        out.push('*');
        out.push_str(&plain_from(text, open + 1, close, in_heading));
        out.push('*');
        at = close + 1;
    }
    out.push_str(&plain_from(text, at, text.len(), in_heading));
    // Flanking rules have corner cases; trust the renderer, not the scan.
    if renders_as(&out, text, spans.len()) { out } else { plain(text, in_heading) }
}

/// Escapes every markup-like character; nothing in `text` will render as markup.
pub fn plain(text: &str, in_heading: bool) -> String {
    plain_from(text, 0, text.len(), in_heading)
}

/// Escapes `text[from..to]`; block-start rules apply only when `from == 0`.
fn plain_from(text: &str, from: usize, to: usize, in_heading: bool) -> String {
    let mut out = String::with_capacity(to - from + 8);
    let bytes = text.as_bytes();
    for (i, c) in text[from..to].char_indices() {
        let at = from + i;
        let escape = match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '|' | '$' | '^' | '{' | '}' | '"' | '\'' => true,
            // Entities: only where `&` would start one ("R&D" stays as typed).
            '&' => starts_entity(&text[at + 1..]),
            // Smart punctuation turns `--` into dashes and `...` into an ellipsis.
            '-' => bytes.get(at + 1) == Some(&b'-') || (at > 0 && bytes[at - 1] == b'-') || at == 0,
            '.' => is_in_dot_run(bytes, at) || is_list_number_end(bytes, at),
            ')' => is_list_number_end(bytes, at),
            '#' => at == 0 || in_heading,
            '>' | '+' | '=' | ':' | '!' => at == 0,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn starts_entity(rest: &str) -> bool {
    let rest = rest.strip_prefix('#').unwrap_or(rest);
    let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && name <= 32 && rest.as_bytes().get(name) == Some(&b';')
}

fn is_in_dot_run(bytes: &[u8], at: usize) -> bool {
    let dot = |i: Option<usize>| i.and_then(|i| bytes.get(i)) == Some(&b'.');
    dot(at.checked_sub(1)) || dot(Some(at + 1))
}

/// `12.` or `3)` at the very start: an ordered-list marker to a renderer.
fn is_list_number_end(bytes: &[u8], at: usize) -> bool {
    at > 0 && bytes[..at].iter().all(u8::is_ascii_digit) && bytes.get(at + 1).is_none_or(|b| b.is_ascii_whitespace())
}

/// Spans `(open, close)` of `*text*` used as emphasis: the opening star follows a
/// space or opening punctuation and precedes a non-space; the closing star follows a
/// non-space and precedes a space or punctuation; no other star in between.
fn emphasis_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'*' || !opens(text, i) {
            i += 1;
            continue;
        }
        let Some(len) = text[i + 1..].find('*') else {
            break;
        };
        let close = i + 1 + len;
        if close > i + 1 && closes(text, close) && !text[i + 1..close].contains('\n') {
            spans.push((i, close));
            i = close + 1;
        } else {
            i = close;
        }
    }
    spans
}

fn opens(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    before.is_none_or(|c| c.is_whitespace() || "(“‘\"'[—–-".contains(c))
        && after.is_some_and(|c| !c.is_whitespace() && c != '*')
}

fn closes(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    before.is_some_and(|c| !c.is_whitespace() && c != '*')
        && after.is_none_or(|c| c.is_whitespace() || ")”’\"'.,;:!?—–-".contains(c))
}

/// Whether `markdown` renders as one paragraph whose text is `expected` with exactly
/// `emphasis` emphasis spans and nothing else.
fn renders_as(markdown: &str, expected: &str, emphasis: usize) -> bool {
    let mut text = String::new();
    let mut seen = 0;
    for event in Parser::new_ext(markdown, Options::all() - Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Start(Tag::Emphasis) => seen += 1,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph | TagEnd::Emphasis) => {}
            Event::Text(t) => text.push_str(&t),
            _ => return false,
        }
    }
    seen == emphasis && text == expected.replace('*', "").as_str() && expected.matches('*').count() == emphasis * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_like_text_is_escaped() {
        assert_eq!(plain("# 1 priority", false), r"\# 1 priority");
        assert_eq!(plain("2022. A year", false), r"2022\. A year");
        assert_eq!(plain("<script>alert(1)</script>", false), r"\<script>alert(1)\</script>");
        assert_eq!(plain("a_b_c [sic] | *", false), r"a\_b\_c \[sic\] \| \*");
        assert_eq!(plain("- not a list", false), r"\- not a list");
        assert_eq!(plain("R&D &amp; it's", false), r"R&D \&amp; it\'s");
        assert_eq!(plain("wait... a--b", false), r"wait\.\.\. a\-\-b");
        assert_eq!(plain("C# #1", true), r"C\# \#1");
        assert_eq!(plain("3.5 million", false), "3.5 million");
    }

    #[test]
    fn source_emphasis_is_kept() {
        assert_eq!(inline("hasn’t detailed *which* guarantees", false), "hasn’t detailed *which* guarantees");
        assert_eq!(inline("a *few words* here.", false), "a *few words* here.");
        assert_eq!(inline("2 * 3 * 4", false), r"2 \* 3 \* 4");
        assert_eq!(inline("*a_b*", false), r"*a\_b*");
        assert_eq!(inline("x*y*z", false), r"x\*y\*z");
    }
}
