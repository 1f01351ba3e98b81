//! Long lists of words in the grammars' regexes, rewritten as trees.
//!
//! Some of syntect's bundled grammars match built-in names with one alternation of hundreds or
//! thousands of literal words (R's `\b(abbreviate|abs|acos|acosh|…)\b`, 13 KB). Oniguruma tries
//! such a list one word after another at every place a match could start, which made R code
//! three to four times slower to highlight than any other language. [`factor`] rewrites each such
//! list so that words with the same first character share one branch, `a(?:b(?:breviate|s)|
//! cos(?:|h))`, which Oniguruma leaves after a character or two.
//!
//! The rewritten regex matches the same text with the same groups, because:
//! - a literal character matches exactly one character in exactly one way, so `xA|xB` and
//!   `x(?:A|B)` try the same things in the same order;
//! - alternatives that start with different literal characters never match at the same place,
//!   so their order does not matter and a later word may join an earlier word's branch;
//! - an alternative that can match wherever another does (empty, or starting with `.`) keeps its
//!   place: no word moves across it.
//!
//! Only groups `( … )`, `(?: … )`, `(?<name> … )`, `(?= … )`, `(?! … )` and `(?> … )` that hold
//! eight or more alternatives made of literal characters, escaped punctuation and `.` are
//! rewritten; nothing inside a look-behind or another kind of group; nothing in a regex with
//! case-insensitive mode (where a character may match another). A regex in extended mode from
//! its start (`(?x)`, where white space is no character at all) is first written without it,
//! when that is sure to match the same (see [`without_extended_mode`]), and rewritten so. The build script (`build/syntaxes.rs`) applies this to every regex of folio's copy of
//! the grammars; tests check that each rewritten regex finds what the original finds.

/// Fewer alternatives than this are left as written: the lists worth rewriting are long.
const MIN_ALTERNATIVES: usize = 8;

/// Punctuation that is a literal character when written bare, outside a class.
const BARE_LITERALS: &str = "%:=<>!@,;&~'\"/-# ";
/// Punctuation that is a literal character when escaped with a backslash.
const ESCAPED_LITERALS: &str = ".+*?()[]{}|^$\\/-#&~:%@!,;=\"";

/// `regex` with its long lists of literal alternatives rewritten as trees, or `None` when
/// nothing in it is rewritten.
pub fn factor(regex: &str) -> Option<String> {
    factor_lists(regex, MIN_ALTERNATIVES)
}

fn factor_lists(regex: &str, min: usize) -> Option<String> {
    if let Some(plain) = without_extended_mode(regex) {
        return factor_plain(&plain, min);
    }
    if has_case_or_extended_mode(regex) {
        return None;
    }
    factor_plain(regex, min)
}

