//! Plain text of an HTML document, for reference answers given as HTML.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose content is never visible text.
const SKIP: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// Elements that start a new line of text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The visible text of `html`: text nodes in order, a line break at each
/// block boundary, runs of spaces collapsed, blank lines dropped.
pub(crate) fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut raw = String::new();
    let mut skipping = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if SKIP.contains(&name) {
                        skipping += 1;
                    } else if BLOCK.contains(&name) {
                        raw.push('\n');
                    }
                }
                Node::Text(t) if skipping == 0 => raw.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if SKIP.contains(&name) {
                        skipping = skipping.saturating_sub(1);
                    } else if BLOCK.contains(&name) {
                        raw.push('\n');
                    }
                }
            }
        }
    }
    raw.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_inline_stays_joined() {
        let t = html_to_text(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <div><p>One <b>bo</b>ld   word</p><script>x()</script><p>Two<br>Three</p></div></body></html>",
        );
        assert_eq!(t, "One bold word\nTwo\nThree");
    }
}
