//! "Cite this article": a plain-text citation and a BibTeX entry for a post, built from its
//! title, authors (the post's `authors:`, else the site's author, else the site), date and
//! permalink. The BibTeX key is deterministic (`doe2026deterrence`) and every value is escaped
//! for BibTeX, so no title can break the entry.

use serde::Serialize;

use crate::content::date::PostDate;
use crate::content::slug::slugify;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Citation {
    /// `Jane Doe. “Title.” Site, 3 March 2026. https://…`
    pub text: String,
    pub bibtex: String,
    pub key: String,
}

/// What a citation is made of.
pub struct Cited<'a> {
    pub title: &'a str,
    pub authors: Vec<&'a str>,
    pub site: &'a str,
    pub date: Option<&'a PostDate>,
    pub permalink: &'a str,
}

pub fn citation(c: &Cited<'_>) -> Citation {
    let authors = if c.authors.is_empty() { vec![c.site] } else { c.authors.clone() };
    let key = key(&authors, c.date, c.title);
    Citation { text: plain(c, &authors), bibtex: bibtex(c, &authors, &key), key }
}

fn plain(c: &Cited<'_>, authors: &[&str]) -> String {
    let names = match authors {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let title = c.title.trim();
    // “Why?” rather than “Why?.”
    let stop = if title.ends_with(['.', '?', '!']) { "" } else { "." };
    let names = if names.ends_with('.') { names } else { format!("{names}.") };
    let date = c.date.map(|d| format!(", {}", d.display())).unwrap_or_default();
    format!("{names} “{title}{stop}” {}{date}. {}", c.site.trim(), c.permalink)
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn bibtex(c: &Cited<'_>, authors: &[&str], key: &str) -> String {
    let mut fields = vec![
        ("author", format!("{{{}}}", authors.iter().map(|a| escape(a.trim())).collect::<Vec<_>>().join(" and "))),
        // Double braces keep the title's capitals as written.
        ("title", format!("{{{{{}}}}}", escape(c.title.trim()))),
    ];
    if let Some(d) = c.date {
        fields.push(("year", format!("{{{}}}", d.year())));
        let month = usize::try_from(d.zoned.month()).unwrap_or(1).clamp(1, 12);
        fields.push(("month", MONTHS[month - 1].to_string()));
    }
    fields.push(("organization", format!("{{{}}}", escape(c.site.trim()))));
    fields.push(("url", format!("{{{}}}", url(c.permalink))));
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("  {k} = {v}")).collect();
    format!("@online{{{key},\n{}\n}}", body.join(",\n"))
}

/// `doe2026deterrence`: the first author's last name, the year, the title's first word that
/// is not an article; ASCII letters and digits only.
fn key(authors: &[&str], date: Option<&PostDate>, title: &str) -> String {
    let squash = |s: &str| slugify(s).replace('-', "");
    let name = authors.first().and_then(|a| a.split_whitespace().last()).map(squash).unwrap_or_default();
    let year = date.map(|d| d.year().to_string()).unwrap_or_default();
    let slug = slugify(title);
    let word = slug.split('-').find(|w| !matches!(*w, "a" | "an" | "the")).unwrap_or("untitled");
    format!("{name}{year}{word}")
}

/// Escapes text for a braced BibTeX value: LaTeX's special characters become commands, so
/// braces stay balanced and nothing is read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// URLs are read verbatim by BibTeX styles: only what could unbalance the entry is encoded.
fn url(permalink: &str) -> String {
    permalink.replace('\\', "%5C").replace('{', "%7B").replace('}', "%7D").replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(title: &str, authors: Vec<&str>) -> Citation {
        let date = PostDate::parse("2026-03-03").unwrap();
        citation(&Cited { title, authors, site: "The Desk", date: Some(&date), permalink: "https://e.org/posts/x/" })
    }

    #[test]
    fn plain_text_and_bibtex() {
        let c = cite("Why Deterrence Failed", vec!["Jane Doe"]);
        assert_eq!(c.text, "Jane Doe. “Why Deterrence Failed.” The Desk, 3 March 2026. https://e.org/posts/x/");
        assert_eq!(c.key, "doe2026why");
        assert_eq!(
            c.bibtex,
            "@online{doe2026why,\n  author = {Jane Doe},\n  title = {{Why Deterrence Failed}},\n  year = {2026},\n  \
             month = mar,\n  organization = {The Desk},\n  url = {https://e.org/posts/x/}\n}"
        );
    }

    #[test]
    fn several_authors_and_question_titles() {
        let c = cite("The Cost of Peace?", vec!["A. Smith", "B. Jones", "Zoë Ünal"]);
        assert_eq!(
            c.text,
            "A. Smith, B. Jones and Zoë Ünal. “The Cost of Peace?” The Desk, 3 March 2026. https://e.org/posts/x/"
        );
        assert_eq!(c.key, "smith2026cost");
        assert!(c.bibtex.contains("author = {A. Smith and B. Jones and Zoë Ünal}"));
    }

    #[test]
    fn special_characters_are_escaped_for_bibtex() {
        let c = cite("50% of R&D_costs: {sic} #1 $x^2~ \\end", vec!["Иван Петров"]);
        assert!(
            c.bibtex.contains(
                "title = {{50\\% of R\\&D\\_costs: \\{sic\\} \\#1 \\$x\\textasciicircum{}2\\textasciitilde{} \\textbackslash{}end}}"
            ),
            "{}",
            c.bibtex
        );
        assert_eq!(c.key, "petrov202650");
        let opens = c.bibtex.matches('{').count() - c.bibtex.matches("\\{").count();
        let closes = c.bibtex.matches('}').count() - c.bibtex.matches("\\}").count();
        assert_eq!(opens, closes, "braces balance");
    }

    #[test]
    fn without_authors_the_site_is_the_author() {
        let c = cite("Notes", vec![]);
        assert!(c.text.starts_with("The Desk. “Notes.”"), "{}", c.text);
        assert_eq!(c.key, "desk2026notes");
    }
}
