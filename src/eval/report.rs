//! A scored run over a corpus: per-document results, corpus figures with
//! bootstrap standard deviations, JSON save/load, and the paired comparison
//! of two runs.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::bootstrap::{self, Interval};
use super::dataset::{Dataset, Doc, Truth};
use super::metric::{Metrics, ShingleAccumulator, ShingleScore};
use super::runner::Timing;
use super::segments::SegmentCounts;
use super::words::{SnippetScore, WordScore, WordSummary};
use super::{EvalError, Result};

/// One document's score, in the metric of its corpus.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "metric", rename_all = "snake_case")]
pub enum DocScore {
    /// Token-shingle counts.
    Shingles(ShingleScore),
    /// Snippet counts.
    Segments(SegmentCounts),
}

impl DocScore {
    /// Scores `output` against the document's truth.
    pub fn of(doc: &Doc, output: &str) -> Self {
        match &doc.truth {
            Truth::Text(t) => DocScore::Shingles(ShingleScore::of(t, output)),
            Truth::Segments { with, without } => {
                DocScore::Segments(SegmentCounts::of(with, without, output))
            }
        }
    }

    /// The document's precision, when defined.
    pub fn precision(&self) -> Option<f64> {
        match self {
            DocScore::Shingles(s) => s.precision(),
            DocScore::Segments(s) => Some(s.precision()),
        }
    }

    /// The document's recall, when defined.
    pub fn recall(&self) -> Option<f64> {
        match self {
            DocScore::Shingles(s) => s.recall(),
            DocScore::Segments(s) => Some(s.recall()),
        }
    }

    /// The document's own F1, used to rank documents.
    pub fn f1(&self) -> f64 {
        match self {
            DocScore::Shingles(s) => s.f1(),
            DocScore::Segments(s) => s.metrics().f1,
        }
    }

    fn same_kind(&self, other: &DocScore) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// Corpus figures over the given documents (all of one metric).
pub fn metrics<'a>(scores: impl IntoIterator<Item = &'a DocScore>) -> Metrics {
    let mut shingles = ShingleAccumulator::default();
    let mut segments = SegmentCounts::default();
    let mut any_segments = false;
    for s in scores {
        match s {
            DocScore::Shingles(s) => shingles.add(s),
            DocScore::Segments(s) => {
                any_segments = true;
                segments.add(s);
            }
        }
    }
    if any_segments {
        segments.metrics()
    } else {
        shingles.metrics()
    }
}

/// One document's outcome in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocResult {
    /// The document id.
    pub id: String,
    /// Its score.
    pub score: DocScore,
    /// Whether the output was empty.
    pub empty: bool,
    /// Seconds spent decoding and extracting, when timed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    /// Why extraction failed, if it did (the output then counts as empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The page's type, when the corpus labels it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_type: Option<String>,
    /// Word-bag counts (the WCXB metric), for pages with a reference text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<WordScore>,
    /// Snippet checks, for pages whose reference text comes with snippets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippets: Option<SnippetScore>,
    /// The page type the extractor read, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_type: Option<String>,
}

impl DocResult {
    /// Scores `output` against the document's references in every metric
    /// that applies to it.
    pub fn scored(doc: &Doc, output: &str, seconds: Option<f64>, error: Option<String>) -> Self {
        let words = match &doc.truth {
            Truth::Text(t) => Some(WordScore::of(t, output)),
            Truth::Segments { .. } => None,
        };
        let snippets = (!doc.with.is_empty() || !doc.without.is_empty())
            .then(|| SnippetScore::of(&doc.with, &doc.without, output));
        DocResult {
            id: doc.id.clone(),
            score: DocScore::of(doc, output),
            empty: output.trim().is_empty(),
            seconds,
            error,
            page_type: doc.page_type.clone(),
            words,
            snippets,
            read_type: None,
        }
    }
}

impl DocResult {
    /// The F1 that ranks documents: the word F1 where there is one (the
    /// corpus's own metric), else the document's score.
    pub fn rank_f1(&self) -> f64 {
        self.words.map_or_else(|| self.score.f1(), |w| w.f1())
    }
}

