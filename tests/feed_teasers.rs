//! A full-content feed entry whose body is the article followed directly
//! by six teasers ("more stories", headline + cut-off snippet): the
//! entry's content is cleaned by the same stripper as pages
//! (`feed::clean_entry`), so no teaser may remain, whatever the teasers'
//! shape. The shapes are those of the golden fixtures `seed-teasers-*`.

use gleaner::feed::{clean_entry, parse_feed};
use gleaner::Extractor;
use url::Url;

/// The seed article: its title, its eleven paragraphs and its six
/// teasers (headline, snippet as the seed has it).
struct Seed {
    title: String,
    paragraphs: Vec<String>,
    teasers: Vec<(String, String)>,
}

fn seed() -> Seed {
    let path = format!(
        "{}/tests/fixtures/seed-article.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("seed article");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines[12], "Newsletter", "seed layout changed");
    Seed {
        title: lines[0].to_string(),
        paragraphs: lines[1..12].iter().map(|s| s.to_string()).collect(),
        teasers: lines[13..25]
            .chunks(2)
            .map(|c| (c[0].to_string(), c[1].to_string()))
            .collect(),
    }
}

/// `snippet` cut to at most `max` characters at a word boundary, with
/// `ellipsis` after it.
fn cut(snippet: &str, max: usize, ellipsis: &str) -> String {
    let base = snippet.trim_end_matches(['.', '…']).trim_end();
    let mut out = String::new();
    for word in base.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim_end_matches([',', ';', ':']);
    format!("{out}{ellipsis}")
}

/// The four teaser shapes.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// `<h3>` headline, a snippet of about 60 characters with "...",
    /// shorter than its headline.
    ShortSnippets,
    /// `<h3>` headline, a few words cut with "…".
    UnicodeEllipsis,
    /// `<h2>` headline, a snippet of about 45 characters with "...".
    H2,
    /// `<div><h4>headline</h4><p>snippet...</p></div>`.
    DivH4,
}

fn teaser_html(shape: Shape, headline: &str, snippet: &str) -> String {
    match shape {
        Shape::ShortSnippets => format!("<h3>{headline}</h3><p>{}</p>", cut(snippet, 54, "...")),
        Shape::UnicodeEllipsis => format!("<h3>{headline}</h3><p>{}</p>", cut(snippet, 32, "…")),
        Shape::H2 => format!("<h2>{headline}</h2><p>{}</p>", cut(snippet, 42, "...")),
        Shape::DivH4 => format!(
            "<div><h4>{headline}</h4><p>{}</p></div>",
            cut(snippet, 37, "...")
        ),
    }
}

const SHAPES: [Shape; 4] = [
    Shape::ShortSnippets,
    Shape::UnicodeEllipsis,
    Shape::H2,
    Shape::DivH4,
];

/// An RSS 2.0 feed with one entry per shape, each entry's
/// `content:encoded` the article followed directly by its six teasers.
fn feed_xml(seed: &Seed) -> String {
    let article: String = seed
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    let mut items = String::new();
    for (i, shape) in SHAPES.iter().enumerate() {
        let teasers: String = seed
            .teasers
            .iter()
            .map(|(h, s)| teaser_html(*shape, &escape(h), &escape(s)) + "\n")
            .collect();
        items.push_str(&format!(
            "<item><title>{title}</title><link>https://example.com/world/cyber-talks-{i}</link>\
             <guid>cyber-talks-{i}</guid><pubDate>Tue, 14 Jun 2016 08:00:00 GMT</pubDate>\
             <description>Chinese and American officials held talks on cybersecurity.</description>\
             <content:encoded><![CDATA[{article}{teasers}]]></content:encoded></item>\n",
            title = escape(&seed.title),
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
         <channel><title>Eastern Wire</title><link>https://example.com/</link>\
         <description>News from the region</description>\n{items}</channel></rss>\n"
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn full_content_entries_lose_teasers_of_every_shape() {
    let seed = seed();
    // What makes these teasers: snippets shorter than their headlines, or
    // under 50 characters, which a rule wanting a long snippet under a
    // shorter headline would miss.
    for (headline, snippet) in &seed.teasers {
        let short = cut(snippet, 54, "...");
        assert!(short.chars().count() <= 60 && short.chars().count() < headline.chars().count());
        for (max, ellipsis) in [(32, "…"), (42, "..."), (37, "...")] {
            assert!(cut(snippet, max, ellipsis).chars().count() < 50);
        }
    }
    let xml = feed_xml(&seed);
    let feed_url = Url::parse("https://example.com/feed.xml").unwrap();
    let feed = parse_feed(xml.as_bytes(), Some(&feed_url)).expect("the feed parses");
    assert_eq!(feed.entries.len(), SHAPES.len());
    let extractor = Extractor::default();
    let mut failures = Vec::new();
    for (entry, shape) in feed.entries.iter().zip(SHAPES) {
        let html = entry.body_html().expect("content:encoded is read");
        assert!(
            html.contains(&seed.teasers[0].0),
            "{shape:?}: the entry's content holds the teasers before cleaning"
        );
        let article = clean_entry(&extractor, entry)
            .expect("the entry has HTML")
            .expect("the entry's HTML is extracted");
        for (headline, _) in &seed.teasers {
            if article.text.contains(headline.as_str()) {
                failures.push(format!("{shape:?}: teaser headline kept: {headline:?}"));
            }
        }
        for p in &seed.paragraphs {
            if !article.text.contains(p.as_str()) {
                failures.push(format!("{shape:?}: article paragraph lost: {p:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
