//! Charts and tables from data files: a fixture site with every chart type builds, passes the
//! W3C HTML checker, and reads its data from `data/` and from beside a post; errors name the
//! post and line, the data file, the row and the column; `folio serve` re-renders on a data
//! change exactly as a full build would.

use std::collections::BTreeMap;
use std::path::Path;

use folio::report::Silent;
use folio::site::{Change, Site as Engine};

use crate::support::{REPO, Site, copy_tree, select_text};

fn fixture() -> Site {
    let site = Site::new("title: x\n");
    copy_tree(&Path::new(REPO).join("tests/fixtures/sites/charts"), site.path());
    site
}

#[test]
fn every_chart_type_and_a_table_render_from_csv_json_and_yaml() {
    let site = fixture();
    site.build();
    let html = site.read("posts/charts/index.html");
    let figures = select_text(&html, "figure.chart > figcaption .chart-title");
    assert_eq!(
        figures,
        [
            "Spending in 2024",
            "Spending, 2014 and 2024",
            "Spending, 2014 and 2024, across",
            "Electricity by source",
            "Trade over time"
        ]
    );
    for kind in ["bar", "grouped-bar", "stacked-bar", "line"] {
        assert!(html.contains(&format!("<figure class=\"chart chart-{kind}\"")), "{kind}");
    }
    assert_eq!(html.matches("<svg class=\"chart-svg\"").count(), 5);
    assert_eq!(html.matches("<details class=\"chart-data\">").count(), 5);
    // The table block: caption with unit, right-aligned numbers with one decimal, the gap kept.
    assert!(html.contains("<caption id=\"table-"), "{html}");
    assert!(html.contains("Trade over time (€ million)</caption>"));
    assert!(html.contains("<td class=\"num\">1,200.5</td><td class=\"num\">980.0</td>"), "{html}");
    assert!(!html.contains("```"), "no block is left as source");
    // The YAML file's numeric keys are column names; the stacked bars sum them.
    assert!(html.contains("<title>Gas, 2024: 22 TWh</title>"), "{html}");
    let beside = site.read("posts/beside/index.html");
    assert!(beside.contains("<title>Feb: 2.4 %</title>"), "data beside the post: {beside}");
}

#[test]
fn chart_pages_are_valid_html5() {
    let site = fixture();
    site.build();
    let pages = ["posts/charts/index.html", "posts/beside/index.html", "index.html", "atom.xml"];
    crate::validate::assert_valid_html(pages.iter().filter(|p| p.ends_with(".html")).map(|p| site.out(p)));
}

fn fails_with(site: &Site, expected: &str) {
    let out = site.cmd().args(["build"]).output().unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), expected);
    assert_eq!(out.status.code(), Some(1));
}

/// A post whose body is one chart block with `options`; the fence is on line 6 of the file.
fn site_with_chart(options: &str) -> Site {
    let site = Site::new("title: x\n");
    site.write("data/spending.csv", "country,2014,2024\nPoland,1.88,4.12\nSpain,0.92,n/a\n");
    site.write("data/ragged.csv", "country,2024\nPoland,4.12\nSpain,1.28,extra\n");
    site.write("content/posts/a.md", &format!("---\ntitle: A\ndate: 2025-01-01\n---\n\n```chart\n{options}```\n"));
    site
}

#[test]
fn a_non_numeric_cell_names_post_line_file_row_and_column() {
    fails_with(
        &site_with_chart("type: bar\ntitle: T\ndata: spending.csv\ny: 2024\n"),
        "error: content/posts/a.md:10:1: chart: data/spending.csv:3: row 2, column `2024`: expected a number, found `n/a`\n  \
         help: write plain numbers such as 1234.5, without units or thousands separators; leave the cell empty for a missing value\n\
         Build failed with 1 error; public/ was left as it was.\n",
    );
}

