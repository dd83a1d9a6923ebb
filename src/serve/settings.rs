//! [`Settings`]: every bound and switch of the service, each with its default.

use std::time::Duration;

use crate::feed::Learning;
use crate::Extractor;

/// How the service behaves and what it may hold. Every setter states its
/// default; limits that may be lifted take an `Option` (`None`: unlimited).
///
/// ```
/// use std::time::Duration;
/// let settings = gleaner::serve::Settings::new()
///     .key(Some("s3cret".into()))
///     .feed_ttl(Duration::from_secs(60))
///     .max_concurrent(4);
/// # drop(settings);
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Settings {
    pub(super) key: Option<String>,
    pub(super) max_concurrent: usize,
    pub(super) max_queued: usize,
    pub(super) queue_timeout: Duration,
    pub(super) retry_after: Duration,
    pub(super) max_url_bytes: usize,
    pub(super) max_body_bytes: usize,
    pub(super) feed_ttl: Duration,
    pub(super) default_items: usize,
    pub(super) max_items: usize,
    pub(super) article_cache_entries: usize,
    pub(super) article_cache_bytes: usize,
    pub(super) feed_cache_entries: usize,
    pub(super) feed_cache_bytes: usize,
    pub(super) entry_concurrency: usize,
    pub(super) learning: Learning,
    pub(super) extractor: Extractor,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            key: None,
            max_concurrent: 8,
            max_queued: 64,
            queue_timeout: Duration::from_secs(30),
            retry_after: Duration::from_secs(10),
            max_url_bytes: 4096,
            max_body_bytes: 1024,
            feed_ttl: Duration::from_secs(300),
            default_items: 20,
            max_items: 50,
            article_cache_entries: 2000,
            article_cache_bytes: 64 * 1024 * 1024,
            feed_cache_entries: 256,
            feed_cache_bytes: 64 * 1024 * 1024,
            entry_concurrency: 4,
            learning: Learning::default(),
            extractor: Extractor::new(crate::Config::new().report(false)),
        }
    }
}

impl Settings {
    /// The defaults listed on each setter.
    pub fn new() -> Self {
        Settings::default()
    }

    /// A key every request but `/health` must carry, as the `key` query
    /// parameter or an `Authorization: Bearer` header; others are refused
    /// with 403. Default: none (the service is open).
    pub fn key(mut self, key: Option<String>) -> Self {
        self.key = key.filter(|k| !k.is_empty());
        self
    }

    /// Most requests worked on at once (each may fetch upstream: its feed,
    /// and up to [`entry_concurrency`](Self::entry_concurrency) pages).
    /// Default: 8.
    pub fn max_concurrent(mut self, n: usize) -> Self {
        self.max_concurrent = n.max(1);
        self
    }

    /// Most requests waiting for their turn; past it a request is answered
    /// 503 with `Retry-After` at once. Default: 64.
    pub fn max_queued(mut self, n: usize) -> Self {
        self.max_queued = n;
        self
    }

    /// Longest wait for a turn before a 503. Default: 30 s.
    pub fn queue_timeout(mut self, limit: Duration) -> Self {
        self.queue_timeout = limit;
        self
    }

    /// The `Retry-After` sent with a 503. Default: 10 s.
    pub fn retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = delay;
        self
    }

    /// Longest request target (path and query), in bytes; longer ones are
    /// refused with 414. Default: 4096.
    pub fn max_url_bytes(mut self, n: usize) -> Self {
        self.max_url_bytes = n;
        self
    }

    /// Largest request body announced; larger ones (and bodies of unknown
    /// length) are refused with 413 or 411 before anything is read.
    /// Default: 1024 bytes.
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.max_body_bytes = n;
        self
    }

    /// How long an upstream feed read is used before it is polled again
    /// (with a conditional GET). Default: 5 minutes.
    pub fn feed_ttl(mut self, ttl: Duration) -> Self {
        self.feed_ttl = ttl;
        self
    }

    /// Entries in a full-text feed when the request gives no `max`.
    /// Default: 20.
    pub fn default_items(mut self, n: usize) -> Self {
        self.default_items = n.max(1);
        self
    }

    /// Most entries in a full-text feed, whatever `max` asks. Default: 50.
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = n.max(1);
        self
    }

    /// Most articles kept by entry link (least recently used evicted
    /// first), and their byte budget (text, HTML and Markdown).
    /// Default: 2000 articles, 64 MiB.
    pub fn article_cache(mut self, entries: usize, bytes: usize) -> Self {
        self.article_cache_entries = entries;
        self.article_cache_bytes = bytes;
        self
    }

    /// Most upstream feeds kept with their full-text entries (least
    /// recently used evicted first), and their byte budget.
    /// Default: 256 feeds, 64 MiB.
    pub fn feed_cache(mut self, entries: usize, bytes: usize) -> Self {
        self.feed_cache_entries = entries;
        self.feed_cache_bytes = bytes;
        self
    }

    /// Entries of one feed worked on at once. Default: 4.
    pub fn entry_concurrency(mut self, n: usize) -> Self {
        self.entry_concurrency = n.max(1);
        self
    }

    /// How the pages of a feed teach the site memory. Default:
    /// [`Learning::default`].
    pub fn learning(mut self, learning: Learning) -> Self {
        self.learning = learning;
        self
    }

    /// The extractor for pages and entries (its memory, if any, is replaced
    /// by the service's). Default: [`Extractor::default`] with the removal
    /// report off.
    pub fn extractor(mut self, extractor: Extractor) -> Self {
        self.extractor = extractor;
        self
    }
}
