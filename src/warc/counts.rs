//! What a reader skipped and why, and what it has read so far.

use std::fmt;

/// Why a record was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Skip {
    /// Not an HTTP response: a `warcinfo`, `request`, `metadata`,
    /// `revisit` or `resource` record, or a response of another protocol.
    NotResponse,
    /// An HTTP status other than 200.
    Status,
    /// The response is not HTML (by its Content-Type, else the type the
    /// crawler identified).
    NotHtml,
    /// The record, or its body once decompressed, is over
    /// [`WarcSettings::max_record_bytes`](super::WarcSettings::max_record_bytes).
    TooLarge,
}

impl Skip {
    /// Every reason, in a stable order.
    pub const ALL: [Skip; 4] = [
        Skip::NotResponse,
        Skip::Status,
        Skip::NotHtml,
        Skip::TooLarge,
    ];

    /// A stable snake_case name for the reason.
    pub fn name(self) -> &'static str {
        match self {
            Skip::NotResponse => "not_response",
            Skip::Status => "status",
            Skip::NotHtml => "not_html",
            Skip::TooLarge => "too_large",
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a [`WarcReader`](super::WarcReader) has read so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WarcCounts {
    /// Records started: yielded, skipped or failed.
    pub records: u64,
    /// HTML responses yielded.
    pub responses: u64,
    /// Errors yielded (truncated or corrupt records, unreadable input).
    pub errors: u64,
    pub(super) skipped: [u64; Skip::ALL.len()],
}

impl WarcCounts {
    /// Records skipped for this reason.
    pub fn skipped(&self, reason: Skip) -> u64 {
        self.skipped[reason as usize]
    }

    /// Records skipped for any reason.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.iter().sum()
    }
}

/// Adds another reader's counts (to total several files).
impl std::ops::AddAssign<&WarcCounts> for WarcCounts {
    fn add_assign(&mut self, other: &WarcCounts) {
        self.records += other.records;
        self.responses += other.responses;
        self.errors += other.errors;
        for (mine, theirs) in self.skipped.iter_mut().zip(other.skipped) {
            *mine += theirs;
        }
    }
}
