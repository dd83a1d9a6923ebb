//! The hostile-input guard: bounds on what html5ever is given to build.
//!
//! html5ever's tree builder is quadratic in nesting depth, so a filter
//! between its tokenizer and tree builder ([`Guard`]) drops start tags
//! past the depth limit (their text stays, flattened into the deepest
//! kept element) and ignores markup past the element limit; a pass
//! before the tokenizer ([`attributes`]) caps the attributes of a tag.
//!
//! Both limits are checked against the tree builder's real state, not
//! against a count of tags: the depth is the builder's stack of open
//! elements plus its list of active formatting elements (stray end tags
//! such as `</x>` do not lower it, and formatting elements the builder
//! re-opens by itself are counted), and the element count includes the
//! elements the builder creates on its own ([`Counting`]).

pub(super) mod attributes;
mod counting;

pub(super) use counting::Counting;

use std::cell::{Cell, RefCell};

use ego_tree::NodeId;
use html5ever::interface::{Tracer, TreeSink};
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::TreeBuilder;
use html5ever::{local_name, LocalName};
use scraper::Html;

use crate::config::Limits;

/// Levels allowed past `max_depth` for elements that do not nest (`<p>`,
/// `<li>`, raw-text elements…) before every start tag is dropped.
const SLACK: usize = 16;

/// Places the tree builder may hold a new element: the stack of open
/// elements, the list of active formatting elements, its form pointer.
const REFERENCES_PER_ELEMENT: usize = 3;

/// The token sink between html5ever's tokenizer and its tree builder
/// that keeps the tree within [`Limits::max_depth`] and
/// [`Limits::max_nodes`].
pub(super) struct Guard {
    inner: TreeBuilder<NodeId, Counting>,
    max_depth: usize,
    max_nodes: usize,
    /// Nesting start tags dropped at the depth limit whose end tags are
    /// still to be dropped.
    suppressed: Cell<usize>,
    /// A raw-text element (script, style…) dropped at the depth limit:
    /// everything up to its end tag is dropped too, so its content never
    /// becomes text.
    swallow: RefCell<Option<LocalName>>,
    /// Whether an `<html>` / `<body>` start tag was passed on.
    seen_html: Cell<bool>,
    seen_body: Cell<bool>,
    /// The handles counted at the last look, and the elements created by
    /// then: an element adds at most [`REFERENCES_PER_ELEMENT`] handles,
    /// so until that bound reaches the depth limit there is no need to
    /// count again (counting walks every open element).
    counted: Cell<(usize, usize)>,
}

/// Counts the handles the tree builder holds.
struct Count(Cell<usize>);

impl Tracer for Count {
    type Handle = NodeId;
    fn trace_handle(&self, _: &NodeId) {
        self.0.set(self.0.get() + 1);
    }
}

impl Guard {
    /// A guard in front of `builder`, within `limits`.
    pub(super) fn new(builder: TreeBuilder<NodeId, Counting>, limits: &Limits) -> Self {
        let guard = Guard {
            inner: builder,
            max_depth: limits.max_depth.unwrap_or(usize::MAX),
            max_nodes: limits.max_nodes.unwrap_or(usize::MAX),
            suppressed: Cell::new(0),
            swallow: RefCell::new(None),
            seen_html: Cell::new(false),
            seen_body: Cell::new(false),
            counted: Cell::new((0, 0)),
        };
        guard.counted.set((guard.open(), guard.elements()));
        guard
    }

    /// Whether the element limit is reached: no more markup is read.
    pub(super) fn full(&self) -> bool {
        self.elements() >= self.max_nodes
    }

    /// The document built.
    pub(super) fn into_html(self) -> Html {
        self.inner.sink.finish()
    }

    /// The tree builder's open elements plus active formatting elements
    /// (and its few other handles): what its per-token work is linear in.
    fn open(&self) -> usize {
        let count = Count(Cell::new(0));
        self.inner.trace_handles(&count);
        count.0.get()
    }

    /// The handles the tree builder holds when they may reach the depth
    /// limit; otherwise a bound below the limit.
    fn open_at_least_near_limit(&self) -> usize {
        let (counted, created) = self.counted.get();
        let bound = counted
            .saturating_add(REFERENCES_PER_ELEMENT.saturating_mul(self.elements() - created));
        if bound < self.max_depth {
            debug_assert!(self.open() <= bound, "{} > {bound}", self.open());
            return bound;
        }
        let open = self.open();
        self.counted.set((open, self.elements()));
        open
    }

    /// Elements created so far (those the builder makes on its own too).
    fn elements(&self) -> usize {
        self.inner.sink.elements()
    }
}

