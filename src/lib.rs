//! folio: a static site generator for long-form analysis blogs.
//!
//! The pipeline, one module per stage: [`config`] → [`content`] (load, parse, index) →
//! [`markdown`] → [`render`] (through [`templates`]) → [`write`]. [`import`] turns raw
//! article texts into front-matter Markdown. The library never prints; progress goes
//! through a [`report::Reporter`] and failures come back as typed errors.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod import;
pub mod markdown;
