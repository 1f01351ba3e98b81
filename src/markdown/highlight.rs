//! Syntax highlighting with syntect's grammars and themes: code to classed HTML, and theme CSS.
//!
//! Highlighted code carries `hl-`-prefixed classes rather than inline colours,
//! so one page works with two themes (light and dark) chosen by the CSS from
//! [`stylesheets`]. Code is parsed by folio's own loop over the grammars
//! (`grammar.rs`), which gives what syntect's parser gives, faster. The syntax and theme
//! sets load once per process and are shared by every thread.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style};
use syntect::parsing::{BasicScopeStackOp, Scope, ScopeStack, ScopeStackOp, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::grammar::{Grammars, parse};

const CLASS_PREFIX: &str = "hl-";
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: CLASS_PREFIX };

/// How close (Jaro–Winkler, 0–1) a theme name must be to be suggested.
const SUGGESTION_THRESHOLD: f64 = 0.8;

/// A theme that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum HighlightError {
    #[error("unknown highlight theme `{name}`")]
    UnknownTheme { name: String, suggestion: Option<String> },
}

/// folio's copy of syntect's bundled syntax definitions, made by the build script
/// (`build/syntaxes.rs`): the same grammars, with long lists of words rewritten so that
/// Oniguruma searches them faster.
static SYNTAXES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syntaxes.packdump"));

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| syntect::dumps::from_uncompressed_data(SYNTAXES).expect("the build script writes a valid dump"))
}

/// The same grammars in folio's table, for its parse loop (`grammar.rs`).
fn grammars() -> &'static Grammars {
    static GRAMMARS: OnceLock<Grammars> = OnceLock::new();
    GRAMMARS.get_or_init(|| Grammars::new(SYNTAXES).expect("the build script writes a dump folio can read"))
}

fn theme_set() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// Names of the syntect themes available (the default ThemeSet), sorted.
pub fn theme_names() -> Vec<String> {
    theme_set().themes.keys().cloned().collect()
}

/// Highlights `code` as the language named by `token` (a name or file
/// extension, as in a fence's info string). `None` when the language is
/// unknown or syntect fails, so the caller can fall back to plain text.
pub(crate) fn highlight(code: &str, token: &str) -> Option<String> {
    let Some(cache) = CACHE.get() else { return highlight_uncached(code, token) };
    let key = crate::render::plan::fingerprint((token, code));
    if let Some(html) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return html.clone();
    }
    let html = highlight_uncached(code, token);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    // Edited blocks leave their old versions behind; a long session starts afresh now and then.
    if cache.len() >= CACHE_MAX {
        cache.clear();
    }
    cache.insert(key, html.clone());
    html
}

const CACHE_MAX: usize = 100_000;

/// Highlighted blocks by a hash of their language and code, once [`keep_highlighted`] is
/// called: `folio serve` re-renders a post on every save, and its code blocks rarely change.
static CACHE: OnceLock<std::sync::Mutex<std::collections::HashMap<u64, Option<String>>>> = OnceLock::new();

/// From now on, keeps every highlighted block for reuse (a long-running preview wants this; a
/// one-off build, which highlights each block once, does not).
pub fn keep_highlighted() {
    CACHE.get_or_init(Default::default);
}

/// What highlighted HTML depends on besides the code: the syntax definitions (their serialized
/// form, which changes with any grammar or with the build script's rewriting) and this file's
/// code. Computed once, and only when a build with code keeps a cache.
pub(crate) fn engine_fingerprint() -> u128 {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hash;
    static FINGERPRINT: OnceLock<u128> = OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        let mut h = SipHasher13::new();
        SYNTAXES.hash(&mut h);
        include_str!("highlight.rs").hash(&mut h);
        include_str!("grammar.rs").hash(&mut h);
        include_str!("grammar/dump.rs").hash(&mut h);
        include_str!("grammar/parse.rs").hash(&mut h);
        h.finish128().as_u128()
    })
}

