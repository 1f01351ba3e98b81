//! Front matter in its commonest form, read without the YAML parser: one `key: value` per line,
//! with text in double quotes, a date, a flag and lists of quoted text, as `folio import` and
//! most authors write it:
//!
//! ```yaml
//! title: "Agricultural agenda after the shock"
//! date: 2016-10-06T10:11:00+00:00
//! tags: ["Slovenia", "Security"]
//! ```
//!
//! The YAML parser took 7 µs a file, 2 % of a build's time. Anything beyond this form (other
//! keys, comments, escapes, single quotes, unquoted text, nesting, tabs, characters YAML treats
//! specially) is left to the parser, which also reports every error: [`read`] only answers for
//! the text it fully understands, and a test checks that it agrees with the parser there.

use serde_json::{Map, Value};

use super::front_matter::FrontMatter;

/// The front matter of `yaml`, or `None` when it is not in the plain form (the YAML parser
/// then reads it).
pub fn read(yaml: &str) -> Option<FrontMatter> {
    let mut map = Map::new();
    for line in yaml.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        let value = value.trim_matches(' ');
        let value = match key {
            "title" | "description" | "slug" => Value::String(quoted(value)?.to_string()),
            "date" | "updated" => Value::String(quoted(value).or_else(|| date(value))?.to_string()),
            "tags" | "categories" | "authors" | "aliases" => Value::Array(list(value)?),
            "draft" => Value::Bool(match value {
                "true" => true,
                "false" => false,
                _ => return None,
            }),
            _ => return None,
        };
        // A key given twice is for the parser to refuse.
        if map.insert(key.to_string(), value).is_some() {
            return None;
        }
    }
    if !map.contains_key("title") {
        return None;
    }
    serde_json::from_value(Value::Object(map)).ok()
}

/// The text between double quotes that take up the whole of `value`, when it holds no quote,
/// no backslash and only characters YAML reads as themselves.
fn quoted(value: &str) -> Option<&str> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    inner.chars().all(plain_char).then_some(inner)
}

/// Characters a YAML parser reads as themselves in double quotes: printable ones (the YAML 1.1
/// set libyaml checks), less the quote, the backslash and the characters YAML 1.1 counts as
/// line breaks (U+0085, U+2028, U+2029), which it would fold.
fn plain_char(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '"' | '\\' | '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// A date or date and time written without quotes: `2016-10-06`, `2016-10-06T10:11:00+00:00`,
/// `2016-10-06T10:11Z`. Its digits, dashes and colons can only be read as text (or a timestamp,
/// which the front matter takes as its text).
fn date(value: &str) -> Option<&str> {
    let digits = |s: &str, n: usize| s.len() >= n && s.as_bytes()[..n].iter().all(u8::is_ascii_digit);
    let step = |s: &'_ str, sep: char, n: usize| -> Option<usize> {
        (s.starts_with(sep) && digits(&s[1..], n)).then_some(1 + n)
    };
    if !digits(value, 4) {
        return None;
    }
    let mut at = 4;
    at += step(&value[at..], '-', 2)?;
    at += step(&value[at..], '-', 2)?;
    if let Some(hour) = step(&value[at..], 'T', 2) {
        at += hour;
        at += step(&value[at..], ':', 2)?;
        if let Some(seconds) = step(&value[at..], ':', 2) {
            at += seconds;
            if let Some(point) = step(&value[at..], '.', 1) {
                at += point;
                while digits(&value[at..], 1) {
                    at += 1;
                }
            }
        }
        if value[at..].starts_with('Z') {
            at += 1;
        } else if let Some(offset) = step(&value[at..], '+', 2).or_else(|| step(&value[at..], '-', 2)) {
            at += offset;
            at += step(&value[at..], ':', 2)?;
        }
    }
    (at == value.len()).then_some(value)
}

