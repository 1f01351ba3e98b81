//! Snapshot tests of `convert()` on the seed texts and on one fixture per rule
//! (tests/fixtures/import/), plus the render check: every body must render, with
//! pulldown-cmark and all its extensions, to exactly the author's text.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{ImportOptions, convert, parse_front_matter};

fn options() -> ImportOptions {
    ImportOptions { date: Some(jiff::civil::date(2025, 9, 10)), ..ImportOptions::default() }
}

fn fixture(dir: &str, name: &str) -> (Vec<u8>, PathBuf) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir).join(name);
    (std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())), path)
}

/// What a user sees: the report lines, then the file, or the error message.
fn report(dir: &str, name: &str) -> String {
    let (bytes, _) = fixture(dir, name);
    match convert(&bytes, name, &options()) {
        Ok(c) => {
            check_renders_literally(&c.markdown);
            format!(
                "slug: {}\n{}\n\n{}",
                c.slug,
                c.notes.iter().map(|n| format!("- {n}")).collect::<Vec<_>>().join("\n"),
                c.markdown
            )
        }
        Err(e) => format!("error: {e}"),
    }
}

/// The body of a converted file, rendered: (tags seen, text per block).
pub(super) fn render(markdown: &str) -> (Vec<String>, Vec<String>) {
    let body = markdown.splitn(3, "---\n").nth(2).expect("front matter");
    let mut tags = Vec::new();
    let mut blocks = Vec::new();
    let mut current = String::new();
    for event in Parser::new_ext(body, Options::all()) {
        match event {
            Event::Start(tag) => {
                let name = match tag {
                    Tag::Paragraph => "p",
                    Tag::Heading { level: pulldown_cmark::HeadingLevel::H2, .. } => "h2",
                    Tag::Emphasis => "em",
                    Tag::List(Some(_)) => "ol",
                    Tag::List(None) => "ul",
                    Tag::Item => "li",
                    other => panic!("unexpected markup {other:?} in\n{body}"),
                };
                tags.push(name.to_owned());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                blocks.push(std::mem::take(&mut current))
            }
            Event::End(_) => {}
            Event::Text(t) => current.push_str(&t),
            other => panic!("unexpected event {other:?} in\n{body}"),
        }
    }
    (tags, blocks)
}

/// Every block renders back to its source text: the escaped Markdown of each block
/// yields exactly the characters the author wrote (minus the `*` of kept emphasis).
pub(super) fn check_renders_literally(markdown: &str) {
    let (_, rendered) = render(markdown);
    let body = markdown.splitn(3, "---\n").nth(2).unwrap();
    let sources: Vec<String> =
        body.split("\n\n").flat_map(|b| b.lines()).filter(|l| !l.trim().is_empty()).map(unescape_source).collect();
    assert_eq!(rendered, sources, "rendered text differs from the source text");
}

/// The author text behind one Markdown line: drop the block marker and the escapes.
fn unescape_source(line: &str) -> String {
    let line = line.strip_prefix("## ").or_else(|| line.strip_prefix("- ")).unwrap_or(line);
    let line = match line.find(". ") {
        Some(i) if i > 0 && line[..i].bytes().all(|b| b.is_ascii_digit()) => &line[i + 2..],
        _ => line,
    };
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '*' => {}
            c => out.push(c),
        }
    }
    out
}

macro_rules! snapshots {
    ($($name:ident => ($dir:literal, $file:literal),)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), report($dir, $file));
        }
    )*};
}

snapshots! {
    seed_000 => ("raw", "000_0badaa863c07c809.txt"),
    seed_002 => ("raw", "002_3724c5ceded72225.txt"),
    standfirst => ("import", "standfirst.txt"),
    no_standfirst => ("import", "no_standfirst.txt"),
    hard_wrapped => ("import", "hard_wrapped.txt"),
    lists => ("import", "lists.txt"),
    duplicated_body => ("import", "duplicated_body.txt"),
    duplicated_section => ("import", "duplicated_section.txt"),
    placeholder_end => ("import", "placeholder_end.txt"),
    placeholder_lorem => ("import", "placeholder_lorem.txt"),
    placeholder_alone => ("import", "placeholder_alone.txt"),
    placeholder_only => ("import", "placeholder_only.txt"),
    markup_like => ("import", "markup_like.txt"),
    byline => ("import", "byline.txt"),
    byline_ambiguous => ("import", "byline_ambiguous.txt"),
    call_to_action => ("import", "call_to_action.txt"),
    utf8_bom => ("import", "utf8_bom.txt"),
    utf16le_bom => ("import", "utf16le_bom.txt"),
    utf16be_bom => ("import", "utf16be_bom.txt"),
    windows1252 => ("import", "windows1252.txt"),
    crlf => ("import", "crlf.txt"),
    cr => ("import", "cr.txt"),
    empty => ("import", "empty.txt"),
    whitespace_only => ("import", "whitespace_only.txt"),
    binary => ("import", "binary.txt"),
    undecodable => ("import", "undecodable.txt"),
}

#[test]
fn seeds_round_trip_their_front_matter() {
    for name in ["000_0badaa863c07c809.txt", "002_3724c5ceded72225.txt"] {
        let (bytes, _) = fixture("raw", name);
        let c = convert(&bytes, name, &options()).unwrap();
        let front = parse_front_matter(&c.markdown).expect("front matter parses");
        assert_eq!(front.source, name);
        assert_eq!(front.date, "2025-09-10");
    }
}

/// A several-MB input (a seed body repeated many times, each copy made unique) converts.
/// Not timed here; see docs/import.md for the measured time.
#[test]
#[allow(clippy::print_stderr)] // timing on request only: FOLIO_IMPORT_TIMING=1 cargo test --release
fn large_input_converts() {
    let (bytes, _) = fixture("raw", "002_3724c5ceded72225.txt");
    let seed = String::from_utf8(bytes).unwrap();
    let mut input = String::from("A Very Long Report\n");
    let mut n = 0;
    while input.len() < 5 * 1024 * 1024 {
        n += 1;
        for line in seed.lines().skip(1) {
            input.push_str(&format!("{line} Part {n}.\n"));
        }
    }
    let started = std::time::Instant::now();
    let c = convert(input.as_bytes(), "large.txt", &options()).unwrap();
    let elapsed = started.elapsed();
    assert!(c.markdown.len() > 5_000_000);
    if std::env::var_os("FOLIO_IMPORT_TIMING").is_some() {
        eprintln!("converted {} bytes in {elapsed:?}", input.len());
    }
}
