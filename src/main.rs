//! The `folio` command: parses the command line, calls the library, prints, and exits with
//! 0 on success, 1 on content or configuration errors, 2 on usage errors.

mod cli;

/// jemalloc rather than the system's allocator: see "What changed" in `docs/performance.md`.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::Cli::parse().run()
}
