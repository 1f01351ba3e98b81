//! Standards: every page of the demo site passes the W3C Nu HTML Checker, and every feed and
//! sitemap is well-formed XML of the expected kind.

use std::path::PathBuf;
use std::process::Command;

use crate::support::Site;

pub fn vnu_jar() -> PathBuf {
    let path = std::env::var_os("FOLIO_VNU_JAR").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(crate::support::REPO).join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar")
    });
    assert!(
        path.is_file(),
        "the HTML checker is not installed at {}: run scripts/test, which installs it",
        path.display()
    );
    path
}

/// Runs the W3C Nu HTML Checker on `pages` and fails with its report if it finds an error.
pub fn assert_valid_html<P: AsRef<std::ffi::OsStr>>(pages: impl IntoIterator<Item = P>) {
    let out = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "text"])
        .args(pages)
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the HTML checker found errors:\n{report}");
}

#[test]
fn every_page_of_the_demo_site_is_valid_html5() {
    let site = Site::demo();
    site.build();
    let pages: Vec<PathBuf> =
        site.output_files().into_iter().filter(|f| f.ends_with(".html")).map(|f| site.out(&f)).collect();
    assert!(pages.len() >= 10, "{pages:?}");
    assert_valid_html(&pages);
}

fn root_element(xml: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut root = None;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) if root.is_none() => {
                root = Some(String::from_utf8_lossy(e.name().as_ref()).into_owned())
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML at {}: {e}\n{xml}", reader.buffer_position()),
        }
    }
    root.expect("a root element")
}

#[test]
fn feeds_and_sitemaps_are_well_formed_xml() {
    let site = Site::demo();
    site.build();
    let mut checked = 0;
    for file in site.output_files() {
        let expected = match file.rsplit('/').next().unwrap() {
            "atom.xml" => "feed",
            "rss.xml" => "rss",
            "sitemap.xml" => "urlset",
            _ => continue,
        };
        assert_eq!(root_element(&site.read(&file)), expected, "{file}");
        checked += 1;
    }
    assert!(checked >= 5, "site feeds, tag feeds and the sitemap: {checked}");
}
