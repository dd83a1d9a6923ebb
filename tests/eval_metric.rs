//! Hand-computed fixtures for the shingle metric and its corpus figures.
#![cfg(feature = "eval")]

use gleaner::eval::{corpus, tokenize, ShingleScore};

const TRUTH: &str = "The quick brown fox jumps over the lazy dog";

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn perfect_prediction() {
    // 9 tokens → 6 shingles, all matched.
    let s = ShingleScore::of(TRUTH, "The quick, brown fox — jumps over the lazy dog!");
    assert_eq!((s.tp, s.fp, s.fn_, s.exact), (6, 0, 0, true));
    assert_eq!(
        (s.precision(), s.recall(), s.f1()),
        (Some(1.0), Some(1.0), 1.0)
    );
}

#[test]
fn empty_prediction() {
    // No predicted shingle: precision undefined (left out of the mean), recall 0.
    let s = ShingleScore::of(TRUTH, "");
    assert_eq!((s.tp, s.fp, s.fn_, s.exact), (0, 0, 6, false));
    assert_eq!((s.precision(), s.recall()), (None, Some(0.0)));
    assert_eq!(s.normalised(), (0.0, 0.0, 1.0));
}

#[test]
fn partial_prediction() {
    // Prediction "The quick brown fox jumps" has 5 tokens → 2 shingles
    // [The quick brown fox], [quick brown fox jumps], both in the truth.
    // Truth has 6 shingles: tp = 2, fp = 0, fn = 4;
    // normalised by 6: (1/3, 0, 2/3); P = 2/2 = 1, R = 2/6 = 1/3,
    // document F1 = 2·2 / (2·2 + 0 + 4) = 0.5.
    let s = ShingleScore::of(TRUTH, "The quick brown fox jumps");
    assert_eq!((s.tp, s.fp, s.fn_), (2, 0, 4));
    let (tp, fp, fn_) = s.normalised();
    assert!(close(tp, 1.0 / 3.0) && close(fp, 0.0) && close(fn_, 2.0 / 3.0));
    assert_eq!(s.precision(), Some(1.0));
    assert!(close(s.recall().unwrap(), 1.0 / 3.0));
    assert!(close(s.f1(), 0.5));
}

#[test]
fn extra_text_costs_precision() {
    // Truth "alpha beta gamma delta" is one shingle; the prediction adds
    // "epsilon": shingles [alpha beta gamma delta], [beta gamma delta epsilon].
    // tp = 1, fp = 1, fn = 0 → P = 0.5, R = 1.
    let s = ShingleScore::of("alpha beta gamma delta", "alpha beta gamma delta epsilon");
    assert_eq!((s.tp, s.fp, s.fn_), (1, 1, 0));
    assert_eq!((s.precision(), s.recall()), (Some(0.5), Some(1.0)));
}

#[test]
fn duplicated_shingles_count_as_a_multiset() {
    // Truth "a b c d a b c d": shingles abcd×2, bcda, cdab, dabc (5).
    // Prediction "a b c d": abcd×1 → tp = 1 (not 2), fn = 4, fp = 0.
    let s = ShingleScore::of("a b c d a b c d", "a b c d");
    assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 4));
    // Prediction repeated three times: abcd×3, bcda×2, cdab×2, dabc×2 (9).
    // tp = 2+1+1+1 = 5, fp = 1+1+1+1 = 4, fn = 0 → P = 5/9, R = 1.
    let s = ShingleScore::of("a b c d a b c d", "a b c d a b c d a b c d");
    assert_eq!((s.tp, s.fp, s.fn_), (5, 4, 0));
    assert!(close(s.precision().unwrap(), 5.0 / 9.0));
}

#[test]
fn fewer_than_four_tokens_is_one_shingle() {
    let same = ShingleScore::of("Hello, world", "Hello world!");
    assert_eq!((same.tp, same.fp, same.fn_, same.exact), (1, 0, 0, true));
    // [Hello world] vs [Hello world again]: different shingles entirely.
    let longer = ShingleScore::of("Hello world", "Hello world again");
    assert_eq!((longer.tp, longer.fp, longer.fn_), (0, 1, 1));
    assert_eq!(
        (longer.precision(), longer.recall()),
        (Some(0.0), Some(0.0))
    );
    // Case is kept: "hello" is not "Hello".
    assert_eq!(ShingleScore::of("Hello world", "hello world").tp, 0);
}