impl TokenSink for Guard {
    type Handle = NodeId;

    fn process_token(&self, mut token: Token, line: u64) -> TokenSinkResult<Self::Handle> {
        if self.full() {
            return match token {
                Token::EOFToken => self.inner.process_token(token, line),
                _ => TokenSinkResult::Continue,
            };
        }
        if self.swallow.borrow().is_some() {
            match &token {
                Token::EOFToken => {}
                Token::TagToken(tag)
                    if tag.kind == TagKind::EndTag
                        && self.swallow.borrow().as_ref() == Some(&tag.name) =>
                {
                    *self.swallow.borrow_mut() = None;
                    return TokenSinkResult::Continue;
                }
                _ => return TokenSinkResult::Continue,
            }
        }
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag => {
                    let open = self.open_at_least_near_limit();
                    if open >= self.max_depth
                        && (nests(tag) || open >= self.max_depth.saturating_add(SLACK))
                    {
                        if is_raw_text(&tag.name) && !empty_frame(tag) {
                            *self.swallow.borrow_mut() = Some(tag.name.clone());
                        } else if nests(tag) {
                            self.suppressed.set(self.suppressed.get() + 1);
                        }
                        return TokenSinkResult::Continue;
                    }
                }
                TagKind::EndTag => {
                    if nests(tag) && self.suppressed.get() > 0 {
                        self.suppressed.set(self.suppressed.get() - 1);
                        return TokenSinkResult::Continue;
                    }
                }
            }
        }
        // A self-closed `<iframe/>` holds nothing, wherever it stands. The
        // tokenizer would read everything after it as the frame's text up
        // to an `</iframe>` that may never come. Such a tag sits in a
        // `<noscript>` (a tag manager's), which a browser running scripts
        // never parses, while this parse reads `<noscript>` as markup for
        // the images lazy pages keep there.
        if let Token::TagToken(tag) = &token {
            if tag.kind == TagKind::StartTag && empty_frame(tag) {
                let end = Tag {
                    kind: TagKind::EndTag,
                    name: tag.name.clone(),
                    self_closing: false,
                    had_duplicate_attributes: false,
                    attrs: Vec::new(),
                };
                // The builder asks for the frame's text as raw text; the
                // end tag closes it at once instead.
                let _ = self.inner.process_token(token, line);
                return self.inner.process_token(Token::TagToken(end), line);
            }
        }
        // A second <html> or <body> adds its missing attributes to the
        // first, checking each against all it has: quadratic when
        // repeated. Only the first of each keeps its attributes.
        if let Token::TagToken(tag) = &mut token {
            if tag.kind == TagKind::StartTag {
                let seen = match tag.name {
                    local_name!("html") => Some(&self.seen_html),
                    local_name!("body") => Some(&self.seen_body),
                    _ => None,
                };
                if let Some(seen) = seen {
                    if seen.replace(true) {
                        tag.attrs.clear();
                    }
                }
            }
        }
        self.inner.process_token(token, line)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Whether a tag opens a level of nesting that its end tag closes. Void
/// elements, self-closing tags and elements the tree builder closes
/// implicitly when a sibling starts (p, li, td…) are not counted, so
/// unclosed paragraphs cannot exhaust the depth budget.
fn nests(tag: &Tag) -> bool {
    if tag.self_closing {
        return false;
    }
    !is_void(&tag.name) && !is_implicitly_closed(&tag.name) && !is_raw_text(&tag.name)
}

/// A self-closed `<iframe/>`, read as holding nothing.
fn empty_frame(tag: &Tag) -> bool {
    tag.self_closing && tag.name == local_name!("iframe")
}

/// Elements whose content the tokenizer reads as text once the tree
/// builder has seen their start tag: in HTML they hold no elements.
fn is_raw_text(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
    )
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
            | local_name!("frame")
            | local_name!("basefont")
            | local_name!("bgsound")
    )
}

