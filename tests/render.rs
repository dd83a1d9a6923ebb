//! Golden fixtures for the renderings: one folder per construct under
//! `tests/fixtures/render/<case>/`, holding `source.html`, a `README.md`
//! saying why the case exists, and any of `expected.md`, `expected.html`,
//! `expected.txt`. Each page is extracted as if fetched from
//! [`BASE`], so relative links resolve against it.
//!
//! With `GLEANER_BLESS=1`, every rendering that differs from its expected
//! file (or has none) is written beside it as `expected.<ext>.actual` for
//! review; expected files are never overwritten, and the test still fails.

use std::fs;
use std::path::{Path, PathBuf};

use gleaner::{Article, Extractor, Page};

const BASE: &str = "https://example.com/news/story.html";

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn extract(dir: &Path) -> Article {
    let source = fs::read_to_string(dir.join("source.html")).expect("source.html");
    let page = Page::html(source).with_url(BASE).expect("base url");
    Extractor::default().extract(&page).expect("extraction")
}

#[test]
fn renderings_match_golden_files() {
    let bless = std::env::var_os("GLEANER_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 7, "fixtures missing: {}", cases.len());
    for dir in &cases {
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        assert!(dir.join("README.md").is_file(), "{name}: README.md missing");
        let article = extract(dir);
        let mut checked = 0;
        for (ext, actual) in [
            ("md", &article.markdown),
            ("html", &article.html),
            ("txt", &article.text),
        ] {
            let expected_path = dir.join(format!("expected.{ext}"));
            let expected = fs::read_to_string(&expected_path).ok();
            if let Some(e) = &expected {
                checked += 1;
                if e.trim_end_matches('\n') == actual {
                    continue;
                }
                failures.push(format!(
                    "{name}/expected.{ext} differs\n--- expected\n{e}\n--- actual\n{actual}\n"
                ));
            }
            if bless {
                let path = dir.join(format!("expected.{ext}.actual"));
                fs::write(&path, format!("{actual}\n")).expect("write actual");
            }
        }
        assert!(
            checked >= 2,
            "{name}: needs expected.md and expected.html or .txt"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn figure_image_is_listed_with_alt_and_caption() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/figure-caption");
    let article = extract(&dir);
    assert_eq!(article.images.len(), 1);
    let image = &article.images[0];
    assert_eq!(image.url.as_str(), "https://example.com/media/heron.jpg");
    assert_eq!(
        image.alt.as_deref(),
        Some("A grey heron standing in shallow water")
    );
    assert_eq!(
        image.caption.as_deref(),
        Some("A grey heron waits for fish at the river mouth.")
    );
    assert_eq!(article.lead_image.as_ref(), Some(image));
    assert!(article.word_count > 40);
    assert!(article.reading_time().as_secs() >= 60);
}

#[test]
fn lazy_images_are_listed_once_each() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/lazy-images");
    let urls: Vec<String> = extract(&dir)
        .images
        .iter()
        .map(|i| i.url.to_string())
        .collect();
    assert_eq!(
        urls,
        [
            "https://example.com/img/one.jpg",
            "https://example.com/img/two-480.jpg",
            "https://example.com/img/three.jpg",
            "https://cdn.example.net/four.jpg",
            "https://example.com/img/five.webp",
        ]
    );
}

#[test]
fn links_and_images_can_be_turned_off_and_links_listed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/link-punctuation");
    let source = fs::read_to_string(dir.join("source.html")).expect("source.html");
    let config = gleaner::Config::new().links(false).link_list(true);
    let page = Page::html(source.as_str())
        .with_url(BASE)
        .expect("base url");
    let article = Extractor::new(config).extract(&page).expect("extraction");
    assert!(!article.markdown.contains("]("), "{}", article.markdown);
    assert!(!article.html.contains("<a "), "{}", article.html);
    assert!(!article.html.contains("<a>"), "{}", article.html);
    assert!(article
        .links
        .iter()
        .any(|l| l.text == "national agency" && l.url.as_str() == "https://agency.example.org/"));

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/figure-caption");
    let source = fs::read_to_string(dir.join("source.html")).expect("source.html");
    let page = Page::html(source.as_str())
        .with_url(BASE)
        .expect("base url");
    let article = Extractor::new(gleaner::Config::new().images(false))
        .extract(&page)
        .expect("extraction");
    assert!(
        !article.markdown.contains("heron.jpg"),
        "{}",
        article.markdown
    );
    assert!(
        !article.markdown.contains("waits for fish"),
        "{}",
        article.markdown
    );
    assert!(!article.html.contains("waits for fish"), "{}", article.html);
    assert!(!article.html.contains("<img"), "{}", article.html);
    assert_eq!(article.images.len(), 1, "images are listed either way");
}

#[test]
fn deep_nesting_renders_without_recursion() {
    let n = 2_000;
    let html = format!(
        "<body><article><p>{}</p>{}<em>deep words, many of them, enough to matter as a paragraph of their own.</em>{}</article></body>",
        "A paragraph long enough to be chosen as the article, with a comma, and a full stop.",
        "<blockquote><ul><li>".repeat(n),
        "</li></ul></blockquote>".repeat(n)
    );
    let limits = gleaner::Limits::unlimited();
    let article = Extractor::new(gleaner::Config::new().limits(limits))
        .extract(&Page::html(html))
        .expect("extraction");
    assert!(article.markdown.contains("deep words"));
}

#[test]
fn iframes_only_when_asked() {
    let html = r#"<body><article>
        <p>A paragraph long enough to be chosen as the article, with a comma, and a full stop at its end.</p>
        <div><iframe src="https://video.example.org/embed/42" title="The launch" onload="x()"></iframe></div>
        <p>Another paragraph long enough to be kept as part of the article, with a comma, and a stop.</p>
        </article></body>"#;
    let off = gleaner::extract(html).expect("extraction");
    assert!(!off.html.contains("iframe"), "{}", off.html);
    assert!(
        !off.markdown.contains("video.example.org"),
        "{}",
        off.markdown
    );
    let on = Extractor::new(gleaner::Config::new().iframes(true))
        .extract(&Page::html(html))
        .expect("extraction");
    assert!(
        on.html.contains(
            r#"<iframe src="https://video.example.org/embed/42" title="The launch"></iframe>"#
        ),
        "{}",
        on.html
    );
    assert!(
        on.markdown
            .contains("[The launch](https://video.example.org/embed/42)"),
        "{}",
        on.markdown
    );
}

/// The text a CommonMark (GFM) reader shows for `md`, image alt text left
/// out; `Err` if any of it would be read as raw HTML. A missed escape shows
/// as a lost character (`*a*` read as emphasis loses its asterisks).
fn markdown_words(md: &str) -> Result<Vec<String>, String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut text = String::new();
    let mut in_image = 0;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for ev in Parser::new_ext(md, options) {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(t) | Event::Code(t) if in_image == 0 => text.push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) => return Err(format!("raw HTML: {h}")),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            )
            | Event::SoftBreak
            | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    Ok(visible(&text))
}

