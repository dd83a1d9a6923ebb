//! Site memory: what repeats from page to page of one site is boilerplate
//! (see [`SiteMemory`]).
//!
//! Files, a concept each: `fingerprint` (stable hashes), `store` (the
//! bounded LRU store), `judge` (the safety rules applied during
//! extraction), `persist` (serde, versioned).

mod fingerprint;
mod judge;
#[cfg(feature = "serde")]
mod persist;
mod store;

use std::fmt;
use std::sync::{Mutex, MutexGuard};

pub(crate) use judge::{apply, learn};

#[cfg(feature = "serde")]
pub use persist::{MemoryError, MEMORY_FORMAT_VERSION};

use store::Store;

/// How a [`SiteMemory`] decides and how much it may hold. Every default is
/// stated; the caps bound its size (about 40 bytes per remembered block,
/// so at most roughly `max_hosts × max_blocks_per_host × 40` bytes plus
/// the page identities: 40 MiB with the defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MemorySettings {
    /// K: a block is boilerplate once seen on at least this many distinct
    /// pages of a host. Default: 3 (values below 2 count as 2); see the
    /// README for the measurement that chose it.
    pub min_pages: u32,
    /// Shortest block, in non-whitespace characters, that memory drops on
    /// its own. Default: 30. Shorter remembered blocks go only together
    /// with a dropped neighbour (the heading of a remembered box).
    pub min_chars: u32,
    /// Most hosts remembered; the least recently used host is forgotten
    /// first. Default: 256.
    pub max_hosts: usize,
    /// Most block fingerprints per host; the least recently seen go first
    /// (a block on every page is seen on every page, so stays). Default: 4096.
    pub max_blocks_per_host: usize,
    /// Most page identities per host (so a page read again is not counted
    /// twice); the least recently seen go first. Default: 1024.
    pub max_pages_per_host: usize,
}

impl Default for MemorySettings {
    fn default() -> Self {
        MemorySettings {
            min_pages: 3,
            min_chars: 30,
            max_hosts: 256,
            max_blocks_per_host: 4096,
            max_pages_per_host: 1024,
        }
    }
}

impl MemorySettings {
    /// The defaults.
    pub fn new() -> Self {
        MemorySettings::default()
    }

    /// K, the distinct pages of a host a block must be seen on. Default: 3.
    pub fn min_pages(mut self, k: u32) -> Self {
        self.min_pages = k;
        self
    }

    /// Shortest block memory drops on its own. Default: 30.
    pub fn min_chars(mut self, chars: u32) -> Self {
        self.min_chars = chars;
        self
    }

    /// Cap on hosts. Default: 256.
    pub fn max_hosts(mut self, n: usize) -> Self {
        self.max_hosts = n;
        self
    }

    /// Cap on block fingerprints per host. Default: 4096.
    pub fn max_blocks_per_host(mut self, n: usize) -> Self {
        self.max_blocks_per_host = n;
        self
    }

    /// Cap on page identities per host. Default: 1024.
    pub fn max_pages_per_host(mut self, n: usize) -> Self {
        self.max_pages_per_host = n;
        self
    }

    /// K as used: at least 2, since one page alone proves no repetition.
    pub(crate) fn k(&self) -> u32 {
        self.min_pages.max(2)
    }
}

/// How much a [`SiteMemory`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct MemoryStats {
    /// Hosts remembered.
    pub hosts: usize,
    /// Page identities remembered, over all hosts.
    pub pages: usize,
    /// Block fingerprints remembered, over all hosts.
    pub blocks: usize,
}

