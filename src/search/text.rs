//! The plain text of a post, read from the HTML folio's Markdown renderer made: one linear scan
//! that keeps the text, decodes entities, puts a space where a block ends, and leaves out what
//! is not the author's prose (scripts, styles, chart drawings, heading anchors, footnote marks
//! and back-links). Chart titles and data tables stay: they are text a reader may look for.

/// Elements whose whole content is left out: `script`, `style`, `svg`, `template`.
fn is_skipped_element(name: &str) -> bool {
    matches!(name, "script" | "style" | "svg" | "template")
}

/// Classes whose element (and its content) is left out.
const SKIPPED_CLASSES: [&str; 3] = ["heading-anchor", "footnote-ref", "footnote-backref"];

/// Inline elements: no space is put where they start or end (`un<em>believ</em>able`).
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "cite"
            | "code"
            | "del"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
    )
}

/// The text of `html`, with a space where a block starts or ends. White space inside the text
/// is kept as it was (see [`excerpt`]).
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let bytes = html.as_bytes();
    let mut i = 0;
    // While inside a skipped element: its name and how deep the same element nests.
    let mut skipping: Option<(String, usize)> = None;
    while i < bytes.len() {
        match memchr::memchr2(b'<', b'&', &bytes[i..]) {
            None => {
                if skipping.is_none() {
                    push_text(&mut out, &html[i..]);
                }
                break;
            }
            Some(at) => {
                if skipping.is_none() {
                    push_text(&mut out, &html[i..i + at]);
                }
                i += at;
            }
        }
        if bytes[i] == b'&' {
            let (decoded, len) = entity(&html[i..]);
            if skipping.is_none() {
                match decoded {
                    Some(c) => push_text(&mut out, c.encode_utf8(&mut [0; 4])),
                    None => out.push('&'),
                }
            }
            i += len;
            continue;
        }
        // A tag, a comment or a declaration.
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let end = tag_end(bytes, i);
        // Without its `>` (a tag left open at the end of raw HTML), the tag runs to the end.
        let stop = if bytes[end - 1] == b'>' { end - 1 } else { end };
        let tag = &html[i + 1..stop.max(i + 1)];
        i = end;
        let closing = tag.starts_with('/');
        let name_part = tag.trim_start_matches('/');
        let name_len =
            name_part.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap_or(name_part.len());
        // folio's Markdown writes tag names in lower case; an author's raw HTML may not.
        let lowered;
        let mut name = &name_part[..name_len];
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            lowered = name.to_ascii_lowercase();
            name = &lowered;
        }
        let self_closing = tag.ends_with('/') || is_void(name);
        if let Some((skipped, depth)) = &mut skipping {
            if skipped == name && !self_closing {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            continue;
        }
        // Only a tag with attributes (longer than its name) can have a class.
        if !closing
            && !self_closing
            && (is_skipped_element(name) || (tag.len() > name_len + 7 && has_skipped_class(tag)))
        {
            skipping = Some((name.to_string(), 1));
            continue;
        }
        if !is_inline(name) {
            push_space(&mut out);
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// Where the tag starting at `start` (`<`) ends, past its `>`; quoted attribute values may hold `>`.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    // Jumps from one `>` or quote to the next (memchr), since highlighted code is dense in tags.
    let mut k = start + 1;
    while let Some(at) = memchr::memchr3(b'>', b'"', b'\'', &bytes[k.min(bytes.len())..]) {
        let here = k + at;
        match bytes[here] {
            b'>' => return here + 1,
            quote => match memchr::memchr(quote, &bytes[here + 1..]) {
                Some(close) => k = here + 1 + close + 1,
                None => return bytes.len(),
            },
        }
    }
    bytes.len()
}

fn is_void(name: &str) -> bool {
    matches!(name, "br" | "hr" | "img" | "input" | "meta" | "link" | "source" | "wbr" | "col" | "area" | "embed")
}

fn has_skipped_class(tag: &str) -> bool {
    // One searcher for every tag (highlighted code has a `<span class="…">` every few words):
    // `str::find`, and `memmem::find` too, set one up for each call.
    static CLASS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"class=\""));
    let Some(at) = CLASS.find(tag.as_bytes()) else { return false };
    let rest = &tag[at + 7..];
    let value = &rest[..rest.find('"').unwrap_or(rest.len())];
    value.split_ascii_whitespace().any(|c| SKIPPED_CLASSES.contains(&c))
}

