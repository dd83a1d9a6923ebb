//! Redirects, followed by hand so that every hop is counted, checked for
//! loops and downgrades, and passed through the address guard.

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::StatusCode;
use url::Url;

use crate::error::Error;

/// Whether a status asks to be redirected.
pub(crate) fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// The trail of one fetch: the first URL and every hop taken so far.
#[derive(Debug)]
pub(crate) struct Trail {
    pub first: Url,
    pub hops: Vec<Url>,
    pub max: usize,
    pub allow_downgrade: bool,
}

impl Trail {
    pub fn new(first: Url, max: usize, allow_downgrade: bool) -> Self {
        Trail {
            first,
            hops: Vec::new(),
            max,
            allow_downgrade,
        }
    }

    /// The URL currently being fetched.
    pub fn current(&self) -> &Url {
        self.hops.last().unwrap_or(&self.first)
    }

    /// Follows the `Location` of a redirect response from the current URL.
    /// `Ok(None)` when there is no usable Location (the response then
    /// stands as it is).
    pub fn follow(&mut self, headers: &HeaderMap) -> Result<Option<Url>, Error> {
        let Some(location) = headers.get(LOCATION).and_then(|v| v.to_str().ok()) else {
            return Ok(None);
        };
        let from = self.current().clone();
        let Ok(mut to) = from.join(location) else {
            return Ok(None);
        };
        to.set_fragment(None);
        if !matches!(to.scheme(), "http" | "https") {
            return Err(Error::UnsupportedScheme { url: to });
        }
        let chain_to = |to: Url| {
            let mut chain = self.hops.clone();
            chain.push(to);
            chain
        };
        if from.scheme() == "https" && to.scheme() == "http" && !self.allow_downgrade {
            return Err(Error::InsecureRedirect {
                url: self.first.clone(),
                chain: chain_to(to),
            });
        }
        if to == self.first || self.hops.contains(&to) {
            return Err(Error::RedirectLoop {
                url: self.first.clone(),
                chain: chain_to(to),
            });
        }
        if self.hops.len() >= self.max {
            return Err(Error::TooManyRedirects {
                url: self.first.clone(),
                limit: self.max,
                chain: chain_to(to),
            });
        }
        self.hops.push(to.clone());
        Ok(Some(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn loc(to: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(LOCATION, HeaderValue::from_str(to).unwrap());
        h
    }

    fn trail(first: &str, max: usize, downgrade: bool) -> Trail {
        Trail::new(Url::parse(first).unwrap(), max, downgrade)
    }

    #[test]
    fn relative_chain_and_cap() {
        let mut t = trail("http://a.example/x", 2, false);
        assert_eq!(
            t.follow(&loc("/y")).unwrap().unwrap().as_str(),
            "http://a.example/y"
        );
        assert_eq!(
            t.follow(&loc("z")).unwrap().unwrap().as_str(),
            "http://a.example/z"
        );
        match t.follow(&loc("/w")) {
            Err(Error::TooManyRedirects {
                limit: 2, chain, ..
            }) => assert_eq!(chain.len(), 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn loops_are_caught() {
        let mut t = trail("http://a.example/x", 5, false);
        t.follow(&loc("/y")).unwrap();
        match t.follow(&loc("/x#frag")) {
            Err(Error::RedirectLoop { chain, .. }) => {
                assert_eq!(chain.last().unwrap().as_str(), "http://a.example/x")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn downgrade_refused_unless_allowed() {
        let mut t = trail("https://a.example/x", 5, false);
        assert!(matches!(
            t.follow(&loc("http://a.example/x")),
            Err(Error::InsecureRedirect { .. })
        ));
        let mut t = trail("https://a.example/x", 5, true);
        assert!(t.follow(&loc("http://a.example/x")).unwrap().is_some());
        let mut t = trail("http://a.example/x", 5, false);
        assert!(
            t.follow(&loc("https://a.example/x")).unwrap().is_some(),
            "upgrade is fine"
        );
    }

    #[test]
    fn odd_locations() {
        let mut t = trail("http://a.example/x", 5, false);
        assert!(matches!(
            t.follow(&loc("file:///etc/passwd")),
            Err(Error::UnsupportedScheme { .. })
        ));
        assert!(t.follow(&HeaderMap::new()).unwrap().is_none());
        assert!(t.follow(&loc("http://[::1")).unwrap().is_none());
    }
}
