//! The limits of a WARC reader.

/// Limits of a [`WarcReader`](super::WarcReader). `None` means unlimited.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WarcSettings {
    /// Largest record payload read into memory, and largest body once
    /// decompressed. Default: 16 MiB (the extractor's own input limit).
    /// Larger records are skipped ([`Skip::TooLarge`](super::Skip::TooLarge)) without being held.
    pub max_record_bytes: Option<u64>,
    /// Longest record header block. Default: 64 KiB; a longer one is a
    /// [`Problem::Header`](super::Problem::Header).
    pub max_header_bytes: Option<usize>,
    /// Most compressed bytes of a gzip member kept while it is decoded, so
    /// that when it turns out damaged the search for the next member
    /// starts from its beginning (damaged data can decode past the end of
    /// its member before it fails). Default: 16 MiB; past it, the search
    /// starts where the decoder stopped.
    pub max_rewind_bytes: Option<usize>,
}

impl Default for WarcSettings {
    fn default() -> Self {
        WarcSettings {
            max_record_bytes: Some(16 * 1024 * 1024),
            max_header_bytes: Some(64 * 1024),
            max_rewind_bytes: Some(16 * 1024 * 1024),
        }
    }
}

impl WarcSettings {
    /// Sets [`WarcSettings::max_record_bytes`].
    pub fn max_record_bytes(mut self, max: Option<u64>) -> Self {
        self.max_record_bytes = max;
        self
    }

    /// Sets [`WarcSettings::max_header_bytes`].
    pub fn max_header_bytes(mut self, max: Option<usize>) -> Self {
        self.max_header_bytes = max;
        self
    }

    /// Sets [`WarcSettings::max_rewind_bytes`].
    pub fn max_rewind_bytes(mut self, max: Option<usize>) -> Self {
        self.max_rewind_bytes = max;
        self
    }
}
