//! The HTTP face: routes, the front gate every request passes (caps,
//! key, one log line), and the answers with their validators.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;

use super::conditional::{etag, not_modified};
use super::params::{extract_query, feed_query, pairs, wants_json, PageFormat};
use super::problem::Problem;
use super::Shared;
use crate::feed::ArticleCache;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let on_panic = |_: Box<dyn std::any::Any + Send>| {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
    };
    Router::new()
        .route("/feed", get(feed))
        .route("/makefulltextfeed.php", get(fivefilters))
        .route("/extract", get(extract))
        .route("/health", get(health))
        .fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(on_panic))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), front))
        .with_state(shared)
}

/// Caps, key and the log line, before any handler.
async fn front(State(s): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "-".to_string(), |c| c.0.ip().to_string());
    let method = request.method().clone();
    let target = logged(request.uri());
    let response = match refuse(&s, &request) {
        Some(problem) => problem.into_response(),
        None => next.run(request).await,
    };
    let bytes = axum::body::HttpBody::size_hint(response.body())
        .exact()
        .map_or_else(|| "-".to_string(), |n| n.to_string());
    log::info!(
        target: "gleaner::serve",
        "{peer} {method} {target} {} {bytes} {:.1}ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// Why a request is refused before it is read, if it is.
fn refuse(s: &Shared, request: &Request) -> Option<Problem> {
    let target_len = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target_len > s.settings.max_url_bytes {
        return Some(Problem::new(
            StatusCode::URI_TOO_LONG,
            format!(
                "request target of {target_len} bytes exceeds the limit of {} bytes",
                s.settings.max_url_bytes
            ),
        ));
    }
    let headers = request.headers();
    if headers.contains_key(header::TRANSFER_ENCODING) {
        return Some(Problem::new(
            StatusCode::LENGTH_REQUIRED,
            "a request body must state its length",
        ));
    }
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if length.is_some_and(|n| n > s.settings.max_body_bytes as u64) {
        return Some(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "request body exceeds the limit of {} bytes",
                s.settings.max_body_bytes
            ),
        ));
    }
    let key = s.settings.key.as_deref()?;
    if request.uri().path() == "/health" {
        return None;
    }
    let pairs = pairs(request.uri().query());
    let given = pairs
        .iter()
        .find(|(k, _)| k == "key")
        .map(|(_, v)| v.as_str())
        .or_else(|| {
            headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
        });
    match given {
        Some(g) if same(g.trim().as_bytes(), key.as_bytes()) => None,
        _ => Some(
            Problem::new(StatusCode::FORBIDDEN, "a valid key is required")
                .in_json(wants_json(&pairs, request.uri().path())),
        ),
    }
}

/// Compares two secrets in time that depends on their lengths only.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The request target for the log: the key's value hidden, cut at 300 bytes.
fn logged(uri: &Uri) -> String {
    let mut target = uri.path().to_string();
    if let Some(q) = uri.query() {
        let shown: Vec<String> = q
            .split('&')
            .map(|p| match p.split_once('=') {
                Some(("key", _)) => "key=*".to_string(),
                _ => p.to_string(),
            })
            .collect();
        target.push('?');
        target.push_str(&shown.join("&"));
    }
    if target.len() > 300 {
        let cut = (0..=300)
            .rev()
            .find(|&i| target.is_char_boundary(i))
            .unwrap_or(0);
        target.truncate(cut);
        target.push('…');
    }
    target
}

async fn feed(State(s): State<Arc<Shared>>, uri: Uri, headers: HeaderMap) -> Response {
    full_text(&s, &uri, &headers, false).await.into_response()
}

async fn fivefilters(State(s): State<Arc<Shared>>, uri: Uri, headers: HeaderMap) -> Response {
    full_text(&s, &uri, &headers, true).await.into_response()
}

async fn full_text(
    s: &Shared,
    uri: &Uri,
    headers: &HeaderMap,
    fivefilters: bool,
) -> Result<Response, Problem> {
    let pairs = pairs(uri.query());
    let json = wants_json(&pairs, uri.path());
    let query = feed_query(&pairs, &s.settings, fivefilters).map_err(|p| p.in_json(json))?;
    let _turn = s
        .admission
        .enter()
        .await
        .map_err(|b| Problem::busy(b, s.settings.retry_after).in_json(json))?;
    let rendered = s
        .feeds
        .full_text(&s.pipeline, &query)
        .await
        .map_err(|e| Problem::upstream(&e).in_json(json))?;
    Ok(answer(
        headers,
        query.format.content_type(),
        rendered.body,
        &rendered.etag,
        Some(rendered.last_modified),
        s.settings.feed_ttl.as_secs(),
    ))
}

