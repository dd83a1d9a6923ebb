//! The examples' command-line contracts. `extract`'s JSON lines, which
//! other tools rely on: one object per input, in input order, with
//! "source", "url", "title", "text" and "error"; a failing input gets its
//! line and the run goes on. `feed` on a feed at a non-public address:
//! refused, then read with `--allow-address`.
//!
//! `cargo test` builds the examples beside the test binaries, so the
//! example is run from there.

use std::process::Command;

use example_bin::example;

mod example_bin;

#[test]
fn jsonl_gives_one_line_per_input_and_goes_on_after_a_failure() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/pages/seed-article.html"
    );
    let missing = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/no-such-page.html"
    );
    let out = Command::new(example("extract"))
        .args(["--format", "jsonl", page, missing, page])
        .output()
        .expect("run the extract example");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    for (line, source) in lines.iter().zip([page, missing, page]) {
        assert_eq!(line["source"], source);
        for key in ["url", "title", "text", "error"] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
    }
    assert!(lines[0]["error"].is_null());
    assert!(lines[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Chinese and American officials"));
    assert!(!lines[0]["text"].as_str().unwrap().contains("Newsletter"));
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("no-such-page")));
    assert_eq!(lines[2]["text"], lines[0]["text"]);
}

/// Serves `feed.xml` (one entry) and its page on 127.0.0.1 from a thread,
/// one request per connection, for `requests` connections.
#[cfg(feature = "fetch")]
fn serve_feed_site(requests: usize) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>Local</title><item><title>Intranet notice</title>\
         <link>{base}/notice.html</link></item></channel></rss>"
    );
    let page = "<html><body><article><h1>Intranet notice</h1><p>The canteen on the second floor \
        closes for repairs from Monday, and lunch is served in the meeting hall until the work is done.</p>\
        </article></body></html>";
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]);
            let (ct, body) = match head.split_whitespace().nth(1) {
                Some("/feed.xml") => ("application/rss+xml", feed.as_str()),
                Some("/notice.html") => ("text/html", page),
                _ => ("text/plain", ""),
            };
            let status = if body.is_empty() {
                "404 Not Found"
            } else {
                "200 OK"
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

#[cfg(feature = "fetch")]
#[test]
fn feed_reads_a_local_feed_only_with_an_allowance() {
    let base = serve_feed_site(8);
    let feed = format!("{base}/feed.xml");
    let run = |extra: &[&str]| {
        let out = Command::new(example("feed"))
            .args(["--format", "jsonl"])
            .args(extra)
            .arg(&feed)
            .output()
            .expect("run the feed example");
        String::from_utf8(out.stdout).unwrap()
    };
    let refused = run(&[]);
    assert!(
        refused.contains("is not public and not allowed"),
        "{refused}"
    );
    let read = run(&["--allow-address", "127.0.0.1"]);
    let line: serde_json::Value = serde_json::from_str(read.lines().next().unwrap()).unwrap();
    assert_eq!(line["title"], "Intranet notice");
    assert_eq!(line["source"], "page");
    assert!(line["text"]
        .as_str()
        .unwrap()
        .contains("canteen on the second floor"));
}
