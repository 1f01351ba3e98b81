//! The bytes a match of a grammar's regex can start with, and the bytes that can come second, so
//! that a search sure to fail is not made.
//!
//! Most of the searches a line's highlighting makes find nothing (three in four on the benchmark
//! corpus), and each costs Oniguruma a fixed setting-up on top of its scan. When a regex cannot
//! match the empty string, every match starts with a byte of a known set and, unless it can be a
//! single byte long, goes on with a byte of a second set; a line whose rest holds no such pair
//! has no match, and the search is skipped; what the parse loop records is what the search would
//! have found: nothing. (A list of keywords, `\b(if|else|while)\b`, starts with `i`, `e` or `w`,
//! which most lines hold, followed by `f`, `l` or `h`, which far fewer lines hold right after.)
//!
//! The sets only have to hold every byte a match can have there (more is safe, fewer is not), so
//! anything this reader is unsure of widens it or gives up: extended mode, other options,
//! back-references, `\K` (which moves the start of a match), conditionals, nested classes and
//! unknown escapes give no set at all; `.`, negated classes and Unicode properties allow every
//! byte; shorthand classes (`\w`, `\d`, `\s`, `\h`) allow every byte of a non-ASCII character
//! too; in case-insensitive mode a letter allows its other case and the non-ASCII characters
//! that fold to it ([`First::folded`]); zero-width parts (anchors, look-arounds, comments) are
//! skipped. The filter also tells where the first place a match may start is: a search can start
//! there instead (unless the regex holds `\G`, see [`Filter::anchored`]).

/// A set of bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bytes([u64; 4]);

impl Bytes {
    const NONE: Bytes = Bytes([0; 4]);
    const ALL: Bytes = Bytes([u64::MAX; 4]);
    /// `A`–`Z` and `a`–`z`.
    const LETTERS: Bytes = Bytes([0, 0x07FF_FFFE_07FF_FFFE, 0, 0]);

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

    fn any_ascii(&self) -> bool {
        self.0[0] | self.0[1] != 0
    }

    fn any_non_ascii(&self) -> bool {
        self.0[2] | self.0[3] != 0
    }

    /// Every byte that starts or continues a non-ASCII character.
    fn non_ascii() -> Bytes {
        Bytes::NONE.range(0x80, 0xFF)
    }
}

/// What every match of a regex starts with (see [`filter`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Filter {
    first: Bytes,
    /// The second byte of a match, unless a match may be one byte long (then any text holding a
    /// first byte may match).
    second: Option<Bytes>,
    /// The regex holds `\G`, which matches only where the search starts: a search from
    /// further on could find what a search from the start does not.
    pub(crate) anchored: bool,
}

impl Filter {
    /// The first place of `text` where a match may start.
    pub(crate) fn first_place(&self, text: &[u8]) -> Option<usize> {
        match &self.second {
            None => text.iter().position(|&b| self.first.holds(b)),
            Some(second) => text.windows(2).position(|w| self.first.holds(w[0]) && second.holds(w[1])),
        }
    }

    /// Whether a match found at the start of `matched` (the matched bytes) agrees with the
    /// filter: what the filter promises of every match.
    #[cfg(test)]
    pub(crate) fn admits(&self, matched: &[u8]) -> bool {
        match (matched, &self.second) {
            ([], _) => false,
            ([one], second) => self.first.holds(*one) && second.is_none(),
            ([a, b, ..], second) => self.first.holds(*a) && second.is_none_or(|s| s.holds(*b)),
        }
    }
}

/// What the matches of a part of a regex can start with: their first byte, their second byte
/// (for those two bytes long or more), whether one can be empty and whether one can be a single
/// byte.
#[derive(Clone, Copy)]
struct First {
    bytes: Bytes,
    second: Bytes,
    empty: bool,
    single: bool,
}

const ZERO_WIDTH: First = First { bytes: Bytes::NONE, second: Bytes::NONE, empty: true, single: false };

impl First {
    /// One character whose UTF-8 form starts with `lead` (and goes on with `next`, if any).
    fn char(lead: u8, next: Option<u8>) -> First {
        match next {
            None => First { bytes: Bytes::NONE.with(lead), second: Bytes::NONE, empty: false, single: true },
            Some(n) => {
                First { bytes: Bytes::NONE.with(lead), second: Bytes::NONE.with(n), empty: false, single: false }
            }
        }
    }

    /// One character from a set given by the first bytes of its members: a non-ASCII member goes
    /// on with any continuation byte.
    fn class(bytes: Bytes) -> First {
        let second = if bytes.any_non_ascii() { Bytes::NONE.range(0x80, 0xBF) } else { Bytes::NONE };
        First { bytes, second, empty: false, single: bytes.any_ascii() }
    }

