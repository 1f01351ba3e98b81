//! folio's own table of the grammars, for its own parse loop ([`parse`]).
//!
//! syntect's parser (`ParseState::parse_line`) is about half of the time of highlighting: at
//! every place in a line it walks each context's includes afresh, looks each pattern up in a
//! hash map of the line's earlier searches, and allocates for every match it finds and every
//! search it makes. This table is read from the same dump as syntect's `SyntaxSet`
//! ([`dump`]) and holds each context's patterns flattened, includes followed once, with a
//! number per pattern that indexes a per-thread array of the line's searches. [`parse`] runs
//! the same rules as syntect on it and gives the same scope operations; tests compare the two.
//! Each pattern also carries a filter ([`first`]) that rules out, without Oniguruma, searches sure
//! to find nothing on the rest of a line, and a screen ([`screen`]), a DFA that rules out most of
//! the searches the filter lets through and that would find nothing.
//!
//! A syntax is read from the dump the first time a block needs it, as syntect does, so a site
//! with code in two languages does not pay for the other seventy.

mod dump;
mod first;
pub(crate) mod parse;
mod screen;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use syntect::parsing::{ClearAmount, Scope};

use dump::{ContextsDump, IdDump, OperationDump, PatternDump, RefDump, SetDump};

/// A grammar that could not be read or used; the block is then written as plain text.
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum GrammarError {
    #[error("the syntax dump could not be read: {0}")]
    Dump(String),
    #[error("a grammar refers to a context that is not in the set")]
    Unresolved,
    #[error("the grammar's parse stack is empty")]
    EmptyStack,
}

/// A context: which syntax (its place in the dump), and which of its contexts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ContextRef {
    syntax: u32,
    context: u32,
}

/// A match pattern: where it is, and its slot in a thread's record of the line's searches.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PatternRef {
    syntax: u32,
    pattern: u32,
    slot: u32,
}

/// What a match does to the stack of contexts. `None` in a list is a reference that did not
/// resolve: syntect reports an error when such a match is taken, and so does folio.
pub(crate) enum Operation {
    Push(Vec<Option<ContextRef>>),
    Set(Vec<Option<ContextRef>>),
    Pop,
    None,
}

pub(crate) struct Pattern {
    source: String,
    regex: OnceLock<Option<onig::Regex>>,
    first: OnceLock<Option<first::Filter>>,
    screen: OnceLock<Option<screen::Screen>>,
    /// Whether the regex refers back to the captures of the match that pushed its context.
    pub(crate) has_captures: bool,
    pub(crate) scope: Vec<Scope>,
    pub(crate) captures: Option<Vec<(usize, Vec<Scope>)>>,
    pub(crate) operation: Operation,
    pub(crate) with_prototype: Option<Option<ContextRef>>,
}

pub(crate) struct Context {
    pub(crate) meta_scope: Vec<Scope>,
    pub(crate) meta_content_scope: Vec<Scope>,
    pub(crate) clear_scopes: Option<ClearAmount>,
    pub(crate) prototype: Option<ContextRef>,
    pub(crate) uses_backrefs: bool,
    /// The patterns as written: a match (its index in the syntax) or an include.
    entries: Vec<Entry>,
    /// Every match pattern in the order they are tried, includes followed.
    flat: OnceLock<Result<Flat, GrammarError>>,
}

enum Entry {
    Match(u32),
    Include(Option<ContextRef>),
}

pub(crate) struct Flat {
    pub(crate) patterns: Box<[PatternRef]>,
    /// One past the highest slot among them.
    pub(crate) slots: u32,
}

struct Syntax {
    contexts: Vec<Context>,
    patterns: Vec<Pattern>,
    start: Option<ContextRef>,
    /// The slot of its first pattern; the others follow.
    first_slot: u32,
}

/// Every syntax of a dump, each read on first use.
pub(crate) struct Grammars {
    compressed: Vec<Vec<u8>>,
    syntaxes: Vec<OnceLock<Result<Syntax, GrammarError>>>,
    /// Slots handed out so far (each syntax takes one per pattern when it is read).
    slots: AtomicU32,
}

/// Includes nested deeper than this are taken for a loop (syntect would never finish).
const MAX_INCLUDE_DEPTH: usize = 64;

impl Grammars {
    /// Reads the dump's list of syntaxes, not yet their contexts.
    pub(crate) fn new(dump: &[u8]) -> Result<Grammars, GrammarError> {
        let set: SetDump =
            syntect::dumps::from_uncompressed_data(dump).map_err(|e| GrammarError::Dump(e.to_string()))?;
        let compressed: Vec<Vec<u8>> = set.syntaxes.into_iter().map(|s| s.contexts).collect();
        let syntaxes = compressed.iter().map(|_| OnceLock::new()).collect();
        Ok(Grammars { compressed, syntaxes, slots: AtomicU32::new(0) })
    }