/// The text of our clean HTML: block tags separate words, inline tags do
/// not; the few entities the renderer writes are decoded once.
fn html_words(html: &str) -> Vec<String> {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "section",
        "article",
        "dl",
        "dt",
        "dd",
        "br",
        "img",
    ];
    let mut text = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let name: String = rest[1..end]
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if BLOCKS.contains(&name.as_str()) {
                text.push(' ');
            }
            rest = &rest[end..];
            continue;
        }
        if c == '&' {
            let entities = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&nbsp;", ' '),
            ];
            if let Some((e, ch)) = entities.iter().find(|(e, _)| rest.starts_with(e)) {
                text.push(*ch);
                rest = &rest[e.len()..];
                continue;
            }
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    visible(&text)
}

/// What two renderings must agree on: their characters, whitespace aside
/// (and the `·` that joins the cells of a table rendered as rows), chunked
/// into words at whitespace for readable failures.
fn visible(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '·')
        .filter(|w| !w.is_empty())
        .collect::<String>()
        .chars()
        .collect::<Vec<_>>()
        .chunks(12)
        .map(|c| c.iter().collect())
        .collect()
}

fn reads_back(article: &Article) -> Result<(), String> {
    let md = markdown_words(&article.markdown)?;
    let html = html_words(&article.html);
    if md == html {
        return Ok(());
    }
    let at = md.iter().zip(&html).take_while(|(a, b)| a == b).count();
    Err(format!(
        "Markdown reads {:?}… where the HTML has {:?}…",
        &md[at..md.len().min(at + 8)],
        &html[at..html.len().min(at + 8)]
    ))
}

