//! What a fetch is asked for ([`Request`]) and what it yields ([`Outcome`],
//! [`Fetched`], [`NotModified`]).

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use url::Url;

use super::cache::Validators;
use crate::Page;

/// What is being fetched; decides whether robots.txt applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Resource {
    /// A web page: robots.txt is honoured (unless turned off on the client).
    #[default]
    Page,
    /// A feed (RSS, Atom, JSON Feed), published for machines to poll:
    /// robots.txt is not consulted.
    Feed,
}

/// One fetch: a URL, what it is, and optional validators for a
/// conditional GET.
///
/// ```
/// use gleaner::fetch::{Request, Validators};
/// let req = Request::feed("https://example.com/feed.xml")
///     .unwrap()
///     .validators(Validators::new().with_etag("\"v7\""));
/// assert_eq!(req.url().as_str(), "https://example.com/feed.xml");
/// ```
#[derive(Debug, Clone)]
pub struct Request {
    pub(crate) url: Url,
    pub(crate) resource: Resource,
    pub(crate) validators: Option<Validators>,
}

impl Request {
    /// A request for a web page.
    pub fn page(url: &str) -> crate::Result<Self> {
        Ok(Request::new(parse_url(url)?, Resource::Page))
    }

    /// A request for a feed.
    pub fn feed(url: &str) -> crate::Result<Self> {
        Ok(Request::new(parse_url(url)?, Resource::Feed))
    }

    /// A request for an already parsed URL.
    pub fn new(url: Url, resource: Resource) -> Self {
        Request {
            url,
            resource,
            validators: None,
        }
    }

    /// Validators from an earlier response: the server may then answer
    /// [`Outcome::NotModified`]. Default: none (an unconditional GET, or the
    /// cached validators when the client has a cache).
    pub fn validators(mut self, validators: Validators) -> Self {
        self.validators = Some(validators).filter(|v| !v.is_empty());
        self
    }

    /// The URL requested.
    pub fn url(&self) -> &Url {
        &self.url
    }
}

pub(crate) fn parse_url(url: &str) -> crate::Result<Url> {
    Url::parse(url).map_err(|source| crate::Error::InvalidUrl {
        input: url.to_string(),
        source,
    })
}

/// How a conditional fetch ended.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Outcome {
    /// New content (status 2xx), or the cached copy the server confirmed.
    Fetched(Fetched),
    /// The server answered 304: the content has not changed since the
    /// validators the caller sent.
    NotModified(NotModified),
}

/// A 304 answer to a conditional GET.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct NotModified {
    /// The URL that answered (after redirects).
    pub url: Url,
    /// The validators to send next time: the ones sent, updated by any the
    /// 304 carried.
    pub validators: Validators,
    /// How many requests were sent (redirect hops and retries included).
    pub attempts: u32,
}

/// A successful response: the raw bytes (decompressed per
/// Content-Encoding, never decoded to text) and what came with them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Fetched {
    /// The URL that answered, after redirects.
    pub url: Url,
    /// The URLs redirected to, in order (empty when there was no redirect).
    pub redirects: Vec<Url>,
    /// The final status (2xx; 200 for a cached copy confirmed by a 304).
    pub status: StatusCode,
    /// The response headers (of the 304, for a confirmed cached copy).
    pub headers: HeaderMap,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body bytes, after Content-Encoding decompression.
    pub body: Vec<u8>,
    /// The validators for the next conditional GET.
    pub validators: Validators,
    /// How many requests were sent (redirect hops and retries included).
    pub attempts: u32,
    /// Whether the body came from the client's cache after a 304.
    pub from_cache: bool,
}

impl Fetched {
    /// The response as input for the extraction core: bytes, final URL and
    /// Content-Type (whose charset decides decoding when there is no BOM).
    pub fn page(&self) -> Page<'_> {
        let page = Page::bytes(&self.body[..]).with_parsed_url(self.url.clone());
        match &self.content_type {
            Some(ct) => page.with_content_type(ct.clone()),
            None => page,
        }
    }

    #[cfg(test)]
    pub(crate) fn for_test(url: Url, body: Vec<u8>) -> Self {
        Fetched {
            url,
            redirects: Vec::new(),
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            content_type: None,
            body,
            validators: Validators::default(),
            attempts: 1,
            from_cache: false,
        }
    }
}
