//! `folio init DIR` and `folio new "Title"`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder for the new site (created if missing)
    dir: PathBuf,
}

impl InitArgs {
    pub fn run(self) -> ExitCode {
        match folio::scaffold::init(&self.dir, jiff::Zoned::now().date()) {
            Ok(created) => {
                for path in created {
                    println!("created {}", path.display());
                }
                println!("Next: folio build --root {}", self.dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                super::print_error(&e);
                ExitCode::from(super::FAILURE)
            }
        }
    }
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Title of the post
    title: String,
    /// The site's folder
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

impl NewArgs {
    pub fn run(self) -> ExitCode {
        if !self.root.join(folio::config::CONFIG_FILE).is_file() {
            super::print_error(&format!(
                "no folio.yaml in {}; pass --root DIR or run `folio init DIR` first",
                self.root.display()
            ));
            return ExitCode::from(super::FAILURE);
        }
        match folio::scaffold::new_post(&self.root, &self.title, jiff::Zoned::now().date()) {
            Ok(path) => {
                println!("created {} (a draft: build with --drafts to see it, or set `draft: false`)", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                super::print_error(&e);
                ExitCode::from(super::FAILURE)
            }
        }
    }
}
