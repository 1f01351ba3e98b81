//! Raw article text → front-matter Markdown post, with every change reported.
//!
//! The pipeline stage "import": bytes are decoded ([`decode`]), split into units by
//! layout ([`blocks`]), cleaned of debris ([`clean`]), given structure ([`structure`],
//! [`byline`]), tagged ([`tags`]) and displayed as Markdown ([`document`], [`escape`]);
//! [`write`] expands paths and writes files atomically. The library never prints: each
//! change becomes a note, each failure a typed [`ImportError`].

use std::path::{Path, PathBuf};

mod blocks;
mod byline;
mod clean;
pub(crate) use clean::short;
mod decode;
mod document;
mod error;
mod escape;
mod structure;
mod tags;
mod text;
mod write;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use document::{Block, Document, FrontMatter, parse_front_matter, slug};

/// The debris detection the cleaning rules use, shared with `folio check`, which reports in
/// Markdown what import would have removed from raw text.
pub mod detect {
    pub use super::clean::{MIN_REPEAT_WORDS, is_placeholder};
    pub use super::text::{key, sentence_starts, word_count};
}
pub use error::ImportError;
pub use write::{ImportSummary, ImportedFile, import_paths};

/// What `folio import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Site root; output goes to `root/content/<section>/`.
    pub root: PathBuf,
    /// Content section, normally "posts".
    pub section: String,
    /// Post date; `None` → a byline's date, else today.
    pub date: Option<jiff::civil::Date>,
    /// Tags; `None` → suggested from the text.
    pub tags: Option<Vec<String>>,
    pub draft: bool,
    pub force: bool,
    pub dry_run: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            root: PathBuf::from("."),
            section: "posts".to_owned(),
            date: None,
            tags: None,
            draft: false,
            force: false,
            dry_run: false,
        }
    }
}

/// One converted input.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub slug: String,
    /// The full file: front matter and body.
    pub markdown: String,
    /// Report lines, e.g. "title from line 1".
    pub notes: Vec<String>,
}

/// Converts one input (pure: no filesystem). `file_name` is the input's file name, used
/// in errors and as `source`.
pub fn convert(bytes: &[u8], file_name: &str, options: &ImportOptions) -> Result<Converted, ImportError> {
    convert_file(bytes, Path::new(file_name), options)
}

/// [`convert`] with the input's full path for error messages.
fn convert_file(bytes: &[u8], file: &Path, options: &ImportOptions) -> Result<Converted, ImportError> {
    let file_name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let decoded = decode::decode(bytes, file)?;
    let mut notes = decoded.notes;
    let head = notes.len();

    let (mut units, joined) = blocks::split(&decoded.text);
    if joined.lines > 0 {
        notes.push(format!("hard-wrapped text: joined {} lines into {} paragraphs", joined.lines, joined.paragraphs));
    }
    clean::drop_placeholders(&mut units, &mut notes);
    if units.len() == 1 && clean::is_placeholder(&units[0].text) {
        return Err(ImportError::OnlyPlaceholder { file: file.to_path_buf(), text: units[0].text.clone() });
    }
    clean::drop_repeated_body(&mut units, &mut notes);

    let title_unit = units.remove(0);
    let mut title = title_unit.text.clone();
    notes.insert(head, format!("title from line {}", title_unit.line));
    if let Some((main, suffix)) = structure::split_site_suffix(&title) {
        notes.push(format!("removed site suffix “{suffix}” from title"));
        title = main.to_owned();
    }

    let (authors, byline_date) = take_byline(&mut units, &mut notes);
    let mut blocks = structure::classify(&units);
    let description = structure::take_standfirst(&mut blocks).map(|(text, line)| {
        notes.push(format!("standfirst (line {line}) → description"));
        text
    });
    clean::drop_repeated_sections(&mut blocks, &mut notes);
    clean::drop_repeated_paragraphs(&mut blocks, &mut notes);
    let comments_prompt = clean::take_call_to_action(&mut blocks, &mut notes);
    if !blocks.is_empty() {
        notes.push(clean::describe(&blocks));
    }

    let date = match (options.date, byline_date) {
        (Some(date), Some(byline)) if date != byline => {
            notes.push(format!("date {date} from --date (the byline says {byline})"));
            date
        }
        (Some(date), _) => date,
        (None, Some(byline)) => {
            notes.push(format!("date {byline} from the byline"));
            byline
        }
        (None, None) => jiff::Zoned::now().date(),
    };
    let tags = match &options.tags {
        Some(tags) => tags.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
        None => {
            let texts = body_texts(description.as_deref(), &blocks);
            let suggested = tags::display_case(tags::suggest(texts.iter().copied()), texts.iter().copied());
            if !suggested.is_empty() {
                notes.push(format!("suggested tags: {}", suggested.join(", ")));
            }
            suggested
        }
    };

    let front = FrontMatter {
        title: title.clone(),
        date: date.to_string(),
        description,
        tags,
        authors,
        draft: options.draft,
        comments: comments_prompt.is_some(),
        comments_prompt,
        source: file_name.clone(),
    };
    let body = blocks.into_iter().map(|b| b.block).collect();
    let mut slug = slug(&title);
    if slug.is_empty() {
        slug = document::slug(file.file_stem().map(|s| s.to_string_lossy()).as_deref().unwrap_or("post"));
        notes.push(format!("slug from the file name (the title has no letters): {slug}"));
    }
    Ok(Converted { slug, markdown: Document { front, body }.to_string(), notes })
}

/// The running text tags are counted in: standfirst, paragraphs and list items. Titles
/// and headings are left out because their title case would make every word a name.
fn body_texts<'a>(description: Option<&'a str>, blocks: &'a [document::Located]) -> Vec<&'a str> {
    let mut texts: Vec<&str> = description.into_iter().collect();
    for b in blocks {
        match &b.block {
            Block::Paragraph(t) => texts.push(t),
            Block::List { items, .. } => texts.extend(items.iter().map(String::as_str)),
            Block::Heading(_) => {}
        }
    }
    texts
}

/// Takes up to two byline/dateline lines right after the title.
fn take_byline(units: &mut Vec<blocks::Unit>, notes: &mut Vec<String>) -> (Vec<String>, Option<jiff::civil::Date>) {
    let (mut authors, mut date) = (Vec::new(), None);
    while let Some(unit) = units.first() {
        let Some(found) = (unit.line == unit.last_line).then(|| byline::parse(&unit.text)).flatten() else {
            break;
        };
        if (!found.authors.is_empty() && !authors.is_empty()) || (found.date.is_some() && date.is_some()) {
            break;
        }
        if !found.authors.is_empty() {
            notes.push(format!("byline (line {}) → authors: {}", unit.line, found.authors.join(", ")));
            authors = found.authors;
        }
        if let Some(found_date) = found.date {
            notes.push(format!("dateline (line {}) → {found_date}", unit.line));
            date = Some(found_date);
        }
        units.remove(0);
    }
    (authors, date)
}
