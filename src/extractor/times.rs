//! How long each stage of one extraction took.

use std::time::{Duration, Instant};

/// Time spent in each stage of one extraction
/// ([`Extractor::extract_timed`](crate::Extractor::extract_timed)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StageTimes {
    /// Charset detection and decoding.
    pub decode: Duration,
    /// Parsing into the document tree.
    pub parse: Duration,
    /// Element pruning and teaser-card removal.
    pub clean: Duration,
    /// Scoring and choosing the main-content container.
    pub select: Duration,
    /// Metadata (title, authors, dates…).
    pub meta: Duration,
    /// Reading-order blocks, block rules and site memory.
    pub blocks: Duration,
    /// The removal report, text and HTML.
    pub render: Duration,
}

impl StageTimes {
    /// The sum of all stages.
    pub fn total(&self) -> Duration {
        self.decode + self.parse + self.clean + self.select + self.meta + self.blocks + self.render
    }
}

/// A stopwatch that returns the time since its last reading.
pub(super) struct Lap(Instant);

impl Lap {
    pub(super) fn start() -> Self {
        Lap(Instant::now())
    }

    pub(super) fn next(&mut self) -> Duration {
        let now = Instant::now();
        let elapsed = now - self.0;
        self.0 = now;
        elapsed
    }
}
