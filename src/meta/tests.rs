//! Tests of the whole reader with a fixed fetch time.

use super::*;
use crate::config::Limits;

fn at(html: &str, url: Option<&str>, now: &str) -> Metadata {
    let dom = Dom::parse(html, &Limits::default());
    let url = url.map(|u| Url::parse(u).unwrap());
    let now = DateTime::parse_from_rfc3339(now)
        .unwrap()
        .with_timezone(&Utc);
    read_at(&dom, url.as_ref(), now)
}

#[test]
fn basic_head() {
    let m = at(
        "<html lang=en><head><title>Rain returns to the valley | The Daily</title></head><body><p>x</p></body></html>",
        None,
        "2024-06-01T00:00:00Z",
    );
    assert_eq!(m.title.as_deref(), Some("Rain returns to the valley"));
    assert_eq!(m.language.as_deref(), Some("en"));
}

#[test]
fn dates_after_the_fetch_time_are_refused() {
    let html = r#"<html><head>
        <meta property="article:published_time" content="2024-06-02T10:00:00Z">
        <meta property="article:modified_time" content="2024-06-03T10:00:00Z">
        </head><body><article><h1>Dated</h1>
        <time datetime="2024-05-30">30 May</time><p>Text.</p></article></body></html>"#;
    let m = at(html, None, "2024-06-01T00:00:00Z");
    assert_eq!(m.published, Timestamp::parse("2024-05-30"));
    assert_eq!(m.sources.published, Some(MetaSource::Dom));
    assert_eq!(m.modified, None);
    let m = at(html, None, "2024-07-01T00:00:00Z");
    assert_eq!(m.published, Timestamp::parse("2024-06-02T10:00:00Z"));
    assert_eq!(m.modified, Timestamp::parse("2024-06-03T10:00:00Z"));
}

#[test]
fn huge_and_deep_json_ld_is_survived() {
    let huge = format!(
        r#"<script type="application/ld+json">{{"@type":"Article","headline":"{}"}}</script>"#,
        "x".repeat(10 << 20)
    );
    let deep = format!(
        r#"<script type="application/ld+json">{}</script>"#,
        "{\"a\":".repeat(50_000)
    );
    let html = format!(
        "<html><head>{huge}{deep}<title>Plain title of the page</title></head><body></body></html>"
    );
    let m = at(&html, None, "2024-06-01T00:00:00Z");
    assert_eq!(m.title.as_deref(), Some("Plain title of the page"));
}

#[test]
fn copyright_years_and_footer_updates_are_no_dates() {
    let html = r#"<html><body><article><h1>Undated guide</h1><p>Text of the guide.</p></article>
        <footer><span class="date">Last updated March 3, 2024</span> © 2024 Site</footer></body></html>"#;
    let m = at(html, None, "2025-01-01T00:00:00Z");
    assert_eq!(m.published, None);
    assert_eq!(m.modified, None);
}

#[test]
fn relative_urls_are_made_absolute_against_base() {
    let html = r#"<html><head><base href="/static/">
        <meta property="og:image" content="img/lead.jpg">
        <link rel="canonical" href="https://site.example/story"></head><body></body></html>"#;
    let m = at(
        html,
        Some("https://site.example/a/b"),
        "2025-01-01T00:00:00Z",
    );
    assert_eq!(
        m.image.map(|u| u.to_string()).as_deref(),
        Some("https://site.example/static/img/lead.jpg")
    );
    assert_eq!(
        m.canonical_url.map(|u| u.to_string()).as_deref(),
        Some("https://site.example/story")
    );
}

/// Cost of reading the metadata of the Readability pages, when present,
/// with the document warm in the cache as it is after the other stages:
/// `cargo test --release --lib metadata_cost -- --ignored --nocapture`.
#[test]
#[ignore]
fn metadata_cost() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/datasets/readability-dev"
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let pages: Vec<(String, Dom)> = entries
        .filter_map(|e| {
            let path = e.ok()?.path();
            let html = std::fs::read_to_string(path.join("source.html")).ok()?;
            let name = path.file_name()?.to_string_lossy().to_string();
            Some((name, Dom::parse(&html, &Limits::default())))
        })
        .collect();
    let now = DateTime::<Utc>::from(SystemTime::now());
    let rounds = 20;
    let mut total = std::time::Duration::ZERO;
    let mut times = Vec::new();
    for (name, dom) in &pages {
        std::hint::black_box(read_at(dom, None, now));
        let start = std::time::Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(read_at(dom, None, now));
        }
        let t = start.elapsed() / rounds;
        total += t;
        times.push((t, name));
    }
    times.sort();
    let doms = &times;
    eprintln!(
        "{} pages: mean {:?}, median {:?}, max {:?} per page",
        doms.len(),
        total / doms.len() as u32,
        times[times.len() / 2].0,
        times[times.len() - 1]
    );
}

#[test]
fn a_list_of_microdata_headlines_is_no_title() {
    let html = r#"<html><head><title>Front page of The Daily Planet</title></head><body>
        <div itemscope><h2 itemprop="headline">First story in the list</h2></div>
        <div itemscope><h2 itemprop="headline">Second story in the list</h2></div></body></html>"#;
    let m = at(html, None, "2025-01-01T00:00:00Z");
    assert_eq!(m.title.as_deref(), Some("Front page of The Daily Planet"));
    assert_eq!(m.sources.title, Some(MetaSource::Dom));
}

/// Regression: `<h1>Headline<script>var x = 1;</script></h1>` (found by
/// tests/prop_extract.rs) gave the script's code as part of the title.
#[test]
fn scripts_in_the_headline_are_not_its_text() {
    let html = "<html><head><title>Rain returns | The Daily</title></head><body>\
        <h1>Rain returns<script>var tracking = 1;</script><style>.x{}</style></h1></body></html>";
    let article = crate::extract(html).unwrap();
    assert_eq!(article.title.as_deref(), Some("Rain returns"));
}

#[test]
fn a_name_is_the_same_within_a_longer_headline() {
    assert!(same_name("Trail 25 Pack", "REI Co-op Trail 25 Pack"));
    assert!(same_name(
        "KALLAX Shelf unit - white",
        "KALLAX  shelf unit, white"
    ));
    assert!(!same_name("Marketing Hub", "Marketing Software"));
    // Words must match whole: "Pack" is not in "Backpacks".
    assert!(!same_name("Pack", "Hiking Backpacks"));
    // Too short to name a page.
    assert!(!same_name("Go", "Go Pro Hero 12"));
    // A category's headline does not name a product in it.
    assert!(!same_name("Running Shoes", "Nike Pegasus 41 Running Shoes"));
}
