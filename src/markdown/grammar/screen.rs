//! A screen in front of Oniguruma: a lazy DFA (`regex-automata`) that tells, in one pass over the
//! rest of a line, that a grammar's regex cannot match there, so that the search is not made.
//!
//! Half of highlighting's time on the benchmark corpus goes to searches that find nothing, and
//! the costly ones are those the first-byte filter ([`super::first`]) cannot rule out: long
//! lookaheads that may start at any word (JavaScript's function-assignment patterns), keyword
//! lists in extended mode (SQL's types, YAML's constants), Unicode classes. Oniguruma tries such
//! a regex at every place of the line and backtracks at each; a DFA reads each byte once.
//!
//! The DFA runs a translation of the regex into `regex-automata`'s syntax that matches **at least**
//! wherever the regex matches (more is safe, fewer is not), so "no match" from the DFA means no
//! match from Oniguruma, and then the search finds nothing, as it would have. Where the
//! translation cannot keep that promise it gives no screen at all:
//!
//! - look-behinds, negative lookaheads, `\G` and `\Z` are dropped (a condition fewer); a positive
//!   lookahead becomes what it looks for when nothing comes after it in the regex (the match
//!   then goes on through the text the lookahead saw), and is dropped otherwise;
//! - atomic groups and possessive quantifiers become ordinary ones (backtracking into them allows
//!   more matches, not fewer); captures become plain groups;
//! - extended mode (`(?x)`) is read here, with Oniguruma's rules (white space inside a class
//!   counts), and the translation has none; Oniguruma's `(?m)` (dot matches a newline) is
//!   `regex-automata`'s `(?s)`, and `^` and `$` match at line ends in both;
//! - back-references, `\K`, conditionals, absent groups, calls and unknown escapes give no
//!   screen, nor does a case-insensitive regex with a non-ASCII character or with a bracket
//!   class holding a set such as `\w` or `[:lower:]` (Oniguruma lets `ß`, written or in such a
//!   class, match `ss`; the DFA does not);
//! - the screen is only asked about ASCII lines ([`Screen::rules_out`]): Unicode classes and
//!   case folding then agree, whatever Unicode version each library follows.
//!
//! A test checks, for every regex of every grammar, every line of the samples and every place in
//! them, that the screen never rules out a search that finds something.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind};

/// A compiled screen; each thread searches it with a [`Cache`] of its own.
pub(crate) struct Screen {
    dfa: DFA,
}

impl Screen {
    pub(crate) fn cache(&self) -> Cache {
        self.dfa.create_cache()
    }

    /// Whether the regex surely finds no match starting at `from` or later in `line`, which
    /// must be all ASCII (the caller checks once per line); `false` when the DFA gives up.
    pub(crate) fn rules_out(&self, cache: &mut Cache, line: &str, from: usize) -> bool {
        debug_assert!(line.is_ascii());
        let input = Input::new(line).range(from..).earliest(true);
        matches!(self.dfa.try_search_fwd(cache, &input), Ok(None))
    }
}

/// The screen of an Oniguruma regex (Ruby syntax, as syntect compiles them), or `None` when the
/// translation cannot promise to match wherever the regex does.
pub(crate) fn screen(source: &str) -> Option<Screen> {
    let pattern = translate(source)?;
    let dfa = DFA::builder()
        .configure(DFA::config().match_kind(MatchKind::All))
        .syntax(syntax::Config::new().multi_line(true).unicode(false).utf8(false))
        .thompson(thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None))
        .build(&pattern)
        .ok()?;
    Some(Screen { dfa })
}

/// A byte that no line holds (text is UTF-8): what a character that cannot be in an ASCII line
/// becomes.
const NO_ASCII: &str = r"\xFF";

/// A part of a regex, translated.
enum Node {
    /// An atom in `regex-automata`'s syntax, ready for a quantifier.
    Text(String),
    /// A group: its opening (`(?:`, `(?i:`), its branches, then `)`.
    Group(String, Alternation),
    /// A positive lookahead.
    Ahead(Alternation),
    /// A zero-width condition dropped (look-behinds, negative lookaheads, `\G`, `\Z`, comments).
    Nothing,
}