    /// Either of two parts.
    fn or(self, other: First) -> First {
        First {
            bytes: self.bytes.union(other.bytes),
            second: self.second.union(other.second),
            empty: self.empty || other.empty,
            single: self.single || other.single,
        }
    }

    /// This part, then `next`.
    fn then(self, next: First) -> First {
        let mut second = self.second;
        if self.single {
            second = second.union(next.bytes);
        }
        if self.empty {
            second = second.union(next.second);
        }
        First {
            bytes: if self.empty { self.bytes.union(next.bytes) } else { self.bytes },
            second,
            empty: self.empty && next.empty,
            single: (self.single && next.empty) || (self.empty && next.single),
        }
    }

    /// A character or class in case-insensitive mode, where Oniguruma folds case the Unicode
    /// way. An ASCII letter also matches its other case and some non-ASCII characters (`k` the
    /// Kelvin sign, `s` the long s; `ss` the sharp s, `fi` a ligature): it allows its other case
    /// and every non-ASCII byte first, and a continuation byte second. A non-ASCII character
    /// may match one ASCII letter or more (`ſ` matches `s`, `ß` matches `ss`): it allows every
    /// letter first, and every letter and non-ASCII byte second. (Only letters take part in
    /// case folding among ASCII characters.)
    fn folded(self) -> First {
        let mut folded = self;
        if self.bytes.any_non_ascii() {
            folded.bytes = folded.bytes.union(Bytes::LETTERS);
            folded.second = folded.second.union(Bytes::LETTERS).union(Bytes::non_ascii());
            folded.single = true;
        }
        for c in b'A'..=b'Z' {
            let lower = c.to_ascii_lowercase();
            if self.bytes.holds(c) || self.bytes.holds(lower) {
                folded.bytes = folded.bytes.with(c).with(lower).union(Bytes::non_ascii());
                folded.second = folded.second.union(Bytes::NONE.range(0x80, 0xBF));
            }
        }
        folded
    }

    /// This part repeated, possibly more than once.
    fn repeated(self) -> First {
        let second = if self.single { self.second.union(self.bytes) } else { self.second };
        First { second, ..self }
    }
}

/// What every match of `regex` starts with, or `None` when the regex can match the empty string
/// or this reader cannot be sure.
pub(crate) fn filter(regex: &str) -> Option<Filter> {
    let mut reader = Reader { s: regex.as_bytes(), at: 0, fold: false };
    let first = reader.alternation()?;
    (reader.at == reader.s.len() && !first.empty).then_some(Filter {
        first: first.bytes,
        second: (!first.single).then_some(first.second),
        anchored: regex.contains("\\G"),
    })
}

