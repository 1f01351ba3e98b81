//! A data file in memory: named columns, rows of typed cells, and the parsers that build one from
//! CSV text or from a JSON/YAML list of records. Parsers work on strings; positions in their
//! errors are rows (1-based, header not counted) and, for CSV, the line in the file.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};

/// One value of a data file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// An empty CSV field or a JSON/YAML `null`: a missing value.
    Empty,
    /// A plain decimal number (`3`, `-1.25`, `2e3`); `decimals` is how many digits the author
    /// wrote after the point, which tables keep by default.
    Number { value: f64, decimals: u8 },
    /// Anything else, kept as written (trimmed).
    Text(String),
}

impl Cell {
    /// Reads a field: empty → [`Cell::Empty`], a plain number → [`Cell::Number`], else text.
    /// Thousands separators, units and `inf`/`NaN` are text, so a chart asking for a number
    /// reports them instead of guessing.
    pub fn parse(field: &str) -> Cell {
        let field = field.trim();
        if field.is_empty() {
            return Cell::Empty;
        }
        match plain_number(field) {
            Some((value, decimals)) => Cell::Number { value, decimals },
            None => Cell::Text(field.to_string()),
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Number { value, .. } => Some(*value),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }
}

impl fmt::Display for Cell {
    /// The cell as the author wrote it (numbers with their written decimals).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Number { value, decimals } => write!(f, "{value:.*}", usize::from(*decimals)),
            Cell::Text(t) => f.write_str(t),
        }
    }
}

/// `[+-]digits[.digits][e[+-]digits]` → value and digits after the point.
fn plain_number(s: &str) -> Option<(f64, u8)> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !digits(e) {
            return None;
        }
    }
    let value: f64 = s.parse().ok()?;
    value.is_finite().then(|| (value, u8::try_from(frac.len()).unwrap_or(u8::MAX).min(12)))
}

/// A parsed data file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// The line in the file where the row starts (CSV only).
    pub line: Option<usize>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// A problem in the text of a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based data row (header not counted), when the problem is in one.
    pub row: Option<usize>,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column number, when known.
    pub column: Option<usize>,
    /// The column's name, when known.
    pub name: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl ParseError {
    fn new(message: impl Into<String>) -> Self {
        ParseError { row: None, line: None, column: None, name: None, message: message.into(), help: None }
    }
}

/// Parses CSV: a header row of unique, non-empty names, then rows of the same length. Lines
/// starting with `#` are comments (a place for the source and notes).
pub fn parse_csv(text: &str) -> Result<Table, ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // csv reports where it started reading, before the blank and comment lines it skips.
    let line_at = |pos: Option<&csv::Position>| pos.map(|p| record_line(body, p.byte() as usize));
    let csv_error = |e: csv::Error| ParseError { line: line_at(e.position()), ..csv_error(&e) };
    let mut reader = csv_reader(text);
    let mut records = reader.records();
    let header = match records.next() {
        Some(r) => r.map_err(csv_error)?,
        None => {
            return Err(ParseError {
                help: Some("start the file with a header line naming the columns, such as `country,2014,2024`".into()),
                ..ParseError::new("the file is empty")
            });
        }
    };
    let columns: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    check_names(&columns, line_at(header.position()))?;
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let record = record.map_err(|e| ParseError { row: Some(i + 1), ..csv_error(e) })?;
        let line = line_at(record.position());
        if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) && columns.len() > 1 {
            continue; // a blank line
        }
        rows.push(Row { cells: record.iter().map(Cell::parse).collect(), line });
    }
    Ok(Table { columns, rows })
}

/// The 1-based line of the first record at or after byte `start`, past blank and `#` lines.
fn record_line(text: &str, start: usize) -> usize {
    let mut at = start.min(text.len());
    let mut line = 1 + text.as_bytes()[..at].iter().filter(|b| **b == b'\n').count();
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let content = text[at..end].trim_end_matches(['\n', '\r']);
        if !(content.is_empty() || content.starts_with('#')) {
            break;
        }
        at = end;
        line += 1;
    }
    line
}

pub(super) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new().has_headers(false).comment(Some(b'#')).from_reader(text.as_bytes())
}

fn csv_error(e: &csv::Error) -> ParseError {
    let line = None;
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => ParseError {
            line,
            help: Some("every row needs one field per column; quote fields that contain commas".into()),
            ..ParseError::new(format!("this row has {len} fields but the header has {expected_len}"))
        },
        csv::ErrorKind::Utf8 { .. } => {
            ParseError { line, help: Some("save the file as UTF-8".into()), ..ParseError::new("not valid UTF-8") }
        }
        _ => ParseError { line, ..ParseError::new(e.to_string()) },
    }
}

fn check_names(columns: &[String], line: Option<usize>) -> Result<(), ParseError> {
    for (i, name) in columns.iter().enumerate() {
        let at = |column: Option<usize>, message: String, help: &str| ParseError {
            line,
            column,
            help: Some(help.into()),
            ..ParseError::new(message)
        };
        if name.is_empty() {
            return Err(at(None, format!("column {} has no name", i + 1), "give every column a name in the header"));
        }
        if columns[..i].contains(name) {
            return Err(at(
                Some(i + 1),
                "the header names this column twice".into(),
                "give every column a different name",
            ));
        }
    }
    Ok(())
}

