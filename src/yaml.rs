//! The one place that knows which YAML crate folio uses (serde_yaml, archived upstream):
//! swapping it for a maintained fork must stay a change to this file alone. Errors come back
//! as positions plus a message a person can act on, with "did you mean" for unknown keys.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML problem, positioned within the YAML text (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<String>,
}

/// Free-form YAML data (for `extra:` maps) as seen by templates.
pub type Value = serde_json::Value;

/// Deserialise `text` into `T`. Unknown keys (for structs that deny them) get a suggestion.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_nesting(text)?;
    serde_yaml::from_str(text).map_err(|e| convert_error(&e))
}

/// Deepest flow nesting (`[[[…`) accepted. The YAML parser slows down badly on deep nesting
/// before its own recursion limit stops it, so we refuse such input up front.
const MAX_FLOW_DEPTH: usize = 64;

fn check_nesting(text: &str) -> Result<(), YamlError> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let (mut line, mut column) = (1, 0);
    let mut comment = false;
    let mut prev = ' ';
    for c in text.chars() {
        let after_separator = prev.is_whitespace() || matches!(prev, ':' | '[' | '{' | ',' | '-');
        prev = c;
        column += 1;
        if c == '\n' {
            (line, column, comment) = (line + 1, 0, false);
            continue;
        }
        match (quote, c) {
            _ if comment => {}
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if after_separator => quote = Some(c),
            (None, '#') if after_separator => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(YamlError {
                        message: format!("nesting deeper than {MAX_FLOW_DEPTH} levels"),
                        line: Some(line),
                        column: Some(column),
                        help: Some("flatten this value".into()),
                    });
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Serialise `value` as a YAML document (no leading `---`).
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

fn convert_error(e: &serde_yaml::Error) -> YamlError {
    let location = e.location();
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; we report the position separately.
    let message = match full.rfind(" at line ") {
        Some(i) if location.is_some() => full[..i].to_string(),
        _ => full,
    };
    let message = message.replace(", while parsing", " while parsing");
    let (message, help) = explain_unknown_field(&message);
    YamlError {
        message,
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map(|l| l.column()),
        help,
    }
}

/// Turns serde's "unknown field `tilte`, expected one of `title`, …" into
/// "unknown key `tilte`" plus "did you mean `title`?".
fn explain_unknown_field(message: &str) -> (String, Option<String>) {
    let Some(rest) = message.split("unknown field `").nth(1) else {
        return (message.to_string(), None);
    };
    let prefix = message.split("unknown field `").next().unwrap_or("");
    let Some((key, expected)) = rest.split_once('`') else {
        return (message.to_string(), None);
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let help = match crate::error::did_you_mean(key, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("expected one of: {}", candidates.join(", ")),
    };
    (format!("{prefix}unknown key `{key}`"), Some(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields exist to be deserialised")]
    struct Doc {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        extra: Option<Value>,
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_position() {
        let e = from_str::<Doc>("title: x\ntilte: y\n").unwrap_err();
        assert_eq!(e.message, "unknown key `tilte`");
        assert_eq!(e.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
    }

    #[test]
    fn type_errors_keep_the_field_name() {
        let e = from_str::<Doc>("title: x\ntags: 5\n").unwrap_err();
        assert_eq!(e.message, "tags: invalid type: integer `5`, expected a sequence");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn alias_bombs_and_deep_nesting_fail_fast() {
        let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (prev, name) in
            ["a", "b", "c", "d", "e", "f", "g", "h"].iter().zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        let doc = format!("title: x\nextra:\n  {}", bomb.replace('\n', "\n  "));
        assert!(from_str::<Doc>(&doc).is_err());
        let deep = format!("title: x\nextra: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        assert!(from_str::<Doc>(&deep).unwrap_err().message.contains("nesting deeper"));
    }
}