    /// The context a syntax starts in.
    pub(crate) fn start(&self, syntax: usize) -> Result<ContextRef, GrammarError> {
        self.syntax(syntax as u32)?.start.ok_or(GrammarError::Unresolved)
    }

    fn syntax(&self, index: u32) -> Result<&Syntax, GrammarError> {
        let slot = self.syntaxes.get(index as usize).ok_or(GrammarError::Unresolved)?;
        slot.get_or_init(|| self.read(index)).as_ref().map_err(Clone::clone)
    }

    pub(crate) fn context(&self, at: ContextRef) -> Result<&Context, GrammarError> {
        self.syntax(at.syntax)?.contexts.get(at.context as usize).ok_or(GrammarError::Unresolved)
    }

    /// A pattern of a flattened list (its syntax has been read).
    pub(crate) fn pattern(&self, at: PatternRef) -> &Pattern {
        let syntax = self.syntaxes[at.syntax as usize].get().and_then(|s| s.as_ref().ok());
        &syntax.expect("a flattened list holds patterns of syntaxes already read").patterns[at.pattern as usize]
    }

    /// The context's match patterns in the order they are tried.
    pub(crate) fn flat(&self, at: ContextRef) -> Result<&Flat, GrammarError> {
        let context = self.context(at)?;
        context
            .flat
            .get_or_init(|| {
                let mut patterns = Vec::new();
                self.flatten(at, &mut patterns, 0)?;
                let slots = patterns.iter().map(|p| p.slot + 1).max().unwrap_or(0);
                Ok(Flat { patterns: patterns.into(), slots })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn flatten(&self, at: ContextRef, out: &mut Vec<PatternRef>, depth: usize) -> Result<(), GrammarError> {
        if depth > MAX_INCLUDE_DEPTH {
            return Err(GrammarError::Unresolved);
        }
        let syntax = self.syntax(at.syntax)?;
        let context = syntax.contexts.get(at.context as usize).ok_or(GrammarError::Unresolved)?;
        for entry in &context.entries {
            match *entry {
                Entry::Match(pattern) => {
                    out.push(PatternRef { syntax: at.syntax, pattern, slot: syntax.first_slot + pattern })
                }
                Entry::Include(Some(inner)) => self.flatten(inner, out, depth + 1)?,
                // syntect skips an include it could not link.
                Entry::Include(None) => {}
            }
        }
        Ok(())
    }

    fn read(&self, index: u32) -> Result<Syntax, GrammarError> {
        let dump: ContextsDump = syntect::dumps::from_reader(&self.compressed[index as usize][..])
            .map_err(|e| GrammarError::Dump(e.to_string()))?;
        let resolve = |id: IdDump| -> Option<ContextRef> {
            (id.syntax_index < self.syntaxes.len()).then_some(ContextRef {
                syntax: u32::try_from(id.syntax_index).ok()?,
                context: u32::try_from(id.context_index).ok()?,
            })
        };
        let target = |r: &RefDump| match r {
            RefDump::Direct(id) => resolve(*id),
            _ => None,
        };
        let targets = |refs: &[RefDump]| refs.iter().map(target).collect();
        let mut patterns = Vec::new();
        let mut contexts = Vec::with_capacity(dump.contexts.len());
        for context in dump.contexts {
            let mut entries = Vec::with_capacity(context.patterns.len());
            for pattern in context.patterns {
                match pattern {
                    PatternDump::Match(m) => {
                        entries.push(Entry::Match(patterns.len() as u32));
                        patterns.push(Pattern {
                            source: m.regex,
                            regex: OnceLock::new(),
                            first: OnceLock::new(),
                            screen: OnceLock::new(),
                            has_captures: m.has_captures,
                            scope: m.scope,
                            captures: m.captures,
                            operation: match &m.operation {
                                OperationDump::Push(refs) => Operation::Push(targets(refs)),
                                OperationDump::Set(refs) => Operation::Set(targets(refs)),
                                OperationDump::Pop => Operation::Pop,
                                OperationDump::None => Operation::None,
                            },
                            with_prototype: m.with_prototype.as_ref().map(target),
                        });
                    }
                    PatternDump::Include(r) => entries.push(Entry::Include(target(&r))),
                }
            }
            contexts.push(Context {
                meta_scope: context.meta_scope,
                meta_content_scope: context.meta_content_scope,
                clear_scopes: context.clear_scopes,
                prototype: context.prototype.and_then(resolve),
                uses_backrefs: context.uses_backrefs,
                entries,
                flat: OnceLock::new(),
            });
        }
        let count = u32::try_from(patterns.len()).map_err(|_| GrammarError::Unresolved)?;
        let first_slot = self.slots.fetch_add(count, Ordering::Relaxed);
        let start = dump.context_ids.get("__start").copied().and_then(resolve);
        Ok(Syntax { contexts, patterns, start, first_slot })
    }
}

impl Pattern {
    /// The pattern's regex, compiled on first use as syntect compiles it; `None` if Oniguruma
    /// rejects it (syntect would panic).
    pub(crate) fn regex(&self) -> Option<&onig::Regex> {
        self.regex.get_or_init(|| compile(&self.source)).as_ref()
    }

    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// Where a search of `line` from `at` may start instead and find the same: `None` when it
    /// would find nothing (no place of the rest of the line starts with bytes a match can start
    /// with, see `first.rs`); otherwise the start of the character at the first place where a
    /// match may start, or `at` itself for a regex whose matches depend on where the search
    /// starts (`\G`) or that has no filter.
    pub(crate) fn search_start(&self, line: &str, at: usize) -> Option<usize> {
        let Some(filter) = self.first.get_or_init(|| first::filter(&self.source)) else { return Some(at) };
        let mut place = at + filter.first_place(&line.as_bytes()[at..])?;
        if filter.anchored {
            return Some(at);
        }
        while !line.is_char_boundary(place) {
            place -= 1;
        }
        Some(place)
    }
}

impl Pattern {
    /// The pattern's DFA screen ([`screen`]), made on first use.
    pub(crate) fn screen(&self) -> Option<&screen::Screen> {
        self.screen.get_or_init(|| screen::screen(&self.source)).as_ref()
    }
}

/// Compiles a grammar's regex with the options syntect uses.
pub(crate) fn compile(source: &str) -> Option<onig::Regex> {
    onig::Regex::with_options(source, onig::RegexOptions::REGEX_OPTION_CAPTURE_GROUP, onig::Syntax::default()).ok()
}

#[cfg(test)]
mod tests {
    use super::parse::{ParseState, Scratch};
    use super::*;
    use syntect::parsing::{ScopeStackOp, SyntaxSet};
    use syntect::util::LinesWithEndings;

    static DUMP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syntaxes.packdump"));

    fn both() -> (&'static SyntaxSet, &'static Grammars) {
        static SET: OnceLock<(SyntaxSet, Grammars)> = OnceLock::new();
        let (set, grammars) =
            SET.get_or_init(|| (syntect::dumps::from_uncompressed_data(DUMP).unwrap(), Grammars::new(DUMP).unwrap()));
        (set, grammars)
    }

    /// Each line's operations from syntect's parser and from folio's, on the same grammars.
    fn compare(syntax: usize, code: &str) -> Result<(), String> {
        let (set, grammars) = both();
        let mut theirs = syntect::parsing::ParseState::new(&set.syntaxes()[syntax]);
        let mut ours = ParseState::new(grammars, syntax).map_err(|e| e.to_string())?;
        let mut scratch = Scratch::default();
        let mut ops: Vec<(usize, ScopeStackOp)> = Vec::new();
        for line in LinesWithEndings::from(code) {
            let expected = theirs.parse_line(line, set).map_err(|e| e.to_string())?;
            ops.clear();
            ours.parse_line(line, grammars, &mut scratch, &mut ops).map_err(|e| e.to_string())?;
            if ops != expected {
                let name = &set.syntaxes()[syntax].name;
                return Err(format!("{name}, line {line:?}:\nsyntect {expected:?}\nfolio   {ops:?}"));
            }
        }
        Ok(())
    }

    #[test]
    fn every_syntax_and_context_of_the_dump_is_read() {
        let (set, grammars) = both();
        assert_eq!(grammars.syntaxes.len(), set.syntaxes().len());
        for syntax in 0..grammars.syntaxes.len() {
            grammars.start(syntax).unwrap();
            let read = grammars.syntaxes[syntax].get().unwrap().as_ref().unwrap();
            for context in 0..read.contexts.len() {
                grammars.flat(ContextRef { syntax: syntax as u32, context: context as u32 }).unwrap();
            }
        }
    }

    /// Code that reaches the rules syntect handles specially: back-references (heredocs, raw
    /// strings), embedded languages, `with_prototype`, cleared scopes, sets and pops that match
    /// nothing, lines without an ending, and text in other scripts.
    const SAMPLES: &[&str] = &[
        "cat <<EOF\n$HOME & \"x\" `cmd`\nEOF\necho '' \"\" $((1 + 2)) # c\n",
        "let s = r#\"raw \"# still\"#; /* open\n comment */ fn f<'a>(x: &'a str) -> u8 { 0x1F }\n",
        "<p class=\"a\">x &amp; <b>y</b></p>\n<script>let a = '<'; if (a) { b() }</script>\n<style>p { color: red }</style>\n",
        "def f(x):\n    \"\"\"doc\n    more\"\"\"\n    return f'{x!r:>10}' + u'é' # 中\n",
        "SELECT a, \"b\" FROM t WHERE c = 'd' -- note\n/* x */ INSERT INTO t VALUES (1, 2.5);\n",
        "# Title\n\n```python\nprint(1)\n```\n\n* item **bold** _em_ `code` [link](http://x)\n> quote\n",
        "key: value\nlist:\n  - a\n  - \"b\"\nblock: |\n  text\n  more\nanchor: &a\nref: *a\n",
        "{\"a\": [1, 2.5e3, true, null], \"b\": {\"c\": \"d\\n\"}}\n",
        "<?php echo $x; ?>\n<% ruby %> <<-EOS\nheredoc #{x}\nEOS\n@\"objc\" #include <stdio.h>\n#define X(a) a ## b\n",
        "x <- function(a, b = 2) { a %>% filter(b > 1) }  # R\n`quoted` `a`\n",
        "\\begin{document} $x^2$ \\section{A} % c\n\\end{document}",
        "package main\nimport \"fmt\"\nfunc main() { fmt.Println(`raw\nstring`) }\n",
        "",
        "\n\n",
        "no newline at the end",
    ];

    #[test]
    fn every_grammar_parses_as_syntect_parses() {
        let (set, _) = both();
        for syntax in 0..set.syntaxes().len() {
            for code in SAMPLES {
                compare(syntax, code).unwrap();
            }
            compare(syntax, &SAMPLES.concat()).unwrap();
        }
    }

    /// Every match that any grammar's regex finds, from any place in a line, starts as its filter
    /// says (a first byte of its set, then a second byte of its set unless it may be one byte
    /// long): skipping a search the filter rules out never loses a match.
    #[test]
    fn search_filters_admit_every_match_of_every_grammar() {
        let (_, grammars) = both();
        let mut lines: Vec<String> = SAMPLES.iter().flat_map(|s| s.split_inclusive('\n')).map(String::from).collect();
        lines.extend(
            [
                "ß SS ss ſ K k \u{212a} é É 中文 ÿ",
                "0x1F 3.14 1e10 -2 +3 #x @y $z %q &r *s !t ~u ^v |w ?x",
                "\t\x0b\x0c\r tabs and controls \x1b[0m",
                "`a` 'b' \"c\" <d> [e] {f} (g) /h/ \\i\\ ;j: ,k.",
                "SELECT * FROM t; -- DROP TABLE; /* c */ <!-- d --> # e",
                "    indented\tcode = lambda x: x ** 2  # comment\n",
                "__init__ self.__dict__ $$ @@ :: => -> <= >= != == === !== &&= ||= ??=",
            ]
            .map(String::from),
        );
        let (mut with_set, mut searched) = (0, 0);
        for syntax in 0..grammars.syntaxes.len() {
            grammars.start(syntax).unwrap();
            let read = grammars.syntaxes[syntax].get().unwrap().as_ref().unwrap();
            for pattern in &read.patterns {
                let Some(filter) = first::filter(&pattern.source) else { continue };
                let Some(regex) = pattern.regex() else { continue };
                with_set += 1;
                let mut region = onig::Region::new();
                for line in &lines {
                    for at in 0..=line.len() {
                        if !line.is_char_boundary(at) {
                            continue;
                        }
                        searched += 1;
                        // The whole match of a search from `from`.
                        let mut search = |from: usize| onig_search(regex, line, from, &mut region);
                        let matched = search(at);
                        if let Some((start, end)) = matched {
                            assert!(
                                filter.admits(&line.as_bytes()[start..end]),
                                "{:?} matched {:?} in {line:?}, which its filter rules out",
                                pattern.source,
                                &line[start..end]
                            );
                        }
                        // The search the parse loop makes instead finds the same match, or is not made
                        // when there is none.
                        let instead = pattern.search_start(line, at).map(search);
                        assert_eq!(
                            instead.flatten(),
                            matched,
                            "{:?} in {line:?} from {at}: the search from where a match may start differs",
                            pattern.source
                        );
                    }
                }
            }
        }
        // Most patterns have a set (the rest are searched as before).
        assert!(with_set > 4_000 && searched > 1_000_000, "{with_set} patterns, {searched} searches");
    }

    /// The whole match of Oniguruma's search of `line` from `at`, as the parse loop searches.
    fn onig_search(regex: &onig::Regex, line: &str, at: usize, region: &mut onig::Region) -> Option<(usize, usize)> {
        let found = regex.search_with_param(
            line,
            at,
            line.len(),
            onig::SearchOptions::SEARCH_OPTION_NONE,
            Some(&mut *region),
            onig::MatchParam::default(),
        );
        found.ok().flatten().and_then(|_| region.pos(0))
    }

    /// Lines for the screens' test: the samples' lines and lines like the benchmark corpus's.
    fn screen_lines() -> Vec<String> {
        let mut lines: Vec<String> = SAMPLES.iter().flat_map(|s| s.split_inclusive('\n')).map(String::from).collect();
        lines.extend(
            [
                "const series = await fetch(`/data/prices-${year}.json`).then((r) => r.json());\n",
                "obj.prototype.run = async function (a) { return a.b.c = x => x * 2; };\n",
                "CREATE TABLE t (id bigint PRIMARY KEY, v double precision NOT NULL);\n",
                "enabled: yes\nratio: 0.5e-3\nwhen: 2024-01-02 10:00:00\nnull_value: ~\n",
                "fit <- lm(y ~ x, data = df); summary(fit)$coef[2, ]\n",
                "0x1F 3.14 1e10 -2 +3 #x @y $z %q &r *s !t ~u ^v |w ?x",
                "\t\x0b\x0c\r tabs and controls \x1b[0m",
                "`a` 'b' \"c\" <d> [e] {f} (g) /h/ \\i\\ ;j: ,k.",
                "__init__ self.__dict__ $$ @@ :: => -> <= >= != == === !== &&= ||= ??=",
                "ALPHA beta_Gamma delta9 _x X_ Ab-Cd if(x) else{y} fn() def: do end",
                "Strasse STRASSE ss SS st ff fi ffi ffl SSx",
            ]
            .map(String::from),
        );
        lines
    }

    /// Every match that any grammar's regex finds, from any place in an ASCII line, is one its
    /// screen admits: a search the screen rules out would have found nothing.
    #[test]
    fn screens_admit_every_match_of_every_grammar() {
        let (_, grammars) = both();
        let lines = screen_lines();
        let (mut screened, mut ruled_out, mut searched) = (0, 0, 0);
        for syntax in 0..grammars.syntaxes.len() {
            grammars.start(syntax).unwrap();
            let read = grammars.syntaxes[syntax].get().unwrap().as_ref().unwrap();
            for pattern in &read.patterns {
                let Some(regex) = pattern.regex() else { continue };
                let Some(screen) = screen::screen(&pattern.source) else { continue };
                screened += 1;
                let mut cache = screen.cache();
                let mut region = onig::Region::new();
                for line in lines.iter().filter(|l| l.is_ascii()) {
                    for at in 0..=line.len() {
                        searched += 1;
                        let found = onig_search(regex, line, at, &mut region).is_some();
                        if screen.rules_out(&mut cache, line, at) {
                            ruled_out += 1;
                            assert!(
                                !found,
                                "{:?} (screened as {:?}) matched {:?} in {line:?} from {at}, which its screen rules out",
                                pattern.source,
                                screen::translate(&pattern.source),
                                region.pos(0).map(|(s, e)| &line[s..e])
                            );
                        }
                    }
                }
            }
        }
        assert!(screened > 4_000 && ruled_out > 1_000_000, "{screened} screens, {ruled_out} of {searched} ruled out");
    }

    #[test]
    fn back_references_are_escaped_and_other_escapes_kept() {
        let groups = vec![Some((0, 5)), Some((1, 4)), None];
        assert_eq!(parse::tests_with_backrefs(r"^\1\b\2\\1(\d)\", &groups, "<a.b>"), r"^a\.b\b\\1(\d)\");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any text in any grammar of the set gives syntect's operations.
        #[test]
        fn any_code_in_any_grammar_parses_as_syntect_parses(
            syntax in 0usize..1000,
            code in "([a-z]{1,6}|[ \n\t]|[\"'`<>&;{}()\\[\\]#/*$=.,:%@!?|^~+-]|fn |def |EOF|<<EOF\n|<script>|</|SELECT |<!--|-->|/\\*|\\*/|\\\\|0x1F|3\\.14|é|中){0,80}",
        ) {
            let (set, _) = both();
            let outcome = compare(syntax % set.syntaxes().len(), &code);
            proptest::prop_assert!(outcome.is_ok(), "{}", outcome.unwrap_err());
        }
    }
}
