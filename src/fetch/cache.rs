//! Conditional GET: the validators a server hands out (ETag,
//! Last-Modified), and a small in-memory cache of responses keyed by URL.

use std::collections::HashMap;
use std::sync::Mutex;

use reqwest::header::{
    HeaderMap, HeaderValue, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};

use super::response::Fetched;

/// What a server said identifies this version of a resource; sent back on
/// the next request so it can answer "not modified" (304).
///
/// Both values are kept verbatim: servers compare them as strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Validators {
    /// The `ETag` header, quotes and `W/` prefix included.
    pub etag: Option<String>,
    /// The `Last-Modified` header (an HTTP date), as sent.
    pub last_modified: Option<String>,
}

impl Validators {
    /// No validators.
    pub fn new() -> Self {
        Validators::default()
    }

    /// Sets the ETag.
    pub fn with_etag(mut self, etag: impl Into<String>) -> Self {
        self.etag = Some(etag.into());
        self
    }

    /// Sets the Last-Modified date, as the server sent it.
    pub fn with_last_modified(mut self, date: impl Into<String>) -> Self {
        self.last_modified = Some(date.into());
        self
    }

    /// Whether neither validator is set.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }

    /// The validators in a response's headers.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        let get = |name| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        Validators {
            etag: get(ETAG),
            last_modified: get(LAST_MODIFIED),
        }
    }

    /// Adds `If-None-Match` / `If-Modified-Since` for these validators.
    pub(crate) fn apply(&self, headers: &mut HeaderMap) {
        if let Some(v) = self
            .etag
            .as_deref()
            .and_then(|e| HeaderValue::from_str(e).ok())
        {
            headers.insert(IF_NONE_MATCH, v);
        }
        if let Some(v) = self
            .last_modified
            .as_deref()
            .and_then(|d| HeaderValue::from_str(d).ok())
        {
            headers.insert(IF_MODIFIED_SINCE, v);
        }
    }

    /// The validators of a 304: any it sends replace the ones we had.
    pub(crate) fn refreshed(&self, headers: &HeaderMap) -> Self {
        let new = Validators::from_headers(headers);
        Validators {
            etag: new.etag.or_else(|| self.etag.clone()),
            last_modified: new.last_modified.or_else(|| self.last_modified.clone()),
        }
    }
}

/// A bounded in-memory cache of responses that carried validators:
/// at most `max_entries` responses and `max_bytes` of bodies, least
/// recently used evicted first.
#[derive(Debug)]
pub(crate) struct ResponseCache {
    max_entries: usize,
    max_bytes: usize,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    tick: u64,
    bytes: usize,
    map: HashMap<String, (u64, Fetched)>,
}

impl ResponseCache {
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        ResponseCache {
            max_entries,
            max_bytes,
            state: Mutex::new(State::default()),
        }
    }

    /// The cached response for `key`, marking it recently used.
    pub fn get(&self, key: &str) -> Option<Fetched> {
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        st.tick += 1;
        let tick = st.tick;
        let (used, fetched) = st.map.get_mut(key)?;
        *used = tick;
        Some(fetched.clone())
    }

    /// Stores a response that has validators and fits the byte budget.
    pub fn put(&self, key: &str, fetched: &Fetched) {
        let size = fetched.body.len();
        if fetched.validators.is_empty() || size > self.max_bytes || self.max_entries == 0 {
            return;
        }
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        st.tick += 1;
        let tick = st.tick;
        if let Some((_, old)) = st.map.remove(key) {
            st.bytes -= old.body.len();
        }
        while !st.map.is_empty()
            && (st.map.len() >= self.max_entries || st.bytes + size > self.max_bytes)
        {
            let oldest = st
                .map
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                if let Some((_, gone)) = st.map.remove(&k) {
                    st.bytes -= gone.body.len();
                }
            }
        }
        st.bytes += size;
        st.map.insert(key.to_string(), (tick, fetched.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetched(body: &[u8], etag: Option<&str>) -> Fetched {
        let url = url::Url::parse("http://example.com/").unwrap();
        let mut f = Fetched::for_test(url, body.to_vec());
        f.validators.etag = etag.map(str::to_string);
        f
    }

    #[test]
    fn evicts_least_recently_used_and_respects_bytes() {
        let c = ResponseCache::new(2, 10);
        c.put("a", &fetched(b"aaaa", Some("\"a\"")));
        c.put("b", &fetched(b"bbbb", Some("\"b\"")));
        assert!(c.get("a").is_some());
        c.put("c", &fetched(b"cccc", Some("\"c\"")));
        assert!(c.get("b").is_none(), "b was least recently used");
        assert!(c.get("a").is_some() && c.get("c").is_some());
        c.put("d", &fetched(b"dddddddd", Some("\"d\"")));
        assert!(c.get("d").is_some());
        assert!(
            c.get("a").is_none() && c.get("c").is_none(),
            "byte budget of 10"
        );
        c.put("big", &fetched(&[0; 11], Some("\"x\"")));
        assert!(c.get("big").is_none());
        c.put("plain", &fetched(b"x", None));
        assert!(c.get("plain").is_none(), "nothing to revalidate with");
    }

    #[test]
    fn validators_round_trip_through_headers() {
        let v = Validators::new()
            .with_etag("W/\"v1\"")
            .with_last_modified("Wed, 21 Oct 2015 07:28:00 GMT");
        let mut h = HeaderMap::new();
        v.apply(&mut h);
        assert_eq!(h[IF_NONE_MATCH], "W/\"v1\"");
        assert_eq!(h[IF_MODIFIED_SINCE], "Wed, 21 Oct 2015 07:28:00 GMT");
        let mut resp = HeaderMap::new();
        resp.insert(ETAG, HeaderValue::from_static("\"v2\""));
        let r = v.refreshed(&resp);
        assert_eq!(r.etag.as_deref(), Some("\"v2\""));
        assert_eq!(r.last_modified, v.last_modified);
    }
}
