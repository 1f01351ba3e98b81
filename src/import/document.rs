//! The imported post: front matter plus body blocks, and its Display as the Markdown
//! file folio build reads (`---` YAML `---`, blank line, body). Parsing the front matter
//! back is provided so tests and tools can check what was written.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::escape;

/// The front matter folio build accepts, in the order it is written. Empty fields are
/// left out. Serialised through the YAML module, so any title is quoted as YAML needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrontMatter {
    pub title: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub comments: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments_prompt: Option<String>,
    pub source: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A body block. Text is the author's plain text; escaping happens on display.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// `start` is the first number of an ordered list, `None` for a bullet list.
    List {
        start: Option<u32>,
        items: Vec<String>,
    },
}

impl Block {
    /// All the block's text, for comparison and counting.
    pub fn text(&self) -> String {
        match self {
            Block::Heading(t) | Block::Paragraph(t) => t.clone(),
            Block::List { items, .. } => items.join(" "),
        }
    }
}

/// A block and the 1-based input lines it came from (for report lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub block: Block,
    pub line: usize,
    pub last_line: usize,
}

/// A whole imported post.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub front: FrontMatter,
    pub body: Vec<Block>,
}

impl fmt::Display for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Block::Heading(t) => write!(f, "## {}", escape::inline(t, true)),
            Block::Paragraph(t) => f.write_str(&escape::inline(t, false)),
            Block::List { start, items } => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        f.write_str("\n")?;
                    }
                    match start {
                        Some(first) => write!(f, "{}. ", *first as usize + n)?,
                        None => f.write_str("- ")?,
                    }
                    f.write_str(&escape::inline(item, false))?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Plain strings, bools and lists of strings always serialise; no error to lose.
        let yaml = crate::yaml::to_string(&self.front).map_err(|_| fmt::Error)?;
        write!(f, "---\n{yaml}---\n")?;
        for block in &self.body {
            write!(f, "\n{block}\n")?;
        }
        Ok(())
    }
}

/// Reads the front matter back from a file written by [`Document`]'s Display.
pub fn parse_front_matter(markdown: &str) -> Option<FrontMatter> {
    let rest = markdown.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    crate::yaml::from_str(&rest[..=end]).ok()
}

/// The slug for a title: transliterated to ASCII, lowercase, words joined by `-`, cut
/// at a word boundary to at most 60 characters. Empty when the title has no letters.
pub fn slug(title: &str) -> String {
    const MAX: usize = 60;
    // Apostrophes join their word ("Zelenskyy’s" → "zelenskyys"), not split it.
    let ascii = deunicode::deunicode(title).to_lowercase().replace('\'', "");
    let words: Vec<&str> = ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut out = String::new();
    for word in words {
        let extra = if out.is_empty() { word.len() } else { word.len() + 1 };
        if out.len() + extra > MAX {
            if out.is_empty() {
                out.push_str(&word[..MAX]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Russia Rejects Zelenskyy’s Security Guarantees, Escalating European Risk"),
            "russia-rejects-zelenskyys-security-guarantees-escalating"
        );
        assert_eq!(slug("Café: über “Naïve” #1"), "cafe-uber-naive-1");
        assert_eq!(slug("***"), "");
        assert_eq!(slug(&"x".repeat(80)).len(), 60);
    }

    #[test]
    fn front_matter_round_trips_and_quotes() {
        let front = FrontMatter {
            title: "Zakharova’s Warning: Beyond # Ukraine \"quoted\"".into(),
            date: "2025-03-03".into(),
            tags: vec!["NATO".into()],
            comments: true,
            comments_prompt: Some("Share your thoughts!".into()),
            source: "a.txt".into(),
            ..FrontMatter::default()
        };
        let doc = Document { front: front.clone(), body: vec![Block::Paragraph("Hi.".into())] };
        let md = doc.to_string();
        assert!(md.starts_with("---\ntitle: "), "{md}");
        assert!(md.ends_with("---\n\nHi.\n"), "{md}");
        assert_eq!(parse_front_matter(&md), Some(front));
        assert!(!md.contains("draft"));
    }

    #[test]
    fn lists_display_with_their_numbers() {
        let list = Block::List { start: Some(3), items: vec!["a".into(), "b".into()] };
        assert_eq!(list.to_string(), "3. a\n4. b");
    }
}
