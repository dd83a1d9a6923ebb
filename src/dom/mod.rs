//! The parsed document as a flat, pre-ordered arena over scraper's tree,
//! so every later stage can keep side tables indexed by node number and
//! test "is inside" with two comparisons, without recursion.

mod measure;
mod parse;
mod pruned;
mod streamed;
mod tags;
mod text;

pub(crate) use measure::Measures;
pub(crate) use pruned::Pruned;
pub(crate) use tags::{
    class_names, heads, is_block, is_heading, is_landmark, never_content, role, role_in, role_is,
};
pub(crate) use text::{ends_sentence, names_word, normalized, text_of, texts_of};

use std::cell::Cell;

use html5ever::{ns, LocalName};
use scraper::node::Element;
use scraper::{Html, Node as ScraperNode};

use crate::config::{Limits, UnreadContent};

/// Index of a node in [`Dom::nodes`], in document (pre-)order.
pub(crate) type Ix = u32;

/// What a node is, with the element's name kept for cheap matching.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Element(LocalName),
    Text,
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub id: ego_tree::NodeId,
    pub parent: Ix,
    /// One past the last descendant: the subtree is `self..end`.
    pub end: Ix,
    pub kind: Kind,
}

/// A parsed page: scraper's tree plus the pre-order arena.
pub(crate) struct Dom {
    pub html: Html,
    pub nodes: Vec<Node>,
    /// Per node, its text's non-whitespace characters once counted
    /// ([`UNCOUNTED`] before): every measure pass reads the same counts,
    /// and text no pass asks about (scripts, styles) is never scanned.
    text_chars: Vec<Cell<u32>>,
}

const UNCOUNTED: u32 = u32::MAX;

pub(crate) const NO_PARENT: Ix = Ix::MAX;

impl Dom {
    /// Parses `text` within `limits`, skipping unread content; never fails.
    pub fn parse(text: &str, limits: &Limits) -> Dom {
        Dom::parse_with(text, limits, UnreadContent::Skip)
    }

    /// Parses `text` within `limits`, with unread content as `unread`
    /// says; never fails.
    pub fn parse_with(text: &str, limits: &Limits, unread: UnreadContent) -> Dom {
        let mut html = parse::parse(text, limits, unread);
        if streamed::may_hold_parts(text) {
            streamed::place_parts(&mut html, limits.max_depth.unwrap_or(usize::MAX));
        }
        let nodes = flatten(&html);
        let text_chars = vec![Cell::new(UNCOUNTED); nodes.len()];
        Dom {
            html,
            nodes,
            text_chars,
        }
    }

    /// Non-whitespace characters of the text node `ix` (0 for any other
    /// node), counted on the first call.
    pub fn text_chars(&self, ix: Ix) -> u32 {
        let cell = &self.text_chars[ix as usize];
        if cell.get() == UNCOUNTED {
            let n = self.text(ix).map_or(0, non_whitespace);
            cell.set(u32::try_from(n).unwrap_or(UNCOUNTED - 1));
        }
        cell.get()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The scraper node behind `ix`.
    pub fn raw(&self, ix: Ix) -> &ScraperNode {
        self.html
            .tree
            .get(self.nodes[ix as usize].id)
            .map(|n| n.value())
            .expect("arena ids come from this tree")
    }

    pub fn element(&self, ix: Ix) -> Option<El<'_>> {
        match self.raw(ix) {
            ScraperNode::Element(e) => Some(El(e)),
            _ => None,
        }
    }

    pub fn tag(&self, ix: Ix) -> Option<&LocalName> {
        match &self.nodes[ix as usize].kind {
            Kind::Element(name) => Some(name),
            _ => None,
        }
    }

    /// Whether `ix` is a text node (without looking it up in the tree).
    pub fn is_text(&self, ix: Ix) -> bool {
        matches!(self.nodes[ix as usize].kind, Kind::Text)
    }

    pub fn text(&self, ix: Ix) -> Option<&str> {
        match self.raw(ix) {
            ScraperNode::Text(t) => Some(&t.text),
            _ => None,
        }
    }

    pub fn attr(&self, ix: Ix, name: &str) -> Option<&str> {
        self.element(ix).and_then(|e| e.attr(name))
    }

    /// Direct children of `ix`, in order.
    pub fn children(&self, ix: Ix) -> Children<'_> {
        let end = self.nodes[ix as usize].end;
        Children {
            dom: self,
            next: ix + 1,
            end,
        }
    }

    /// Whether `inner` lies in the subtree of `outer` (or is it).
    pub fn contains(&self, outer: Ix, inner: Ix) -> bool {
        inner >= outer && inner < self.nodes[outer as usize].end
    }

    pub fn end(&self, ix: Ix) -> Ix {
        self.nodes[ix as usize].end
    }

    pub fn parent(&self, ix: Ix) -> Option<Ix> {
        let p = self.nodes[ix as usize].parent;
        (p != NO_PARENT).then_some(p)
    }

    /// The first element named `name`, in document order.
    pub fn find(&self, name: &LocalName) -> Option<Ix> {
        (0..self.nodes.len() as Ix).find(|&ix| self.tag(ix) == Some(name))
    }

    /// The `<body>` element, or the root when there is none.
    pub fn body(&self) -> Ix {
        self.find(&html5ever::local_name!("body")).unwrap_or(0)
    }
}

