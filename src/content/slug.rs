//! Slugs and site paths: turning names into URL segments, and refusing author-written slugs
//! and aliases that could write outside the output directory.

/// `"Größe über NATO"` → `"grosse-uber-nato"`. Never empty.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "untitled".into() } else { out }
}

/// Checks an author-written slug: one path segment, no traversal, nothing encoded.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".into());
    }
    if slug.contains(['/', '\\']) {
        return Err(format!("the slug `{slug}` contains a path separator"));
    }
    check_segment(slug)
}

/// Normalises an alias (an old URL of a page) to a relative output path such as `2019/old/`
/// or `old.html`, refusing anything that could leave the output directory.
pub fn normalize_alias(alias: &str) -> Result<String, String> {
    let trimmed = alias.trim();
    if trimmed.contains("://") || trimmed.starts_with("//") {
        return Err(format!("the alias `{alias}` is a full URL; write only its path, such as `/2019/old-post/`"));
    }
    if trimmed.contains('\\') || trimmed.contains('\0') || trimmed.contains(['?', '#']) {
        return Err(format!("the alias `{alias}` contains a character not allowed in a path"));
    }
    let relative = trimmed.trim_start_matches('/');
    if relative.is_empty() {
        return Err("an alias cannot be the site root".into());
    }
    let ends_with_file =
        relative.rsplit('/').next().is_some_and(|last| last.ends_with(".html") || last.ends_with(".htm"));
    for segment in relative.split('/').filter(|s| !s.is_empty()) {
        check_segment(segment).map_err(|e| format!("the alias `{alias}`: {e}"))?;
    }
    let joined: Vec<&str> = relative.split('/').filter(|s| !s.is_empty()).collect();
    let mut path = joined.join("/");
    if !ends_with_file {
        path.push('/');
    }
    Ok(path)
}

fn check_segment(segment: &str) -> Result<(), String> {
    if segment == "." || segment == ".." {
        return Err(format!("`{segment}` would leave the output directory"));
    }
    if segment.contains('%') {
        return Err(format!("`{segment}` contains a percent-encoded character; write the plain text instead"));
    }
    if segment.chars().any(|c| c.is_control()) {
        return Err(format!("`{}` contains a control character", segment.escape_debug()));
    }
    if segment.len() >= 2 && segment.as_bytes()[1] == b':' {
        return Err(format!("`{segment}` looks like a drive path"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_transliterates_and_collapses() {
        assert_eq!(slugify("Größe über  NATO!"), "grosse-uber-nato");
        assert_eq!(slugify("Zakharova’s Warning: Beyond Ukraine"), "zakharova-s-warning-beyond-ukraine");
        assert_eq!(slugify("???"), "untitled");
    }

    #[test]
    fn traversal_in_slugs_is_refused() {
        for bad in ["../x", "..", "a/b", "%2e%2e", "a\\b", "C:evil"] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
        assert!(check_slug("my-post_2").is_ok());
    }

    #[test]
    fn aliases_normalise_and_refuse_traversal() {
        assert_eq!(normalize_alias("/2019/old-post").unwrap(), "2019/old-post/");
        assert_eq!(normalize_alias("old.html").unwrap(), "old.html");
        for bad in ["/../etc/passwd", "/a/%2e%2e/b", "https://x.org/a", "/", "a/./b", "//evil.org/x"] {
            assert!(normalize_alias(bad).is_err(), "{bad}");
        }
    }
}