/// The same HTML as syntect's `ClassedHTMLGenerator` with [`CLASS_STYLE`] (a test checks that),
/// parsed by folio's loop over its grammar table and written into one buffer, with each scope's
/// classes made once per thread: syntect's generator builds a string for each line and spells out
/// each `<span>`'s classes under a lock that every thread shares.
fn highlight_uncached(code: &str, token: &str) -> Option<String> {
    let set = syntax_set();
    let syntax = set.find_syntax_by_token(token)?;
    let index = set.syntaxes().iter().position(|s| std::ptr::eq(s, syntax))?;
    let grammars = grammars();
    let mut state = parse::ParseState::new(grammars, index).ok()?;
    let mut stack = ScopeStack::new();
    let mut html = String::with_capacity(code.len() * 3);
    let mut open: isize = 0;
    SCRATCH.with_borrow_mut(|(scratch, ops)| {
        CLASSES.with_borrow_mut(|classes| {
            for line in LinesWithEndings::from(code) {
                ops.clear();
                state.parse_line(line, grammars, scratch, ops).ok()?;
                write_line(&mut html, line, ops, &mut stack, &mut open, classes).ok()?;
            }
            Some(())
        })
    })?;
    for _ in 0..open {
        html.push_str("</span>");
    }
    Some(html)
}

thread_local! {
    /// The parse loop's working memory, and a line's scope operations.
    static SCRATCH: std::cell::RefCell<(parse::Scratch, Vec<(usize, ScopeStackOp)>)> = Default::default();
    /// Each scope's `class` attribute value (`hl-keyword hl-control hl-python`).
    static CLASSES: std::cell::RefCell<rustc_hash::FxHashMap<Scope, Box<str>>> = Default::default();
}

/// One line's text and spans. A span that would be empty (opened and closed at the same place in
/// the line) is left out; a span still open at the end of the line is closed by a later line or
/// at the end of the block.
fn write_line(
    html: &mut String,
    line: &str,
    ops: &[(usize, ScopeStackOp)],
    stack: &mut ScopeStack,
    open: &mut isize,
    classes: &mut rustc_hash::FxHashMap<Scope, Box<str>>,
) -> Result<(), syntect::parsing::ScopeError> {
    let mut at = 0;
    // Where the last span opened, while nothing has been written inside it.
    let mut empty_since: Option<usize> = None;
    for (i, op) in ops {
        if *i > at {
            empty_since = None;
            super::escape::push_text_and_quotes(html, &line[at..*i]);
            at = *i;
        }
        stack.apply_with_hook(op, |op, _| match op {
            BasicScopeStackOp::Push(scope) => {
                empty_since = Some(html.len());
                html.push_str("<span class=\"");
                html.push_str(classes.entry(scope).or_insert_with(|| class_names(scope)));
                html.push_str("\">");
                *open += 1;
            }
            BasicScopeStackOp::Pop => {
                match empty_since.take() {
                    Some(start) => html.truncate(start),
                    None => html.push_str("</span>"),
                }
                *open -= 1;
            }
        })?;
    }
    super::escape::push_text_and_quotes(html, &line[at..]);
    Ok(())
}

/// `source.python` → `hl-source hl-python`.
fn class_names(scope: Scope) -> Box<str> {
    let name = scope.build_string();
    let mut classes = String::with_capacity(name.len() * 2);
    for (n, atom) in name.split('.').enumerate() {
        if n > 0 {
            classes.push(' ');
        }
        classes.push_str(CLASS_PREFIX);
        classes.push_str(atom);
    }
    classes.into()
}

/// CSS for the light theme (applies by default) and the dark theme (applies
/// when `<html data-theme="dark">`, or when the system prefers dark and
/// `<html>` does not carry `data-theme="light"`), as two stylesheets.
pub fn stylesheets(light: &str, dark: &str) -> Result<(String, String), HighlightError> {
    let light_css = scope_rules(&theme_css(light)?, "");
    let raw_dark = theme_css(dark)?;
    let mut dark_css = scope_rules(&raw_dark, "html[data-theme=\"dark\"] ");
    dark_css.push_str("\n@media (prefers-color-scheme: dark) {\n");
    dark_css.push_str(&scope_rules(&raw_dark, "html:not([data-theme=\"light\"]) "));
    dark_css.push_str("}\n");
    Ok((light_css, dark_css))
}

