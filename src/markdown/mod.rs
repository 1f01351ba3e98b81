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
    let events = Parser::new_ext(markdown, CmOptions::all()).map(|event| match event {
        pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = prefix_root_relative(options.base_path, dest_url);
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { link_type, dest_url, title, id })
        }
        pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = prefix_root_relative(options.base_path, dest_url);
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { link_type, dest_url, title, id })
        }
        other => other,
    });
    html::push_html(&mut out, events);
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

fn prefix_root_relative<'a>(base_path: &str, url: pulldown_cmark::CowStr<'a>) -> pulldown_cmark::CowStr<'a> {
    if url.starts_with('/') && !url.starts_with("//") { format!("{base_path}{url}").into() } else { url }
}
