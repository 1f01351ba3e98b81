//! Debris removal. Each rule is one named function that removes what it must and
//! returns a report line for every removal: leftover placeholders, a whole body pasted
//! twice, repeated sections and paragraphs, and the closing comments call to action.
//! Repeats are found by hashing normalised text, so every rule is linear.

use std::collections::HashMap;

use super::blocks::Unit;
use super::document::{Block, Located};
use super::structure::classify;
use super::text::{key, key_prefix, sentence_starts, word_count};

/// Editor and CMS template text, as comparison keys (see [`key`]).
const PLACEHOLDERS: &[&str] = &[
    "my post content",
    "post content",
    "your content goes here",
    "your content here",
    "content goes here",
    "text goes here",
    "your text here",
    "your text goes here",
    "enter your content here",
    "enter text here",
    "insert content here",
    "insert text here",
    "add your content here",
    "add content here",
    "type your text here",
    "write your post here",
    "write something",
    "start writing",
    "start writing here",
    "placeholder",
    "placeholder text",
    "lorem ipsum",
];

/// A paragraph repeats only if it is at least this long ("Yes." twice is writing).
pub const MIN_REPEAT_WORDS: usize = 8;

/// Whether `text` is leftover template text: a known placeholder, or Lorem ipsum.
pub fn is_placeholder(text: &str) -> bool {
    // Every placeholder key is short, so a key longer than the longest cannot be one, and
    // Lorem ipsum shows in the first words: a long paragraph is never lowercased in full.
    let longest = PLACEHOLDERS.iter().map(|p| p.len()).max().unwrap_or(0).max(LOREM.len());
    let k = key_prefix(text, longest + 1);
    PLACEHOLDERS.contains(&k.as_str()) || k.starts_with(LOREM)
}

const LOREM: &str = "lorem ipsum dolor";

/// Drops placeholder units (never the title line) and a placeholder that ends the last
/// unit as its final sentence.
pub fn drop_placeholders(units: &mut Vec<Unit>, notes: &mut Vec<String>) {
    let mut first = true;
    units.retain(|u| {
        let keep = std::mem::take(&mut first) || !is_placeholder(&u.text);
        if !keep {
            notes.push(format!("dropped placeholder {}: “{}”", lines(u.line, u.last_line), short(&u.text)));
        }
        keep
    });
    if units.len() < 2 {
        return;
    }
    let last = units.last_mut().expect("two or more units");
    let start = *sentence_starts(&last.text).last().unwrap_or(&0);
    if start > 0 && is_placeholder(&last.text[start..]) {
        notes.push(format!("dropped placeholder at the end of line {}: “{}”", last.last_line, &last.text[start..]));
        last.text.truncate(start);
        last.text.truncate(last.text.trim_end().len());
    }
}

/// Removes a second copy of everything after the title (or after the title and line 2,
/// or the whole document including its title): the scrape-and-paste error where the
/// text is simply there twice. Returns whether it removed one.
pub fn drop_repeated_body(units: &mut Vec<Unit>, notes: &mut Vec<String>) -> bool {
    let keys: Vec<String> = units.iter().map(|u| key(&u.text)).collect();
    for offset in 0..=2.min(units.len()) {
        let len = units.len() - offset;
        let half = len / 2;
        if !len.is_multiple_of(2) || half < 2 || keys[offset..offset + half] != keys[offset + half..] {
            continue;
        }
        let removed = units.split_off(offset + half);
        let (first, last) = (removed[0].line, removed[removed.len() - 1].last_line);
        notes
            .push(format!("removed second copy of the body ({}; lines {first}–{last})", describe(&classify(&removed))));
        return true;
    }
    false
}