fn is_implicitly_closed(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("colgroup")
            | local_name!("caption")
            | local_name!("rb")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("html")
            | local_name!("head")
            | local_name!("body")
            | local_name!("a")
            | local_name!("nobr")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::UnreadContent;

    fn parse(text: &str, limits: &Limits) -> Html {
        crate::dom::parse::parse(text, limits, UnreadContent::Skip)
    }

    fn max_depth(html: &Html) -> usize {
        let mut max = 0;
        for node in html.tree.root().descendants() {
            max = max.max(node.ancestors().count());
        }
        max
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let n = 5_000;
        let doc = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let limits = Limits {
            max_depth: Some(100),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        assert!(max_depth(&html) <= 110, "depth {}", max_depth(&html));
        assert!(html.root_element().text().any(|t| t.contains("deep text")));
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_as_depth() {
        let doc = format!("<div>{}</div><p>tail", "<p>para".repeat(2_000));
        let limits = Limits {
            max_depth: Some(10),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        let ps = html.select(&scraper::Selector::parse("p").unwrap()).count();
        assert_eq!(ps, 2_001);
    }

    #[test]
    fn node_limit_truncates() {
        let doc = "<p>x</p>".repeat(1_000);
        let limits = Limits {
            max_nodes: Some(100),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        let ps = html.select(&scraper::Selector::parse("p").unwrap()).count();
        assert!(ps <= 100, "{ps} paragraphs");
        assert!(ps >= 90, "{ps} paragraphs");
    }

    fn elements(html: &Html) -> usize {
        html.tree.nodes().filter(|n| n.value().is_element()).count()
    }

    /// Regression: `<div></x>` repeated lowered a tag-counting depth on
    /// every stray `</x>` while the tree builder kept every div open, so
    /// the tree grew past the limit and parsing went quadratic (288 KB of
    /// it took 8 s).
    #[test]
    fn stray_end_tags_do_not_lower_the_depth() {
        let doc = format!("{}deep text", "<div></x>".repeat(5_000));
        let limits = Limits {
            max_depth: Some(100),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        assert!(
            max_depth(&html) <= 100 + SLACK,
            "depth {}",
            max_depth(&html)
        );
        assert!(html.root_element().text().any(|t| t.contains("deep text")));
    }

    /// Regression: formatting elements left open in a closed paragraph are
    /// re-opened by the tree builder in every later paragraph; 37 KB of
    /// `<p><b id=1>…<b id=500></p>` then `<p>x</p>` built 14 MB of markup
    /// and took 486 MB, because only start tags were counted as elements.
    #[test]
    fn reopened_formatting_elements_count_as_elements() {
        let mut doc = String::from("<p>");
        for i in 0..300 {
            doc.push_str(&format!("<b id=b{i}>"));
        }
        doc.push_str("</p>");
        doc.push_str(&"<p>x</p>".repeat(2_000));
        let limits = Limits {
            max_nodes: Some(10_000),
            ..Limits::default()
        };
        let html = parse(&doc, &limits);
        let n = elements(&html);
        assert!(n <= 10_000 + 600, "{n} elements for a cap of 10 000");
    }

    /// Regression: a `<script>` dropped at the depth limit left the
    /// tokenizer reading its code as markup, so the code became text.
    #[test]
    fn script_past_the_depth_limit_never_becomes_text() {
        let limits = Limits {
            max_depth: Some(20),
            ..Limits::default()
        };
        // Both settings: skipping unread bodies would hide the script.
        for unread in [UnreadContent::Skip, UnreadContent::Parse] {
            for deep in ["<div>", "<svg>", "<p><svg><g>"] {
                let doc = format!(
                    "{}<script>var SECRET = 1;</script><style>.SECRET {{}}</style><p>after",
                    deep.repeat(200)
                );
                let html = crate::dom::parse::parse(&doc, &limits, unread);
                for node in html.tree.nodes() {
                    if let scraper::Node::Text(t) = node.value() {
                        if t.contains("SECRET") {
                            let parent = node
                                .parent()
                                .and_then(|p| p.value().as_element().map(|e| e.name().to_string()));
                            assert!(
                                matches!(parent.as_deref(), Some("script" | "style")),
                                "{deep}: script text under {parent:?}"
                            );
                        }
                    }
                }
                assert!(
                    html.root_element().text().any(|t| t.contains("after")),
                    "{deep}"
                );
            }
        }
    }

    /// Regression: `<body data-bN=x>` repeated 100 000 times took 0.8 s
    /// and grew quadratically: each added its attribute to the one body
    /// after comparing it with all the earlier ones.
    #[test]
    fn repeated_body_tags_keep_only_the_first_attributes() {
        let mut doc = String::from("<html lang=en><body class=first>");
        for i in 0..1_000 {
            doc.push_str(&format!("<html data-h{i}=x><body data-b{i}=x><p>{i}</p>"));
        }
        let html = parse(&doc, &Limits::default());
        let body = html
            .select(&scraper::Selector::parse("body").unwrap())
            .next()
            .unwrap();
        assert_eq!(
            body.value().attrs().collect::<Vec<_>>(),
            vec![("class", "first")]
        );
        let root = html.root_element();
        assert_eq!(
            root.value().attrs().collect::<Vec<_>>(),
            vec![("lang", "en")]
        );
    }
}
