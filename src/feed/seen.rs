//! A small, bounded set of the entries already read, which the caller owns
//! and keeps between polls.

use std::collections::{HashSet, VecDeque};

use super::model::Entry;

/// The entries already seen, by id and by link, so a feed polled again
/// yields only what is new. Bounded: past `capacity` keys, the oldest are
/// forgotten first (a feed lists its latest entries, so an entry old
/// enough to be forgotten has usually left the feed).
///
/// ```
/// use gleaner::feed::{parse_feed, SeenSet};
/// let rss = br#"<rss version="2.0"><channel><item><guid>a</guid><link>https://example.com/a</link></item></channel></rss>"#;
/// let feed = parse_feed(rss, None).unwrap();
/// let mut seen = SeenSet::new();
/// assert_eq!(seen.retain_new(feed.entries.clone()).len(), 1);
/// assert_eq!(seen.retain_new(feed.entries).len(), 0);
/// ```
#[derive(Debug, Clone)]
pub struct SeenSet {
    keys: HashSet<String>,
    order: VecDeque<String>,
    capacity: usize,
}

impl Default for SeenSet {
    fn default() -> Self {
        SeenSet::with_capacity(10_000)
    }
}

impl SeenSet {
    /// An empty set remembering up to 10 000 keys (an id and a link per entry).
    pub fn new() -> Self {
        SeenSet::default()
    }

    /// An empty set remembering up to `capacity` keys (at least 2).
    pub fn with_capacity(capacity: usize) -> Self {
        SeenSet {
            keys: HashSet::new(),
            order: VecDeque::new(),
            capacity: capacity.max(2),
        }
    }

    /// The keys of an entry: its id and its link.
    fn keys_of(entry: &Entry) -> impl Iterator<Item = String> + '_ {
        let id = Some(entry.id.trim())
            .filter(|s| !s.is_empty())
            .map(|s| format!("id:{s}"));
        let link = entry.link.as_ref().map(|u| format!("link:{u}"));
        id.into_iter().chain(link)
    }

    /// Whether the entry was seen before (its id or its link).
    pub fn contains(&self, entry: &Entry) -> bool {
        Self::keys_of(entry).any(|k| self.keys.contains(&k))
    }

    /// Records the entry; returns whether it was new.
    pub fn insert(&mut self, entry: &Entry) -> bool {
        let new = !self.contains(entry);
        for key in Self::keys_of(entry) {
            self.insert_key(key);
        }
        new
    }

    /// Records one raw key (as listed by [`keys`](Self::keys)), for a set
    /// restored from storage.
    pub fn insert_key(&mut self, key: String) {
        if self.keys.insert(key.clone()) {
            self.order.push_back(key);
            while self.order.len() > self.capacity {
                if let Some(old) = self.order.pop_front() {
                    self.keys.remove(&old);
                }
            }
        }
    }

    /// The entries not seen before, in order, each recorded as seen.
    pub fn retain_new(&mut self, entries: Vec<Entry>) -> Vec<Entry> {
        entries.into_iter().filter(|e| self.insert(e)).collect()
    }

    /// The remembered keys, oldest first (`id:…` and `link:…`), to store.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    /// How many keys are remembered.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgets_the_oldest_past_capacity() {
        let mut seen = SeenSet::with_capacity(2);
        let e = |id: &str| Entry {
            id: id.to_string(),
            ..Entry::default()
        };
        assert!(seen.insert(&e("a")));
        assert!(seen.insert(&e("b")));
        assert!(!seen.insert(&e("b")));
        assert!(seen.insert(&e("c")));
        assert!(!seen.contains(&e("a")));
        assert_eq!(seen.len(), 2);
    }
}
