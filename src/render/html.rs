//! Clean HTML: the kept subtree (see [`Kept`]) with an allow-list of tags
//! and attributes: no script, style, event handler or inline style; links
//! and images with absolute http(s) URLs only (a page read without a URL
//! keeps its relative links as written); lazy images resolved and a
//! `<picture>` reduced to its one `<img>`.

use html5ever::{local_name, LocalName};

use super::kept::{Event, Kept, Media};
use crate::dom::Ix;

/// What to do with an element when rendering.
enum Treatment {
    /// Emit with its tag.
    Keep,
    /// Emit its children only.
    Unwrap,
}

fn treatment(tag: &LocalName) -> Treatment {
    match *tag {
        local_name!("p")
        | local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6")
        | local_name!("ul")
        | local_name!("ol")
        | local_name!("li")
        | local_name!("dl")
        | local_name!("dt")
        | local_name!("dd")
        | local_name!("blockquote")
        | local_name!("pre")
        | local_name!("code")
        | local_name!("em")
        | local_name!("strong")
        | local_name!("b")
        | local_name!("i")
        | local_name!("u")
        | local_name!("s")
        | local_name!("mark")
        | local_name!("small")
        | local_name!("sub")
        | local_name!("sup")
        | local_name!("q")
        | local_name!("cite")
        | local_name!("abbr")
        | local_name!("time")
        | local_name!("a")
        | local_name!("figure")
        | local_name!("figcaption")
        | local_name!("table")
        | local_name!("caption")
        | local_name!("thead")
        | local_name!("tbody")
        | local_name!("tfoot")
        | local_name!("tr")
        | local_name!("td")
        | local_name!("th")
        | local_name!("div")
        | local_name!("section")
        | local_name!("article") => Treatment::Keep,
        _ => Treatment::Unwrap,
    }
}

/// Attributes copied as they are; URLs, spans and classes are checked.
const ATTRS: &[&str] = &["title", "datetime"];

/// Serialises the kept subtree: allow-listed tags and attributes, absolute
/// http(s) URLs, resolved images, frames only when asked for.
pub(crate) fn html(kept: &Kept<'_>) -> String {
    let mut out = String::new();
    kept.walk(|ev| match ev {
        Event::Enter(ix, tag) => {
            if let Some(tag) = keep(kept, tag) {
                open_tag(&mut out, kept, ix, tag);
            }
        }
        Event::Leave(_, tag) => {
            if let Some(tag) = keep(kept, tag) {
                close(&mut out, tag);
            }
        }
        Event::Text(t) => escape_text(&mut out, t),
        Event::Break => out.push_str("<br>"),
        Event::Media(m) => media(&mut out, kept, m),
    });
    out
}

/// The tag an element keeps, or `None` to emit its children only.
fn keep<'t>(kept: &Kept<'_>, tag: &'t LocalName) -> Option<&'t LocalName> {
    match treatment(tag) {
        Treatment::Keep if *tag == local_name!("a") && !kept.opts.links => None,
        Treatment::Keep => Some(tag),
        Treatment::Unwrap => None,
    }
}

fn media(out: &mut String, kept: &Kept<'_>, m: &Media) {
    if m.frame {
        out.push_str("<iframe src=\"");
        escape_attr(out, m.url.as_str());
        out.push('"');
        attr(out, kept.dom.attr(m.source, "title"), "title");
        out.push_str("></iframe>");
        return;
    }
    out.push_str("<img src=\"");
    escape_attr(out, m.url.as_str());
    out.push('"');
    let el = kept.dom.element(m.source);
    attr(out, el.and_then(|e| e.attr("alt")), "alt");
    attr(out, el.and_then(|e| e.attr("title")), "title");
    out.push('>');
}

fn attr(out: &mut String, value: Option<&str>, name: &str) {
    if let Some(v) = value {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_attr(out, v);
        out.push('"');
    }
}

fn open_tag(out: &mut String, kept: &Kept<'_>, ix: Ix, tag: &LocalName) {
    out.push('<');
    out.push_str(tag);
    if let Some(el) = kept.dom.element(ix) {
        if *tag == local_name!("a") {
            let href = kept.link_target(ix);
            attr(out, href.as_deref(), "href");
        }
        let numbers: &[&str] = match *tag {
            local_name!("td") | local_name!("th") => &["colspan", "rowspan"],
            local_name!("ol") => &["start"],
            _ => &[],
        };
        for &name in numbers {
            let n = el.attr(name).map(str::trim);
            attr(out, n.filter(|v| is_count(v)), name);
        }
        if matches!(*tag, local_name!("code") | local_name!("pre")) {
            attr(out, language_class(el.attr("class")), "class");
        }
        for &name in ATTRS {
            attr(out, el.attr(name), name);
        }
    }
    out.push('>');
}

/// A count worth keeping (spans and list starts of 1 are the default).
fn is_count(v: &str) -> bool {
    !v.is_empty() && v.len() <= 9 && v.bytes().all(|b| b.is_ascii_digit()) && v != "1"
}

/// A `language-*` class naming a code block's language, the one class kept.
pub(crate) fn language_class(class: Option<&str>) -> Option<&str> {
    class?.split_ascii_whitespace().find(|c| {
        c.strip_prefix("language-").is_some_and(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'#' | b'_'))
        })
    })
}

fn close(out: &mut String, tag: &LocalName) {
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

pub(super) fn escape_text(out: &mut String, t: &str) {
    escape(out, t, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '\u{a0}' => Some("&nbsp;"),
        _ => None,
    });
}

fn escape_attr(out: &mut String, t: &str) {
    escape(out, t, |c| match c {
        '&' => Some("&amp;"),
        '"' => Some("&quot;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    });
}

/// Writes `t` with each character `entity` names replaced by its entity.
/// The runs between them are copied whole: most of an article's text
/// needs no escape, and pushing it a character at a time was most of the
/// rendering's cost.
fn escape(out: &mut String, t: &str, entity: impl Fn(char) -> Option<&'static str>) {
    let mut run = 0;
    for (i, c) in t.char_indices() {
        if let Some(e) = entity(c) {
            out.push_str(&t[run..i]);
            out.push_str(e);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&t[run..]);
}