/// A JSON or YAML data file: a list of records (`[{country: Poland, "2024": 4.12}, …]`).
/// Columns are the keys in the order first seen; a key missing from a record is an empty cell.
pub fn from_records(records: Records) -> Result<Table, ParseError> {
    let mut columns: Vec<String> = Vec::new();
    for record in &records.0 {
        for (key, _) in &record.0 {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    check_names(&columns, None)?;
    let mut rows = Vec::with_capacity(records.0.len());
    for (i, record) in records.0.into_iter().enumerate() {
        let mut cells = vec![Cell::Empty; columns.len()];
        for (key, value) in record.0 {
            let index = columns.iter().position(|c| *c == key).unwrap_or(0);
            cells[index] = json_cell(value).map_err(|message| ParseError {
                row: Some(i + 1),
                column: Some(index + 1),
                name: Some(key.clone()),
                help: Some("use numbers, text or null as values".into()),
                ..ParseError::new(message)
            })?;
        }
        rows.push(Row { cells, line: None });
    }
    Ok(Table { columns, rows })
}

fn json_cell(value: serde_json::Value) -> Result<Cell, String> {
    use serde_json::Value as V;
    Ok(match value {
        V::Null => Cell::Empty,
        V::Bool(b) => Cell::Text(b.to_string()),
        V::Number(n) => Cell::parse(&n.to_string()),
        V::String(s) => Cell::parse(&s),
        V::Array(_) => return Err("a list is not a cell value".into()),
        V::Object(_) => return Err("a nested map is not a cell value".into()),
    })
}

/// A list of records with their keys in written order (serde_json's maps would sort them).
#[derive(Debug, Default)]
pub struct Records(Vec<Record>);

#[derive(Debug)]
struct Record(Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Records;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of records (maps from column name to value)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Records, A::Error> {
                let mut out = Vec::new();
                while let Some(r) = seq.next_element::<Record>()? {
                    out.push(r);
                }
                Ok(Records(out))
            }
        }
        d.deserialize_seq(V)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record (a map from column name to value)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<KeyString, serde_json::Value>()? {
                    out.push((k.0, v));
                }
                Ok(Record(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// A map key; YAML keys such as `2024` are numbers, and name columns all the same.
struct KeyString(String);

impl<'de> Deserialize<'de> for KeyString {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(KeyString(s)),
            serde_json::Value::Number(n) => Ok(KeyString(n.to_string())),
            serde_json::Value::Bool(b) => Ok(KeyString(b.to_string())),
            other => Err(de::Error::custom(format!("a column name must be text, not {other}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed() {
        assert_eq!(Cell::parse(" 4.12 "), Cell::Number { value: 4.12, decimals: 2 });
        assert_eq!(Cell::parse("-3"), Cell::Number { value: -3.0, decimals: 0 });
        assert_eq!(Cell::parse("2e3"), Cell::Number { value: 2000.0, decimals: 0 });
        assert_eq!(Cell::parse(".5"), Cell::Number { value: 0.5, decimals: 1 });
        assert_eq!(Cell::parse(""), Cell::Empty);
        for text in ["1,234", "4 %", "n/a", "inf", "NaN", "-", ".", "1e", "0x10", "1.2.3"] {
            assert_eq!(Cell::parse(text), Cell::Text(text.into()), "{text}");
        }
    }

    #[test]
    fn csv_rows_keep_their_lines() {
        let t = parse_csv(
            "\u{feff}# Source: somewhere\ncountry,2014,2024\nPoland,1.88,4.12\n\n# note\n\"Côte, d'Ivoire\",,1\n",
        )
        .unwrap();
        assert_eq!(t.columns, ["country", "2014", "2024"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, Some(3));
        assert_eq!(t.rows[1].line, Some(6));
        assert_eq!(t.rows[1].cells[0], Cell::Text("Côte, d'Ivoire".into()));
        assert!(t.rows[1].cells[1].is_empty());
    }

    #[test]
    fn csv_errors_name_row_line_and_column() {
        let e = parse_csv("a,b\n1,2\n3\n").unwrap_err();
        assert_eq!((e.row, e.line), (Some(2), Some(3)));
        assert_eq!(e.message, "this row has 1 fields but the header has 2");
        let e = parse_csv("a,,c\n").unwrap_err();
        assert_eq!((e.line, e.column, e.message.as_str()), (Some(1), None, "column 2 has no name"));
        let e = parse_csv("a,b,a\n").unwrap_err();
        assert_eq!((e.column, e.message.as_str()), (Some(3), "the header names this column twice"));
        assert_eq!(parse_csv("").unwrap_err().message, "the file is empty");
    }

    #[test]
    fn records_keep_key_order_and_fill_gaps() {
        let records: Records =
            serde_json::from_str(r#"[{"z": "Poland", "2014": 1.88}, {"z": "Spain", "b": null, "2014": "0.92"}]"#)
                .unwrap();
        let t = from_records(records).unwrap();
        assert_eq!(t.columns, ["z", "2014", "b"]);
        assert_eq!(t.rows[0].cells[2], Cell::Empty);
        assert_eq!(t.rows[1].cells[1], Cell::Number { value: 0.92, decimals: 2 });
        let records: Records = serde_json::from_str(r#"[{"a": 1}, {"a": [1]}]"#).unwrap();
        let e = from_records(records).unwrap_err();
        assert_eq!((e.row, e.column), (Some(2), Some(1)));
        assert_eq!(e.message, "a list is not a cell value");
    }
}
