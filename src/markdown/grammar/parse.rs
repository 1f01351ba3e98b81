//! The parse loop: one line of code in, the scope operations at each place out.
//!
//! The rules are Sublime Text's for `.sublime-syntax` grammars, as syntect (5.3) implements them,
//! and the output is meant to be exactly syntect's `ParseState::parse_line` (tests compare the
//! two on every grammar folio highlights). At each place in the line, the patterns of the
//! `with_prototype` contexts on the stack, of the current context's prototype, and of the
//! current context are tried in that order; the match that starts first wins, the first listed
//! on a tie. A pattern that found nothing on this line is not searched again on it, and one
//! whose match still lies ahead is not searched again until the place passes it.
//!
//! What differs is the bookkeeping, which is most of syntect's share of the time: the patterns
//! come from the table's flattened lists instead of a walk of the includes; the line's searches
//! are kept in a per-thread array indexed by each pattern's slot (cleared by bumping a line
//! number) instead of a hash map made for each line; a match's groups are copied into buffers
//! that are reused instead of cloned into new allocations.

use std::collections::HashMap;

use onig::{MatchParam, Region, SearchOptions};
use syntect::parsing::ScopeStackOp;

use super::{Context, ContextRef, GrammarError, Grammars, Operation, Pattern};

/// The positions of a match's groups (`None` for a group that did not take part).
type Groups = Vec<Option<(usize, usize)>>;

/// A stack this deep takes no more pushes (as in syntect): the parse of the line stops.
const MAX_DEPTH: usize = 100;

/// Regexes made for back-references are kept per thread up to this many, then forgotten.
const MAX_BACKREF_REGEXES: usize = 1_000;

/// One entry of the stack of contexts.
struct Level {
    context: ContextRef,
    /// `with_prototype` contexts that apply to this level and the levels pushed above it.
    prototypes: Vec<ContextRef>,
    /// The match that pushed this level and its line, kept when the context's regexes refer
    /// back to its groups.
    captures: Option<(Groups, String)>,
}

/// Where the parse of a block stands between lines.
pub(crate) struct ParseState {
    stack: Vec<Level>,
    first_line: bool,
    /// Stack heights from which `with_prototype`s apply (those of lower levels are ignored while
    /// a context pushed by a `with_prototype`'s own pattern is on the stack).
    proto_starts: Vec<usize>,
}

/// A thread's working memory, reused from line to line and block to block.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The number of the line being parsed; a slot stamped with another number is stale.
    line: u32,
    slots: Vec<Slot>,
    region: Region,
    /// The groups of the best match so far on this step.
    best: Groups,
    backrefs: HashMap<String, Option<onig::Regex>>,
    /// Each pattern's DFA cache for its screen, by slot, made on first use.
    screens: Vec<Option<regex_automata::hybrid::dfa::Cache>>,
    /// The line being parsed is all ASCII (screens are only asked about such lines).
    ascii: bool,
}

/// What one pattern's search found on the current line.
#[derive(Default, Clone)]
struct Slot {
    line: u32,
    found: bool,
    groups: Groups,
}

/// The winning match of a step.
struct Best<'g> {
    pattern: &'g Pattern,
    from_with_prototype: bool,
    /// A pop that would undo a push that consumed nothing, at the same place: taken, it would
    /// loop, so the step moves one character on instead.
    would_loop: bool,
}

/// Where a search's groups are.
enum Found {
    /// In the pattern's slot (found earlier on this line).
    Slot(usize),
    /// In the scratch region (just searched).
    Region,
}

impl ParseState {
    pub(crate) fn new(grammars: &Grammars, syntax: usize) -> Result<ParseState, GrammarError> {
        let context = grammars.start(syntax)?;
        Ok(ParseState {
            stack: vec![Level { context, prototypes: Vec::new(), captures: None }],
            first_line: true,
            proto_starts: Vec::new(),
        })
    }

