//! The bytes a match of a grammar's regex can start with, so that a search sure to fail is not
//! made.
//!
//! Most of the searches a line's highlighting makes find nothing (three in four on the benchmark
//! corpus), and each costs Oniguruma a fixed setting-up on top of its scan. When a regex cannot
//! match the empty string and every match starts with one of a known set of bytes, a line whose
//! rest holds none of them has no match, and the search is skipped; what the parse loop records
//! is what the search would have found: nothing.
//!
//! The set only has to hold every byte a match can start with (more is safe, fewer is not), so
//! anything this reader is unsure of widens it or gives up: case-insensitive and extended modes,
//! back-references, `\K` (which moves the start of a match), conditionals, nested classes and
//! unknown escapes give no set at all; `.`, negated classes and Unicode properties allow every
//! byte; shorthand classes (`\w`, `\d`, `\s`, `\h`) allow every byte of a non-ASCII character
//! too; zero-width parts (anchors, look-arounds, comments) are skipped.

/// A set of bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bytes([u64; 4]);

impl Bytes {
    const NONE: Bytes = Bytes([0; 4]);
    const ALL: Bytes = Bytes([u64::MAX; 4]);

    fn with(mut self, b: u8) -> Bytes {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
        self
    }

    fn range(mut self, from: u8, to: u8) -> Bytes {
        for b in from..=to {
            self = self.with(b);
        }
        self
    }

    fn union(self, other: Bytes) -> Bytes {
        Bytes([self.0[0] | other.0[0], self.0[1] | other.0[1], self.0[2] | other.0[2], self.0[3] | other.0[3]])
    }

