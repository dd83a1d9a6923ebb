//! The fetcher against servers started on 127.0.0.1 by the tests: wiremock
//! for statuses and headers, a raw TCP server for byte-exact faults.
//! Nothing here touches the internet.
#![cfg(feature = "fetch")]

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use gleaner::fetch::{Client, ClientBuilder, Outcome, Request, Validators};
use gleaner::{EncodingSource, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

const ARTICLE: &str = "<html><head><title>Rain returns</title></head><body>\
<article><h1>Rain returns</h1><p>After months of drought, rain fell across the region \
on Tuesday, filling reservoirs that had dropped to their lowest level in a decade.</p>\
<p>Farmers said the rain came too late for this year's wheat, but welcomed it.</p>\
</article></body></html>";

/// A client for local test servers: loopback admitted, politeness and
/// robots off, short deadlines, quick retries.
fn builder() -> ClientBuilder {
    Client::builder()
        .allow_address(LOOPBACK)
        .no_politeness()
        .robots(false)
        .timeout(Some(Duration::from_secs(2)))
        .connect_timeout(Some(Duration::from_secs(1)))
        .retry_base_delay(Duration::from_millis(10))
}

fn client() -> Client {
    builder().build().unwrap()
}

fn html(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/html; charset=utf-8")
}

fn redirect(to: &str) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("location", to)
}

async fn serve(route: &str, response: ResponseTemplate, server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(response)
        .mount(server)
        .await;
}

/// A raw TCP server on 127.0.0.1 running `handler` for each connection.
async fn raw_server<F, Fut>(handler: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind((LOOPBACK, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            // Read the request head before answering.
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            tokio::spawn(handler(sock));
        }
    });
    addr
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

// ---------------------------------------------------------------- redirects

#[tokio::test]
async fn redirect_chain_is_followed_and_recorded() {
    let server = MockServer::start().await;
    serve("/a", redirect("/b"), &server).await;
    serve("/b", redirect(&format!("{}/c", server.uri())), &server).await;
    serve("/c", html(ARTICLE), &server).await;
    let f = client()
        .fetch(&format!("{}/a", server.uri()))
        .await
        .unwrap();
    assert_eq!(f.url.path(), "/c");
    assert_eq!(
        f.redirects.iter().map(|u| u.path()).collect::<Vec<_>>(),
        ["/b", "/c"]
    );
    assert_eq!(f.attempts, 3);
    assert_eq!(f.body, ARTICLE.as_bytes());
}

#[tokio::test]
async fn redirect_loop_is_refused() {
    let server = MockServer::start().await;
    serve("/a", redirect("/b"), &server).await;
    serve("/b", redirect("/a"), &server).await;
    match client().fetch(&format!("{}/a", server.uri())).await {
        Err(Error::RedirectLoop { url, chain }) => {
            assert_eq!(url.path(), "/a");
            let paths: Vec<_> = chain.iter().map(|u| u.path()).collect();
            assert_eq!(paths, ["/b", "/a"]);
        }
        other => panic!("expected a redirect loop, got {other:?}"),
    }
}

#[tokio::test]
async fn redirect_cap_is_enforced() {
    let server = MockServer::start().await;
    for i in 0..4 {
        serve(&format!("/{i}"), redirect(&format!("/{}", i + 1)), &server).await;
    }
    serve("/4", html(ARTICLE), &server).await;
    let c = builder().max_redirects(3).build().unwrap();
    match c.fetch(&format!("{}/0", server.uri())).await {
        Err(Error::TooManyRedirects {
            limit: 3, chain, ..
        }) => assert_eq!(chain.len(), 4),
        other => panic!("expected too many redirects, got {other:?}"),
    }
    let c = builder().max_redirects(4).build().unwrap();
    assert!(c.fetch(&format!("{}/0", server.uri())).await.is_ok());
}

