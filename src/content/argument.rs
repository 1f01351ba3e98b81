//! Front-matter keys that give a post the structure of an argument: `key_points`, `updates`,
//! `sources`, `series` and `series_part` (see `docs/analysis.md`). Each value is checked while
//! the YAML is read, so a mistake is reported at its own line and column, not at the key.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::date::PostDate;

/// Reads a string and checks it inside the visitor, where the YAML reader still knows the
/// value's line and column (a check made after `String::deserialize` loses them).
fn checked_str<'de, D, T>(
    d: D,
    expecting: &'static str,
    check: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct V<F>(F, &'static str);
    impl<T, F: FnOnce(&str) -> Result<T, String>> Visitor<'_> for V<F> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.1)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.0)(v).map_err(E::custom)
        }
    }
    d.deserialize_str(V(check, expecting))
}

/// Text that must not be blank (a key point, a note, a source's title, a series name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked_str(d, "text", |text| {
            if text.trim().is_empty() {
                return Err("the text is empty: write something or remove the entry".into());
            }
            Ok(Text(text.trim().to_string()))
        })
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// A full date (`2026-03-03` or RFC 3339), parsed while reading the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullDate(pub PostDate);

impl<'de> Deserialize<'de> for FullDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked_str(d, "a date such as `2025-03-03`", |text| PostDate::parse(text).map(FullDate))
    }
}

/// `kind:` of an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UpdateKind {
    #[default]
    Update,
    Correction,
}

/// One entry of `updates:`: a change made after publication, in the open.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub date: FullDate,
    #[serde(default)]
    pub kind: UpdateKind,
    pub note: Text,
}

/// A source's date: a year (`2025`), a month (`2025-03`) or a day (`2025-03-03`); sources often
/// carry no more than a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceDate {
    Year(i16),
    Month(i16, i8),
    Day(jiff::civil::Date),
}

impl SourceDate {
    pub fn parse(text: &str) -> Result<SourceDate, String> {
        let text = text.trim();
        let bad = || format!("`{text}` is not a date: use `YYYY`, `YYYY-MM` or `YYYY-MM-DD`");
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i16>().ok()).flatten()
        };
        match parts.as_slice() {
            [y] => number(y, 4).map(SourceDate::Year).ok_or_else(bad),
            [y, m] => match (number(y, 4), number(m, 2)) {
                (Some(y), Some(m)) if (1..=12).contains(&m) => Ok(SourceDate::Month(y, m as i8)),
                _ => Err(bad()),
            },
            [_, _, _] => text.parse::<jiff::civil::Date>().map(SourceDate::Day).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    /// `2025`, `2025-03` or `2025-03-03`: valid in `<time datetime>`.
    pub fn iso(&self) -> String {
        match self {
            SourceDate::Year(y) => format!("{y:04}"),
            SourceDate::Month(y, m) => format!("{y:04}-{m:02}"),
            SourceDate::Day(d) => d.to_string(),
        }
    }

    /// `2025`, `March 2025` or `3 March 2025`.
    pub fn display(&self) -> String {
        match self {
            SourceDate::Year(y) => y.to_string(),
            SourceDate::Month(y, m) => {
                let d = jiff::civil::date(*y, *m, 1);
                format!("{} {y}", d.strftime("%B"))
            }
            SourceDate::Day(d) => d.strftime("%-d %B %Y").to_string(),
        }
    }
}

impl<'de> Deserialize<'de> for SourceDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SourceDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as `2025`, `2025-03` or `2025-03-03`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SourceDate, E> {
                SourceDate::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SourceDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SourceDate, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// A web address a reader may follow: `http://` or `https://` only, so that no
/// `javascript:` or `data:` link can be written into the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct WebUrl(pub String);

impl<'de> Deserialize<'de> for WebUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked_str(d, "an http:// or https:// URL", |text| {
            let url = text.trim();
            let lower = url.to_ascii_lowercase();
            let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
            match url::Url::parse(url) {
                Ok(parsed) if scheme_ok && parsed.host_str().is_some_and(|h| !h.is_empty()) => {
                    Ok(WebUrl(url.to_string()))
                }
                _ => Err(format!(
                    "`{url}` is not a web address: write a full http:// or https:// URL, such as `https://example.org/report`"
                )),
            }
        })
    }
}

/// One entry of `sources:`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: Text,
    #[serde(default)]
    pub publisher: Option<Text>,
    #[serde(default)]
    pub url: Option<WebUrl>,
    #[serde(default)]
    pub date: Option<SourceDate>,
}

/// `series_part:` — a positive whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Part(pub u32);

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Part;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a part number (1, 2, 3…)")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Part, E> {
                match u32::try_from(n) {
                    Ok(n) if n >= 1 => Ok(Part(n)),
                    _ => Err(E::custom(format!("`{n}` is not a part number: parts are numbered from 1"))),
                }
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Part, E> {
                self.visit_i64(i64::try_from(n).unwrap_or(-1))
            }
        }
        d.deserialize_i64(V)
    }
}

/// The newest date among `updated:` and the `updates:` entries: what the post shows as
/// "Updated", what JSON-LD calls `dateModified` and Atom calls `<updated>`.
pub fn last_modified(updated: Option<PostDate>, updates: &[Update]) -> Option<PostDate> {
    updates.iter().map(|u| &u.date.0).chain(updated.as_ref()).max_by_key(|d| d.timestamp()).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_dates_take_a_year_a_month_or_a_day() {
        assert_eq!(SourceDate::parse("2025").unwrap().display(), "2025");
        assert_eq!(SourceDate::parse("2025-03").unwrap().display(), "March 2025");
        assert_eq!(SourceDate::parse("2025-03-03").unwrap().display(), "3 March 2025");
        assert_eq!(SourceDate::parse("2025-03").unwrap().iso(), "2025-03");
        for bad in ["25", "2025-13", "2025-02-30", "March", "2025-3"] {
            assert!(SourceDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_newest_date_wins() {
        let d = |s: &str| PostDate::parse(s).unwrap();
        let update = |s: &str| Update { date: FullDate(d(s)), kind: UpdateKind::Update, note: Text("n".into()) };
        let updates = [update("2026-03-01"), update("2026-03-05")];
        assert_eq!(last_modified(Some(d("2026-03-03")), &updates), Some(d("2026-03-05")));
        assert_eq!(last_modified(Some(d("2026-04-01")), &updates), Some(d("2026-04-01")));
        assert_eq!(last_modified(None, &[]), None);
    }
}