    fn holds(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// Whether any byte of `text` is in the set.
    pub(crate) fn any_in(&self, text: &[u8]) -> bool {
        text.iter().any(|&b| self.holds(b))
    }

    /// Every byte that starts or continues a non-ASCII character.
    fn non_ascii() -> Bytes {
        Bytes::NONE.range(0x80, 0xFF)
    }
}

/// What a part of a regex can start with, and whether it can match the empty string.
#[derive(Clone, Copy)]
struct First {
    bytes: Bytes,
    empty: bool,
}

const ZERO_WIDTH: First = First { bytes: Bytes::NONE, empty: true };

/// The bytes every match of `regex` starts with, or `None` when the regex can match the empty
/// string or this reader cannot be sure.
pub(crate) fn first_bytes(regex: &str) -> Option<Bytes> {
    let mut reader = Reader { s: regex.as_bytes(), at: 0 };
    let first = reader.alternation()?;
    (reader.at == reader.s.len() && !first.empty).then_some(first.bytes)
}

struct Reader<'a> {
    s: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let here = self.peek() == Some(b);
        self.at += usize::from(here);
        here
    }

    /// Alternatives up to a `)` or the end (left unread).
    fn alternation(&mut self) -> Option<First> {
        let mut all = self.sequence()?;
        while self.eat(b'|') {
            let next = self.sequence()?;
            all = First { bytes: all.bytes.union(next.bytes), empty: all.empty || next.empty };
        }
        Some(all)
    }

    /// Items up to a `|`, a `)` or the end: the first bytes of each item until one that cannot be
    /// empty.
    fn sequence(&mut self) -> Option<First> {
        let mut sequence = ZERO_WIDTH;
        while let Some(b) = self.peek() {
            if b == b'|' || b == b')' {
                break;
            }
            let item = self.quantified()?;
            if sequence.empty {
                sequence = First { bytes: sequence.bytes.union(item.bytes), empty: item.empty };
            }
        }
        Some(sequence)
    }

    /// An atom and the quantifiers after it.
    fn quantified(&mut self) -> Option<First> {
        let mut item = self.atom()?;
        loop {
            match self.peek() {
                Some(b'?' | b'*') => {
                    self.at += 1;
                    item.empty = true;
                }
                Some(b'+') => self.at += 1,
                Some(b'{') => {
                    let least = self.interval()?;
                    item.empty |= least == 0;
                }
                _ => return Some(item),
            }
        }
    }

    /// `{n}`, `{n,}`, `{,m}` or `{n,m}`: its least count. Anything else gives up (Oniguruma
    /// would read such a `{` as a character).
    fn interval(&mut self) -> Option<u32> {
        let close = self.s[self.at..].iter().position(|&b| b == b'}')? + self.at;
        let inside = std::str::from_utf8(&self.s[self.at + 1..close]).ok()?;
        let (low, high) = inside.split_once(',').unwrap_or((inside, inside));
        let digits = |t: &str| t.is_empty() || t.bytes().all(|b| b.is_ascii_digit());
        if inside.is_empty() || !digits(low) || !digits(high) || (low.is_empty() && high.is_empty()) {
            return None;
        }
        self.at = close + 1;
        Some(if low.is_empty() { 0 } else { low.parse().ok()? })
    }

    fn atom(&mut self) -> Option<First> {
        let b = self.peek()?;
        match b {
            b'(' => self.group(),
            b'[' => self.class().map(|bytes| First { bytes, empty: false }),
            b'\\' => self.escape(),
            b'^' | b'$' => {
                self.at += 1;
                Some(ZERO_WIDTH)
            }
            b'.' => {
                self.at += 1;
                Some(First { bytes: Bytes::ALL, empty: false })
            }
            // A quantifier with nothing before it, or a `{` that is not one.
            b'?' | b'*' | b'+' | b'{' => None,
            _ => {
                let c = self.char()?;
                Some(First { bytes: Bytes::NONE.with(c), empty: false })
            }
        }
    }

    /// A literal character: the first byte of its UTF-8 form.
    fn char(&mut self) -> Option<u8> {
        let b = self.peek()?;
        let width = match b {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return None,
        };
        self.at += width;
        Some(b)
    }

    fn group(&mut self) -> Option<First> {
        self.at += 1;
        let zero_width = if self.eat(b'?') {
            match self.peek()? {
                b':' | b'>' => {
                    self.at += 1;
                    false
                }
                b'=' | b'!' => {
                    self.at += 1;
                    true
                }
                b'<' => {
                    self.at += 1;
                    match self.peek()? {
                        b'=' | b'!' => {
                            self.at += 1;
                            true
                        }
                        // A named group: its name, then its content.
                        _ => {
                            let end = self.s[self.at..].iter().position(|&b| b == b'>')?;
                            self.at += end + 1;
                            false
                        }
                    }
                }
                b'#' => {
                    let end = self.s[self.at..].iter().position(|&b| b == b')')?;
                    self.at += end + 1;
                    return Some(ZERO_WIDTH);
                }
                _ => return self.options(),
            }
        } else {
            false
        };
        let inner = self.alternation()?;
        if !self.eat(b')') {
            return None;
        }
        Some(if zero_width { ZERO_WIDTH } else { inner })
    }

    /// `(?m)`, `(?-m)`, `(?m:…)`: only options that change nothing here are read (`m` makes `.`
    /// match a newline too, and `.` already allows every byte).
    fn options(&mut self) -> Option<First> {
        while let Some(b) = self.peek() {
            match b {
                b'm' | b'-' => self.at += 1,
                b')' => {
                    self.at += 1;
                    return Some(ZERO_WIDTH);
                }
                b':' => {
                    self.at += 1;
                    let inner = self.alternation()?;
                    return self.eat(b')').then_some(inner);
                }
                _ => return None,
            }
        }
        None
    }

    fn escape(&mut self) -> Option<First> {
        self.at += 1;
        let b = self.peek()?;
        self.at += 1;
        let one = |bytes: Bytes| Some(First { bytes, empty: false });
        match b {
            b'b' | b'B' | b'A' | b'z' | b'Z' | b'G' => Some(ZERO_WIDTH),
            b'w' | b'd' | b's' | b'h' => one(shorthand(b)),
            b'W' | b'D' | b'S' | b'H' | b'p' | b'P' | b'R' | b'X' | b'N' | b'O' => {
                if matches!(b, b'p' | b'P') {
                    self.property()?;
                }
                one(Bytes::ALL)
            }
            b'x' | b'u' => one(Bytes::NONE.with(self.code_point(b)?)),
            _ => one(Bytes::NONE.with(escaped(b)?)),
        }
    }

    /// `{…}` after `\p` or `\P`.
    fn property(&mut self) -> Option<()> {
        if !self.eat(b'{') {
            return None;
        }
        let end = self.s[self.at..].iter().position(|&b| b == b'}')?;
        self.at += end + 1;
        Some(())
    }

    /// `\xHH`, `\x{H…}` or `\uHHHH`: the first byte of the character's UTF-8 form.
    fn code_point(&mut self, kind: u8) -> Option<u8> {
        let braced = kind == b'x' && self.peek() == Some(b'{');
        let digits = if braced {
            self.at += 1;
            let end = self.s[self.at..].iter().position(|&b| b == b'}')?;
            let d = &self.s[self.at..self.at + end];
            self.at += end + 1;
            d
        } else {
            let want = if kind == b'x' { 2 } else { 4 };
            let d = self.s.get(self.at..self.at + want)?;
            self.at += want;
            d
        };
        let value = u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()?;
        // `\x80`–`\xFF` may mean a byte rather than a character: not read.
        if kind == b'x' && !braced && value >= 0x80 {
            return None;
        }
        let c = char::from_u32(value)?;
        Some(c.encode_utf8(&mut [0; 4]).as_bytes()[0])
    }

    /// A bracketed class; a negated one allows every byte.
    fn class(&mut self) -> Option<Bytes> {
        self.at += 1;
        let negated = self.eat(b'^');
        let mut bytes = Bytes::NONE;
        let mut first = true;
        loop {
            let b = self.peek()?;
            match b {
                b']' if !first => {
                    self.at += 1;
                    break;
                }
                b'[' => {
                    // `[:alpha:]` and the like; a nested class gives up.
                    if self.s.get(self.at + 1) != Some(&b':') {
                        return None;
                    }
                    let end = self.s[self.at + 2..].windows(2).position(|w| w == b":]")?;
                    self.at += end + 4;
                    bytes = Bytes::ALL;
                }
                b'&' if self.s.get(self.at + 1) == Some(&b'&') => return None,
                b'\\' => {
                    self.at += 1;
                    let e = self.peek()?;
                    self.at += 1;
                    bytes = bytes.union(match e {
                        b'w' | b'd' | b's' | b'h' => shorthand(e),
                        b'W' | b'D' | b'S' | b'H' => Bytes::ALL,
                        b'p' | b'P' => {
                            self.property()?;
                            Bytes::ALL
                        }
                        b'x' | b'u' => {
                            let c = self.code_point(e)?;
                            self.class_range(c)?
                        }
                        _ => self.class_range(escaped(e)?)?,
                    });
                }
                _ => {
                    let c = self.char()?;
                    bytes = bytes.union(self.class_range(c)?);
                }
            }
            first = false;
        }
        Some(if negated { Bytes::ALL } else { bytes })
    }

    /// A class member that may be the start of a range `a-z`. Ranges reaching beyond ASCII allow
    /// every non-ASCII byte.
    fn class_range(&mut self, from: u8) -> Option<Bytes> {
        if self.peek() != Some(b'-') || matches!(self.s.get(self.at + 1), Some(b']') | None) {
            return Some(Bytes::NONE.with(from));
        }
        self.at += 1;
        let to = match self.peek()? {
            b'\\' => {
                self.at += 1;
                let e = self.peek()?;
                self.at += 1;
                match e {
                    b'x' | b'u' => self.code_point(e)?,
                    _ => escaped(e)?,
                }
            }
            b'[' => return None,
            _ => self.char()?,
        };
        if from >= 0x80 || to >= 0x80 {
            let ascii = if from < 0x80 { Bytes::NONE.range(from, 0x7F) } else { Bytes::NONE };
            return Some(ascii.union(Bytes::non_ascii()));
        }
        (from <= to).then(|| Bytes::NONE.range(from, to))
    }
}

