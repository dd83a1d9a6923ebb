//! The query parameters of each endpoint, read strictly: a value the
//! service does not know is a 400 with the reason, never a guess.

use url::Url;

use super::problem::Problem;
use super::settings::Settings;

/// The syndication format of a full-text feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Atom 1.0 (RFC 4287): `application/atom+xml`.
    Atom,
    /// RSS 2.0: `application/rss+xml`.
    Rss,
    /// JSON Feed 1.1: `application/feed+json`.
    Json,
}

impl Format {
    /// The `Content-Type` of the format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Atom => "application/atom+xml; charset=utf-8",
            Format::Rss => "application/rss+xml; charset=utf-8",
            Format::Json => "application/feed+json; charset=utf-8",
        }
    }
}

/// What becomes of the links inside the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Links {
    /// Links stay links (absolute URLs).
    Preserve,
    /// Links are unwrapped: their text stays, the link goes.
    Remove,
}

/// How `/extract` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PageFormat {
    Json,
    Html,
    Markdown,
    Text,
}

/// A full-text feed request.
#[derive(Debug, Clone)]
pub(crate) struct FeedQuery {
    pub url: Url,
    pub max: usize,
    pub format: Format,
    pub links: Links,
}

/// A one-page request.
#[derive(Debug, Clone)]
pub(crate) struct ExtractQuery {
    pub url: Url,
    pub format: PageFormat,
}

/// The decoded `name=value` pairs of a query string.
pub(crate) fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim())
}

/// Whether the client asked for JSON (so errors come as JSON too).
pub(crate) fn wants_json(pairs: &[(String, String)], path: &str) -> bool {
    match value(pairs, "format") {
        Some(f) => f == "json",
        None => path == "/extract",
    }
}

/// The `url` parameter: an http(s) URL; one written without a scheme
/// (`example.com/feed`) is read as `http://`, as feed readers write them.
fn target(pairs: &[(String, String)]) -> Result<Url, Problem> {
    let raw = value(pairs, "url")
        .filter(|u| !u.is_empty())
        .ok_or_else(|| Problem::bad_request("the url parameter is missing"))?;
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("http://{raw}")
    };
    let url = Url::parse(&with_scheme)
        .map_err(|e| Problem::bad_request(format!("invalid url {raw:?}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Problem::bad_request(format!(
            "{raw}: only http and https urls are read"
        )));
    }
    Ok(url)
}

/// `/feed` (`fivefilters` false) or `/makefulltextfeed.php` (true: RSS by
/// default, as there).
pub(crate) fn feed_query(
    pairs: &[(String, String)],
    settings: &Settings,
    fivefilters: bool,
) -> Result<FeedQuery, Problem> {
    let url = target(pairs)?;
    let format = match value(pairs, "format") {
        None | Some("") if fivefilters => Format::Rss,
        None | Some("") | Some("atom") => Format::Atom,
        Some("rss") => Format::Rss,
        Some("json") => Format::Json,
        Some(other) => {
            return Err(Problem::bad_request(format!(
                "unknown format {other:?} (atom, rss or json)"
            )))
        }
    };
    let max = match value(pairs, "max") {
        None | Some("") => settings.default_items,
        Some(n) => match n.parse::<usize>() {
            Ok(n) if n > 0 => n.min(settings.max_items),
            _ => {
                return Err(Problem::bad_request(format!(
                    "max must be a positive number, not {n:?}"
                )))
            }
        },
    };
    let links = match value(pairs, "links") {
        None | Some("") | Some("preserve") => Links::Preserve,
        Some("remove") => Links::Remove,
        Some(other) => {
            return Err(Problem::bad_request(format!(
                "unknown links value {other:?} (preserve or remove)"
            )))
        }
    };
    Ok(FeedQuery {
        url,
        max,
        format,
        links,
    })
}

/// `/extract`.
pub(crate) fn extract_query(pairs: &[(String, String)]) -> Result<ExtractQuery, Problem> {
    let url = target(pairs)?;
    let format = match value(pairs, "format") {
        None | Some("") | Some("json") => PageFormat::Json,
        Some("html") => PageFormat::Html,
        Some("markdown") => PageFormat::Markdown,
        Some("text") => PageFormat::Text,
        Some(other) => {
            return Err(Problem::bad_request(format!(
                "unknown format {other:?} (json, html, markdown or text)"
            )))
        }
    };
    Ok(ExtractQuery { url, format })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<(String, String)> {
        pairs(Some(s))
    }

    #[test]
    fn feed_parameters_and_their_defaults() {
        let s = Settings::new();
        let f = feed_query(&q("url=https%3A%2F%2Fa.example%2Ffeed"), &s, false).unwrap();
        assert_eq!(f.url.as_str(), "https://a.example/feed");
        assert_eq!(
            (f.format, f.max, f.links),
            (Format::Atom, 20, Links::Preserve)
        );
        let f = feed_query(&q("url=a.example/rss&max=500&links=remove"), &s, true).unwrap();
        assert_eq!(f.url.as_str(), "http://a.example/rss");
        assert_eq!((f.format, f.max, f.links), (Format::Rss, 50, Links::Remove));
        let f = feed_query(&q("url=http://a.example/&format=json&max=3"), &s, true).unwrap();
        assert_eq!((f.format, f.max), (Format::Json, 3));
        for bad in [
            "",
            "url=",
            "url=ftp://a.example/",
            "url=http://a.example/&format=xml",
            "url=http://a.example/&max=0",
            "url=http://a.example/&max=many",
            "url=http://a.example/&links=footnotes",
            "url=http://[::1",
        ] {
            let p = feed_query(&q(bad), &s, false).unwrap_err();
            assert_eq!(p.status.as_u16(), 400, "{bad}");
        }
    }

    #[test]
    fn extract_parameters() {
        let e = extract_query(&q("url=http://a.example/x&format=markdown")).unwrap();
        assert_eq!(e.format, PageFormat::Markdown);
        assert_eq!(
            extract_query(&q("url=http://a.example/")).unwrap().format,
            PageFormat::Json
        );
        assert!(extract_query(&q("url=http://a.example/&format=pdf")).is_err());
        assert!(wants_json(&q("format=json"), "/feed"));
        assert!(wants_json(&q(""), "/extract"));
        assert!(!wants_json(&q("format=text"), "/extract"));
    }
}
