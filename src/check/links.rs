//! Broken internal links and anchors. A link is internal when it is relative (`../x/`,
//! `#id`), root-relative (`/posts/x/`, which folio prefixes with the base path) or an absolute
//! URL on the site's host under its base path. It is resolved the way a browser would, from
//! the page's own address, then looked up in the [`Site`]; a `#fragment` must name an element
//! of the target page. Links to other hosts and other schemes are not fetched.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

use super::scan::LinkRef;
use super::site::{Site, Target};
use super::{Checked, Finding, Kind};
use crate::error::did_you_mean;

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
enum Dest {
    /// `#id` on the page itself.
    SamePage(String),
    /// A path of the site (relative to its base, no leading slash) and a fragment.
    Site {
        path: String,
        fragment: String,
        root_relative: bool,
    },
    /// Another host, another scheme, or nothing to check.
    Elsewhere,
    Invalid(&'static str),
}

pub fn check(index: usize, c: &Checked, site: &Site, out: &mut Vec<Finding>) {
    for link in &c.facts.links {
        if let Some(f) = check_link(index, c, site, link) {
            out.push(f);
        }
    }
}

fn check_link(index: usize, c: &Checked, site: &Site, link: &LinkRef) -> Option<Finding> {
    let what = if link.image { "image" } else { "link" };
    let at = c.source.at_body(link.offset);
    match resolve(&link.url, &c.doc.path, site) {
        Dest::Elsewhere => None,
        Dest::Invalid(why) if link.url.trim().is_empty() => Some(
            Finding::new(Kind::BrokenLink, at, format!("broken {what}: {why}"))
                .with_help("write the address between the parentheses, or remove the brackets"),
        ),
        Dest::Invalid(why) => Some(Finding::new(Kind::BrokenLink, at, format!("broken {what} `{}`: {why}", link.url))),
        Dest::SamePage(id) if site.has_id(index, &id) => None,
        Dest::SamePage(id) => {
            let f = Finding::new(
                Kind::BrokenAnchor,
                at,
                format!("broken anchor `#{id}`: no heading or other element on this page has the id `{id}`"),
            );
            Some(suggest_id(f, site, index, &id))
        }
        Dest::Site { path, fragment, root_relative } => match site.lookup(&path) {
            Some((_, Target::Page(page))) if !fragment.is_empty() && !site.has_id(page, &fragment) => {
                let f = Finding::new(
                    Kind::BrokenAnchor,
                    at,
                    format!(
                        "broken anchor in `{}`: /{path} has no heading or other element with the id `{fragment}`",
                        link.url
                    ),
                );
                Some(suggest_id(f, site, page, &fragment))
            }
            Some(_) => None,
            None => Some(broken(site, what, &link.url, &path, root_relative, at)),
        },
    }
}

fn broken(site: &Site, what: &str, url: &str, path: &str, root_relative: bool, at: crate::Location) -> Finding {
    if let Some(reason) = site.unpublished(path) {
        let flag = if reason.contains("draft") { "--drafts" } else { "--future" };
        return Finding::new(
            Kind::BrokenLink,
            at,
            format!("broken {what} `{url}`: /{path} is not published: it is {reason}"),
        )
        .with_help(format!("`folio build` leaves it out; publish it first, or check with {flag}"));
    }
    let finding = Finding::new(Kind::BrokenLink, at, format!("broken {what} `{url}`: nothing is built at /{path}"));
    let base = site.base_path.trim_start_matches('/');
    if root_relative
        && !base.is_empty()
        && let Some(rest) = path.strip_prefix(base).and_then(|r| r.strip_prefix('/'))
        && site.lookup(rest).is_some()
    {
        return finding.with_help(format!(
            "folio adds the base path `{}` to root-relative links itself: write `/{rest}`",
            site.base_path
        ));
    }
    match did_you_mean(path, site.page_paths()) {
        Some(best) => finding.with_help(format!("did you mean `/{best}`?")),
        None => finding,
    }
}

fn suggest_id(f: Finding, site: &Site, page: usize, id: &str) -> Finding {
    match did_you_mean(id, site.ids(page)) {
        Some(best) => f.with_help(format!("did you mean `#{best}`?")),
        None => f,
    }
}

/// Resolves `url`, written on the page at `page` (`posts/x/`), against the site.
fn resolve(url: &str, page: &str, site: &Site) -> Dest {
    let url = url.trim();
    if url.is_empty() {
        return Dest::Invalid("it has no address");
    }
    if let Some(id) = url.strip_prefix('#') {
        return if id.is_empty() { Dest::Elsewhere } else { Dest::SamePage(decode(id).into_owned()) };
    }
    let (before, fragment) = url.split_once('#').unwrap_or((url, ""));
    let before = before.split_once('?').map_or(before, |(p, _)| p);
    let fragment = decode(fragment).into_owned();
    let (path, root_relative) = if before.starts_with("//") || has_scheme(before) {
        match own_path(before, site) {
            Some(p) => (p, false),
            None => return Dest::Elsewhere,
        }
    } else if let Some(rest) = before.strip_prefix('/') {
        (decode(rest).into_owned(), true)
    } else {
        (format!("{page}{}", decode(before)), false)
    };
    match normalize(&path) {
        Some(path) => Dest::Site { path, fragment, root_relative },
        None => Dest::Invalid("it leads above the site's root"),
    }
}

/// `scheme:` at the start, as in `https:` or `mailto:`.
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else { return false };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The site path of an absolute URL on the site's own host under its base path.
fn own_path(url: &str, site: &Site) -> Option<String> {
    let absolute: Cow<'_, str> = if url.starts_with("//") { format!("https:{url}").into() } else { url.into() };
    let parsed = url::Url::parse(&absolute).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || !parsed.host_str()?.eq_ignore_ascii_case(&site.host) {
        return None;
    }
    let path = parsed.path();
    let rest = path.strip_prefix(site.base_path.as_str())?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    Some(decode(rest.trim_start_matches('/')).into_owned())
}

fn decode(s: &str) -> Cow<'_, str> {
    percent_decode_str(s).decode_utf8_lossy()
}

/// Resolves `.` and `..` segments; `None` when the path climbs above the root. A trailing
/// slash is kept, since it tells a folder from a file.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    let mut folder = false;
    for (i, seg) in segments.iter().enumerate() {
        folder = i == last && matches!(*seg, "" | "." | "..");
        match *seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if folder && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalize("posts/a/../b/").as_deref(), Some("posts/b/"));
        assert_eq!(normalize("posts/a/./x.png").as_deref(), Some("posts/a/x.png"));
        assert_eq!(normalize("posts/a/..").as_deref(), Some("posts/"));
        assert_eq!(normalize("").as_deref(), Some(""));
        assert_eq!(normalize("a/../.."), None);
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("posts/a:b/"));
        assert!(!has_scheme("/x:y"));
    }
}
