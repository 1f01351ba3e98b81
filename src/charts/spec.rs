//! What an author writes in a ```` ```chart ```` or ```` ```table ```` block: YAML options,
//! parsed through [`crate::yaml`] so unknown keys get a "did you mean".

use serde::Deserialize;

/// The chart types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Bar,
    GroupedBar,
    StackedBar,
    Line,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bar => "bar",
            Kind::GroupedBar => "grouped-bar",
            Kind::StackedBar => "stacked-bar",
            Kind::Line => "line",
        }
    }

    pub fn described(self) -> &'static str {
        match self {
            Kind::Bar => "Bar chart",
            Kind::GroupedBar => "Grouped bar chart",
            Kind::StackedBar => "Stacked bar chart",
            Kind::Line => "Line chart",
        }
    }
}

/// One column name or several.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Columns {
    One(ColumnName),
    Many(Vec<ColumnName>),
}

impl Columns {
    pub fn names(&self) -> Vec<String> {
        match self {
            Columns::One(c) => vec![c.0.clone()],
            Columns::Many(v) => v.iter().map(|c| c.0.clone()).collect(),
        }
    }
}

/// A column name; YAML reads `2024` as a number, but the column is named "2024".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnName(pub String);

impl<'de> Deserialize<'de> for ColumnName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(ColumnName(s)),
            serde_json::Value::Number(n) => Ok(ColumnName(n.to_string())),
            other => Err(serde::de::Error::custom(format!("expected a column name, found {other}"))),
        }
    }
}

/// A horizontal reference line, such as a target.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub value: f64,
    #[serde(default)]
    pub label: Option<String>,
}

/// Options of a ```` ```chart ```` block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    #[serde(rename = "type", default = "default_kind")]
    pub kind: Kind,
    #[serde(default)]
    pub data: Option<String>,
    #[serde(default)]
    pub x: Option<ColumnName>,
    #[serde(default)]
    pub y: Option<Columns>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub source_url: Option<String>,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub colours: Option<Vec<String>>,
    #[serde(default)]
    pub horizontal: bool,
    #[serde(default)]
    pub decimals: Option<u8>,
    #[serde(default)]
    pub y_min: Option<f64>,
    #[serde(default)]
    pub y_max: Option<f64>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub thousands: Option<String>,
    #[serde(default)]
    pub decimal: Option<String>,
}

fn default_kind() -> Kind {
    Kind::Bar
}

/// Options of a ```` ```table ```` block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    #[serde(default)]
    pub data: Option<String>,
    #[serde(default)]
    pub columns: Option<Columns>,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub source_url: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub decimals: Option<u8>,
    #[serde(default)]
    pub thousands: Option<String>,
    #[serde(default)]
    pub decimal: Option<String>,
}

/// The palette, in the order series take it; the names are what `colours:` accepts.
pub const PALETTE: [&str; 6] = ["blue", "orange", "green", "purple", "yellow", "grey"];
/// Light-mode values, written as presentation attributes for readers without the stylesheet
/// (feed readers); the theme's CSS custom properties override them, also for dark mode.
pub const FALLBACK: [&str; 6] = ["#0072b2", "#c2510a", "#00805f", "#a4508b", "#8a6d00", "#5f6670"];
