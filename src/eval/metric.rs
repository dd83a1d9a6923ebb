//! The token-shingle metric of the article extraction benchmark.
//!
//! 1. Tokens are what Python's `re.findall(r'\w+', text)` finds: maximal
//!    runs of Unicode letters (`L*`), numbers (`N*`) and `_`, case kept.
//! 2. Shingles are the runs of 4 consecutive tokens, counted as a multiset
//!    (a text of 1–3 tokens is a single shingle of all of them; an empty text
//!    has none).
//! 3. Per document: tp = Σ min(true, pred), fp = excess in the prediction,
//!    fn = excess in the truth. Dividing all three by their sum (so every
//!    document weighs the same) leaves the ratios below unchanged, so the raw
//!    counts are kept and [`ShingleScore::normalised`] gives the fractions.
//! 4. Corpus precision is the mean of tp/(tp+fp) over documents with
//!    tp+fp > 0, recall the mean of tp/(tp+fn) over documents with
//!    tp+fn > 0; a document with fp = fn = 0 counts as 1 in both. F1 is the
//!    harmonic mean of the two means.
//! 5. Accuracy is the share of documents whose token list equals the truth's.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Shingle length, in tokens.
pub const SHINGLE: usize = 4;

/// Whether `c` is a word character in the sense of Python's `\w`
/// (letters, numbers of every kind, and the underscore).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    )
}

/// The tokens of `text`, in order, as `re.findall(r'\w+', text)` returns them.
pub fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

/// The shingles of a token list as a multiset: each run of [`SHINGLE`]
/// tokens with its count (fewer tokens make one shingle; none make none).
pub fn shingles<'t, 'a>(tokens: &'t [&'a str]) -> HashMap<&'t [&'a str], u64> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < SHINGLE {
        counts.insert(tokens, 1);
        return counts;
    }
    for w in tokens.windows(SHINGLE) {
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
}

/// One document's shingle counts against its truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShingleScore {
    /// Shingles in both (multiset intersection).
    pub tp: u64,
    /// Shingles predicted beyond the truth.
    pub fp: u64,
    /// Shingles of the truth not predicted.
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// Whether the token lists are identical.
    pub exact: bool,
}

impl ShingleScore {
    /// Scores `predicted` text against `truth` text.
    pub fn of(truth: &str, predicted: &str) -> Self {
        let t = tokenize(truth);
        let p = tokenize(predicted);
        Self::of_tokens(&t, &p)
    }

    /// Scores two token lists.
    pub fn of_tokens(truth: &[&str], predicted: &[&str]) -> Self {
        let ts = shingles(truth);
        let ps = shingles(predicted);
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (k, &tc) in &ts {
            let pc = ps.get(k).copied().unwrap_or(0);
            tp += tc.min(pc);
            fn_ += tc.saturating_sub(pc);
        }
        for (k, &pc) in &ps {
            let tc = ts.get(k).copied().unwrap_or(0);
            fp += pc.saturating_sub(tc);
        }
        ShingleScore {
            tp,
            fp,
            fn_,
            exact: truth == predicted,
        }
    }

    /// tp, fp and fn divided by their sum (all zero when the sum is zero).
    pub fn normalised(&self) -> (f64, f64, f64) {
        let s = (self.tp + self.fp + self.fn_) as f64;
        if s == 0.0 {
            return (0.0, 0.0, 0.0);
        }
        (self.tp as f64 / s, self.fp as f64 / s, self.fn_ as f64 / s)
    }

    /// tp/(tp+fp); 1 when fp = fn = 0; `None` when nothing was predicted
    /// (such a document does not enter the precision mean).
    pub fn precision(&self) -> Option<f64> {
        if self.fp == 0 && self.fn_ == 0 {
            Some(1.0)
        } else if self.tp + self.fp > 0 {
            Some(self.tp as f64 / (self.tp + self.fp) as f64)
        } else {
            None
        }
    }