fn push_text(out: &mut String, text: &str) {
    out.push_str(text);
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// At most `max` bytes from the start of `text`, runs of white space reduced to one space, cut
/// at the end of a word.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(max.min(text.len()));
    for word in text.split_whitespace() {
        if out.len().saturating_add(word.len() + 1) > max {
            if out.is_empty() {
                out.push_str(prefix(word, max));
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The character an entity at the start of `s` stands for, and its length (1 when `&` starts
/// no entity).
fn entity(s: &str) -> (Option<char>, usize) {
    // Looked for in the bytes: the twelfth byte may fall inside a character ("&amp; © It’s").
    let Some(semi) = memchr::memchr(b';', &s.as_bytes()[..s.len().min(12)]) else { return (None, 1) };
    let name = &s[1..semi];
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "shy" => Some('\u{ad}'),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        "hellip" => Some('…'),
        _ => {
            let number = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                name.strip_prefix('#').and_then(|d| d.parse().ok())
            };
            number.and_then(char::from_u32)
        }
    };
    match c {
        Some(c) => (Some(c), semi + 1),
        None => (None, 1),
    }
}

/// At most `max` bytes of `text`, cut at the last space before the limit (or at a character
/// boundary when there is none).
pub fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(' ') {
        Some(space) if space > max / 2 => &text[..space],
        _ => &text[..end],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapsed(html: &str) -> String {
        excerpt(&plain_text(html), usize::MAX)
    }

    #[test]
    fn keeps_the_text_and_separates_blocks() {
        let html = "<h2 id=\"a\">Why <em>this</em> matters <a class=\"heading-anchor\" href=\"#a\">#</a></h2>\n\
                    <p>Un<strong>believ</strong>able &amp; true&#8217;s<br>next</p><ul><li>one</li><li>two</li></ul>";
        assert_eq!(collapsed(html), "Why this matters Unbelievable & true’s next one two");
        assert_eq!(plain_text("<p>a\n  b</p><p>c</p>"), "a\n  b c", "white space in the text is kept");
    }

    #[test]
    fn leaves_out_footnote_marks_charts_scripts_and_comments() {
        let html = "<p>Claim.<sup class=\"footnote-ref\" id=\"r\"><a href=\"#n\">1</a></sup> More</p>\
                    <figure><svg class=\"chart-svg\"><title>t</title><svg><text>4.5</text></svg><text>9</text></svg>\
                    <figcaption>Spending</figcaption></figure><script>var x = '<p>';</script><!-- hidden -->\
                    <p>Source. <a href=\"#r\" class=\"footnote-backref\" aria-label=\"Back\">↩</a></p>";
        assert_eq!(collapsed(html), "Claim. More Spending Source.");
    }

    #[test]
    fn tag_names_in_capitals_are_read_too() {
        assert_eq!(collapsed("<P>one</P><SCRIPT>x</SCRIPT><Em>two</Em>"), "one two");
    }

    /// [`tag_end`] written as a plain loop over the bytes.
    fn tag_end_reference(bytes: &[u8], start: usize) -> usize {
        let mut quote = None;
        for (k, &b) in bytes.iter().enumerate().skip(start + 1) {
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => return k + 1,
                None => {}
            }
        }
        bytes.len()
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panicking(html in "[a&;#x1 <>p/é’字]{0,40}") {
            plain_text(&html);
        }

        #[test]
        fn tag_end_agrees_with_a_plain_loop(tag in "<[a>\"' =]{0,30}") {
            proptest::prop_assert_eq!(tag_end(tag.as_bytes(), 0), tag_end_reference(tag.as_bytes(), 0), "{:?}", tag);
        }
    }

    #[test]
    fn quoted_attributes_may_hold_angle_brackets() {
        assert_eq!(plain_text("<p title=\"a > b\">text</p><img alt=\"x>y\">end"), "text end");
    }

    #[test]
    fn unknown_entities_stay_as_written() {
        assert_eq!(plain_text("<p>R&D &unknown; &#x41;&#66;</p>"), "R&D &unknown; AB");
    }

    #[test]
    fn an_entity_followed_closely_by_wide_characters() {
        // The twelfth byte after `&` falls inside `’`: a build of such a post used to panic.
        assert_eq!(plain_text("<td>&amp; © It’s “quoted”</td>"), "& © It’s “quoted”");
        assert_eq!(plain_text("<p>&zz ’’’’</p>"), "&zz ’’’’");
    }

    #[test]
    fn a_tag_left_open_at_the_end() {
        // Raw HTML may end inside a tag; its last character may be wide.
        assert_eq!(plain_text("<p>text</p><span title=’x’"), "text");
        assert_eq!(plain_text("one <b"), "one");
    }

    #[test]
    fn an_excerpt_collapses_white_space_and_ends_at_a_word() {
        assert_eq!(excerpt("one\n  two three", 9), "one two");
        assert_eq!(excerpt("  one two ", 100), "one two");
        assert_eq!(excerpt("abcdefghij", 4), "abcd");
    }

    #[test]
    fn a_prefix_ends_at_a_word() {
        assert_eq!(prefix("one two three", 9), "one two");
        assert_eq!(prefix("short", 9), "short");
        assert_eq!(prefix("ééééé", 3), "é");
    }
}
