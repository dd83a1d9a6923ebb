//! [`ClientBuilder`]: every setting of the [`Client`], each with its default.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};

use super::cache::ResponseCache;
use super::client::{Client, Inner, Settings};
use super::guard::{AddressPolicy, GuardedResolver};
use super::politeness::Politeness;
use super::robots::RobotsCache;
use crate::error::{Error, Result};
use crate::Extractor;

/// The default User-Agent: the crate's name and version.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "gleaner/",
    env!("CARGO_PKG_VERSION"),
    " (+https://crates.io/crates/gleaner)"
);

/// What the client asks for: pages and feeds first, anything else last.
const ACCEPT_VALUE: &str = "text/html,application/xhtml+xml,application/rss+xml,\
application/atom+xml,application/feed+json,application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5";

/// Builds a [`Client`]. Every setter states its default; limits take an
/// `Option` where `None` means unlimited.
///
/// ```
/// use std::time::Duration;
/// let client = gleaner::fetch::Client::builder()
///     .timeout(Some(Duration::from_secs(10)))
///     .per_host_delay(None)
///     .build()
///     .unwrap();
/// # drop(client);
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientBuilder {
    user_agent: String,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    max_body_bytes: Option<usize>,
    max_redirects: usize,
    allow_https_downgrade: bool,
    max_retries: u32,
    retry_base_delay: Duration,
    per_host_concurrency: Option<usize>,
    per_host_delay: Option<Duration>,
    robots: bool,
    robots_max_bytes: usize,
    block_private_addresses: bool,
    allowed_addresses: HashSet<IpAddr>,
    cache_entries: Option<usize>,
    cache_max_bytes: usize,
    root_certificates: Vec<Vec<u8>>,
    extractor: Extractor,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            connect_timeout: Some(Duration::from_secs(10)),
            timeout: Some(Duration::from_secs(30)),
            max_body_bytes: Some(16 * 1024 * 1024),
            max_redirects: 5,
            allow_https_downgrade: false,
            max_retries: 2,
            retry_base_delay: Duration::from_millis(500),
            per_host_concurrency: Some(2),
            per_host_delay: Some(Duration::from_secs(1)),
            robots: true,
            robots_max_bytes: 512 * 1024,
            block_private_addresses: true,
            allowed_addresses: HashSet::new(),
            cache_entries: None,
            cache_max_bytes: 32 * 1024 * 1024,
            root_certificates: Vec::new(),
            extractor: Extractor::default(),
        }
    }
}

impl ClientBuilder {
    /// The defaults listed on each setter.
    pub fn new() -> Self {
        ClientBuilder::default()
    }

    /// The User-Agent header; its first word (before `/`) is also the name
    /// looked up in robots.txt. Default: [`DEFAULT_USER_AGENT`]
    /// (`gleaner/<version> (+https://crates.io/crates/gleaner)`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Longest wait for a TCP (and TLS) connection. Default: 10 s.
    pub fn connect_timeout(mut self, limit: Option<Duration>) -> Self {
        self.connect_timeout = limit;
        self
    }

    /// Total deadline of one fetch: redirects, retries and their waits, and
    /// reading the whole body, so a server that drips a byte a second cannot
    /// hold a task. Time spent waiting for a per-host turn is not counted.
    /// Default: 30 s.
    pub fn timeout(mut self, limit: Option<Duration>) -> Self {
        self.timeout = limit;
        self
    }

    /// Largest body accepted, counted after decompression (gzip, brotli,
    /// deflate) while it streams in. Default: 16 MiB.
    pub fn max_body_bytes(mut self, limit: Option<usize>) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Most redirects followed in one fetch; a loop is refused at once.
    /// Default: 5.
    pub fn max_redirects(mut self, limit: usize) -> Self {
        self.max_redirects = limit;
        self
    }

    /// Whether a redirect from https to plain http is followed. Default: no.
    pub fn allow_https_downgrade(mut self, allow: bool) -> Self {
        self.allow_https_downgrade = allow;
        self
    }

    /// Extra tries after the first, for connection failures and for 429,
    /// 502, 503 and 504 answers. Default: 2.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The first backoff between tries, doubled for each further try and
    /// jittered; a `Retry-After` header replaces it. Default: 500 ms.
    pub fn retry_base_delay(mut self, delay: Duration) -> Self {
        self.retry_base_delay = delay;
        self
    }