    /// tp/(tp+fn); 1 when fp = fn = 0; `None` when the truth is empty.
    pub fn recall(&self) -> Option<f64> {
        if self.fp == 0 && self.fn_ == 0 {
            Some(1.0)
        } else if self.tp + self.fn_ > 0 {
            Some(self.tp as f64 / (self.tp + self.fn_) as f64)
        } else {
            None
        }
    }

    /// The document's own F1, 2tp/(2tp+fp+fn) (1 when fp = fn = 0), used to
    /// rank documents; the corpus F1 is computed from the means instead.
    pub fn f1(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_) as f64
    }
}

/// Corpus-level figures.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Metrics {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Share of documents (or segments) judged exactly right.
    pub accuracy: f64,
}

/// Harmonic mean, 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Running sums for the corpus shingle metric.
#[derive(Debug, Clone, Copy, Default)]
pub struct ShingleAccumulator {
    p_sum: f64,
    p_n: u64,
    r_sum: f64,
    r_n: u64,
    exact: u64,
    n: u64,
}

impl ShingleAccumulator {
    /// Adds one document.
    pub fn add(&mut self, s: &ShingleScore) {
        if let Some(p) = s.precision() {
            self.p_sum += p;
            self.p_n += 1;
        }
        if let Some(r) = s.recall() {
            self.r_sum += r;
            self.r_n += 1;
        }
        self.exact += u64::from(s.exact);
        self.n += 1;
    }

    /// The corpus figures (means over the documents where each is defined;
    /// 0 when none is).
    pub fn metrics(&self) -> Metrics {
        let mean = |s: f64, n: u64| if n == 0 { 0.0 } else { s / n as f64 };
        let precision = mean(self.p_sum, self.p_n);
        let recall = mean(self.r_sum, self.r_n);
        Metrics {
            precision,
            recall,
            f1: f1(precision, recall),
            accuracy: mean(self.exact as f64, self.n),
        }
    }
}

/// Corpus figures of a set of document scores.
pub fn corpus<'a>(scores: impl IntoIterator<Item = &'a ShingleScore>) -> Metrics {
    let mut acc = ShingleAccumulator::default();
    for s in scores {
        acc.add(s);
    }
    acc.metrics()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python_word_class() {
        // Checked against Python 3.11: re.findall(r'\w+', s)
        let s = "Don't stop: 3.14, snake_case + Ünïcödé 東京 ٣٤ ½ cafe\u{301} a\u{203f}b";
        assert_eq!(
            tokenize(s),
            [
                "Don",
                "t",
                "stop",
                "3",
                "14",
                "snake_case",
                "Ünïcödé",
                "東京",
                "٣٤",
                "½",
                "cafe",
                "a",
                "b"
            ]
        );
        assert!(tokenize("  ,;! ").is_empty());
        assert_eq!(tokenize("x"), ["x"]);
    }

    #[test]
    fn shingle_multisets() {
        let t = tokenize("a b c d a b c d");
        let s = shingles(&t);
        assert_eq!(s.len(), 4);
        assert_eq!(s[&["a", "b", "c", "d"][..]], 2);
        assert_eq!(s.values().sum::<u64>(), 5);
        assert_eq!(shingles(&tokenize("a b")).len(), 1);
        assert!(shingles(&[]).is_empty());
    }

    #[test]
    fn per_document_rules() {
        let both_empty = ShingleScore::of("", "");
        assert_eq!(
            (both_empty.precision(), both_empty.recall()),
            (Some(1.0), Some(1.0))
        );
        assert!(both_empty.exact);
        let nothing_predicted = ShingleScore::of("one two three four five", "");
        assert_eq!(nothing_predicted.precision(), None);
        assert_eq!(nothing_predicted.recall(), Some(0.0));
        assert_eq!(nothing_predicted.f1(), 0.0);
        let s = ShingleScore {
            tp: 1,
            fp: 1,
            fn_: 2,
            exact: false,
        };
        assert_eq!(s.normalised(), (0.25, 0.25, 0.5));
        // 2·1 / (2·1 + 1 + 2) = 0.4
        assert!((s.f1() - 0.4).abs() < 1e-12);
    }
}