    /// Appends the operations for `line` (which includes its line ending) to `ops`.
    pub(crate) fn parse_line(
        &mut self,
        line: &str,
        grammars: &Grammars,
        scratch: &mut Scratch,
        ops: &mut Vec<(usize, ScopeStackOp)>,
    ) -> Result<(), GrammarError> {
        let top = self.stack.last().ok_or(GrammarError::EmptyStack)?;
        if self.first_line {
            if let Some(scope) = grammars.context(top.context)?.meta_content_scope.first() {
                ops.push((0, ScopeStackOp::Push(*scope)));
            }
            self.first_line = false;
        }
        scratch.next_line();
        scratch.ascii = line.is_ascii();
        let mut at = 0;
        // Where a push matched nothing, and the stack height after it: a pop matching nothing
        // right there would loop.
        let mut empty_push = (0, 0);
        while self.step(line, grammars, scratch, &mut at, &mut empty_push, ops)? {}
        Ok(())
    }

    /// Takes the best match at `at`; `false` when there is none (the rest of the line is the
    /// context's text).
    fn step(
        &mut self,
        line: &str,
        grammars: &Grammars,
        scratch: &mut Scratch,
        at: &mut usize,
        empty_push: &mut (usize, usize),
        ops: &mut Vec<(usize, ScopeStackOp)>,
    ) -> Result<bool, GrammarError> {
        let check_pop_loop = *empty_push == (*at, self.stack.len());
        while self.proto_starts.last().is_some_and(|&height| height >= self.stack.len()) {
            self.proto_starts.pop();
        }
        let Some(best) = self.best_match(line, *at, grammars, scratch, check_pop_loop)? else { return Ok(false) };
        if best.would_loop {
            // Move on by one character, if there is one.
            return Ok(match line[*at..].char_indices().nth(1) {
                Some((next, _)) => {
                    *at += next;
                    true
                }
                None => false,
            });
        }
        let (_, end) = whole(&scratch.best);
        if end <= *at && matches!(best.pattern.operation, Operation::Push(_)) {
            *empty_push = (end, self.stack.len() + 1);
        }
        *at = end;
        if best.from_with_prototype {
            self.proto_starts.push(self.stack.len());
        }
        let current = grammars.context(self.stack[self.stack.len() - 1].context)?;
        self.apply(line, best.pattern, current, grammars, &scratch.best, ops)?;
        Ok(true)
    }