    /// Most requests in flight to one host (host and port). Default: 2.
    pub fn per_host_concurrency(mut self, limit: Option<usize>) -> Self {
        self.per_host_concurrency = limit;
        self
    }

    /// Least time between the starts of two requests to one host.
    /// Default: 1 s.
    pub fn per_host_delay(mut self, delay: Option<Duration>) -> Self {
        self.per_host_delay = delay;
        self
    }

    /// Turns both per-host limits off (for benchmarks and trusted servers).
    pub fn no_politeness(self) -> Self {
        self.per_host_concurrency(None).per_host_delay(None)
    }

    /// Whether robots.txt is honoured for page fetches (feeds are never
    /// checked). It is fetched once per origin and kept for a day.
    /// Default: yes.
    pub fn robots(mut self, honour: bool) -> Self {
        self.robots = honour;
        self
    }

    /// Largest robots.txt read; the rest is ignored. Default: 512 KiB.
    pub fn robots_max_bytes(mut self, limit: usize) -> Self {
        self.robots_max_bytes = limit;
        self
    }

    /// Whether loopback, private, link-local and other non-public addresses
    /// are refused (checked on IP-literal URLs, on every resolved address
    /// and on every redirect hop). Default: yes.
    pub fn block_private_addresses(mut self, block: bool) -> Self {
        self.block_private_addresses = block;
        self
    }

    /// Admits one non-public address despite the guard (for example
    /// `127.0.0.1` in tests). Default: none admitted.
    pub fn allow_address(mut self, addr: IpAddr) -> Self {
        self.allowed_addresses.insert(addr);
        self
    }

    /// Keeps up to this many responses that carried validators in memory,
    /// and revalidates them with a conditional GET. Default: `None` (no cache).
    pub fn cache_entries(mut self, entries: Option<usize>) -> Self {
        self.cache_entries = entries;
        self
    }

    /// Byte budget of the cache's bodies. Default: 32 MiB.
    pub fn cache_max_bytes(mut self, limit: usize) -> Self {
        self.cache_max_bytes = limit;
        self
    }

    /// Trusts one more root certificate (PEM) besides the system's, for
    /// servers under a private certificate authority. An unreadable
    /// certificate makes [`build`](Self::build) fail. Default: the system's
    /// roots only.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// The extractor used by [`Client::article`]. Default: [`Extractor::default`].
    pub fn extractor(mut self, extractor: Extractor) -> Self {
        self.extractor = extractor;
        self
    }

    /// Builds the client (one connection pool, shared by its clones).
    pub fn build(self) -> Result<Client> {
        let policy = Arc::new(AddressPolicy {
            block_private: self.block_private_addresses,
            allowed: self.allowed_addresses,
        });
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE));
        let mut http = reqwest::Client::builder()
            .user_agent(self.user_agent.as_str())
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .no_proxy()
            .gzip(true)
            .brotli(true)
            .deflate(true)
            .dns_resolver(GuardedResolver {
                policy: Arc::clone(&policy),
            });
        if let Some(limit) = self.connect_timeout {
            http = http.connect_timeout(limit);
        }
        for pem in &self.root_certificates {
            let certs =
                reqwest::Certificate::from_pem_bundle(pem).map_err(|e| Error::ClientBuild {
                    source: Box::new(e),
                })?;
            if certs.is_empty() {
                return Err(Error::ClientBuild {
                    source: "no certificate in the PEM data given as a root".into(),
                });
            }
            http = http.tls_certs_merge(certs);
        }
        let http = http.build().map_err(|e| Error::ClientBuild {
            source: Box::new(e),
        })?;
        let robots_token = self
            .user_agent
            .split(|c: char| c == '/' || c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_string();
        Ok(Client::from_inner(Inner {
            http,
            settings: Settings {
                connect_timeout: self.connect_timeout,
                timeout: self.timeout,
                max_body_bytes: self.max_body_bytes,
                max_redirects: self.max_redirects,
                allow_https_downgrade: self.allow_https_downgrade,
                max_retries: self.max_retries,
                retry_base_delay: self.retry_base_delay,
                robots: self.robots,
                robots_max_bytes: self.robots_max_bytes,
                robots_token,
            },
            policy,
            politeness: Politeness::new(self.per_host_concurrency, self.per_host_delay),
            robots: RobotsCache::default(),
            cache: self
                .cache_entries
                .map(|n| ResponseCache::new(n, self.cache_max_bytes)),
            extractor: self.extractor,
        }))
    }
}
