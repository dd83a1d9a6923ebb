//! The header block of a WARC record: the version line and the named
//! fields, of which the reader needs a handful.

use super::Problem;

/// The fields of a record header that the reader uses.
#[derive(Debug, Default)]
pub(crate) struct Header {
    /// `WARC-Type`, lowercased.
    pub kind: String,
    pub content_length: u64,
    /// `Content-Type` of the record's block, lowercased.
    pub content_type: Option<String>,
    pub target_uri: Option<String>,
    pub date: Option<String>,
    pub record_id: Option<String>,
    /// `WARC-Truncated`: why the crawler cut the payload short.
    pub truncated: Option<String>,
    /// `WARC-Identified-Payload-Type`: the MIME type the crawler detected.
    pub payload_type: Option<String>,
}

/// Parses a header block (without the blank line that ends it).
pub(crate) fn parse(block: &[u8]) -> Result<Header, Problem> {
    let text = String::from_utf8_lossy(block);
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let version = lines.next().unwrap_or_default();
    if !version.starts_with("WARC/") {
        return Err(Problem::Header {
            reason: "the record does not start with a WARC version line",
        });
    }
    let mut header = Header::default();
    let mut length = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue; // a continuation or a malformed line: nothing the reader needs
        };
        let value = value.trim();
        let owned = || Some(value.to_string());
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => header.kind = value.to_ascii_lowercase(),
            "content-length" => {
                length = Some(value.parse::<u64>().map_err(|_| Problem::Header {
                    reason: "Content-Length is not a number",
                })?)
            }
            "content-type" => header.content_type = Some(value.to_ascii_lowercase()),
            "warc-target-uri" => {
                // WARC 1.0 writers sometimes wrap the URI in angle brackets.
                let uri = value.trim_start_matches('<').trim_end_matches('>');
                header.target_uri = Some(uri.to_string());
            }
            "warc-date" => header.date = owned(),
            "warc-record-id" => header.record_id = owned(),
            "warc-truncated" => header.truncated = owned(),
            "warc-identified-payload-type" => {
                header.payload_type = Some(value.to_ascii_lowercase())
            }
            _ => {}
        }
    }
    header.content_length = length.ok_or(Problem::Header {
        reason: "no Content-Length",
    })?;
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fields_case_insensitively() {
        let h = parse(
            b"WARC/1.1\r\nwarc-type: Response\r\nWARC-Target-URI: <https://example.com/a>\r\n\
              Content-Length: 42\r\nContent-Type: application/http; msgtype=response\r\n\
              WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Truncated: length",
        )
        .unwrap();
        assert_eq!(h.kind, "response");
        assert_eq!(h.content_length, 42);
        assert_eq!(h.target_uri.as_deref(), Some("https://example.com/a"));
        assert_eq!(h.date.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(h.truncated.as_deref(), Some("length"));
        assert_eq!(
            h.content_type.as_deref(),
            Some("application/http; msgtype=response")
        );
    }

    #[test]
    fn refuses_headers_without_version_or_length() {
        assert!(matches!(
            parse(b"HTTP/1.1 200 OK\r\nContent-Length: 3"),
            Err(Problem::Header { .. })
        ));
        assert!(matches!(
            parse(b"WARC/1.0\r\nWARC-Type: response"),
            Err(Problem::Header { .. })
        ));
        assert!(matches!(
            parse(b"WARC/1.0\r\nContent-Length: -3"),
            Err(Problem::Header { .. })
        ));
    }
}
