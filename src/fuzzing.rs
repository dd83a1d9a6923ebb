//! Entry points for the fuzz targets (`fuzz/`) and the property tests
//! (`tests/prop_*.rs`): thin wrappers over parsers that are otherwise
//! private, so both harnesses reach every parser that reads untrusted
//! input. Not part of the stable API: only built with the `fuzzing`
//! cargo feature (off by default; the fuzz crate and the crate's own
//! tests turn it on), and hidden from the docs.
//!
//! Page extraction itself is reached through the public API
//! ([`Extractor::extract`](crate::Extractor::extract)). A parser that lands
//! later adds one function here and one fuzz target; the property tests
//! and fuzz targets call only this module and the public API.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use url::Url;

use crate::feed::Feed;
use crate::input::{self, Body};
use crate::meta::{dates, jsonld};
use crate::{EncodingSource, Timestamp};

pub use crate::meta::jsonld::LdArticle;

/// Decodes page bytes as [`Extractor::extract`](crate::Extractor::extract)
/// does (BOM, HTTP charset, `<meta>` prescan, detection): the text, the
/// encoding's name and what decided it.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str, EncodingSource) {
    let body = Body::Bytes(Cow::Borrowed(bytes));
    let d = input::decode(&body, content_type, None);
    (d.text.into_owned(), d.encoding.name(), d.source)
}

/// Why the bytes are clearly not HTML, if they are not.
pub fn not_html(bytes: &[u8]) -> Option<&'static str> {
    input::not_html(bytes)
}

/// The charset named by a Content-Type value, if it is a known encoding.
pub fn charset_of_content_type(content_type: &str) -> Option<&'static str> {
    input::charset_of_content_type(content_type).map(|e| e.name())
}

/// Parses feed bytes (RSS, Atom, JSON Feed) into the crate's model, as
/// the feed pipeline does; `url` is where the feed was read from.
pub fn feed(bytes: &[u8], url: Option<&Url>) -> crate::Result<Feed> {
    crate::feed::parse_feed(bytes, url)
}

/// Reads the page's article out of the text of its JSON-LD scripts, as
/// metadata extraction does: `h1s` (the page's headings) and `page_urls`
/// (its URL and canonical URL) pick the page's own article among several.
pub fn jsonld(scripts: &[String], h1s: &[String], page_urls: &[&str]) -> LdArticle {
    jsonld::read(scripts, h1s, page_urls)
}

/// Parses a machine-readable date (a `<meta>`, `<time>` or JSON-LD value).
pub fn parse_date(text: &str) -> Option<Timestamp> {
    dates::parse(text)
}

/// The first calendar date written out in visible text (a byline).
pub fn date_in_text(text: &str) -> Option<NaiveDate> {
    dates::find_in_text(text)
}

/// A date in a URL path (`/2019/04/28/slug`).
pub fn date_in_url_path(path: &str) -> Option<NaiveDate> {
    dates::from_url(path)
}

/// Whether a date can be the publication date of a page fetched at `now`.
pub fn date_is_plausible(ts: &Timestamp, now: DateTime<Utc>) -> bool {
    dates::plausible(ts, now)
}

/// Parses `robots_txt` for the product token `agent` and says whether
/// `path` may be fetched.
#[cfg(feature = "fetch")]
pub fn robots_allows(robots_txt: &str, agent: &str, path: &str) -> bool {
    crate::fetch::fuzzing::robots_allows(robots_txt, agent, path)
}

/// Whether the address guard counts `ip` as public.
#[cfg(feature = "fetch")]
pub fn address_is_public(ip: std::net::IpAddr) -> bool {
    crate::fetch::fuzzing::address_is_public(ip)
}

/// Parses `url` and returns the address the default guard refuses for
/// it, if its host is a non-public IP literal; `Err` if it is no URL.
#[cfg(feature = "fetch")]
pub fn refused_literal(url: &str) -> Result<Option<std::net::IpAddr>, url::ParseError> {
    crate::fetch::fuzzing::refused_literal(url)
}

/// Whether a Content-Type is fetched as a page or feed.
#[cfg(feature = "fetch")]
pub fn is_html_or_feed(content_type: Option<&str>) -> bool {
    crate::fetch::fuzzing::is_html_or_feed(content_type)
}