#[tokio::test]
async fn redirect_to_a_refused_address_is_blocked() {
    let server = MockServer::start().await;
    let port = server.address().port();
    serve(
        "/other-loopback",
        redirect(&format!("http://127.0.0.2:{port}/x")),
        &server,
    )
    .await;
    serve(
        "/mapped",
        redirect(&format!("http://[::ffff:127.0.0.3]:{port}/x")),
        &server,
    )
    .await;
    serve(
        "/decimal",
        redirect(&format!("http://2130706436:{port}/x")),
        &server,
    )
    .await;
    for (route, blocked) in [
        ("/other-loopback", "127.0.0.2"),
        ("/mapped", "127.0.0.3"),
        ("/decimal", "127.0.0.4"),
    ] {
        match client().fetch(&format!("{}{route}", server.uri())).await {
            Err(Error::BlockedAddress { addr, .. }) => assert_eq!(addr.to_string(), blocked),
            other => panic!("{route}: expected a blocked address, got {other:?}"),
        }
    }
}

// --------------------------------------------------------- conditional GET

fn versioned() -> ResponseTemplate {
    html(ARTICLE)
        .insert_header("etag", "\"v1\"")
        .insert_header("last-modified", "Wed, 21 Oct 2015 07:28:00 GMT")
}

#[tokio::test]
async fn validators_yield_not_modified() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/feed"))
        .and(header("if-none-match", "\"v1\""))
        .respond_with(ResponseTemplate::new(304).insert_header("etag", "\"v1\""))
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    serve("/feed", versioned(), &server).await;
    let c = client();
    let url = format!("{}/feed", server.uri());

    let first = match c.execute(Request::feed(&url).unwrap()).await.unwrap() {
        Outcome::Fetched(f) => f,
        other => panic!("{other:?}"),
    };
    assert_eq!(first.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        first.validators.last_modified.as_deref(),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );

    let again = Request::feed(&url)
        .unwrap()
        .validators(first.validators.clone());
    match c.execute(again).await.unwrap() {
        Outcome::NotModified(nm) => {
            assert_eq!(nm.validators, first.validators);
            assert_eq!(nm.attempts, 1);
        }
        other => panic!("expected not modified, got {other:?}"),
    }

    let stale = Request::feed(&url)
        .unwrap()
        .validators(Validators::new().with_etag("\"v0\""));
    assert!(matches!(
        c.execute(stale).await.unwrap(),
        Outcome::Fetched(_)
    ));

    // Both validators went out (wiremock's header matcher splits dates on commas).
    let requests = server.received_requests().await.unwrap();
    let sent = &requests[1].headers;
    assert_eq!(sent["if-none-match"], "\"v1\"");
    assert_eq!(sent["if-modified-since"], "Wed, 21 Oct 2015 07:28:00 GMT");
}

#[tokio::test]
async fn cache_revalidates_and_serves_its_copy() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/page"))
        .and(header("if-none-match", "\"v1\""))
        .respond_with(ResponseTemplate::new(304))
        .with_priority(1)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/page"))
        .respond_with(versioned())
        .expect(1)
        .mount(&server)
        .await;
    let c = builder().cache_entries(Some(8)).build().unwrap();
    let url = format!("{}/page", server.uri());
    let first = c.fetch(&url).await.unwrap();
    assert!(!first.from_cache);
    for _ in 0..2 {
        let second = c.fetch(&url).await.unwrap();
        assert!(second.from_cache);
        assert_eq!(second.body, first.body);
        assert_eq!(second.validators, first.validators);
    }
}

// ------------------------------------------------------ statuses and retries

