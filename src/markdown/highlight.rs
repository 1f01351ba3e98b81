//! Syntax highlighting themes (minimal version).
use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

pub fn theme_names() -> Vec<String> {
    themes().themes.keys().cloned().collect()
}

#[derive(Debug, thiserror::Error)]
pub enum HighlightError {
    #[error("unknown highlight theme `{name}`")]
    UnknownTheme { name: String, suggestion: Option<String> },
}

pub fn stylesheets(light: &str, dark: &str) -> Result<(String, String), HighlightError> {
    let css = |n: &str| {
        let t = themes().themes.get(n).ok_or(HighlightError::UnknownTheme { name: n.into(), suggestion: None })?;
        Ok(syntect::html::css_for_theme_with_class_style(
            t,
            syntect::html::ClassStyle::SpacedPrefixed { prefix: "hl-" },
        )
        .unwrap_or_default())
    };
    Ok((css(light)?, css(dark)?))
}
