//! Clean HTML: the chosen subtree without removed elements or dropped
//! blocks, an allow-list of tags and attributes, absolute URLs.

use html5ever::{local_name, LocalName};
use url::Url;

use crate::clean::Pruned;
use crate::dom::{Dom, Ix};
use crate::segment::Block;

/// What to do with an element when rendering.
enum Treatment {
    /// Emit with its tag.
    Keep,
    /// Emit a void element (no children, no end tag).
    Void,
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
        local_name!("br") | local_name!("hr") | local_name!("img") => Treatment::Void,
        _ => Treatment::Unwrap,
    }
}

const ATTRS: &[&str] = &[
    "href", "src", "alt", "title", "colspan", "rowspan", "datetime",
];

/// Renders `root`'s live subtree, leaving out the text of dropped blocks
/// and any element left without text or image.
pub(crate) fn html(
    dom: &Dom,
    pruned: &Pruned,
    root: Ix,
    blocks: &[Block],
    base: Option<&Url>,
) -> String {
    let start = root as usize;
    let end = dom.end(root) as usize;
    let len = end - start;
    let mut dropped = vec![false; len];
    for b in blocks.iter().filter(|b| b.drop.is_some()) {
        for ix in b.first..=b.last {
            if let Some(d) = dropped.get_mut(ix as usize - start) {
                *d = true;
            }
        }
    }
    // Visible: has kept text or an image somewhere below.
    let mut visible = vec![false; len];
    for ix in (start..end).rev() {
        let i = ix - start;
        if !pruned.alive(ix as Ix) {
            continue;
        }
        let own = match dom.tag(ix as Ix) {
            Some(&local_name!("img")) => image_src(dom, ix as Ix).is_some(),
            Some(_) => false,
            None => !dropped[i] && dom.text(ix as Ix).is_some_and(|t| !t.trim().is_empty()),
        };
        if own {
            visible[i] = true;
        }
        if visible[i] && ix > start {
            let p = dom.nodes[ix].parent as usize;
            visible[p - start] = true;
        }
    }
    let mut out = String::new();
    let mut open: Vec<(Ix, Option<&LocalName>)> = Vec::new();
    let mut ix = root;
    while (ix as usize) < end {
        while let Some(&(o, tag)) = open.last() {
            if dom.end(o) > ix {
                break;
            }
            if let Some(tag) = tag {
                close(&mut out, tag);
            }
            open.pop();
        }
        let i = ix as usize - start;
        if !pruned.alive(ix) || !visible[i] {
            ix = dom.end(ix);
            continue;
        }
        match dom.tag(ix) {
            Some(tag) => match treatment(tag) {
                Treatment::Keep => {
                    open_tag(&mut out, dom, ix, tag, base);
                    open.push((ix, Some(tag)));
                }
                Treatment::Void => {
                    open_tag(&mut out, dom, ix, tag, base);
                    ix = dom.end(ix);
                    continue;
                }
                Treatment::Unwrap => open.push((ix, None)),
            },
            None => {
                if let Some(t) = dom.text(ix) {
                    escape_text(&mut out, t);
                }
            }
        }
        ix += 1;
    }
    while let Some((_, tag)) = open.pop() {
        if let Some(tag) = tag {
            close(&mut out, tag);
        }
    }
    out
}

fn image_src(dom: &Dom, ix: Ix) -> Option<&str> {
    ["src", "data-src", "data-lazy-src", "data-original"]
        .iter()
        .filter_map(|a| dom.attr(ix, a))
        .find(|v| !v.trim().is_empty() && !v.starts_with("data:"))
}

fn open_tag(out: &mut String, dom: &Dom, ix: Ix, tag: &LocalName, base: Option<&Url>) {
    out.push('<');
    out.push_str(tag);
    let Some(el) = dom.element(ix) else { return };
    for &name in ATTRS {
        let value = if name == "src" && *tag == local_name!("img") {
            image_src(dom, ix)
        } else {
            el.attr(name)
        };
        let Some(value) = value else { continue };
        let value = if matches!(name, "href" | "src") {
            match absolute(value, base) {
                Some(v) => v,
                None => continue,
            }
        } else {
            value.to_string()
        };
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_attr(out, &value);
        out.push('"');
    }
    out.push('>');
}

fn close(out: &mut String, tag: &LocalName) {
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// An absolute http(s) URL for `value`, or `None` (javascript:, data:, or
/// relative with no base to resolve against).
pub(crate) fn absolute(value: &str, base: Option<&Url>) -> Option<String> {
    let value = value.trim();
    let url = match base {
        Some(b) => b.join(value).ok()?,
        None => Url::parse(value).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.into())
}

fn escape_text(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

fn escape_attr(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}
