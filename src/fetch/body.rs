//! Reading a response body under a byte cap (applied to the decompressed
//! bytes, as they arrive) and judging its Content-Type.

use reqwest::header::CONTENT_TYPE;
use reqwest::Response;
use url::Url;

use crate::error::{Error, InputName};

/// What to do when a body is larger than its cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overflow {
    /// Refuse it with [`Error::TooLarge`].
    Refuse,
    /// Keep the first `cap` bytes (robots.txt: parse what fits).
    Truncate,
}

/// Reads the body chunk by chunk; never holds more than `cap` bytes plus
/// one chunk. A Content-Length above the cap is refused before reading.
pub(crate) async fn read_capped(
    mut resp: Response,
    url: &Url,
    cap: Option<usize>,
    overflow: Overflow,
    attempts: u32,
) -> Result<Vec<u8>, Error> {
    let too_large = |size: u64, limit: usize| Error::TooLarge {
        input: InputName::Url(url.clone()),
        size,
        limit: limit as u64,
    };
    // Known only when no decompression applies; a lie is caught below.
    let declared = resp.content_length();
    if let (Some(len), Some(limit), Overflow::Refuse) = (declared, cap, overflow) {
        if len > limit as u64 {
            return Err(too_large(len, limit));
        }
    }
    let reserve = declared
        .unwrap_or(0)
        .min(cap.unwrap_or(usize::MAX) as u64)
        .min(1 << 20);
    let mut buf = Vec::with_capacity(reserve as usize);
    loop {
        let chunk = match resp.chunk().await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return Err(transport_error(url, e, attempts)),
        };
        if let Some(limit) = cap {
            if buf.len() + chunk.len() > limit {
                match overflow {
                    Overflow::Refuse => {
                        return Err(too_large((buf.len() + chunk.len()) as u64, limit))
                    }
                    Overflow::Truncate => {
                        let room = limit - buf.len();
                        buf.extend_from_slice(&chunk[..room]);
                        break;
                    }
                }
            }
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

/// Classifies a reqwest error raised while talking to `url`.
pub(crate) fn transport_error(url: &Url, err: reqwest::Error, attempts: u32) -> Error {
    if let Some(addr) = super::guard::blocked_in(&err) {
        return Error::BlockedAddress {
            url: url.clone(),
            addr,
        };
    }
    // reqwest reports any failure while reading a decompressed body as a
    // decode error; a reset or truncated connection is still the network's.
    if err.is_decode() && !from_transport(&err) {
        return Error::Decode {
            url: url.clone(),
            source: err,
        };
    }
    Error::Network {
        url: url.clone(),
        attempts,
        source: err,
    }
}

/// Whether the error chain holds a connection-level failure (hyper's).
fn from_transport(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(err);
    while let Some(e) = cur {
        if e.is::<hyper::Error>() {
            return true;
        }
        cur = e.source();
    }
    false
}

/// The Content-Type header as text, if present and readable.
pub(crate) fn content_type(resp: &Response) -> Option<String> {
    resp.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// A Content-Type's type and subtype, lower-cased, without parameters.
pub(crate) fn mime_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a Content-Type can hold a page or a feed: HTML, XML (RSS,
/// Atom, RDF), JSON (JSON Feed) or any text. A missing header is given the
/// benefit of the doubt (the extraction core sniffs the bytes).
pub(crate) fn is_html_or_feed(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else {
        return true;
    };
    let mime = mime_type(ct);
    if mime.is_empty() {
        return true;
    }
    let Some((kind, sub)) = mime.split_once('/') else {
        return false;
    };
    match kind {
        "text" => true,
        "application" => {
            matches!(sub, "xhtml+xml" | "xml" | "json")
                || sub.ends_with("+xml")
                || sub.ends_with("+json")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        for ok in [
            None,
            Some("text/html; charset=utf-8"),
            Some("TEXT/HTML"),
            Some("application/xhtml+xml"),
            Some("application/rss+xml"),
            Some("application/atom+xml"),
            Some("text/xml"),
            Some("application/xml"),
            Some("application/feed+json"),
            Some("text/plain"),
            Some(""),
        ] {
            assert!(is_html_or_feed(ok), "{ok:?}");
        }
        for bad in [
            Some("image/png"),
            Some("application/pdf"),
            Some("application/octet-stream"),
            Some("video/mp4"),
            Some("garbage"),
        ] {
            assert!(!is_html_or_feed(bad), "{bad:?}");
        }
    }
}
