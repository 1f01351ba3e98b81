//! Dates as authors write them (`2025-03-03`, `2025-03-03T09:30:00+01:00`, `2025-03-03 09:30`)
//! and the forms templates, feeds and JSON-LD need (RFC 3339, RFC 2822, ISO date, display).

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};

/// A point in time plus the offset it was written with (kept so output shows the author's time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostDate {
    pub zoned: Zoned,
}

impl PostDate {
    /// Parses a front-matter date. Date-only values are midnight UTC.
    pub fn parse(text: &str) -> Result<PostDate, String> {
        let text = text.trim();
        if let Ok(ts) = text.parse::<Timestamp>() {
            let offset = offset_of(text).unwrap_or(Offset::UTC);
            return Ok(PostDate { zoned: ts.to_zoned(TimeZone::fixed(offset)) });
        }
        if let Ok(dt) = text.parse::<DateTime>() {
            return Ok(PostDate::utc(dt));
        }
        if let Ok(d) = text.parse::<Date>() {
            return Ok(PostDate::utc(d.to_datetime(jiff::civil::Time::midnight())));
        }
        Err(format!("`{text}` is not a date: use `YYYY-MM-DD` or RFC 3339 such as `2025-03-03T09:30:00+01:00`"))
    }

    fn utc(dt: DateTime) -> PostDate {
        PostDate { zoned: dt.to_zoned(TimeZone::UTC).expect("UTC has no gaps") }
    }

    pub fn timestamp(&self) -> Timestamp {
        self.zoned.timestamp()
    }

    pub fn rfc3339(&self) -> String {
        self.zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    pub fn rfc2822(&self) -> String {
        jiff::fmt::rfc2822::to_string(&self.zoned).unwrap_or_else(|_| self.rfc3339())
    }

    pub fn iso_date(&self) -> String {
        self.zoned.date().to_string()
    }

    /// "3 March 2025": unambiguous in every English locale.
    pub fn display(&self) -> String {
        self.zoned.strftime("%-d %B %Y").to_string()
    }

    pub fn year(&self) -> i16 {
        self.zoned.year()
    }
}

/// The offset written at the end of an RFC 3339 string (`Z`, `+01:00`).
fn offset_of(text: &str) -> Option<Offset> {
    if text.ends_with(['Z', 'z']) {
        return Some(Offset::UTC);
    }
    let tail = text.get(text.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_only_is_midnight_utc() {
        let d = PostDate::parse("2025-03-03").unwrap();
        assert_eq!(d.rfc3339(), "2025-03-03T00:00:00+00:00");
        assert_eq!(d.display(), "3 March 2025");
        assert_eq!(d.rfc2822(), "Mon, 3 Mar 2025 00:00:00 +0000");
    }

    #[test]
    fn rfc3339_keeps_the_written_offset() {
        let d = PostDate::parse("2025-03-03T09:30:00+01:00").unwrap();
        assert_eq!(d.rfc3339(), "2025-03-03T09:30:00+01:00");
        assert_eq!(d.iso_date(), "2025-03-03");
    }

    #[test]
    fn local_datetime_is_accepted() {
        assert_eq!(PostDate::parse("2025-03-03 09:30").unwrap().rfc3339(), "2025-03-03T09:30:00+00:00");
    }

    #[test]
    fn nonsense_is_explained() {
        assert!(PostDate::parse("March 3rd").unwrap_err().contains("YYYY-MM-DD"));
        assert!(PostDate::parse("2025-02-30").is_err());
    }
}