/// A regex in extended mode from its start (`(?x)…`, as Python's lists of built-in names are
/// written, one name a line) as the same regex in ordinary mode: without the `(?x)` and the
/// white space extended mode ignores. Only where nothing else could change: no comments (`#`),
/// no other option group turning a mode on or off, no interval braces (where white space is
/// not ignored the same way), no white space in a class, after a backslash or before a
/// quantifier or `?`, and no white space but ASCII's.
fn without_extended_mode(regex: &str) -> Option<String> {
    let rest = regex.strip_prefix("(?x)")?;
    if rest.contains(['#', '{']) || has_any_mode_group(rest) {
        return None;
    }
    if rest.chars().any(|c| c.is_whitespace() && !c.is_ascii()) {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut out = String::with_capacity(rest.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let next = rest[i + 1..].chars().next()?;
                if next.is_whitespace() {
                    return None;
                }
                out.push('\\');
                out.push(next);
                i += 1 + next.len_utf8();
            }
            b'[' => {
                let end = class_end(bytes, i);
                let class = &rest[i..end];
                if class.bytes().any(|b| b.is_ascii_whitespace() || b == b'\x0b') {
                    return None;
                }
                out.push_str(class);
                i = end;
            }
            b if b.is_ascii_whitespace() || b == b'\x0b' => {
                // `a+ ?` is `a+` made optional, `a+?` a lazy `a+`; `( ?:` is no group opening.
                let next = rest[i..].trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
                if next.starts_with(['?', '*', '+']) {
                    return None;
                }
                i += 1;
            }
            _ => {
                let c = rest[i..].chars().next()?;
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    Some(out)
}

/// Whether any option group (`(?i)`, `(?-x:`, `(?m)` …) is in `regex`.
fn has_any_mode_group(regex: &str) -> bool {
    option_groups(regex).any(|options| !options.is_empty())
}

fn factor_plain(regex: &str, min: usize) -> Option<String> {
    let bytes = regex.as_bytes();
    let mut out = String::with_capacity(regex.len());
    let mut copied = 0;
    // Whether each open group allows rewriting inside it.
    let mut open: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => i = class_end(bytes, i),
            b')' => {
                open.pop();
                i += 1;
            }
            b'(' => {
                let group = Group::at(&regex[i..]);
                let Group::Open { content, rewritable } = group else {
                    // A comment: nothing in it counts.
                    i = regex[i..].find(')').map_or(bytes.len(), |end| i + end + 1);
                    continue;
                };
                let start = i + content;
                let allowed = rewritable && open.iter().all(|&ok| ok);
                if let Some(end) = allowed.then(|| flat_group_end(bytes, start)).flatten() {
                    if let Some(list) = rewrite_list(&regex[start..end], min) {
                        out.push_str(&regex[copied..start]);
                        out.push_str(&list);
                        copied = end;
                    }
                    i = end + 1;
                    continue;
                }
                open.push(allowed);
                i = start;
            }
            _ => i += 1,
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&regex[copied..]);
    Some(out)
}

/// What a `(` opens.
enum Group {
    /// A group whose content starts `content` bytes after the `(`.
    Open { content: usize, rewritable: bool },
    /// `(?#…)`.
    Comment,
}

impl Group {
    fn at(text: &str) -> Group {
        let Some(rest) = text.strip_prefix("(?") else { return Group::Open { content: 1, rewritable: true } };
        if rest.starts_with('#') {
            return Group::Comment;
        }
        for plain in [":", "=", "!", ">"] {
            if rest.starts_with(plain) {
                return Group::Open { content: 3, rewritable: true };
            }
        }
        if let Some(name) = rest.strip_prefix('<').filter(|r| !r.starts_with(['=', '!']))
            && let Some(end) = name.find('>')
        {
            return Group::Open { content: 3 + end + 1, rewritable: true };
        }
        // Look-behinds, option groups, conditions, absent groups, callouts.
        Group::Open { content: 2, rewritable: false }
    }
}

/// Whether any option group turns on case-insensitive (`i`) or extended (`x`) mode.
fn has_case_or_extended_mode(regex: &str) -> bool {
    option_groups(regex).any(|options| options.contains(['i', 'x']))
}

/// The options of each group `(?…:` or `(?…)` in `regex` (empty for `(?:`).
fn option_groups(regex: &str) -> impl Iterator<Item = &str> + '_ {
    regex.match_indices("(?").filter_map(|(at, _)| {
        let rest = &regex[at + 2..];
        let len = rest.find(|c: char| !(c.is_ascii_alphabetic() || c == '-')).unwrap_or(rest.len());
        matches!(rest[len..].chars().next(), Some(':' | ')')).then_some(&rest[..len])
    })
}

/// The index just past the character class that starts at `start` (a `[`), nested classes and
/// escapes included; a `]` first in a class is a literal.
fn class_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    if bytes.get(i) == Some(&b'^') {
        i += 1;
    }
    if bytes.get(i) == Some(&b']') {
        i += 1;
    }
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => i = class_end(bytes, i),
            b']' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where the group whose content starts at `start` closes, if nothing in it opens a group or a
