//! Where an image really lives: lazy-loading pages keep the picture's URL
//! in `data-*` attributes or a `srcset`, leave a placeholder in `src`, or
//! keep the real `<img>` in a `<noscript>` beside the scripted one.

use html5ever::local_name;
use url::Url;

use crate::dom::{Dom, Ix};

/// Attributes holding a single URL, most trustworthy first: lazy loaders
/// put the real picture in `data-*` and a placeholder in `src`.
const SINGLE: &[&str] = &["data-src", "data-lazy-src", "data-original", "src"];

/// Attributes holding a `srcset`, most trustworthy first.
const SETS: &[&str] = &["data-srcset", "data-lazy-srcset", "srcset"];

/// The absolute http(s) URL an `<img>` shows, from its own attributes,
/// then a `<picture>`'s `<source>`, then a `<noscript>` beside it.
pub(crate) fn img_url(dom: &Dom, img: Ix, base: Option<&Url>) -> Option<Url> {
    own_url(dom, img, base)
        .or_else(|| picture_source(dom, img, base))
        .or_else(|| {
            let parent = dom.parent(img)?;
            dom.children(parent)
                .filter(|&c| dom.tag(c) == Some(&local_name!("noscript")))
                .find_map(|ns| noscript_img(dom, ns, base).map(|(_, u)| u))
        })
}

/// The first `<img>` inside a `<noscript>` that resolves, with its URL.
pub(crate) fn noscript_img(dom: &Dom, noscript: Ix, base: Option<&Url>) -> Option<(Ix, Url)> {
    (noscript + 1..dom.end(noscript))
        .filter(|&d| dom.tag(d) == Some(&local_name!("img")))
        .find_map(|d| own_url(dom, d, base).map(|u| (d, u)))
}

/// Whether a `<noscript>` stands alone as its image's only copy: no
/// `<img>` or `<picture>` beside it would show the same picture.
pub(crate) fn noscript_stands_alone(dom: &Dom, noscript: Ix) -> bool {
    let Some(parent) = dom.parent(noscript) else {
        return true;
    };
    !dom.children(parent).any(|c| {
        matches!(
            dom.tag(c),
            Some(&local_name!("img")) | Some(&local_name!("picture"))
        )
    })
}

fn own_url(dom: &Dom, img: Ix, base: Option<&Url>) -> Option<Url> {
    let el = dom.element(img)?;
    SINGLE
        .iter()
        .filter_map(|a| el.attr(a))
        .chain(
            SETS.iter()
                .filter_map(|a| el.attr(a).and_then(first_candidate)),
        )
        .find_map(|v| absolute(v, base))
}

fn picture_source(dom: &Dom, img: Ix, base: Option<&Url>) -> Option<Url> {
    let parent = dom.parent(img)?;
    if dom.tag(parent) != Some(&local_name!("picture")) {
        return None;
    }
    dom.children(parent)
        .filter(|&c| dom.tag(c) == Some(&local_name!("source")))
        .find_map(|s| {
            let el = dom.element(s)?;
            SETS.iter()
                .filter_map(|a| el.attr(a).and_then(first_candidate))
                .find_map(|v| absolute(v, base))
        })
}

/// The URL of a `srcset`'s first candidate (`a.jpg 1x, b.jpg 2x` → `a.jpg`).
/// As in the HTML standard, the URL runs to the first whitespace, less
/// trailing commas, so URLs holding commas survive.
fn first_candidate(srcset: &str) -> Option<&str> {
    let s = srcset.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let url = s.split(char::is_whitespace).next()?.trim_end_matches(',');
    (!url.is_empty()).then_some(url)
}

/// An absolute http(s) URL for `value`, or `None` (javascript:, data:, or
/// relative with no base to resolve against).
pub(crate) fn absolute(value: &str, base: Option<&Url>) -> Option<Url> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let url = match base {
        Some(b) => b.join(value).ok()?,
        None => Url::parse(value).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// A link's target: the absolute http(s) URL when there is a base to
/// resolve it against; without a base, a relative reference (`/inquiry`,
/// `report.html#costs`) kept as written, since dropping it would lose the
/// link. Never another scheme (javascript:, data:, mailto:…).
pub(crate) fn link_target(value: &str, base: Option<&Url>) -> Option<String> {
    if let Some(url) = absolute(value, base) {
        return Some(url.into());
    }
    let value = value.trim();
    if base.is_some() || value.is_empty() || value.chars().any(char::is_control) {
        return None;
    }
    // Kept only when it reads as a relative reference that any http(s)
    // base would resolve (two backslashes name no host and would not).
    let relative = matches!(
        Url::parse(value),
        Err(url::ParseError::RelativeUrlWithoutBase)
    );
    let resolves = Url::parse("http://base.invalid/")
        .and_then(|b| b.join(value))
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
    (relative && resolves).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Limits;

    fn first_img(dom: &Dom) -> Ix {
        dom.find(&local_name!("img")).unwrap()
    }

    fn base() -> Url {
        Url::parse("https://example.com/a/b.html").unwrap()
    }

    #[test]
    fn srcset_first_candidate_keeps_commas_in_urls() {
        assert_eq!(first_candidate("a.jpg 1x, b.jpg 2x"), Some("a.jpg"));
        assert_eq!(
            first_candidate(" /w_100,h_50/a.jpg 100w"),
            Some("/w_100,h_50/a.jpg")
        );
        assert_eq!(first_candidate("a.jpg, b.jpg 2x"), Some("a.jpg"));
        assert_eq!(first_candidate("  "), None);
    }

    #[test]
    fn lazy_attributes_beat_placeholders() {
        let dom = Dom::parse(
            r#"<img src="data:image/gif;base64,R0l" data-src="/real.jpg">"#,
            &Limits::default(),
        );
        let u = img_url(&dom, first_img(&dom), Some(&base())).unwrap();
        assert_eq!(u.as_str(), "https://example.com/real.jpg");
    }

    #[test]
    fn picture_and_noscript_fallbacks() {
        let dom = Dom::parse(
            r#"<picture><source srcset="x.webp 1x"><img alt="x"></picture>"#,
            &Limits::default(),
        );
        let u = img_url(&dom, first_img(&dom), Some(&base())).unwrap();
        assert_eq!(u.as_str(), "https://example.com/a/x.webp");
        let dom = Dom::parse(
            r#"<div><img class="lazy"><noscript><img src="n.jpg"></noscript></div>"#,
            &Limits::default(),
        );
        let u = img_url(&dom, first_img(&dom), Some(&base())).unwrap();
        assert_eq!(u.as_str(), "https://example.com/a/n.jpg");
        assert_eq!(img_url(&dom, first_img(&dom), None), None);
    }

    #[test]
    fn only_http_urls() {
        assert!(absolute("javascript:alert(1)", Some(&base())).is_none());
        assert!(absolute("data:image/png;base64,AA", Some(&base())).is_none());
        assert!(absolute("ftp://x/y", None).is_none());
        assert!(absolute("/p", None).is_none());
        assert_eq!(link_target("/p?q=1#f", None).as_deref(), Some("/p?q=1#f"));
        assert_eq!(
            link_target(" report.html ", None).as_deref(),
            Some("report.html")
        );
        assert_eq!(
            link_target("/p", Some(&base())).as_deref(),
            Some("https://example.com/p")
        );
        for refused in [
            "javascript:alert(1)",
            "mailto:a@b.example",
            "data:text/html,x",
            "",
            "\\\\",
        ] {
            assert!(link_target(refused, None).is_none(), "{refused}");
        }
    }
}