struct Item {
    node: Node,
    quantifier: String,
}

type Sequence = Vec<Item>;
type Alternation = Vec<Sequence>;

/// The translation of `source` (see the module's notes), or `None`.
pub(crate) fn translate(source: &str) -> Option<String> {
    let mut reader = Reader {
        chars: source.chars().collect(),
        at: 0,
        extended: false,
        folds: false,
        non_ascii: false,
        class_sets: false,
    };
    let alternation = reader.alternation()?;
    if reader.at != reader.chars.len() || (reader.folds && (reader.non_ascii || reader.class_sets)) {
        return None;
    }
    let mut out = String::with_capacity(source.len() + 8);
    render_alternation(&alternation, true, &mut out);
    Some(out)
}

struct Reader {
    chars: Vec<char>,
    at: usize,
    /// Extended mode is on: white space and `#` comments outside classes are not part of it.
    extended: bool,
    /// The regex turns case-insensitive matching on somewhere.
    folds: bool,
    /// The regex holds a non-ASCII character.
    non_ascii: bool,
    /// A bracket class holds a set (`\w`, `\p{L}`, `[:alpha:]`, a nested class): under
    /// case-insensitive matching, Oniguruma lets such a class match two letters for one of its
    /// characters (`ß` for `ss`), which a class of ASCII characters cannot do.
    class_sets: bool,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += 1;
        }
        found
    }

    /// Skips white space and comments in extended mode.
    fn skip_extended(&mut self) {
        while self.extended {
            match self.peek() {
                Some(c) if c.is_whitespace() => self.at += 1,
                Some('#') => while self.next().is_some_and(|c| c != '\n') {},
                _ => break,
            }
        }
    }

    /// Branches up to the end of the group (the `)` is left for the caller) or of the regex;
    /// extended mode set inside ends with them.
    fn alternation(&mut self) -> Option<Alternation> {
        let extended = self.extended;
        let mut branches = vec![self.sequence()?];
        while self.eat('|') {
            branches.push(self.sequence()?);
        }
        self.extended = extended;
        Some(branches)
    }

    fn sequence(&mut self) -> Option<Sequence> {
        let mut items = Vec::new();
        loop {
            self.skip_extended();
            match self.peek() {
                None | Some('|' | ')') => return Some(items),
                _ => items.push(self.item()?),
            }
        }
    }

    fn item(&mut self) -> Option<Item> {
        let mut item = Item { node: self.atom()?, quantifier: String::new() };
        loop {
            self.skip_extended();
            let Some(quantifier) = self.quantifier()? else { return Some(item) };
            if !item.quantifier.is_empty() {
                // A quantifier on a quantified atom (`a{2}+` in Ruby's syntax is `(?:a{2})+`).
                item = Item { node: Node::Group("(?:".into(), vec![vec![item]]), quantifier: String::new() };
            }
            item.quantifier = quantifier;
        }
    }

    /// The quantifier at the reader, translated (lazy and possessive ones become greedy, which
    /// allows the same matches or more); `Some(None)` when there is none.
    fn quantifier(&mut self) -> Option<Option<String>> {
        let base = match self.peek() {
            Some(c @ ('*' | '+' | '?')) => {
                self.at += 1;
                c.to_string()
            }
            Some('{') => match self.interval() {
                Some(interval) => interval,
                None => return Some(None),
            },
            _ => return Some(None),
        };
        if self.eat('?') {
            // Lazy: the same matches.
        } else if base.len() == 1 && self.eat('+') {
            // Possessive in Ruby's syntax; `?+` as a repeat of `?` would match any number.
            if base == "?" {
                return Some(Some("*".into()));
            }
        }
        Some(Some(base))
    }

    /// `{n}`, `{n,}`, `{n,m}` or `{,m}` at the reader, taken; `None` (nothing taken) when the
    /// brace is a literal one.
    fn interval(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        let low = self.digits();
        let result = if self.eat(',') {
            let high = self.digits();
            (self.eat('}') && !(low.is_empty() && high.is_empty()))
                .then(|| format!("{{{},{high}}}", if low.is_empty() { "0" } else { &low }))
        } else {
            (!low.is_empty() && self.eat('}')).then(|| format!("{{{low}}}"))
        };
        if result.is_none() {
            self.at = start;
        }
        result
    }

    fn digits(&mut self) -> String {
        let mut digits = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_digit) {
            digits.push(c);
            self.at += 1;
        }
        digits
    }

    fn atom(&mut self) -> Option<Node> {
        let c = self.next()?;
        Some(match c {
            '(' => return self.group(),
            '[' => Node::Text(self.class()?),
            '\\' => return self.escape(),
            '.' | '^' | '$' => Node::Text(c.to_string()),
            '*' | '+' | '?' | ')' | '|' => return None,
            _ => Node::Text(self.literal(c)),
        })
    }

    /// A literal character. A non-ASCII one cannot be in an ASCII line: it becomes the byte
    /// `\xFF`, which is in no line at all.
    fn literal(&mut self, c: char) -> String {
        if c.is_ascii() {
            regex_syntax::escape(c.encode_utf8(&mut [0; 4]))
        } else {
            self.non_ascii = true;
            NO_ASCII.into()
        }
    }

    /// After `(`: the group, through its `)`.
    fn group(&mut self) -> Option<Node> {
        let extended = self.extended;
        let node = if self.eat('?') {
            match self.next()? {
                ':' | '>' => Node::Group("(?:".into(), self.alternation()?),
                '=' => Node::Ahead(self.alternation()?),
                '!' => {
                    self.alternation()?;
                    Node::Nothing
                }
                '<' if matches!(self.peek(), Some('=' | '!')) => {
                    self.at += 1;
                    self.alternation()?;
                    Node::Nothing
                }
                '<' => {
                    self.name('>')?;
                    Node::Group("(?:".into(), self.alternation()?)
                }
                '\'' => {
                    self.name('\'')?;
                    Node::Group("(?:".into(), self.alternation()?)
                }
                '#' => {
                    while self.peek()? != ')' {
                        self.at += 1;
                    }
                    Node::Nothing
                }
                'i' | 'm' | 'x' | '-' => {
                    self.at -= 1;
                    let options = self.options()?;
                    let open = if options.is_empty() { "(?:".to_string() } else { format!("(?{options}:") };
                    if self.eat(')') {
                        // Set for the rest of the enclosing group, which Oniguruma reads as one
                        // group: `a(?i)b|c` is `a(?i:b|c)`. The enclosing group restores the mode.
                        return Some(Node::Group(open, self.alternation()?));
                    }
                    if !self.eat(':') {
                        return None;
                    }
                    Node::Group(open, self.alternation()?)
                }
                _ => return None,
            }
        } else {
            Node::Group("(?:".into(), self.alternation()?)
        };
        self.extended = extended;
        self.eat(')').then_some(node)
    }

    /// A group's name, through `end`.
    fn name(&mut self, end: char) -> Option<()> {
        while self.next()? != end {}
        Some(())
    }

    /// `imx-imx` at the reader: sets extended mode and `folds`, and gives the other options in
    /// `regex-automata`'s letters (Oniguruma's `m` is its `s`).
    fn options(&mut self) -> Option<String> {
        let (mut on, mut off, mut negate) = (String::new(), String::new(), false);
        while let Some(c) = self.peek() {
            let letter = match c {
                '-' if !negate => {
                    negate = true;
                    self.at += 1;
                    continue;
                }
                'i' => {
                    self.folds |= !negate;
                    'i'
                }
                'm' => 's',
                'x' => {
                    self.extended = !negate;
                    self.at += 1;
                    continue;
                }
                ':' | ')' => break,
                _ => return None,
            };
            if negate {
                off.push(letter)
            } else {
                on.push(letter)
            }
            self.at += 1;
        }
        Some(if off.is_empty() { on } else { format!("{on}-{off}") })
    }

    /// After `\` outside a class.
    fn escape(&mut self) -> Option<Node> {
        let c = self.next()?;
        Some(match c {
            'w' | 'W' | 's' | 'S' | 'd' | 'D' | 'b' | 'B' | 'A' | 'z' => Node::Text(format!("\\{c}")),
            'h' => Node::Text("[0-9a-fA-F]".into()),
            'H' => Node::Text("[^0-9a-fA-F]".into()),
            'G' | 'Z' => Node::Nothing,
            'p' | 'P' => Node::Text(self.property(c == 'P')?),
            _ => Node::Text(self.escaped_char(c)?.1),
        })
    }

    /// An escape that stands for one character: the character and its form in the translation.
    fn escaped_char(&mut self, c: char) -> Option<(char, String)> {
        let code = match c {
            'n' => 0x0A,
            't' => 0x09,
            'r' => 0x0D,
            'f' => 0x0C,
            'v' => 0x0B,
            'a' => 0x07,
            'e' => 0x1B,
            'x' if self.eat('{') => {
                let mut hex = String::new();
                while let Some(d) = self.next() {
                    if d == '}' {
                        break;
                    }
                    hex.push(d);
                }
                u32::from_str_radix(&hex, 16).ok()?
            }
            'x' => self.radix_digits(16, 2)?,
            'u' => {
                let start = self.at;
                let code = self.radix_digits(16, 4)?;
                // Fewer than four digits is an error in Oniguruma.
                (self.at - start == 4).then_some(code)?
            }
            '0' => self.radix_digits(8, 2).unwrap_or(0),
            _ if c.is_ascii_alphanumeric() => return None,
            _ => return Some((c, self.literal(c))),
        };
        let c = char::from_u32(code)?;
        if !c.is_ascii() {
            self.non_ascii = true;
            return Some((c, NO_ASCII.into()));
        }
        Some((c, format!("\\x{{{code:X}}}")))
    }

    /// Up to `max` digits of `radix` at the reader; `None` when there are none.
    fn radix_digits(&mut self, radix: u32, max: usize) -> Option<u32> {
        let mut value = None;
        for _ in 0..max {
            let Some(d) = self.peek().and_then(|c| c.to_digit(radix)) else { break };
            value = Some(value.unwrap_or(0) * radix + d);
            self.at += 1;
        }
        value
    }

    /// After `\p` or `\P`: `\p{Name}`, `\p{^Name}` or `\pL`, as the class of its ASCII
    /// characters (`regex-syntax` knows the names).
    fn property(&mut self, mut negated: bool) -> Option<String> {
        let name = if self.eat('{') {
            negated ^= self.eat('^');
            let mut name = String::new();
            loop {
                match self.next()? {
                    '}' => break,
                    c if c.is_ascii_alphanumeric() || c == '_' || c == ' ' || c == '-' => name.push(c),
                    _ => return None,
                }
            }
            name
        } else {
            self.next().filter(char::is_ascii_alphabetic)?.to_string()
        };
        let property = format!("\\{}{{{name}}}", if negated { 'P' } else { 'p' });
        let hir = regex_syntax::Parser::new().parse(&property).ok()?;
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) = hir.kind() else {
            return None;
        };
        let mut out = String::from("[");
        for range in class.ranges().iter().filter(|r| r.start().is_ascii()) {
            let end = range.end().min('\x7F');
            out.push_str(&format!("\\x{{{:X}}}-\\x{{{:X}}}", u32::from(range.start()), u32::from(end)));
        }
        out.push_str(NO_ASCII);
        out.push(']');
        Some(out)
    }

    /// After `[`: the class, through its `]`, in `regex-automata`'s syntax (which has nested
    /// classes and `&&` as Oniguruma does; its own `--` and `~~` are kept from by escaping).
    fn class(&mut self) -> Option<String> {
        let mut out = String::from("[");
        if self.eat('^') {
            out.push('^');
        }
        let mut first = true;
        loop {
            let c = self.next()?;
            match c {
                ']' if !first => {
                    out.push(']');
                    return Some(out);
                }
                '[' if self.peek() == Some(':') => {
                    self.class_sets = true;
                    out.push_str(&self.posix()?);
                }
                '[' => {
                    self.class_sets = true;
                    out.push_str(&self.class()?);
                }
                '&' if self.peek() == Some('&') => {
                    self.at += 1;
                    out.push_str("&&");
                }
                _ => {
                    let (single, text) = self.class_atom(c)?;
                    out.push_str(&text);
                    // A range: `a-z`, unless the `-` is the last character of the class.
                    if let Some(from) = single
                        && self.peek() == Some('-')
                        && !matches!(self.peek_at(1), Some(']') | None)
                    {
                        self.at += 1;
                        let c = self.next()?;
                        let (Some(to), text) = self.class_atom(c)? else { return None };
                        if to < from {
                            return None;
                        }
                        // Only the range's ASCII part can be in the line (a non-ASCII start is
                        // already written as a byte no line holds).
                        if to.is_ascii() {
                            out.push('-');
                            out.push_str(&text);
                        } else if from.is_ascii() {
                            out.push_str("-\\x7F");
                        }
                    }
                }
            }
            first = false;
        }
    }

    /// One member of a class starting with `c`: the character it stands for (`None` for a set
    /// such as `\w`) and its translation.
    fn class_atom(&mut self, c: char) -> Option<(Option<char>, String)> {
        if c != '\\' {
            return Some((Some(c), self.literal(c)));
        }
        let c = self.next()?;
        if matches!(c, 'w' | 'W' | 's' | 'S' | 'd' | 'D' | 'h' | 'H' | 'p' | 'P') {
            self.class_sets = true;
        }
        Some(match c {
            'w' | 'W' | 's' | 'S' | 'd' | 'D' => (None, format!("\\{c}")),
            'h' => (None, "0-9a-fA-F".into()),
            'H' => (None, "[^0-9a-fA-F]".into()),
            'p' | 'P' => (None, self.property(c == 'P')?),
            'b' => (Some('\u{8}'), "\\x{8}".into()),
            _ => {
                let (c, text) = self.escaped_char(c)?;
                (Some(c), text)
            }
        })
    }

    /// After `[` before `:`: a POSIX bracket, `[:alpha:]` or `[:^alpha:]`, through its `]`.
    fn posix(&mut self) -> Option<String> {
        const NAMES: &[&str] = &[
            "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper",
            "word", "xdigit",
        ];
        self.at += 1;
        let negated = self.eat('^');
        let mut name = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_lowercase) {
            name.push(c);
            self.at += 1;
        }
        if !(self.eat(':') && self.eat(']') && NAMES.contains(&name.as_str())) {
            return None;
        }
        Some(format!("[:{}{name}:]", if negated { "^" } else { "" }))
    }
}