#[test]
fn both_empty_counts_as_perfect() {
    let s = ShingleScore::of("", "   ...  ");
    assert_eq!(
        (s.precision(), s.recall(), s.exact),
        (Some(1.0), Some(1.0), true)
    );
}

#[test]
fn unicode_tokens() {
    // Letters of any script and numbers of any kind are word characters;
    // combining marks (Mn) and connector punctuation other than '_' are not,
    // as in Python's re module.
    assert_eq!(
        tokenize("Zürich: 東京 ٣٤٥ ① x_y, na\u{0308}ive"),
        ["Zürich", "東京", "٣٤٥", "①", "x_y", "na", "ive"]
    );
    let s = ShingleScore::of("Привет мир это тест", "Привет мир это тест");
    assert_eq!((s.tp, s.exact), (1, true));
}

#[test]
fn corpus_figures() {
    // Four documents:
    //   perfect: P = 1,   R = 1,   exact
    //   partial: P = 1,   R = 1/3
    //   empty:   P = –,   R = 0
    //   extra:   P = 1/2, R = 1
    // P = (1 + 1 + 1/2) / 3 = 5/6; R = (1 + 1/3 + 0 + 1) / 4 = 7/12;
    // F1 = 2·(5/6)·(7/12) / (5/6 + 7/12) = (35/36) / (17/12) = 35/51;
    // accuracy = 1/4.
    let scores = [
        ShingleScore::of(TRUTH, TRUTH),
        ShingleScore::of(TRUTH, "The quick brown fox jumps"),
        ShingleScore::of(TRUTH, ""),
        ShingleScore::of("alpha beta gamma delta", "alpha beta gamma delta epsilon"),
    ];
    let m = corpus(&scores);
    assert!(close(m.precision, 5.0 / 6.0), "{m:?}");
    assert!(close(m.recall, 7.0 / 12.0), "{m:?}");
    assert!(close(m.f1, 35.0 / 51.0), "{m:?}");
    assert!(close(m.accuracy, 0.25), "{m:?}");
}

mod words {
    use super::close;
    use gleaner::eval::{SnippetScore, WordScore, WordSummary};

    #[test]
    fn word_bags_by_hand() {
        // Reference tokens: rain fell on tuesday farmers said it came too late (10).
        // Prediction: "Rain, rain fell. Sleet" → rain×2 fell sleet (4 tokens);
        // overlap = min(1, 2) for rain + 1 for fell = 2.
        let s = WordScore::of(
            "Rain fell on Tuesday.\n\nFarmers said it came too late.",
            "Rain, rain fell. Sleet",
        );
        assert_eq!((s.overlap, s.predicted, s.reference), (2, 4, 10));
        assert!(close(s.precision(), 0.5) && close(s.recall(), 0.2));
        // F1 = 2·0.5·0.2 / 0.7 = 2/7
        assert!(close(s.f1(), 2.0 / 7.0));
        // 4 tokens of 10 is not under 30 %; 2 of 10 would be.
        assert!(!s.short());
        assert!(WordScore::of("a b c d e f g h i j", "a b").short());
    }

    #[test]
    fn snippets_ignore_case_and_whitespace() {
        let s = SnippetScore::of(
            &["rain fell on\nTuesday", "hail"],
            &["SIGN UP", "Home"],
            "RAIN FELL  on Tuesday. Sign up now",
        );
        assert_eq!(
            (s.with_found, s.with_total, s.without_found, s.without_total),
            (1, 2, 1, 2)
        );
    }

    #[test]
    fn summaries_average_pages() {
        // Page 1: P 1, R 1/2 → F1 2/3. Page 2: empty output → 0, 0, 0.
        let a = WordScore::of("one two three four", "one two");
        let b = WordScore::of("five six", "");
        let sa = SnippetScore::of(&["one"], &["x"], "one two");
        let s = WordSummary::of([(&a, Some(&sa)), (&b, None)]);
        assert_eq!((s.docs, s.empty, s.short), (2, 1, 1));
        assert!(close(s.precision, 0.5) && close(s.recall, 0.25));
        // The corpus F1 is the mean of the pages' F1, not F1 of the means.
        assert!(close(s.f1, 1.0 / 3.0));
        assert_eq!((s.with, s.without), (Some(1.0), Some(0.0)));
    }
}