/// An element of the page, for reading its attributes.
#[derive(Clone, Copy)]
pub(crate) struct El<'a>(&'a Element);

impl<'a> El<'a> {
    /// The value of the attribute `name` outside any namespace: the one
    /// scraper's `Element::attr` finds, found by comparing names rather
    /// than by interning `name` as an atom for a binary search (an element
    /// has a handful of attributes, each name at most once).
    pub fn attr(self, name: &str) -> Option<&'a str> {
        self.0
            .attrs
            .iter()
            .find(|(q, _)| q.prefix.is_none() && q.ns == ns!() && &*q.local == name)
            .map(|(_, v)| &**v)
    }

    /// Every attribute, as (local name, value), in scraper's order.
    pub fn attrs(self) -> scraper::node::Attrs<'a> {
        self.0.attrs()
    }
}

/// Characters of `text` that are not whitespace (as `char::is_whitespace`).
fn non_whitespace(text: &str) -> usize {
    if text.is_ascii() {
        // The ASCII whitespace of `char::is_whitespace`: tab to carriage
        // return (vertical tab included) and space.
        text.bytes().filter(|b| !matches!(b, 9..=13 | 32)).count()
    } else {
        text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: Ix,
    end: Ix,
}

impl Iterator for Children<'_> {
    type Item = Ix;
    fn next(&mut self) -> Option<Ix> {
        if self.next >= self.end {
            return None;
        }
        let ix = self.next;
        self.next = self.dom.nodes[ix as usize].end;
        Some(ix)
    }
}

/// Builds the pre-order arena with an explicit stack (no recursion).
fn flatten(html: &Html) -> Vec<Node> {
    use ego_tree::iter::Edge;
    let mut nodes: Vec<Node> = Vec::with_capacity(1024);
    let mut stack: Vec<Ix> = Vec::with_capacity(64);
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let ix = nodes.len() as Ix;
                let kind = match node.value() {
                    ScraperNode::Element(e) => Kind::Element(e.name.local.clone()),
                    ScraperNode::Text(_) => Kind::Text,
                    _ => Kind::Other,
                };
                nodes.push(Node {
                    id: node.id(),
                    parent: stack.last().copied().unwrap_or(NO_PARENT),
                    end: ix + 1,
                    kind,
                });
                stack.push(ix);
            }
            Edge::Close(_) => {
                if let Some(ix) = stack.pop() {
                    nodes[ix as usize].end = nodes.len() as Ix;
                }
            }
        }
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::local_name;

    #[test]
    fn attribute_lookup_matches_scraper() {
        let page = r#"<html xml:lang=fr lang=en><body class=b data-x=1>
            <div ID=Top Class="a b" hidden aria-hidden=true style="x" role=menu data-src=u>t</div>
            <math><mi definitionURL=d></mi></math>
            <svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href=h href=g class=s></a>
            <image xlink:title=x title=y/>
            <img src=a srcset="b 1x" data-lazy-src=c alt title=t><td colspan=2 rowspan=x>"#;
        // The drawing has no end tag (`<img>` breaks out of it), so the
        // parse keeps its content for the lookup to be compared on.
        let dom = Dom::parse(page, &Limits::default());
        let names = [
            "class",
            "id",
            "hidden",
            "aria-hidden",
            "style",
            "role",
            "data-src",
            "href",
            "title",
            "xlink:href",
            "xml:lang",
            "lang",
            "src",
            "srcset",
            "data-lazy-src",
            "alt",
            "colspan",
            "rowspan",
            "definitionurl",
            "definitionURL",
            "data-x",
            "ID",
            "missing",
        ];
        let mut seen = 0;
        for ix in 0..dom.len() as Ix {
            if let ScraperNode::Element(e) = dom.raw(ix) {
                for name in names {
                    assert_eq!(El(e).attr(name), e.attr(name), "{name} on {}", e.name());
                    seen += usize::from(e.attr(name).is_some());
                }
            }
        }
        assert!(seen >= 20, "{seen}");
    }

    #[test]
    fn ascii_whitespace_count_matches_chars() {
        for t in [
            "",
            " a\tb\n\x0bc\x0c\r d ",
            "x\u{a0}y\u{2003}z",
            "\u{85}",
            "plain",
        ] {
            let expected = t.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(non_whitespace(t), expected, "{t:?}");
        }
        for b in 0u8..128 {
            let t = (b as char).to_string();
            assert_eq!(
                non_whitespace(&t),
                usize::from(!(b as char).is_whitespace())
            );
        }
    }

    #[test]
    fn arena_is_preordered_with_subtree_ends() {
        let dom = Dom::parse(
            "<body><div><p>a</p><p>b</p></div><p>c</p></body>",
            &Limits::default(),
        );
        let body = dom.body();
        let kids: Vec<_> = dom.children(body).collect();
        assert_eq!(kids.len(), 2);
        assert_eq!(dom.tag(kids[0]), Some(&local_name!("div")));
        let div_kids: Vec<_> = dom.children(kids[0]).collect();
        assert_eq!(div_kids.len(), 2);
        assert!(dom.contains(kids[0], div_kids[1]));
        assert!(!dom.contains(kids[0], kids[1]));
        assert_eq!(dom.parent(div_kids[0]), Some(kids[0]));
    }
}
