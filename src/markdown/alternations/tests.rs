use super::*;
use syntect::parsing::{Regex, Region};

fn with_min(regex: &str, min: usize) -> Option<String> {
    factor_lists(regex, min)
}

/// Where a search finds the whole match and the first groups (`None`: no match).
type Found = Option<Vec<Option<(usize, usize)>>>;

/// What searching `text` for `regex` finds from each place on.
fn matches(regex: &str, text: &str) -> Vec<Found> {
    let regex = Regex::new(regex.to_owned());
    (0..=text.len())
        .filter(|&at| text.is_char_boundary(at))
        .map(|at| {
            let mut region = Region::new();
            regex
                .search(text, at, text.len(), Some(&mut region))
                .then(|| (0..4).map(|group| region.pos(group)).collect())
        })
        .collect()
}

#[test]
fn words_with_a_common_start_share_a_branch() {
    assert_eq!(
        with_min(r"\b(abs|acos|acosh|all|b|c|d|e)\b", 8).as_deref(),
        Some(r"\b(a(?:bs|cos(?:|h)|ll)|b|c|d|e)\b")
    );
    assert_eq!(with_min("(?:ab|ac)", 2).as_deref(), Some("(?:a(?:b|c))"));
    assert_eq!(with_min("(?<name>ab|ac)", 2).as_deref(), Some("(?<name>a(?:b|c))"));
    assert_eq!(with_min("(?=ab|ac)(?!ab|ac)(?>ab|ac)", 2).as_deref(), Some("(?=a(?:b|c))(?!a(?:b|c))(?>a(?:b|c))"));
}

#[test]
fn a_list_in_extended_mode_is_written_without_it() {
    assert_eq!(with_min("(?x)\\b(\n\tab|ac\n\t|ad  )\\b", 2).as_deref(), Some("\\b(a(?:b|c|d))\\b"));
    assert_eq!(with_min("(?x) a \\. (?: ab | ac ) [.]", 2).as_deref(), Some("a\\.(?:a(?:b|c))[.]"));
    // Written without extended mode but with nothing to rewrite: left as it was.
    assert_eq!(with_min("(?x) a b ", 2), None);
    assert_eq!(without_extended_mode("(?x)( ?:a)"), None);
    assert_eq!(without_extended_mode("(?x)a+ ?b"), None);
    assert_eq!(without_extended_mode("(?x)a *"), None);
}

#[test]
fn a_later_word_joins_an_earlier_branch_across_words_that_start_otherwise() {
    assert_eq!(with_min("(ab|c|ad)", 2).as_deref(), Some("(a(?:b|d)|c)"));
    assert_eq!(with_min("(axis|Axis|axes)", 2).as_deref(), Some("(ax(?:is|es)|Axis)"));
}

#[test]
fn nothing_moves_across_an_alternative_that_matches_anywhere() {
    // `.` matches whatever `a` does, and an empty alternative matches everywhere.
    assert_eq!(with_min("(ab|.x|ac)", 2), None);
    assert_eq!(with_min("(ab||ac)", 2), None);
    // Next to each other, `.` alternatives share a branch; after one, words group again.
    assert_eq!(with_min("(.a|.b|cd|.e|cf)", 2).as_deref(), Some("(.(?:a|b)|cd|.e|cf)"));
    assert_eq!(with_min("(.a|cd|ce)", 2).as_deref(), Some("(.a|c(?:d|e))"));
}

#[test]
fn an_escaped_dot_is_a_character_and_a_bare_dot_is_any() {
    assert_eq!(with_min(r"(a\.b|a\.c|a.d)", 2).as_deref(), Some(r"(a(?:\.(?:b|c)|.d))"));
}

#[test]
fn short_lists_are_left_alone() {
    assert_eq!(factor("(ab|ac)"), None);
    assert_eq!(factor("(ab|ac|ad|ae|af|ag|ah|ai)").as_deref(), Some("(a(?:b|c|d|e|f|g|h|i))"));
}

#[test]
fn lists_that_are_not_plain_words_are_left_alone() {
    for regex in [
        "(?i)(ab|ac)",
        "(?ix)(ab|ac)",
        "(?ix:(ab|ac))",
        "(?x:(ab|ac))",
        "x(?x)(ab|ac)",
        "(?x)(ab|ac)#(ab|ac)",
        "(?x)(ab|a[ ]c)",
        "(?x)(ab|a\\ c)",
        "(?x)(ab|ac){2, 3}",
        "(?x)(?-x:a b)(ab|ac)",
        "(?x)(?i)(ab|ac)",
        "(?x)(ab|a\u{3000}c)",
        "(ab+|ac)",
        "(a[bc]|ad)",
        r"(a\w|ad)",
        r"(a\1|ad)",
        "(?<=ab|ac)",
        "(?<!ab|ac)",
        "(?<=(ab|ac))",
        "(?m:(ab|ac))",
        "(?#(ab|ac))",
        "(ab|ac",
    ] {
        assert_eq!(with_min(regex, 2), None, "{regex}");
    }
}

