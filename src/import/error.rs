//! The import's typed errors. Each one names the file it is about, says what is wrong
//! in words a writer understands, and suggests what to do next; the CLI prints them as-is.

use std::path::PathBuf;

/// Why an input could not be imported. Every variant names the input (or output) file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: the file is empty, so there is nothing to import; check that the export finished, or leave the file out", file.display())]
    Empty { file: PathBuf },

    #[error("{}: the file holds only whitespace (spaces, tabs, blank lines), so there is no title or text to import", file.display())]
    WhitespaceOnly { file: PathBuf },

    #[error("{}: this looks like a binary file, not text (NUL byte at offset {offset}); export the article as plain text (.txt), or if it is UTF-16 text, save it with a byte-order mark or as UTF-8", file.display())]
    Binary { file: PathBuf, offset: usize },

    #[error("{}: cannot decode the text: {reason}; re-save the file as UTF-8 and import it again", file.display())]
    Undecodable { file: PathBuf, reason: String },

    #[error("{}: the file holds only placeholder text (“{text}”), no article; write the post first, or leave the file out", file.display())]
    OnlyPlaceholder { file: PathBuf, text: String },

    #[error("{}: no such file or directory; check the path", file.display())]
    NotFound { file: PathBuf },

    #[error("{}: the directory holds no .txt, .md or .text files to import", file.display())]
    NoInputs { file: PathBuf },

    #[error("{}: cannot read the file: {source}", file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: {} already exists and was left alone; pass --force to overwrite it, or change the title so the post gets another slug", file.display(), output.display())]
    Exists { file: PathBuf, output: PathBuf },

    #[error("{}: its slug “{slug}” clashes with {} in the same import (both would become {}); {} was imported and this file was not; change one of the titles and import this file again", second.display(), first.display(), output.display(), first.display())]
    SlugClash { first: PathBuf, second: PathBuf, slug: String, output: PathBuf },

    #[error("{}: cannot write {}: {source}; check that the directory exists and is writable", file.display(), output.display())]
    Write {
        file: PathBuf,
        output: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl ImportError {
    /// The input file (or directory) this error is about.
    pub fn file(&self) -> &std::path::Path {
        match self {
            Self::Empty { file }
            | Self::WhitespaceOnly { file }
            | Self::Binary { file, .. }
            | Self::Undecodable { file, .. }
            | Self::OnlyPlaceholder { file, .. }
            | Self::NotFound { file }
            | Self::NoInputs { file }
            | Self::Read { file, .. }
            | Self::Exists { file, .. }
            | Self::Write { file, .. } => file,
            Self::SlugClash { second, .. } => second,
        }
    }
}
