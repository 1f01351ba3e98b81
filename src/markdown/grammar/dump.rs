//! The layout of a syntect syntax-set dump, read into folio's own types.
//!
//! A dump (`syntect::dumps`, bincode) holds each syntax's header and, as a compressed blob of its
//! own, the syntax's linked contexts. syntect keeps the indices inside a `ContextId` and the
//! lookup from an id to its context to itself, so folio reads the same bytes into these mirrors,
//! whose fields follow syntect's (5.3) field for field: bincode is not self-describing, so a
//! mirror must list every field, in order. If syntect's layout changes, reading fails with an
//! error (tests load every syntax of folio's dump) rather than giving other grammars.

use std::collections::HashMap;

use serde::Deserialize;
use syntect::parsing::{ClearAmount, Scope};

#[derive(Deserialize)]
pub(super) struct SetDump {
    pub(super) syntaxes: Vec<SyntaxDump>,
    _path_syntaxes: Vec<(String, usize)>,
}

#[derive(Deserialize)]
pub(super) struct SyntaxDump {
    _name: String,
    _file_extensions: Vec<String>,
    _scope: Scope,
    _first_line_match: Option<String>,
    _hidden: bool,
    _variables: HashMap<String, String>,
    /// [`ContextsDump`], compressed.
    pub(super) contexts: Vec<u8>,
}

#[derive(Deserialize)]
pub(super) struct ContextsDump {
    /// Each context's name (`main`, `__start`, anonymous ones numbered) and id.
    pub(super) context_ids: HashMap<String, IdDump>,
    pub(super) contexts: Vec<ContextDump>,
}

/// syntect's `ContextId`: which syntax, and which of its contexts.
#[derive(Deserialize, Clone, Copy)]
pub(super) struct IdDump {
    pub(super) syntax_index: usize,
    pub(super) context_index: usize,
}

#[derive(Deserialize)]
pub(super) struct ContextDump {
    pub(super) meta_scope: Vec<Scope>,
    pub(super) meta_content_scope: Vec<Scope>,
    _meta_include_prototype: bool,
    pub(super) clear_scopes: Option<ClearAmount>,
    pub(super) prototype: Option<IdDump>,
    pub(super) uses_backrefs: bool,
    pub(super) patterns: Vec<PatternDump>,
}

#[derive(Deserialize)]
pub(super) enum PatternDump {
    Match(MatchDump),
    Include(RefDump),
}

#[derive(Deserialize)]
pub(super) struct MatchDump {
    pub(super) has_captures: bool,
    pub(super) regex: String,
    pub(super) scope: Vec<Scope>,
    pub(super) captures: Option<Vec<(usize, Vec<Scope>)>>,
    pub(super) operation: OperationDump,
    pub(super) with_prototype: Option<RefDump>,
}

/// A reference to a context. A linked set refers by `Direct` id only; the other kinds are
/// references syntect could not link, which it skips in an include and reports as an error when
/// a match would push or set them.
#[derive(Deserialize)]
#[allow(dead_code, reason = "the unlinked kinds are read only to be skipped")]
pub(super) enum RefDump {
    Named(String),
    ByScope { scope: Scope, sub_context: Option<String>, with_escape: bool },
    File { name: String, sub_context: Option<String>, with_escape: bool },
    Inline(String),
    Direct(IdDump),
}

#[derive(Deserialize)]
pub(super) enum OperationDump {
    Push(Vec<RefDump>),
    Set(Vec<RefDump>),
    Pop,
    None,
}
