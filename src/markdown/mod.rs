//! Markdown → HTML with pulldown-cmark (minimal version; the full adapter chain replaces it).

use pulldown_cmark::{Options as CmOptions, Parser, html};

pub mod highlight;

pub struct Options<'a> {
    pub base_path: &'a str,
    pub site_host: &'a str,
    pub words_per_minute: u32,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub summary_html: Option<String>,
    pub first_paragraph_html: Option<String>,
    pub word_count: usize,
    pub reading_time: u32,
}

pub fn render(markdown: &str, options: &Options) -> Rendered {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, CmOptions::all()));
    let word_count = markdown.split_whitespace().count();
    Rendered {
        first_paragraph_html: None,
        html: out,
        toc: Vec::new(),
        summary_html: None,
        word_count,
        reading_time: (word_count as u32).div_ceil(options.words_per_minute).max(1),
    }
}
