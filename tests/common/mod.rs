//! Shared by the property tests: how many cases to run and what every
//! article must satisfy whatever the input.
#![allow(dead_code)]

use gleaner::Article;
use proptest::test_runner::Config;

/// Proptest settings: `n` cases, or `PROPTEST_CASES` when set (raise it
/// for a longer local run: `PROPTEST_CASES=20000 cargo test --release --test prop_extract`).
pub fn config(n: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text placed only inside `<script>` and `<style>` by the generators.
pub const SENTINEL: &str = "zqxSENTINELqxz";

/// Invariants of every article: links and images absolute http(s),
/// excerpts within 160 characters, and (when `script_free`) no script or
/// style content anywhere in the output.
pub fn check_article(article: &Article, script_free: bool) -> Result<(), String> {
    // Valid UTF-8 is guaranteed by `String`; check the HTML is readable back.
    let doc = scraper::Html::parse_fragment(&article.html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        for (name, value) in el.attrs() {
            // A page read without a URL keeps its relative links as
            // written; resolved, they must still be http(s).
            if name == "href" && article.url.is_none() {
                if let Err(url::ParseError::RelativeUrlWithoutBase) = url::Url::parse(value) {
                    let base = url::Url::parse("https://base.invalid/").unwrap();
                    let url = base
                        .join(value)
                        .map_err(|e| format!("href={value:?} does not resolve ({e})"))?;
                    if !matches!(url.scheme(), "http" | "https") {
                        return Err(format!("href={value:?} is not http(s) once resolved"));
                    }
                    continue;
                }
            }
            if name == "href" || name == "src" {
                let url = url::Url::parse(value)
                    .map_err(|e| format!("{name}={value:?} is not absolute ({e})"))?;
                if !matches!(url.scheme(), "http" | "https") {
                    return Err(format!("{name}={value:?} is not http(s)"));
                }
            }
        }
        if matches!(el.name(), "script" | "style") {
            return Err(format!("<{}> in the article html", el.name()));
        }
    }
    for r in article.removed() {
        let n = r.text.chars().count();
        if n > 160 {
            return Err(format!("removal excerpt of {n} characters"));
        }
    }
    if script_free {
        let title = article.title.as_deref().unwrap_or("");
        for (what, s) in [
            ("text", &article.text[..]),
            ("html", &article.html[..]),
            ("title", title),
        ] {
            if s.contains(SENTINEL) {
                return Err(format!("script or style content in the {what}"));
            }
        }
    }
    Ok(())
}
