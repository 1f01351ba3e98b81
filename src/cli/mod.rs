//! Command-line interface (clap derive): one `*Args` struct and one `run()` per command. Only
//! this layer prints and chooses exit codes.

mod build;
mod check;
mod import;
mod new;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A fast static site generator for long-form analysis blogs.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into public/
    Build(build::BuildArgs),
    /// Create a new site in DIR that builds at once
    Init(new::InitArgs),
    /// Create a new draft post
    New(new::NewArgs),
    /// Preview the site with live reload
    Serve(serve::ServeArgs),
    /// Turn raw article texts into posts
    Import(import::ImportArgs),
    /// Report broken links, leftover placeholders and other problems in the content
    Check(check::CheckArgs),
}

impl Cli {
    pub fn run(self) -> ExitCode {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::New(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Import(args) => args.run(),
            Command::Check(args) => args.run(),
        }
    }
}

/// Exit code for content, configuration and I/O errors.
pub const FAILURE: u8 = 1;

/// Prints an error the way every command does.
/// Where highlighted code is kept between builds: `$FOLIO_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/folio`, else `~/.cache/folio`; none when none of these is set.
fn cache_dir() -> Option<std::path::PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(std::path::PathBuf::from);
    var("FOLIO_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("folio")))
        .or_else(|| var("HOME").map(|d| d.join(".cache").join("folio")))
}

pub fn print_error(message: &dyn std::fmt::Display) {
    eprintln!("error: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