#[tokio::test]
async fn client_and_server_errors_are_typed_and_not_retried() {
    let server = MockServer::start().await;
    for (route, code) in [("/404", 404u16), ("/500", 500)] {
        Mock::given(path(route))
            .respond_with(ResponseTemplate::new(code))
            .expect(1)
            .mount(&server)
            .await;
    }
    for (route, code) in [("/404", 404u16), ("/500", 500)] {
        match client().fetch(&format!("{}{route}", server.uri())).await {
            Err(Error::Status {
                status, attempts, ..
            }) => {
                assert_eq!(status.as_u16(), code);
                assert_eq!(attempts, 1);
            }
            other => panic!("{route}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn gateway_errors_are_retried_and_counted() {
    let server = MockServer::start().await;
    Mock::given(path("/flaky"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    serve("/flaky", html(ARTICLE), &server).await;
    let f = client()
        .fetch(&format!("{}/flaky", server.uri()))
        .await
        .unwrap();
    assert_eq!(f.attempts, 3);

    Mock::given(path("/down"))
        .respond_with(ResponseTemplate::new(502))
        .expect(3)
        .mount(&server)
        .await;
    match client().fetch(&format!("{}/down", server.uri())).await {
        Err(Error::Status {
            status, attempts, ..
        }) => assert_eq!((status.as_u16(), attempts), (502, 3)),
        other => panic!("{other:?}"),
    }
}

/// Retry-After waits run on tokio's paused clock (wiremock serves from its
/// own thread, so only the client's time is virtual): long waits are
/// honoured without the test sleeping.
#[tokio::test(start_paused = true)]
async fn too_many_requests_honours_retry_after_in_both_forms() {
    let server = MockServer::start().await;
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(300));
    for (route, value) in [("/seconds", "600".to_string()), ("/date", date)] {
        Mock::given(path(route))
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", value.as_str()))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        serve(route, html(ARTICLE), &server).await;
    }
    // No deadline and no connect timeout: no other timer to jump to.
    let c = builder()
        .timeout(None)
        .connect_timeout(None)
        .build()
        .unwrap();
    for (route, at_least) in [("/seconds", 600), ("/date", 295)] {
        let real = Instant::now();
        let virtual_start = tokio::time::Instant::now();
        let f = c.fetch(&format!("{}{route}", server.uri())).await.unwrap();
        assert_eq!(f.attempts, 2, "{route}");
        let waited = virtual_start.elapsed();
        assert!(
            waited >= Duration::from_secs(at_least),
            "{route}: {waited:?}"
        );
        assert!(
            real.elapsed() < Duration::from_secs(5),
            "{route}: the test must not sleep"
        );
    }
}

#[tokio::test]
async fn retry_after_past_the_deadline_gives_up_at_once() {
    let server = MockServer::start().await;
    Mock::given(path("/limited"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    match client().fetch(&format!("{}/limited", server.uri())).await {
        Err(Error::Status {
            status, attempts, ..
        }) => assert_eq!((status.as_u16(), attempts), (429, 1)),
        other => panic!("{other:?}"),
    }
    // Waiting would have ended in a Timeout at the 2 s deadline.
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn refused_connections_are_retried_then_reported() {
    let port = {
        let l = std::net::TcpListener::bind((LOOPBACK, 0)).unwrap();
        l.local_addr().unwrap().port()
    };
    match client().fetch(&format!("http://127.0.0.1:{port}/")).await {
        Err(Error::Network { attempts, .. }) => assert_eq!(attempts, 3),
        other => panic!("{other:?}"),
    }
}

// -------------------------------------------------------- byte-exact faults

#[tokio::test]
async fn dripping_body_hits_the_deadline() {
    let addr = raw_server(|mut sock| async move {
        let _ = sock
            .write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 1000\r\n\r\n",
            )
            .await;
        for _ in 0..1000 {
            if sock.write_all(b"x").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    let started = Instant::now();
    let c = builder()
        .timeout(Some(Duration::from_secs(1)))
        .build()
        .unwrap();
    match c.fetch(&format!("http://{addr}/")).await {
        Err(Error::Timeout { limit, .. }) => assert_eq!(limit, Duration::from_secs(1)),
        other => panic!("{other:?}"),
    }
    let took = started.elapsed();
    // The server would drip for 50 s; allow for a loaded machine.
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(4),
        "{took:?}"
    );
}

#[tokio::test]
async fn connection_reset_mid_body_is_a_network_error() {
    let addr = raw_server(|sock| async move {
        let std = sock.into_std().unwrap();
        let sock = socket2::SockRef::from(&std);
        let mut s = &std;
        let _ = std::io::Write::write_all(
            &mut s,
            b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100000\r\n\r\n<p>start",
        );
        std::thread::sleep(Duration::from_millis(50));
        let _ = sock.set_linger(Some(Duration::ZERO));
        drop(std); // RST, not FIN
    })
    .await;
    match client().fetch(&format!("http://{addr}/")).await {
        Err(Error::Network { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn lying_content_length_is_a_network_error() {
    let addr = raw_server(|mut sock| async move {
        let _ = sock
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 5000\r\n\r\n<p>only this</p>")
            .await;
        let _ = sock.shutdown().await;
    })
    .await;
    match client().fetch(&format!("http://{addr}/")).await {
        Err(Error::Network { .. }) => {}
        other => panic!("{other:?}"),
    }
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    // HTTP's "deflate" is the zlib format.
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 9, 22);
        w.write_all(bytes).unwrap();
    }
    out
}

#[tokio::test]
async fn compression_bombs_stop_at_the_cap() {
    let cap = 1024 * 1024;
    let plain = vec![b'a'; 16 * 1024 * 1024];
    let server = MockServer::start().await;
    for (encoding, bomb) in [
        ("gzip", gzip(&plain)),
        ("deflate", deflate(&plain)),
        ("br", brotli(&plain)),
    ] {
        assert!(
            bomb.len() < 256 * 1024,
            "{encoding}: the bomb is small on the wire"
        );
        serve(
            &format!("/{encoding}"),
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .insert_header("content-encoding", encoding)
                .set_body_bytes(bomb),
            &server,
        )
        .await;
    }
    drop(plain);
    let c = builder().max_body_bytes(Some(cap)).build().unwrap();
    for encoding in ["gzip", "deflate", "br"] {
        match c.fetch(&format!("{}/{encoding}", server.uri())).await {
            Err(Error::TooLarge { size, limit, .. }) => {
                assert_eq!(limit, cap as u64);
                // Never more than the cap plus one decompressed chunk held.
                assert!(
                    size > limit && size <= limit + 256 * 1024,
                    "{encoding}: {size}"
                );
            }
            other => panic!("{encoding}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn compressed_bodies_under_the_cap_are_decompressed() {
    let server = MockServer::start().await;
    serve(
        "/gz",
        ResponseTemplate::new(200)
            .insert_header("content-type", "text/html")
            .insert_header("content-encoding", "gzip")
            .set_body_bytes(gzip(ARTICLE.as_bytes())),
        &server,
    )
    .await;
    let f = client()
        .fetch(&format!("{}/gz", server.uri()))
        .await
        .unwrap();
    assert_eq!(f.body, ARTICLE.as_bytes());
}

#[tokio::test]
async fn corrupt_compression_is_a_decode_error() {
    let server = MockServer::start().await;
    let mut broken = gzip(&vec![b'a'; 100_000]);
    let mid = broken.len() / 2;
    broken[mid..].iter_mut().for_each(|b| *b ^= 0x5a);
    serve(
        "/broken",
        ResponseTemplate::new(200)
            .insert_header("content-type", "text/html")
            .insert_header("content-encoding", "gzip")
            .set_body_bytes(broken),
        &server,
    )
    .await;
    match client().fetch(&format!("{}/broken", server.uri())).await {
        Err(Error::Decode { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn body_over_the_cap_with_content_length_is_refused_up_front() {
    let server = MockServer::start().await;
    serve("/big", html(&"x".repeat(200_000)), &server).await;
    let c = builder().max_body_bytes(Some(100_000)).build().unwrap();
    match c.fetch(&format!("{}/big", server.uri())).await {
        Err(Error::TooLarge { size, limit, .. }) => assert_eq!((size, limit), (200_000, 100_000)),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn body_over_the_cap_without_content_length_is_cut_while_streaming() {
    let addr = raw_server(|mut sock| async move {
        let _ = sock
            .write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n",
            )
            .await;
        let chunk = vec![b'x'; 8192];
        for _ in 0..1000 {
            let head = format!("{:x}\r\n", chunk.len());
            if sock.write_all(head.as_bytes()).await.is_err()
                || sock.write_all(&chunk).await.is_err()
                || sock.write_all(b"\r\n").await.is_err()
            {
                return;
            }
        }
        let _ = sock.write_all(b"0\r\n\r\n").await;
    })
    .await;
    let c = builder().max_body_bytes(Some(100_000)).build().unwrap();
    match c.fetch(&format!("http://{addr}/")).await {
        Err(Error::TooLarge { size, limit, .. }) => {
            assert_eq!(limit, 100_000);
            assert!(size > limit && size <= limit + 8192, "{size}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn wrong_content_type_is_refused() {
    let server = MockServer::start().await;
    serve(
        "/img",
        ResponseTemplate::new(200)
            .insert_header("content-type", "image/png")
            .set_body_bytes(vec![0x89, b'P', b'N', b'G']),
        &server,
    )
    .await;
    match client().fetch(&format!("{}/img", server.uri())).await {
        Err(Error::NotHtmlOrFeed { content_type, .. }) => assert_eq!(content_type, "image/png"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn unsupported_schemes_and_bad_urls_are_refused() {
    assert!(matches!(
        client().fetch("ftp://127.0.0.1/x").await,
        Err(Error::UnsupportedScheme { .. })
    ));
    assert!(matches!(
        client().fetch("not a url").await,
        Err(Error::InvalidUrl { .. })
    ));
}

// ------------------------------------------------------------------ charset

fn latin1_page(meta: bool) -> Vec<u8> {
    let head = if meta {
        "<meta charset=\"windows-1252\">"
    } else {
        ""
    };
    let text = format!(
        "<html><head>{head}<title>Caf\u{e9}</title></head><body><article><p>Le caf\u{e9} \
         de la gare a rouvert ses portes apr\u{e8}s des ann\u{e9}es de travaux, \
         \u{e0} la grande joie des habitu\u{e9}s du quartier.</p><p>On y sert du th\u{e9} \
         et des cr\u{ea}pes, comme autrefois, et les prix n'ont pas trop augment\u{e9}.</p>\
         </article></body></html>"
    );
    encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
}

#[tokio::test]
async fn charset_from_header_meta_or_detection() {
    let server = MockServer::start().await;
    let page = |ct: &str, meta: bool| {
        ResponseTemplate::new(200)
            .insert_header("content-type", ct)
            .set_body_bytes(latin1_page(meta))
    };
    serve(
        "/header",
        page("text/html; charset=windows-1252", false),
        &server,
    )
    .await;
    serve("/meta", page("text/html", true), &server).await;
    serve("/none", page("text/html", false), &server).await;
    for (route, source) in [
        ("/header", EncodingSource::Header),
        ("/meta", EncodingSource::Meta),
        ("/none", EncodingSource::Detected),
    ] {
        let a = client()
            .article(&format!("{}{route}", server.uri()))
            .await
            .unwrap();
        assert_eq!(a.encoding.source, source, "{route}");
        assert_eq!(a.encoding.name, "windows-1252", "{route}");
        assert!(a.text.contains("Le café de la gare"), "{route}: {}", a.text);
        assert_eq!(a.url.unwrap().path(), route);
    }
}

// ------------------------------------------------------------------- robots

#[tokio::test]
async fn robots_txt_allows_and_denies_and_is_fetched_once() {
    let server = MockServer::start().await;
    Mock::given(path("/robots.txt"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            "User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n",
        ))
        .expect(1)
        .mount(&server)
        .await;
    serve("/public", html(ARTICLE), &server).await;
    serve("/private/page", html(ARTICLE), &server).await;
    serve("/private/feed.xml", html("<rss></rss>"), &server).await;
    let c = builder().robots(true).build().unwrap();
    let base = server.uri();
    assert!(c.article(&format!("{base}/public")).await.is_ok());
    match c.fetch(&format!("{base}/private/page")).await {
        Err(Error::RobotsDisallowed { url }) => assert_eq!(url.path(), "/private/page"),
        other => panic!("{other:?}"),
    }
    // Feeds are published for machines: robots.txt is not consulted.
    assert!(c
        .fetch_feed(&format!("{base}/private/feed.xml"))
        .await
        .is_ok());
    // The opt-out.
    let free = builder().robots(false).build().unwrap();
    assert!(free.fetch(&format!("{base}/private/page")).await.is_ok());
}

#[tokio::test]
async fn robots_txt_missing_allows_and_failing_disallows() {
    let missing = MockServer::start().await;
    serve("/robots.txt", ResponseTemplate::new(404), &missing).await;
    serve("/page", html(ARTICLE), &missing).await;
    let failing = MockServer::start().await;
    serve("/robots.txt", ResponseTemplate::new(500), &failing).await;
    serve("/page", html(ARTICLE), &failing).await;
    let c = builder().robots(true).build().unwrap();
    assert!(c.fetch(&format!("{}/page", missing.uri())).await.is_ok());
    assert!(matches!(
        c.fetch(&format!("{}/page", failing.uri())).await,
        Err(Error::RobotsDisallowed { .. })
    ));
}

#[tokio::test]
async fn robots_txt_is_read_up_to_its_cap() {
    let server = MockServer::start().await;
    let mut txt = String::from("User-agent: *\nDisallow: /early\n");
    txt.push_str(&"# padding\n".repeat(2000));
    txt.push_str("Disallow: /late\n");
    serve(
        "/robots.txt",
        ResponseTemplate::new(200).set_body_string(txt),
        &server,
    )
    .await;
    serve("/late", html(ARTICLE), &server).await;
    serve("/early", html(ARTICLE), &server).await;
    let c = builder()
        .robots(true)
        .robots_max_bytes(4096)
        .build()
        .unwrap();
    assert!(c.fetch(&format!("{}/late", server.uri())).await.is_ok());
    assert!(c.fetch(&format!("{}/early", server.uri())).await.is_err());
}

// ------------------------------------------------------------ address guard

#[tokio::test]
async fn address_guard_refuses_loopback_unless_allowed() {
    let server = MockServer::start().await;
    serve("/", html(ARTICLE), &server).await;
    let port = server.address().port();
    let guarded = Client::builder()
        .no_politeness()
        .robots(false)
        .build()
        .unwrap();
    for url in [
        format!("http://127.0.0.1:{port}/"),
        format!("http://2130706433:{port}/"),
        format!("http://localhost:{port}/"),
    ] {
        match guarded.fetch(&url).await {
            Err(Error::BlockedAddress { addr, .. }) => assert!(addr.is_loopback(), "{url}"),
            other => panic!("{url}: {other:?}"),
        }
    }
    assert!(client()
        .fetch(&format!("http://127.0.0.1:{port}/"))
        .await
        .is_ok());
    assert!(client()
        .fetch(&format!("http://localhost:{port}/"))
        .await
        .is_ok());
    let open = Client::builder()
        .block_private_addresses(false)
        .no_politeness()
        .robots(false)
        .build()
        .unwrap();
    assert!(open
        .fetch(&format!("http://127.0.0.1:{port}/"))
        .await
        .is_ok());
}

// -------------------------------------------------- politeness and identity

/// Real time, kept short: the paused clock cannot be used here, because
/// while one request waits on its socket the runtime would jump to the
/// other requests' delay timers. The exact spacing is proven on the paused
/// clock by the politeness unit tests.
#[tokio::test]
async fn per_host_delay_spaces_requests() {
    let server = MockServer::start().await;
    serve("/", html(ARTICLE), &server).await;
    let c = builder()
        .per_host_delay(Some(Duration::from_millis(500)))
        .build()
        .unwrap();
    let url = format!("{}/", server.uri());
    let started = Instant::now();
    let (a, b, d) = tokio::join!(c.fetch(&url), c.fetch(&url), c.fetch(&url));
    assert!(a.is_ok() && b.is_ok() && d.is_ok());
    assert!(started.elapsed() >= Duration::from_millis(1000));
    // Another host (same server, other name) is not held back by this one.
    let other = format!("http://localhost:{}/", server.address().port());
    let started = Instant::now();
    assert!(c.fetch(&other).await.is_ok());
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn user_agent_names_the_crate_and_can_be_replaced() {
    let server = MockServer::start().await;
    let default_ua = format!(
        "gleaner/{} (+https://crates.io/crates/gleaner)",
        env!("CARGO_PKG_VERSION")
    );
    Mock::given(path("/ua"))
        .and(header("user-agent", default_ua.as_str()))
        .respond_with(html(ARTICLE))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/ua"))
        .and(header("user-agent", "MyReader/2.0"))
        .respond_with(html(ARTICLE))
        .expect(1)
        .mount(&server)
        .await;
    let url = format!("{}/ua", server.uri());
    assert!(client().fetch(&url).await.is_ok());
    let mine = builder().user_agent("MyReader/2.0").build().unwrap();
    assert!(mine.fetch(&url).await.is_ok());
}

#[tokio::test]
async fn clones_share_one_client_across_tasks() {
    let server = MockServer::start().await;
    serve("/", html(ARTICLE), &server).await;
    let c = client();
    let url = format!("{}/", server.uri());
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let c = c.clone();
            let url = url.clone();
            tokio::spawn(async move { c.article(&url).await.map(|a| a.title) })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap().as_deref(), Some("Rain returns"));
    }
}

// ---------------------------------------------------------------------- TLS

/// An https server on 127.0.0.1 with a certificate for `localhost` signed
/// by a CA made at test time: `/page` answers HTML, `/down` redirects to
/// `plain_url`. Returns its address and the CA in PEM.
async fn tls_server(plain_url: String) -> (SocketAddr, String) {
    use std::sync::Arc;
    use tokio_rustls::rustls;

    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = rcgen::KeyPair::generate().unwrap();
    let leaf = rcgen::CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .signed_by(&leaf_key, &ca, &ca_key)
        .unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind((LOOPBACK, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let plain_url = plain_url.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(sock).await else {
                    return;
                };
                let mut buf = [0u8; 4096];
                let n = tls.read(&mut buf).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]);
                let response = if head.starts_with("GET /down ") {
                    format!("HTTP/1.1 302 Found\r\nlocation: {plain_url}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                } else {
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{ARTICLE}",
                        ARTICLE.len()
                    )
                };
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (addr, ca.pem())
}

#[tokio::test]
async fn https_to_http_redirect_is_refused_unless_allowed() {
    let plain = MockServer::start().await;
    serve("/plain", html(ARTICLE), &plain).await;
    let (addr, ca) = tls_server(format!("{}/plain", plain.uri())).await;
    let base = format!("https://localhost:{}", addr.port());
    let c = builder()
        .add_root_certificate_pem(ca.clone())
        .build()
        .unwrap();

    // TLS itself works, and the https page is fetched.
    let a = c.article(&format!("{base}/page")).await.unwrap();
    assert_eq!(a.title.as_deref(), Some("Rain returns"));

    match c.fetch(&format!("{base}/down")).await {
        Err(Error::InsecureRedirect { url, chain }) => {
            assert_eq!(url.scheme(), "https");
            assert_eq!(chain.last().unwrap().scheme(), "http");
        }
        other => panic!("expected a refused downgrade, got {other:?}"),
    }
    let lax = builder()
        .add_root_certificate_pem(ca)
        .allow_https_downgrade(true)
        .build()
        .unwrap();
    let f = lax.fetch(&format!("{base}/down")).await.unwrap();
    assert_eq!(f.url.scheme(), "http");
    assert_eq!(f.redirects.len(), 1);
}

#[tokio::test]
async fn unknown_certificate_authority_is_a_network_error() {
    let (addr, _ca) = tls_server("http://127.0.0.1/".to_string()).await;
    match client()
        .fetch(&format!("https://localhost:{}/page", addr.port()))
        .await
    {
        Err(Error::Network {
            attempts, source, ..
        }) => assert_eq!(attempts, 1, "not retried: {source:?}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        builder()
            .add_root_certificate_pem("not a certificate")
            .build(),
        Err(Error::ClientBuild { .. })
    ));
}
