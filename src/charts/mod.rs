//! Charts and tables from data files, rendered at build time. A ```` ```chart ```` block holds
//! YAML options naming a data file and its columns; it becomes a `<figure>` with a title, a
//! legend, an inline SVG (`role="img"`, `<title>`, `<desc>`), the source and the numbers as a
//! table in a collapsed `<details>`. A ```` ```table ```` block becomes a formatted table.
//! See `docs/charts.md`. Errors come back as [`BlockError`]s positioned within the block, with
//! the data file, row and column in the message.

pub mod format;
pub mod scale;
pub mod spec;
mod svg;
mod table;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::data::{Cell, DataError, Store, Table};
use crate::error::did_you_mean;
use crate::markdown::escape::{push_attr, push_text};
use format::NumberFormat;
use spec::{ChartSpec, Kind, PALETTE, TableSpec};
pub use svg::Series;

/// The fenced-block languages handled here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Chart,
    Table,
}

impl Block {
    /// `chart` → [`Block::Chart`], `table` → [`Block::Table`].
    pub fn from_language(lang: &str) -> Option<Block> {
        match lang {
            "chart" => Some(Block::Chart),
            "table" => Some(Block::Table),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Block::Chart => "chart",
            Block::Table => "table",
        }
    }
}

/// A problem with a block, positioned within it: `line` 0 is the opening fence, 1 the first
/// line of options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl BlockError {
    fn new(line: usize, message: impl Into<String>) -> Self {
        BlockError { line, column: 1, message: message.into(), help: None }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn data(line: usize, e: &DataError) -> Self {
        BlockError { line, column: 1, message: e.to_string(), help: e.help.clone() }
    }
}

/// Where a block is: the document (relative to the site root) and the site's data files.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub store: &'a Store,
    pub document: &'a Path,
}

/// Renders one block's HTML. `id` must be unique on any page that shows the block.
pub fn render(block: Block, options: &str, context: &Context, id: &str) -> Result<String, BlockError> {
    if options.trim().is_empty() {
        return Err(BlockError::new(0, format!("the {} block is empty", block.name())).help(match block {
            Block::Chart => "write its options as YAML, such as:\n  type: bar\n  data: spending.csv\n  x: country\n  y: \"2024\"\n  title: Defence spending",
            Block::Table => "write its options as YAML, such as:\n  data: spending.csv\n  caption: Defence spending",
        }));
    }
    let yaml_error = |e: crate::yaml::YamlError| BlockError {
        line: e.line.unwrap_or(0),
        column: e.column.unwrap_or(1),
        message: e.message,
        help: e.help,
    };
    match block {
        Block::Chart => {
            let spec: ChartSpec = crate::yaml::from_str(options).map_err(yaml_error)?;
            chart(&spec, options, context, id)
        }
        Block::Table => {
            let spec: TableSpec = crate::yaml::from_str(options).map_err(yaml_error)?;
            data_table(&spec, options, context, id)
        }
    }
}

