//! What a page's address says of its kind: a site's front page is never
//! one article.

use url::Url;

/// Where a page stands in its site, by its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Address {
    /// The site's front page: it introduces the site or lists its stories.
    Front,
    /// Any other page, or a page read without an address.
    Inner,
}

impl Address {
    /// Reads the address a page was fetched at. The front page is the
    /// root or its index file (`/index.html`, any case), over http(s),
    /// with no query but tracking parameters (`/?p=12` is a post,
    /// `/?utm_source=feed` is the front page).
    pub fn of(url: Option<&Url>) -> Address {
        let Some(url) = url else {
            return Address::Inner;
        };
        let path = url.path().trim_start_matches('/').trim_end_matches('/');
        let root = path.is_empty()
            || (!path.contains('/')
                && path
                    .get(..6)
                    .is_some_and(|head| head.eq_ignore_ascii_case("index.")));
        let tracking_only = url
            .query_pairs()
            .all(|(key, _)| key.is_empty() || key.starts_with("utm_"));
        if matches!(url.scheme(), "http" | "https") && root && tracking_only {
            Address::Front
        } else {
            Address::Inner
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(u: &str) -> Address {
        Address::of(Some(&Url::parse(u).unwrap()))
    }

    #[test]
    fn front_pages_are_the_root_or_its_index() {
        for u in [
            "https://example.com",
            "https://example.com/",
            "http://example.com:8080/#top",
            "https://example.com/index.html",
            "https://example.com/INDEX.HTML",
            "https://example.com/?",
            "https://example.com/?utm_source=feed&utm_medium=rss",
        ] {
            assert_eq!(of(u), Address::Front, "{u}");
        }
    }

    #[test]
    fn other_pages_are_inner() {
        for u in [
            "https://example.com/?p=12",
            "https://example.com/blog/",
            "https://example.com/index.php/2024/05/a-post",
            "https://example.com/news/index.html",
            "file:///index.html",
        ] {
            assert_eq!(of(u), Address::Inner, "{u}");
        }
        assert_eq!(Address::of(None), Address::Inner);
    }
}
