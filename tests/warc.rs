//! WARC input: the records a reader yields, skips and refuses, on WARC
//! files written here in every layout (plain, one gzip member per record,
//! one member for the whole file), damaged in every way a crawl's files
//! are.
#![cfg(feature = "warc")]

use std::io::{Read, Write};

use flate2::write::GzEncoder;
use flate2::Compression;
use gleaner::warc::{Problem, Skip, WarcReader, WarcSettings};
use gleaner::{Error, Extractor, Page};
use proptest::prelude::*;

const PAGE: &str =
    "<html><head><title>Rain returns</title></head><body><article><h1>Rain returns</h1>\
    <p>After months of drought, rain fell across the region on Tuesday, filling reservoirs \
    that had dropped to their lowest level in a decade.</p></article></body></html>";

fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status} X\r\n").into_bytes();
    for (name, value) in headers {
        r.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    r.extend_from_slice(b"\r\n");
    r.extend_from_slice(body);
    r
}

fn response(uri: &str, status: u16, content_type: &str, body: &[u8]) -> Vec<u8> {
    let block = http(status, &[("Content-Type", content_type)], body);
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &block,
    )
}

fn html(uri: &str) -> Vec<u8> {
    response(uri, 200, "text/html; charset=utf-8", PAGE.as_bytes())
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// The records of a crawl: two pages, and one record of each kind that is skipped.
fn crawl() -> Vec<Vec<u8>> {
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "https://example.com/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        html("https://example.com/a"),
        response(
            "https://example.com/b.pdf",
            200,
            "application/pdf",
            b"%PDF-1.4",
        ),
        response(
            "https://example.com/missing",
            404,
            "text/html",
            b"<p>not found</p>",
        ),
        response("https://example.com/old", 301, "text/html", b""),
        record(
            "response",
            "dns:example.com",
            "text/dns",
            b"example.com. 60 IN A 192.0.2.1",
        ),
        record(
            "metadata",
            "https://example.com/a",
            "application/warc-fields",
            b"fetchTimeMs: 5\r\n",
        ),
        html("https://example.com/c"),
    ]
}

/// Reads everything: the URLs yielded, the errors, and the reader's counts.
fn read_all(
    bytes: &[u8],
    settings: WarcSettings,
) -> (Vec<String>, Vec<Error>, gleaner::warc::WarcCounts) {
    let mut reader = WarcReader::new(bytes)
        .with_settings(settings)
        .with_label("test.warc");
    let (mut urls, mut errors) = (Vec::new(), Vec::new());
    for item in reader.by_ref() {
        match item {
            Ok(r) => urls.push(r.url.to_string()),
            Err(e) => errors.push(e),
        }
    }
    (urls, errors, reader.counts().clone())
}

fn problem(e: &Error) -> &Problem {
    match e {
        Error::Warc { problem, .. } => problem,
        other => panic!("not a warc error: {other}"),
    }
}

#[test]
fn html_responses_are_read_and_the_rest_is_counted_in_every_layout() {
    let records = crawl();
    let layouts = [
        ("plain", records.concat()),
        (
            "gzip per record",
            records.iter().map(|r| gz(r)).collect::<Vec<_>>().concat(),
        ),
        ("gzip whole file", gz(&records.concat())),
    ];
    for (layout, bytes) in layouts {
        let (urls, errors, counts) = read_all(&bytes, WarcSettings::default());
        assert_eq!(
            urls,
            ["https://example.com/a", "https://example.com/c"],
            "{layout}"
        );
        assert!(errors.is_empty(), "{layout}: {errors:?}");
        assert_eq!(counts.records, 9, "{layout}");
        assert_eq!(counts.responses, 2);
        assert_eq!(counts.skipped(Skip::NotResponse), 4, "{layout}");
        assert_eq!(counts.skipped(Skip::NotHtml), 1);
        assert_eq!(counts.skipped(Skip::Status), 2);
        assert_eq!(counts.skipped(Skip::TooLarge), 0);
        assert_eq!(counts.skipped_total(), 7);
    }
}

