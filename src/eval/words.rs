//! The WCXB metric: word bags and snippets, per page, averaged over pages.
//!
//! 1. Tokens are the lower-cased `\w+` runs of a text (the same word class
//!    as [`super::metric::tokenize`]), counted as a bag.
//! 2. Per page: overlap = Σ min(reference, predicted) counts; precision =
//!    overlap / predicted tokens, recall = overlap / reference tokens, F1
//!    their harmonic mean. An empty prediction scores 0, unless the
//!    reference is empty too: then every figure is 1.
//! 3. Over a corpus, precision, recall and F1 are each the mean of the
//!    pages' own figures (F1 is not recomputed from the means).
//! 4. Snippets: a `with` snippet is found, and a `without` snippet leaks,
//!    when it is a case-insensitive substring of the output (whitespace
//!    runs collapsed to one space on both sides). A page's share of each
//!    is averaged over the pages that have such snippets.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::metric::{f1, tokenize};
use super::segments::normalize_ws;

/// Share of the reference's words under which an output counts as far too
/// short (a page the extractor mostly missed).
pub const SHORT_SHARE: f64 = 0.3;

/// One page's word-bag counts against its reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WordScore {
    /// Tokens in both bags (Σ of the smaller count per word).
    pub overlap: u64,
    /// Tokens of the output.
    pub predicted: u64,
    /// Tokens of the reference.
    pub reference: u64,
}

fn bag(text: &str) -> HashMap<String, u64> {
    let mut counts = HashMap::new();
    for t in tokenize(text) {
        *counts.entry(t.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

impl WordScore {
    /// Scores `predicted` against `reference`.
    pub fn of(reference: &str, predicted: &str) -> Self {
        let r = bag(reference);
        let p = bag(predicted);
        let overlap = p
            .iter()
            .map(|(w, &n)| n.min(r.get(w).copied().unwrap_or(0)))
            .sum();
        WordScore {
            overlap,
            predicted: p.values().sum(),
            reference: r.values().sum(),
        }
    }

    fn both_empty(&self) -> bool {
        self.predicted == 0 && self.reference == 0
    }

    /// overlap / predicted (0 for an empty output, 1 when both are empty).
    pub fn precision(&self) -> f64 {
        match (self.both_empty(), self.predicted) {
            (true, _) => 1.0,
            (false, 0) => 0.0,
            (false, n) => self.overlap as f64 / n as f64,
        }
    }

    /// overlap / reference (0 for an empty reference with an output).
    pub fn recall(&self) -> f64 {
        match (self.both_empty(), self.reference) {
            (true, _) => 1.0,
            (false, 0) => 0.0,
            (false, n) => self.overlap as f64 / n as f64,
        }
    }

    /// The page's F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    /// Whether the output has under 30 % of the reference's words (an
    /// empty output included).
    pub fn short(&self) -> bool {
        (self.predicted as f64) < SHORT_SHARE * self.reference as f64
    }
}

/// One page's snippet checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SnippetScore {
    /// `with` snippets found in the output.
    pub with_found: u32,
    /// `with` snippets of the page.
    pub with_total: u32,
    /// `without` snippets found in the output (leaked boilerplate).
    pub without_found: u32,
    /// `without` snippets of the page.
    pub without_total: u32,
}

impl SnippetScore {
    /// Checks the snippets against `output`.
    pub fn of<S: AsRef<str>>(with: &[S], without: &[S], output: &str) -> Self {
        let out = normalize_ws(&output.to_lowercase());
        let found = |s: &S| out.contains(&normalize_ws(&s.as_ref().to_lowercase()));
        SnippetScore {
            with_found: with.iter().filter(|s| found(s)).count() as u32,
            with_total: with.len() as u32,
            without_found: without.iter().filter(|s| found(s)).count() as u32,
            without_total: without.len() as u32,
        }
    }
}

/// Corpus figures of the WCXB metric over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct WordSummary {
    /// Pages scored.
    pub docs: usize,
    /// Mean of the pages' precision.
    pub precision: f64,
    /// Mean of the pages' recall.
    pub recall: f64,
    /// Mean of the pages' F1.
    pub f1: f64,
    /// Mean share of `with` snippets found, over the pages with any
    /// (`None` when no page has one).
    pub with: Option<f64>,
    /// Mean share of `without` snippets found, over the pages with any
    /// (lower is better; `None` when no page has one).
    pub without: Option<f64>,
    /// Pages with an empty output.
    pub empty: usize,
    /// Pages with under 30 % of the reference's words.
    pub short: usize,
}

impl WordSummary {
    /// Summarises pages given as their word score and snippet checks.
    pub fn of<'a>(
        pages: impl IntoIterator<Item = (&'a WordScore, Option<&'a SnippetScore>)>,
    ) -> Self {
        let mut s = WordSummary::default();
        let (mut with_sum, mut without_sum) = (0f64, 0f64);
        let (mut with_n, mut without_n) = (0usize, 0usize);
        for (w, snippets) in pages {
            s.docs += 1;
            s.precision += w.precision();
            s.recall += w.recall();
            s.f1 += w.f1();
            s.empty += usize::from(w.predicted == 0);
            s.short += usize::from(w.short());
            if let Some(sn) = snippets {
                if sn.with_total > 0 {
                    with_n += 1;
                    with_sum += f64::from(sn.with_found) / f64::from(sn.with_total);
                }
                if sn.without_total > 0 {
                    without_n += 1;
                    without_sum += f64::from(sn.without_found) / f64::from(sn.without_total);
                }
            }
        }
        let mean = |sum: f64, n: usize| if n == 0 { 0.0 } else { sum / n as f64 };
        s.precision = mean(s.precision, s.docs);
        s.recall = mean(s.recall, s.docs);
        s.f1 = mean(s.f1, s.docs);
        s.with = (with_n > 0).then(|| mean(with_sum, with_n));
        s.without = (without_n > 0).then(|| mean(without_sum, without_n));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bags_are_lower_cased_word_runs() {
        let s = WordScore::of("The cat, the HAT.", "the the cat dog");
        // reference {the: 2, cat: 1, hat: 1}, prediction {the: 2, cat: 1, dog: 1}
        assert_eq!((s.overlap, s.predicted, s.reference), (3, 4, 4));
        assert_eq!((s.precision(), s.recall()), (0.75, 0.75));
    }

    #[test]
    fn empty_sides() {
        let both = WordScore::of("", " ,; ");
        assert_eq!(
            (both.precision(), both.recall(), both.f1()),
            (1.0, 1.0, 1.0)
        );
        let none = WordScore::of("some words", "");
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (0.0, 0.0, 0.0)
        );
        assert!(none.short());
        let extra = WordScore::of("", "some words");
        assert_eq!(extra.f1(), 0.0);
    }
}
