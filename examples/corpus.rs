//! Generates the benchmark corpus: a complete folio site of long-form analysis posts,
//! deterministic for a given seed (see docs/performance.md and bench/README.md).
//!
//! ```text
//! cargo run --release --example corpus -- --posts 10000 --seed 1 --out /tmp/c10k [--hugo /tmp/h10k] [--zola /tmp/z10k] [--force]
//! ```
//!
//! Each post has 800–2,500 words of prose under `##`/`###` headings, with emphasis, links (to
//! the web and to earlier posts), lists, block quotes, tables, footnotes, and in one post in five
//! fenced code blocks in several languages; 1–4 tags drawn from a Zipf-like vocabulary of 200
//! tags; a date between 2012 and 2025; a unique title and slug. Post `i` depends only on the seed
//! and on `i` (and the titles of posts before it), so the 1,000-post corpus is the first 1,000
//! posts of the 10,000-post one.
//!
//! With `--hugo DIR` the same Markdown files are also written as a Hugo site, with the config
//! and layouts copied from `bench/hugo/`; with `--zola DIR`, as a Zola site with the config,
//! sections and templates of `bench/zola/` (the same files, but the tags under `taxonomies:`,
//! where Zola's front matter has them).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use fastrand::Rng;
use rayon::prelude::*;

#[derive(Parser)]
#[command(
    about = "Writes a deterministic, seeded benchmark corpus as a folio site (and optionally Hugo and Zola sites)"
)]
struct Args {
    /// Number of posts
    #[arg(long)]
    posts: usize,
    /// Seed of the generator: the same seed gives byte-identical files
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder of the folio site to write
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Also write the same posts as a Hugo site into this folder
    #[arg(long, value_name = "DIR")]
    hugo: Option<PathBuf>,
    /// Also write the same posts as a Zola site into this folder
    #[arg(long, value_name = "DIR")]
    zola: Option<PathBuf>,
    /// Write into non-empty folders (what the generator writes there is replaced first)
    #[arg(long)]
    force: bool,
}