    fn best_match<'g>(
        &self,
        line: &str,
        at: usize,
        grammars: &'g Grammars,
        scratch: &mut Scratch,
        check_pop_loop: bool,
    ) -> Result<Option<Best<'g>>, GrammarError> {
        let top = &self.stack[self.stack.len() - 1];
        let prototype = grammars.context(top.context)?.prototype;
        let from = self.proto_starts.last().copied().unwrap_or(0);
        let with_prototypes = self.stack[from..]
            .iter()
            .flat_map(|level| level.prototypes.iter().map(move |&p| (true, p, level.captures.as_ref())));
        let chain = with_prototypes.chain(prototype.map(|p| (false, p, None))).chain(std::iter::once((
            false,
            top.context,
            top.captures.as_ref(),
        )));
        let mut earliest = usize::MAX;
        let mut best = None;
        let mut pop_would_loop = false;
        for (from_with_prototype, context, captures) in chain {
            let flat = grammars.flat(context)?;
            scratch.reserve(flat.slots);
            for &at_pattern in &flat.patterns {
                let pattern = grammars.pattern(at_pattern);
                let slot = at_pattern.slot as usize;
                let Some(found) = search(line, at, slot, pattern, captures, self.stack.len(), scratch) else {
                    continue;
                };
                let (start, end) = match found {
                    Found::Slot(slot) => whole(&scratch.slots[slot].groups),
                    Found::Region => scratch.region.pos(0).expect("a match has a group 0"),
                };
                // An earlier match wins; at the same place, one replaces a pop that would loop.
                if start < earliest || (start == earliest && pop_would_loop) {
                    earliest = start;
                    pop_would_loop = check_pop_loop && end <= at && matches!(pattern.operation, Operation::Pop);
                    if matches!(pattern.operation, Operation::Push(_)) && self.stack.len() >= MAX_DEPTH {
                        return Ok(None);
                    }
                    match found {
                        Found::Slot(slot) => scratch.best.clone_from(&scratch.slots[slot].groups),
                        Found::Region => copy_groups(&scratch.region, &mut scratch.best),
                    }
                    best = Some(Best { pattern, from_with_prototype, would_loop: pop_would_loop });
                    // Nothing can start earlier than here.
                    if start == at && !pop_would_loop {
                        return Ok(best);
                    }
                }
            }
        }
        Ok(best)
    }

    /// The match's scopes and the meta scopes of the contexts it enters or leaves, then the
    /// change to the stack.
    fn apply(
        &mut self,
        line: &str,
        pattern: &Pattern,
        current: &Context,
        grammars: &Grammars,
        groups: &Groups,
        ops: &mut Vec<(usize, ScopeStackOp)>,
    ) -> Result<(), GrammarError> {
        let (start, end) = whole(groups);
        meta_ops_before(start, current, &pattern.operation, grammars, ops)?;
        for scope in &pattern.scope {
            ops.push((start, ScopeStackOp::Push(*scope)));
        }
        if let Some(captures) = &pattern.captures {
            // Groups may end in any order; outer ones open first, and an empty group adds
            // nothing (its pop would sort wrongly).
            let mut by_place: Vec<((usize, i64), ScopeStackOp)> = Vec::new();
            for (group, scopes) in captures {
                let Some(&Some((from, to))) = groups.get(*group) else { continue };
                if from == to {
                    continue;
                }
                let length = -((to - from) as i64);
                by_place.extend(scopes.iter().map(|scope| ((from, length), ScopeStackOp::Push(*scope))));
                by_place.push(((to, i64::MIN), ScopeStackOp::Pop(scopes.len())));
            }
            by_place.sort_by_key(|&(key, _)| key);
            ops.extend(by_place.into_iter().map(|((place, _), op)| (place, op)));
        }
        if !pattern.scope.is_empty() {
            ops.push((end, ScopeStackOp::Pop(pattern.scope.len())));
        }
        meta_ops_after(end, current, &pattern.operation, grammars, ops)?;
        self.change_stack(line, pattern, grammars, groups)
    }

    fn change_stack(
        &mut self,
        line: &str,
        pattern: &Pattern,
        grammars: &Grammars,
        groups: &Groups,
    ) -> Result<(), GrammarError> {
        let (targets, mut kept_prototypes) = match &pattern.operation {
            Operation::Push(targets) => (targets, None),
            // A `with_prototype` stays in force through a set, until its level is popped.
            Operation::Set(targets) => (targets, self.stack.pop().map(|level| level.prototypes)),
            Operation::Pop => {
                self.stack.pop();
                return Ok(());
            }
            Operation::None => return Ok(()),
        };
        for (i, target) in targets.iter().enumerate() {
            // Only the first context pushed keeps them.
            let mut prototypes = kept_prototypes.take().unwrap_or_default();
            // A `with_prototype` applies to the last context pushed, the top of the stack.
            if i == targets.len() - 1
                && let Some(with) = pattern.with_prototype
            {
                prototypes.push(with.ok_or(GrammarError::Unresolved)?);
            }
            let context = target.ok_or(GrammarError::Unresolved)?;
            let mut backrefs = grammars.context(context)?.uses_backrefs;
            for p in &prototypes {
                backrefs |= grammars.context(*p)?.uses_backrefs;
            }
            let captures = backrefs.then(|| (groups.clone(), line.to_owned()));
            self.stack.push(Level { context, prototypes, captures });
        }
        Ok(())
    }
}

