//! Property tests: for random documents of paragraphs and headings, with or without an
//! appended copy of the body, and with markup-like words mixed in, no sentence is lost
//! and none appears twice, in the rendered page (body plus description), in order.

use proptest::prelude::*;

use super::tests::{check_renders_literally, render};
use super::{ImportOptions, convert, parse_front_matter};

const WORDS: &[&str] = &[
    "market", "policy", "border", "treaty", "energy", "grain", "port", "budget", "vote", "court", "a_b", "<b>", "*",
    "|", "#1", "[sic]", "&amp;", "x--y", "it's", "\"so\"", "`tick`", "~", "$",
];

#[derive(Debug, Clone)]
enum Piece {
    Heading(String),
    Paragraph(Vec<String>),
}

/// A sentence with a unique id word (`IdN`) so repeats can be told from losses.
fn sentence(id: usize, words: &[usize]) -> String {
    let body: Vec<&str> = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect();
    format!("Id{id} {}.", body.join(" "))
}

fn document() -> impl Strategy<Value = Vec<Piece>> {
    let piece = prop_oneof![
        1 => (0..1usize).prop_map(|_| None),
        3 => prop::collection::vec(prop::collection::vec(0..WORDS.len(), 8..14), 1..4).prop_map(Some),
    ];
    prop::collection::vec(piece, 2..12).prop_map(|raw| {
        let mut next_id = 0;
        raw.into_iter()
            .map(|p| match p {
                None => {
                    next_id += 1;
                    Piece::Heading(format!("Heading Id{next_id} Here"))
                }
                Some(sentences) => Piece::Paragraph(
                    sentences
                        .iter()
                        .map(|w| {
                            next_id += 1;
                            sentence(next_id, w)
                        })
                        .collect(),
                ),
            })
            .collect()
    })
}

fn text_of(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .flat_map(|p| match p {
            Piece::Heading(h) => vec![h.clone()],
            Piece::Paragraph(s) => s.clone(),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn no_sentence_lost_or_doubled(pieces in document(), copied in any::<bool>()) {
        let mut lines = vec!["The Title of a Random Document".to_owned()];
        let body: Vec<String> = pieces.iter().map(|p| match p {
            Piece::Heading(h) => h.clone(),
            Piece::Paragraph(s) => s.join(" "),
        }).collect();
        lines.extend(body.iter().cloned());
        if copied {
            lines.extend(body.iter().cloned());
        }
        let input = lines.join("\n") + "\n";
        let options = ImportOptions { date: Some(jiff::civil::date(2025, 1, 1)), ..ImportOptions::default() };
        let converted = convert(input.as_bytes(), "random.txt", &options).expect("converts");
        let front = parse_front_matter(&converted.markdown).expect("front matter");
        let (_, blocks) = render(&converted.markdown);
        let page = front.description.into_iter().chain(blocks).collect::<Vec<_>>().join("\n");
        let mut at = 0;
        for s in text_of(&pieces) {
            prop_assert_eq!(page.matches(&s).count(), 1, "{:?} in\n{}", s, page);
            let found = page[at..].find(&s);
            prop_assert!(found.is_some(), "{:?} out of order in\n{}", s, page);
            at += found.unwrap() + s.len();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Markup-heavy random text never panics, and every block renders as its text.
    #[test]
    fn markup_soup_renders_literally(body in r#"[a-zA-Z0-9 .,!?*_#<>&|()`~$^{}:;"'\\\[\]\n-]{1,300}"#) {
        let input = format!("Soup Title\n{body}\n");
        let options = ImportOptions { date: Some(jiff::civil::date(2025, 1, 1)), ..ImportOptions::default() };
        if let Ok(converted) = convert(input.as_bytes(), "soup.txt", &options) {
            check_renders_literally(&converted.markdown);
        }
    }
}