fn theme_css(name: &str) -> Result<String, HighlightError> {
    let mut theme = theme_set()
        .themes
        .get(name)
        .ok_or_else(|| HighlightError::UnknownTheme { name: name.to_owned(), suggestion: suggest(name) })?
        .clone();
    ensure_contrast(&mut theme);
    // syntect only fails here if writing to a String fails, which it cannot.
    Ok(css_for_theme_with_class_style(&theme, CLASS_STYLE).unwrap_or_default())
}

/// WCAG AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

/// Several bundled themes colour some tokens below WCAG AA against their own background
/// (base16-ocean.dark's parameters, for one). Each such colour is moved towards white on a dark
/// background, or black on a light one, just far enough to reach 4.5:1.
fn ensure_contrast(theme: &mut syntect::highlighting::Theme) {
    use syntect::highlighting::Color;
    let background = theme.settings.background.unwrap_or(Color::WHITE);
    let fix = |c: &mut Color| *c = readable(*c, background);
    if let Some(c) = theme.settings.foreground.as_mut() {
        fix(c);
    }
    for item in &mut theme.scopes {
        if let Some(c) = item.style.foreground.as_mut() {
            fix(c);
        }
    }
}

fn luminance(c: syntect::highlighting::Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

fn contrast(a: syntect::highlighting::Color, b: syntect::highlighting::Color) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `color`, mixed with white or black in small steps until it reads on `background`.
fn readable(
    color: syntect::highlighting::Color,
    background: syntect::highlighting::Color,
) -> syntect::highlighting::Color {
    let target: u8 = if luminance(background) < 0.5 { 255 } else { 0 };
    let mut c = color;
    for step in 1..=20 {
        if contrast(c, background) >= MIN_CONTRAST {
            break;
        }
        let t = f64::from(step) / 20.0;
        let mix = |v: u8| (f64::from(v) * (1.0 - t) + f64::from(target) * t).round() as u8;
        c = syntect::highlighting::Color { r: mix(color.r), g: mix(color.g), b: mix(color.b), a: color.a };
    }
    c
}

/// The theme name closest to `name`, if any is close enough.
fn suggest(name: &str) -> Option<String> {
    let wanted = name.to_lowercase();
    theme_set()
        .themes
        .keys()
        .map(|candidate| (strsim::jaro_winkler(&wanted, &candidate.to_lowercase()), candidate))
        .filter(|(score, _)| *score >= SUGGESTION_THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.clone())
}

/// Rewrites syntect's CSS: every selector gets `scope` in front, and syntect's
/// `.hl-code` (the block background) becomes `pre.code`, the wrapper folio
/// writes. syntect emits only comments and flat `selectors { decls }` rules.
fn scope_rules(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    let mut rest = css;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(comment) = rest.strip_prefix("/*") {
            let end = comment.find("*/").map_or(comment.len(), |i| i + 2);
            rest = &comment[end..];
            continue;
        }
        let Some(open) = rest.find('{') else { break };
        let close = rest[open..].find('}').map_or(rest.len(), |i| open + i + 1);
        push_selectors(&mut out, &rest[..open], scope);
        out.push_str(&rest[open..close]);
        out.push('\n');
        rest = &rest[close..];
    }
    out
}

fn push_selectors(out: &mut String, selectors: &str, scope: &str) {
    for (i, selector) in selectors.split(',').enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let selector = selector.trim();
        out.push_str(scope);
        out.push_str(if selector == ".hl-code" { "pre.code" } else { selector });
    }
    out.push(' ');
}

#[cfg(test)]
mod contrast_tests {
    use super::*;
    use syntect::highlighting::Color;

    #[test]
    fn every_token_of_the_default_themes_reaches_aa() {
        for name in ["InspiredGitHub", "base16-ocean.dark", "Solarized (dark)", "Solarized (light)"] {
            let mut theme = theme_set().themes[name].clone();
            ensure_contrast(&mut theme);
            let bg = theme.settings.background.unwrap_or(Color::WHITE);
            for item in &theme.scopes {
                if let Some(fg) = item.style.foreground {
                    assert!(contrast(fg, bg) >= MIN_CONTRAST, "{name}: {fg:?} on {bg:?}");
                }
            }
        }
    }

