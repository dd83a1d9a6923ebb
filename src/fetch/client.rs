//! [`Client`]: one fetch from URL to bytes, in order: address guard,
//! robots.txt, per-host turn, GET (with validators), retries, redirects,
//! Content-Type check, capped body.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::{Response, StatusCode};
use tokio::time::Instant;
use url::Url;

use super::body::{self, Overflow};
use super::builder::ClientBuilder;
use super::cache::{ResponseCache, Validators};
use super::guard::AddressPolicy;
use super::politeness::{Politeness, Turn};
use super::redirect::{self, Trail};
use super::response::{Fetched, NotModified, Outcome, Request, Resource};
use super::retry;
use super::robots::{Robots, RobotsCache};
use crate::error::{Error, Result};
use crate::{Article, Extractor};

/// An HTTP client for pages and feeds from untrusted sources: bounded in
/// time and bytes, polite per host, guarded against non-public addresses.
///
/// One connection pool lives inside; clones share it (and the per-host
/// gates, robots.txt cache and response cache), so clone freely.
///
/// ```no_run
/// # async fn run() -> gleaner::Result<()> {
/// let client = gleaner::fetch::Client::new()?;
/// let article = client.article("https://example.com/news/1").await?;
/// println!("{}", article.text);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub settings: Settings,
    pub policy: Arc<AddressPolicy>,
    pub politeness: Politeness,
    pub robots: RobotsCache,
    pub cache: Option<ResponseCache>,
    pub extractor: Extractor,
}

#[derive(Debug)]
pub(crate) struct Settings {
    pub connect_timeout: Option<Duration>,
    pub timeout: Option<Duration>,
    pub max_body_bytes: Option<usize>,
    pub max_redirects: usize,
    pub allow_https_downgrade: bool,
    pub max_retries: u32,
    pub retry_base_delay: Duration,
    pub robots: bool,
    pub robots_max_bytes: usize,
    pub robots_token: String,
}

/// The state of one fetch: its deadline and how many requests it sent.
#[derive(Debug)]
struct Budget {
    deadline: Option<Instant>,
    limit: Option<Duration>,
    attempts: u32,
}

impl Budget {
    fn new(limit: Option<Duration>) -> Self {
        Budget {
            deadline: limit.map(|l| Instant::now() + l),
            limit,
            attempts: 0,
        }
    }

    /// Time queued for a per-host turn does not count against the deadline.
    fn pause(&mut self, waited: Duration) {
        if let Some(d) = self.deadline.as_mut() {
            *d += waited;
        }
    }

    /// Whether waiting `wait` still leaves the deadline ahead.
    fn fits(&self, wait: Duration) -> bool {
        self.deadline.is_none_or(|d| Instant::now() + wait < d)
    }

    /// Runs `fut` until the deadline.
    async fn within<F: Future>(&self, url: &Url, fut: F) -> Result<F::Output> {
        match self.deadline {
            None => Ok(fut.await),
            Some(d) => tokio::time::timeout_at(d, fut)
                .await
                .map_err(|_| Error::Timeout {
                    url: url.clone(),
                    limit: self.limit.unwrap_or_default(),
                    source: None,
                }),
        }
    }
}

/// What one fetch asks of the response.
#[derive(Debug, Clone, Copy)]
struct Spec<'a> {
    resource: Resource,
    validators: Option<&'a Validators>,
    cap: Option<usize>,
    overflow: Overflow,
    /// Whether a Content-Type that is neither HTML nor a feed is refused.
    check_type: bool,
}

/// The end of a fetch before the response cache is consulted.
enum Raw {
    Fresh(Fetched),
    NotModified(NotModified),
}

impl Client {
    /// A client with the defaults of [`ClientBuilder`].
    pub fn new() -> Result<Self> {
        ClientBuilder::default().build()
    }

