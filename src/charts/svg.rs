//! Drawing a chart as inline SVG. The drawing is 360 units wide and scales to its container
//! (`viewBox`, width 100%); text is 13 units, so it stays about 10 px tall when a phone shows
//! the chart 290 px wide. Category labels that do not fit wrap onto two lines, or turn 45°;
//! a line chart with more points than room shows every n-th label. Colours are classes
//! (`chart-c1`…) that the theme styles for light and dark mode, with light-mode fills as
//! presentation attributes for readers that have no stylesheet. Every number is written with
//! fixed precision, so the same data gives the same bytes.

use std::fmt::Write as _;

use super::format::NumberFormat;
use super::scale::Scale;
use super::spec::{FALLBACK, Kind, Rule};
use crate::markdown::escape::push_text;

pub const WIDTH: f64 = 360.0;
const FONT: f64 = 13.0;
/// Estimated average advance of a character, in units (system sans-serif at 13 units).
const CHAR: f64 = 7.6;
const LINE: f64 = FONT * 1.25;
const PLOT_HEIGHT: f64 = 200.0;
const MUTED: &str = "#565b63";
const GRID: &str = "#dedad1";

/// One series of values, one per category (`None` for an empty cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// Index into the palette.
    pub colour: usize,
}

/// Everything the drawing needs.
pub struct Plot<'a> {
    pub kind: Kind,
    pub horizontal: bool,
    pub categories: &'a [String],
    pub series: &'a [Series],
    pub unit: Option<&'a str>,
    pub rules: &'a [Rule],
    pub y_min: Option<f64>,
    pub y_max: Option<f64>,
    pub format: &'a NumberFormat,
    /// Decimals for values in tooltips.
    pub decimals: usize,
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
}

/// Estimated width of `text` in units.
pub fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR
}

/// Greedy word wrap to `width` units; a word longer than the width gets a line of its own.
pub fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(line) + CHAR + text_width(word) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A coordinate with one decimal, without a trailing `.0`.
fn n(v: f64) -> String {
    let s = format!("{:.1}", v);
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" { "0".into() } else { s }
}

/// The value range the chart must show.
fn domain(plot: &Plot) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    let mut see = |v: f64| {
        lo = lo.min(v);
        hi = hi.max(v);
    };
    if plot.kind == Kind::StackedBar {
        for i in 0..plot.categories.len() {
            let (pos, neg) = stack_sums(plot.series, i, plot.series.len());
            see(pos);
            see(neg);
        }
    } else {
        plot.series.iter().flat_map(|s| s.values.iter().flatten()).for_each(|v| see(*v));
    }
    plot.rules.iter().for_each(|r| see(r.value));
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let lo = plot.y_min.map_or(lo.min(0.0), |m| m.min(lo));
    let hi = plot.y_max.map_or(hi.max(0.0), |m| m.max(hi));
    if plot.kind == Kind::Line { (lo, hi) } else { (lo.min(0.0), hi.max(0.0)) }
}

/// Where the bar of series `k` at category `i` (value `v`) starts and ends on the value axis:
/// from zero, or, stacked, from the sum of the series below it on the same side of zero.
fn bar_extent(plot: &Plot<'_>, i: usize, k: usize, v: f64) -> (f64, f64) {
    if plot.kind == Kind::StackedBar {
        let (p, n) = stack_sums(plot.series, i, k);
        let base = if v >= 0.0 { p } else { n };
        (base, base + v)
    } else {
        (0.0, v)
    }
}

/// Sums of the positive and the negative values of the first `upto` series at category `i`.
fn stack_sums(series: &[Series], i: usize, upto: usize) -> (f64, f64) {
    series[..upto]
        .iter()
        .filter_map(|s| s.values.get(i).copied().flatten())
        .fold((0.0, 0.0), |(p, n), v| if v >= 0.0 { (p + v, n) } else { (p, n + v) })
}

/// How the category labels of a vertical chart are laid out.
enum Labels {
    /// Horizontal text, possibly wrapped; every `every`-th label shown.
    Flat { lines: Vec<Vec<String>>, every: usize },
    /// Turned 45° anticlockwise.
    Turned,
}

