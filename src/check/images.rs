//! Images without alt text: screen readers announce them as "image" or read out the file
//! name. A purely decorative image belongs in the theme's CSS, not in the Markdown.

use super::{Checked, Finding, Kind};

pub fn check(c: &Checked, out: &mut Vec<Finding>) {
    for image in c.facts.images.iter().filter(|i| i.alt.is_empty()) {
        out.push(
            Finding::new(Kind::MissingAlt, c.source.at_body(image.offset), "image without alt text")
                .with_help("describe the image between the brackets: ![What it shows](…)"),
        );
    }
}
