//! The network half: fetch pages and feeds from untrusted sources, politely
//! and within bounds, and hand their raw bytes to the extraction core.
//!
//! A [`Client`] is built once (see [`ClientBuilder`] for every setting and
//! its default) and shared; it holds one connection pool. Each fetch:
//!
//! 1. refuses non-public addresses unless allowed (IP-literal URLs up front,
//!    resolved addresses at connect time, every redirect hop);
//! 2. for pages, checks robots.txt (fetched once per origin, capped);
//! 3. waits for the host's turn (per-host concurrency and minimum delay);
//! 4. sends a GET, conditional when validators are known, retrying
//!    connection failures and 429/502/503/504 with jittered backoff or the
//!    server's `Retry-After`, within the deadline;
//! 5. follows redirects by hand (capped, loops and https→http refused);
//! 6. refuses bodies that are neither HTML nor a feed, and reads the body
//!    under a byte cap counted after decompression.
//!
//! The client never goes through a proxy (system proxy settings are
//! ignored): the address guard must see the address actually connected to.
//!
//! The bytes are never decoded here: [`Fetched::page`] hands them with
//! their URL and Content-Type to [`Extractor::extract`](crate::Extractor::extract).

mod body;
pub(crate) use body::mime_type;
mod builder;
mod cache;
mod client;
mod guard;
mod politeness;
mod redirect;
mod response;
mod retry;
mod robots;

pub use builder::{ClientBuilder, DEFAULT_USER_AGENT};
pub use cache::Validators;
pub use client::Client;
/// Header and status types used in [`Fetched`] and [`Error`](crate::Error).
pub use reqwest::{header::HeaderMap, StatusCode};
pub use response::{Fetched, NotModified, Outcome, Request, Resource};

/// The fetcher's parsers, for [`crate::fuzzing`].
#[cfg(feature = "fuzzing")]
pub(crate) mod fuzzing {
    use std::collections::HashSet;
    use std::net::IpAddr;

    pub fn robots_allows(robots_txt: &str, agent: &str, path: &str) -> bool {
        super::robots::Robots::parse(robots_txt, agent).allows(path)
    }

    pub fn address_is_public(ip: IpAddr) -> bool {
        super::guard::is_public(ip)
    }

    pub fn refused_literal(url: &str) -> Result<Option<IpAddr>, url::ParseError> {
        let url = url::Url::parse(url)?;
        let policy = super::guard::AddressPolicy {
            block_private: true,
            allowed: HashSet::new(),
        };
        Ok(policy.refuses_literal(&url))
    }

    pub fn is_html_or_feed(content_type: Option<&str>) -> bool {
        super::body::is_html_or_feed(content_type)
    }
}
