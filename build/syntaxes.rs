//! folio's copy of syntect's bundled syntax definitions, with their long lists of literal words
//! rewritten as trees (`src/markdown/alternations.rs` says how, and why that matches the same
//! text), written to `OUT_DIR/syntaxes.packdump` in syntect's dump format.

#[path = "../src/markdown/alternations.rs"]
mod alternations;

use std::path::Path;

use syntect::parsing::syntax_definition::Pattern;
use syntect::parsing::{Regex, SyntaxSet, SyntaxSetBuilder};

pub fn write(out_dir: &Path) {
    println!("cargo:rerun-if-changed=src/markdown/alternations.rs");
    let mut builder = SyntaxSetBuilder::new();
    for mut syntax in SyntaxSet::load_defaults_newlines().into_builder().syntaxes().to_vec() {
        for context in syntax.contexts.values_mut() {
            for pattern in &mut context.patterns {
                let Pattern::Match(matcher) = pattern else { continue };
                let Some(rewritten) = alternations::factor(matcher.regex.regex_str()) else { continue };
                if let Some(error) = Regex::try_compile(&rewritten) {
                    panic!("rewriting a regex of {} gave one Oniguruma rejects ({error}): {rewritten}", syntax.name);
                }
                matcher.regex = Regex::new(rewritten);
            }
        }
        builder.add(syntax);
    }
    let dump = out_dir.join("syntaxes.packdump");
    syntect::dumps::dump_to_uncompressed_file(&builder.build(), &dump)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", dump.display()));
}
