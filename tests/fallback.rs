//! The fallback ladder: when the choice a page's type calls for keeps
//! almost nothing of its readable text, a looser one is used and
//! `Article::fallback` says which. The pages are the golden fixtures of
//! the same names (tests/fixtures/extract/), whose text checks say what
//! the looser choice must hold.

use gleaner::{Article, Config, Extractor, FallbackStep, Page};

fn extract(case: &str) -> Article {
    let dir = format!(
        "{}/tests/fixtures/extract/{case}",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(format!("{dir}/source.html"))
        .unwrap_or_else(|e| panic!("cannot read {dir}/source.html: {e}"));
    let page = Page::html(html.as_str())
        .with_url(&format!("https://example.com/fixtures/{case}"))
        .expect("fixture url parses");
    Extractor::new(Config::new())
        .extract(&page)
        .unwrap_or_else(|e| panic!("{case}: extraction failed: {e}"))
}

/// The seed article's paragraphs (its title and the boxes after it left
/// out).
fn seed_paragraphs() -> Vec<String> {
    let path = format!(
        "{}/tests/fixtures/seed-article.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let seed = std::fs::read_to_string(path).expect("seed article");
    let lines: Vec<String> = seed
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    lines[1..12].to_vec()
}

#[test]
fn prose_only_in_boilerplate_named_boxes_falls_back_to_the_whole_page() {
    let article = extract("fallback-boilerplate-names");
    let fallback = article
        .fallback
        .expect("the element rules leave nothing: a fallback must be reported");
    assert_eq!(
        fallback.step,
        FallbackStep::WholePage,
        "the main region keeps nothing more, so the whole page is read: {fallback}"
    );
    assert!(
        fallback.kept * 10 < fallback.readable,
        "a looser choice is taken only when the stricter one kept under a tenth: {fallback}"
    );
    for p in seed_paragraphs() {
        assert!(
            article.text.contains(&p),
            "paragraph missing from the whole page's text: {p:?}"
        );
    }
}

#[test]
fn a_body_built_by_script_falls_back_to_the_description() {
    let article = extract("fallback-description");
    let fallback = article
        .fallback
        .expect("the body has no text: a fallback must be reported");
    assert_eq!(fallback.step, FallbackStep::Description);
    assert_eq!(
        (fallback.kept, fallback.readable),
        (0, 0),
        "the body holds no readable text"
    );
    let description = article.description.as_deref().expect("meta description");
    assert!(description.starts_with("The Riverside Night Market returns"));
    assert_eq!(article.text, description);
}

#[test]
fn an_article_or_a_page_read_by_its_type_reports_no_fallback() {
    // A plain article: its container holds the prose.
    let article = extract("seed-semantic");
    assert_eq!(article.fallback, None, "{:?}", article.fallback);
    assert!(article.text.contains(&seed_paragraphs()[0]));
    // A service page is read by its sections because of its type, which
    // is the plan for it, not a fallback.
    let service = extract("service-sections");
    assert_eq!(service.page_type, gleaner::PageType::Service);
    assert_eq!(service.fallback, None, "{:?}", service.fallback);
}
