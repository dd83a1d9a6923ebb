//! The corpus layouts, scoring of saved predictions, runs, bootstrap and
//! comparison, on small fixtures under `tests/fixtures/eval/`.
#![cfg(feature = "eval")]

use std::path::{Path, PathBuf};

use gleaner::eval::{self, compare, metrics, read_predictions};
use gleaner::eval::{Dataset, DocScore, Format, Run, SegmentCounts, ShingleScore, Truth};
use gleaner::Focus;

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eval")
        .join(p)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn segments_totals_by_hand() {
    let ds = Dataset::open(fixture("segments")).unwrap();
    assert_eq!(ds.format, Format::Segments);
    let ids: Vec<&str> = ds.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["bridge", "quiet", "rain"]);
    let texts = read_predictions(&fixture("segments/predictions.jsonl")).unwrap();
    let docs = eval::score_texts(&ds, &texts);
    // rain:   "After months…fell" found (TP), "Farmers said…" missing (FN),
    //         "Sign up…" found (FP), "Home World Sport" absent (TN);
    // bridge: both `with` found (2 TP), both `without` absent (2 TN);
    // quiet:  no prediction → empty: 1 FN, 1 TN.
    // Totals: TP 3, FP 1, FN 2, TN 4 → P = 3/4, R = 3/5,
    // F1 = 2·0.75·0.6 / 1.35 = 2/3, accuracy = 7/10.
    let mut total = SegmentCounts::default();
    for d in &docs {
        match d.score {
            DocScore::Segments(c) => total.add(&c),
            DocScore::Shingles(_) => panic!("wrong metric"),
        }
    }
    assert_eq!(
        total,
        SegmentCounts {
            tp: 3,
            fp: 1,
            fn_: 2,
            tn: 4
        }
    );
    let m = metrics(docs.iter().map(|d| &d.score));
    assert!(close(m.precision, 0.75) && close(m.recall, 0.6), "{m:?}");
    assert!(close(m.f1, 2.0 / 3.0) && close(m.accuracy, 0.7), "{m:?}");
    assert_eq!(docs.iter().filter(|d| d.empty).count(), 1);
}

#[test]
fn segments_file_can_be_given_directly() {
    let ds = Dataset::open(fixture("segments/segments.json")).unwrap();
    assert_eq!(ds.docs.len(), 3);
    let rain = ds.get("rain").unwrap();
    assert_eq!(rain.url.as_deref(), Some("https://example.org/news/rain"));
    assert!(matches!(&rain.truth, Truth::Segments { with, .. } if with.len() == 2));
}

#[test]
fn articles_layout_reads_gzip_and_plain_pages() {
    let ds = Dataset::open(fixture("articles")).unwrap();
    assert_eq!(ds.format, Format::Articles);
    let alpha = ds.get("alpha").unwrap();
    assert!(String::from_utf8(alpha.read_html().unwrap())
        .unwrap()
        .contains("quick brown fox"));
    let beta = ds.get("beta").unwrap();
    assert!(beta.read_html().unwrap().starts_with(b"<html>"));
    assert_eq!(beta.url.as_deref(), Some("https://example.org/beta"));
}

#[test]
fn readability_layout_takes_the_text_of_expected_html() {
    let ds = Dataset::open(fixture("readability")).unwrap();
    assert_eq!(ds.format, Format::Readability);
    assert_eq!(ds.docs[0].id, "rain");
    let Truth::Text(t) = &ds.docs[0].truth else {
        panic!("wrong truth")
    };
    assert_eq!(
        t,
        "After months of drought, rain fell across the region on Tuesday.\n\
         Farmers said the rain came too late."
    );
    let s = ShingleScore::of(t, "After months of drought, rain fell across the region on Tuesday. Farmers said the rain came too late.");
    assert_eq!((s.fp, s.fn_, s.exact), (0, 0, true));
}

