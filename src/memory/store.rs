//! The bounded store behind a [`SiteMemory`](super::SiteMemory): per host,
//! the pages already counted and, per block fingerprint, on how many
//! distinct pages it was seen. Every entry carries the tick of its last use;
//! when a cap is exceeded the least recently used entries go, in batches
//! (down to 7/8 of the cap) so eviction costs O(log n) per insertion
//! amortised.

use std::collections::HashMap;

use super::MemorySettings;

/// What is known of one block fingerprint on one host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    /// Distinct pages it was seen on (saturating).
    pub pages: u32,
    /// Tick of its last use (recorded or matched).
    pub last: u64,
}

/// The memory of one host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Host {
    /// Tick of the host's last use.
    pub last: u64,
    /// Identities of the pages already counted, with their last use.
    pub pages: HashMap<u64, u64>,
    /// Block fingerprints with their counts.
    pub blocks: HashMap<u64, Seen>,
}

/// All hosts, with the clock that orders uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Store {
    pub tick: u64,
    pub hosts: HashMap<String, Host>,
}

/// One page as the store sees it: its identities and its distinct block
/// fingerprints.
pub(crate) struct PageFacts<'a> {
    /// URL-based and content-based identities (either may be absent).
    pub ids: &'a [u64],
    /// Distinct fingerprints of the page's blocks.
    pub blocks: &'a [u64],
}

impl Store {
    /// Counts the page once for its host (a page whose identity is already
    /// known is not counted again), then returns, for each of `query`, the
    /// number of distinct pages of the host it was seen on.
    pub fn record_and_count(
        &mut self,
        host: &str,
        page: Option<PageFacts<'_>>,
        query: &[u64],
        settings: &MemorySettings,
    ) -> Vec<u32> {
        self.tick += 1;
        let tick = self.tick;
        if !self.hosts.contains_key(host) {
            if page.is_none() {
                return vec![0; query.len()];
            }
            self.hosts.insert(host.to_string(), Host::default());
            self.evict_hosts(settings.max_hosts, host);
        }
        let Some(h) = self.hosts.get_mut(host) else {
            return vec![0; query.len()];
        };
        h.last = tick;
        if let Some(page) = page {
            h.record(page, tick, settings);
        }
        query
            .iter()
            .map(|fp| match h.blocks.get_mut(fp) {
                Some(seen) => {
                    seen.last = tick;
                    seen.pages
                }
                None => 0,
            })
            .collect()
    }

    /// Drops least recently used hosts (never `keep`) until at most 7/8 of
    /// `cap` remain, once `cap` is exceeded.
    fn evict_hosts(&mut self, cap: usize, keep: &str) {
        let cap = cap.max(1);
        if self.hosts.len() <= cap {
            return;
        }
        let target = (cap - cap / 8).max(1);
        let mut ticks: Vec<(u64, String)> = self
            .hosts
            .iter()
            .filter(|(k, _)| k.as_str() != keep)
            .map(|(k, h)| (h.last, k.clone()))
            .collect();
        ticks.sort_unstable();
        let excess = self.hosts.len().saturating_sub(target);
        for (_, k) in ticks.into_iter().take(excess) {
            self.hosts.remove(&k);
        }
    }

    /// Applies every cap (after loading a memory saved with larger ones).
    pub fn enforce(&mut self, settings: &MemorySettings) {
        for h in self.hosts.values_mut() {
            evict(&mut h.pages, settings.max_pages_per_host, |t| *t);
            evict(&mut h.blocks, settings.max_blocks_per_host, |s| s.last);
        }
        self.evict_hosts(settings.max_hosts, "");
    }

    /// Hosts, page identities and block fingerprints held.
    pub fn counts(&self) -> (usize, usize, usize) {
        let pages = self.hosts.values().map(|h| h.pages.len()).sum();
        let blocks = self.hosts.values().map(|h| h.blocks.len()).sum();
        (self.hosts.len(), pages, blocks)
    }
}