async fn extract(State(s): State<Arc<Shared>>, uri: Uri, headers: HeaderMap) -> Response {
    let pairs = pairs(uri.query());
    let json = wants_json(&pairs, uri.path());
    let result = async {
        let query = extract_query(&pairs)?;
        let _turn = s
            .admission
            .enter()
            .await
            .map_err(|b| Problem::busy(b, s.settings.retry_after))?;
        let hit = match s.articles.get_shared(&query.url) {
            Some(hit) => hit,
            None => {
                let fetched = s
                    .client
                    .fetch(query.url.as_str())
                    .await
                    .map_err(|e| Problem::upstream(&e))?;
                let extractor = s.page_extractor.clone();
                let job = move || crate::feed::extract_page(&extractor, &fetched);
                let (article, url) = tokio::task::spawn_blocking(job)
                    .await
                    .map_err(|_| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error"))?
                    .map_err(|e| Problem::upstream(&e))?;
                s.articles.put(&query.url, &article, &url);
                Arc::new((article, url))
            }
        };
        let (a, url) = (&hit.0, &hit.1);
        let (content_type, body) = match query.format {
            PageFormat::Html => ("text/html; charset=utf-8", a.html.clone()),
            PageFormat::Markdown => ("text/markdown; charset=utf-8", a.markdown.clone()),
            PageFormat::Text => ("text/plain; charset=utf-8", a.text.clone()),
            PageFormat::Json => ("application/json", article_json(a, url)),
        };
        let tag = etag(body.as_bytes());
        Ok::<_, Problem>(answer(&headers, content_type, body, &tag, None, 0))
    };
    result.await.map_err(|p| p.in_json(json)).into_response()
}

fn article_json(a: &crate::Article, url: &url::Url) -> String {
    let date = |t: Option<crate::Timestamp>| t.map(|t| t.to_rfc3339());
    let v = json!({
        "url": url.as_str(),
        "title": a.title,
        "byline": a.byline,
        "authors": a.authors,
        "published": date(a.published),
        "modified": date(a.modified),
        "site_name": a.site_name,
        "language": a.language,
        "description": a.description,
        "image": a.image.as_ref().map(|u| u.as_str()),
        "word_count": a.word_count,
        "text": a.text,
        "html": a.html,
    });
    format!("{v}\n")
}

/// A 200 with the body and its validators, or a 304 when the client's
/// copy is current.
fn answer(
    request: &HeaderMap,
    content_type: &'static str,
    body: String,
    tag: &str,
    last_modified: Option<SystemTime>,
    max_age: u64,
) -> Response {
    let fresh = not_modified(
        request,
        tag,
        last_modified.unwrap_or(SystemTime::UNIX_EPOCH),
    );
    let fresh = fresh && (last_modified.is_some() || request.contains_key(header::IF_NONE_MATCH));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Response::new(Body::from(body));
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        r
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, v);
    }
    if let Some(v) =
        last_modified.and_then(|t| HeaderValue::from_str(&httpdate::fmt_http_date(t)).ok())
    {
        h.insert(header::LAST_MODIFIED, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("max-age={max_age}")) {
        h.insert(header::CACHE_CONTROL, v);
    }
    response
}

async fn health(State(s): State<Arc<Shared>>) -> Response {
    let (articles, article_bytes) = s.articles.usage();
    let (feeds, feed_bytes) = s.feeds.usage();
    let body = json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "waiting": s.admission.waiting(),
        "articles_cached": articles,
        "article_cache_bytes": article_bytes,
        "feeds_cached": feeds,
        "feed_cache_bytes": feed_bytes,
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        format!("{body}\n"),
    )
        .into_response()
}

async fn not_found(uri: Uri) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        format!(
            "no such endpoint {}: /feed, /makefulltextfeed.php, /extract and /health are served",
            uri.path()
        ),
    )
}

async fn not_allowed() -> Problem {
    Problem::new(StatusCode::METHOD_NOT_ALLOWED, "only GET is served")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_and_logs_hide_them() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd") && !same(b"abc", b"ab"));
        let uri: Uri = "/feed?url=http%3A%2F%2Fa.example%2F&key=s3cret&max=2"
            .parse()
            .unwrap();
        assert_eq!(
            logged(&uri),
            "/feed?url=http%3A%2F%2Fa.example%2F&key=*&max=2"
        );
    }
}
