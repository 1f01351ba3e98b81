//! Tests of [`render`] as a whole: features working together, the shape of
//! the result, robustness on hostile input, and snapshots of full pages.

use super::*;

const OPTIONS: Options<'static> =
    Options { base_path: "/blog", site_host: "example.org", words_per_minute: 200, data: None, highlight: None };

fn html(markdown: &str) -> String {
    render(markdown, &OPTIONS).html.read().to_string()
}

#[test]
fn tables_render() {
    let out = html("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
    assert!(out.contains("<table>"), "{out}");
    assert!(out.contains("<th style=\"text-align: left\">a</th>"), "{out}");
    assert!(out.contains("<td style=\"text-align: right\">2</td>"), "{out}");
}

#[test]
fn strikethrough_renders() {
    assert_eq!(html("~~gone~~"), "<p><del>gone</del></p>\n");
}

#[test]
fn task_lists_render_with_labelled_boxes() {
    let out = html("- [x] done\n- [ ] todo\n");
    assert!(out.contains("<input type=\"checkbox\" disabled checked aria-label=\"Done\"> done"), "{out}");
    assert!(out.contains("<input type=\"checkbox\" disabled aria-label=\"Not done\"> todo"), "{out}");
}

#[test]
fn smart_punctuation() {
    assert_eq!(html("\"Quoted\" -- it's... a---b"), "<p>“Quoted” – it’s… a—b</p>\n");
}

#[test]
fn smart_punctuation_does_not_touch_code() {
    assert_eq!(
        html("`\"x\" -- y`\n\n```\n\"a\"\n```\n"),
        "<p><code>\"x\" -- y</code></p>\n<pre class=\"code\"><code>\"a\"\n</code></pre>\n"
    );
}

#[test]
fn word_count_excludes_code() {
    let out = render(
        "# Title here\n\nOne two `not counted` three.\n\n```rust\nlet a = b + c;\n```\n\n    indented code words\n\n![alt words](/x.png) four",
        &OPTIONS,
    );
    assert_eq!(out.word_count, 6);
}

#[test]
fn word_count_includes_footnotes_and_callouts_but_not_their_chrome() {
    let out = render("> [!NOTE]\n> one two\n\nthree[^a]\n\n[^a]: four five\n", &OPTIONS);
    assert_eq!(out.word_count, 5);
}

#[test]
fn reading_time_uses_options() {
    let text = "word ".repeat(401);
    let options = Options { words_per_minute: 200, ..OPTIONS };
    let out = render(&text, &options);
    assert_eq!(out.word_count, 401);
    assert_eq!(out.reading_time, 3);
    assert_eq!(render("", &options).reading_time, 1);
}

#[test]
fn heading_ids_avoid_footnote_ids() {
    let out = html("## fn a\n\nx[^a]\n\n[^a]: note\n");
    assert!(out.contains("<h2 id=\"h-fn-a\">"), "{out}");
    assert!(out.contains("<li id=\"fn-a\">"), "{out}");
}

#[test]
fn toc_is_nested_and_plain() {
    let out = render("# Top\n\n## A *b*\n\n#### Deep\n\n### Mid\n\n## C\n", &OPTIONS);
    let toc = &out.toc;
    assert_eq!(toc.len(), 1);
    assert_eq!(toc[0].id, "top");
    let under_top: Vec<_> = toc[0].children.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(under_top, ["A b", "C"]);
    let under_a: Vec<_> = toc[0].children[0].children.iter().map(|e| (e.level, e.id.as_str())).collect();
    assert_eq!(under_a, [(4, "deep"), (3, "mid")]);
}

#[test]
fn toc_serializes() {
    let out = render("## A\n", &OPTIONS);
    let json = serde_json::to_string(&out.toc).unwrap();
    assert_eq!(json, r#"[{"level":2,"id":"a","title":"A","children":[]}]"#);
}

#[test]
fn links_and_images_through_render() {
    let out = html("[in](/about/) [out](https://rust-lang.org) [rel](../x) ![i](/a.png)");
    assert!(out.contains("<a href=\"/blog/about/\">in</a>"), "{out}");
    assert!(out.contains("<a href=\"https://rust-lang.org\" rel=\"noopener\" class=\"external\">out</a>"), "{out}");
    assert!(out.contains("<a href=\"../x\">rel</a>"), "{out}");
    assert!(out.contains("<img src=\"/blog/a.png\" alt=\"i\" loading=\"lazy\">"), "{out}");
}

#[test]
fn reference_links_get_base_path_too() {
    let out = html("[about][a]\n\n[a]: /about/\n");
    assert_eq!(out, "<p><a href=\"/blog/about/\">about</a></p>\n");
}

#[test]
fn raw_html_passes_through() {
    let out = html("<div class=\"wide\">\n<b>hi</b>\n</div>\n\nA <kbd>K</kbd>.\n");
    assert!(out.contains("<div class=\"wide\">\n<b>hi</b>\n</div>\n"), "{out}");
    assert!(out.contains("<kbd>K</kbd>"), "{out}");
}

#[test]
fn summary_and_first_paragraph() {
    let out =
        render("# Title\n\nIntro with a note[^n] and [link](/x).\n\n<!-- more -->\n\nRest.\n\n[^n]: Note.\n", &OPTIONS);
    assert_eq!(
        out.summary_html.as_deref(),
        Some("<h1>Title</h1>\n<p>Intro with a note and <a href=\"/blog/x\">link</a>.</p>\n")
    );
    assert_eq!(out.first_paragraph_html.as_deref(), Some("Intro with a note and <a href=\"/blog/x\">link</a>."));
    assert!(!out.html.read().contains("more -->"));
    assert!(out.html.read().contains("<p>Rest.</p>"));
    assert!(out.html.read().contains("<sup class=\"footnote-ref\">"));
}

#[test]
fn summary_none_without_marker() {
    let out = render("Just text.\n", &OPTIONS);
    assert_eq!(out.summary_html, None);
    assert_eq!(out.first_paragraph_html.as_deref(), Some("Just text."));
}

#[test]
fn callout_first_paragraph_is_not_top_level() {
    let out = render("> [!TIP]\n> inside\n\noutside\n", &OPTIONS);
    assert_eq!(out.first_paragraph_html.as_deref(), Some("outside"));
}

#[test]
fn footnotes_section_comes_last_even_with_summary() {
    let out = html("A[^1]\n\n[^1]: One.\n\n<!-- more -->\n\nB\n");
    assert!(out.ends_with("</ol>\n</section>\n"), "{out}");
    let b = out.find("<p>B</p>").unwrap();
    assert!(b < out.find("<section").unwrap());
}

#[test]
fn code_in_footnote_is_highlighted() {
    let out = html("x[^c]\n\n[^c]: See:\n\n    ```rust\n    fn f() {}\n    ```\n");
    assert!(out.contains("<li id=\"fn-c\">"), "{out}");
    assert!(out.contains("hl-rust"), "{out}");
}

/// Every `id="…"` in `html`, to check uniqueness.
fn ids_in(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

#[test]
fn ids_are_unique_in_a_busy_document() {
    let out = html(
        "# Notes\n\n## Notes\n\n## fn-a {#fn-a}\n\n## fnref a\n\nx[^a] y[^a] z[^a-2] w[^notes]\n\n\
         [^a]: A\n\n[^a-2]: B\n\n[^notes]: C\n",
    );
    let mut ids = ids_in(&out);
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "{out}");
}

/// Deterministic xorshift generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'t>(&mut self, items: &[&'t str]) -> &'t str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let len = (rng.next() % 300) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        render(&text, &OPTIONS);
    }
}