/// A thread-safe, bounded memory of the blocks seen on each site's pages:
/// what repeats from page to page of one site is boilerplate.
/// A site's teaser lists, newsletter boxes, author boxes and footers come
/// back on every page while its article text does not. A [`SiteMemory`]
/// records, per host, fingerprints of the blocks of every page an
/// [`Extractor`](crate::Extractor) sees, and once a block has been seen on
/// at least K distinct pages of that host
/// ([`MemorySettings::min_pages`]), extraction drops it with
/// [`Rule::SiteMemory`](crate::Rule::SiteMemory) — even when nothing in
/// the markup betrays it.
///
/// ```
/// use std::sync::Arc;
/// use gleaner::{Extractor, Page, SiteMemory};
///
/// let memory = Arc::new(SiteMemory::new());
/// let extractor = Extractor::default().with_memory(Arc::clone(&memory));
/// let page = |n: u32| format!(
///     "<html><body><article><h1>Story {n}</h1>\
///      <p>Story number {n} has a paragraph of its own, long enough to be read as prose by anyone.</p>\
///      <div><p>The fine print that this site puts under each and every story it publishes.</p></div>\
///      </article></body></html>");
/// let mut last = None;
/// for n in 1..=3 {
///     let html = page(n);
///     let url = format!("https://example.com/story/{n}");
///     last = Some(extractor.extract(&Page::html(html.as_str()).with_url(&url)?)?);
/// }
/// let article = last.unwrap();
/// assert!(article.text.contains("Story number 3"));
/// assert!(!article.text.contains("fine print"));
/// assert!(article.removed().iter().any(|r| r.rule.name() == "site_memory"));
/// # Ok::<(), gleaner::Error>(())
/// ```
///
/// The memory is shared state: wrap it in an [`Arc`](std::sync::Arc) and
/// give the same one to every extractor that reads the same sites (the
/// pages of a feed, a crawl); it is `Send + Sync`. For a batch of pages
/// read together, [`Extractor::extract_batch`](crate::Extractor::extract_batch)
/// first learns every page, then extracts, so the first pages benefit from
/// what the later ones reveal. With the `serde` feature the memory is
/// serialisable (versioned: an old format is refused, not misread).
///
/// Safety: the unit of memory is a block (a paragraph, list item, heading…),
/// so a sentence repeated inside different paragraphs never matches;
/// blocks shorter than [`MemorySettings::min_chars`] are never dropped on
/// their own; quotes are never dropped; a block that sits beside fresh
/// article prose under the same parent element (a standard sign-off, a
/// disclaimer paragraph) is kept; and a page whose main content would lose
/// most of its prose to memory keeps it all and says so
/// ([`Article::memory_overruled`](crate::Article::memory_overruled)).
pub struct SiteMemory {
    settings: MemorySettings,
    store: Mutex<Store>,
}

impl SiteMemory {
    /// An empty memory with [`MemorySettings::default`].
    pub fn new() -> Self {
        SiteMemory::with_settings(MemorySettings::default())
    }

    /// An empty memory with the given settings.
    pub fn with_settings(settings: MemorySettings) -> Self {
        SiteMemory {
            settings,
            store: Mutex::new(Store::default()),
        }
    }

    /// The same memory with other settings, keeping what it holds (down to
    /// the new caps): for a loaded memory that should now run with, say,
    /// another K.
    pub fn reconfigured(self, settings: MemorySettings) -> Self {
        let mut store = self.store.into_inner().unwrap_or_else(|e| e.into_inner());
        store.enforce(&settings);
        SiteMemory {
            settings,
            store: Mutex::new(store),
        }
    }

    /// The settings in use.
    pub fn settings(&self) -> &MemorySettings {
        &self.settings
    }

    /// How much is held right now.
    pub fn stats(&self) -> MemoryStats {
        let (hosts, pages, blocks) = self.lock().counts();
        MemoryStats {
            hosts,
            pages,
            blocks,
        }
    }

    /// Forgets everything.
    pub fn clear(&self) {
        *self.lock() = Store::default();
    }

    /// Forgets one host (given as in a URL; a leading `www.` is ignored).
    pub fn forget_host(&self, host: &str) {
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        self.lock().hosts.remove(host);
    }

    /// The store, even if a thread panicked while holding it (every update
    /// leaves it consistent, so a poisoned lock is safe to reuse).
    pub(crate) fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for SiteMemory {
    fn default() -> Self {
        SiteMemory::new()
    }
}

impl fmt::Debug for SiteMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SiteMemory")
            .field("settings", &self.settings)
            .field("stats", &self.stats())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<SiteMemory>();
    }

    #[test]
    fn k_is_at_least_two() {
        assert_eq!(MemorySettings::new().min_pages(1).k(), 2);
        assert_eq!(MemorySettings::new().min_pages(4).k(), 4);
    }
}