impl Host {
    fn record(&mut self, page: PageFacts<'_>, tick: u64, settings: &MemorySettings) {
        let mut known = false;
        for id in page.ids {
            if let Some(last) = self.pages.get_mut(id) {
                *last = tick;
                known = true;
            }
        }
        if known {
            return;
        }
        for &id in page.ids {
            self.pages.insert(id, tick);
        }
        evict(&mut self.pages, settings.max_pages_per_host, |t| *t);
        for &fp in page.blocks {
            let seen = self.blocks.entry(fp).or_insert(Seen { pages: 0, last: 0 });
            seen.pages = seen.pages.saturating_add(1);
            seen.last = tick;
        }
        evict(&mut self.blocks, settings.max_blocks_per_host, |s| s.last);
    }
}

/// Once `map` holds more than `cap` entries, removes the least recently
/// used down to 7/8 of `cap`.
fn evict<V>(map: &mut HashMap<u64, V>, cap: usize, last: impl Fn(&V) -> u64) {
    let cap = cap.max(1);
    if map.len() <= cap {
        return;
    }
    let target = (cap - cap / 8).max(1);
    let mut ticks: Vec<u64> = map.values().map(&last).collect();
    let excess = map.len() - target;
    // The tick at or below which entries go; ties beyond `excess` go too
    // (a page's blocks share one tick), which only frees more room.
    let (_, cut, _) = ticks.select_nth_unstable(excess - 1);
    let cut = *cut;
    map.retain(|_, v| last(v) > cut);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> MemorySettings {
        MemorySettings::default()
    }

    fn page<'a>(ids: &'a [u64], blocks: &'a [u64]) -> Option<PageFacts<'a>> {
        Some(PageFacts { ids, blocks })
    }

    #[test]
    fn a_page_counts_once() {
        let mut s = Store::default();
        let st = settings();
        assert_eq!(
            s.record_and_count("h", page(&[1], &[10, 11]), &[10], &st),
            [1]
        );
        assert_eq!(
            s.record_and_count("h", page(&[1], &[10, 11]), &[10], &st),
            [1]
        );
        // Same content under another URL: the content identity matches.
        assert_eq!(
            s.record_and_count("h", page(&[2, 1], &[10]), &[10], &st),
            [1]
        );
        assert_eq!(
            s.record_and_count("h", page(&[3], &[10]), &[10, 11, 12], &st),
            [2, 1, 0]
        );
        // Another host has its own counts.
        assert_eq!(s.record_and_count("g", page(&[4], &[10]), &[10], &st), [1]);
        // A query without a page records nothing.
        assert_eq!(s.record_and_count("x", None, &[10], &st), [0]);
        assert_eq!(s.counts().0, 2);
    }

    #[test]
    fn blocks_are_capped_keeping_the_recently_used() {
        let mut s = Store::default();
        let st = settings().max_blocks_per_host(16);
        // A block on every page stays; one-off blocks are evicted.
        for p in 0..100u64 {
            s.record_and_count("h", page(&[p], &[7, 1000 + p]), &[], &st);
        }
        let h = &s.hosts["h"];
        assert!(h.blocks.len() <= 16, "{}", h.blocks.len());
        assert_eq!(h.blocks[&7].pages, 100);
        assert!(h.blocks.contains_key(&1099));
        assert!(!h.blocks.contains_key(&1000));
    }

    #[test]
    fn pages_and_hosts_are_capped() {
        let mut s = Store::default();
        let st = settings().max_hosts(8).max_pages_per_host(8);
        for p in 0..50u64 {
            s.record_and_count("h", page(&[p], &[1]), &[], &st);
            s.record_and_count(&format!("host{p}"), page(&[p], &[1]), &[], &st);
        }
        assert!(s.hosts.len() <= 8);
        assert!(s.hosts.contains_key("h"), "the host in use is kept");
        assert!(s.hosts.contains_key("host49"));
        assert!(s.hosts["h"].pages.len() <= 8);
    }
}