/// The meta scopes at the start of a match: the content scope of a context being left ends, the
/// meta scopes of contexts being entered begin.
fn meta_ops_before(
    place: usize,
    current: &Context,
    operation: &Operation,
    grammars: &Grammars,
    ops: &mut Vec<(usize, ScopeStackOp)>,
) -> Result<(), GrammarError> {
    match operation {
        Operation::Pop => {
            if !current.meta_content_scope.is_empty() {
                ops.push((place, ScopeStackOp::Pop(current.meta_content_scope.len())));
            }
        }
        Operation::Push(targets) | Operation::Set(targets) => {
            let set = matches!(operation, Operation::Set(_));
            if set && current.clear_scopes.is_some() {
                ops.push((place, ScopeStackOp::Restore));
            }
            for target in targets {
                let context = resolve(grammars, *target)?;
                if !set && let Some(amount) = context.clear_scopes {
                    ops.push((place, ScopeStackOp::Clear(amount)));
                }
                ops.extend(context.meta_scope.iter().map(|s| (place, ScopeStackOp::Push(*s))));
            }
        }
        Operation::None => {}
    }
    Ok(())
}

/// The meta scopes at the end of a match. Leaving: the context's meta scope ends and cleared
/// scopes come back. Entering: when a content scope or a set's clearing must come after the
/// meta scopes, the meta scopes pushed at the start are taken off and every scope is pushed
/// again in order (with a set, the old context's meta scopes go too).
fn meta_ops_after(
    place: usize,
    current: &Context,
    operation: &Operation,
    grammars: &Grammars,
    ops: &mut Vec<(usize, ScopeStackOp)>,
) -> Result<(), GrammarError> {
    match operation {
        Operation::Pop => {
            if !current.meta_scope.is_empty() {
                ops.push((place, ScopeStackOp::Pop(current.meta_scope.len())));
            }
            if current.clear_scopes.is_some() {
                ops.push((place, ScopeStackOp::Restore));
            }
        }
        Operation::Push(targets) | Operation::Set(targets) => {
            let set = matches!(operation, Operation::Set(_));
            let mut redo = set && !(current.meta_scope.is_empty() && current.meta_content_scope.is_empty());
            for target in targets {
                let context = resolve(grammars, *target)?;
                redo |= !context.meta_content_scope.is_empty() || (set && context.clear_scopes.is_some());
            }
            if !redo {
                return Ok(());
            }
            let mut pushed = 0;
            for target in targets {
                pushed += resolve(grammars, *target)?.meta_scope.len();
            }
            if set {
                pushed += current.meta_content_scope.len() + current.meta_scope.len();
            }
            if pushed > 0 {
                ops.push((place, ScopeStackOp::Pop(pushed)));
            }
            for target in targets {
                let context = resolve(grammars, *target)?;
                if set && let Some(amount) = context.clear_scopes {
                    ops.push((place, ScopeStackOp::Clear(amount)));
                }
                ops.extend(context.meta_scope.iter().map(|s| (place, ScopeStackOp::Push(*s))));
                ops.extend(context.meta_content_scope.iter().map(|s| (place, ScopeStackOp::Push(*s))));
            }
        }
        Operation::None => {}
    }
    Ok(())
}

fn resolve(grammars: &Grammars, target: Option<ContextRef>) -> Result<&Context, GrammarError> {
    grammars.context(target.ok_or(GrammarError::Unresolved)?)
}