/// `\w`, `\d`, `\s`, `\h`: their ASCII members, and every non-ASCII byte (in Unicode text they
/// may match letters, digits or spaces of any script).
fn shorthand(kind: u8) -> Bytes {
    let ascii = match kind {
        b'w' => Bytes::NONE.range(b'a', b'z').range(b'A', b'Z').range(b'0', b'9').with(b'_'),
        b'd' => Bytes::NONE.range(b'0', b'9'),
        b's' => Bytes::NONE.range(0x09, 0x0D).with(b' '),
        _ => Bytes::NONE.range(b'0', b'9').range(b'a', b'f').range(b'A', b'F'),
    };
    ascii.union(Bytes::non_ascii())
}

/// The byte an escape other than a class or an assertion stands for: a control character or
/// escaped punctuation. `None` for anything else (back-references, `\K`, `\g`, `\k`, octal…).
fn escaped(b: u8) -> Option<u8> {
    match b {
        b'n' => Some(b'\n'),
        b't' => Some(b'\t'),
        b'r' => Some(b'\r'),
        b'f' => Some(0x0C),
        b'v' => Some(0x0B),
        b'a' => Some(0x07),
        b'e' => Some(0x1B),
        _ if b.is_ascii_punctuation() || b == b' ' => Some(b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(bytes: &[u8]) -> Bytes {
        bytes.iter().fold(Bytes::NONE, |s, &b| s.with(b))
    }

    #[test]
    fn literals_classes_groups_and_alternatives() {
        assert_eq!(first_bytes(r"\bdef\b"), Some(set(b"d")));
        assert_eq!(first_bytes(r"(?:if|else|for)\s"), Some(set(b"ief")));
        assert_eq!(first_bytes(r"[A-Ca]x"), Some(set(b"ABCa")));
        assert_eq!(first_bytes(r"(?<name>@)?\w"), Some(set(b"@").union(shorthand(b'w'))));
        assert_eq!(first_bytes(r"a?b*c"), Some(set(b"abc")));
        assert_eq!(first_bytes(r"x{0,3}y"), Some(set(b"xy")));
        assert_eq!(first_bytes(r"x{2}y"), Some(set(b"x")));
        assert_eq!(first_bytes(r"(?<=\.)foo(?=bar)"), Some(set(b"f")));
        assert_eq!(first_bytes(r"^\s*(#)"), Some(shorthand(b's').union(set(b"#"))));
        assert_eq!(first_bytes(r"\x{e9}|\u00e9"), Some(set(&[0xC3])));
        assert_eq!(first_bytes(r"(?m:\.)"), Some(set(b".")));
        assert_eq!(first_bytes(r"[^a]"), Some(Bytes::ALL));
        assert_eq!(first_bytes(r"[[:alpha:]_]"), Some(Bytes::ALL));
    }

    #[test]
    fn unsure_or_empty_gives_no_set() {
        for regex in [
            r"(?i)select",
            r"(?x) a b",
            r"(a)\1",
            r"foo\Kbar",
            r"a*",
            r"$",
            r"(?=x)",
            r"\b",
            r"[a&&b]",
            r"[[a]]",
            r"a{x}",
            r"\xff",
            r"(?i:a)",
            r"(unclosed",
            r"\q",
        ] {
            assert_eq!(first_bytes(regex), None, "{regex}");
        }
    }

    #[test]
    fn a_line_without_any_of_the_bytes_is_skipped() {
        let bytes = first_bytes(r"\bdef\b").unwrap();
        assert!(!bytes.any_in(b"  x = 1"));
        assert!(bytes.any_in(b"  def f():"));
    }
}
