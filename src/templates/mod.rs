//! Templates: three layers, each file overriding the one below — the default theme embedded in
//! the binary, the site's `themes/<name>/templates/`, then the site's `templates/`. Tera 2 does
//! the rendering; its errors come back naming the real file, line and column.

pub mod embedded;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::{Context, Kwargs, State, Tera, TeraResult};

use crate::error::{Diagnostic, Location};

/// Where a template came from, for error messages.
#[derive(Debug, Clone)]
enum Origin {
    Embedded,
    File(PathBuf),
}

/// The loaded, layered templates of a site.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, Origin>,
    /// For each template, a fingerprint of its source and of every template it uses.
    fingerprints: HashMap<String, u64>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").field("templates", &self.origins.len()).finish()
    }
}

impl Templates {
    /// Loads the layers for the site at `root` using theme `theme`. `base_path` is `""` or `/blog`.
    pub fn load(root: &Path, theme: &str, base_path: &str) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: HashMap<String, (String, Origin)> = HashMap::new();
        for (name, bytes) in embedded::TEMPLATES {
            sources.insert(name.to_string(), (String::from_utf8_lossy(bytes).into_owned(), Origin::Embedded));
        }
        let theme_dir = root.join("themes").join(theme).join("templates");
        if theme != "folio" && !root.join("themes").join(theme).is_dir() {
            return Err(vec![
                Diagnostic::new(
                    Location::file(crate::config::CONFIG_FILE),
                    format!("theme: no theme `{theme}` in themes/"),
                )
                .with_help(format!(
                    "create themes/{theme}/templates/, or remove the `theme` key to use the default theme"
                )),
            ]);
        }
        let mut errors = Vec::new();
        for dir in [theme_dir, root.join("templates")] {
            read_layer(root, &dir, &mut sources, &mut errors);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        register_functions(&mut tera, base_path.to_string());
        let origins: HashMap<String, Origin> = sources.iter().map(|(k, (_, o))| (k.clone(), o.clone())).collect();
        let fingerprints = dependency_fingerprints(&sources);
        let mut templates = Templates { tera, origins, fingerprints };
        let list: Vec<(String, String)> = sources.into_iter().map(|(k, (text, _))| (k, text)).collect();
        if let Err(e) = templates.tera.add_raw_templates(list) {
            return Err(vec![templates.convert_error(&e, None)]);
        }
        Ok(templates)
    }

    /// Changes whenever `name` or any template it extends or includes changes.
    pub fn fingerprint(&self, name: &str) -> u64 {
        self.fingerprints.get(name).copied().unwrap_or(0)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Values every template sees (config, menu, assets…), set once per build.
    pub fn set_globals(&mut self, globals: Context) {
        self.tera.global_context().extend(globals);
    }

    /// Renders `name`; `what` names the output for errors ("content/posts/a.md", "tag page").
    pub fn render(&self, name: &str, context: &Context, what: &str) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| self.convert_error(&e, Some(what)))
    }

    /// Like [`Templates::render`], into a buffer of `capacity` bytes to start with: a page that
    /// holds a whole post is written without growing (and copying) its buffer several times.
    pub fn render_bytes(
        &self,
        name: &str,
        context: &Context,
        what: &str,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(capacity);
        self.tera.render_to(name, context, &mut out).map_err(|e| self.convert_error(&e, Some(what)))?;
        Ok(out)
    }

    /// The path shown to people for a template name.
    fn display_path(&self, name: &str) -> PathBuf {
        match self.origins.get(name) {
            Some(Origin::File(p)) => p.clone(),
            _ => PathBuf::from(format!("themes/folio/templates/{name}")),
        }
    }

    fn convert_error(&self, e: &tera::Error, what: Option<&str>) -> Diagnostic {
        let context = what.map(|w| format!(" (while rendering {w})")).unwrap_or_default();
        match e.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let span = report.span();
                let location = Location::at(self.display_path(report.filename()), span.start_line, span.start_col + 1);
                let help = if matches!(self.origins.get(report.filename()), Some(Origin::Embedded) | None) {
                    "this is in the default theme; override it by copying the file into your site's templates/ folder"
                } else {
                    "fix the template, or delete it to fall back to the default theme's version"
                };
                Diagnostic::new(location, format!("template error: {}{context}", report.message())).with_help(help)
            }
            tera::ErrorKind::MissingParent { current, parent } => Diagnostic::new(
                Location::file(self.display_path(current)),
                format!("template error: extends `{parent}`, which does not exist{context}"),
            ),
            tera::ErrorKind::TemplateNotFound(name) => Diagnostic::new(
                Location::file(PathBuf::from("templates").join(name)),
                format!("template `{name}` not found{context}"),
            )
            .with_help("add it to your site's templates/ folder"),
            _ => Diagnostic::new(Location::file("templates"), format!("template error: {e}{context}")),
        }
    }
}

