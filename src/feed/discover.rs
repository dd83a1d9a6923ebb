//! Feed autodiscovery: the feeds a page declares with
//! `<link rel="alternate" type="…">`, and the usual feed paths of a site to
//! try when it declares none.

use url::Url;

use crate::config::Limits;
use crate::dom::{Dom, Ix};
use crate::input::{decode, Body};

/// The MIME types a `<link rel="alternate">` must carry to name a feed.
pub const FEED_MIME_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
    "application/json",
    "application/xml",
    "text/xml",
];

/// Paths tried, in this order, on a site whose page declares no feed.
pub const USUAL_FEED_PATHS: &[&str] = &[
    "/feed",
    "/rss",
    "/feed.xml",
    "/rss.xml",
    "/atom.xml",
    "/index.xml",
    "/feed.json",
];

/// A feed that a page links to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FeedLink {
    /// The feed's absolute URL.
    pub url: Url,
    /// The declared MIME type, lowercased (`application/rss+xml`…).
    pub mime: String,
    /// The link's `title`, when given.
    pub title: Option<String>,
}

/// The feeds a page declares, in document order, without duplicates:
/// `<link>` elements whose `rel` contains `alternate` and whose `type` is
/// one of [`FEED_MIME_TYPES`] (`application/json` and the generic XML types
/// only when the `rel` is exactly `alternate`, not `alternate` plus
/// another relation such as `home`). Relative `href`s are resolved against
/// the page's `<base href>`, else `page_url`.
///
/// ```
/// let html = br#"<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml" title="News"></head></html>"#;
/// let page = url::Url::parse("https://example.com/news/").unwrap();
/// let feeds = gleaner::feed::feed_links(html, None, &page);
/// assert_eq!(feeds[0].url.as_str(), "https://example.com/feed.xml");
/// ```
pub fn feed_links(html: &[u8], content_type: Option<&str>, page_url: &Url) -> Vec<FeedLink> {
    let body = Body::Bytes(html.into());
    let decoded = decode(&body, content_type, Some(page_url));
    let dom = Dom::parse(&decoded.text, &Limits::default());
    let links: Vec<Ix> = (0..dom.len() as Ix)
        .filter(|&ix| {
            dom.tag(ix)
                .is_some_and(|t| &**t == "link" || &**t == "base")
        })
        .collect();
    let base = links
        .iter()
        .find(|&&ix| dom.tag(ix).is_some_and(|t| &**t == "base"))
        .and_then(|&ix| dom.attr(ix, "href"))
        .and_then(|h| page_url.join(h.trim()).ok())
        .unwrap_or_else(|| page_url.clone());
    let mut out: Vec<FeedLink> = Vec::new();
    for &ix in &links {
        if dom.tag(ix).is_some_and(|t| &**t == "base") {
            continue;
        }
        let rel = dom.attr(ix, "rel").unwrap_or("").to_ascii_lowercase();
        let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
        if !rels.contains(&"alternate") {
            continue;
        }
        let mime = dom
            .attr(ix, "type")
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !FEED_MIME_TYPES.contains(&mime.as_str()) {
            continue;
        }
        let generic = matches!(
            mime.as_str(),
            "application/json" | "application/xml" | "text/xml"
        );
        if generic && rels.len() > 1 {
            continue;
        }
        let Some(url) = dom
            .attr(ix, "href")
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .and_then(|h| base.join(h).ok())
        else {
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") || out.iter().any(|f| f.url == url) {
            continue;
        }
        let title = dom
            .attr(ix, "title")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        out.push(FeedLink { url, mime, title });
    }
    out
}

/// The URLs of [`USUAL_FEED_PATHS`] on `page_url`'s site (same scheme,
/// host and port), in order.
pub fn usual_feed_urls(page_url: &Url) -> Vec<Url> {
    USUAL_FEED_PATHS
        .iter()
        .filter_map(|p| page_url.join(p).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declared_feeds_and_skips_the_rest() {
        let html = br#"<html><head><base href="https://cdn.example.org/site/">
<link rel="stylesheet" href="a.css">
<link rel="Alternate" type="application/atom+xml" href="atom.xml">
<link rel="alternate" type="application/rss+xml; charset=utf-8" href="rss.xml" title=" RSS ">
<link rel="alternate" type="application/rss+xml" href="rss.xml">
<link rel="alternate home" type="application/json" href="/api">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
</head><body></body></html>"#;
        let page = Url::parse("https://example.org/a/b").unwrap();
        let found = feed_links(html, None, &page);
        let urls: Vec<&str> = found.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://cdn.example.org/site/atom.xml",
                "https://cdn.example.org/site/rss.xml"
            ]
        );
        assert_eq!(found[1].title.as_deref(), Some("RSS"));
    }

    #[test]
    fn usual_paths_are_on_the_same_origin() {
        let page = Url::parse("http://127.0.0.1:8080/deep/page.html").unwrap();
        let urls = usual_feed_urls(&page);
        assert_eq!(urls[0].as_str(), "http://127.0.0.1:8080/feed");
        assert!(urls.iter().all(|u| u.port() == Some(8080)));
    }
}