fn render_alternation(alternation: &Alternation, tail: bool, out: &mut String) {
    for (i, sequence) in alternation.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        render_sequence(sequence, tail, out);
    }
}

/// `tail`: nothing in the regex comes after this sequence, so a lookahead at its end may stand
/// for the text it looks at.
fn render_sequence(sequence: &Sequence, tail: bool, out: &mut String) {
    let last = sequence.iter().rposition(|item| !matches!(item.node, Node::Nothing));
    for (i, item) in sequence.iter().enumerate() {
        let at_tail = tail && item.quantifier.is_empty() && last.is_none_or(|last| i >= last);
        match &item.node {
            Node::Text(text) => out.push_str(text),
            Node::Group(open, body) => {
                out.push_str(open);
                render_alternation(body, at_tail, out);
                out.push(')');
            }
            Node::Ahead(body) if at_tail => {
                out.push_str("(?:");
                render_alternation(body, true, out);
                out.push(')');
            }
            Node::Ahead(_) | Node::Nothing => {
                if !item.quantifier.is_empty() {
                    out.push_str("(?:)");
                }
            }
        }
        out.push_str(&item.quantifier);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations() {
        for (onig, ours) in [
            (r"\b(if|else)\b", r"\b(?:if|else)\b"),
            (r"(?=\s*\()", r"(?:\s*\()"),
            (r"foo(?=bar)baz", r"foobaz"),
            (r"(?<=a)b(?!c)", r"b"),
            (
                r"(?x) a b # comment
               [ c]",
                r"(?:ab[ c])",
            ),
            (r"(?xi: a | b )c", r"(?i:a|b)c"),
            (r"(?m:$)", r"(?s:$)"),
            (r"a*+b++c?+d{2}+e{,3}", r"a*b+c*(?:d{2})+e{0,3}"),
            (r"[\h\w&&[^_]]-\x41\u00e9é", r"[0-9a-fA-F\w&&[^_]]\-\x{41}\xFF\xFF"),
            (r"[a-zà-ÿ0-é]", r"[a-z\xFF0-\x7F]"),
            (r"[a-z\-~&]", r"[a-z\-\~\&]"),
            (r"\p{^L}\pN[[:^alpha:]]", r"[\x{0}-\x{40}\x{5B}-\x{60}\x{7B}-\x{7F}\xFF][\x{30}-\x{39}\xFF][[:^alpha:]]"),
            (r"a{b}", r"a\{b\}"),
            (r"(?<name>a)(?>b)(?#c)", r"(?:a)(?:b)"),
            (r"x(?i)y|z", r"x(?i:y|z)"),
            (r"(?i)a(?-i)b|c", r"(?i:a(?-i:b|c))"),
            (r"(?=a(?=b))", r"(?:a(?:b))"),
            (r"(?=a)*b", r"(?:)*b"),
        ] {
            assert_eq!(translate(onig).as_deref(), Some(ours), "{onig}");
        }
    }

    #[test]
    fn what_cannot_be_promised_gives_no_screen() {
        for onig in [
            r"(a)\1",
            r"\k<a>",
            r"a\Kb",
            r"(?i)ß",
            r"(?i)\x{DF}",
            r"(?i)[\x{DF}]",
            r"(?i)^[[:lower:]]x",
            r"(?i)^[\w&&[^s]]x",
            r"(?(1)a|b)",
            r"(?~a)",
            r"\g<1>",
            r"\y",
            r"a)",
            r"(a",
        ] {
            assert!(translate(onig).is_none(), "{onig}");
        }
    }

    /// Why case-insensitive regexes with such classes or characters get no screen: Oniguruma
    /// matches two ASCII letters for `ß`.
    #[test]
    fn oniguruma_folds_two_letters_into_one_character() {
        for onig in [r"(?i)^\x{DF}x", r"(?i)^[\x{DF}]x", r"(?i)^[[:lower:]]x", r"(?i)^[\w&&[^s]]x"] {
            let regex = super::super::compile(onig).unwrap();
            assert_eq!(regex.find("ssx"), Some((0, 3)), "{onig}");
            assert!(translate(onig).is_none(), "{onig}");
        }
        // A shorthand class outside brackets does not, and keeps its screen.
        let regex = super::super::compile(r"(?i)^\wx").unwrap();
        assert_eq!(regex.find("ssx"), None);
        assert!(translate(r"(?i)^\wx").is_some());
    }

    #[test]
    fn rules_out_only_lines_without_a_match() {
        let screen = screen(r"\b(select|from)\b").unwrap();
        let mut cache = screen.cache();
        assert!(screen.rules_out(&mut cache, "x = selected + 1", 0));
        assert!(!screen.rules_out(&mut cache, "select 1 from t", 0));
        assert!(screen.rules_out(&mut cache, "select 1 from t", 10));
    }
}
