//! Bylines and datelines near the top of a text ("By Jane Doe | March 3, 2025",
//! "By Jane Doe", "March 3, 2025") → authors and date. Only whole lines that match
//! unambiguously are taken; anything else stays body text.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// What a byline line says.
#[derive(Debug, Clone, PartialEq)]
pub struct Byline {
    pub authors: Vec<String>,
    pub date: Option<Date>,
}

/// A name is two to four capitalised words ("Jane Doe", "Mary-Kate O’Neil Smith").
const NAME: &str = r"\p{Lu}[\p{L}’'.\-]*(?:\s+\p{Lu}[\p{L}’'.\-]*){1,3}";
const MONTH: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
const SEP: &str = r"\s*[|·•,–—-]\s*";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:published|posted|updated)(?:\s+on)?:?\s+)?(?:(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH}),?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<n3>\d{{2}})-(?P<d3>\d{{2}}))$"
    ))
    .expect("valid date pattern")
});
static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?i:by)\s+(?P<names>{NAME}(?:\s*(?:,|&|\band\b)\s*{NAME})*)$"))
        .expect("valid byline pattern")
});
static NAME_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:,|&|\band\b)\s*").expect("valid split pattern"));
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(SEP).expect("valid separator"));

/// Parses a whole line as a byline, a dateline, or both joined by a separator.
pub fn parse(line: &str) -> Option<Byline> {
    if let Some(date) = parse_date(line) {
        return Some(Byline { authors: Vec::new(), date: Some(date) });
    }
    if let Some(authors) = parse_by(line) {
        return Some(Byline { authors, date: None });
    }
    // "By Jane Doe | March 3, 2025" or "March 3, 2025 | By Jane Doe": try each separator.
    for m in SEPARATOR.find_iter(line) {
        let (left, right) = (line[..m.start()].trim(), line[m.end()..].trim());
        if let (Some(authors), Some(date)) = (parse_by(left), parse_date(right)) {
            return Some(Byline { authors, date: Some(date) });
        }
        if let (Some(date), Some(authors)) = (parse_date(left), parse_by(right)) {
            return Some(Byline { authors, date: Some(date) });
        }
    }
    None
}

fn parse_by(text: &str) -> Option<Vec<String>> {
    let caps = BY.captures(text.trim())?;
    Some(NAME_SPLIT.split(&caps["names"]).map(str::to_owned).filter(|n| !n.is_empty()).collect())
}

/// "March 3, 2025", "Mar. 3 2025", "3 March 2025", "2025-03-03". Numeric forms such as
/// 03/04/2025 are ambiguous between countries and are never read.
pub fn parse_date(text: &str) -> Option<Date> {
    let caps = DATE.captures(text.trim())?;
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let month_of = |name: &str| {
        let m = caps.name(name)?.as_str().to_lowercase();
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        let n = months.iter().position(|p| m.starts_with(p))?;
        // "Marchx" is not a month: the full word must be a prefix of the month's name.
        let full = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ][n];
        full.starts_with(m.trim_end_matches('.')).then_some(n as i8 + 1)
    };
    let (y, m, d) = if caps.name("y1").is_some() {
        (num("y1")?, month_of("m1")?, num("d1")?)
    } else if caps.name("y2").is_some() {
        (num("y2")?, month_of("m2")?, num("d2")?)
    } else {
        (num("y3")?, i8::try_from(num("n3")?).ok()?, num("d3")?)
    };
    Date::new(y, m, i8::try_from(d).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn bylines_and_datelines() {
        assert_eq!(
            parse("By Jane Doe | March 3, 2025"),
            Some(Byline { authors: vec!["Jane Doe".into()], date: Some(date(2025, 3, 3)) })
        );
        assert_eq!(
            parse("By Jane Doe and John Roe"),
            Some(Byline { authors: vec!["Jane Doe".into(), "John Roe".into()], date: None })
        );
        assert_eq!(parse("3 March 2025"), Some(Byline { authors: vec![], date: Some(date(2025, 3, 3)) }));
        assert_eq!(parse("Published on Sept. 9, 2024 — by Ann Lee").map(|b| b.date), Some(Some(date(2024, 9, 9))));
        assert_eq!(parse_date("2025-03-03"), Some(date(2025, 3, 3)));
    }

    #[test]
    fn ambiguous_lines_stay_text() {
        assert_eq!(parse("By the end of the war, nothing was left"), None);
        assert_eq!(parse("By Monday"), None);
        assert_eq!(parse("03/04/2025"), None);
        assert_eq!(parse("February 30, 2025"), None);
        assert_eq!(parse("Marchland 3, 2025"), None);
    }
}
