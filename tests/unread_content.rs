//! Skipping the content no stage reads (`UnreadContent::Skip`, the
//! default) gives the same article, field for field, as parsing it: on
//! every HTML page of the repository's fixtures and examples, and on
//! pages built around what the skipping pass must not lose.

use std::fs;
use std::path::{Path, PathBuf};

use gleaner::{Config, Extractor, Page, UnreadContent};

/// The whole article under both settings, as its `Debug` text.
fn both(html: &[u8]) -> (String, String) {
    let run = |unread| {
        let extractor = Extractor::new(Config::new().unread_content(unread));
        format!("{:?}", extractor.extract(&Page::bytes(html)))
    };
    (run(UnreadContent::Skip), run(UnreadContent::Parse))
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_page_gives_the_same_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    html_files(&root.join("tests/fixtures"), &mut pages);
    html_files(&root.join("examples/pages"), &mut pages);
    assert!(pages.len() >= 50, "only {} pages found", pages.len());
    let differ: Vec<_> = pages
        .iter()
        .filter(|p| {
            let (skipped, parsed) = both(&fs::read(p).unwrap());
            skipped != parsed
        })
        .collect();
    assert!(differ.is_empty(), "articles differ on {differ:?}");
}

#[test]
fn pages_built_around_the_skipped_content_give_the_same_article() {
    let body = "<p>The council voted on Tuesday to restore the market hall roof, \
                a project that has waited eleven years for its funding.</p>"
        .repeat(4);
    let cases = [
        // JSON-LD whose type is spelled with a character reference.
        r#"<script type="application/ld&#x2B;json">{"@type":"NewsArticle",
           "headline":"Roof","author":{"@type":"Person","name":"Ann Lee"},
           "datePublished":"2024-05-01T10:00:00Z"}</script>"#,
        // A navigation bar whose icons draw text (the report quotes it).
        r#"<nav><a href="/">Home</a><svg><text>FM</text></svg>
           <svg><path d="M0 0"/></svg><a href="/news">News</a></nav>"#,
        // Comments, styles and scripts, some of them in doubt.
        r#"<style>p{}</style><!-- x --><script>if (a < b) c();</script>
           <script><!-- <script></script> --></script><!-- y --!>"#,
    ];
    let differ: Vec<_> = cases
        .iter()
        .enumerate()
        .filter(|(_, chrome)| {
            let page = format!(
                "<html><head><title>Roof</title>{chrome}</head>\
                 <body>{chrome}<article>{body}</article></body></html>"
            );
            let (skipped, parsed) = both(page.as_bytes());
            skipped != parsed
        })
        .map(|(i, _)| i)
        .collect();
    assert!(differ.is_empty(), "articles differ in cases {differ:?}");
}
