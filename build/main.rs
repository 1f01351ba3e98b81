//! Build script: embeds the default theme and writes folio's copy of the syntax definitions,
//! each into `OUT_DIR` for `include_bytes!`.

mod syntaxes;
mod theme;

use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build");
    theme::write(&manifest_dir, &out_dir);
    syntaxes::write(&out_dir);
}
