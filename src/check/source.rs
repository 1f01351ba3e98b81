//! Positions in a content file: the Markdown body is parsed on its own, so a byte offset in the
//! body is shifted by where the body starts, then turned into a 1-based line and column of the
//! whole file (front matter lines included).

use std::path::{Path, PathBuf};

use crate::error::Location;

/// A content file's text with an index of its line starts.
#[derive(Debug)]
pub struct SourceMap {
    path: PathBuf,
    text: String,
    body_start: usize,
    line_starts: Vec<usize>,
}

impl SourceMap {
    /// `body_len` is the length of the body, which is always the tail of the file's text.
    pub fn new(path: &Path, text: String, body_len: usize) -> SourceMap {
        let body_start = text.len().saturating_sub(body_len);
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        SourceMap { path: path.to_path_buf(), text, body_start, line_starts }
    }

    /// The Markdown body, as the renderer sees it.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The file's whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The location of byte `offset` of the body.
    pub fn at_body(&self, offset: usize) -> Location {
        self.at_offset(self.body_start + offset)
    }

    /// The location of byte `offset` of the whole file (column counted in characters).
    pub fn at_offset(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Location::at(&self.path, line, column)
    }

    /// Line `line` (1-based), column 1.
    pub fn at_line(&self, line: usize) -> Location {
        Location::at(&self.path, line, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_offsets_become_file_lines_and_columns() {
        let text = "---\ntitle: T\n---\n\nHello [x](/y/)\nÅ [z](/w/)\n".to_string();
        let body_len = text.len() - "---\ntitle: T\n---\n".len();
        let map = SourceMap::new(Path::new("a.md"), text, body_len);
        assert_eq!(map.body(), "\nHello [x](/y/)\nÅ [z](/w/)\n");
        assert_eq!(map.at_body(0), Location::at("a.md", 4, 1));
        assert_eq!(map.at_body(7), Location::at("a.md", 5, 7));
        let z = map.body().find("[z]").unwrap();
        assert_eq!(map.at_body(z), Location::at("a.md", 6, 3));
        assert_eq!(map.at_offset(10_000), Location::at("a.md", 7, 1));
    }
}