    #[test]
    fn readable_colours_are_left_alone() {
        let black = Color { r: 0, g: 0, b: 0, a: 255 };
        assert_eq!(readable(black, Color::WHITE), black);
        let pink = Color { r: 0xbf, g: 0x61, b: 0x6a, a: 255 };
        let dark = Color { r: 0x2b, g: 0x30, b: 0x3b, a: 255 };
        assert!(contrast(readable(pink, dark), dark) >= MIN_CONTRAST);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::html::ClassedHTMLGenerator;

    #[test]
    fn default_themes_include_site_defaults() {
        let names = theme_names();
        assert!(names.contains(&"InspiredGitHub".to_owned()), "{names:?}");
        assert!(names.contains(&"base16-ocean.dark".to_owned()), "{names:?}");
    }

    #[test]
    fn the_cache_returns_what_highlighting_would() {
        keep_highlighted();
        let code = "fn main() { let cached = 1; }\n";
        let first = highlight(code, "rust");
        assert_eq!(first, highlight_uncached(code, "rust"));
        assert_eq!(highlight(code, "rust"), first);
        assert_eq!(highlight(code, "no-such-language"), None);
    }

    #[test]
    fn highlights_known_language_with_prefixed_classes() {
        let html = highlight("fn main() {}\n", "rust").unwrap();
        assert!(html.contains("<span class=\"hl-source hl-rust\">"), "{html}");
        assert!(html.contains("<span class=\"hl-storage hl-type hl-function hl-rust\">fn</span>"), "{html}");
        assert!(highlight("x = 1\n", "py").is_some());
    }

    /// folio's copy of the grammars (rewritten by the build script) highlights exactly as
    /// syntect's own, and it is the copy in use: R's list of built-in functions is rewritten.
    #[test]
    fn folio_grammars_highlight_as_syntects_own() {
        let samples = [
            (
                "r",
                "library(dplyr)\nsummary <- df %>% group_by(region) %>% summarise(n = n(), m = mean(x, na.rm = TRUE))\nall.equal(a, b); as.numeric(\"1\"); abline(h = 0)\nfit <- lm(y ~ x, data = df); plot(fit)\n",
            ),
            (
                "python",
                "import os\ndef f(xs: list[int]) -> int:\n    return sum(abs(x) for x in xs if isinstance(x, int))\nprint(len(os.listdir('.')))\n",
            ),
            (
                "javascript",
                "const xs = [1, 2].map((x) => Math.abs(x));\ndocument.getElementById('a').addEventListener('click', () => console.log(JSON.stringify(xs)));\n",
            ),
            ("sql", "SELECT region, COUNT(*) AS n FROM sales WHERE year >= 2020 GROUP BY region ORDER BY n DESC;\n"),
            ("bash", "for f in *.md; do echo \"$f\" | grep -c 'x' >> out.txt; done\nexport PATH=\"$HOME/bin:$PATH\"\n"),
            ("go", "package main\nimport \"fmt\"\nfunc main() { fmt.Println(len(make([]int, 3))) }\n"),
            ("rust", "fn main() { let v: Vec<u8> = Vec::with_capacity(4); println!(\"{}\", v.len()); }\n"),
            ("yaml", "title: A post\ntags: [a, b]\ndraft: false\n"),
            ("json", "{\"a\": [1, 2.5, null, true]}\n"),
        ];
        let defaults = SyntaxSet::load_defaults_newlines();
        for (token, code) in samples {
            let syntax = defaults.find_syntax_by_token(token).unwrap();
            let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &defaults, CLASS_STYLE);
            for line in LinesWithEndings::from(code) {
                generator.parse_html_for_line_which_includes_newline(line).unwrap();
            }
            assert_eq!(highlight_uncached(code, token).as_deref(), Some(generator.finalize().as_str()), "{token}");
        }
        let ours = syntax_set().clone().into_builder();
        let r = ours.syntaxes().iter().find(|s| s.name == "R").unwrap();
        let builtins = r.contexts["builtin-functions"].patterns.iter().filter_map(|p| match p {
            syntect::parsing::syntax_definition::Pattern::Match(m) => Some(m.regex.regex_str()),
            _ => None,
        });
        assert!(builtins.clone().any(|regex| regex.starts_with(r"\b(a(?:b")), "{:?}", builtins.collect::<Vec<_>>());
    }