/// Searches `pattern` from `at`, or reuses what its search found earlier on the line. `None`
/// when it finds nothing, or only a match that would change nothing (empty and without an
/// operation, or a push onto a full stack).
fn search(
    line: &str,
    at: usize,
    slot: usize,
    pattern: &Pattern,
    captures: Option<&(Groups, String)>,
    depth: usize,
    scratch: &mut Scratch,
) -> Option<Found> {
    let line_number = scratch.line;
    let earlier = &scratch.slots[slot];
    if earlier.line == line_number {
        if !earlier.found {
            return None;
        }
        if whole(&earlier.groups).0 >= at {
            return Some(Found::Slot(slot));
        }
    }
    // A regex that refers back to the groups of the match that pushed its context depends on
    // that match, so what it finds is not kept for the line.
    let (matched, keep) = match (pattern.has_captures, captures) {
        (true, Some((groups, text))) => {
            let source = with_backrefs(pattern.source(), groups, text);
            if scratch.backrefs.len() >= MAX_BACKREF_REGEXES {
                scratch.backrefs.clear();
            }
            let regex = scratch.backrefs.entry(source).or_insert_with_key(|s| super::compile(s));
            (regex.as_ref().is_some_and(|r| search_from(r, line, at, &mut scratch.region)), false)
        }
        // A search sure to find nothing is not made; it is kept as found nothing, as it would be.
        _ => {
            let start = pattern.search_start(line, at);
            let found = start.is_some_and(|from| {
                !screened_out(pattern, line, from, slot, scratch)
                    && pattern.regex().is_some_and(|r| search_from(r, line, from, &mut scratch.region))
            });
            (found, true)
        }
    };
    if !matched {
        if keep {
            let slot = &mut scratch.slots[slot];
            slot.line = line_number;
            slot.found = false;
        }
        return None;
    }
    let (start, end) = scratch.region.pos(0).expect("a match has a group 0");
    let changes_something = match pattern.operation {
        Operation::None => start != end,
        Operation::Push(_) => depth < MAX_DEPTH,
        _ => true,
    };
    if !changes_something {
        return None;
    }
    if keep {
        let kept = &mut scratch.slots[slot];
        kept.line = line_number;
        kept.found = true;
        copy_groups(&scratch.region, &mut kept.groups);
    }
    Some(Found::Region)
}

/// Whether the pattern's screen rules out any match from `from` on this (ASCII) line.
fn screened_out(pattern: &Pattern, line: &str, from: usize, slot: usize, scratch: &mut Scratch) -> bool {
    if !scratch.ascii {
        return false;
    }
    let Some(screen) = pattern.screen() else { return false };
    if scratch.screens.len() <= slot {
        scratch.screens.resize_with(slot + 1, || None);
    }
    let cache = scratch.screens[slot].get_or_insert_with(|| screen.cache());
    screen.rules_out(cache, line, from)
}

/// Searches as syntect does (an error, such as Oniguruma's retry limit, finds nothing).
fn search_from(regex: &onig::Regex, line: &str, at: usize, region: &mut Region) -> bool {
    let found = regex.search_with_param(
        line,
        at,
        line.len(),
        SearchOptions::SEARCH_OPTION_NONE,
        Some(region),
        MatchParam::default(),
    );
    matches!(found, Ok(Some(_)))
}

fn whole(groups: &Groups) -> (usize, usize) {
    groups.first().copied().flatten().expect("a match has a group 0")
}

fn copy_groups(region: &Region, out: &mut Groups) {
    out.clear();
    out.extend((0..region.len()).map(|i| region.pos(i)));
}

/// The regex with each back-reference `\1`…`\9` replaced by the text its group matched,
/// escaped (nothing for a group that did not take part); other escapes are kept as written.
fn with_backrefs(source: &str, groups: &Groups, text: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut escaped = false;
    for c in source.chars() {
        if escaped {
            match c.to_digit(10) {
                Some(group) => {
                    if let Some(Some((from, to))) = groups.get(group as usize) {
                        out.push_str(&regex_syntax::escape(&text[*from..*to]));
                    }
                }
                None => {
                    out.push('\\');
                    out.push(c);
                }
            }
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else {
            out.push(c);
        }
    }
    if escaped {
        out.push('\\');
    }
    out
}

impl Scratch {
    fn next_line(&mut self) {
        self.line = self.line.wrapping_add(1);
        if self.line == 0 {
            // After four billion lines, stamps from the first round could look current.
            self.slots.iter_mut().for_each(|s| s.line = 0);
            self.line = 1;
        }
    }

    fn reserve(&mut self, slots: u32) {
        if self.slots.len() < slots as usize {
            self.slots.resize(slots as usize, Slot::default());
        }
    }
}

/// [`with_backrefs`], for the table's tests.
#[cfg(test)]
pub(super) fn tests_with_backrefs(source: &str, groups: &[Option<(usize, usize)>], text: &str) -> String {
    with_backrefs(source, &groups.to_vec(), text)
}
