//! Conditional requests: the ETag of a body, and whether a client's
//! `If-None-Match` / `If-Modified-Since` already holds it (RFC 9110).

use std::hash::{DefaultHasher, Hasher};
use std::time::SystemTime;

use axum::http::{header, HeaderMap};

/// A strong ETag for `body`: a hash of its bytes.
pub(crate) fn etag(body: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    h.write(body);
    format!("\"{:016x}-{:x}\"", h.finish(), body.len())
}

/// Whether the client's copy is current: `If-None-Match` naming `tag`
/// (or `*`); without that header, `If-Modified-Since` at or after
/// `last_modified` (to the second).
pub(crate) fn not_modified(headers: &HeaderMap, tag: &str, last_modified: SystemTime) -> bool {
    if let Some(inm) = headers.get(header::IF_NONE_MATCH) {
        let Ok(inm) = inm.to_str() else {
            return false;
        };
        let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
        return inm
            .split(',')
            .any(|t| t.trim() == "*" || bare(t) == bare(tag));
    }
    let Some(since) = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
    else {
        return false;
    };
    let secs = |t: SystemTime| {
        t.duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    };
    secs(last_modified) <= secs(since)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::time::Duration;

    #[test]
    fn validators_match() {
        let tag = etag(b"<feed/>");
        assert_eq!(tag, etag(b"<feed/>"));
        assert_ne!(tag, etag(b"<feed />"));
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut h = HeaderMap::new();
        assert!(!not_modified(&h, &tag, at));
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"x\", W/{tag}")).unwrap(),
        );
        assert!(not_modified(&h, &tag, at));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        // If-None-Match wins over a matching If-Modified-Since.
        h.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&httpdate::fmt_http_date(at)).unwrap(),
        );
        assert!(!not_modified(&h, &tag, at));
        h.remove(header::IF_NONE_MATCH);
        assert!(not_modified(&h, &tag, at));
        assert!(!not_modified(&h, &tag, at + Duration::from_secs(1)));
    }
}
