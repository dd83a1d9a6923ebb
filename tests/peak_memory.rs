//! Peak memory: extracting a 100 MB page, and fetching gzip bombs, stays
//! within what the configured caps allow plus a small constant.
//!
//! Each case runs in a child process (this test binary run again with
//! `GLEANER_PEAK_CASE` set), which builds its input, resets its peak RSS
//! (`/proc/self/clear_refs`), runs the case and prints how far VmHWM rose
//! above the RSS it had before; the parent asserts on those figures.
//! Linux only; ignored in debug builds (building a 1 GiB bomb and parsing
//! 100 MB are slow there). Run with `--nocapture` to see the figures:
//!
//! ```sh
//! cargo test --release --test peak_memory -- --nocapture
//! ```
#![cfg(target_os = "linux")]

use std::process::Command;

use gleaner::{Config, Error, Extractor, Limits, Page};

const MIB: usize = 1024 * 1024;

fn status_kib(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Runs `f` after resetting the peak RSS; returns how far the peak rose.
fn peak_growth<T>(f: impl FnOnce() -> T) -> (usize, T) {
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak RSS");
    let before = status_kib("VmRSS:") * 1024;
    let out = f();
    let peak = status_kib("VmHWM:") * 1024;
    (peak.saturating_sub(before), out)
}

/// A page of `bytes` bytes of short paragraphs.
fn paragraphs(bytes: usize) -> Vec<u8> {
    let para = b"<p>Some words of a paragraph.</p>\n";
    let mut page = b"<html><body><article>".to_vec();
    while page.len() + para.len() <= bytes {
        page.extend_from_slice(para);
    }
    page
}

/// The cases, run in the child. Each prints `PEAK <case> <bytes>`.
fn run_case(case: &str) {
    let grown = match case {
        // The node cap (500 000 elements) reached by an 18 MB page...
        "at_node_cap" => {
            let page = paragraphs(18_000_000);
            let ex = Extractor::new(Config::new().limits(Limits::default().max_bytes(None)));
            let (g, r) = peak_growth(|| ex.extract(&Page::bytes(&page[..])).map(|a| a.text.len()));
            assert!(r.is_ok(), "{r:?}");
            g
        }
        // ...and by a 100 MB page: what lies past the cap costs nothing.
        "page_100mb" => {
            let page = paragraphs(100_000_000);
            let ex = Extractor::new(Config::new().limits(Limits::default().max_bytes(None)));
            let (g, r) = peak_growth(|| ex.extract(&Page::bytes(&page[..])).map(|a| a.text.len()));
            assert!(r.is_ok(), "{r:?}");
            g
        }
        // With every default a 100 MB page is refused before any work.
        "page_100mb_defaults" => {
            let page = paragraphs(100_000_000);
            let (g, r) = peak_growth(|| {
                Extractor::default()
                    .extract(&Page::bytes(&page[..]))
                    .map(|_| ())
            });
            assert!(matches!(r, Err(Error::TooLarge { .. })), "{r:?}");
            g
        }
        #[cfg(feature = "fetch")]
        "gzip_bomb" | "gzip_html_bomb" => gzip_bomb(case == "gzip_html_bomb"),
        other => panic!("unknown case {other}"),
    };
    println!("PEAK {case} {grown}");
}

#[cfg(feature = "fetch")]
/// A local server sends 1 GiB (of zeros, or of HTML) gzipped to a few MB;
/// the client's default 16 MiB body cap must refuse it while it streams.
fn gzip_bomb(html: bool) -> usize {
    use std::io::{Read, Write};
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let block: Vec<u8> = if html {
        b"<p>Some words of a paragraph.</p>\n".repeat(2_000)
    } else {
        vec![0u8; 64 * 1024]
    };
    let mut written = 0;
    while written < 1024 * MIB {
        enc.write_all(&block).unwrap();
        written += block.len();
    }
    let bomb = enc.finish().unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        // One connection: read the request head, send the bomb.
        if let Ok((mut conn, _)) = listener.accept() {
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let _ = write!(
                conn,
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-encoding: gzip\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n",
                bomb.len()
            );
            let _ = conn.write_all(&bomb);
        }
    });
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = gleaner::Client::builder()
        .allow_address(addr.ip())
        .no_politeness()
        .robots(false)
        .build()
        .unwrap();
    let url = format!("http://{addr}/bomb");
    let (g, r) = peak_growth(|| rt.block_on(client.fetch(&url)));
    match r {
        Err(Error::TooLarge { limit, .. }) => assert_eq!(limit, 16 * MIB as u64),
        other => panic!("{other:?}"),
    }
    drop(rt);
    let _ = server.join();
    g
}

/// Runs one case in a child process and returns its peak growth in bytes.
fn child(case: &str) -> usize {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_case", "--nocapture", "--test-threads=1"])
        .env("GLEANER_PEAK_CASE", case)
        .output()
        .expect("run the test binary again");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{case} failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // With --nocapture the figure may share a line with the test's name.
    let tag = format!("PEAK {case} ");
    let grown: usize = stdout
        .lines()
        .find_map(|l| l.find(&tag).map(|at| &l[at + tag.len()..]))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{case}: no figure in {stdout}"));
    println!("peak memory {case}: +{:.1} MiB", grown as f64 / MIB as f64);
    grown
}

/// The child's entry point; does nothing in a normal run.
#[test]
fn child_case() {
    if let Ok(case) = std::env::var("GLEANER_PEAK_CASE") {
        run_case(&case);
    }
}

#[test]
#[cfg_attr(debug_assertions, ignore = "slow in debug builds: run with --release")]
fn a_100_mb_page_costs_no_more_than_the_caps_allow() {
    let at_cap = child("at_node_cap");
    // The element limit is the memory cap: at most 1 KiB per element it
    // admits (500 000 by default), tree, measures and output included.
    let per_element_cap = 1024 * 500_000;
    assert!(
        at_cap < per_element_cap,
        "a page at the element limit: +{} MiB",
        at_cap / MIB
    );
    let huge = child("page_100mb");
    // Past the node cap the rest of the page is only tokenized and dropped.
    assert!(
        huge <= at_cap + 16 * MIB,
        "100 MB page: +{} MiB, page at the node cap: +{} MiB",
        huge / MIB,
        at_cap / MIB
    );
    let refused = child("page_100mb_defaults");
    assert!(refused < MIB, "refusing took +{} KiB", refused / 1024);
}

#[cfg(feature = "fetch")]
#[test]
#[cfg_attr(debug_assertions, ignore = "slow in debug builds: run with --release")]
fn gzip_bombs_stay_under_the_body_cap() {
    for case in ["gzip_bomb", "gzip_html_bomb"] {
        let grown = child(case);
        // The 16 MiB cap, plus one decompressed chunk, a runtime and a connection.
        assert!(grown < 16 * MIB + 12 * MIB, "{case}: +{} MiB", grown / MIB);
    }
}