struct Reader<'a> {
    s: &'a [u8],
    at: usize,
    /// Case-insensitive mode (`(?i)`) is on.
    fold: bool,
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
            all = all.or(self.sequence()?);
        }
        Some(all)
    }

    /// Items up to a `|`, a `)` or the end, one after the other.
    fn sequence(&mut self) -> Option<First> {
        let mut sequence = ZERO_WIDTH;
        while let Some(b) = self.peek() {
            if b == b'|' || b == b')' {
                break;
            }
            sequence = sequence.then(self.quantified()?);
        }
        Some(sequence)
    }

    /// An atom and the quantifiers after it.
    fn quantified(&mut self) -> Option<First> {
        let mut item = self.atom()?;
        loop {
            // Lazy and possessive marks are read as one more quantifier, which only widens the
            // sets.
            match self.peek() {
                Some(b'?') => {
                    self.at += 1;
                    item.empty = true;
                }
                Some(b'*') => {
                    self.at += 1;
                    item = item.repeated();
                    item.empty = true;
                }
                Some(b'+') => {
                    self.at += 1;
                    item = item.repeated();
                }
                Some(b'{') => {
                    let least = self.interval()?;
                    item = item.repeated();
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
        let first = match b {
            b'(' => return self.group(),
            b'[' => self.class().map(First::class),
            // An escape folds its own literal characters.
            b'\\' => return self.escape(),
            b'^' | b'$' => {
                self.at += 1;
                Some(ZERO_WIDTH)
            }
            b'.' => {
                self.at += 1;
                Some(First::class(Bytes::ALL))
            }
            // A quantifier with nothing before it, or a `{` that is not one.
            b'?' | b'*' | b'+' | b'{' => None,
            _ => {
                let (lead, next) = self.char()?;
                Some(First::char(lead, next))
            }
        }?;
        Some(self.case(first))
    }

    /// `first` as case-insensitive mode reads it, when that mode is on.
    fn case(&self, first: First) -> First {
        if self.fold { first.folded() } else { first }
    }

    /// A literal character: the first two bytes of its UTF-8 form (one for ASCII).
    fn char(&mut self) -> Option<(u8, Option<u8>)> {
        let b = self.peek()?;
        let width = match b {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return None,
        };
        let next = if width > 1 { Some(*self.s.get(self.at + 1)?) } else { None };
        self.at += width;
        Some((b, next))
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

    /// `(?m)`, `(?i-m)`, `(?i:…)`: the options read are `m` (it makes `.` match a newline too,
    /// and `.` already allows every byte) and `i` (case-insensitive mode, see
    /// [`First::folded`]); any other gives up.
    fn options(&mut self) -> Option<First> {
        let mut on = true;
        let mut fold = self.fold;
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'm' => {}
                b'i' => fold = on,
                b'-' => on = false,
                // Set alone, the options hold for the rest of the enclosing group, alternatives
                // included: Oniguruma reads `a(?i)b|c` as `a(?i:b|c)`, and so does this.
                b')' => {
                    let outer = std::mem::replace(&mut self.fold, fold);
                    let rest = self.alternation();
                    self.fold = outer;
                    return rest;
                }
                b':' => {
                    let outer = std::mem::replace(&mut self.fold, fold);
                    let inner = self.alternation();
                    self.fold = outer;
                    return self.eat(b')').then_some(inner?);
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
        match b {
            b'b' | b'B' | b'A' | b'z' | b'Z' | b'G' => Some(ZERO_WIDTH),
            b'w' | b'd' | b's' | b'h' => Some(First::class(shorthand(b))),
            b'p' | b'P' => {
                self.property()?;
                Some(First::class(Bytes::ALL))
            }
            b'W' | b'D' | b'S' | b'H' => Some(First::class(Bytes::ALL)),
            // A line break (`\r\n` is two bytes), a grapheme cluster, anything: every byte in
            // either place, and maybe a single byte.
            b'R' | b'X' | b'N' | b'O' => {
                Some(First { bytes: Bytes::ALL, second: Bytes::ALL, empty: false, single: true })
            }
            b'x' | b'u' => {
                let c = self.code_point(b)?;
                let mut utf8 = [0; 4];
                let bytes = c.encode_utf8(&mut utf8).as_bytes();
                Some(self.case(First::char(bytes[0], bytes.get(1).copied())))
            }
            // Case folding changes no digit or space: the shorthand classes above (whose sets
            // hold both cases of every letter they hold) are read as they are.
            _ => Some(self.case(First::char(escaped(b)?, None))),
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

    /// `\xHH`, `\x{H…}` or `\uHHHH`: the character.
    fn code_point(&mut self, kind: u8) -> Option<char> {
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
        char::from_u32(value)
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
                            self.class_range(lead(c))?
                        }
                        _ => self.class_range(escaped(e)?)?,
                    });
                }
                _ => {
                    let (c, _) = self.char()?;
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
                    b'x' | b'u' => lead(self.code_point(e)?),
                    _ => escaped(e)?,
                }
            }
            b'[' => return None,
            _ => self.char()?.0,
        };
        if from >= 0x80 || to >= 0x80 {
            let ascii = if from < 0x80 { Bytes::NONE.range(from, 0x7F) } else { Bytes::NONE };
            return Some(ascii.union(Bytes::non_ascii()));
        }
        (from <= to).then(|| Bytes::NONE.range(from, to))
    }
}

