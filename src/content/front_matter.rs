//! Front matter: splits a Markdown file into its YAML block and its body, keeping the line
//! where the YAML starts so that YAML errors point into the `.md` file, not into the block.
//! [`FrontMatter`] is exactly what the author may write; derived values live in `Document`.

use serde::Deserialize;

use super::argument;
use crate::yaml;

/// What an author may write between the `---` lines. Unknown keys are refused.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub date: Option<DateText>,
    #[serde(default)]
    pub updated: Option<DateText>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub toc: Option<bool>,
    #[serde(default)]
    pub comments: Option<bool>,
    #[serde(default)]
    pub comments_prompt: Option<String>,
    /// Pins the comments thread identifier (see `docs/comments.md`).
    #[serde(default)]
    pub comments_id: Option<String>,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub template: Option<String>,
    /// `false` leaves the page out of the search index (see `docs/search.md`).
    #[serde(default)]
    pub search: Option<bool>,
    /// The raw file this post was imported from (written by `folio import`).
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub extra: Option<yaml::Value>,
    // The structure of an argument (see `docs/analysis.md` and `content/argument.rs`).
    #[serde(default)]
    pub key_points: Vec<argument::Text>,
    #[serde(default)]
    pub updates: Vec<argument::Update>,
    #[serde(default)]
    pub sources: Vec<argument::Source>,
    #[serde(default)]
    pub series: Option<argument::Text>,
    #[serde(default)]
    pub series_part: Option<argument::Part>,
}

/// A date as written: YAML may hand us a string or (unquoted) something else; we only want text.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct DateText(pub String);

/// A front-matter problem with its position inside the whole file (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub help: Option<String>,
}

/// The parts of a content file.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    pub body: &'a str,
}

/// Splits `---\n<yaml>\n---\n<body>`. A UTF-8 BOM and CRLF line endings are accepted.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || FrontMatterError {
        message: "missing front matter: the file must start with a `---` line".into(),
        line: 1,
        column: 1,
        help: Some("start the file with:\n  ---\n  title: \"My title\"\n  date: 2025-01-31\n  ---".into()),
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or_else(missing)?;
    if first.trim_end() != "---" {
        return Err(missing());
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split { yaml: &text[yaml_start..offset], yaml_line: 2, body: &text[offset + line.len()..] });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        message: "the front matter is never closed".into(),
        line: 1,
        column: 1,
        help: Some(format!("add a `---` line after the last front-matter key (the file has {line_no} lines)")),
    })
}

/// Parses the YAML of a split file, shifting error positions into file coordinates.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    if split.yaml.trim().is_empty() {
        return Err(FrontMatterError {
            message: "the front matter is empty: `title` is required".into(),
            line: split.yaml_line,
            column: 1,
            help: Some("add a line such as `title: \"My title\"`".into()),
        });
    }
    if let Some(front) = super::plain_front::read(split.yaml) {
        return Ok(front);
    }
    yaml::from_str::<FrontMatter>(split.yaml).map_err(|e| {
        let line = e.line.map_or(split.yaml_line, |l| l + split.yaml_line - 1);
        let help = e.help.or_else(|| {
            e.message.contains("missing field `title`").then(|| "add a line such as `title: \"My title\"`".into())
        });
        FrontMatterError {
            message: e.message.replace("missing field", "missing key"),
            line,
            column: e.column.unwrap_or(1),
            help,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_from_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let s = split("\u{feff}---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_explained() {
        assert!(split("# Hello").unwrap_err().message.contains("missing front matter"));
        assert!(split("---\ntitle: x\n").unwrap_err().message.contains("never closed"));
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let s = split("---\ntitle: A\ntilte: B\n---\n").unwrap();
        let e = parse(&s).unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert_eq!(e.message, "unknown key `tilte`");
        assert_eq!(e.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn missing_title_is_explained() {
        let s = split("---\ndate: 2025-01-01\n---\n").unwrap();
        let e = parse(&s).unwrap_err();
        assert_eq!(e.message, "missing key `title`");
        assert!(e.help.unwrap().contains("title:"));
    }

    #[test]
    fn full_front_matter_parses() {
        let s = split("---\ntitle: A\ndate: 2025-01-01\ntags: [x, y]\ndraft: true\nextra:\n  k: NO\n---\n").unwrap();
        let f = parse(&s).unwrap();
        assert_eq!(f.date, Some(DateText("2025-01-01".into())));
        assert_eq!(f.tags, vec!["x", "y"]);
        assert!(f.draft);
        assert_eq!(f.extra.unwrap()["k"], "NO");
    }
}
