//! Page metadata read from the markup: the headline and the language.

use html5ever::local_name;

use crate::dom::{Dom, Ix};

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "];

/// The article's headline: an `<h1>` that the document title or
/// `og:title` confirms, else `og:title`, else `<title>` without the site name.
pub(crate) fn title(dom: &Dom) -> Option<String> {
    let doc_title = first_text(dom, &local_name!("title"));
    let og = meta_content(dom, "og:title");
    let h1 = first_text(dom, &local_name!("h1"));
    if let Some(h1) = &h1 {
        let confirmed = [&doc_title, &og]
            .iter()
            .any(|t| t.as_ref().is_some_and(|t| t.contains(h1.as_str())));
        if confirmed && !h1.is_empty() {
            return Some(h1.clone());
        }
    }
    if let Some(og) = og.filter(|t| !t.is_empty()) {
        return Some(strip_site_name(&og));
    }
    doc_title
        .filter(|t| !t.is_empty())
        .map(|t| strip_site_name(&t))
        .or(h1)
}

/// `Headline | Site` → `Headline`: the longest part around a separator.
pub(crate) fn strip_site_name(title: &str) -> String {
    for sep in TITLE_SEPARATORS {
        if title.contains(sep) {
            let best = title
                .split(sep)
                .max_by_key(|p| p.chars().count())
                .unwrap_or(title);
            if best.split_whitespace().count() >= 3 {
                return best.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// The language the markup declares.
pub(crate) fn language(dom: &Dom) -> Option<String> {
    let html = dom.find(&local_name!("html"));
    let from_html = html
        .and_then(|h| dom.attr(h, "lang").or_else(|| dom.attr(h, "xml:lang")))
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let lang = from_html
        .map(str::to_string)
        .or_else(|| http_equiv(dom, "content-language"))
        .or_else(|| meta_content(dom, "og:locale").map(|l| l.replace('_', "-")))?;
    let first = lang.split(',').next().unwrap_or("").trim().to_string();
    (!first.is_empty()).then_some(first)
}

fn first_text(dom: &Dom, tag: &html5ever::LocalName) -> Option<String> {
    let ix = dom.find(tag)?;
    let text = text_of(dom, ix);
    (!text.is_empty()).then_some(text)
}

/// The whitespace-collapsed text of a subtree.
pub(crate) fn text_of(dom: &Dom, ix: Ix) -> String {
    let mut out = String::new();
    for d in ix..dom.end(ix) {
        // Code inside the heading (an inline script or style) is not its text.
        let code = dom
            .parent(d)
            .and_then(|p| dom.tag(p))
            .is_some_and(|t| matches!(*t, local_name!("script") | local_name!("style")));
        if let Some(t) = dom.text(d).filter(|_| !code) {
            for w in t.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
            }
        }
    }
    out
}

fn meta_content(dom: &Dom, key: &str) -> Option<String> {
    (0..dom.len() as Ix)
        .filter(|&ix| dom.tag(ix) == Some(&local_name!("meta")))
        .find(|&ix| {
            dom.attr(ix, "property")
                .or_else(|| dom.attr(ix, "name"))
                .is_some_and(|p| p.eq_ignore_ascii_case(key))
        })
        .and_then(|ix| dom.attr(ix, "content"))
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn http_equiv(dom: &Dom, key: &str) -> Option<String> {
    (0..dom.len() as Ix)
        .filter(|&ix| dom.tag(ix) == Some(&local_name!("meta")))
        .find(|&ix| {
            dom.attr(ix, "http-equiv")
                .is_some_and(|p| p.eq_ignore_ascii_case(key))
        })
        .and_then(|ix| dom.attr(ix, "content"))
        .map(|c| c.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: `<h1>Headline<script>var x = 1;</script></h1>` (found by
    /// tests/prop_extract.rs) gave the script's code as part of the title.
    #[test]
    fn scripts_in_the_headline_are_not_its_text() {
        let html = "<html><head><title>Rain returns | The Daily</title></head><body>\
            <h1>Rain returns<script>var tracking = 1;</script><style>.x{}</style></h1></body></html>";
        let article = crate::extract(html).unwrap();
        assert_eq!(article.title.as_deref(), Some("Rain returns"));
    }

    #[test]
    fn site_name_is_stripped() {
        assert_eq!(
            strip_site_name("China, US hold talks on cyber | The Daily"),
            "China, US hold talks on cyber"
        );
        assert_eq!(strip_site_name("Home - Site"), "Home - Site");
    }
}
