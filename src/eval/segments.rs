//! The segment metric: for each page, snippets that must appear in the
//! output (`with`) and snippets that must not (`without`).
//!
//! A snippet counts as found when, after collapsing every run of whitespace
//! to one space and trimming, it is a substring of the output treated the
//! same way. Over a corpus:
//!
//! - TP = `with` snippets found, FN = `with` snippets not found;
//! - FP = `without` snippets found, TN = `without` snippets not found;
//! - precision = TP / (TP + FP), recall = TP / (TP + FN),
//!   accuracy = (TP + TN) / all snippets, F1 from precision and recall.
//!
//! A ratio whose denominator is zero is taken as 1 (nothing to get wrong).

use serde::{Deserialize, Serialize};

use super::metric::{f1, Metrics};

/// Collapses whitespace runs to single spaces and trims the ends.
pub fn normalize_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Snippet counts for one page, or totals over a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SegmentCounts {
    /// `with` snippets found.
    pub tp: u64,
    /// `without` snippets found.
    pub fp: u64,
    /// `with` snippets missing.
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// `without` snippets correctly absent.
    pub tn: u64,
}

/// Which snippets of a page were judged wrong, for error analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentErrors {
    /// `with` snippets missing from the output.
    pub missing: Vec<String>,
    /// `without` snippets present in the output.
    pub unwanted: Vec<String>,
}

fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

impl SegmentCounts {
    /// Scores `output` against the snippets of one page.
    pub fn of<S: AsRef<str>>(with: &[S], without: &[S], output: &str) -> Self {
        Self::judge(with, without, output).0
    }

    /// Scores `output` and also returns the snippets judged wrong.
    pub fn judge<S: AsRef<str>>(with: &[S], without: &[S], output: &str) -> (Self, SegmentErrors) {
        let out = normalize_ws(output);
        let found = |s: &S| out.contains(&normalize_ws(s.as_ref()));
        let mut counts = SegmentCounts::default();
        let mut errors = SegmentErrors::default();
        for s in with {
            if found(s) {
                counts.tp += 1;
            } else {
                counts.fn_ += 1;
                errors.missing.push(s.as_ref().to_string());
            }
        }
        for s in without {
            if found(s) {
                counts.fp += 1;
                errors.unwanted.push(s.as_ref().to_string());
            } else {
                counts.tn += 1;
            }
        }
        (counts, errors)
    }

    /// Adds another page's counts.
    pub fn add(&mut self, other: &SegmentCounts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }

    /// TP / (TP + FP), 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// TP / (TP + FN), 1 when there is no `with` snippet.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The four figures from these counts.
    pub fn metrics(&self) -> Metrics {
        let (p, r) = (self.precision(), self.recall());
        Metrics {
            precision: p,
            recall: r,
            f1: f1(p, r),
            accuracy: ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_normalised_on_both_sides() {
        let out = "Rain   fell\n\non Tuesday.\tFarmers said";
        let c = SegmentCounts::of(&["fell on  Tuesday.", "Farmers\nsaid"], &["Sign up"], out);
        assert_eq!(
            c,
            SegmentCounts {
                tp: 2,
                fp: 0,
                fn_: 0,
                tn: 1
            }
        );
    }

    #[test]
    fn counts_and_ratios() {
        // with: "a b" found, "zzz" missing; without: "c" found, "q" absent.
        let (c, e) = SegmentCounts::judge(&["a b", "zzz"], &["c", "q"], "a b c");
        assert_eq!(
            c,
            SegmentCounts {
                tp: 1,
                fp: 1,
                fn_: 1,
                tn: 1
            }
        );
        assert_eq!(e.missing, ["zzz"]);
        assert_eq!(e.unwanted, ["c"]);
        let m = c.metrics();
        assert_eq!((m.precision, m.recall, m.accuracy), (0.5, 0.5, 0.5));
        assert_eq!(SegmentCounts::default().metrics().precision, 1.0);
    }
}
