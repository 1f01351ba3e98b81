//! The default theme, compiled into the binary by `build.rs` from `themes/folio/`.

include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