#[test]
fn random_markdown_soup_never_panics_and_keeps_ids_unique() {
    const PIECES: &[&str] = &[
        "# ",
        "## ",
        "### ",
        "#### ",
        "> ",
        "> [!NOTE]\n",
        "[^a]",
        "[^b]",
        "[^a]: ",
        "\n",
        "\n\n",
        "```rust\n",
        "```\n",
        "    ",
        "- ",
        "1. ",
        "- [ ] ",
        "| a | b |\n|---|---|\n",
        "*",
        "**",
        "~~",
        "`",
        "[x](/y)",
        "[x](https://o.net)",
        "![i](/p.png)",
        "<!-- more -->",
        "<div>",
        "</div>",
        "{#id}",
        "word ",
        "é ",
        "\"q\" ",
        "<",
        "&",
        "\t",
        "[",
        "]",
        "(",
        ")",
        "!",
        "\\",
        "---\n",
        "<!--",
        "-->",
        "’",
        "&amp; ",
        "© ",
        "> [!PULLQUOTE]\n",
        "[[source:1]]",
    ];
    let mut rng = Rng(42);
    for _ in 0..500 {
        let count = (rng.next() % 60) as usize;
        let text: String = (0..count).map(|_| rng.pick(PIECES)).collect();
        let out = render(&text, &OPTIONS);
        let html = out.html.read();
        // The search index reads every page's text back from its HTML.
        crate::search::text::plain_text(&html);
        let mut ids = ids_in(&html);
        let total = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), total, "duplicate ids for {text:?}:\n{}", &*html);
    }
}

