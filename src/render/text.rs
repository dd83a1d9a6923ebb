//! Plain text: kept blocks in reading order. Paragraphs are separated by
//! a blank line; list items, and the rows of a table, follow each other on
//! their own lines; the cells of a row are separated by a tab (cell text
//! has its whitespace collapsed, so the tab is unambiguous) and words of
//! neighbouring cells never run together. Whitespace is collapsed
//! (non-breaking spaces included) outside preformatted text, where line
//! ends are normalised and trailing spaces dropped.
//!
//! Figure captions are part of the text. Text attached to an image outside
//! a figure (a caption in a plain box, a label named "caption") is
//! ambiguous: it stays with its image in the HTML and joins the text under
//! [`Focus::Recall`](crate::Focus::Recall), or on a page of cards or
//! sections, where it is a card's name (the extractor decides).

use html5ever::local_name;

use crate::block::{Block, BlockKind};
use crate::dom::{Dom, Ix};
use crate::tuning::ImageText;

/// The text of the kept blocks. Text attached to an image outside a
/// figure is kept when `image_text` says so.
pub(crate) fn text(dom: &Dom, blocks: &[Block], image_text: ImageText) -> String {
    let mut out = String::new();
    let with_captions = image_text == ImageText::Keep;
    let mut prev: Option<&Block> = None;
    for b in blocks
        .iter()
        .filter(|b| b.drop.is_none() && (with_captions || b.kind != BlockKind::ImageText))
    {
        if let Some(p) = prev {
            out.push_str(separator(dom, p, b));
        }
        if b.kind == BlockKind::Preformatted {
            let code = b.text.replace("\r\n", "\n").replace(['\r', '\u{a0}'], " ");
            for (n, line) in code.lines().enumerate() {
                if n > 0 {
                    out.push('\n');
                }
                out.push_str(line.trim_end());
            }
        } else {
            out.push_str(&b.text);
        }
        prev = Some(b);
    }
    out
}

fn separator(dom: &Dom, a: &Block, b: &Block) -> &'static str {
    match (a.kind, b.kind) {
        (BlockKind::ListItem, BlockKind::ListItem)
            if list_root(dom, a.owner).is_some()
                && list_root(dom, a.owner) == list_root(dom, b.owner) =>
        {
            "\n"
        }
        (BlockKind::Cell, BlockKind::Cell) => {
            let row = |o: Ix| {
                dom.parent(o)
                    .filter(|&p| dom.tag(p) == Some(&local_name!("tr")))
            };
            match (row(a.owner), row(b.owner)) {
                (Some(x), Some(y)) if x == y => "\t",
                (Some(x), Some(y))
                    if table_of(dom, x).is_some() && table_of(dom, x) == table_of(dom, y) =>
                {
                    "\n"
                }
                _ => "\n\n",
            }
        }
        _ => "\n\n",
    }
}

/// The outermost list of a list item's nest of lists.
fn list_root(dom: &Dom, item: Ix) -> Option<Ix> {
    let mut root = None;
    let mut cur = Some(item);
    while let Some(p) = cur {
        match dom.tag(p) {
            Some(&local_name!("ul")) | Some(&local_name!("ol")) | Some(&local_name!("dl")) => {
                root = Some(p)
            }
            Some(&local_name!("li")) | Some(&local_name!("dd")) | Some(&local_name!("dt")) => {}
            _ => break,
        }
        cur = dom.parent(p);
    }
    root
}

/// The `<table>` a row belongs to (through its `tbody`/`thead`/`tfoot`).
fn table_of(dom: &Dom, row: Ix) -> Option<Ix> {
    let mut cur = dom.parent(row);
    for _ in 0..2 {
        let p = cur?;
        if dom.tag(p) == Some(&local_name!("table")) {
            return Some(p);
        }
        cur = dom.parent(p);
    }
    None
}

#[cfg(test)]
mod tests {
    const LONG: &str =
        "A paragraph long enough to be chosen as the article, with a comma, and a full stop.";

    fn text(body: &str) -> String {
        let html =
            format!("<body><article><p>{LONG}</p>{body}<p>{LONG} Again.</p></article></body>");
        crate::extract(&html).unwrap().text
    }

    #[test]
    fn list_items_on_their_own_lines_and_lists_apart() {
        let t = text("<ul><li>one, with words</li><li>two<ol><li>two.a</li></ol></li></ul><ul><li>three</li></ul>");
        assert!(
            t.contains("\n\none, with words\ntwo\ntwo.a\n\nthree\n\n"),
            "{t:?}"
        );
    }

    #[test]
    fn cells_never_run_together() {
        let t = text("<table><tr><td>alpha</td><td>beta</td></tr><tr><td>gamma</td><td>delta</td></tr></table>");
        assert!(t.contains("\n\nalpha\tbeta\ngamma\tdelta\n\n"), "{t:?}");
    }

    #[test]
    fn whitespace_is_normalised() {
        let t = text("<p>non\u{a0}breaking\u{a0}\u{a0} spaces,\n\t and\r\nbreaks, here.</p><pre>a\u{a0}b  \r\nc\n\n</pre>");
        assert!(
            t.contains("\n\nnon breaking spaces, and breaks, here.\n\n"),
            "{t:?}"
        );
        assert!(t.contains("\n\na b\nc\n\n"), "{t:?}");
        assert!(!t.starts_with(char::is_whitespace) && !t.ends_with(char::is_whitespace));
    }
}