/// class.
fn flat_group_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'(' | b'[' => return None,
            b')' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// One character of an alternative.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Atom {
    Char(char),
    Any,
}

#[derive(Clone, Copy)]
struct Token<'a> {
    atom: Atom,
    /// As written in the regex (`a`, `\.`, `.`).
    text: &'a str,
}

/// The content of a group rewritten, if it is a long enough list of simple alternatives and the
/// rewrite changes it.
fn rewrite_list(content: &str, min: usize) -> Option<String> {
    let alternatives = split_alternatives(content)?;
    if alternatives.len() < min {
        return None;
    }
    let slices: Vec<&[Token]> = alternatives.iter().map(Vec::as_slice).collect();
    let rewritten = branches(&slices).join("|");
    (rewritten != content).then_some(rewritten)
}

fn split_alternatives(content: &str) -> Option<Vec<Vec<Token<'_>>>> {
    let mut alternatives = vec![Vec::new()];
    let mut chars = content.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let token = match c {
            '|' => {
                alternatives.push(Vec::new());
                continue;
            }
            '\\' => {
                let (_, escaped) = chars.next()?;
                if !ESCAPED_LITERALS.contains(escaped) {
                    return None;
                }
                Token { atom: Atom::Char(escaped), text: &content[at..at + 1 + escaped.len_utf8()] }
            }
            '.' => Token { atom: Atom::Any, text: "." },
            c if c.is_alphanumeric() || c == '_' || BARE_LITERALS.contains(c) => {
                Token { atom: Atom::Char(c), text: &content[at..at + c.len_utf8()] }
            }
            _ => return None,
        };
        alternatives.last_mut().expect("starts with one").push(token);
    }
    Some(alternatives)
}

/// A branch of the tree: alternatives that start with the same token, by what follows it.
struct Branch<'t, 'a> {
    first: Option<Token<'a>>,
    rests: Vec<&'t [Token<'a>]>,
}

/// The alternatives, as branches that share their first token, in an order that matches as the
/// original order does (see the module's documentation).
fn branches(alternatives: &[&[Token<'_>]]) -> Vec<String> {
    let mut tree: Vec<Branch> = Vec::new();
    // Branches before this index are behind an alternative nothing may move across.
    let mut movable_from = 0;
    for alternative in alternatives {
        match alternative.first() {
            Some(first @ Token { atom: Atom::Char(c), .. }) => {
                let same = tree[movable_from..].iter_mut().find(|b| b.first.is_some_and(|f| f.atom == Atom::Char(*c)));
                match same {
                    Some(branch) => branch.rests.push(&alternative[1..]),
                    None => tree.push(Branch { first: Some(*first), rests: vec![&alternative[1..]] }),
                }
            }
            Some(first @ Token { atom: Atom::Any, .. }) => {
                // `.` may share a branch with the `.` just before it, and nothing moves across it.
                // (When the last branch is a `.` branch, every alternative since it began joined it.)
                match tree.last_mut().filter(|b| b.first.is_some_and(|f| f.atom == Atom::Any)) {
                    Some(branch) => branch.rests.push(&alternative[1..]),
                    None => tree.push(Branch { first: Some(*first), rests: vec![&alternative[1..]] }),
                }
                movable_from = tree.len() - 1;
            }
            None => {
                tree.push(Branch { first: None, rests: Vec::new() });
                movable_from = tree.len();
            }
        }
    }
    tree.iter().map(render).collect()
}

fn render(branch: &Branch) -> String {
    let Some(first) = branch.first else { return String::new() };
    let mut out = first.text.to_owned();
    match branch.rests.as_slice() {
        [only] => out.extend(only.iter().map(|t| t.text)),
        rests => {
            let inner = branches(rests);
            if let [only] = inner.as_slice() {
                out.push_str(only);
            } else {
                out.push_str("(?:");
                out.push_str(&inner.join("|"));
                out.push(')');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
