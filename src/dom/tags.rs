//! Classes of tags that every stage shares: headings, block elements,
//! and the elements whose text is code rather than visible content.

use html5ever::{local_name, LocalName};

use super::{Dom, Ix};

/// Whether a tag is one of the page's content landmarks (`<html>`,
/// `<body>`, `<article>`, `<main>`): never removed for a class or id name.
pub(crate) fn is_landmark(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("body") | local_name!("html") | local_name!("article") | local_name!("main")
    )
}

/// Whether a tag is a heading, `<h1>` to `<h6>`.
pub(crate) fn is_heading(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Whether an element is a heading: `<h1>` to `<h6>`, or any element
/// with `role="heading"`.
pub(crate) fn heads(dom: &Dom, ix: Ix) -> bool {
    dom.tag(ix).is_some_and(is_heading) || role_is(dom, ix, &["heading"])
}

/// An element's ARIA role: the first of its `role` tokens (the others
/// are fallbacks for older readers). Roles are compared in any case
/// ([`role_is`]).
pub(crate) fn role(dom: &Dom, ix: Ix) -> Option<&str> {
    dom.attr(ix, "role")?.split_ascii_whitespace().next()
}

/// Whether an element's ARIA role ([`role`]) is one of `roles`.
pub(crate) fn role_is(dom: &Dom, ix: Ix, roles: &[&str]) -> bool {
    role(dom, ix).is_some_and(|r| role_in(r, roles))
}

/// Whether a role read by [`role`] is one of `roles` (lower-case).
pub(crate) fn role_in(role: &str, roles: &[&str]) -> bool {
    roles.iter().any(|x| role.eq_ignore_ascii_case(x))
}

/// Whether an element starts a new block of text.
pub(crate) fn is_block(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("html")
            | local_name!("li")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("caption")
            | local_name!("ul")
    )
}

/// Whether an element's text is code (an inline script or style, a
/// template or a noscript fallback), never the text a reader sees.
pub(crate) fn is_code(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("noscript")
    )
}

/// Whether a node is text inside an element that never holds visible
/// text (code, or the document's title), so it must not weigh as content.
pub(crate) fn never_content(dom: &Dom, ix: Ix) -> bool {
    dom.is_text(ix)
        && dom
            .parent(ix)
            .and_then(|p| dom.tag(p))
            .is_some_and(|t| is_code(t) || *t == local_name!("title"))
}

/// The names in a class list: its tokens, less the utility classes that
/// carry a style in brackets (`lg:[&_figcaption]:mt-xs`, `w-[300px]`),
/// which hold CSS selectors and values, not what the element is.
pub(crate) fn class_names(class: &str) -> impl Iterator<Item = &str> {
    class.split_ascii_whitespace().filter(|t| !t.contains('['))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_utility_classes_are_not_names() {
        let class = "space-y-6 [&_figcaption]:mt-2 lg:[&_.sidebar]:hidden w-[300px] post-caption";
        let names: Vec<&str> = class_names(class).collect();
        assert_eq!(names, ["space-y-6", "post-caption"]);
    }

    #[test]
    fn a_role_is_its_first_token_in_any_case() {
        let page = r#"<body><div id="a" role="Main"></div><div id="b" role=" tabpanel region "></div>
            <div id="c" role="presentation dialog"></div><div id="d"></div></body>"#;
        let dom = Dom::parse(page, &crate::Limits::default());
        let by_id = |id: &str| {
            (0..dom.len() as Ix)
                .find(|&ix| dom.attr(ix, "id") == Some(id))
                .expect("the element is on the page")
        };
        assert!(role_is(&dom, by_id("a"), &["main"]));
        assert_eq!(role(&dom, by_id("b")), Some("tabpanel"));
        assert!(role_is(&dom, by_id("b"), &["region", "tabpanel"]));
        // The tokens after the first are fallbacks, not the role.
        assert!(!role_is(&dom, by_id("c"), &["dialog"]));
        assert_eq!(role(&dom, by_id("d")), None);
    }
}