/// The WCXB metric over documents: all of them (`None`), or each page type.
fn word_summaries(docs: &[DocResult]) -> Vec<(Option<String>, WordSummary)> {
    let of = |keep: &dyn Fn(&DocResult) -> bool| {
        WordSummary::of(
            docs.iter()
                .filter(|d| keep(d))
                .filter_map(|d| d.words.as_ref().map(|w| (w, d.snippets.as_ref()))),
        )
    };
    if docs.iter().all(|d| d.words.is_none()) {
        return Vec::new();
    }
    let mut out = vec![(None, of(&|_| true))];
    let mut types: Vec<&str> = docs.iter().filter_map(|d| d.page_type.as_deref()).collect();
    types.sort_unstable();
    types.dedup();
    for t in types {
        out.push((
            Some(t.to_string()),
            of(&|d| d.page_type.as_deref() == Some(t)),
        ));
    }
    out
}

/// Corpus figures of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Documents scored.
    pub docs: usize,
    /// Documents with empty output.
    pub empty: usize,
    /// Documents whose extraction failed.
    pub errors: usize,
    /// Precision, recall, F1, accuracy.
    pub metrics: Metrics,
    /// Their bootstrap standard deviations.
    pub std: Metrics,
    /// Bootstrap resamples used.
    pub rounds: usize,
    /// Bootstrap seed used.
    pub seed: u64,
    /// The WCXB metric over all documents (first, with no type) and per
    /// page type, when the corpus has reference texts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<(Option<String>, WordSummary)>,
}

/// A scored run, as saved with `--save` and read back by `--compare`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// What produced the outputs (`gleaner focus=balanced`, a predictions file…).
    pub label: String,
    /// The corpus it was scored on.
    pub dataset: String,
    /// Corpus figures.
    pub summary: Summary,
    /// Speed figures, when gleaner ran in-process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
    /// Per-document results, in corpus order.
    pub docs: Vec<DocResult>,
}

fn check_one_metric<'a>(mut scores: impl Iterator<Item = &'a DocScore>) -> Result<()> {
    if let Some(first) = scores.next() {
        if scores.any(|s| !s.same_kind(first)) {
            return Err(EvalError::Mismatch(
                "documents scored with different metrics".into(),
            ));
        }
    }
    Ok(())
}

impl Run {
    /// Builds a run from per-document results, with `rounds` bootstrap
    /// resamples seeded by `seed`.
    pub fn new(
        label: impl Into<String>,
        dataset: &Dataset,
        docs: Vec<DocResult>,
        timing: Option<Timing>,
        rounds: usize,
        seed: u64,
    ) -> Result<Self> {
        check_one_metric(docs.iter().map(|d| &d.score))?;
        let all = metrics(docs.iter().map(|d| &d.score));
        let std = bootstrap::std_dev(docs.len(), rounds, seed, |idx| {
            metrics(idx.iter().map(|&i| &docs[i].score))
        });
        let summary = Summary {
            docs: docs.len(),
            empty: docs.iter().filter(|d| d.empty).count(),
            errors: docs.iter().filter(|d| d.error.is_some()).count(),
            metrics: all,
            std,
            rounds,
            seed,
            words: word_summaries(&docs),
        };
        Ok(Run {
            label: label.into(),
            dataset: dataset.root.display().to_string(),
            summary,
            timing,
            docs,
        })
    }

    /// The `n` documents with the lowest F1 (ties by id).
    pub fn worst(&self, n: usize) -> Vec<&DocResult> {
        let mut v: Vec<&DocResult> = self.docs.iter().collect();
        v.sort_by(|a, b| {
            a.rank_f1()
                .total_cmp(&b.rank_f1())
                .then_with(|| a.id.cmp(&b.id))
        });
        v.truncate(n);
        v
    }