#[test]
fn huge_heading_stays_fast_and_small_id() {
    let heading = format!("## {}\n", "long words ".repeat(100_000));
    let start = std::time::Instant::now();
    let out = render(&heading, &OPTIONS);
    assert!(start.elapsed().as_secs() < 10);
    assert!(out.toc[0].id.len() <= 80);
}

#[test]
fn large_document_renders_in_linear_time() {
    let chunk = "## Section\n\nSome *prose* with a [link](/x) and a note[^n].\n\n> [!NOTE]\n> Careful.\n\n\
                 ```text\nplain code\n```\n\n";
    let text = format!("{}[^n]: The note.\n", chunk.repeat(20_000));
    let start = std::time::Instant::now();
    let out = render(&text, &OPTIONS);
    // Generous for unoptimised test builds; release is far faster.
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    assert_eq!(out.toc.len(), 20_000);
    assert_eq!(out.toc[19_999].id, "section-19999");
}

#[test]
fn deeply_nested_input_does_not_overflow() {
    let text = format!("{}deep\n", "> ".repeat(5_000));
    render(&text, &OPTIONS);
    let text = format!("{}x{}", "[".repeat(10_000), "](/y)".repeat(10_000));
    render(&text, &OPTIONS);
}

#[test]
fn render_is_usable_from_many_threads() {
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                let out = render(&format!("```rust\nlet x = {i};\n```\n"), &OPTIONS);
                assert!(out.html.read().contains("hl-rust"));
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
}

const REPRESENTATIVE: &str = r#"# The Cost of Waiting {#cost}

Central banks move slowly[^lag]. This post looks at *why* -- and what "slow" means.

<!-- more -->

## Background

> [!NOTE]
> Figures are in **real** terms.

> A plain quotation.

### Data

| Year | Rate |
|-----:|:----:|
| 2020 | 0.1% |
| 2021 | 0.2% |

- [x] Collect data
- [ ] ~~Guess~~ Model it

## Background

See [the appendix](/appendix/), [the source](https://data.example.com/x?a=1&b=2),
[our own page](https://example.org/about/) and [the note above](#cost).

![A chart of rates](/img/rates.png "Rates")

```rust,ignore
fn rate(x: f64) -> f64 { x * 1.5 } // "fast"
```

```
no language <here>
```

Another claim[^lag] and one more[^data].

[^lag]: Monetary policy acts with a lag.
[^data]: Data from the usual sources:

    ```python
    print("hi")
    ```
"#;

#[test]
fn snapshot_representative_html() {
    insta::assert_snapshot!("representative_html", html(REPRESENTATIVE));
}

#[test]
fn snapshot_representative_extras() {
    let out = render(REPRESENTATIVE, &OPTIONS);
    let extras = format!(
        "summary:\n{}\nfirst paragraph:\n{}\nwords: {} minutes: {}\ntoc:\n{:#?}\n",
        out.summary_html.unwrap_or_default(),
        out.first_paragraph_html.unwrap_or_default(),
        out.word_count,
        out.reading_time,
        out.toc
    );
    insta::assert_snapshot!("representative_extras", extras);
}

#[test]
fn pull_quotes_and_source_references_stay_out_of_counts_and_excerpts() {
    let out = render("One two three.[[source:1]]\n\n> [!PULLQUOTE]\n> One two three.\n\nFour.\n", &OPTIONS);
    assert_eq!(out.word_count, 4, "the repeated words count once");
    assert_eq!(out.first_paragraph_html.as_deref(), Some("One two three."));
    assert!(out.html.read().contains("<aside class=\"pullquote\" aria-hidden=\"true\">"), "{}", &*out.html.read());
    let out = render("A.[[source:2]]\n\n> [!PULLQUOTE]\n> A.\n\n<!-- more -->\n\nB.\n", &OPTIONS);
    assert_eq!(out.summary_html.as_deref(), Some("<p>A.</p>\n"));
}
