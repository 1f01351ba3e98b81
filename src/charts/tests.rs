//! Snapshot tests of each chart type's HTML and SVG and of a data table, plus the errors.

use std::path::Path;

use super::*;

const SPENDING: &str =
    "country,2014,2024\nPoland,1.88,4.12\nGermany,1.19,2.12\nUnited Kingdom,2.14,2.33\nSpain,0.92,1.28\n";
const SERIES: &str =
    "year,Exports,Imports\n2019,1200.5,980\n2020,1100,1010.25\n2021,,1200\n2022,1500,1325.5\n2023,1640,1410\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    std::fs::write(dir.path().join("data/spending.csv"), SPENDING).unwrap();
    std::fs::write(dir.path().join("content/posts/trade.csv"), SERIES).unwrap();
    std::fs::write(dir.path().join("data/bad.csv"), "country,2024\nPoland,4.12\nSpain,n/a\n").unwrap();
    dir
}

fn run(block: Block, options: &str) -> Result<String, BlockError> {
    let dir = site();
    let store = Store::new(dir.path());
    let context = Context { store: &store, document: Path::new("content/posts/trade.md") };
    render(block, options, &context, "chart-test")
}

fn chart(options: &str) -> String {
    run(Block::Chart, options).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn bar_chart() {
    insta::assert_snapshot!(chart(
        "type: bar\ndata: spending.csv\nx: country\ny: 2024\ntitle: Defence spending in 2024\nunit: \"% of GDP\"\nsource: NATO\nsource_url: https://www.nato.int/\nrules: [{value: 2, label: 2% guideline}]\n"
    ));
}

#[test]
fn grouped_bar_chart() {
    insta::assert_snapshot!(chart(
        "type: grouped-bar\ndata: spending.csv\ntitle: Defence spending, 2014 and 2024\nunit: \"% of GDP\"\ncaption: Share of GDP.\n"
    ));
}

#[test]
fn horizontal_grouped_bar_chart() {
    insta::assert_snapshot!(chart(
        "type: grouped-bar\nhorizontal: true\ndata: spending.csv\ny: [2014, 2024]\ntitle: Defence spending\nunit: \"% of GDP\"\ncolours: [grey, blue]\nrules: [{value: 2, label: NATO guideline}]\n"
    ));
}

#[test]
fn stacked_bar_chart() {
    insta::assert_snapshot!(chart("type: stacked-bar\ntitle: Trade\nx: year\nunit: € million\ndecimals: 1\n"));
}

#[test]
fn line_chart() {
    insta::assert_snapshot!(chart(
        "type: line\ndata: trade.csv\ntitle: Trade over time\nunit: € million\nsource: Statistics office\n"
    ));
}

#[test]
fn data_table() {
    insta::assert_snapshot!(
        run(
            Block::Table,
            "data: trade.csv\ncaption: Trade\nunit: € million\nsource: Statistics office\nsource_url: https://example.org/trade?x=1&y=2\n"
        )
        .unwrap()
    );
}

#[test]
fn table_numbers_are_formatted_and_right_aligned() {
    let html = run(Block::Table, "data: trade.csv\ndecimals: 2\nthousands: \" \"\ndecimal: \",\"\n").unwrap();
    assert!(html.contains("<th scope=\"col\" class=\"num\">Exports</th>"), "{html}");
    assert!(!html.contains("<th scope=\"row\">2019</th>"), "numeric first column is not a row header");
    assert!(html.contains("<td class=\"num\">1 200,50</td>"), "{html}");
    assert!(html.contains("<td class=\"num\"><span class=\"data-missing\" title=\"no value\">–</span></td>"), "{html}");
    let html = run(Block::Table, "data: spending.csv\ncolumns: [country, 2024]\n").unwrap();
    assert!(html.contains("<th scope=\"row\">United Kingdom</th><td class=\"num\">2.33</td>"), "{html}");
    assert!(!html.contains("1.88"), "{html}");
}

#[test]
fn output_is_deterministic_and_escaped() {
    let options = "type: bar\ndata: spending.csv\ny: \"2014\"\ntitle: \"<b>Spending</b> & more\"\n";
    let a = chart(options);
    assert_eq!(a, chart(options));
    assert!(a.contains("&lt;b&gt;Spending&lt;/b&gt; &amp; more"), "{a}");
    assert!(!a.contains("<b>"), "{a}");
}

#[test]
fn charts_are_accessible() {
    let html = chart("type: line\ndata: trade.csv\ntitle: Trade\n");
    assert!(html.contains("role=\"img\" aria-labelledby=\"chart-test-title chart-test-desc\""), "{html}");
    assert!(html.contains("<title id=\"chart-test-title\">Trade</title>"), "{html}");
    assert!(html.contains("<desc id=\"chart-test-desc\">Line chart: Exports, Imports by year (5 values). Lowest: 980.00 (2019, Imports). Highest: 1,640.00 (2023, Exports)."), "{html}");
    assert!(html.contains("<details class=\"chart-data\">\n<summary>Data table</summary>"), "{html}");
    assert!(html.contains("<ul class=\"chart-legend\" aria-hidden=\"true\">"), "{html}");
}

fn error(block: Block, options: &str) -> (usize, String, Option<String>) {
    let e = run(block, options).unwrap_err();
    (e.line, e.message, e.help)
}

#[test]
fn errors_name_the_file_row_and_column() {
    assert_eq!(
        error(Block::Chart, "title: T\ndata: bad.csv\ny: 2024\n"),
        (
            3,
            "data/bad.csv:3: row 2, column `2024`: expected a number, found `n/a`".into(),
            Some("write plain numbers such as 1234.5, without units or thousands separators; leave the cell empty for a missing value".into())
        )
    );
    assert_eq!(
        error(Block::Chart, "title: T\ndata: spending.csv\ny: 2025\n"),
        (3, "data/spending.csv: no column `2025`".into(), Some("did you mean `2024`?".into()))
    );
    assert_eq!(
        error(Block::Table, "data: spending.csv\ncolumns: [nation]\n"),
        (2, "data/spending.csv: no column `nation`".into(), Some("the columns are: country, 2014, 2024".into()))
    );
    assert_eq!(
        error(Block::Chart, "title: T\n\ndata: spend.csv\n"),
        (
            3,
            "spend.csv: data file not found (looked for content/posts/spend.csv and data/spend.csv)".into(),
            Some("did you mean `spending.csv`?".into())
        )
    );
}

#[test]
fn bad_options_are_reported_with_suggestions() {
    assert_eq!(
        error(Block::Chart, "title: T\ntitel: U\n"),
        (2, "unknown key `titel`".into(), Some("did you mean `title`?".into()))
    );
    let (line, message, help) = error(Block::Chart, "type: pie\ntitle: T\n");
    assert_eq!(line, 1);
    assert!(message.starts_with("type: unknown variant `pie`"), "{message}");
    assert_eq!(help, None);
    assert_eq!(error(Block::Chart, "data: spending.csv\n").1, "the chart has no `title:`");
    assert_eq!(error(Block::Chart, "  \n").1, "the chart block is empty");
    assert_eq!(
        error(Block::Chart, "title: T\ndata: spending.csv\n"),
        (
            0,
            "a bar chart shows one column, and 2 are chosen: `2014`, `2024`".into(),
            Some("pick one with `y:`, or use `type: grouped-bar` or `type: stacked-bar`".into())
        )
    );
    let (line, message, help) =
        error(Block::Chart, "type: grouped-bar\ntitle: T\ndata: spending.csv\ncolours: [blu, red]\n");
    assert_eq!((line, message.as_str()), (4, "colours: unknown colour `blu`"));
    assert_eq!(help.as_deref(), Some("did you mean `blue`? The palette is: blue, orange, green, purple, yellow, grey"));
    assert_eq!(
        error(Block::Table, "data: spending.csv\nsource_url: \"javascript:alert(1)\"\n").1,
        "source_url: `javascript:alert(1)` is not a web address"
    );
}
