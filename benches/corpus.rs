//! The corpus soak run: every page of the shared datasets through the
//! whole pipeline — fetch (from a local server) → decode → extract — in
//! six variants each: gzip on and off, times the charset declared in the
//! Content-Type header, in a `<meta>` tag, or nowhere (the page's own
//! declarations are blanked, so detection decides). Fails on any panic or
//! on any error other than the expected typed refusals; prints counts,
//! error kinds, times and the peak memory (VmHWM).
//!
//! ```sh
//! cargo bench --bench corpus -- [DATASETS_DIR]
//! ```
//!
//! DATASETS_DIR defaults to `$GLEANER_DATASETS`, then `../shared/datasets`;
//! the run fails when it is missing.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gleaner::fetch::Client;
use gleaner::{Error, Extractor};

/// One page of a dataset: its name and its bytes as stored.
struct Source {
    name: String,
    bytes: Vec<u8>,
}

/// One response the server gives: body, Content-Type, gzip or not.
struct Variant {
    body: Vec<u8>,
    content_type: String,
    gzip: bool,
}

const CHARSETS: [&str; 3] = ["header", "meta", "none"];

fn main() -> ExitCode {
    let dir = std::env::args()
        .skip(1)
        // What `cargo bench` passes to every benchmark.
        .find(|a| a != "--bench")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("GLEANER_DATASETS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/datasets"));
    let sources = match load(&dir) {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => {
            eprintln!("corpus: no pages found under {}", dir.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("corpus: cannot read the datasets at {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let mut variants = Vec::new();
    for s in &sources {
        let encoding = gleaner::fuzzing::decode(&s.bytes, None).1;
        for charset in CHARSETS {
            for gzip in [false, true] {
                variants.push(variant(&s.bytes, encoding, charset, gzip));
            }
        }
    }
    let variants = Arc::new(variants);
    let addr = serve(Arc::clone(&variants));

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let client = Client::builder()
        .allow_address(addr.ip())
        .no_politeness()
        .robots(false)
        .build()
        .expect("a client");
    let extractor = Extractor::default();

    let start = Instant::now();
    let mut ok = 0usize;
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    let mut unexpected = Vec::new();
    let mut times: Vec<(Duration, String)> = Vec::new();
    let mut texts: Vec<Option<String>> = Vec::new();
    for (i, _) in variants.iter().enumerate() {
        let page = &sources[i / 6].name;
        let label = format!("{page} [{}, gzip {}]", CHARSETS[(i % 6) / 2], i % 2 == 1);
        let t = Instant::now();
        let result = rt
            .block_on(client.fetch(&format!("http://{addr}/{i}")))
            .and_then(|f| extractor.extract(&f.page()));
        times.push((t.elapsed(), label.clone()));
        match result {
            Ok(article) => {
                ok += 1;
                texts.push(Some(article.text));
            }
            Err(e) => {
                texts.push(None);
                let kind = kind(&e);
                *errors.entry(kind.to_string()).or_default() += 1;
                if !matches!(e, Error::TooLarge { .. } | Error::NotHtml { .. }) {
                    unexpected.push(format!("{label}: {e}"));
                }
            }
        }
    }
    let total = start.elapsed();
    // The same bytes with the same charset, told in the header or in a
    // <meta>, must give the same article.
    let mut differ = 0;
    for (p, chunk) in texts.chunks(6).enumerate() {
        for gz in 0..2 {
            if chunk[gz] != chunk[2 + gz] {
                differ += 1;
                eprintln!("header and meta disagree on {}", sources[p].name);
            }
        }
    }
    times.sort();
    let median = times[times.len() / 2].0;
    let (slowest, slowest_label) = times.last().cloned().unwrap();
    println!(
        "corpus: {} pages x {} variants = {} fetches from {}",
        sources.len(),
        CHARSETS.len() * 2,
        variants.len(),
        dir.display()
    );
    println!(
        "  articles: {ok}; errors: {errors:?}; unexpected: {}",
        unexpected.len()
    );
    println!(
        "  time: total {:.1} s, per fetch+extract median {median:.1?}, slowest {slowest:.1?} ({slowest_label})",
        total.as_secs_f64()
    );
    println!("  header vs meta charset: {differ} differing articles");
    println!("  peak memory (VmHWM): {} MiB", vm_hwm_kib() / 1024);
    for u in &unexpected {
        eprintln!("unexpected error: {u}");
    }
    if unexpected.is_empty() && differ == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Every page: scrapinghub's `html/*.html.gz` and readability-dev's
/// `*/source.html`, sorted by name.
fn load(dir: &Path) -> std::io::Result<Vec<Source>> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("scrapinghub/html"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    names.sort();
    for path in names {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut bytes)?;
        out.push(Source {
            name: format!(
                "scrapinghub/{}",
                path.file_name().unwrap().to_string_lossy()
            ),
            bytes,
        });
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("readability-dev"))?
        .map(|e| e.map(|e| e.path().join("source.html")))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    for path in names {
        out.push(Source {
            name: format!(
                "readability-dev/{}",
                path.parent()
                    .unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
            ),
            bytes: std::fs::read(&path)?,
        });
    }
    Ok(out)
}

/// The response for one page in one variant.
fn variant(bytes: &[u8], encoding: &str, charset: &str, gzip: bool) -> Variant {
    let (body, content_type) = match charset {
        "header" => (bytes.to_vec(), format!("text/html; charset={encoding}")),
        "meta" => {
            // After <head> (a tag before the doctype would change the parse).
            let head = find_ci(&bytes[..bytes.len().min(16 * 1024)], b"<head>");
            let at = head.map_or(0, |h| h + 6);
            let mut b = bytes[..at].to_vec();
            b.extend_from_slice(format!("<meta charset=\"{encoding}\">").as_bytes());
            b.extend_from_slice(&bytes[at..]);
            (b, "text/html".to_string())
        }
        _ => {
            let mut b = bytes.to_vec();
            let n = b.len().min(16 * 1024);
            while let Some(at) = find_ci(&b[..n], b"charset") {
                b[at] = b'x';
            }
            (b, "text/html".to_string())
        }
    };
    let body = if gzip {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&body).unwrap();
        enc.finish().unwrap()
    } else {
        body
    };
    Variant {
        body,
        content_type,
        gzip,
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A minimal HTTP/1.1 server on 127.0.0.1: `GET /<index>` answers variant
/// `index`, one connection per request.
fn serve(variants: Arc<Vec<Variant>>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let variants = Arc::clone(&variants);
            std::thread::spawn(move || answer(conn, &variants));
        }
    });
    addr
}

fn answer(mut conn: TcpStream, variants: &[Variant]) {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let line = String::from_utf8_lossy(&head);
    let index: Option<usize> = line
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.trim_start_matches('/').parse().ok());
    let Some(v) = index.and_then(|i| variants.get(i)) else {
        let _ = conn
            .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        return;
    };
    let _ =
        write!(
        conn,
        "HTTP/1.1 200 OK\r\ncontent-type: {}\r\ncontent-length: {}\r\n{}connection: close\r\n\r\n",
        v.content_type,
        v.body.len(),
        if v.gzip { "content-encoding: gzip\r\n" } else { "" }
    );
    let _ = conn.write_all(&v.body);
}

fn kind(e: &Error) -> &'static str {
    match e {
        Error::TooLarge { .. } => "TooLarge",
        Error::NotHtml { .. } => "NotHtml",
        Error::Timeout { .. } => "Timeout",
        Error::Status { .. } => "Status",
        Error::Decode { .. } => "Decode",
        Error::Network { .. } => "Network",
        Error::NotHtmlOrFeed { .. } => "NotHtmlOrFeed",
        _ => "other",
    }
}

fn vm_hwm_kib() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}