fn read_layer(root: &Path, dir: &Path, sources: &mut HashMap<String, (String, Origin)>, errors: &mut Vec<Diagnostic>) {
    if !dir.is_dir() || !crate::content::load::inside_site(root, dir) {
        return;
    }
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel_to_root = crate::content::load::relative(root, entry.path());
        let name = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => {
                sources.insert(name, (text, Origin::File(rel_to_root)));
            }
            Err(e) => errors.push(Diagnostic::new(Location::file(rel_to_root), format!("cannot read template: {e}"))),
        }
    }
}

/// Fingerprints each template together with everything it reaches through `extends` and
/// `include`; templates defining components count as used by every template.
fn dependency_fingerprints(sources: &HashMap<String, (String, Origin)>) -> HashMap<String, u64> {
    use crate::render::plan::fingerprint;
    static USES: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let uses = USES
        .get_or_init(|| regex::Regex::new(r#"\{%-?\s*(?:extends|include)\s+["']([^"']+)["']"#).expect("valid regex"));
    let direct: HashMap<&str, Vec<&str>> = sources
        .iter()
        .map(|(name, (text, _))| {
            (name.as_str(), uses.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect())
        })
        .collect();
    let mut components: Vec<&str> =
        sources.iter().filter(|(_, (text, _))| text.contains("{% component")).map(|(n, _)| n.as_str()).collect();
    components.sort_unstable();
    let mut out = HashMap::with_capacity(sources.len());
    for name in sources.keys() {
        let mut seen: Vec<&str> = components.clone();
        let mut stack = vec![name.as_str()];
        while let Some(n) = stack.pop() {
            if seen.contains(&n) && n != name {
                continue;
            }
            if !seen.contains(&n) {
                seen.push(n);
            }
            stack.extend(direct.get(n).into_iter().flatten().filter(|d| !seen.contains(d)));
        }
        seen.sort_unstable();
        seen.dedup();
        let parts: Vec<(&str, &str)> =
            seen.iter().map(|n| (*n, sources.get(*n).map_or("", |(text, _)| text.as_str()))).collect();
        out.insert(name.clone(), fingerprint(parts));
    }
    out
}

fn register_functions(tera: &mut Tera, base_path: String) {
    tera.register_function("get_url", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path: String = kwargs.must_get("path")?;
        Ok(site_url(&base_path, &path))
    });
}

/// `("/blog", "folio.css")` → `/blog/folio.css`; `("", "/")` → `/`. Absolute URLs pass through.
pub fn site_url(base_path: &str, path: &str) -> String {
    if path.contains("://") {
        return path.to_string();
    }
    format!("{base_path}/{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_urls_carry_the_base_path() {
        assert_eq!(site_url("/blog", "folio.css"), "/blog/folio.css");
        assert_eq!(site_url("", "/"), "/");
        assert_eq!(site_url("/blog", "/"), "/blog/");
        assert_eq!(site_url("/blog", "https://x.org/"), "https://x.org/");
    }

    #[test]
    fn site_templates_override_the_embedded_theme_and_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "<p>\n{{ nope }}</p>").unwrap();
        let t = Templates::load(dir.path(), "folio", "").unwrap();
        let e = t.render("404.html", &Context::new(), "the 404 page").unwrap_err();
        assert_eq!(e.location.path, PathBuf::from("templates/404.html"));
        assert_eq!(e.location.line, Some(2));
        assert!(e.message.contains("nope"), "{}", e.message);
    }

    #[test]
    fn fingerprints_follow_extends_and_include() {
        let src = |t: &str| (t.to_string(), Origin::Embedded);
        let mut sources: HashMap<String, (String, Origin)> = HashMap::new();
        sources.insert("base.html".into(), src("{% include \"partials/head.html\" %}"));
        sources.insert("partials/head.html".into(), src("head v1"));
        sources.insert("post.html".into(), src("{% extends \"base.html\" %}"));
        sources.insert("alone.html".into(), src("alone"));
        let before = dependency_fingerprints(&sources);
        sources.insert("partials/head.html".into(), src("head v2"));
        let after = dependency_fingerprints(&sources);
        assert_ne!(before["post.html"], after["post.html"], "through extends then include");
        assert_ne!(before["base.html"], after["base.html"]);
        assert_eq!(before["alone.html"], after["alone.html"], "unrelated templates keep their fingerprint");
    }

    #[test]
    fn syntax_errors_are_positioned() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/post.html"), "line one\n{{ page.title }\n").unwrap();
        let e = Templates::load(dir.path(), "folio", "").unwrap_err();
        assert_eq!(e[0].location, Location::at("templates/post.html", 2, 15));
    }
}
