//! The `warc` example: one JSON line per HTML page of a WARC file, with the
//! fields of the `extract` example's lines and the same articles, a line
//! for a corrupt record, and a summary of what was read on stderr.
#![cfg(feature = "warc")]

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::process::Command;

use example_bin::example;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;

mod example_bin;

fn response(uri: &str, status: u16, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block =
        format!("HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(&block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

#[test]
fn one_line_per_page_like_extract_and_a_summary() {
    let root = env!("CARGO_MANIFEST_DIR");
    let pages: Vec<(String, String)> = ["seed-semantic", "comments", "sidebar"]
        .iter()
        .map(|name| {
            (
                format!("https://example.com/{name}"),
                format!("{root}/tests/fixtures/extract/{name}/source.html"),
            )
        })
        .collect();
    let mut members = Vec::new();
    for (url, path) in &pages {
        members.push(gz(&response(
            url,
            200,
            "text/html",
            &std::fs::read(path).unwrap(),
        )));
    }
    members.insert(
        1,
        gz(&response(
            "https://example.com/a.pdf",
            200,
            "application/pdf",
            b"%PDF",
        )),
    );
    members.insert(
        2,
        gz(&response(
            "https://example.com/gone",
            404,
            "text/html",
            b"<p>gone</p>",
        )),
    );
    let last = gz(&response(
        "https://example.com/cut",
        200,
        "text/html",
        &[b'x'; 400],
    ));
    members.push(last[..last.len() - 20].to_vec());
    let dir = std::env::temp_dir().join(format!("gleaner-warc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let warc = dir.join("crawl.warc.gz");
    std::fs::write(&warc, members.concat()).unwrap();

    let out = Command::new(example("warc"))
        .args(["--format", "jsonl", "--threads", "2"])
        .arg(&warc)
        .output()
        .expect("run the warc example");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 4, "{got:?}");
    let errors: Vec<&Value> = got.iter().filter(|l| !l["error"].is_null()).collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["error"]
        .as_str()
        .unwrap()
        .contains("warc record at byte"));
    let by_url: HashMap<&str, &Value> = got
        .iter()
        .filter(|l| l["error"].is_null())
        .map(|l| (l["url"].as_str().unwrap(), l))
        .collect();

    for (url, path) in &pages {
        let line = by_url[url.as_str()];
        let run = Command::new(example("extract"))
            .args(["--format", "jsonl", "--url", url, path])
            .output()
            .expect("run the extract example");
        let expected = &lines(&run.stdout)[0];
        let keys = |v: &Value| {
            v.as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<BTreeSet<_>>()
        };
        assert!(keys(expected).is_subset(&keys(line)), "{url}");
        for key in [
            "title",
            "text",
            "authors",
            "published",
            "language",
            "word_count",
        ] {
            assert_eq!(line[key], expected[key], "{url}: {key}");
        }
        assert_eq!(line["source"], warc.to_str().unwrap());
        assert_eq!(line["warc_date"], "2024-05-01T10:00:00+00:00");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("6 records read; skipped 2 (not_response 0, status 1, not_html 1, too_large 0); 3 articles; 1 errors (1 unreadable records, 0 pages)"),
        "{stderr}"
    );
    assert!(stderr.contains("docs/s on 2 threads"), "{stderr}");
}