    /// A builder to change the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn from_inner(inner: Inner) -> Self {
        Client {
            inner: Arc::new(inner),
        }
    }

    /// Fetches a page and extracts its article with the client's
    /// [`Extractor`]. Extraction runs on tokio's blocking pool so that it
    /// does not stall other fetches on the same runtime.
    pub async fn article(&self, url: &str) -> Result<Article> {
        let fetched = self.fetch(url).await?;
        let name = crate::error::InputName::Url(fetched.url.clone());
        let extractor = self.inner.extractor.clone();
        match tokio::task::spawn_blocking(move || extractor.extract(&fetched.page())).await {
            Ok(result) => result,
            Err(e) => match e.try_into_panic() {
                // A panic in extraction is passed on unchanged.
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(_) => Err(Error::Io {
                    input: name,
                    source: std::io::Error::other(
                        "extraction cancelled: the runtime is shutting down",
                    ),
                }),
            },
        }
    }

    /// Fetches a page (robots.txt applies). With a cache, a cached copy is
    /// revalidated and returned when the server answers 304.
    pub async fn fetch(&self, url: &str) -> Result<Fetched> {
        let request = Request::page(url)?;
        let url = request.url.clone();
        match self.execute(request).await? {
            Outcome::Fetched(f) => Ok(f),
            Outcome::NotModified(nm) => Err(Error::Status {
                url,
                status: StatusCode::NOT_MODIFIED,
                attempts: nm.attempts,
            }),
        }
    }

    /// Fetches a feed (robots.txt does not apply).
    pub async fn fetch_feed(&self, url: &str) -> Result<Fetched> {
        let request = Request::feed(url)?;
        let url = request.url.clone();
        match self.execute(request).await? {
            Outcome::Fetched(f) => Ok(f),
            Outcome::NotModified(nm) => Err(Error::Status {
                url,
                status: StatusCode::NOT_MODIFIED,
                attempts: nm.attempts,
            }),
        }
    }

    /// Runs one request. With validators on the request, a 304 yields
    /// [`Outcome::NotModified`]; without them, the client's cache (if any)
    /// supplies validators and a 304 yields the cached copy.
    pub async fn execute(&self, request: Request) -> Result<Outcome> {
        let Request {
            url,
            resource,
            validators,
        } = request;
        let key = url.as_str().to_string();
        let cache = self.inner.cache.as_ref();
        let cached = match (&validators, cache) {
            (None, Some(c)) => c.get(&key),
            _ => None,
        };
        let sent = validators.or_else(|| cached.as_ref().map(|c| c.validators.clone()));
        let spec = Spec {
            resource,
            validators: sent.as_ref(),
            cap: self.inner.settings.max_body_bytes,
            overflow: Overflow::Refuse,
            check_type: true,
        };
        let mut budget = Budget::new(self.inner.settings.timeout);
        match self.run(&url, spec, &mut budget).await? {
            Raw::Fresh(fetched) => {
                if let Some(c) = cache {
                    c.put(&key, &fetched);
                }
                Ok(Outcome::Fetched(fetched))
            }
            Raw::NotModified(nm) => match cached {
                Some(mut copy) => {
                    copy.validators = nm.validators;
                    copy.attempts = nm.attempts;
                    copy.from_cache = true;
                    if let Some(c) = cache {
                        c.put(&key, &copy);
                    }
                    Ok(Outcome::Fetched(copy))
                }
                None => Ok(Outcome::NotModified(nm)),
            },
        }
    }

    /// Follows one URL through redirects to its final response.
    async fn run(&self, url: &Url, spec: Spec<'_>, budget: &mut Budget) -> Result<Raw> {
        let s = &self.inner.settings;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::UnsupportedScheme { url: url.clone() });
        }
        let mut trail = Trail::new(url.clone(), s.max_redirects, s.allow_https_downgrade);
        loop {
            let current = trail.current().clone();
            if let Some(addr) = self.inner.policy.refuses_literal(&current) {
                return Err(Error::BlockedAddress { url: current, addr });
            }
            if spec.resource == Resource::Page && s.robots {
                self.check_robots(&current, budget).await?;
            }
            let (resp, turn) = self.send(&current, spec.validators, budget).await?;
            let status = resp.status();
            if redirect::is_redirect(status) && trail.follow(resp.headers())?.is_some() {
                drop((resp, turn));
                continue;
            }
            if status == StatusCode::NOT_MODIFIED && spec.validators.is_some() {
                return Ok(Raw::NotModified(NotModified {
                    validators: spec
                        .validators
                        .map(|v| v.refreshed(resp.headers()))
                        .unwrap_or_default(),
                    url: current,
                    attempts: budget.attempts,
                }));
            }
            if !status.is_success() {
                return Err(Error::Status {
                    url: current,
                    status,
                    attempts: budget.attempts,
                });
            }
            let content_type = body::content_type(&resp);
            if spec.check_type && !body::is_html_or_feed(content_type.as_deref()) {
                return Err(Error::NotHtmlOrFeed {
                    url: current,
                    content_type: content_type.unwrap_or_default(),
                });
            }
            let headers = resp.headers().clone();
            let read = body::read_capped(resp, &current, spec.cap, spec.overflow, budget.attempts);
            let bytes = budget.within(&current, read).await??;
            drop(turn);
            return Ok(Raw::Fresh(Fetched {
                validators: Validators::from_headers(&headers),
                url: current,
                redirects: trail.hops,
                status,
                headers,
                content_type,
                body: bytes,
                attempts: budget.attempts,
                from_cache: false,
            }));
        }
    }

    /// Sends one GET, trying again on connection failures and on 429, 502,
    /// 503 and 504 while retries and the deadline allow. Returns the
    /// response with the host turn it holds.
    async fn send(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        budget: &mut Budget,
    ) -> Result<(Response, Turn)> {
        let s = &self.inner.settings;
        let host = host_key(url);
        let mut tries = 0u32;
        loop {
            let turn = self.inner.politeness.turn(&host).await;
            budget.pause(turn.waited);
            tries += 1;
            budget.attempts += 1;
            let mut req = self.inner.http.get(url.clone());
            if let Some(v) = validators {
                let mut h = reqwest::header::HeaderMap::new();
                v.apply(&mut h);
                req = req.headers(h);
            }
            let result = budget.within(url, req.send()).await?;
            let can_retry = tries <= s.max_retries;
            let wait = match result {
                Ok(resp) if can_retry && retry::retryable_status(resp.status()) => {
                    let wait = retry::retry_after(resp.headers(), SystemTime::now())
                        .unwrap_or_else(|| retry::backoff(s.retry_base_delay, tries + 1));
                    if !budget.fits(wait) {
                        log::debug!("{url}: {} and no time left to retry", resp.status());
                        return Ok((resp, turn));
                    }
                    log::debug!("{url}: {}, retrying in {wait:?}", resp.status());
                    wait
                }
                Ok(resp) => return Ok((resp, turn)),
                Err(e) if e.is_timeout() => {
                    return Err(Error::Timeout {
                        url: url.clone(),
                        limit: if e.is_connect() {
                            s.connect_timeout.unwrap_or_default()
                        } else {
                            s.timeout.unwrap_or_default()
                        },
                        source: Some(e),
                    })
                }
                Err(e) => {
                    let err = body::transport_error(url, e, budget.attempts);
                    let connect_failure = matches!(&err, Error::Network { source, .. } if retry::retryable_error(source));
                    let wait = retry::backoff(s.retry_base_delay, tries + 1);
                    if !(can_retry && connect_failure && budget.fits(wait)) {
                        return Err(err);
                    }
                    log::debug!("{url}: {err}, retrying in {wait:?}");
                    wait
                }
            };
            drop(turn);
            tokio::time::sleep(wait).await;
        }
    }

    /// Refuses `url` when its origin's robots.txt disallows it for us.
    async fn check_robots(&self, url: &Url, budget: &Budget) -> Result<()> {
        let origin = url.origin().ascii_serialization();
        let slot = self.inner.robots.slot(&origin);
        let robots = slot
            .cell
            .get_or_try_init(|| self.fetch_robots(url, budget.deadline))
            .await;
        let robots = match robots {
            Ok(r) => r,
            Err(e @ (Error::BlockedAddress { .. } | Error::Timeout { .. })) => return Err(e),
            Err(e) => {
                log::debug!("robots.txt unavailable, allowing: {e}");
                return Ok(());
            }
        };
        let mut path = url.path().to_string();
        if let Some(q) = url.query() {
            path.push('?');
            path.push_str(q);
        }
        if robots.allows(&path) {
            Ok(())
        } else {
            Err(Error::RobotsDisallowed { url: url.clone() })
        }
    }

    /// Fetches and parses an origin's robots.txt: a 4xx allows everything,
    /// a 5xx disallows everything (RFC 9309); other failures are errors
    /// (and are not cached).
    async fn fetch_robots(&self, url: &Url, deadline: Option<Instant>) -> Result<Arc<Robots>> {
        let s = &self.inner.settings;
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        let spec = Spec {
            resource: Resource::Feed,
            validators: None,
            cap: Some(s.robots_max_bytes),
            overflow: Overflow::Truncate,
            check_type: false,
        };
        let mut budget = Budget {
            deadline,
            limit: s.timeout,
            attempts: 0,
        };
        let robots = match Box::pin(self.run(&robots_url, spec, &mut budget)).await {
            Ok(Raw::Fresh(f)) => Robots::parse(&String::from_utf8_lossy(&f.body), &s.robots_token),
            Ok(Raw::NotModified(_)) => Robots::allow_all(),
            Err(Error::Status { status, .. }) if status.is_server_error() => Robots::disallow_all(),
            Err(
                Error::Status { .. } | Error::TooManyRedirects { .. } | Error::RedirectLoop { .. },
            ) => Robots::allow_all(),
            Err(e) => return Err(e),
        };
        Ok(Arc::new(robots))
    }
}

/// The politeness key of a URL: host and port.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_cheap_to_share() {
        fn shareable<T: Send + Sync + Clone + 'static>() {}
        shareable::<Client>();
        let c = Client::new().unwrap();
        let fut = c.article("http://example.invalid/");
        fn sendable<F: Send>(_: &F) {}
        sendable(&fut);
    }

    #[test]
    fn host_keys_include_the_port() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(host_key(&u("https://a.example/x")), "a.example:443");
        assert_eq!(host_key(&u("http://a.example:8080/")), "a.example:8080");
    }
}
