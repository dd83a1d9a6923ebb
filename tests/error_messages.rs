//! Errors stay useful: each typed error's message names the URL or the
//! input it is about, and the limit that was hit.
#![cfg(feature = "fetch")]

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use gleaner::fetch::Client;
use gleaner::{Config, Error, Extractor, Limits, Page};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client() -> gleaner::fetch::ClientBuilder {
    Client::builder()
        .allow_address(IpAddr::V4(Ipv4Addr::LOCALHOST))
        .no_politeness()
        .robots(false)
        .max_retries(0)
}

fn assert_names(err: &Error, parts: &[&str]) {
    let msg = err.to_string();
    for p in parts {
        assert!(msg.contains(p), "{msg:?} does not name {p:?}");
    }
}

#[tokio::test]
async fn fetch_errors_name_the_url_and_the_limit() {
    let server = MockServer::start().await;
    Mock::given(path("/big"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .set_body_bytes(vec![b'x'; 5_000]),
        )
        .mount(&server)
        .await;
    Mock::given(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    Mock::given(path("/loop"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/loop2"))
        .mount(&server)
        .await;
    Mock::given(path("/loop2"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/loop3"))
        .mount(&server)
        .await;
    Mock::given(path("/loop3"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/loop4"))
        .mount(&server)
        .await;
    let base = server.uri();

    let url = format!("{base}/big");
    let err = client()
        .max_body_bytes(Some(1_000))
        .build()
        .unwrap()
        .fetch(&url)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
    assert_names(&err, &[&url, "1000"]);

    let url = format!("{base}/slow");
    let err = client()
        .timeout(Some(Duration::from_millis(300)))
        .build()
        .unwrap()
        .fetch(&url)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_names(&err, &[&url, "300ms"]);

    let url = format!("{base}/loop");
    let err = client()
        .max_redirects(1)
        .build()
        .unwrap()
        .fetch(&url)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::TooManyRedirects { .. }), "{err:?}");
    assert_names(&err, &[&url, "1 redirect"]);

    let err = Client::new()
        .unwrap()
        .fetch("http://127.0.0.1:9/x")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::BlockedAddress { .. }), "{err:?}");
    assert_names(&err, &["http://127.0.0.1:9/x", "127.0.0.1"]);

    let err = Client::new().unwrap().fetch("not a url").await.unwrap_err();
    assert_names(&err, &["not a url"]);
}

#[test]
fn extraction_errors_name_the_input_and_the_limit() {
    let ex = Extractor::new(Config::new().limits(Limits::default().max_bytes(Some(10))));
    let err = ex
        .extract(&Page::html("<p>eleven bytes</p>").with_label("saved/page.html"))
        .unwrap_err();
    assert_names(&err, &["saved/page.html", "19 bytes", "limit of 10 bytes"]);
    let page = Page::bytes(&b"%PDF-1.7 xxxxxxxxxxxxxxxxxxxxx"[..])
        .with_url("https://example.com/doc")
        .unwrap();
    let err = Extractor::default().extract(&page).unwrap_err();
    assert_names(&err, &["https://example.com/doc", "pdf"]);
}