#[test]
fn markdown_reads_back_as_the_html_says() {
    for dir in cases() {
        let article = extract(&dir);
        if let Err(e) = reads_back(&article) {
            panic!("{}: {e}\n{}", dir.display(), article.markdown);
        }
    }
}

/// The same check over the benchmark pages, when they are at hand:
/// `cargo test --release --test render -- --ignored`.
#[test]
#[ignore]
fn markdown_reads_back_on_benchmark_pages() {
    use std::io::Read;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/scrapinghub/html");
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    let mut failures = Vec::new();
    let mut pages = 0;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let mut bytes = Vec::new();
        let Ok(file) = fs::File::open(&path) else {
            continue;
        };
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .is_err()
        {
            continue;
        }
        pages += 1;
        let article = Extractor::default()
            .extract(&Page::bytes(bytes))
            .expect("extraction");
        if let Err(e) = reads_back(&article) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {pages} pages:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Emphasis, links and code next to punctuation, in many combinations
/// (from a fixed pseudo-random sequence): the Markdown must always read
/// back as the HTML says.
#[test]
fn inline_combinations_read_back() {
    const PIECES: &[&str] = &[
        "word", "(", ")", ",", ".", " ", "\"", "“", "”", "*", "_", "`", "é", "1.", "-", "[", "]",
        "!", "<", "&amp;", "~", "#", ">", "+", "=", "1)", "|", "&", "\\", "<br>", "---", "12",
    ];
    const WRAPS: &[(&str, &str)] = &[
        ("<em>", "</em>"),
        ("<strong>", "</strong>"),
        ("<a href=\"/x\">", "</a>"),
        ("<code>", "</code>"),
        ("<s>", "</s>"),
        ("", ""),
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let lead =
        "A paragraph long enough to be chosen as the article, with a comma, and a full stop.";
    let mut kept = 0;
    for _ in 0..2000 {
        let mut p = String::new();
        for _ in 0..6 {
            let (open, close) = WRAPS[next(WRAPS.len())];
            p.push_str(PIECES[next(PIECES.len())]);
            p.push_str(open);
            for _ in 0..1 + next(3) {
                p.push_str(PIECES[next(PIECES.len())]);
            }
            p.push_str(close);
        }
        let html = format!(
            "<body><article><p>{lead}</p><p>{p} and then some words, enough of them.</p><p>{lead}</p></article></body>"
        );
        let article = gleaner::extract(&html).expect("extraction");
        if let Err(e) = reads_back(&article) {
            panic!("{p}\n{e}\n{}", article.markdown);
        }
        kept += usize::from(article.markdown.contains("then some words"));
    }
    assert!(kept > 1500, "only {kept} of 2000 paragraphs kept");
}

#[test]
fn relative_links_are_kept_as_written_without_a_base_and_resolved_with_one() {
    let html = "<html><body><article><h1>Report</h1>\
        <p>The costs of the new line, summarised on <a href=\"/inquiry#costs\">the inquiry page</a>, \
        rose by a third since the first estimate, the committee said on Tuesday.</p>\
        <p>Its members asked for <a href=\"javascript:alert(1)\">a full audit</a> of the contracts \
        before any more money is spent on the project, and for a report by the spring.</p>\
        </article></body></html>";
    let without = Extractor::default().extract(&Page::html(html)).unwrap();
    assert!(
        without
            .markdown
            .contains("summarised on [the inquiry page](/inquiry#costs),"),
        "{}",
        without.markdown
    );
    assert!(without
        .html
        .contains("<a href=\"/inquiry#costs\">the inquiry page</a>"));
    assert!(
        without.markdown.contains("asked for a full audit of"),
        "{}",
        without.markdown
    );
    assert!(!without.html.contains("javascript"));
    let with = Extractor::default()
        .extract(&Page::html(html).with_url(BASE).unwrap())
        .unwrap();
    assert!(with
        .markdown
        .contains("[the inquiry page](https://example.com/inquiry#costs)"));
    assert!(with
        .html
        .contains("href=\"https://example.com/inquiry#costs\""));
}