#[test]
fn groups_inside_other_groups_and_after_classes_are_found() {
    assert_eq!(with_min(r"[(\]](x(ab|ac)y|z)", 2).as_deref(), Some(r"[(\]](x(a(?:b|c))y|z)"));
    assert_eq!(with_min("[]()](ab|ac)", 2).as_deref(), Some("[]()](a(?:b|c))"));
    assert_eq!(with_min("(?=x(ab|ac))", 2).as_deref(), Some("(?=x(a(?:b|c)))"));
    assert_eq!(with_min("(?<=x)(ab|ac)(?#c)", 2).as_deref(), Some("(?<=x)(a(?:b|c))(?#c)"));
}

#[test]
fn rewritten_regexes_match_what_the_originals_match() {
    let original = r"\b(abs|acos|acosh|all|all\.equal|all.x|b|c|d|e)\b";
    let rewritten = factor(original).unwrap();
    for text in ["abs(x)", "acosh", "all.equal(a)", "allxx all.x", "e acos", "ab", "all.", "x all\\.equal"] {
        assert_eq!(matches(&rewritten, text), matches(original, text), "{text}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Lists of short words over a few characters (with `.` and `\.`), in any order, with words
    /// that are prefixes of others, empty words and repeats: the rewritten regex finds the same
    /// matches, with the same groups, from every place in any text.
    #[test]
    fn any_list_matches_as_written(
        words in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(vec!["a", "b", ".", r"\."]), 0..4), 2..12),
        after in proptest::sample::select(vec!["", r"\b", "b", "(?=a)", "$"]),
        text in "[ab. ]{0,8}",
    ) {
        let list: Vec<String> = words.iter().map(|w| w.concat()).collect();
        let original = format!("(?:x|)({}){after}", list.join("|"));
        if let Some(rewritten) = with_min(&original, 2) {
            proptest::prop_assert!(Regex::try_compile(&rewritten).is_none(), "{}", rewritten);
            proptest::prop_assert_eq!(matches(&rewritten, &text), matches(&original, &text), "{} vs {}", rewritten, original);
        }
    }
}

/// Short texts made of the words a regex mentions, alone and next to what grammars look for
/// around names (calls, member access, word boundaries).
fn probes(regex: &str) -> Vec<String> {
    let mut words: Vec<&str> = regex
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '\\'))
        .map(|w| w.trim_matches('\\'))
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut probes = Vec::with_capacity(words.len() * 6);
    for word in words {
        let plain = word.replace('\\', "");
        probes.extend([
            plain.clone(),
            format!("{plain}("),
            format!("{plain}.x <- 1"),
            format!("x{plain}"),
            format!(" {plain} ("),
            format!("{plain}_ = .{plain}"),
        ]);
    }
    probes
}

/// Every regex of syntect's bundled grammars that folio's copy rewrites: the rewritten regex
/// compiles, and finds what the original finds, with the same groups, in texts made of the
/// words it lists.
#[test]
fn the_bundled_grammars_rewritten_match_as_written() {
    use syntect::parsing::SyntaxSet;
    use syntect::parsing::syntax_definition::Pattern;
    let (mut rewritten_count, mut extended_count) = (0, 0);
    for syntax in SyntaxSet::load_defaults_newlines().into_builder().syntaxes() {
        for context in syntax.contexts.values() {
            for pattern in &context.patterns {
                let Pattern::Match(matcher) = pattern else { continue };
                let original = matcher.regex.regex_str();
                let Some(rewritten) = factor(original) else { continue };
                rewritten_count += 1;
                extended_count += usize::from(original.starts_with("(?x)"));
                assert!(Regex::try_compile(&rewritten).is_none(), "{}: {rewritten}", syntax.name);
                let (a, b) = (Regex::new(original.to_owned()), Regex::new(rewritten.clone()));
                for text in probes(original) {
                    for at in [0, 1].into_iter().filter(|&at| at <= text.len()) {
                        let (mut ra, mut rb) = (Region::new(), Region::new());
                        let found = (
                            a.search(&text, at, text.len(), Some(&mut ra)),
                            b.search(&text, at, text.len(), Some(&mut rb)),
                        );
                        assert_eq!(found.0, found.1, "{}: {text:?} from {at}\n{original}\n{rewritten}", syntax.name);
                        for group in 0..8 {
                            assert_eq!(
                                ra.pos(group),
                                rb.pos(group),
                                "{}: {text:?} group {group}\n{original}",
                                syntax.name
                            );
                        }
                    }
                }
            }
        }
    }
    // R's lists of built-in functions, above all; far fewer would mean the rewriting stopped
    // finding them.
    assert!(rewritten_count > 100, "only {rewritten_count} regexes rewritten");
    // Python's lists of built-in names and types, JavaScript's DOM constants, CSS, HTML, LaTeX
    // (six when written): lists in extended mode, written without it first.
    assert!(extended_count >= 5, "only {extended_count} regexes in extended mode rewritten");
}
