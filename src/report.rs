//! Progress and timing reports. The library never prints: it tells a [`Reporter`], and the
//! CLI decides how to show it (a progress bar on a terminal, `-v` stage timings, nothing).

use std::time::Duration;

use crate::error::Diagnostic;

pub trait Reporter: Sync {
    /// A pipeline stage finished.
    fn stage(&self, _name: &'static str, _elapsed: Duration) {}
    /// Rendering is about to start on `total` outputs.
    fn render_started(&self, _total: usize) {}
    /// One more output rendered.
    fn rendered(&self) {}
    /// Rendering is over.
    fn render_finished(&self) {}
    /// A problem that does not stop the build.
    fn warning(&self, _diagnostic: &Diagnostic) {}
}

/// Reports nothing.
pub struct Silent;

impl Reporter for Silent {}
