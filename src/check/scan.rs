//! One pass over a Markdown body with pulldown-cmark's offset iterator, using the same parser
//! options as the renderer, collecting what the checks look at: headings, links and images,
//! and the plain text of each block — every item with its byte offset in the body.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::markdown::parser_options;

/// What the checks need to know about a body.
#[derive(Debug, Default)]
pub struct Facts {
    /// Level (1–6) and offset of every heading, in order.
    pub headings: Vec<(u8, usize)>,
    pub links: Vec<LinkRef>,
    pub images: Vec<ImageRef>,
    pub blocks: Vec<TextBlock>,
}

/// A link or image destination as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub url: String,
    pub offset: usize,
    pub image: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub offset: usize,
    /// The alt text as plain text (what the renderer writes into `alt`).
    pub alt: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// The text of a tight list item (a loose item's text is in its paragraphs).
    Item,
    TableCell,
}

/// The plain text of a block, without markup; code and image alt text left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    pub kind: BlockKind,
    pub text: String,
    pub range: Range<usize>,
}

enum Open {
    Block(BlockKind, Range<usize>, String),
    Image(usize, String),
    Code,
}

pub fn scan(body: &str) -> Facts {
    let mut facts = Facts::default();
    let mut stack: Vec<Open> = Vec::new();
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    facts.headings.push((level as u8, range.start));
                    stack.push(Open::Block(BlockKind::Heading, range, String::new()));
                }
                Tag::Paragraph => stack.push(Open::Block(BlockKind::Paragraph, range, String::new())),
                Tag::Item => stack.push(Open::Block(BlockKind::Item, range, String::new())),
                Tag::TableCell => stack.push(Open::Block(BlockKind::TableCell, range, String::new())),
                Tag::CodeBlock(_) => stack.push(Open::Code),
                Tag::Image { dest_url, .. } => {
                    facts.links.push(LinkRef { url: dest_url.into_string(), offset: range.start, image: true });
                    stack.push(Open::Image(range.start, String::new()));
                }
                Tag::Link { link_type, dest_url, .. } if link_type != LinkType::Email => {
                    facts.links.push(LinkRef { url: dest_url.into_string(), offset: range.start, image: false });
                }
                _ => {}
            },
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            )
            | Event::End(TagEnd::Image) => match stack.pop() {
                Some(Open::Block(kind, range, text)) => {
                    let text = text.trim().to_owned();
                    if !text.is_empty() {
                        facts.blocks.push(TextBlock { kind, text, range });
                    }
                }
                Some(Open::Image(offset, alt)) => facts.images.push(ImageRef { offset, alt: alt.trim().to_owned() }),
                Some(Open::Code) | None => {}
            },
            Event::Text(text) | Event::Code(text) => push_text(&mut stack, &text),
            Event::SoftBreak | Event::HardBreak => push_text(&mut stack, " "),
            _ => {}
        }
    }
    facts
}

fn push_text(stack: &mut [Open], text: &str) {
    match stack.last_mut() {
        Some(Open::Block(_, _, s) | Open::Image(_, s)) => s.push_str(text),
        Some(Open::Code) | None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_headings_links_images_and_blocks_with_offsets() {
        let body =
            "## One\n\nSee [a](/a/) and ![Cat *big*](/c.png).\n\n- item `x`\n- ![](/d.png)\n\n```\n[no](/link/)\n```\n";
        let f = scan(body);
        assert_eq!(f.headings, [(2, 0)]);
        let urls: Vec<(&str, usize, bool)> = f.links.iter().map(|l| (l.url.as_str(), l.offset, l.image)).collect();
        assert_eq!(urls, [("/a/", 12, false), ("/c.png", 25, true), ("/d.png", 61, true)]);
        assert_eq!(f.images[0].alt, "Cat big");
        assert_eq!(f.images[1].alt, "");
        let blocks: Vec<(BlockKind, &str)> = f.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            blocks,
            [(BlockKind::Heading, "One"), (BlockKind::Paragraph, "See a and ."), (BlockKind::Item, "item x")]
        );
    }

    #[test]
    fn email_autolinks_are_not_links_to_check() {
        assert!(scan("<a@b.org>").links.is_empty());
    }
}
