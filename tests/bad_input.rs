//! Hostile and broken input: each test states one clear outcome (an empty
//! article, a valid article, or a typed error) and none may panic, hang or
//! overflow the stack. No timing assertions: the sizes are chosen so the
//! tests stay quick in debug builds.

use std::time::Instant;

use gleaner::{Article, Config, Error, Extractor, Limits, Page};

/// A short article used as the readable part of otherwise broken pages.
const PARA_1: &str = "The harbour master said the new breakwater had already \
    stopped the winter swell from reaching the inner moorings, where small boats \
    used to break free of their ropes every January.";
const PARA_2: &str = "Work on the second section will begin in the spring, once \
    the storms have passed and the barges can safely anchor outside the harbour mouth.";

fn article_page(extra_head: &str, body_middle: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head>{extra_head}<title>Breakwater works | Port News</title></head>\
         <body><article><h1>Breakwater works</h1><p>{PARA_1}</p>{body_middle}<p>{PARA_2}</p>\
         </article></body></html>"
    )
}

/// A deterministic pseudo-random byte stream (xorshift), so failures reproduce.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

fn limits_with_max_bytes(max_bytes: Option<usize>) -> Limits {
    // `Limits` is non_exhaustive, so it cannot be built with a struct
    // literal outside the crate: start from the defaults and set the field.
    let mut limits = Limits::default();
    limits.max_bytes = max_bytes;
    limits
}

/// Text fit for a reader: no NULs, no control characters but line breaks.
fn assert_clean_text(article: &Article, what: &str) {
    if let Some(c) = article
        .text
        .chars()
        .find(|&c| c != '\n' && c != '\t' && c.is_control())
    {
        panic!(
            "{what}: article text holds control character {c:?}: {:?}",
            article.text.chars().take(200).collect::<String>()
        );
    }
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    eprintln!("{label}: {:.2?}", start.elapsed());
    out
}

#[test]
fn empty_input_gives_an_empty_article() {
    let article = gleaner::extract("").expect("empty input is not an error");
    assert!(article.is_empty(), "text: {:?}", article.text);
    assert_eq!(article.title, None);

    let article = Extractor::new(Config::new())
        .extract(&Page::bytes(&b""[..]))
        .expect("empty bytes are not an error");
    assert!(article.is_empty(), "text: {:?}", article.text);

    let article = gleaner::extract(" \n\t \r\n").expect("whitespace is not an error");
    assert!(article.is_empty(), "text: {:?}", article.text);
}

/// A PNG signature and header chunk followed by noise is clearly not HTML:
/// the documented outcome is `Error::NotHtml`; an empty article is also
/// accepted. What must not happen is the image's bytes turning into text.
#[test]
fn png_bytes_are_refused_or_empty() {
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6,
    ]);
    png.extend_from_slice(&[0, 0, 0, 0x1F, 0x15, 0xC4, 0x89]);
    png.extend(noise(64 * 1024, 0x9E37_79B9_7F4A_7C15));
    let page = Page::bytes(png.as_slice()).with_label("image.png");
    match Extractor::new(Config::new()).extract(&page) {
        Err(Error::NotHtml { .. }) => {}
        Ok(article) => assert!(
            article.is_empty(),
            "a PNG gave article text ({} chars): {:?}",
            article.text.len(),
            article.text.chars().take(120).collect::<String>()
        ),
        Err(other) => panic!("expected NotHtml or an empty article, got {other}"),
    }
}

/// Random bytes with no markup: either refused as not HTML, or an article
/// whose text is free of control characters.
#[test]
fn binary_garbage_is_refused_or_clean() {
    for seed in [1_u64, 42, 0xDEAD_BEEF] {
        let bytes = noise(256 * 1024, seed);
        let page = Page::bytes(bytes.as_slice());
        match Extractor::new(Config::new()).extract(&page) {
            Err(Error::NotHtml { .. }) => {}
            Ok(article) => assert_clean_text(&article, &format!("garbage seed {seed}")),
            Err(other) => panic!("seed {seed}: expected NotHtml or an article, got {other}"),
        }
    }
}

/// An article page whose three `\u{1}` placeholders are replaced by a lone
/// continuation byte, a truncated 3-byte sequence and an invalid lead byte.
fn invalid_utf8_page(extra_head: &str) -> Vec<u8> {
    let html = article_page(
        extra_head,
        "<p>Broken bytes follow: \u{1}\u{1}\u{1} and the sentence goes on after them to its end.</p>",
    );
    let bad: [&[u8]; 3] = [&[0x80], &[0xE2, 0x82], &[0xFF]];
    let mut out = Vec::with_capacity(html.len());
    let mut k = 0;
    for b in html.into_bytes() {
        if b == 0x01 {
            out.extend_from_slice(bad[k]);
            k += 1;
        } else {
            out.push(b);
        }
    }
    assert_eq!(k, 3);
    assert!(std::str::from_utf8(&out).is_err());
    out
}

fn assert_breakwater_article(article: &Article) {
    for (what, needle) in [
        ("first paragraph", PARA_1),
        ("last paragraph", PARA_2),
        (
            "text after the bad bytes",
            "the sentence goes on after them",
        ),
    ] {
        assert!(
            article.text.contains(needle),
            "{what} lost: {:?}",
            article.text
        );
    }
    assert_eq!(article.title.as_deref(), Some("Breakwater works"));
    assert_clean_text(article, "invalid utf-8");
}

/// UTF-8 declared by the Content-Type header, with invalid sequences in the
/// body: the article survives; the bad bytes become replacement characters.
#[test]
fn invalid_utf8_declared_by_header_still_yields_the_article() {
    let bytes = invalid_utf8_page("");
    let page = Page::bytes(bytes.as_slice())
        .with_content_type("text/html; charset=utf-8")
        .with_url("https://example.com/news/breakwater")
        .expect("url parses");
    let article = Extractor::new(Config::new())
        .extract(&page)
        .expect("invalid UTF-8 is not an error");
    assert_breakwater_article(&article);
}