/// The first byte of `c`'s UTF-8 form.
fn lead(c: char) -> u8 {
    c.encode_utf8(&mut [0; 4]).as_bytes()[0]
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

    fn pairs(first: &[u8], second: &[u8]) -> Option<Filter> {
        Some(Filter { first: set(first), second: Some(set(second)), anchored: false })
    }

    fn singles(first: Bytes) -> Option<Filter> {
        Some(Filter { first, second: None, anchored: false })
    }

    #[test]
    fn literals_classes_groups_and_alternatives() {
        assert_eq!(filter(r"\bdef\b"), pairs(b"d", b"e"));
        assert_eq!(filter(r"(?:if|else|for)\s"), pairs(b"ief", b"flo"));
        assert_eq!(filter(r"[A-Ca]x"), pairs(b"ABCa", b"x"));
        // `c` and `y` alone are matches one byte long.
        assert_eq!(filter(r"a?b*c"), singles(set(b"abc")));
        assert_eq!(filter(r"x{0,3}y"), singles(set(b"xy")));
        assert_eq!(filter(r"x{2}y"), pairs(b"x", b"xy"));
        assert_eq!(filter(r"(?<=\.)foo(?=bar)"), pairs(b"f", b"o"));
        assert_eq!(filter(r"#"), singles(set(b"#")));
        assert_eq!(filter(r"(?m:\.)|//"), singles(set(b"./")));
        assert_eq!(filter(r"\x{e9}|\u00e9"), pairs(&[0xC3], &[0xA9]));
        assert_eq!(filter(r"é"), pairs(&[0xC3], &[0xA9]));
        assert_eq!(filter(r"[^a]"), singles(Bytes::ALL));
        assert_eq!(filter(r"[[:alpha:]_]"), singles(Bytes::ALL));
        assert_eq!(filter(r"^\s*(#)").map(|f| f.first), Some(shorthand(b's').union(set(b"#"))));
        // A character of a class may be followed by anything the class allows again.
        assert_eq!(filter(r"[ab]+c").map(|f| f.second), Some(Some(set(b"abc"))));
    }

    #[test]
    fn case_insensitive_letters_allow_both_cases_and_the_characters_that_fold_to_them() {
        let select = filter(r"(?i)select").unwrap();
        assert_eq!(select.first, set(b"sS").union(Bytes::non_ascii()));
        assert!(select.second.unwrap().holds(b'E') && select.second.unwrap().holds(0x84));
        assert_eq!(select.first_place(b"x = 1"), None);
        assert_eq!(select.first_place(b"  SeLeCt"), Some(2));
        // Digits fold to nothing; the option holds to the end of its group, alternatives included.
        assert_eq!(
            filter(r"\b(?i)(0x)"),
            pairs(b"0", b"xX").map(|f| Filter { second: f.second.map(|s| s.union(Bytes::non_ascii())), ..f })
        );
        assert_eq!(filter(r"a(?i)b|cd").map(|f| f.first), Some(set(b"a")));
        assert_eq!(filter(r"(?i:a)b").map(|f| f.second), Some(Some(set(b"b").union(Bytes::NONE.range(0x80, 0xBF)))));
        assert_eq!(filter(r"(?i)\d").map(|f| f.first), Some(shorthand(b'd')));
        // What Oniguruma finds in case-insensitive mode, the filters admit.
        for (regex, text) in [
            (r"(?i)k#", "\u{212a}#"),
            (r"(?i)ss#", "\u{df}#"),
            (r"(?i)\u00df#", "ss#"),
            (r"(?i)s#", "\u{17f}#"),
            (r"(?i)\u017f", "S"),
            (r"(?i)fi", "\u{fb01}"),
            (r"(?i)Select", "sELECT"),
        ] {
            let f = filter(regex).unwrap_or_else(|| panic!("{regex}"));
            let compiled = super::super::compile(regex).unwrap();
            let found = compiled.find(text).unwrap_or_else(|| panic!("{regex} finds nothing in {text:?}"));
            assert!(f.admits(&text.as_bytes()[found.0..found.1]), "{regex} in {text:?}");
        }
    }

    #[test]
    fn unsure_or_empty_gives_no_filter() {
        for regex in [
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
            r"(?s)a",
            r"(unclosed",
            r"\q",
        ] {
            assert_eq!(filter(regex), None, "{regex}");
        }
    }

    #[test]
    fn the_first_place_a_match_may_start_is_where_a_pair_that_can_start_one_is() {
        let keywords = filter(r"\b(?:if|else|while)\b").unwrap();
        assert_eq!(keywords.first_place(b"  x = item_count * 2"), None, "an `i` and an `e`, but no `if`, `el` or `wh`");
        assert_eq!(keywords.first_place(b"  else:"), Some(2));
        assert!(!keywords.anchored);
        let hash = filter("#").unwrap();
        assert_eq!(hash.first_place(b"x = 1"), None);
        assert_eq!(hash.first_place(b"x = 1 #"), Some(6));
        // `\G` ties a match to where the search starts: from 0 nothing is found, from where the
        // filter says a match may start (the space, 1) it is.
        let anchored = filter(r"\G\s*#").unwrap();
        assert!(anchored.anchored);
        let regex = super::super::compile(r"\G\s*#").unwrap();
        let find = |from| {
            regex.search_with_param("x #", from, 3, onig::SearchOptions::SEARCH_OPTION_NONE, None, Default::default())
        };
        assert_eq!((find(0).unwrap(), anchored.first_place(b"x #"), find(1).unwrap()), (None, Some(1), Some(1)));
    }
}
