//! HTML escaping for the fragments folio writes itself (attributes, text, URLs).
//!
//! pulldown-cmark escapes what it renders, but its escaping helpers are not
//! public, and the steps build some tags by hand (external links, images,
//! footnote references, heading anchors, code blocks), so they share these.

/// Appends `text` escaped for use as element content.
pub fn push_text(out: &mut String, text: &str) {
    push_escaped(out, text, Quotes::Neither);
}

/// Appends `value` escaped for use inside a double-quoted attribute.
pub fn push_attr(out: &mut String, value: &str) {
    push_escaped(out, value, Quotes::Double);
}

/// Appends `text` with both kinds of quote escaped too (`'` as `&#39;`), as syntect escapes the
/// code it highlights: folio's highlighting writes the same HTML as syntect's generator.
pub fn push_text_and_quotes(out: &mut String, text: &str) {
    push_escaped(out, text, Quotes::Both);
}

#[derive(Clone, Copy, PartialEq)]
enum Quotes {
    Neither,
    Double,
    Both,
}

fn push_escaped(out: &mut String, text: &str, quotes: Quotes) {
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if quotes != Quotes::Neither => "&quot;",
            b'\'' if quotes == Quotes::Both => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// Appends `url` for an `href`/`src` attribute: characters that are not valid
/// in a URL (spaces, quotes, non-ASCII, …) are percent-encoded so the result
/// passes an HTML validator, `&` becomes `&amp;`, and existing `%XX` escapes
/// are kept as the author wrote them.
pub fn push_href(out: &mut String, url: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut start = 0;
    let mut utf8 = [0u8; 4];
    for (i, c) in url.char_indices() {
        if c.is_ascii() && is_url_safe(c as u8) {
            continue;
        }
        out.push_str(&url[start..i]);
        if c == '&' {
            out.push_str("&amp;");
        } else {
            for byte in c.encode_utf8(&mut utf8).bytes() {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
        start = i + c.len_utf8();
    }
    out.push_str(&url[start..]);
}

fn is_url_safe(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
                | b'?'
                | b'#'
                | b'%'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(&mut String, &str), input: &str) -> String {
        let mut out = String::new();
        f(&mut out, input);
        out
    }

    #[test]
    fn text_escapes_markup_but_not_quotes() {
        assert_eq!(run(push_text, r#"a < b && "c" > d"#), r#"a &lt; b &amp;&amp; "c" &gt; d"#);
    }

    #[test]
    fn attr_escapes_quotes() {
        assert_eq!(run(push_attr, r#"say "hi" & go"#), "say &quot;hi&quot; &amp; go");
    }

    #[test]
    fn text_and_quotes_escapes_both_quotes() {
        assert_eq!(run(push_text_and_quotes, r#"it's "x" <&>"#), "it&#39;s &quot;x&quot; &lt;&amp;&gt;");
    }

    #[test]
    fn href_percent_encodes_unsafe_bytes() {
        assert_eq!(run(push_href, "/a b/é?x=1&y=\"2\""), "/a%20b/%C3%A9?x=1&amp;y=%222%22");
        assert_eq!(run(push_href, "https://x.org/%20ok#frag"), "https://x.org/%20ok#frag");
        assert_eq!(run(push_href, "東<"), "%E6%9D%B1%3C");
    }
}
