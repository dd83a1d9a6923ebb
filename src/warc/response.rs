//! What a WARC reader yields: an HTML page and its record's metadata.

use url::Url;

use super::http;
use crate::{Page, Timestamp};

/// An HTML page with status 200, as a WARC `response` record holds it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response {
    /// The page's URL (`WARC-Target-URI`).
    pub url: Url,
    /// When it was fetched (`WARC-Date`).
    pub date: Option<Timestamp>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// Where the record starts in the (decompressed) stream of records.
    pub offset: u64,
    /// The HTTP response headers, in order, as sent.
    pub headers: Vec<(String, String)>,
    /// `WARC-Truncated`: why the crawler cut the body short (`length`,
    /// `time`…), if it did.
    pub truncated: Option<String>,
    pub(super) body: Vec<u8>,
}

impl Response {
    /// The HTTP body, de-chunked and decompressed.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The HTTP body, owned.
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }

    /// The first HTTP header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        http::header(&self.headers, name)
    }

    /// The page to extract: the body, the URL and the Content-Type (whose
    /// charset decides the decoding).
    pub fn page(&self) -> Page<'_> {
        let page = Page::bytes(&self.body[..]).with_parsed_url(self.url.clone());
        match self.header("content-type") {
            Some(ct) => page.with_content_type(ct),
            None => page,
        }
    }
}
