//! Throughput of fetch + extract against a local server.
//!
//! ```text
//! cargo bench --bench fetch -- [DATASET_DIR] [--rounds N]
//! ```
//!
//! DATASET_DIR is the scrapinghub benchmark folder (with `html/<id>.html.gz`);
//! default `$GLEANER_DATASETS/scrapinghub`, else `../shared/datasets/scrapinghub`.
//! The pages are served gzip-encoded, as stored, from a server on
//! 127.0.0.1 (HTTP/1.1 keep-alive); the client runs with politeness and
//! robots.txt off. Prints docs/s for fetch only and for fetch + extract,
//! with 1 and with 8 requests in flight. Fails loudly when the dataset is
//! missing or any fetch fails.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use gleaner::fetch::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut rounds = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(rounds),
            // What `cargo bench` passes to every benchmark.
            "--bench" => {}
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.unwrap_or_else(|| match std::env::var_os("GLEANER_DATASETS") {
        Some(d) => PathBuf::from(d).join("scrapinghub"),
        None => PathBuf::from("../shared/datasets/scrapinghub"),
    });
    let pages = match load(&dir) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            eprintln!("error: no html/*.html.gz pages in {}", dir.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!(
                "error: dataset directory {} is unreadable: {e}",
                dir.display()
            );
            eprintln!("pass the scrapinghub folder as the first argument or set GLEANER_DATASETS");
            return ExitCode::FAILURE;
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(bench(pages, rounds))
}

/// Reads `html/<id>.html.gz` as stored (still gzip-compressed).
fn load(dir: &std::path::Path) -> std::io::Result<HashMap<String, Vec<u8>>> {
    let mut pages = HashMap::new();
    for entry in std::fs::read_dir(dir.join("html"))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(id) = name.strip_suffix(".html.gz") {
            pages.insert(format!("/{id}.html"), std::fs::read(&path)?);
        }
    }
    Ok(pages)
}

async fn bench(pages: HashMap<String, Vec<u8>>, rounds: usize) -> ExitCode {
    let pages = Arc::new(pages);
    let addr = serve(Arc::clone(&pages)).await;
    let client = Client::builder()
        .no_politeness()
        .robots(false)
        .allow_address(IpAddr::V4(Ipv4Addr::LOCALHOST))
        .build()
        .expect("a client");
    let mut urls: Vec<String> = pages.keys().map(|p| format!("http://{addr}{p}")).collect();
    urls.sort();
    let wire: usize = pages.values().map(Vec::len).sum();
    println!(
        "{} pages ({:.1} MB gzip on the wire), {rounds} rounds each, server http://{addr}",
        urls.len(),
        wire as f64 / 1e6
    );
    // Warm-up: connections, allocator, page cache.
    if let Err(e) = run(&client, &urls, 8, false).await {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    for concurrency in [1, 8] {
        for extract in [false, true] {
            let started = Instant::now();
            let mut docs = 0;
            let mut bytes = 0;
            for _ in 0..rounds {
                match run(&client, &urls, concurrency, extract).await {
                    Ok(b) => {
                        docs += urls.len();
                        bytes += b;
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            let secs = started.elapsed().as_secs_f64();
            println!(
                "concurrency {concurrency}  {:<15} {:>8.1} docs/s  ({docs} docs in {secs:.2} s, {:.1} MB {})",
                if extract { "fetch+extract" } else { "fetch only" },
                docs as f64 / secs,
                bytes as f64 / 1e6,
                if extract { "of article text" } else { "of html, decompressed" }
            );
        }
    }
    ExitCode::SUCCESS
}

/// Fetches every URL once with `concurrency` workers; returns the bytes of
/// html (fetch only) or of article text (fetch + extract).
async fn run(
    client: &Client,
    urls: &[String],
    concurrency: usize,
    extract: bool,
) -> Result<usize, String> {
    let next = Arc::new(AtomicUsize::new(0));
    let urls: Arc<Vec<String>> = Arc::new(urls.to_vec());
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, next, urls) = (client.clone(), Arc::clone(&next), Arc::clone(&urls));
            tokio::spawn(async move {
                let mut bytes = 0usize;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    if extract {
                        let a = client.article(url).await.map_err(|e| format!("{e:?}"))?;
                        bytes += a.text.len();
                    } else {
                        let f = client.fetch(url).await.map_err(|e| format!("{e:?}"))?;
                        bytes += f.body.len();
                    }
                }
                Ok::<usize, String>(bytes)
            })
        })
        .collect();
    let mut total = 0;
    for w in workers {
        total += w.await.map_err(|e| e.to_string())??;
    }
    Ok(total)
}

/// A minimal HTTP/1.1 server with keep-alive: GET `path` answers the stored
/// gzip bytes with `Content-Encoding: gzip`, anything else 404.
async fn serve(pages: Arc<HashMap<String, Vec<u8>>>) -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            tokio::spawn(connection(sock, Arc::clone(&pages)));
        }
    });
    addr
}

async fn connection(mut sock: TcpStream, pages: Arc<HashMap<String, Vec<u8>>>) {
    let _ = sock.set_nodelay(true);
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        let head_end = loop {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        buf.drain(..head_end);
        let path = head.split_whitespace().nth(1).unwrap_or("/");
        let response = match pages.get(path) {
            Some(body) => {
                let mut r = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-encoding: gzip\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                r.extend_from_slice(body);
                r
            }
            None => b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_vec(),
        };
        if sock.write_all(&response).await.is_err() {
            return;
        }
    }
}