    /// Writes the run as pretty JSON.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            source,
        })?;
        fs::write(path, json + "\n").map_err(|e| EvalError::io(path, e))
    }

    /// Reads a run saved by [`Run::save`].
    pub fn load(path: &Path) -> Result<Self> {
        let text = fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        serde_json::from_str(&text).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Two runs compared on the documents they share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Documents in both runs.
    pub paired: usize,
    /// Documents only in the first run.
    pub only_a: usize,
    /// Documents only in the second run.
    pub only_b: usize,
    /// Figures of the first run on the shared documents.
    pub a: Metrics,
    /// Figures of the second run on the shared documents.
    pub b: Metrics,
    /// F1(b) − F1(a), with a paired bootstrap interval.
    pub f1_diff: Interval,
    /// Shared documents by change of their own F1, largest gains first:
    /// `(id, f1 in a, f1 in b)`.
    pub changed: Vec<(String, f64, f64)>,
    /// The WCXB metric of both runs on the shared documents, all of them
    /// first and then per page type: `(type, a, b)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<(Option<String>, WordSummary, WordSummary)>,
    /// Word F1(b) − word F1(a), with a paired bootstrap interval, when
    /// both runs have word scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word_f1_diff: Option<Interval>,
}

/// Compares run `b` against run `a`, resampling the shared documents in
/// pairs `rounds` times from `seed`.
pub fn compare(a: &Run, b: &Run, rounds: usize, seed: u64) -> Result<Comparison> {
    let mut pairs: Vec<(&DocResult, &DocResult)> = Vec::new();
    for da in &a.docs {
        if let Some(db) = b.docs.iter().find(|d| d.id == da.id) {
            if !da.score.same_kind(&db.score) {
                return Err(EvalError::Mismatch(format!(
                    "document {:?} is scored with different metrics in the two runs",
                    da.id
                )));
            }
            pairs.push((da, db));
        }
    }
    if pairs.is_empty() {
        return Err(EvalError::Mismatch("the two runs share no document".into()));
    }
    let ma = |idx: &[usize]| metrics(idx.iter().map(|&i| &pairs[i].0.score));
    let mb = |idx: &[usize]| metrics(idx.iter().map(|&i| &pairs[i].1.score));
    let all: Vec<usize> = (0..pairs.len()).collect();
    let f1_diff = bootstrap::interval(pairs.len(), rounds, seed, |idx| mb(idx).f1 - ma(idx).f1);
    let has_words = pairs
        .iter()
        .all(|(x, y)| x.words.is_some() && y.words.is_some());
    let word_f1 = |d: &DocResult| d.words.map_or(0.0, |w| w.f1());
    let word_f1_diff = has_words.then(|| {
        bootstrap::interval(pairs.len(), rounds, seed, |idx| {
            idx.iter()
                .map(|&i| word_f1(pairs[i].1) - word_f1(pairs[i].0))
                .sum::<f64>()
                / idx.len().max(1) as f64
        })
    });
    let words = if has_words {
        let (da, db): (Vec<DocResult>, Vec<DocResult>) = pairs
            .iter()
            .map(|(x, y)| ((*x).clone(), (*y).clone()))
            .unzip();
        word_summaries(&da)
            .into_iter()
            .zip(word_summaries(&db))
            .map(|((t, a), (_, b))| (t, a, b))
            .collect()
    } else {
        Vec::new()
    };
    // Documents are ranked by the word F1 where both runs have it.
    let doc_f1 = |d: &DocResult| if has_words { word_f1(d) } else { d.score.f1() };
    let mut changed: Vec<(String, f64, f64)> = pairs
        .iter()
        .map(|(x, y)| (x.id.clone(), doc_f1(x), doc_f1(y)))
        .filter(|(_, x, y)| (x - y).abs() > 1e-9)
        .collect();
    changed.sort_by(|p, q| {
        (q.2 - q.1)
            .total_cmp(&(p.2 - p.1))
            .then_with(|| p.0.cmp(&q.0))
    });
    Ok(Comparison {
        paired: pairs.len(),
        only_a: a.docs.len() - pairs.len(),
        only_b: b.docs.len() - pairs.len(),
        a: ma(&all),
        b: mb(&all),
        f1_diff,
        changed,
        words,
        word_f1_diff,
    })
}