    /// syntect's own HTML writer, on folio's grammars: what [`highlight_uncached`] must equal.
    fn syntects_html(code: &str, token: &str) -> String {
        let set = syntax_set();
        let syntax = set.find_syntax_by_token(token).unwrap();
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        generator.finalize()
    }

    #[test]
    fn spans_left_open_and_empty_ones_are_written_as_syntect_writes_them() {
        // A string and a comment left open across lines, an empty string, quotes, a heredoc,
        // markup, and a block that ends inside an open scope.
        let samples = [
            ("python", "s = \"\"\"open\nstill <open> & 'quoted'\n\"\"\"\nx = ''\n"),
            ("rust", "/* open\n comment */ let s = \"\"; // end\nfn f<'a>(x: &'a str) {"),
            ("bash", "cat <<EOF\n$HOME & \"x\"\nEOF\necho '' \"\"\n"),
            ("html", "<p class=\"a\">x &amp; <b>y</b></p>\n<script>let a = '<';</script>\n"),
            ("javascript", "const s = `tmpl ${a +\n b}`;\n"),
            ("txt", "plain < text > & \"q\" 'q'\n"),
        ];
        for (token, code) in samples {
            assert_eq!(highlight_uncached(code, token).unwrap(), syntects_html(code, token), "{token}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Any text, in any of a dozen languages, comes out as syntect's generator writes it.
        #[test]
        fn any_code_is_written_as_syntect_writes_it(
            token in proptest::sample::select(vec!["python", "rust", "js", "sql", "sh", "go", "r", "yaml", "json", "html", "css", "c", "md", "txt"]),
            code in "([a-z]{1,6}|[ \n\t]|[\"'`<>&;{}()\\[\\]#/*$=.,:-]|fn |def |SELECT |<!--|-->|/\\*|\\*/|\\\\|0x1F|3\\.14|é|中){0,60}",
        ) {
            proptest::prop_assert_eq!(highlight_uncached(&code, token).unwrap(), syntects_html(&code, token));
        }
    }

    #[test]
    fn unknown_language_is_none() {
        assert!(highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn escapes_code() {
        let html = highlight("a < b && c > \"d\"\n", "txt").unwrap();
        assert!(html.contains("&lt;") && html.contains("&amp;&amp;"), "{html}");
        assert!(!html.contains(" < "));
    }

    #[test]
    fn stylesheets_scope_dark_rules() {
        let (light, dark) = stylesheets("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(light.contains("\npre.code {") || light.starts_with("pre.code {"), "{light}");
        assert!(light.contains(".hl-"));
        assert!(!light.contains("data-theme"));
        assert!(dark.contains("html[data-theme=\"dark\"] pre.code {"), "{dark}");
        assert!(dark.contains("html[data-theme=\"dark\"] .hl-"));
        assert!(dark.contains("@media (prefers-color-scheme: dark) {\nhtml:not([data-theme=\"light\"]) pre.code {"));
        // Every selector of a list is scoped, not only the first.
        for line in dark.lines().filter(|l| l.contains(", ")) {
            for selector in line.trim_end_matches(" {").split(", ") {
                assert!(selector.starts_with("html"), "{line}");
            }
        }
        assert_eq!(dark.matches('{').count(), dark.matches('}').count());
    }

    #[test]
    fn unknown_theme_suggests_closest() {
        let error = stylesheets("InspiredGitHub", "base16-ocean.drak").unwrap_err();
        let HighlightError::UnknownTheme { name, suggestion } = &error;
        assert_eq!(name, "base16-ocean.drak");
        assert_eq!(suggestion.as_deref(), Some("base16-ocean.dark"));
        assert_eq!(error.to_string(), "unknown highlight theme `base16-ocean.drak`");
        let error = stylesheets("inspiredgithub", "base16-ocean.dark").unwrap_err();
        let HighlightError::UnknownTheme { suggestion, .. } = error;
        assert_eq!(suggestion.as_deref(), Some("InspiredGitHub"));
    }

    #[test]
    fn far_off_theme_gets_no_suggestion() {
        let HighlightError::UnknownTheme { suggestion, .. } = stylesheets("zzzz", "zzzz").unwrap_err();
        assert_eq!(suggestion, None);
    }
}
