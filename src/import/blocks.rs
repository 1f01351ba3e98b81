//! Text → units: the title line, then one unit per paragraph, heading or list item,
//! each with the input lines it came from. Owns the two layouts of raw text: one
//! paragraph per line, and hard-wrapped paragraphs separated by blank lines.

use super::text::{is_title_case, last_significant_char, squash_whitespace, word_count};

/// One paragraph, heading or list item as found in the input, before classification.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Whitespace-squashed text (wrapped lines joined with a space).
    pub text: String,
    /// 1-based input line of the first and last line it came from.
    pub line: usize,
    pub last_line: usize,
}

/// Where hard-wrapped lines were joined: how many lines became how many paragraphs.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Joined {
    pub lines: usize,
    pub paragraphs: usize,
}

/// Lines longer than this are never the product of hard wrapping.
const MAX_WRAP_WIDTH: usize = 100;

/// A list marker at the start of a line: its family and where the item text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Bullet(char),
    Number(u32, char),
}

/// `- `, `* `, `• `, `– `, or a number of at most three digits then `.`/`)` and a space.
/// Four-digit numbers are years ("2022. A bad year"), never list items.
pub fn list_marker(line: &str) -> Option<(Marker, &str)> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if matches!(first, '-' | '*' | '•' | '–') {
        let rest = chars.as_str();
        let item = rest.strip_prefix([' ', '\t'])?.trim_start();
        return (!item.is_empty()).then_some((Marker::Bullet(first), item));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &line[digits..];
    let delimiter = rest.chars().next().filter(|c| matches!(c, '.' | ')'))?;
    let item = rest[1..].strip_prefix([' ', '\t'])?.trim_start();
    let number = line[..digits].parse().ok()?;
    (!item.is_empty()).then_some((Marker::Number(number, delimiter), item))
}

/// Splits decoded text into units. The first non-blank line is always its own unit
/// (the title). When the text uses blank lines between blocks, each blank-separated
/// group whose lines all fit a wrapping width is one paragraph (its lines joined);
/// otherwise every line is a unit.
pub fn split(text: &str) -> (Vec<Unit>, Joined) {
    let lines: Vec<(usize, &str)> = text.split('\n').enumerate().map(|(i, l)| (i + 1, l.trim())).collect();
    let Some(title_at) = lines.iter().position(|(_, l)| !l.is_empty()) else {
        return (Vec::new(), Joined::default());
    };
    let mut units = vec![single(lines[title_at])];
    let rest = &lines[title_at + 1..];
    let groups: Vec<&[(usize, &str)]> = rest.split(|(_, l)| l.is_empty()).filter(|g| !g.is_empty()).collect();
    // Blank lines between blocks are what tell the hard-wrapped layout apart.
    let blank_separated = groups.len() >= 2;
    let mut joined = Joined::default();
    for group in groups {
        split_group(group, blank_separated, &mut units, &mut joined);
    }
    (units, joined)
}

fn single((line, text): (usize, &str)) -> Unit {
    Unit { text: squash_whitespace(text), line, last_line: line }
}

fn joined_unit(lines: &[(usize, &str)]) -> Unit {
    let text = lines.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ");
    Unit { text: squash_whitespace(&text), line: lines[0].0, last_line: lines[lines.len() - 1].0 }
}

fn split_group(group: &[(usize, &str)], blank_separated: bool, units: &mut Vec<Unit>, joined: &mut Joined) {
    let markers = group.iter().filter(|(_, l)| list_marker(l).is_some()).count();
    if group.len() == 1 || !blank_separated || group.iter().any(|(_, l)| l.chars().count() > MAX_WRAP_WIDTH) {
        units.extend(group.iter().copied().map(single));
        return;
    }
    if markers >= 2 {
        // A list inside a wrapped block: each marker starts an item, and lines that
        // follow one continue it; lines before the first item form a paragraph.
        let first_item = group.iter().position(|(_, l)| list_marker(l).is_some()).unwrap_or(0);
        if first_item > 0 {
            push_joined(&group[..first_item], units, joined);
        }
        let mut start = first_item;
        for i in first_item + 1..=group.len() {
            if i == group.len() || list_marker(group[i].1).is_some() {
                push_joined(&group[start..i], units, joined);
                start = i;
            }
        }
        return;
    }
    // A short title-case first line over longer text is a heading that lacks its blank line.
    let (first, second) = (group[0].1, group[1].1);
    if looks_like_heading_line(first) && first.chars().count() * 10 < second.chars().count() * 6 {
        units.push(single(group[0]));
        push_joined(&group[1..], units, joined);
        return;
    }
    push_joined(group, units, joined);
}

fn push_joined(lines: &[(usize, &str)], units: &mut Vec<Unit>, joined: &mut Joined) {
    if lines.len() > 1 {
        joined.lines += lines.len();
        joined.paragraphs += 1;
    }
    units.push(joined_unit(lines));
}

fn looks_like_heading_line(line: &str) -> bool {
    is_title_case(line) && word_count(line) <= 12 && !last_significant_char(line).is_some_and(|c| ".!?:;,…".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        split(text).0.into_iter().map(|u| u.text).collect()
    }

    #[test]
    fn one_paragraph_per_line() {
        let (units, joined) = split("Title\nFirst  para.\nHeading\nSecond para.\n");
        assert_eq!(
            units.iter().map(|u| u.text.as_str()).collect::<Vec<_>>(),
            ["Title", "First para.", "Heading", "Second para."]
        );
        assert_eq!(units[3].line, 4);
        assert_eq!(joined, Joined::default());
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let (units, joined) = split(
            "Title\n\nThis is a paragraph that was\nwrapped at a fixed width by\nan editor.\n\nSecond one\nwraps too.\n",
        );
        assert_eq!(units[1].text, "This is a paragraph that was wrapped at a fixed width by an editor.");
        assert_eq!((units[1].line, units[1].last_line), (3, 5));
        assert_eq!(units[2].text, "Second one wraps too.");
        assert_eq!(joined, Joined { lines: 5, paragraphs: 2 });
    }

    #[test]
    fn wrapped_heading_without_blank_line_is_split_off() {
        assert_eq!(
            texts(
                "Title\n\nBackground Notes\nThe talks began in spring and ran on for months\nwith little to show for them.\n\nMore text here.\n"
            ),
            [
                "Title",
                "Background Notes",
                "The talks began in spring and ran on for months with little to show for them.",
                "More text here."
            ]
        );
    }

    #[test]
    fn wrapped_list_items_keep_their_continuations() {
        assert_eq!(
            texts("Title\n\nSteps:\n- first step that\n  wraps\n- second\n\nEnd.\n"),
            ["Title", "Steps:", "- first step that wraps", "- second", "End."]
        );
    }

    #[test]
    fn markers() {
        assert_eq!(list_marker("- a"), Some((Marker::Bullet('-'), "a")));
        assert_eq!(list_marker("12) b"), Some((Marker::Number(12, ')'), "b")));
        assert_eq!(list_marker("2022. A year"), None);
        assert_eq!(list_marker("*emphasis* here"), None);
        assert_eq!(list_marker("-"), None);
    }
}