fn main() {
    let args = Args::parse();
    if let Err(message) = run(&args) {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    let unique: HashSet<String> = TAGS.iter().map(|t| slugify(t)).collect();
    assert_eq!((TAGS.len(), unique.len()), (200, 200), "200 distinct tags");
    prepare(&args.out, args.force, &["content", "public", "folio.yaml"])?;
    if let Some(hugo) = &args.hugo {
        prepare(hugo, args.force, &["content", "layouts", "public", "resources", "hugo.yaml", ".hugo_build.lock"])?;
    }
    if let Some(zola) = &args.zola {
        prepare(zola, args.force, &["content", "templates", "public", "config.toml"])?;
    }
    let titles = titles(args.posts, args.seed);
    let posts_dir = args.out.join("content/posts");
    mkdir(&posts_dir)?;
    std::fs::write(args.out.join("folio.yaml"), FOLIO_YAML)
        .map_err(|e| io("write", &args.out.join("folio.yaml"), e))?;
    std::fs::write(args.out.join("content/about.md"), ABOUT).map_err(|e| io("write", &args.out, e))?;
    let hugo_posts = match &args.hugo {
        Some(hugo) => {
            let dir = hugo.join("content/posts");
            mkdir(&dir)?;
            copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/hugo"), hugo)?;
            std::fs::write(hugo.join("content/about.md"), ABOUT).map_err(|e| io("write", hugo, e))?;
            Some(dir)
        }
        None => None,
    };
    let zola_posts = match &args.zola {
        Some(zola) => {
            copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/zola"), zola)?;
            // Beside the archive, out of the home page's list (see bench/zola/content/pages/).
            let about = ABOUT.replacen("---\n", "---\npath: \"about\"\n", 1);
            std::fs::write(zola.join("content/pages/about.md"), about).map_err(|e| io("write", zola, e))?;
            Some(zola.join("content/posts"))
        }
        None => None,
    };
    let bytes: usize = (0..args.posts)
        .into_par_iter()
        .map(|i| -> Result<usize, String> {
            let text = post(args.seed, i, &titles);
            let name = format!("{}.md", titles[i].1);
            let path = posts_dir.join(&name);
            std::fs::write(&path, &text).map_err(|e| io("write", &path, e))?;
            if let Some(dir) = &hugo_posts {
                let path = dir.join(&name);
                std::fs::write(&path, &text).map_err(|e| io("write", &path, e))?;
            }
            if let Some(dir) = &zola_posts {
                let path = dir.join(&name);
                std::fs::write(&path, zola_front_matter(&text)).map_err(|e| io("write", &path, e))?;
            }
            Ok(text.len())
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    eprintln!(
        "wrote {} posts ({:.1} MB of Markdown, seed {}) to {} in {:.2} s",
        args.posts,
        bytes as f64 / 1e6,
        args.seed,
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The post as Zola reads it: its tags belong under `taxonomies:` (Zola refuses a `tags` key at
/// the top of the front matter); everything else is the same bytes.
fn zola_front_matter(post: &str) -> String {
    post.replacen("\ntags: [", "\ntaxonomies:\n  tags: [", 1)
}

fn io(what: &str, path: &Path, e: std::io::Error) -> String {
    format!("cannot {what} {}: {e}", path.display())
}

fn mkdir(path: &Path) -> Result<(), String> {
    std::fs::create_dir_all(path).map_err(|e| io("create", path, e))
}

/// Refuses a non-empty folder unless `force`, in which case the entries this generator writes
/// are removed first (so a smaller corpus does not keep the posts of a bigger one).
fn prepare(dir: &Path, force: bool, ours: &[&str]) -> Result<(), String> {
    let non_empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io("read", dir, e)),
    };
    if non_empty {
        if !force {
            return Err(format!("{} is not empty; pass --force to replace the corpus in it", dir.display()));
        }
        for name in ours {
            let path = dir.join(name);
            let result = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            match result {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io("remove", &path, e)),
            }
        }
    }
    mkdir(dir)
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let rel = entry.path().strip_prefix(from).expect("under the root");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            mkdir(&target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| io("copy", entry.path(), e))?;
        }
    }
    Ok(())
}

const FOLIO_YAML: &str = r#"# Generated by examples/corpus.rs: the benchmark corpus (see docs/performance.md).
title: "The Long View"
description: "Long-form analysis of politics, economics, security and technology."
base_url: "https://bench.example.org/"
language: en
author:
  name: "Bench Analysis Desk"
paginate: 10
words_per_minute: 220
feeds:
  rss: true
  atom: true
  content: full
  limit: 20
highlight:
  light: InspiredGitHub
  dark: base16-ocean.dark
taxonomies: [tags]
"#;

const ABOUT: &str = "---\ntitle: \"About\"\n---\n\nThis site is the generated benchmark corpus of folio. \
Its posts are synthetic long-form analysis pieces written by a seeded generator.\n";

/// A 64-bit mixer (SplitMix64's finaliser), to derive independent per-post seeds.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn rng_for(seed: u64, stream: u64, i: usize) -> Rng {
    Rng::with_seed(mix(mix(seed ^ stream.wrapping_mul(0xA24B_AED4_963E_E407)) ^ i as u64))
}

fn pick<'a>(rng: &mut Rng, xs: &[&'a str]) -> &'a str {
    xs[rng.usize(..xs.len())]
}

fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Unique titles and slugs, in post order (post `i`'s title depends only on posts `0..=i`).
fn titles(n: usize, seed: u64) -> Vec<(String, String)> {
    let mut seen = HashSet::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut rng = rng_for(seed, 1, i);
        let base = title(&mut rng);
        let mut title = base.clone();
        let mut k = 2;
        while !seen.insert(slugify(&title)) {
            title = format!("{base}, Part {k}");
            k += 1;
        }
        let slug = slugify(&title);
        out.push((title, slug));
    }
    out
}

fn title(rng: &mut Rng) -> String {
    let topic = format!("{} {}", pick(rng, TOPIC_ADJ), pick(rng, TOPIC_NOUN));
    let place = pick(rng, PLACES);
    let actor = pick(rng, ACTORS);
    match rng.u8(..8) {
        0 => format!("Why {place}'s {topic} Matters More Than It Seems"),
        1 => format!("{actor} and the Limits of {topic}"),
        2 => format!("What {topic} Means for {place}"),
        3 => format!("The Quiet Shift in {place}'s {topic}"),
        4 => format!("{place}, {actor} and the Cost of {topic}"),
        5 => format!("Reading {actor} on {topic}"),
        6 => format!("{topic} after the {} {}", pick(rng, EVENT_ADJ), pick(rng, EVENTS)),
        _ => format!("How {actor} Rewrote {place}'s {topic}"),
    }
}