/// The same, with UTF-8 declared by `<meta charset>` in the markup (how
/// most real pages declare it) and no header.
#[test]
fn invalid_utf8_declared_by_meta_still_yields_the_article() {
    let bytes = invalid_utf8_page("<meta charset=\"utf-8\">");
    let page = Page::bytes(bytes.as_slice());
    let article = Extractor::new(Config::new())
        .extract(&page)
        .expect("invalid UTF-8 is not an error");
    assert_breakwater_article(&article);
}

/// A 50 MB page is refused before any work with a typed error that carries
/// the size and the limit, both under the default limit and a custom one.
#[test]
fn fifty_megabytes_is_refused_as_too_large() {
    const SIZE: usize = 50 * 1024 * 1024;
    let mut html = String::with_capacity(SIZE + 64);
    html.push_str("<html><body><article>");
    let para = format!("<p>{PARA_1}</p>");
    while html.len() + para.len() < SIZE {
        html.push_str(&para);
    }
    while html.len() < SIZE {
        html.push(' ');
    }
    assert_eq!(html.len(), SIZE);

    let default_limit = Limits::default().max_bytes.expect("a default byte limit");
    match timed("50 MB, default limits", || {
        Extractor::new(Config::new()).extract(&Page::html(html.as_str()))
    }) {
        Err(Error::TooLarge { size, limit, .. }) => {
            assert_eq!(size, SIZE as u64);
            assert_eq!(limit, default_limit as u64);
        }
        Err(other) => panic!("expected TooLarge, got {other}"),
        Ok(a) => panic!(
            "expected TooLarge, got an article of {} chars",
            a.text.len()
        ),
    }

    let small = Extractor::new(Config::new().limits(limits_with_max_bytes(Some(1 << 20))));
    let page = Page::bytes(html.as_bytes())
        .with_url("https://example.com/huge")
        .expect("url parses");
    match small.extract(&page) {
        Err(err @ Error::TooLarge { .. }) => {
            let Error::TooLarge { size, limit, .. } = &err else {
                unreachable!()
            };
            assert_eq!((*size, *limit), (SIZE as u64, 1 << 20));
            // The message names the input.
            assert!(
                err.to_string().contains("https://example.com/huge"),
                "{err}"
            );
        }
        Err(other) => panic!("expected TooLarge, got {other}"),
        Ok(a) => panic!(
            "expected TooLarge, got an article of {} chars",
            a.text.len()
        ),
    }
}

/// The byte limit is inclusive: a page of exactly `max_bytes` is accepted.
#[test]
fn page_at_the_byte_limit_is_accepted() {
    let mut html = article_page("", "");
    let limit = html.len() + 100;
    while html.len() < limit {
        html.push(' ');
    }
    let extractor = Extractor::new(Config::new().limits(limits_with_max_bytes(Some(limit))));
    let article = extractor
        .extract(&Page::html(html.as_str()))
        .expect("a page at the limit is accepted");
    assert!(article.text.contains(PARA_1), "{:?}", article.text);
    html.push(' ');
    assert!(matches!(
        extractor.extract(&Page::html(html.as_str())),
        Err(Error::TooLarge { .. })
    ));
}

/// 100 000 nested divs: the parser flattens past the depth limit, so this
/// finishes without overflowing the stack and the text at the bottom stays.
#[test]
fn hundred_thousand_nested_divs() {
    const DEPTH: usize = 100_000;
    let mut html = String::with_capacity(DEPTH * 11 + 1024);
    html.push_str("<html><head><title>Deep | Test</title></head><body>");
    for _ in 0..DEPTH {
        html.push_str("<div>");
    }
    html.push_str(&format!("<p>{PARA_1}</p><p>{PARA_2}</p>"));
    for _ in 0..DEPTH {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");

    let article = timed("100 000 nested divs, default limits", || {
        Extractor::new(Config::new()).extract(&Page::html(html.as_str()))
    })
    .expect("deep nesting is not an error");
    assert!(
        article.text.contains(PARA_1) && article.text.contains(PARA_2),
        "deep text lost: {:?}",
        article.text.chars().take(200).collect::<String>()
    );
    assert_clean_text(&article, "nested divs");
}

/// 100 000 sibling paragraphs: one long article, every paragraph kept in order.
#[test]
fn hundred_thousand_sibling_paragraphs() {
    const COUNT: usize = 100_000;
    let mut html = String::with_capacity(COUNT * 120);
    html.push_str(
        "<html><head><title>Long read | Test</title>\
         <meta property=\"article:published_time\" content=\"2024-01-01\"></head>\
         <body><article><h1>Long read</h1>",
    );
    for i in 0..COUNT {
        html.push_str(&format!(
            "<p>Paragraph {i} of the long read carries a full sentence of its own, so it counts as text.</p>"
        ));
    }
    html.push_str("</article></body></html>");

    let article = timed("100 000 sibling paragraphs", || {
        Extractor::new(Config::new()).extract(&Page::html(html.as_str()))
    })
    .expect("a long page is not an error");
    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), COUNT, "paragraph count");
    assert!(paragraphs[0].starts_with("Paragraph 0 of the long read"));
    assert!(paragraphs[COUNT - 1].starts_with(&format!("Paragraph {} of", COUNT - 1)));
}

/// The extractor is shared across threads: it must stay `Send + Sync + Clone`.
#[test]
fn extractor_is_send_sync_and_clone() {
    fn shared<T: Send + Sync + Clone>() {}
    shared::<Extractor>();
    shared::<Config>();
}
