//! Parsing with bounds: html5ever's tree builder is quadratic in nesting
//! depth, so a filter between its tokenizer and tree builder drops start
//! tags past the depth limit (their text stays, flattened into the deepest
//! kept element) and ignores markup past the element limit.

use std::cell::Cell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, LocalName};
use scraper::{Html, HtmlTreeSink};

use crate::config::Limits;

/// Parses a whole document within the given limits. Never fails.
pub(crate) fn parse(text: &str, limits: &Limits) -> Html {
    let sink = HtmlTreeSink::new(Html::new_document());
    let builder = TreeBuilder::new(
        sink,
        TreeBuilderOpts {
            // Scripting off: <noscript> content is parsed as markup, which is
            // where lazy-loading pages keep their real <img>.
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
    );
    let guard = Guard {
        inner: builder,
        max_depth: limits.max_depth.unwrap_or(usize::MAX),
        max_nodes: limits.max_nodes.unwrap_or(usize::MAX),
        depth: Cell::new(0),
        suppressed: Cell::new(0),
        nodes: Cell::new(0),
    };
    let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(text));
    // The tokenizer pauses after scripts and encoding declarations; the
    // text is already decoded, so both are simply resumed.
    while !matches!(tokenizer.feed(&queue), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    let Tokenizer { sink, .. } = tokenizer;
    sink.inner.sink.0.into_inner()
}

struct Guard<S> {
    inner: S,
    max_depth: usize,
    max_nodes: usize,
    depth: Cell<usize>,
    suppressed: Cell<usize>,
    nodes: Cell<usize>,
}

impl<S: TokenSink> TokenSink for Guard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Self::Handle> {
        if self.nodes.get() >= self.max_nodes {
            return match token {
                Token::EOFToken => self.inner.process_token(token, line),
                _ => TokenSinkResult::Continue,
            };
        }
        if let Token::TagToken(tag) = &token {
            if nests(tag) {
                match tag.kind {
                    TagKind::StartTag => {
                        if self.depth.get() >= self.max_depth {
                            self.suppressed.set(self.suppressed.get() + 1);
                            return TokenSinkResult::Continue;
                        }
                        self.depth.set(self.depth.get() + 1);
                    }
                    TagKind::EndTag => {
                        if self.suppressed.get() > 0 {
                            self.suppressed.set(self.suppressed.get() - 1);
                            return TokenSinkResult::Continue;
                        }
                        self.depth.set(self.depth.get().saturating_sub(1));
                    }
                }
            }
            if tag.kind == TagKind::StartTag {
                self.nodes.set(self.nodes.get() + 1);
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
    !is_void(&tag.name) && !is_implicitly_closed(&tag.name)
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
}
