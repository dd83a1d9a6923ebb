//! A least-recently-used map bounded in entries and in bytes, the store
//! behind the service's caches.

use std::hash::Hash;
use std::sync::Mutex;

use lru::LruCache;

/// At most `max_entries` values and `max_bytes` of their stated weight;
/// the least recently used go first. Thread-safe.
#[derive(Debug)]
pub(crate) struct Bounded<K: Hash + Eq, V> {
    max_entries: usize,
    max_bytes: usize,
    state: Mutex<State<K, V>>,
}

#[derive(Debug)]
struct State<K: Hash + Eq, V> {
    map: LruCache<K, (V, usize)>,
    bytes: usize,
}

impl<K: Hash + Eq, V: Clone> Bounded<K, V> {
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        Bounded {
            max_entries,
            max_bytes,
            state: Mutex::new(State {
                map: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<K, V>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The value for `key`, marked as recently used.
    pub fn get(&self, key: &K) -> Option<V> {
        self.lock().map.get(key).map(|(v, _)| v.clone())
    }

    /// Stores `value` weighing `bytes` (replacing any value for `key`),
    /// evicting the least recently used past either bound. A value heavier
    /// than the whole budget is not kept.
    pub fn put(&self, key: K, value: V, bytes: usize) {
        let mut st = self.lock();
        if let Some((_, old)) = st.map.pop(&key) {
            st.bytes -= old;
        }
        if bytes > self.max_bytes || self.max_entries == 0 {
            return;
        }
        while !st.map.is_empty()
            && (st.map.len() >= self.max_entries || st.bytes + bytes > self.max_bytes)
        {
            if let Some((_, (_, gone))) = st.map.pop_lru() {
                st.bytes -= gone;
            }
        }
        st.bytes += bytes;
        st.map.put(key, (value, bytes));
    }

    /// The value for `key`, or `make()` stored with weight 0 (reweigh it
    /// with [`put`](Self::put) once it is filled).
    pub fn get_or_insert(&self, key: K, make: impl FnOnce() -> V) -> V {
        let mut st = self.lock();
        if let Some((v, _)) = st.map.get(&key) {
            return v.clone();
        }
        let value = make();
        if self.max_entries > 0 {
            while st.map.len() >= self.max_entries {
                if let Some((_, (_, gone))) = st.map.pop_lru() {
                    st.bytes -= gone;
                }
            }
            st.map.put(key, (value.clone(), 0));
        }
        value
    }

    /// Entries held and their total weight.
    pub fn usage(&self) -> (usize, usize) {
        let st = self.lock();
        (st.map.len(), st.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_least_recently_used_by_count_and_by_bytes() {
        let c = Bounded::new(2, 10);
        c.put("a", 1, 4);
        c.put("b", 2, 4);
        assert_eq!(c.get(&"a"), Some(1));
        c.put("c", 3, 4);
        assert_eq!(c.get(&"b"), None, "b was least recently used");
        assert_eq!(c.usage(), (2, 8));
        c.put("d", 4, 8);
        assert_eq!(
            (c.get(&"a"), c.get(&"c"), c.get(&"d")),
            (None, None, Some(4))
        );
        c.put("huge", 5, 11);
        assert_eq!(c.get(&"huge"), None, "heavier than the whole budget");
        c.put("d", 6, 2);
        assert_eq!((c.get(&"d"), c.usage()), (Some(6), (1, 2)), "reweighed");
        assert_eq!(c.get_or_insert("e", || 7), 7);
        assert_eq!(c.get_or_insert("e", || 8), 7);
        assert_eq!(c.usage(), (2, 2));
    }
}