/// Zipf-like tag weights: the k-th tag is drawn with weight 1/k.
fn zipf_tag(rng: &mut Rng) -> &'static str {
    // Cumulative weights of 1/k for k = 1..=TAGS.len(), computed on first use.
    static CUMULATIVE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let cumulative = CUMULATIVE.get_or_init(|| {
        let mut sum = 0.0;
        TAGS.iter()
            .enumerate()
            .map(|(k, _)| {
                sum += 1.0 / (k + 1) as f64;
                sum
            })
            .collect()
    });
    let x = rng.f64() * cumulative[cumulative.len() - 1];
    let k = cumulative.partition_point(|&c| c < x).min(TAGS.len() - 1);
    TAGS[k]
}

fn date(rng: &mut Rng) -> String {
    // Days from 2012-01-01 to 2025-06-30, with a time of day.
    let day = rng.u32(0..4929);
    let (mut y, mut d) = (2012u32, day);
    loop {
        let len = if y % 4 == 0 { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let months = [31, if y % 4 == 0 { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{y}-{:02}-{:02}T{:02}:{:02}:00+00:00", m + 1, d + 1, rng.u8(6..22), rng.u8(0..60))
}

/// One post: front matter and body.
fn post(seed: u64, i: usize, titles: &[(String, String)]) -> String {
    let mut rng = rng_for(seed, 2, i);
    let mut out = String::with_capacity(16 * 1024);
    let n_tags = 1 + rng.usize(..4);
    let mut tags: Vec<&str> = Vec::with_capacity(n_tags);
    while tags.len() < n_tags {
        let tag = zipf_tag(&mut rng);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let _ = write!(out, "---\ntitle: \"{}\"\ndate: {}\ndescription: \"", titles[i].0, date(&mut rng));
    let mut w = Writer { rng: &mut rng, out: &mut out, words: 0, footnotes: 0 };
    w.plain_sentence();
    out.push_str("\"\ntags: [");
    for (k, tag) in tags.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "\"{tag}\"");
    }
    out.push_str("]\n---\n\n");
    let target = rng.usize(800..=2350);
    let with_code = rng.u8(..5) == 0;
    let mut w = Writer { rng: &mut rng, out: &mut out, words: 0, footnotes: 0 };
    w.body(target, with_code, i, titles);
    out
}

struct Writer<'a> {
    rng: &'a mut Rng,
    out: &'a mut String,
    words: usize,
    footnotes: usize,
}

impl Writer<'_> {
    fn word(&mut self, s: &str) {
        self.words += s.split(' ').count();
        self.out.push_str(s);
    }

    fn pick(&mut self, xs: &[&'static str]) -> &'static str {
        pick(self.rng, xs)
    }

    fn number(&mut self) -> String {
        match self.rng.u8(..5) {
            0 => format!("{}.{} per cent", self.rng.u8(1..40), self.rng.u8(0..10)),
            1 => format!("€{}bn", self.rng.u16(2..900)),
            2 => format!("{}", self.rng.u16(1990..2025)),
            3 => format!("{},{:03}", self.rng.u16(1..99), self.rng.u16(0..1000)),
            _ => format!("{} million", self.rng.u16(2..400)),
        }
    }

    /// A sentence with no Markdown markup (for descriptions).
    fn plain_sentence(&mut self) {
        let subject = self.pick(SUBJECTS);
        let verb = self.pick(VERBS);
        let adj = self.pick(TOPIC_ADJ).to_lowercase();
        let noun = self.pick(TOPIC_NOUN).to_lowercase();
        let place = self.pick(PLACES);
        let s = format!("{subject} {verb} {place}'s {adj} {noun}");
        self.word(&s);
        self.out.push('.');
    }

    /// A sentence of prose, with occasional inline markup.
    fn sentence(&mut self, link_to: Option<(&str, &str)>) {
        if self.rng.u8(..4) == 0 {
            let c = self.pick(CONNECTORS);
            self.word(c);
            self.out.push(' ');
        }
        let subject = self.pick(SUBJECTS);
        let subject = if self.out.ends_with(". ") || self.out.ends_with('\n') || self.out.is_empty() {
            subject.to_string()
        } else {
            // Lower-case the first letter only: proper nouns later in the phrase stay.
            let mut s = subject.to_string();
            s[..1].make_ascii_lowercase();
            s
        };
        self.word(&subject);
        self.out.push(' ');
        let verb = self.pick(VERBS);
        self.word(verb);
        self.out.push(' ');
        let adj = self.pick(TOPIC_ADJ).to_lowercase();
        let noun = self.pick(TOPIC_NOUN).to_lowercase();
        match self.rng.u8(..12) {
            0 => self.word(&format!("*{adj} {noun}*")),
            1 => self.word(&format!("**{adj}** {noun}")),
            2 => {
                let place = self.pick(PLACES);
                self.word(&format!("{place}'s {adj} {noun}"));
            }
            3 => self.word(&format!("what officials call \"{adj} {noun}\"")),
            _ => self.word(&format!("the {adj} {noun}")),
        }
        let tail = self.rng.u8(..10);
        if tail < 6 {
            let clause = self.pick(CLAUSES);
            self.out.push_str(if clause.starts_with(',') { "" } else { " " });
            self.word(clause);
            self.out.push(' ');
            let x = self.pick(OBJECTS);
            self.word(x);
        }
        if tail == 6 {
            let n = self.number();
            self.out.push_str(", a change of ");
            self.word(&n);
            self.words += 3;
        }
        if let Some((title, slug)) = link_to {
            let _ = write!(self.out, " (see [{title}](/posts/{slug}/))");
            self.words += title.split(' ').count() + 1;
        } else if self.rng.u8(..25) == 0 {
            let site = self.pick(SOURCES);
            let _ = write!(
                self.out,
                ", as [{site}](https://{}.example.org/reports/{}) reported",
                slugify(site),
                self.rng.u32(1000..99999)
            );
            self.words += 3;
        }
        if self.rng.u8(..30) == 0 {
            self.footnotes += 1;
            let _ = write!(self.out, "[^{}]", self.footnotes);
        }
        self.out.push_str(if self.rng.u8(..40) == 0 { " --- and the point matters. " } else { ". " });
    }

    fn paragraph(&mut self, link_to: Option<(&str, &str)>) {
        let n = self.rng.usize(3..8);
        let at = self.rng.usize(..n);
        for k in 0..n {
            self.sentence(if k == at { link_to } else { None });
        }
        self.out.pop();
        self.out.push_str("\n\n");
    }

    fn list(&mut self) {
        let ordered = self.rng.bool();
        for k in 1..=self.rng.usize(3..7) {
            if ordered {
                let _ = write!(self.out, "{k}. ");
            } else {
                self.out.push_str("- ");
            }
            let adj = self.pick(TOPIC_ADJ);
            let noun = self.pick(TOPIC_NOUN).to_lowercase();
            self.word(&format!("**{adj} {noun}:** "));
            self.sentence(None);
            self.out.pop();
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn table(&mut self) {
        let cols = self.rng.usize(3..7);
        let rows = self.rng.usize(4..13);
        let first = self.rng.u16(1995..2015);
        self.out.push_str("| Country |");
        for c in 0..cols - 1 {
            let _ = write!(self.out, " {} |", first + c as u16 * 2);
        }
        self.out.push_str("\n| --- |");
        for _ in 0..cols - 1 {
            self.out.push_str(" ---: |");
        }
        self.out.push('\n');
        for _ in 0..rows {
            let place = self.pick(PLACES);
            let _ = write!(self.out, "| {place} |");
            for _ in 0..cols - 1 {
                let _ = write!(self.out, " {}.{} |", self.rng.u16(0..120), self.rng.u8(0..10));
            }
            self.out.push('\n');
            self.words += cols;
        }
        self.out.push('\n');
        let source = self.pick(SOURCES);
        let _ = write!(self.out, "*Source: {source}, author's calculations.*\n\n");
    }

    fn quote(&mut self) {
        self.out.push_str("> ");
        self.sentence(None);
        self.sentence(None);
        self.out.pop();
        let actor = self.pick(ACTORS);
        let _ = write!(self.out, "\n>\n> --- {actor}\n\n");
    }

    fn code(&mut self) {
        let lang = self.rng.usize(..CODE.len());
        let (name, lines) = CODE[lang];
        let _ = writeln!(self.out, "```{name}");
        let repeat = self.rng.usize(1..4);
        for r in 0..repeat {
            for line in lines {
                let n = self.rng.u16(1..1000);
                let line = line.replace("{n}", &n.to_string()).replace("{r}", &r.to_string());
                self.out.push_str(&line);
                self.out.push('\n');
            }
        }
        self.out.push_str("```\n\n");
    }

    fn body(&mut self, target: usize, with_code: bool, i: usize, titles: &[(String, String)]) {
        // Links to earlier posts: the 1,000-post corpus stays a prefix of bigger ones.
        let link = |rng: &mut Rng| -> Option<(String, String)> {
            (i > 0 && rng.u8(..3) == 0).then(|| titles[rng.usize(..i)].clone())
        };
        let l = link(self.rng);
        self.paragraph(l.as_ref().map(|(t, s)| (t.as_str(), s.as_str())));
        self.paragraph(None);
        let mut sections = 0;
        let mut tables = 0;
        let mut codes = 0;
        while self.words < target {
            sections += 1;
            let h = format!("{} {}", self.pick(HEADINGS), self.pick(TOPIC_NOUN).to_lowercase());
            let _ = write!(self.out, "## {h}\n\n");
            self.words += h.split(' ').count();
            for _ in 0..self.rng.usize(1..4) {
                if self.words >= target {
                    break;
                }
                let l = link(self.rng);
                self.paragraph(l.as_ref().map(|(t, s)| (t.as_str(), s.as_str())));
            }
            match self.rng.u8(..8) {
                0 | 1 => self.list(),
                2 if tables < 2 => {
                    tables += 1;
                    self.table();
                }
                3 => self.quote(),
                4 => {
                    let h = format!("{} {}", self.pick(TOPIC_ADJ), self.pick(TOPIC_NOUN).to_lowercase());
                    let _ = write!(self.out, "### {h}\n\n");
                    self.paragraph(None);
                }
                _ => {}
            }
            if with_code && (codes == 0 || (codes < 3 && self.rng.u8(..3) == 0)) && sections > 1 {
                codes += 1;
                self.paragraph(None);
                self.code();
            }
        }
        if with_code && codes == 0 {
            self.code();
        }
        if tables == 0 && self.rng.u8(..2) == 0 {
            self.table();
        }
        if self.footnotes > 0 {
            for k in 1..=self.footnotes {
                let _ = write!(self.out, "[^{k}]: ");
                self.sentence(None);
                self.out.pop();
                self.out.push('\n');
            }
        }
    }
}

const TOPIC_ADJ: &[&str] = &[
    "Fiscal",
    "Monetary",
    "Energy",
    "Grid",
    "Defence",
    "Border",
    "Trade",
    "Housing",
    "Labour",
    "Industrial",
    "Climate",
    "Digital",
    "Migration",
    "Pension",
    "Banking",
    "Agricultural",
    "Maritime",
    "Nuclear",
    "Electoral",
    "Judicial",
    "Regional",
    "Urban",
    "Health",
    "Tax",
    "Water",
    "Rail",
    "Semiconductor",
    "Cyber",
    "Space",
    "Fertiliser",
    "Gas",
    "Coal",
    "Wind",
    "Solar",
    "Sovereign",
    "Coalition",
    "Constitutional",
    "Security",
    "Supply-Chain",
    "Inflation",
];

const TOPIC_NOUN: &[&str] = &[
    "Policy",
    "Strategy",
    "Reform",
    "Consensus",
    "Deficit",
    "Doctrine",
    "Compact",
    "Guarantees",
    "Bargain",
    "Resilience",
    "Dependence",
    "Subsidies",
    "Tariffs",
    "Outlook",
    "Ambitions",
    "Gamble",
    "Stalemate",
    "Bottleneck",
    "Transition",
    "Debate",
    "Rules",
    "Targets",
    "Mandate",
    "Budget",
    "Crisis",
    "Recovery",
    "Divide",
    "Realignment",
    "Pivot",
    "Settlement",
    "Agenda",
    "Backlash",
    "Trade-Offs",
    "Red Lines",
    "Safeguards",
    "Leverage",
];

const PLACES: &[&str] = &[
    "Germany",
    "France",
    "Poland",
    "Italy",
    "Spain",
    "Sweden",
    "Finland",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Romania",
    "Hungary",
    "Czechia",
    "Slovakia",
    "Austria",
    "the Netherlands",
    "Belgium",
    "Denmark",
    "Norway",
    "Ireland",
    "Portugal",
    "Greece",
    "Turkey",
    "Ukraine",
    "Moldova",
    "Georgia",
    "Britain",
    "Japan",
    "Korea",
    "India",
    "Brazil",
    "Mexico",
    "Canada",
    "Australia",
    "Chile",
    "Kazakhstan",
    "Egypt",
    "Nigeria",
    "Kenya",
    "Indonesia",
    "Vietnam",
    "Taiwan",
    "Serbia",
    "Croatia",
    "Bulgaria",
    "Slovenia",
    "Iceland",
    "Switzerland",
];

const ACTORS: &[&str] = &[
    "Brussels",
    "Berlin",
    "Paris",
    "Warsaw",
    "Washington",
    "Beijing",
    "Moscow",
    "Kyiv",
    "Ankara",
    "Tokyo",
    "the Commission",
    "the ECB",
    "the Bundesbank",
    "NATO",
    "the IMF",
    "the OECD",
    "Parliament",
    "the Treasury",
    "the Council",
    "Central Bankers",
    "Voters",
    "Industry",
    "the Unions",
    "the Courts",
    "Regulators",
];

const EVENT_ADJ: &[&str] = &["Spring", "Autumn", "Snap", "Long", "Second", "Lost", "Disputed", "Narrow"];
const EVENTS: &[&str] = &["Election", "Summit", "Budget", "Ruling", "Shock", "Referendum", "Ceasefire", "Downturn"];

const SUBJECTS: &[&str] = &[
    "The government",
    "The central bank",
    "Parliament",
    "The finance ministry",
    "The opposition",
    "The ruling coalition",
    "The economics profession",
    "The regional government",
    "The defence ministry",
    "The export lobby",
    "Energy-intensive industry",
    "Smaller member states",
    "The new chancellor",
    "The prime minister",
    "The bond market",
    "The typical household",
    "The constitutional court",
    "The city council",
    "The grid operator",
    "The largest union",
    "The European Commission",
    "The investment community",
    "The audit office",
    "The plan's chief critic",
    "Its main sponsor",
    "The latest survey",
    "A leaked memo",
    "The budget office",
    "The mission in Brussels",
    "A think tank in Warsaw",
    "The chancellery in Berlin",
    "The chief negotiator",
    "The regulator",
    "The farmers' lobby",
];

const VERBS: &[&str] = &[
    "quietly abandoned",
    "may yet revisit",
    "underestimated",
    "kept returning to",
    "has yet to price in",
    "cannot easily reverse",
    "now openly questions",
    "doubled down on",
    "struggled to fund",
    "was slow to accept",
    "is betting heavily on",
    "reframed",
    "remains divided over",
    "will have to renegotiate",
    "largely ignored",
    "depends more than ever on",
    "misread",
    "began to unwind",
    "wants to accelerate",
    "still defends",
];

const CLAUSES: &[&str] = &[
    "despite",
    "because of",
    "in the shadow of",
    "at the expense of",
    "without resolving",
    ", which complicates",
    ", not least because of",
    "well before",
    "in response to",
    ", even as it weighs",
    "alongside",
    "ahead of",
];

const OBJECTS: &[&str] = &[
    "last year's energy shock",
    "a tighter labour market",
    "rising borrowing costs",
    "the coming election",
    "pressure from its neighbours",
    "the court's ruling",
    "a shrinking workforce",
    "weak productivity growth",
    "the new fiscal rules",
    "the collapse of the old consensus",
    "mounting arrears",
    "a fragile coalition",
    "the war next door",
    "slowing exports to China",
    "the subsidy race with Washington",
    "falling turnout",
    "a wave of strikes",
    "higher defence spending",
    "the rating agencies",
    "an ageing electorate",
];

const CONNECTORS: &[&str] = &[
    "However,",
    "In practice,",
    "By contrast,",
    "Meanwhile,",
    "Crucially,",
    "Even so,",
    "At the same time,",
    "For now,",
    "Unsurprisingly,",
    "In other words,",
    "Put differently,",
    "Still,",
    "On paper,",
];

const HEADINGS: &[&str] = &[
    "Why it matters:",
    "The politics of",
    "What the numbers say about",
    "A closer look at",
    "The case against",
    "The case for",
    "Winners and losers of",
    "Lessons from",
    "The hidden cost of",
    "Where next for",
    "Measuring",
    "The long history of",
    "Three scenarios for",
    "Misreading",
];

const SOURCES: &[&str] = &[
    "Eurostat",
    "the OECD",
    "the IMF",
    "the World Bank",
    "the ECB",
    "Bruegel",
    "the Kiel Institute",
    "the Financial Times",
    "Reuters",
    "Politico Europe",
    "the national statistics office",
    "Ember",
    "the IEA",
];

const CODE: &[(&str, &[&str])] = &[
    (
        "python",
        &[
            "import pandas as pd",
            "",
            "df{r} = pd.read_csv(\"data/series_{n}.csv\", parse_dates=[\"date\"])",
            "monthly = df{r}.set_index(\"date\").resample(\"M\").mean()",
            "# Year-on-year change, in per cent",
            "monthly[\"yoy\"] = monthly[\"value\"].pct_change(12) * 100",
            "print(monthly.tail({n} % 12 + 3).round(2))",
        ],
    ),
    (
        "r",
        &[
            "library(dplyr)",
            "panel_{r} <- read.csv(\"panel_{n}.csv\")",
            "model <- lm(turnout ~ gdp_growth + unemployment, data = panel_{r})",
            "summary(model)$coefficients[, 1:2]",
            "panel_{r} %>% group_by(region) %>% summarise(mean = mean(turnout, na.rm = TRUE))",
        ],
    ),
    (
        "sql",
        &[
            "SELECT country, EXTRACT(year FROM period) AS year,",
            "       SUM(imports_eur) / 1e9 AS imports_bn",
            "FROM trade_flows_{r}",
            "WHERE partner = 'CN' AND period >= DATE '20{n}-01-01'",
            "GROUP BY country, year",
            "ORDER BY imports_bn DESC",
            "LIMIT {n};",
        ],
    ),
    (
        "rust",
        &[
            "fn rolling_mean(xs: &[f64], window: usize) -> Vec<f64> {",
            "    // Window of {n} observations at most.",
            "    xs.windows(window.min({n}))",
            "        .map(|w| w.iter().sum::<f64>() / w.len() as f64)",
            "        .collect()",
            "}",
        ],
    ),
    (
        "javascript",
        &[
            "const series{r} = await fetch(`/data/prices-${year}.json`).then((r) => r.json());",
            "const peak = Math.max(...series{r}.map((d) => d.value));",
            "console.log(`peak: ${peak.toFixed(2)} after {n} days`);",
        ],
    ),
    (
        "bash",
        &[
            "#!/usr/bin/env bash",
            "set -euo pipefail",
            "for year in $(seq 2010 2024); do",
            "  curl -sSfo \"raw/$year-{n}.csv\" \"https://example.org/api/series?year=$year&id={n}\"",
            "done",
            "wc -l raw/*.csv | tail -n 1",
        ],
    ),
    (
        "json",
        &[
            "{",
            "  \"series\": \"gas_storage_{r}\",",
            "  \"unit\": \"TWh\",",
            "  \"values\": [{n}, 512.4, 498.1, 470.0],",
            "  \"source\": \"AGSI+\"",
            "}",
        ],
    ),
    (
        "yaml",
        &[
            "model:",
            "  name: scenario-{r}",
            "  horizon: {n}",
            "  shocks:",
            "    - gas_price: +40%",
            "    - interest_rate: +150bp",
        ],
    ),
    (
        "go",
        &[
            "func weightedShare(votes map[string]int, seats int) map[string]float64 {",
            "\ttotal := 0",
            "\tfor _, v := range votes {",
            "\t\ttotal += v",
            "\t}",
            "\tout := make(map[string]float64, len(votes))",
            "\tfor party, v := range votes {",
            "\t\tout[party] = float64(v*seats) / float64(total+{n})",
            "\t}",
            "\treturn out",
            "}",
        ],
    ),
];

/// 200 tags, in order of frequency (tag k is drawn with weight 1/k).
const TAGS: &[&str] = &[
    "Europe",
    "Economy",
    "Security",
    "Energy",
    "Politics",
    "NATO",
    "Germany",
    "Ukraine",
    "Russia",
    "Elections",
    "Inflation",
    "France",
    "Defence",
    "China",
    "Trade",
    "Climate",
    "Poland",
    "Migration",
    "Budget",
    "United States",
    "Central Banks",
    "Italy",
    "Labour",
    "Industry",
    "Gas",
    "Britain",
    "Spain",
    "Baltic",
    "Nordics",
    "Technology",
    "Housing",
    "Debt",
    "Taxes",
    "Populism",
    "Courts",
    "Diplomacy",
    "Sanctions",
    "Turkey",
    "Balkans",
    "Agriculture",
    "Pensions",
    "Banking",
    "Semiconductors",
    "Nuclear",
    "Renewables",
    "Grid",
    "Hungary",
    "Romania",
    "Netherlands",
    "Sweden",
    "Finland",
    "Black Sea",
    "Arctic",
    "Cyber",
    "Space",
    "Demography",
    "Health",
    "Education",
    "Transport",
    "Rail",
    "Shipping",
    "Ports",
    "Oil",
    "LNG",
    "Hydrogen",
    "Coal",
    "Wind",
    "Solar",
    "Batteries",
    "Cars",
    "Steel",
    "Chemicals",
    "Fertiliser",
    "Food Prices",
    "Water",
    "Drought",
    "Floods",
    "Wildfires",
    "Insurance",
    "Bonds",
    "Euro",
    "ECB",
    "IMF",
    "OECD",
    "World Bank",
    "G7",
    "G20",
    "WTO",
    "United Nations",
    "Middle East",
    "Israel",
    "Iran",
    "Gulf",
    "Egypt",
    "Africa",
    "Sahel",
    "Nigeria",
    "Kenya",
    "Ethiopia",
    "South Africa",
    "India",
    "Pakistan",
    "Japan",
    "Korea",
    "Taiwan",
    "Southeast Asia",
    "Indonesia",
    "Vietnam",
    "Australia",
    "Canada",
    "Mexico",
    "Brazil",
    "Argentina",
    "Chile",
    "Venezuela",
    "Central Asia",
    "Kazakhstan",
    "Caucasus",
    "Georgia",
    "Armenia",
    "Azerbaijan",
    "Moldova",
    "Belarus",
    "Serbia",
    "Kosovo",
    "Bosnia",
    "Croatia",
    "Slovenia",
    "Austria",
    "Switzerland",
    "Belgium",
    "Ireland",
    "Portugal",
    "Greece",
    "Cyprus",
    "Malta",
    "Denmark",
    "Norway",
    "Iceland",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Czechia",
    "Slovakia",
    "Bulgaria",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Catalonia",
    "Bavaria",
    "Regions",
    "Cities",
    "Local Government",
    "Parliaments",
    "Constitutions",
    "Referendums",
    "Coalitions",
    "Parties",
    "Far Right",
    "Greens",
    "Social Democrats",
    "Liberals",
    "Conservatives",
    "Trade Unions",
    "Strikes",
    "Wages",
    "Productivity",
    "Competition",
    "State Aid",
    "Subsidies",
    "Tariffs",
    "Supply Chains",
    "Critical Minerals",
    "Rare Earths",
    "Data",
    "AI",
    "Platforms",
    "Privacy",
    "Disinformation",
    "Media",
    "Press Freedom",
    "Rule of Law",
    "Corruption",
    "Organised Crime",
    "Policing",
    "Borders",
    "Asylum",
    "Refugees",
    "Integration",
    "Citizenship",
    "Religion",
    "Culture",
    "Aviation",
    "Drones",
    "Munitions",
    "Air Defence",
    "Navies",
    "Conscription",
    "Intelligence",
    "Arms Control",
];