struct Canvas<'a> {
    plot: &'a Plot<'a>,
    out: String,
    scale: Scale,
}

impl Canvas<'_> {
    fn tick_label(&self, v: f64) -> String {
        self.plot.format.format(v, self.scale.decimals)
    }

    fn value_label(&self, category: usize, series: &Series, v: f64) -> String {
        let mut s = self.plot.categories[category].clone();
        if self.plot.series.len() > 1 {
            s.push_str(", ");
            s.push_str(&series.name);
        }
        s.push_str(": ");
        s.push_str(&self.plot.format.format(v, self.plot.decimals));
        if let Some(unit) = self.plot.unit {
            s.push(' ');
            s.push_str(unit);
        }
        s
    }

    fn text(&mut self, x: f64, y: f64, anchor: &str, class: &str, text: &str, extra: &str) {
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"{class}\" fill=\"{MUTED}\"{extra}>",
            n(x),
            n(y)
        );
        push_text(&mut self.out, text);
        self.out.push_str("</text>\n");
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: usize, title: &str) {
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"chart-bar chart-c{}\" fill=\"{}\"><title>",
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            colour + 1,
            FALLBACK[colour]
        );
        push_text(&mut self.out, title);
        self.out.push_str("</title></rect>\n");
    }
}

/// The chart's `<svg>` element.
pub fn render(plot: &Plot) -> String {
    let (lo, hi) = domain(plot);
    let scale = Scale::nice(lo, hi, 5);
    let mut canvas = Canvas { plot, out: String::with_capacity(4096), scale };
    let (body, height) = if plot.horizontal { horizontal(&mut canvas) } else { vertical(&mut canvas) };
    let mut out = String::with_capacity(body.len() + 512);
    let id = plot.id;
    let _ = write!(
        out,
        "<svg class=\"chart-svg\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"{}\">\n<title id=\"{id}-title\">",
        n(WIDTH),
        n(height),
        n(FONT)
    );
    push_text(&mut out, plot.title);
    let _ = write!(out, "</title>\n<desc id=\"{id}-desc\">");
    push_text(&mut out, plot.desc);
    out.push_str("</desc>\n");
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

fn vertical(c: &mut Canvas) -> (String, f64) {
    let plot = c.plot;
    let count = plot.categories.len().max(1);
    let ticks = c.scale.ticks();
    let tick_w = ticks.iter().map(|t| text_width(&c.tick_label(*t))).fold(0.0, f64::max);
    let top = 6.0 + if plot.unit.is_some() { LINE + 4.0 } else { 0.0 };
    let mut left = tick_w + 12.0;
    let right = WIDTH - 6.0;
    let mut band = (right - left) / count as f64;
    let labels = category_labels(plot, band);
    if let Labels::Turned = labels {
        let first = plot.categories.first().map_or(0.0, |l| text_width(l));
        let overhang = first * std::f64::consts::FRAC_1_SQRT_2 - band / 2.0 + 2.0;
        if overhang > left {
            left = overhang;
            band = (right - left) / count as f64;
        }
    }
    let bottom = top + PLOT_HEIGHT;
    let y = |v: f64, s: &Scale| bottom - s.fraction(v) * PLOT_HEIGHT;
    if let Some(unit) = plot.unit {
        c.text(2.0, FONT + 2.0, "start", "chart-unit", unit, "");
    }
    for t in &ticks {
        let ty = y(*t, &c.scale);
        let _ = writeln!(
            c.out,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"chart-grid\" stroke=\"{GRID}\"/>",
            n(left),
            n(right),
            n(ty),
            n(ty)
        );
        let label = c.tick_label(*t);
        c.text(left - 6.0, ty + FONT * 0.35, "end", "chart-tick", &label, "");
    }
    let scale = c.scale.clone();
    marks(c, band, &|v| y(v, &scale), &|i| left + band * i as f64);
    let zero = y(0.0f64.clamp(scale.min, scale.max), &scale);
    let _ = writeln!(
        c.out,
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"chart-axis\" stroke=\"{MUTED}\"/>",
        n(left),
        n(right),
        n(zero),
        n(zero)
    );
    for rule in plot.rules {
        let ry = y(rule.value, &scale);
        let _ = writeln!(
            c.out,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"chart-rule\" stroke=\"{MUTED}\" stroke-dasharray=\"4 3\"/>",
            n(left),
            n(right),
            n(ry),
            n(ry)
        );
    }
    let label_h = category_axis(c, &labels, band, left, bottom);
    (std::mem::take(&mut c.out), bottom + label_h + 4.0)
}

/// Wrapped, thinned or turned labels for bands `band` units wide.
fn category_labels(plot: &Plot, band: f64) -> Labels {
    let room = band - 4.0;
    let wrapped: Vec<Vec<String>> = plot.categories.iter().map(|l| wrap(l, room)).collect();
    let fits = wrapped.iter().all(|lines| lines.len() <= 2 && lines.iter().all(|l| text_width(l) <= room));
    if fits {
        return Labels::Flat { lines: wrapped, every: 1 };
    }
    if plot.kind == Kind::Line {
        let widest = plot.categories.iter().map(|l| text_width(l)).fold(0.0, f64::max);
        let every = ((widest + 8.0) / band).ceil().max(1.0) as usize;
        return Labels::Flat { lines: plot.categories.iter().map(|l| vec![l.clone()]).collect(), every };
    }
    Labels::Turned
}

/// Draws the category labels under the plot; returns the height they take.
fn category_axis(c: &mut Canvas, labels: &Labels, band: f64, left: f64, bottom: f64) -> f64 {
    let categories = c.plot.categories;
    match labels {
        Labels::Flat { lines, every } => {
            let mut tallest: usize = 1;
            for (i, label) in lines.iter().enumerate() {
                if i % every != 0 {
                    continue;
                }
                tallest = tallest.max(label.len());
                let x = left + band * (i as f64 + 0.5);
                for (k, line) in label.iter().enumerate() {
                    c.text(x, bottom + FONT + 4.0 + LINE * k as f64, "middle", "chart-label", line, "");
                }
            }
            FONT + 4.0 + LINE * (tallest as f64 - 1.0) + 4.0
        }
        Labels::Turned => {
            let mut widest: f64 = 0.0;
            for (i, label) in categories.iter().enumerate() {
                widest = widest.max(text_width(label));
                let x = left + band * (i as f64 + 0.5) + FONT * 0.35;
                let y = bottom + 8.0;
                let turn = format!(" transform=\"rotate(-45 {} {})\"", n(x), n(y));
                c.text(x, y, "end", "chart-label", label, &turn);
            }
            widest * std::f64::consts::FRAC_1_SQRT_2 + FONT + 8.0
        }
    }
}

/// Draws the bars or lines of a vertical chart. `pos(v)` is the height of value `v`; `start(i)`
/// is where band `i` begins.
fn marks(c: &mut Canvas, band: f64, pos: &dyn Fn(f64) -> f64, start: &dyn Fn(usize) -> f64) {
    let plot = c.plot;
    // A bar from value a to b, in the slot [s, s + w] across.
    let bar = |c: &mut Canvas, s: f64, w: f64, a: f64, b: f64, colour: usize, title: &str| {
        let (p, q) = (pos(a), pos(b));
        c.rect(s, p.min(q), w, (p - q).abs(), colour, title)
    };
    match plot.kind {
        Kind::Bar | Kind::StackedBar => {
            let w = (band * 0.64).min(56.0);
            for i in 0..plot.categories.len() {
                let s = start(i) + (band - w) / 2.0;
                for (k, series) in plot.series.iter().enumerate() {
                    let Some(v) = series.values.get(i).copied().flatten() else { continue };
                    let (from, to) = bar_extent(plot, i, k, v);
                    let title = c.value_label(i, series, v);
                    bar(c, s, w, from, to, series.colour, &title);
                }
            }
        }
        Kind::GroupedBar => {
            let group = band * 0.8;
            let k_count = plot.series.len().max(1) as f64;
            let w = group / k_count;
            for i in 0..plot.categories.len() {
                for (k, series) in plot.series.iter().enumerate() {
                    let Some(v) = series.values.get(i).copied().flatten() else { continue };
                    let s = start(i) + (band - group) / 2.0 + w * k as f64;
                    let title = c.value_label(i, series, v);
                    bar(c, s + 0.5, w - 1.0, 0.0, v, series.colour, &title);
                }
            }
        }
        Kind::Line => {
            for (k, series) in plot.series.iter().enumerate() {
                let mut d = String::new();
                let mut pen_down = false;
                let mut points = Vec::new();
                for (i, v) in series.values.iter().enumerate() {
                    let Some(v) = *v else {
                        pen_down = false;
                        continue;
                    };
                    let (x, y) = (start(i) + band / 2.0, pos(v));
                    let _ = write!(
                        d,
                        "{}{} {}",
                        if pen_down {
                            " L"
                        } else if d.is_empty() {
                            "M"
                        } else {
                            " M"
                        },
                        n(x),
                        n(y)
                    );
                    pen_down = true;
                    points.push((i, x, y, v));
                }
                let colour = series.colour;
                let _ = writeln!(
                    c.out,
                    "<path d=\"{d}\" class=\"chart-line chart-c{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>",
                    colour + 1,
                    FALLBACK[colour]
                );
                for (i, x, y, v) in points {
                    let title = c.value_label(i, series, v);
                    let shape = marker(k, x, y);
                    let _ = write!(
                        c.out,
                        "<path d=\"{shape}\" class=\"chart-dot chart-c{}\" fill=\"{}\"><title>",
                        colour + 1,
                        FALLBACK[colour]
                    );
                    push_text(&mut c.out, &title);
                    c.out.push_str("</title></path>\n");
                }
            }
        }
    }
}

/// A marker outline per series, so lines differ by shape as well as colour.
pub fn marker(series: usize, x: f64, y: f64) -> String {
    let r = 4.0;
    match series % 5 {
        0 => format!("M{} {}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0Z", n(x - r), n(y), n(2.0 * r), n(-2.0 * r)),
        1 => format!("M{} {}h{}v{}h{}Z", n(x - r * 0.9), n(y - r * 0.9), n(1.8 * r), n(1.8 * r), n(-1.8 * r)),
        2 => format!("M{} {}L{} {}L{} {}Z", n(x), n(y - r * 1.1), n(x + r), n(y + r * 0.8), n(x - r), n(y + r * 0.8)),
        3 => format!(
            "M{} {}L{} {}L{} {}L{} {}Z",
            n(x),
            n(y - r * 1.2),
            n(x + r * 1.2),
            n(y),
            n(x),
            n(y + r * 1.2),
            n(x - r * 1.2),
            n(y)
        ),
        _ => format!("M{} {}L{} {}L{} {}Z", n(x), n(y + r * 1.1), n(x + r), n(y - r * 0.8), n(x - r), n(y - r * 0.8)),
    }
}

fn horizontal(c: &mut Canvas) -> (String, f64) {
    let plot = c.plot;
    let count = plot.categories.len();
    let longest_word = plot.categories.iter().flat_map(|l| l.split_whitespace()).map(text_width).fold(0.0, f64::max);
    let widest = plot.categories.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    let label_w = widest.min(WIDTH * 0.4).max(longest_word).min(WIDTH * 0.6);
    let lines: Vec<Vec<String>> = plot.categories.iter().map(|l| wrap(l, label_w)).collect();
    let bars = match plot.kind {
        Kind::GroupedBar => 12.0 * plot.series.len() as f64,
        _ => 18.0,
    };
    let band = lines.iter().map(|l| l.len() as f64 * LINE + 6.0).fold(bars / 0.75, f64::max);
    let ticks = c.scale.ticks();
    let last_tick = ticks.last().map_or(0.0, |t| text_width(&c.tick_label(*t)));
    let first_tick = ticks.first().map_or(0.0, |t| text_width(&c.tick_label(*t)));
    let left = (label_w + 10.0).max(first_tick / 2.0 + 2.0);
    let right = WIDTH - last_tick / 2.0 - 2.0;
    let top = 4.0;
    let bottom = top + band * count as f64;
    let scale = c.scale.clone();
    let x = |v: f64| left + scale.fraction(v) * (right - left);
    for t in &ticks {
        let tx = x(*t);
        let _ = writeln!(
            c.out,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"chart-grid\" stroke=\"{GRID}\"/>",
            n(tx),
            n(tx),
            n(top),
            n(bottom)
        );
        let label = c.tick_label(*t);
        c.text(tx, bottom + FONT + 4.0, "middle", "chart-tick", &label, "");
    }
    for (i, label) in lines.iter().enumerate() {
        let centre = top + band * (i as f64 + 0.5);
        let first = centre - LINE * (label.len() as f64 - 1.0) / 2.0 + FONT * 0.35;
        for (k, line) in label.iter().enumerate() {
            c.text(label_w + 2.0, first + LINE * k as f64, "end", "chart-label", line, "");
        }
    }
    let band_bars = bars.min(band * 0.8);
    marks_horizontal(c, band, band_bars, top, &x);
    let zero = x(0.0f64.clamp(scale.min, scale.max));
    let _ = writeln!(
        c.out,
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"chart-axis\" stroke=\"{MUTED}\"/>",
        n(zero),
        n(zero),
        n(top),
        n(bottom)
    );
    for rule in plot.rules {
        let rx = x(rule.value);
        let _ = writeln!(
            c.out,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"chart-rule\" stroke=\"{MUTED}\" stroke-dasharray=\"4 3\"/>",
            n(rx),
            n(rx),
            n(top),
            n(bottom)
        );
    }
    let mut height = bottom + FONT + 8.0;
    if let Some(unit) = plot.unit {
        height += LINE;
        c.text(right, height - 4.0, "end", "chart-unit", unit, "");
    }
    (std::mem::take(&mut c.out), height + 2.0)
}

/// Horizontal bars: the value axis runs left to right, categories top to bottom.
fn marks_horizontal(c: &mut Canvas, band: f64, bars: f64, top: f64, x: &dyn Fn(f64) -> f64) {
    let start = |i: usize| top + band * i as f64;
    let plot = c.plot;
    match plot.kind {
        Kind::GroupedBar => {
            let w = bars / plot.series.len().max(1) as f64;
            for i in 0..plot.categories.len() {
                for (k, series) in plot.series.iter().enumerate() {
                    let Some(v) = series.values.get(i).copied().flatten() else { continue };
                    let s = start(i) + (band - bars) / 2.0 + w * k as f64;
                    let (a, b) = (x(0.0), x(v));
                    let title = c.value_label(i, series, v);
                    c.rect(a.min(b), s + 0.5, (b - a).abs(), w - 1.0, series.colour, &title);
                }
            }
        }
        _ => {
            for i in 0..plot.categories.len() {
                let s = start(i) + (band - bars) / 2.0;
                for (k, series) in plot.series.iter().enumerate() {
                    let Some(v) = series.values.get(i).copied().flatten() else { continue };
                    let (from, to) = bar_extent(plot, i, k, v);
                    let (a, b) = (x(from), x(to));
                    let title = c.value_label(i, series, v);
                    c.rect(a.min(b), s, (b - a).abs(), bars, series.colour, &title);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word() {
        assert_eq!(wrap("United Kingdom", 60.0), ["United", "Kingdom"]);
        assert_eq!(wrap("United Kingdom", 200.0), ["United Kingdom"]);
        assert_eq!(wrap("Supercalifragilistic", 20.0), ["Supercalifragilistic"]);
        assert_eq!(wrap("", 20.0), [""]);
    }

    #[test]
    fn coordinates_are_stable_text() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(n(-0.04), "0");
    }
}