#[test]
fn a_missing_file_an_unknown_column_and_a_bad_option_are_errors() {
    fails_with(
        &site_with_chart("title: T\ndata: spendings.csv\n"),
        "error: content/posts/a.md:8:1: chart: spendings.csv: data file not found (looked for content/posts/spendings.csv and data/spendings.csv)\n  \
         help: did you mean `spending.csv`?\nBuild failed with 1 error; public/ was left as it was.\n",
    );
    fails_with(
        &site_with_chart("title: T\ndata: spending.csv\ny: \"2023\"\n"),
        "error: content/posts/a.md:9:1: chart: data/spending.csv: no column `2023`\n  help: did you mean `2024`?\n\
         Build failed with 1 error; public/ was left as it was.\n",
    );
    fails_with(
        &site_with_chart("type: line\ntitle: T\nsorce: NATO\n"),
        "error: content/posts/a.md:9:1: chart: unknown key `sorce`\n  help: did you mean `source`?\n\
         Build failed with 1 error; public/ was left as it was.\n",
    );
    fails_with(
        &site_with_chart("title: T\ndata: ragged.csv\n"),
        "error: content/posts/a.md:8:1: chart: data/ragged.csv:3: row 2: this row has 3 fields but the header has 2\n  \
         help: every row needs one field per column; quote fields that contain commas\n\
         Build failed with 1 error; public/ was left as it was.\n",
    );
}

#[test]
fn every_broken_block_is_reported_at_once() {
    let site = site_with_chart("title: T\ndata: nothing.csv\n");
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nText.\n\n~~~table\ndata: spending.csv\ncolumns: [country, nation]\n~~~\n",
    );
    let err = site.try_build(site.options()).unwrap_err();
    let locations: Vec<String> = err.diagnostics().iter().map(|d| d.location.to_string()).collect();
    assert_eq!(locations.len(), 2, "{err}");
    assert!(locations.contains(&"content/posts/a.md:8:1".to_string()), "{err}");
    assert!(locations.contains(&"content/about.md:8:1".to_string()), "{err}");
    assert!(err.to_string().contains("table: data/spending.csv: no column `nation`"), "{err}");
}

fn snapshot(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    engine.files().map(|f| (f.path.clone(), f.bytes.clone())).collect()
}

#[test]
fn a_data_change_rerenders_its_posts_as_a_full_build_would() {
    let site = fixture();
    let options = site.options();
    let mut engine = Engine::load(&options, &Silent).unwrap();
    site.write("data/spending.csv", "country,2014,2024\nPoland,1.9,4.5\nGermany,1.2,2.1\n");
    site.write("content/posts/beside.csv", "month,Inflation\nJan,3.1\n");
    let changes: Vec<Change> = ["data/spending.csv", "content/posts/beside.csv"]
        .iter()
        .filter_map(|p| folio::serve::watch::classify(site.path(), &site.path().join(p)))
        .collect();
    assert_eq!(changes, [Change::Data, Change::Data]);
    let report = engine.rebuild(&changes, &Silent).unwrap();
    assert!(report.changed.contains(&"posts/charts/index.html".to_string()), "{report:?}");
    assert!(report.changed.contains(&"posts/beside/index.html".to_string()), "{report:?}");
    let full = Engine::load(&options, &Silent).unwrap();
    assert_eq!(snapshot(&engine), snapshot(&full));
    let page = String::from_utf8(snapshot(&engine)["posts/charts/index.html"].clone()).unwrap();
    assert!(page.contains("<title>Poland: 4.5 % of GDP</title>"), "{page}");
}

#[test]
fn a_broken_data_file_keeps_the_last_good_output() {
    let site = fixture();
    let mut engine = Engine::load(&site.options(), &Silent).unwrap();
    let before = snapshot(&engine);
    site.write("data/spending.csv", "country,2014,2024\nPoland,1.9,lots\n");
    let err = engine.rebuild(&[Change::Data], &Silent).unwrap_err();
    assert!(
        err.to_string().contains("chart: data/spending.csv:2: row 1, column `2024`: expected a number, found `lots`"),
        "{err}"
    );
    assert_eq!(snapshot(&engine), before);
}