/// `[]`, or `["a", "b"]`: items in double quotes (as [`quoted`] reads them) between commas.
fn list(value: &str) -> Option<Vec<Value>> {
    let mut rest = value.strip_prefix('[')?.strip_suffix(']')?.trim_matches(' ');
    let mut items = Vec::new();
    while !rest.is_empty() {
        let body = rest.strip_prefix('"')?;
        let end = body.find('"')?;
        let item = &body[..end];
        if !item.chars().all(plain_char) {
            return None;
        }
        items.push(Value::String(item.to_string()));
        rest = body[end + 1..].trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start_matches(' ');
            if rest.is_empty() {
                return None;
            }
        } else if !rest.is_empty() {
            return None;
        }
    }
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    /// What the YAML parser makes of `text`, as `Debug` shows it (the front matter has no `==`).
    fn parsed(text: &str) -> Result<String, String> {
        yaml::from_str::<FrontMatter>(text).map(|f| format!("{f:?}")).map_err(|e| e.message)
    }

    #[test]
    fn the_usual_front_matter_is_read_without_the_parser() {
        let text = "title: \"Agricultural Agenda after the Narrow Shock\"\ndate: 2016-10-06T10:11:00+00:00\n\
                    description: \"The central bank cannot easily reverse Taiwan's deficit.\"\n\
                    tags: [\"Slovenia\", \"Security\", \"Belarus\"]\ndraft: false\n";
        let front = read(text).expect("plain front matter");
        assert_eq!(front.title, "Agricultural Agenda after the Narrow Shock");
        assert_eq!(front.tags, ["Slovenia", "Security", "Belarus"]);
        assert_eq!(Ok(format!("{front:?}")), parsed(text));
        // CRLF line ends, a date alone, an empty list, a quoted date.
        let text = "title: \"T\"\r\ndate: 2025-01-31\r\ntags: []\r\nupdated: \"2025-02-01\"\r\n";
        assert_eq!(read(text).map(|f| format!("{f:?}")), Some(parsed(text).unwrap()));
    }

    #[test]
    fn anything_else_is_left_to_the_parser() {
        for text in [
            "title: Plain words\n",
            "title: 'single'\n",
            "title: \"with \\\"escape\\\"\"\n",
            "title: \"a\" # comment\n",
            "# comment\ntitle: \"a\"\n",
            "title: \"a\"\ntitle: \"b\"\n",
            "title: \"a\"\ntags:\n  - x\n",
            "title: \"a\"\nextra: {x: 1}\n",
            "title:\t\"a\"\n",
            "title: \"a\u{2028}b\"\n",
            "title: \"a\u{85}b\"\n",
            "title: \"a\tb\"\n",
            "description: \"no title\"\n",
            "title: \"a\"\ndate: 2016\n",
            "title: \"a\"\ndraft: yes\n",
            "title: \"a\"\ntags: [\"x\",]\n",
            "title: \"a\"\ntags: [x]\n",
            "title: \"a\"\ntitel: \"b\"\n",
        ] {
            assert!(read(text).is_none(), "{text:?}");
        }
    }

    proptest::proptest! {
        // Front matter made of lines the plain reader may or may not take, with the characters
        // that mean something in YAML: whenever it reads one, the parser reads the same.
        #[test]
        fn the_plain_reader_agrees_with_the_parser(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["title", "description", "slug", "date", "updated", "tags", "aliases", "draft", "toc"]),
                    proptest::sample::select(vec![": ", ":  ", ":", " : "]),
                    proptest::string::string_regex("[\"a-zA-Z0-9 :#,\\[\\]'\\-\\\\&*!|>%@`{}?é字\u{a0}\u{2028}\u{85}\u{feff}\t+TZ.]{0,12}").unwrap(),
                    proptest::sample::select(vec!["", " ", "\r"]),
                ),
                1..6,
            ),
        ) {
            let text: String =
                lines.iter().map(|(key, colon, value, end)| format!("{key}{colon}{value}{end}\n")).collect();
            if let Some(front) = read(&text) {
                proptest::prop_assert_eq!(Ok(format!("{front:?}")), parsed(&text), "{:?}", text);
            }
        }

        #[test]
        fn quoted_values_and_lists_agree_with_the_parser(
            title in "[a-zA-Z0-9 :#,\\[\\]'\\-&*!|>%@`{}?é字\u{a0}\u{2028}\u{85}\u{feff}\t+.\"\\\\]{0,16}",
            tags in proptest::collection::vec("[a-zA-Z :#,\\[\\]'\\-é\u{a0}\u{85}\"]{0,8}", 0..4),
            date in "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?)?(Z|[+-][0-9]{2}:[0-9]{2})?[T0-9:+Z. -]{0,3}",
        ) {
            let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
            let text = format!("title: \"{title}\"\ndate: {date}\ntags: [{}]\n", tags.join(", "));
            if let Some(front) = read(&text) {
                proptest::prop_assert_eq!(Ok(format!("{front:?}")), parsed(&text), "{:?}", text);
            }
        }
    }
}
