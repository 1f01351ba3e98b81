//! folio's integration tests: one binary, one module per feature. Each test builds a site in a
//! temporary folder (see `support`) and asserts on the output.

mod support;

mod argument;
mod build;
mod cache;
mod charts;
mod check;
mod cli;
mod comments;
mod deploy;
mod errors;
mod import;
mod incremental;
mod safety;
mod search;
mod seo;
mod serve;
mod snapshots;
mod validate;
