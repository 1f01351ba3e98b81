//! folio: a static site generator for long-form analysis blogs.
//!
//! The pipeline, one module per stage: [`config`] → [`content`] (find, then read and parse each
//! file and render its Markdown through [`markdown`] in one pass; index) → [`render`] (through
//! [`templates`]) → [`write`]; [`build`] runs them in order. [`import`] turns raw article texts
//! into front-matter Markdown. The library never prints: progress goes through a
//! [`report::Reporter`] and failures come back as typed errors.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod build;
pub mod charts;
pub mod check;
pub mod comments;
pub mod config;
pub mod content;
pub mod data;
pub mod error;
pub mod import;
pub mod markdown;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod templates;
pub mod write;
pub mod yaml;

pub use build::{BuildOptions, BuildSummary, build, build_keeping_site};
pub use config::Config;
pub use error::{BuildError, Diagnostic, Location};
