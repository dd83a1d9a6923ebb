//! The HTTP response inside a `response` record: status line, headers and
//! the body, de-chunked and decompressed when its headers say so.

use std::io::Read;

use flate2::read::{DeflateDecoder, GzDecoder, ZlibDecoder};
use memchr::memmem;

use super::Problem;

/// The head of an HTTP response and where its body starts.
#[derive(Debug)]
pub(crate) struct Head {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body_start: usize,
}

impl Head {
    /// The first header of that name (case-insensitive).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// The first header of that name (case-insensitive).
pub(crate) fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Parses the status line and headers at the start of `block`.
pub(crate) fn parse_head(block: &[u8]) -> Result<Head, Problem> {
    let (head_len, sep) = match (
        memmem::find(block, b"\r\n\r\n"),
        memmem::find(block, b"\n\n"),
    ) {
        (Some(a), Some(b)) if b < a => (b, 2),
        (Some(a), _) => (a, 4),
        (None, Some(b)) => (b, 2),
        // A response with headers only and no blank line after them.
        (None, None) => (block.len(), 0),
    };
    let text = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    if !parts.next().is_some_and(|v| v.starts_with("HTTP/")) {
        return Err(Problem::Http {
            reason: "no HTTP status line",
        });
    }
    let status = parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or(Problem::Http {
            reason: "the status code is not a number",
        })?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Ok(Head {
        status,
        headers,
        body_start: (head_len + sep).min(block.len()),
    })
}

/// Whether a Content-Type names an HTML document.
pub(crate) fn is_html(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("text/html")
        || essence.eq_ignore_ascii_case("application/xhtml+xml")
}

/// The body as the server meant it: de-chunked when it was sent chunked,
/// decompressed when it has a gzip or deflate Content-Encoding. `None`
/// when the decoded body would exceed `limit` bytes.
pub(crate) fn decode_body(
    head: &Head,
    body: Vec<u8>,
    limit: Option<u64>,
) -> Result<Option<Vec<u8>>, Problem> {
    let chunked = head
        .get("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let body = if chunked { dechunk(&body)? } else { body };
    let encoding = head
        .get("content-encoding")
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let reader: Box<dyn Read + '_> = match encoding.as_str() {
        "" | "identity" | "none" => return Ok(Some(body)),
        "gzip" | "x-gzip" => Box::new(GzDecoder::new(&body[..])),
        // "deflate" means zlib-wrapped, but some servers send raw deflate.
        "deflate" if body.first().is_some_and(|b| b & 0x0f == 8) => {
            Box::new(ZlibDecoder::new(&body[..]))
        }
        "deflate" => Box::new(DeflateDecoder::new(&body[..])),
        _ => return Err(Problem::Encoding { name: encoding }),
    };
    let mut out = Vec::new();
    let cap = limit.map_or(u64::MAX, |l| l.saturating_add(1));
    reader
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|source| Problem::Decompress { source })?;
    if limit.is_some_and(|l| out.len() as u64 > l) {
        return Ok(None);
    }
    Ok(Some(out))
}

/// Joins the chunks of a chunked body (chunk extensions and trailers are
/// ignored; a body cut inside a chunk keeps what arrived).
fn dechunk(body: &[u8]) -> Result<Vec<u8>, Problem> {
    let malformed = || Problem::Http {
        reason: "malformed chunked body",
    };
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(eol) = memmem::find(rest, b"\n") else {
            return if rest.iter().all(u8::is_ascii_whitespace) {
                Ok(out)
            } else {
                Err(malformed())
            };
        };
        let line = String::from_utf8_lossy(&rest[..eol]);
        let size = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| malformed())?;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        if take < size {
            return Ok(out);
        }
        // The line break after the chunk.
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn parses_status_headers_and_folded_lines() {
        let block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX-A: b\r\n\r\n<p>hi";
        let head = parse_head(block).unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.get("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(&block[head.body_start..], b"<p>hi");
        let lf = parse_head(b"HTTP/1.0 404 Not Found\nServer: x\n\nnope").unwrap();
        assert_eq!((lf.status, lf.get("server")), (404, Some("x")));
        assert!(parse_head(b"<html>").is_err());
        assert!(parse_head(b"HTTP/1.1 OK\r\n\r\n").is_err());
    }

    #[test]
    fn html_types() {
        assert!(is_html("text/html; charset=ISO-8859-1"));
        assert!(is_html("Application/XHTML+XML"));
        assert!(!is_html("application/pdf"));
        assert!(!is_html("text/plain"));
    }

    fn head(headers: &[(&str, &str)]) -> Head {
        Head {
            status: 200,
            headers: headers
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            body_start: 0,
        }
    }

    #[test]
    fn chunked_and_gzip_bodies_are_decoded() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>hello world</p>").unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", 5).into_bytes();
        chunked.extend_from_slice(&gz[..5]);
        chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", gz.len() - 5).as_bytes());
        chunked.extend_from_slice(&gz[5..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let h = head(&[
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ]);
        let body = decode_body(&h, chunked, Some(1000)).unwrap().unwrap();
        assert_eq!(body, b"<p>hello world</p>");
        // Over the limit once decompressed: refused, not allocated.
        let h = head(&[("Content-Encoding", "gzip")]);
        assert_eq!(decode_body(&h, gz.clone(), Some(10)).unwrap(), None);
        let h = head(&[("Content-Encoding", "br")]);
        assert!(matches!(
            decode_body(&h, gz, None),
            Err(Problem::Encoding { .. })
        ));
        let h = head(&[("Transfer-Encoding", "chunked")]);
        assert!(decode_body(&h, b"zz\r\nabc".to_vec(), None).is_err());
    }
}
