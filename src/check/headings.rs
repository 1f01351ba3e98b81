//! Heading level jumps: a heading more than one level below the one before it (`##` then
//! `####`) breaks the outline screen-reader users navigate by. The page title is the `<h1>`,
//! so the body's first heading should be an `##`.

use super::{Checked, Finding, Kind};

pub fn check(c: &Checked, out: &mut Vec<Finding>) {
    let mut previous = 1;
    for &(level, offset) in &c.facts.headings {
        if level > previous + 1 {
            let after = if previous == 1 { "the title (h1)".to_string() } else { format!("an h{previous}") };
            out.push(
                Finding::new(Kind::HeadingJump, c.source.at_body(offset), format!("h{level} follows {after}"))
                    .with_help(format!(
                        "use {} here, or add the missing level above it",
                        "#".repeat(previous as usize + 1)
                    )),
            );
        }
        previous = level;
    }
}