#[test]
fn a_response_extracts_like_the_page_itself() {
    let bytes = html("https://example.com/a");
    let response = WarcReader::new(&bytes[..]).next().unwrap().unwrap();
    assert_eq!(
        response.date.unwrap().to_rfc3339(),
        "2024-05-01T10:00:00+00:00"
    );
    assert_eq!(
        response.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(response.truncated.is_none());
    let extractor = Extractor::default();
    let from_warc = extractor.extract(&response.page()).unwrap();
    let direct = extractor
        .extract(&Page::html(PAGE).with_url("https://example.com/a").unwrap())
        .unwrap();
    assert_eq!(from_warc.text, direct.text);
    assert_eq!(from_warc.title.as_deref(), Some("Rain returns"));
    assert_eq!(from_warc.url.unwrap().as_str(), "https://example.com/a");
}

#[test]
fn the_http_charset_chunked_and_gzip_bodies_are_honoured() {
    // "café" in windows-1252, declared only by the HTTP header.
    let body = b"<html><body><p>Un caf\xe9 au bord de l'eau, le matin, avant que la ville ne s'\xe9veille.</p></body></html>";
    let compressed = gz(body);
    let mut chunked = format!("{:x}\r\n", 10).into_bytes();
    chunked.extend_from_slice(&compressed[..10]);
    chunked.extend_from_slice(format!("\r\n{:x}\r\n", compressed.len() - 10).as_bytes());
    chunked.extend_from_slice(&compressed[10..]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let block = http(
        200,
        &[
            ("Content-Type", "text/html; charset=windows-1252"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    );
    let bytes = record(
        "response",
        "https://example.com/fr",
        "application/http; msgtype=response",
        &block,
    );
    let response = WarcReader::new(&bytes[..]).next().unwrap().unwrap();
    assert_eq!(response.body(), body);
    let article = Extractor::default().extract(&response.page()).unwrap();
    assert!(article.text.contains("Un café au bord"), "{}", article.text);
    assert_eq!(article.encoding.name, "windows-1252");
}

#[test]
fn a_truncated_last_record_is_an_error_and_the_end() {
    let whole = [html("https://example.com/a"), html("https://example.com/b")].concat();
    let cut = &whole[..whole.len() - 60];
    let (urls, errors, counts) = read_all(cut, WarcSettings::default());
    assert_eq!(urls, ["https://example.com/a"]);
    assert_eq!(errors.len(), 1);
    assert!(matches!(problem(&errors[0]), Problem::Truncated));
    let second = html("https://example.com/a").len() as u64;
    match &errors[0] {
        Error::Warc {
            offset, url, input, ..
        } => {
            assert_eq!(*offset, second);
            assert_eq!(url.as_ref().unwrap().as_str(), "https://example.com/b");
            assert_eq!(input.to_string(), "test.warc");
        }
        _ => unreachable!(),
    }
    assert_eq!(errors[0].url().unwrap().as_str(), "https://example.com/b");
    assert!(
        errors[0]
            .to_string()
            .starts_with("test.warc: warc record at byte "),
        "{}",
        errors[0]
    );
    assert_eq!((counts.records, counts.errors), (2, 1));

    // The same cut inside the last gzip member, and inside a header.
    let members = [
        gz(&html("https://example.com/a")),
        gz(&html("https://example.com/b")),
    ]
    .concat();
    let (urls, errors, _) = read_all(&members[..members.len() - 30], WarcSettings::default());
    assert_eq!(urls, ["https://example.com/a"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (urls, errors, _) = read_all(&whole[..second as usize + 20], WarcSettings::default());
    assert_eq!(urls, ["https://example.com/a"]);
    assert!(matches!(problem(&errors[0]), Problem::Truncated));
}

#[test]
fn a_corrupt_gzip_member_is_one_error_and_reading_goes_on() {
    let mut members: Vec<Vec<u8>> = (0..5)
        .map(|i| gz(&html(&format!("https://example.com/{i}"))))
        .collect();
    let bad = &mut members[2];
    let mid = bad.len() / 2;
    for b in &mut bad[mid..mid + 8] {
        *b ^= 0x5a;
    }
    let (urls, errors, counts) = read_all(&members.concat(), WarcSettings::default());
    assert_eq!(
        urls,
        [
            "https://example.com/0",
            "https://example.com/1",
            "https://example.com/3",
            "https://example.com/4"
        ]
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(matches!(
        problem(&errors[0]),
        Problem::Read { .. } | Problem::Truncated
    ));
    assert_eq!(counts.errors, 1);
}

#[test]
fn a_member_damaged_into_other_bytes_fails_its_own_record() {
    // Damaged deflate data that still decodes, to bytes of another length:
    // the record is refused, not yielded with those bytes.
    let members: Vec<Vec<u8>> = (0..3)
        .map(|i| gz(&html(&format!("https://example.com/{i}"))))
        .collect();
    for at in 10..members[1].len() - 2 {
        let mut damaged = members.clone();
        for b in &mut damaged[1][at..at + 2] {
            *b ^= 0x5a;
        }
        let (urls, errors, _) = read_all(&damaged.concat(), WarcSettings::default());
        assert!(urls.contains(&"https://example.com/0".to_string()), "{at}");
        assert!(
            urls.contains(&"https://example.com/2".to_string()),
            "{at}: {urls:?} {errors:?}"
        );
        assert!(
            !urls.contains(&"https://example.com/1".to_string()),
            "{at}: {urls:?}"
        );
        // Damaged data can decode to copies of the header: more than one
        // error then, all before the next member.
        assert!(!errors.is_empty(), "{at}");
    }
}

#[test]
fn a_bad_gzip_checksum_fails_its_own_record() {
    // The data decompresses; only the CRC at the member's end is wrong.
    let mut members: Vec<Vec<u8>> = (0..3)
        .map(|i| gz(&html(&format!("https://example.com/{i}"))))
        .collect();
    let crc = members[1].len() - 8;
    members[1][crc] ^= 0xff;
    let (urls, errors, _) = read_all(&members.concat(), WarcSettings::default());
    assert_eq!(urls, ["https://example.com/0", "https://example.com/2"]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].url().unwrap().as_str(), "https://example.com/1");
}

#[test]
fn a_wrong_length_or_garbage_costs_the_record_it_follows() {
    // Claim 20 bytes fewer than the block has: the rest reads as garbage.
    let whole = html("https://example.com/short");
    let len = PAGE.len() + "HTTP/1.1 200 X\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".len();
    let short = String::from_utf8(whole)
        .unwrap()
        .replace(
            &format!("Content-Length: {len}"),
            &format!("Content-Length: {}", len - 20),
        )
        .into_bytes();
    let garbage = b"\x00\x01 not a record at all\r\n\r\n".to_vec();
    let records = [
        html("https://example.com/a"),
        garbage.clone(),
        html("https://example.com/b"),
        short,
        html("https://example.com/c"),
    ];
    // Plain: nothing tells garbage after a record from a record whose length
    // is wrong, so the record before the garbage goes too.
    let (urls, errors, _) = read_all(&records.concat(), WarcSettings::default());
    assert_eq!(urls, ["https://example.com/b", "https://example.com/c"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().all(|e| matches!(problem(e), Problem::Length)));
    assert_eq!(
        errors[1].url().unwrap().as_str(),
        "https://example.com/short"
    );
    // One gzip member per record: the member of "a" ended whole before the
    // garbage, so "a" is kept and the garbage is an error of its own.
    let members: Vec<Vec<u8>> = records
        .iter()
        .map(|r| if r == &garbage { r.clone() } else { gz(r) })
        .collect();
    let (urls, errors, _) = read_all(&members.concat(), WarcSettings::default());
    assert_eq!(
        urls,
        [
            "https://example.com/a",
            "https://example.com/b",
            "https://example.com/c"
        ]
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(matches!(problem(&errors[0]), Problem::Read { .. }));
    assert!(matches!(problem(&errors[1]), Problem::Length));
}

#[test]
fn limits_skip_large_records_and_refuse_long_headers() {
    let big = response(
        "https://example.com/big",
        200,
        "text/html",
        &vec![b'x'; 5000],
    );
    let bytes = [big.clone(), html("https://example.com/a")].concat();
    let settings = WarcSettings::default().max_record_bytes(Some(1000));
    let (urls, errors, counts) = read_all(&bytes, settings);
    assert_eq!(urls, ["https://example.com/a"]);
    assert!(errors.is_empty());
    assert_eq!(counts.skipped(Skip::TooLarge), 1);
    // A gzip body that is small in the record but large once decompressed.
    let block = http(
        200,
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        &gz(&vec![b' '; 100_000]),
    );
    let bomb = record(
        "response",
        "https://example.com/bomb",
        "application/http; msgtype=response",
        &block,
    );
    let (urls, _, counts) = read_all(
        &bomb,
        WarcSettings::default().max_record_bytes(Some(10_000)),
    );
    assert!(urls.is_empty());
    assert_eq!(counts.skipped(Skip::TooLarge), 1);

    let settings = WarcSettings::default().max_header_bytes(Some(64));
    let (urls, errors, _) = read_all(&html("https://example.com/a"), settings);
    assert!(urls.is_empty());
    assert!(matches!(problem(&errors[0]), Problem::Header { .. }));
}

/// A reader that makes a record of `size` bytes of body on the fly, then a
/// small page: nothing of it exists in memory before it is read.
struct Generated {
    head: std::io::Cursor<Vec<u8>>,
    body: std::io::Take<std::io::Repeat>,
    tail: std::io::Cursor<Vec<u8>>,
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        match self.head.read(out)? {
            0 => match self.body.read(out)? {
                0 => self.tail.read(out),
                n => Ok(n),
            },
            n => Ok(n),
        }
    }
}

#[test]
fn a_record_over_the_limit_streams_past_without_being_held() {
    let size: u64 = 200 * 1024 * 1024;
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/huge\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n\
         HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        size + 44
    );
    let mut tail = b"\r\n\r\n".to_vec();
    tail.extend_from_slice(&html("https://example.com/after"));
    let input = Generated {
        head: std::io::Cursor::new(head.into_bytes()),
        body: std::io::repeat(b'x').take(size),
        tail: std::io::Cursor::new(tail),
    };
    let mut reader = WarcReader::new(input);
    let after = reader.next().unwrap().unwrap();
    assert_eq!(after.url.as_str(), "https://example.com/after");
    assert_eq!(reader.counts().skipped(Skip::TooLarge), 1);
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let e = WarcReader::open("/nonexistent/crawl.warc.gz")
        .err()
        .unwrap();
    assert!(matches!(e, Error::Io { .. }));
    assert!(
        e.to_string().starts_with("/nonexistent/crawl.warc.gz: "),
        "{e}"
    );
}

/// Runs a reader to its end, which must come within `bound` items.
fn terminates(bytes: &[u8], bound: usize) -> Result<(), TestCaseError> {
    let mut reader = WarcReader::new(bytes);
    let mut n = 0;
    for item in reader.by_ref() {
        n += 1;
        prop_assert!(n <= bound, "more than {bound} items");
        if let Err(e) = item {
            prop_assert!(matches!(e, Error::Warc { .. }), "{e}");
        }
    }
    let c = reader.counts();
    prop_assert!(c.responses + c.skipped_total() <= c.records);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_end_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        terminates(&bytes, bytes.len() + 2)?;
    }

    #[test]
    fn damaged_crawls_end_without_panic(
        gzip in any::<bool>(),
        cut in 0.0f64..=1.0,
        flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..6),
    ) {
        let records = crawl();
        let mut bytes = if gzip {
            records.iter().map(|r| gz(r)).collect::<Vec<_>>().concat()
        } else {
            records.concat()
        };
        for (at, x) in flips {
            let i = (at * bytes.len() as f64) as usize;
            bytes[i] ^= x;
        }
        bytes.truncate((cut * bytes.len() as f64) as usize);
        terminates(&bytes, bytes.len() + 2)?;
    }
}
