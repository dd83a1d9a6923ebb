//! The measuring instrument: scores extracted text against reference
//! answers, so a change to the extractor can be judged by numbers.
//!
//! Enabled by the `eval` cargo feature. The pieces, one per file (private;
//! what a user of the harness needs is re-exported here):
//!
//! - `metric`: the token-shingle metric of the article extraction
//!   benchmark (precision, recall, F1, exact-match accuracy):
//!   [`ShingleScore`], [`Metrics`], [`corpus`];
//! - `segments`: the segment metric (text that must / must not appear):
//!   [`SegmentCounts`];
//! - `words`: the WCXB metric (word bags and snippets per page, per page
//!   type): [`WordScore`], [`SnippetScore`], [`WordSummary`];
//! - `dataset`: loading corpora in the supported layouts: [`Dataset`];
//! - `predictions`: reading another tool's output (JSON lines) to score
//!   it: [`read_predictions`];
//! - `runner`: running gleaner over a corpus, with timings: [`run`],
//!   [`run_with_memory`], [`score`], [`score_texts`];
//! - `report`: a scored run, saved and loaded as JSON, and the comparison
//!   of two runs: [`Run`], [`compare`];
//! - `bootstrap`: seeded resampling for standard deviations and intervals;
//! - `explain`: what one document gained and lost against its truth:
//!   [`explain`].
//!
//! ```
//! use gleaner::eval::ShingleScore;
//! let s = ShingleScore::of("the quick brown fox jumps over the lazy dog", "the quick brown fox jumps");
//! assert_eq!((s.tp, s.fp, s.fn_), (2, 0, 4));
//! ```

mod bootstrap;
mod dataset;
mod explain;
mod metric;
mod predictions;
mod report;
mod runner;
mod segments;
mod text;
mod words;

use std::path::{Path, PathBuf};

pub use bootstrap::{Interval, DEFAULT_ROUNDS, DEFAULT_SEED};
pub use dataset::{Dataset, Doc, Format, Truth};
pub use explain::{explain, Explanation, Passage};
pub use metric::{corpus, tokenize, Metrics, ShingleScore};
pub use predictions::read as read_predictions;
pub use report::{compare, metrics, Comparison, DocResult, DocScore, Run, Summary};
pub use runner::{run, run_with_memory, score, score_texts, MemoryMode, Output, Timing};
pub use segments::SegmentCounts;
pub use words::{SnippetScore, WordScore, WordSummary};

/// What can go wrong while evaluating: every variant names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A JSON file (or one line of a JSON-lines file) is malformed.
    #[error("{}: invalid JSON: {source}", path.display())]
    Json {
        /// The file, with `:line` appended for JSON lines.
        path: PathBuf,
        /// The parser's message.
        #[source]
        source: serde_json::Error,
    },
    /// The content is well-formed but not what was expected.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file or directory involved.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Two runs or corpora cannot be combined.
    #[error("{0}")]
    Mismatch(String),
    /// Extraction failed in a way that stops the run.
    #[error(transparent)]
    Extract(#[from] crate::Error),
}

impl EvalError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        EvalError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn invalid(path: &Path, message: impl Into<String>) -> Self {
        EvalError::Invalid {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

/// The result type of this module.
pub type Result<T, E = EvalError> = std::result::Result<T, E>;
