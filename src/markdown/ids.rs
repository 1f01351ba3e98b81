//! Element ids: slugs made from text, and a registry that keeps them unique.
//!
//! Heading ids and footnote ids both come through here, so the rules for what
//! an id looks like (ASCII, lowercase, dashes) live in one place.

use std::collections::{HashMap, HashSet};

/// Longest slug kept, in bytes: a 1 MB heading should not become a 1 MB URL.
const MAX_SLUG_LEN: usize = 80;

/// Lowercase ASCII slug of `text`: transliterated with deunicode, every run of
/// non-alphanumerics becomes one `-`, trimmed, cut at [`MAX_SLUG_LEN`];
/// `fallback` when nothing is left.
pub fn slugify(text: &str, fallback: &str) -> String {
    let mut slug = String::new();
    let mut pending_dash = false;
    // Transliterate char by char so the work stops once the slug is full,
    // however long the heading is.
    for c in text.chars() {
        let ascii = if c.is_ascii() {
            AsciiOrStr::Char(c)
        } else {
            AsciiOrStr::Str(deunicode::deunicode_char(c).unwrap_or(""))
        };
        let full = match ascii {
            AsciiOrStr::Char(c) => push_slug_char(&mut slug, &mut pending_dash, c),
            AsciiOrStr::Str(s) => s.chars().any(|c| push_slug_char(&mut slug, &mut pending_dash, c)),
        };
        if full {
            break;
        }
    }
    if slug.is_empty() { fallback.to_owned() } else { slug }
}

enum AsciiOrStr {
    Char(char),
    Str(&'static str),
}

/// Adds one transliterated char to the slug; returns true once it is full.
fn push_slug_char(slug: &mut String, pending_dash: &mut bool, c: char) -> bool {
    if c.is_ascii_alphanumeric() {
        if *pending_dash && !slug.is_empty() {
            if slug.len() + 2 > MAX_SLUG_LEN {
                return true;
            }
            slug.push('-');
        }
        *pending_dash = false;
        slug.push(c.to_ascii_lowercase());
        slug.len() >= MAX_SLUG_LEN
    } else {
        *pending_dash = true;
        false
    }
}

/// Makes an author-supplied id (`{#id}`) valid: HTML ids may hold anything but
/// whitespace and must not be empty.
pub fn sanitize_custom(id: &str, fallback: &str) -> String {
    let cleaned: String = id.trim().chars().map(|c| if c.is_whitespace() { '-' } else { c }).collect();
    if cleaned.is_empty() { fallback.to_owned() } else { cleaned }
}

/// Ids handed out so far on one page.
#[derive(Debug, Default)]
pub struct IdSet {
    taken: HashSet<String>,
    /// Next suffix to try per base, so 10,000 headings called "Intro" cost
    /// linear, not quadratic, time.
    next_suffix: HashMap<String, u32>,
}

impl IdSet {
    /// Returns `base` if unused, else `base-1`, `base-2`, … whichever is free.
    pub fn claim(&mut self, base: String) -> String {
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if !self.taken.contains(&candidate) {
                self.next_suffix.insert(base, n);
                self.taken.insert(candidate.clone());
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_with_single_dashes() {
        assert_eq!(slugify("Hello, World!", "x"), "hello-world");
        assert_eq!(slugify("  --Why? Because--  ", "x"), "why-because");
        assert_eq!(slugify("Ölpreis & Éclair", "x"), "olpreis-eclair");
        assert_eq!(slugify("東京", "x"), "dong-jing");
    }

    #[test]
    fn empty_slug_uses_fallback() {
        assert_eq!(slugify("", "section"), "section");
        assert_eq!(slugify("?!…", "section"), "section");
    }

    #[test]
    fn long_slugs_are_cut_without_trailing_dash() {
        let slug = slugify(&"word ".repeat(200_000), "x");
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(!slug.ends_with('-'));
        assert!(slug.starts_with("word-word"));
    }

    #[test]
    fn custom_ids_lose_whitespace() {
        assert_eq!(sanitize_custom("my id", "x"), "my-id");
        assert_eq!(sanitize_custom("  ", "x"), "x");
    }

    #[test]
    fn claim_appends_suffixes() {
        let mut ids = IdSet::default();
        assert_eq!(ids.claim("intro".into()), "intro");
        assert_eq!(ids.claim("intro".into()), "intro-1");
        assert_eq!(ids.claim("intro-1".into()), "intro-1-1");
        assert_eq!(ids.claim("intro".into()), "intro-2");
    }

    #[test]
    fn claim_skips_suffixes_already_taken() {
        let mut ids = IdSet::default();
        ids.claim("a-1".into());
        ids.claim("a".into());
        assert_eq!(ids.claim("a".into()), "a-2");
    }
}