/// 1-based line of a top-level `key:` in the options, 0 when absent.
fn key_line(options: &str, key: &str) -> usize {
    options
        .lines()
        .position(|l| l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
        .map_or(0, |i| i + 1)
}

/// The data file a block names (or the one beside the post), parsed.
fn load(
    context: &Context,
    data: Option<&str>,
    options: &str,
) -> Result<(PathBuf, Arc<Result<Table, DataError>>), BlockError> {
    let line = key_line(options, "data");
    context.store.get(context.document, data).map_err(|e| BlockError::data(line, &e))
}

/// The index of column `name`, or an error with a suggestion.
fn find_column(table: &Table, file: &Path, name: &str, line: usize) -> Result<usize, BlockError> {
    table.column(name).ok_or_else(|| {
        let e = BlockError::new(line, format!("{}: no column `{name}`", file.display()));
        match did_you_mean(name, table.columns.iter().map(String::as_str)) {
            Some(best) => e.help(format!("did you mean `{best}`?")),
            None => e.help(format!("the columns are: {}", table.columns.join(", "))),
        }
    })
}

fn number_format(thousands: &Option<String>, decimal: &Option<String>) -> NumberFormat {
    let default = NumberFormat::default();
    NumberFormat {
        thousands: thousands.clone().unwrap_or(default.thousands),
        decimal: decimal.clone().unwrap_or(default.decimal),
    }
}

fn check_url(url: Option<&str>, options: &str) -> Result<(), BlockError> {
    match url {
        Some(u) if !(u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/')) => {
            Err(BlockError::new(key_line(options, "source_url"), format!("source_url: `{u}` is not a web address"))
                .help("use an address starting with https:// or a path on this site starting with /"))
        }
        _ => Ok(()),
    }
}

fn chart(spec: &ChartSpec, options: &str, context: &Context, id: &str) -> Result<String, BlockError> {
    let Some(title) = spec.title.as_deref().filter(|t| !t.trim().is_empty()) else {
        return Err(BlockError::new(0, "the chart has no `title:`")
            .help("every chart needs a title: it is shown above the chart and read out by screen readers"));
    };
    if spec.horizontal && spec.kind == Kind::Line {
        return Err(BlockError::new(key_line(options, "horizontal"), "a line chart cannot be horizontal")
            .help("remove `horizontal: true`, or use a bar chart"));
    }
    check_url(spec.source_url.as_deref(), options)?;
    let (file, shared) = load(context, spec.data.as_deref(), options)?;
    let table = shared.as_ref().as_ref().map_err(|e| BlockError::data(key_line(options, "data"), e))?;
    let x = match &spec.x {
        Some(name) => find_column(table, &file, &name.0, key_line(options, "x"))?,
        None => 0,
    };
    let y_line = key_line(options, "y");
    let y: Vec<usize> = match &spec.y {
        Some(columns) => {
            columns.names().iter().map(|name| find_column(table, &file, name, y_line)).collect::<Result<_, _>>()?
        }
        None => (0..table.columns.len()).filter(|&i| i != x && numeric(table, i)).collect(),
    };
    if y.is_empty() {
        return Err(BlockError::new(y_line, format!("{}: no column of numbers to chart", file.display()))
            .help("name the columns to chart with `y:`"));
    }
    if spec.kind == Kind::Bar && y.len() > 1 {
        let names: Vec<String> = y.iter().map(|&i| format!("`{}`", table.columns[i])).collect();
        return Err(BlockError::new(
            y_line,
            format!("a bar chart shows one column, and {} are chosen: {}", y.len(), names.join(", ")),
        )
        .help("pick one with `y:`, or use `type: grouped-bar` or `type: stacked-bar`"));
    }
    let colours = colours(spec, y.len(), options)?;
    let mut series = Vec::with_capacity(y.len());
    for (k, &column) in y.iter().enumerate() {
        let mut values = Vec::with_capacity(table.rows.len());
        for (r, row) in table.rows.iter().enumerate() {
            values.push(match &row.cells[column] {
                Cell::Number { value, .. } => Some(*value),
                Cell::Empty => None,
                Cell::Text(t) => {
                    let e = DataError::new(&file, format!("expected a number, found `{t}`"))
                        .with_help("write plain numbers such as 1234.5, without units or thousands separators; leave the cell empty for a missing value")
                        .at(row, r + 1, &table.columns[column]);
                    return Err(BlockError::data(y_line, &e));
                }
            });
        }
        series.push(Series { name: table.columns[column].clone(), values, colour: colours[k] });
    }
    let categories: Vec<String> = table.rows.iter().map(|r| r.cells[x].to_string()).collect();
    let format = number_format(&spec.thousands, &spec.decimal);
    let columns =
        table::columns(table, &std::iter::once(x).chain(y.iter().copied()).collect::<Vec<_>>(), spec.decimals);
    let decimals = columns.iter().skip(1).filter_map(|c| c.decimals).max().unwrap_or(0);
    let desc = match &spec.description {
        Some(d) => d.clone(),
        None => {
            let mut d =
                describe(spec.kind, &table.columns[x], &categories, &series, spec.unit.as_deref(), &format, decimals);
            for rule in &spec.rules {
                let value = format.format(rule.value, decimals.min(scale_decimals(rule.value)));
                let _ = match &rule.label {
                    Some(label) => write!(d, " A reference line marks {label} at {value}."),
                    None => write!(d, " A reference line marks {value}."),
                };
            }
            d.push_str(" The data table after the chart lists every value.");
            d
        }
    };
    let plot = svg::Plot {
        kind: spec.kind,
        horizontal: spec.horizontal,
        categories: &categories,
        series: &series,
        unit: spec.unit.as_deref(),
        rules: &spec.rules,
        y_min: spec.y_min,
        y_max: spec.y_max,
        format: &format,
        decimals,
        id,
        title,
        desc: &desc,
    };
    let mut out = String::with_capacity(8192);
    let _ = write!(out, "<figure class=\"chart chart-{}\" id=\"{id}\">\n<figcaption>", spec.kind.name());
    out.push_str("<span class=\"chart-title\">");
    push_text(&mut out, title);
    out.push_str("</span>");
    if let Some(caption) = &spec.caption {
        out.push_str(" <span class=\"chart-caption\">");
        push_text(&mut out, caption);
        out.push_str("</span>");
    }
    out.push_str("</figcaption>\n");
    if series.len() > 1 || spec.rules.iter().any(|r| r.label.is_some()) {
        out.push_str(&legend(spec.kind, &series, &spec.rules));
    }
    out.push_str(&svg::render(&plot));
    out.push_str(&table::source_line(spec.source.as_deref(), spec.source_url.as_deref()));
    out.push_str("<details class=\"chart-data\">\n<summary>Data table</summary>\n");
    let caption = match &spec.unit {
        Some(unit) => format!("{title} ({unit})"),
        None => title.to_string(),
    };
    out.push_str(&table::html(table, &columns, Some(&caption), id, &format));
    out.push_str("</details>\n</figure>\n");
    Ok(out)
}

/// Digits after the point that `value` needs, up to 6 (2 → 0, 2.5 → 1).
fn scale_decimals(value: f64) -> usize {
    (0..6).find(|&d| (value * 10f64.powi(d as i32)).fract().abs() < 1e-9).unwrap_or(6)
}

/// Whether every non-empty cell of column `i` is a number, and one is.
fn numeric(table: &Table, i: usize) -> bool {
    let cells = || table.rows.iter().map(|r| &r.cells[i]);
    cells().any(|c| c.number().is_some()) && cells().all(|c| !matches!(c, Cell::Text(_)))
}

/// Palette slots for `count` series: the author's `colours:` or the palette in order.
fn colours(spec: &ChartSpec, count: usize, options: &str) -> Result<Vec<usize>, BlockError> {
    let line = key_line(options, "colours");
    if count > PALETTE.len() {
        return Err(BlockError::new(
            key_line(options, "y"),
            format!("{count} series are more than a chart can tell apart (at most {})", PALETTE.len()),
        )
        .help("chart fewer columns, or show the data with a ```table block"));
    }
    let Some(names) = &spec.colours else { return Ok((0..count).collect()) };
    if names.len() < count {
        return Err(BlockError::new(line, format!("colours: {} given for {count} series", names.len()))
            .help("give one colour per series, or remove `colours:` to use the palette in order"));
    }
    names
        .iter()
        .take(count)
        .map(|name| {
            PALETTE.iter().position(|p| p == name).ok_or_else(|| {
                let e = BlockError::new(line, format!("colours: unknown colour `{name}`"));
                match did_you_mean(name, PALETTE) {
                    Some(best) => e.help(format!("did you mean `{best}`? The palette is: {}", PALETTE.join(", "))),
                    None => e.help(format!(
                        "colours come from a palette that works in light and dark mode and for colour-blind readers: {}",
                        PALETTE.join(", ")
                    )),
                }
            })
        })
        .collect()
}

/// The legend: a key per series (when there are several), shaped like its marks, and one per
/// labelled reference line. Hidden from screen readers, which get both from the description.
fn legend(kind: Kind, series: &[Series], rules: &[spec::Rule]) -> String {
    let mut out = String::from("<ul class=\"chart-legend\" aria-hidden=\"true\">");
    let series = if series.len() > 1 { series } else { &[] };
    for (k, s) in series.iter().enumerate() {
        let c = s.colour;
        out.push_str("<li><svg class=\"chart-key\" viewBox=\"0 0 20 12\" width=\"20\" height=\"12\">");
        if kind == Kind::Line {
            let _ = write!(
                out,
                "<path d=\"M0 6H20\" class=\"chart-line chart-c{}\" stroke=\"{}\" stroke-width=\"2.5\"/><path d=\"{}\" class=\"chart-dot chart-c{}\" fill=\"{}\"/>",
                c + 1,
                spec::FALLBACK[c],
                svg::marker(k, 10.0, 6.0),
                c + 1,
                spec::FALLBACK[c]
            );
        } else {
            let _ = write!(
                out,
                "<rect x=\"4\" y=\"0\" width=\"12\" height=\"12\" class=\"chart-bar chart-c{}\" fill=\"{}\"/>",
                c + 1,
                spec::FALLBACK[c]
            );
        }
        out.push_str("</svg>");
        push_text(&mut out, &s.name);
        out.push_str("</li>");
    }
    for label in rules.iter().filter_map(|r| r.label.as_deref()) {
        out.push_str("<li><svg class=\"chart-key\" viewBox=\"0 0 20 12\" width=\"20\" height=\"12\"><path d=\"M0 6H20\" class=\"chart-rule\" stroke=\"#565b63\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/></svg>");
        push_text(&mut out, label);
        out.push_str("</li>");
    }
    out.push_str("</ul>\n");
    out
}

/// A description for screen readers: what is charted, and the extremes.
fn describe(
    kind: Kind,
    by: &str,
    categories: &[String],
    series: &[Series],
    unit: Option<&str>,
    format: &NumberFormat,
    decimals: usize,
) -> String {
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let mut out = format!("{}: {} by {by} ({} values)", kind.described(), names.join(", "), categories.len());
    if let Some(unit) = unit {
        let _ = write!(out, ", in {unit}");
    }
    out.push('.');
    let points = series
        .iter()
        .flat_map(|s| s.values.iter().enumerate().filter_map(move |(i, v)| v.map(|v| (v, i, s.name.as_str()))));
    let min = points.clone().min_by(|a, b| a.0.total_cmp(&b.0));
    let max = points.max_by(|a, b| a.0.total_cmp(&b.0));
    let point = |(v, i, name): (f64, usize, &str)| {
        let mut s = format.format(v, decimals);
        s.push_str(" (");
        s.push_str(&categories[i]);
        if series.len() > 1 {
            s.push_str(", ");
            s.push_str(name);
        }
        s.push(')');
        s
    };
    if let (Some(min), Some(max)) = (min, max) {
        let _ = write!(out, " Lowest: {}. Highest: {}.", point(min), point(max));
    }
    out
}

fn data_table(spec: &TableSpec, options: &str, context: &Context, id: &str) -> Result<String, BlockError> {
    check_url(spec.source_url.as_deref(), options)?;
    let (file, shared) = load(context, spec.data.as_deref(), options)?;
    let table = shared.as_ref().as_ref().map_err(|e| BlockError::data(key_line(options, "data"), e))?;
    let indices: Vec<usize> = match &spec.columns {
        Some(columns) => {
            let line = key_line(options, "columns");
            columns.names().iter().map(|n| find_column(table, &file, n, line)).collect::<Result<_, _>>()?
        }
        None => (0..table.columns.len()).collect(),
    };
    let columns = table::columns(table, &indices, spec.decimals);
    let format = number_format(&spec.thousands, &spec.decimal);
    let caption = match (&spec.caption, &spec.unit) {
        (Some(c), Some(u)) => Some(format!("{c} ({u})")),
        (Some(c), None) => Some(c.clone()),
        (None, Some(u)) => Some(u.clone()),
        (None, None) => None,
    };
    let mut out = String::from("<div class=\"data-table-block\" id=\"");
    push_attr(&mut out, id);
    out.push_str("\">\n");
    out.push_str(&table::html(table, &columns, caption.as_deref(), id, &format));
    out.push_str(&table::source_line(spec.source.as_deref(), spec.source_url.as_deref()));
    out.push_str("</div>\n");
    Ok(out)
}

#[cfg(test)]
mod tests;
