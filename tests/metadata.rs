//! Walks `tests/fixtures/meta/<case>/`: extracts `source.html` (with the
//! page URL from `expected.json`'s "url", when given) and checks every field
//! that `expected.json` names; `null` means the field must be empty.

use std::path::Path;

use gleaner::{Article, Extractor, MetaSource, Page};
use serde_json::Value;

fn source_name(s: Option<MetaSource>) -> Value {
    s.map_or(Value::Null, |s| Value::String(s.name().to_string()))
}

fn field(a: &Article, name: &str) -> Option<Value> {
    let opt = |v: Option<String>| v.map_or(Value::Null, Value::String);
    let list = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
    Some(match name {
        "title" => opt(a.title.clone()),
        "authors" => list(&a.authors),
        "byline" => opt(a.byline.clone()),
        "published" => opt(a.published.map(|t| t.to_rfc3339())),
        "modified" => opt(a.modified.map(|t| t.to_rfc3339())),
        "site_name" => opt(a.site_name.clone()),
        "language" => opt(a.language.clone()),
        "description" => opt(a.description.clone()),
        "canonical_url" => opt(a.canonical_url.as_ref().map(|u| u.to_string())),
        "image" => opt(a.image.as_ref().map(|u| u.to_string())),
        "tags" => list(&a.tags),
        "paywalled" => a.paywalled.map_or(Value::Null, Value::Bool),
        _ => return None,
    })
}

fn source(a: &Article, name: &str) -> Option<Value> {
    let s = &a.meta_sources;
    Some(source_name(match name {
        "title" => s.title,
        "authors" => s.authors,
        "published" => s.published,
        "modified" => s.modified,
        "site_name" => s.site_name,
        "language" => s.language,
        "description" => s.description,
        "canonical_url" => s.canonical_url,
        "image" => s.image,
        "tags" => s.tags,
        "paywalled" => s.paywalled,
        _ => return None,
    }))
}

#[test]
fn metadata_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/meta");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "only {} fixtures", cases.len());
    let extractor = Extractor::default();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let html = std::fs::read(case.join("source.html")).expect("source.html");
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
                .unwrap_or_else(|e| panic!("{name}: expected.json: {e}"));
        let mut page = Page::bytes(html);
        if let Some(url) = expected["url"].as_str() {
            page = page.with_url(url).expect("fixture url");
        }
        let article = extractor.extract(&page).expect("extracts");
        let Value::Object(fields) = &expected else {
            panic!("{name}: expected.json is no object");
        };
        for (key, want) in fields {
            match key.as_str() {
                "url" => {}
                "sources" => {
                    for (f, want) in want.as_object().expect("sources object") {
                        let got = source(&article, f).unwrap_or_else(|| panic!("{name}: {f}?"));
                        if &got != want {
                            failures.push(format!("{name}: source of {f}: {got} != {want}"));
                        }
                    }
                }
                "min_language_confidence" => {
                    let min = want.as_f64().unwrap();
                    let got = article.language_confidence.unwrap_or(0.0);
                    if got < min {
                        failures.push(format!("{name}: language confidence {got} < {min}"));
                    }
                }
                f => {
                    let got = field(&article, f).unwrap_or_else(|| panic!("{name}: field {f}?"));
                    if &got != want {
                        failures.push(format!("{name}: {f}: {got} != {want}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
