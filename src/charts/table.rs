//! Data tables as HTML: numbers formatted and right-aligned, text left-aligned, the first text
//! column as row headers. Used by ```` ```table ```` blocks and, collapsed, under every chart.

use std::fmt::Write as _;

use super::format::NumberFormat;
use crate::data::{Cell, Table};
use crate::markdown::escape::push_text;

/// A column to show and how.
pub struct Column {
    pub index: usize,
    pub name: String,
    /// `Some(decimals)` for a numeric column.
    pub decimals: Option<usize>,
}

/// Picks the columns `names` (all when `None`) and decides which are numeric: every non-empty
/// cell a number, and at least one. Numeric columns get `decimals`, or as many digits after
/// the point as the most precise cell was written with.
pub fn columns(table: &Table, indices: &[usize], decimals: Option<u8>) -> Vec<Column> {
    indices
        .iter()
        .map(|&index| {
            let cells = table.rows.iter().map(|r| &r.cells[index]);
            let numeric =
                cells.clone().any(|c| c.number().is_some()) && cells.clone().all(|c| !matches!(c, Cell::Text(_)));
            let written = cells
                .filter_map(|c| match c {
                    Cell::Number { decimals, .. } => Some(usize::from(*decimals)),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            Column {
                index,
                name: table.columns[index].clone(),
                decimals: numeric.then(|| decimals.map_or(written, usize::from)),
            }
        })
        .collect()
}

/// The `<table>`, wrapped in a focusable group (not a landmark: a chart and a table may share
/// a caption) so that a table wider than a phone can be scrolled from the keyboard.
pub fn html(table: &Table, columns: &[Column], caption: Option<&str>, id: &str, format: &NumberFormat) -> String {
    let mut out = String::with_capacity(256 + table.rows.len() * columns.len() * 32);
    match caption {
        Some(_) => {
            let _ = write!(
                out,
                "<div class=\"table-wrapper\" role=\"group\" tabindex=\"0\" aria-labelledby=\"{id}-caption\">"
            );
        }
        None => out.push_str("<div class=\"table-wrapper\" role=\"group\" tabindex=\"0\" aria-label=\"Data table\">"),
    }
    out.push_str("\n<table class=\"data-table\">\n");
    if let Some(caption) = caption {
        let _ = write!(out, "<caption id=\"{id}-caption\">");
        push_text(&mut out, caption);
        out.push_str("</caption>\n");
    }
    out.push_str("<thead><tr>");
    for c in columns {
        out.push_str(if c.decimals.is_some() { "<th scope=\"col\" class=\"num\">" } else { "<th scope=\"col\">" });
        push_text(&mut out, &c.name);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let row_header = columns.first().filter(|c| c.decimals.is_none()).map(|c| c.index);
    for row in &table.rows {
        out.push_str("<tr>");
        for c in columns {
            let cell = &row.cells[c.index];
            let (open, close) = match (Some(c.index) == row_header, c.decimals.is_some()) {
                (true, _) => ("<th scope=\"row\">", "</th>"),
                (false, true) => ("<td class=\"num\">", "</td>"),
                (false, false) => ("<td>", "</td>"),
            };
            out.push_str(open);
            match (cell, c.decimals) {
                (Cell::Number { value, .. }, Some(d)) => out.push_str(&format.format(*value, d)),
                (Cell::Empty, Some(_)) => out.push_str("<span class=\"data-missing\" title=\"no value\">–</span>"),
                (cell, _) => push_text(&mut out, &cell.to_string()),
            }
            out.push_str(close);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

/// `<p class="chart-source">Source: …</p>`, linked when there is a URL.
pub fn source_line(source: Option<&str>, url: Option<&str>) -> String {
    let mut out = String::new();
    if source.is_none() && url.is_none() {
        return out;
    }
    out.push_str("<p class=\"chart-source\">Source: ");
    match url {
        Some(url) => {
            out.push_str("<a href=\"");
            crate::markdown::escape::push_href(&mut out, url);
            out.push_str("\">");
            push_text(&mut out, source.unwrap_or(url));
            out.push_str("</a>");
        }
        None => push_text(&mut out, source.unwrap_or_default()),
    }
    out.push_str("</p>\n");
    out
}