#[test]
fn unknown_layouts_and_missing_pages_fail_loudly() {
    let err = Dataset::open(fixture("articles/html"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a recognised dataset"), "{err}");
    let err = Dataset::open(fixture("does-not-exist"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("dataset not found"), "{err}");
}

#[test]
fn gleaner_runs_over_a_corpus() {
    let ds = Dataset::open(fixture("segments")).unwrap();
    for jobs in [1, 3] {
        let (outputs, timing) = eval::run(&ds, Focus::Balanced, jobs, 2, &|_| {}).unwrap();
        assert_eq!(outputs.len(), 3);
        assert_eq!((timing.docs, timing.threads, timing.repeat), (3, jobs, 2));
        assert!(timing.extract_seconds >= 0.0 && timing.parse_seconds > 0.0);
        let docs = eval::score(&ds, &outputs);
        let mut total = SegmentCounts::default();
        for d in &docs {
            if let DocScore::Segments(c) = d.score {
                total.add(&c);
            }
        }
        // Every snippet is judged exactly once, whatever the extractor keeps.
        assert_eq!(total.tp + total.fp + total.fn_ + total.tn, 10);
    }
}

fn article_runs() -> (Dataset, Run, Run) {
    let ds = Dataset::open(fixture("articles")).unwrap();
    let mut texts = std::collections::HashMap::new();
    texts.insert("alpha".to_string(), "The quick brown fox jumps".to_string());
    texts.insert("beta".to_string(), "Sleep well tonight".to_string());
    let a = Run::new("a", &ds, eval::score_texts(&ds, &texts), None, 200, 7).unwrap();
    texts.insert(
        "alpha".to_string(),
        "The quick brown fox jumps over the lazy dog".to_string(),
    );
    let b = Run::new("b", &ds, eval::score_texts(&ds, &texts), None, 200, 7).unwrap();
    (ds, a, b)
}

#[test]
fn bootstrap_is_reproducible_from_the_seed() {
    let (ds, a, _) = article_runs();
    let again = Run::new("a", &ds, a.docs.clone(), None, 200, 7).unwrap();
    assert_eq!(a.summary, again.summary);
    assert!(a.summary.std.recall > 0.0);
    let other = Run::new("a", &ds, a.docs.clone(), None, 200, 8).unwrap();
    assert_eq!(a.summary.metrics, other.summary.metrics);
    assert_ne!(a.summary.std, other.summary.std);
}

#[test]
fn compare_pairs_documents() {
    let (_, a, b) = article_runs();
    // a: alpha P 1 R 1/3, beta perfect → P 1, R 2/3, F1 0.8; b: perfect, F1 1.
    assert!(close(a.summary.metrics.f1, 0.8));
    let c = compare(&a, &b, 200, 1).unwrap();
    assert_eq!((c.paired, c.only_a, c.only_b), (2, 0, 0));
    assert!(close(c.f1_diff.estimate, 0.2));
    assert!(c.f1_diff.low >= 0.0 && c.f1_diff.high <= 1.0 && c.f1_diff.low <= c.f1_diff.high);
    assert_eq!(c.changed[0].0, "alpha");
    let same = compare(&a, &a, 200, 1).unwrap();
    assert_eq!(
        (same.f1_diff.estimate, same.f1_diff.low, same.f1_diff.high),
        (0.0, 0.0, 0.0)
    );
    assert_eq!(compare(&a, &b, 200, 1).unwrap(), c);
}

#[test]
fn runs_round_trip_through_json() {
    let (_, a, _) = article_runs();
    let path = std::env::temp_dir().join(format!("gleaner-eval-{}.json", std::process::id()));
    a.save(&path).unwrap();
    let back = Run::load(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(a, back);
    let err = Run::load(&fixture("segments/predictions.jsonl"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("invalid JSON"), "{err}");
}

#[test]
fn word_metric_per_page_type_by_hand() {
    let ds = Dataset::open(fixture("typed")).unwrap();
    let texts = read_predictions(&fixture("typed/predictions.jsonl")).unwrap();
    let run = Run::new("typed", &ds, eval::score_texts(&ds, &texts), None, 10, 1).unwrap();
    // post: reference 10 tokens; prediction 15 tokens holding all 10 → P 10/15, R 1;
    //       with: both found; without: the sign-up line leaked (1 of 1).
    // shop: reference "red kettle two litres boils in three minutes" (8);
    //       prediction "red kettle two litres add to basket" (7), overlap 4
    //       → P 4/7, R 1/2; with 1/1, without 1/2.
    // list: empty output → 0, 0, 0; short; no snippets.
    let f1 = |p: f64, r: f64| 2.0 * p * r / (p + r);
    let (post, shop) = (f1(10.0 / 15.0, 1.0), f1(4.0 / 7.0, 0.5));
    let words = &run.summary.words;
    let types: Vec<Option<&str>> = words.iter().map(|(t, _)| t.as_deref()).collect();
    assert_eq!(
        types,
        [None, Some("article"), Some("listing"), Some("product")]
    );
    let all = words[0].1;
    assert_eq!((all.docs, all.empty, all.short), (3, 1, 1));
    assert!(
        close(all.precision, (10.0 / 15.0 + 4.0 / 7.0) / 3.0),
        "{all:?}"
    );
    assert!(close(all.recall, 1.5 / 3.0), "{all:?}");
    assert!(close(all.f1, (post + shop) / 3.0), "{all:?}");
    assert!(close(all.with.unwrap(), 1.0) && close(all.without.unwrap(), 0.75));
    assert!(close(words[2].1.f1, 0.0) && words[2].1.with.is_none());
    assert!(close(words[3].1.f1, shop));
}
