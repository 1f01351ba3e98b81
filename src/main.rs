//! The `folio` command: parses the command line, calls the library, prints, and exits with
//! 0 on success, 1 on content or configuration errors, 2 on usage errors.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::Cli::parse().run()
}