/// Removes a section (a heading and the blocks up to the next heading) that repeats an
/// earlier section in full. A heading that repeats with different text is kept.
pub fn drop_repeated_sections(blocks: &mut Vec<Located>, notes: &mut Vec<String>) {
    let mut starts: Vec<usize> =
        blocks.iter().enumerate().filter(|(_, b)| matches!(b.block, Block::Heading(_))).map(|(i, _)| i).collect();
    starts.push(blocks.len());
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut drop = vec![false; blocks.len()];
    for w in starts.windows(2) {
        let section = &blocks[w[0]..w[1]];
        let k: String = section.iter().map(|b| key(&b.block.text())).collect::<Vec<_>>().join("\n");
        let span = (section[0].line, section[section.len() - 1].last_line);
        match seen.get(&k) {
            Some(&(first, first_last)) if section.len() >= 2 => {
                drop[w[0]..w[1]].fill(true);
                notes.push(format!(
                    "removed repeated section “{}” (lines {}–{}; same as lines {first}–{first_last})",
                    short(&section[0].block.text()),
                    span.0,
                    span.1
                ));
            }
            _ => {
                seen.entry(k).or_insert(span);
            }
        }
    }
    let mut i = 0;
    blocks.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Removes a paragraph or list of at least eight words that repeats an earlier one.
pub fn drop_repeated_paragraphs(blocks: &mut Vec<Located>, notes: &mut Vec<String>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    blocks.retain(|b| {
        if matches!(b.block, Block::Heading(_)) || word_count(&b.block.text()) < MIN_REPEAT_WORDS {
            return true;
        }
        let k = key(&b.block.text());
        if let Some(&first) = seen.get(&k) {
            notes.push(format!("removed repeated paragraph at {} (same as line {first})", lines(b.line, b.last_line)));
            return false;
        }
        seen.insert(k, b.line);
        true
    });
}

/// Takes the closing call to action about comments ("Share your thoughts in the comments
/// below!"): the last sentence of the last paragraph, when it invites comments. A
/// question before it is the author's and stays in the body.
pub fn take_call_to_action(blocks: &mut Vec<Located>, notes: &mut Vec<String>) -> Option<String> {
    let last = blocks.last_mut()?;
    let Block::Paragraph(text) = &mut last.block else {
        return None;
    };
    let start = *sentence_starts(text).last().unwrap_or(&0);
    let sentence = text[start..].trim().to_owned();
    if !is_comments_prompt(&sentence) {
        return None;
    }
    notes.push(format!("comments call to action on line {} → comments_prompt: “{sentence}”", last.last_line));
    text.truncate(start);
    text.truncate(text.trim_end().len());
    if text.is_empty() {
        blocks.pop();
    }
    Some(sentence)
}

/// A short sentence that mentions comments and asks the reader to act.
pub fn is_comments_prompt(sentence: &str) -> bool {
    let k = format!(" {} ", key(sentence));
    let mentions = [" comment ", " comments ", " comment section ", " discussion ", " conversation "]
        .iter()
        .any(|w| k.contains(w));
    let asks = [
        " share ",
        " let us know ",
        " let me know ",
        " tell us ",
        " tell me ",
        " leave ",
        " drop ",
        " join ",
        " sound off ",
        " post ",
        " add ",
        " weigh in ",
    ]
    .iter()
    .any(|w| k.contains(w));
    word_count(sentence) <= 25 && mentions && asks && k.contains(" comment")
}

/// "6 paragraphs, 4 headings, 1 list" for a run of blocks.
pub fn describe(blocks: &[Located]) -> String {
    let count = |f: fn(&Block) -> bool| blocks.iter().filter(|b| f(&b.block)).count();
    let parts = [
        (count(|b| matches!(b, Block::Paragraph(_))), "paragraph"),
        (count(|b| matches!(b, Block::Heading(_))), "heading"),
        (count(|b| matches!(b, Block::List { .. })), "list"),
    ];
    parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lines(first: usize, last: usize) -> String {
    if first == last { format!("line {first}") } else { format!("lines {first}–{last}") }
}

/// At most 60 characters of `text`, for report lines.
pub(crate) fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lines: &[&str]) -> Vec<Unit> {
        lines.iter().enumerate().map(|(i, t)| Unit { text: t.to_string(), line: i + 1, last_line: i + 1 }).collect()
    }
    fn texts(units: &[Unit]) -> Vec<&str> {
        units.iter().map(|u| u.text.as_str()).collect()
    }
    const LONG_A: &str = "Security guarantees could reshape the landscape of Eastern Europe for decades.";
    const LONG_B: &str = "The clash over guarantees is part of a larger geopolitical struggle, diplomats say.";

    #[test]
    fn placeholders_alone_and_at_the_end() {
        let mut u = units(&[
            "Title",
            "Lorem ipsum dolor sit amet, consectetur.",
            "Body text.",
            "Your content goes here",
            "Last words. My post content",
        ]);
        let mut notes = vec![];
        drop_placeholders(&mut u, &mut notes);
        assert_eq!(texts(&u), ["Title", "Body text.", "Last words."]);
        assert_eq!(
            notes,
            [
                "dropped placeholder line 2: “Lorem ipsum dolor sit amet, consectetur.”",
                "dropped placeholder line 4: “Your content goes here”",
                "dropped placeholder at the end of line 5: “My post content”",
            ]
        );
        assert!(!is_placeholder("My post content is about Russia."));
    }

    #[test]
    fn whole_body_twice() {
        let mut u = units(&["Title", "Standfirst", "Heading", LONG_A, "Heading", LONG_A.to_uppercase().as_str()]);
        let mut notes = vec![];
        assert!(drop_repeated_body(&mut u, &mut notes));
        assert_eq!(texts(&u), ["Title", "Standfirst", "Heading", LONG_A]);
        assert_eq!(notes, ["removed second copy of the body (1 paragraph, 1 heading; lines 5–6)"]);
        let mut u = units(&["Title", "Yes.", "Yes."]);
        assert!(!drop_repeated_body(&mut u, &mut notes));
    }

    #[test]
    fn repeated_section_goes_but_a_repeated_heading_stays() {
        let mut b = classify(&units(&[
            "Background",
            LONG_A,
            "Background",
            LONG_B,
            "Background",
            &format!("{LONG_A}  "),
            "Closing Words",
            "End.",
        ]));
        let mut notes = vec![];
        drop_repeated_sections(&mut b, &mut notes);
        assert_eq!(b.len(), 6);
        assert_eq!(notes, ["removed repeated section “Background” (lines 5–6; same as lines 1–2)"]);
    }

    #[test]
    fn repeated_paragraphs_need_eight_words() {
        let mut b = classify(&units(&[LONG_A, "Yes.", "Yes.", &LONG_A.replace(',', ""), LONG_B]));
        let mut notes = vec![];
        drop_repeated_paragraphs(&mut b, &mut notes);
        assert_eq!(b.len(), 4);
        assert_eq!(notes, ["removed repeated paragraph at line 4 (same as line 1)"]);
    }

    #[test]
    fn call_to_action_leaves_the_question() {
        let mut b =
            classify(&units(&["Body.", "What are your predictions? Share your thoughts in the comments below!"]));
        let mut notes = vec![];
        assert_eq!(
            take_call_to_action(&mut b, &mut notes).as_deref(),
            Some("Share your thoughts in the comments below!")
        );
        assert_eq!(b[1].block, Block::Paragraph("What are your predictions?".into()));
        let mut b = classify(&units(&["Body.", "Let us know in the comments."]));
        assert!(take_call_to_action(&mut b, &mut notes).is_some());
        assert_eq!(b.len(), 1);
        assert!(!is_comments_prompt("The minister declined to comment on the talks."));
        assert!(!is_comments_prompt(
            "Critics share comments made by the minister over many long years of talks, and they add that the comments section of the ministry website was closed in spring after a long run of abuse."
        ));
    }
}
