//! Reading-order segmentation: the chosen container becomes a list of
//! blocks (paragraphs, headings, list items…), the unit every block rule
//! and renderer works on.

use html5ever::local_name;

use crate::block::{Block, BlockKind};
use crate::dom::{is_block, Dom, Ix, Measures, Pruned};

/// Longest text of an element that holds an image and reads as its caption.
const MAX_CAPTION_BOX_CHARS: u32 = 300;
/// Ancestors of a paragraph that can give it their kind (a quote, a
/// caption, a cell, a list item) or make it an image's caption; further
/// up, it is a box of its own inside them.
const KIND_ANCESTORS: usize = 3;
/// Ancestors of a block (itself aside) whose class can name it a caption.
const CAPTION_ANCESTORS: usize = 3;

fn kind_of(dom: &Dom, live: &Measures, root: Ix, owner: Ix, in_pre: bool) -> BlockKind {
    if in_pre {
        return BlockKind::Preformatted;
    }
    if named_caption(dom, root, owner) {
        return BlockKind::ImageText;
    }
    match dom.tag(owner) {
        Some(&local_name!("h1")) => BlockKind::Heading(1),
        Some(&local_name!("h2")) => BlockKind::Heading(2),
        Some(&local_name!("h3")) => BlockKind::Heading(3),
        Some(&local_name!("h4")) => BlockKind::Heading(4),
        Some(&local_name!("h5")) => BlockKind::Heading(5),
        Some(&local_name!("h6")) => BlockKind::Heading(6),
        Some(&local_name!("li")) | Some(&local_name!("dd")) | Some(&local_name!("dt")) => {
            BlockKind::ListItem
        }
        Some(&local_name!("blockquote")) => BlockKind::Quote,
        Some(&local_name!("td")) | Some(&local_name!("th")) => BlockKind::Cell,
        Some(&local_name!("figcaption")) | Some(&local_name!("figure")) => BlockKind::Caption,
        _ => {
            // A paragraph inside a quote, a caption, a cell or a list item
            // takes its kind from there.
            let mut cur = dom.parent(owner);
            for _ in 0..KIND_ANCESTORS {
                let Some(p) = cur else { break };
                match dom.tag(p) {
                    Some(&local_name!("blockquote")) => return BlockKind::Quote,
                    Some(&local_name!("figcaption")) | Some(&local_name!("figure")) => {
                        return BlockKind::Caption
                    }
                    Some(&local_name!("td")) | Some(&local_name!("th")) => return BlockKind::Cell,
                    Some(&local_name!("li")) => return BlockKind::ListItem,
                    _ => {}
                }
                // A short text beside an image in a small box without a
                // heading: its caption (a box with a heading, or with
                // more lines than a caption and its credit, is a card or
                // an illustrated step; one of a run of look-alike boxes
                // is an item of the page). A panel a header names is a
                // section whose heading stands outside it: its text is
                // the section's.
                if p != root
                    && dom.contains(root, p)
                    && live.images[p as usize] > 0
                    && live.headings[p as usize] == 0
                    && live.chars[p as usize] <= MAX_CAPTION_BOX_CHARS
                    && !many_lines(dom, live, p)
                    && !illustrated_item(dom, live, root, p)
                {
                    if in_named_panel(dom, p) {
                        break;
                    }
                    return BlockKind::ImageText;
                }
                cur = dom.parent(p);
            }
            BlockKind::Paragraph
        }
    }
}

/// Whether the box is a panel that a header names, or the only element
/// in one: an accordion's or a tab's section (`aria-labelledby`,
/// `role="tabpanel"` or `"region"`), whose heading stands outside it in
/// the header that opens it.
fn in_named_panel(dom: &Dom, b: Ix) -> bool {
    let named = |ix: Ix| {
        dom.attr(ix, "aria-labelledby").is_some()
            || crate::dom::role_is(dom, ix, &["tabpanel", "region"])
    };
    let only_child = |ix: Ix| {
        dom.parent(ix)
            .filter(|&p| elements(dom, p).nth(1).is_none())
    };
    named(b) || only_child(b).is_some_and(named)
}

/// The element children of `p`, in order.
fn elements(dom: &Dom, p: Ix) -> impl Iterator<Item = Ix> + '_ {
    dom.children(p).filter(move |&c| dom.tag(c).is_some())
}

/// Lines of text a caption box holds at most: the caption and its credit.
const MAX_CAPTION_LINES: usize = 2;

/// Whether the box's live text sits in more blocks than a caption and its
/// credit (a name, a figure and a sentence make a card).
fn many_lines(dom: &Dom, live: &Measures, b: Ix) -> bool {
    let mut owners: Vec<Ix> = Vec::new();
    for d in b + 1..dom.end(b) {
        if !dom.is_text(d) || live.chars[d as usize] == 0 {
            continue;
        }
        let owner = std::iter::successors(dom.parent(d), |&a| dom.parent(a))
            .take_while(|&a| a != b)
            .find(|&a| dom.tag(a).is_some_and(is_block))
            .unwrap_or(b);
        if !owners.contains(&owner) {
            owners.push(owner);
            if owners.len() > MAX_CAPTION_LINES {
                return true;
            }
        }
    }
    false
}

/// Fewest look-alike boxes that make a run of illustrated items.
const MIN_ITEMS: usize = 3;
/// Children of a run's parent read for look-alikes: a run shows itself
/// in its first ones, and a box costs at most this many.
const ITEM_SCAN: usize = 32;

/// Whether the box `b` is one of a run of illustrated items: it (or the
/// element it is the only child of) is one of at least [`MIN_ITEMS`]
/// look-alike siblings (same tag and class), each with an image and text,
/// among the first [`ITEM_SCAN`] children of its parent; and it holds no
/// link (a linked picture or name is a teaser for another page). A
/// caption stands alone under its picture; a grid of pictures each with
/// its own text (plants and their care, a product's features) is the
/// page's, as much as a list is.
fn illustrated_item(dom: &Dom, live: &Measures, root: Ix, b: Ix) -> bool {
    if (b..dom.end(b))
        .any(|d| dom.tag(d) == Some(&local_name!("a")) && dom.attr(d, "href").is_some())
    {
        return false;
    }
    let mut item = b;
    while let Some(p) = dom
        .parent(item)
        .filter(|&p| p != root && dom.contains(root, p))
    {
        if elements(dom, p).nth(1).is_some() {
            break;
        }
        item = p;
    }
    let Some(parent) = dom.parent(item) else {
        return false;
    };
    let looks = |ix: Ix| (dom.tag(ix), dom.attr(ix, "class"));
    let this = looks(item);
    elements(dom, parent)
        .take(ITEM_SCAN)
        .filter(|&c| looks(c) == this && live.images[c as usize] > 0 && live.chars[c as usize] > 0)
        .nth(MIN_ITEMS - 1)
        .is_some()
}

/// Whether the block or one of its three nearest ancestors (inside the
/// content root) is named a caption by its class.
fn named_caption(dom: &Dom, root: Ix, owner: Ix) -> bool {
    let mut cur = Some(owner);
    for _ in 0..=CAPTION_ANCESTORS {
        let Some(ix) = cur else { break };
        if ix == root || !dom.contains(root, ix) {
            break;
        }
        // The whole list is read first: most hold the word nowhere.
        if dom.attr(ix, "class").is_some_and(|c| {
            crate::dom::names_word(c, "caption")
                && crate::dom::class_names(c).any(|n| crate::dom::names_word(n, "caption"))
        }) {
            return true;
        }
        cur = dom.parent(ix);
    }
    false
}

struct Builder {
    text: String,
    chars: u32,
    link_chars: u32,
    wide: u32,
    first: Ix,
    last: Ix,
    pending_space: bool,
}

impl Builder {
    fn new() -> Self {
        Builder {
            text: String::new(),
            chars: 0,
            link_chars: 0,
            wide: 0,
            first: Ix::MAX,
            last: 0,
            pending_space: false,
        }
    }

    fn push_collapsed(&mut self, s: &str, in_link: bool) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else if c.is_control() {
                // Stray control characters are never text.
            } else {
                if self.pending_space && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push(' ');
                }
                self.pending_space = false;
                self.text.push(c);
                self.chars += 1;
                self.wide += u32::from(is_wide(c));
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn push_raw(&mut self, s: &str) {
        self.text.extend(
            s.chars()
                .filter(|&c| !c.is_control() || c == '\n' || c == '\t'),
        );
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            self.chars += 1;
            self.wide += u32::from(is_wide(c));
        }
    }

    fn line_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.pending_space = false;
    }

    /// Ends the block owned by `owner`, if it holds text. Its kind is
    /// read only then: most flushes (at each block element's start and
    /// end) find no text, and reading a kind walks up the tree.
    fn flush(&mut self, owner: Ix, kind: impl FnOnce() -> BlockKind, out: &mut Vec<Block>) {
        if self.chars > 0 {
            let kind = kind();
            let text = if kind == BlockKind::Preformatted {
                self.text.trim_matches('\n').to_string()
            } else {
                self.text.trim().to_string()
            };
            let mut block = Block::new(owner, kind, text);
            block.chars = self.chars;
            block.link_chars = self.link_chars;
            block.wide = self.wide;
            block.first = self.first;
            block.last = self.last;
            out.push(block);
        }
        // The next block writes into the same buffer: the block keeps a
        // copy of its text, and a buffer grown anew for each block was
        // reallocated over and over.
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        *self = Builder {
            text,
            ..Builder::new()
        };
    }
}

/// A Chinese or Japanese character (scripts written without spaces).
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4dbf}' // CJK Extension A
        | '\u{4e00}'..='\u{9fff}' // CJK Unified Ideographs
        | '\u{f900}'..='\u{faff}' // CJK Compatibility Ideographs
    )
}

/// Splits the live part of `root`'s subtree into blocks, in reading order.
pub(crate) fn segment(dom: &Dom, pruned: &Pruned, live: &Measures, root: Ix) -> Vec<Block> {
    let mut out = Vec::new();
    let mut b = Builder::new();
    // Open block elements and open links/pre, as (node, end) pairs.
    let mut blocks: Vec<(Ix, Ix)> = vec![(root, dom.end(root))];
    let mut links: Vec<Ix> = Vec::new();
    let mut pres: Vec<Ix> = Vec::new();
    let mut ix = root + 1;
    let end = dom.end(root);
    while ix < end {
        // Close whatever ended before this node.
        while let Some(&(owner, owner_end)) = blocks.last() {
            if owner_end > ix {
                break;
            }
            let in_pre = !pres.is_empty();
            b.flush(owner, || kind_of(dom, live, root, owner, in_pre), &mut out);
            blocks.pop();
        }
        links.retain(|&l| dom.end(l) > ix);
        pres.retain(|&p| dom.end(p) > ix);
        if !pruned.alive(ix) {
            ix = dom.end(ix);
            continue;
        }
        if let Some(tag) = dom.tag(ix) {
            if is_block(tag) {
                let owner = blocks.last().map_or(root, |&(o, _)| o);
                let in_pre = !pres.is_empty();
                b.flush(owner, || kind_of(dom, live, root, owner, in_pre), &mut out);
                blocks.push((ix, dom.end(ix)));
                if *tag == local_name!("pre") {
                    pres.push(ix);
                }
            } else if *tag == local_name!("br") {
                b.line_break();
            } else if *tag == local_name!("a") {
                links.push(ix);
            }
        } else if let Some(t) = dom.text(ix) {
            if b.first == Ix::MAX {
                b.first = ix;
            }
            b.last = ix;
            if pres.is_empty() {
                b.push_collapsed(t, !links.is_empty());
            } else {
                b.push_raw(t);
            }
        }
        ix += 1;
    }
    while let Some((owner, _)) = blocks.pop() {
        let in_pre = !pres.is_empty();
        b.flush(owner, || kind_of(dom, live, root, owner, in_pre), &mut out);
        pres.retain(|&p| p != owner);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Limits;

    /// The kinds of the blocks of `<body>`, for a page made of `boxes`.
    fn kinds(boxes: &str) -> Vec<(String, BlockKind)> {
        let page = format!("<html><body><div class=grid>{boxes}</div></body></html>");
        let dom = Dom::parse(&page, &Limits::default());
        let pruned = Pruned {
            rule: vec![None; dom.len()],
            dead: vec![false; dom.len()],
            named: Vec::new(),
        };
        let live = Measures::new(&dom, |_| true);
        segment(&dom, &pruned, &live, dom.body())
            .into_iter()
            .map(|b| (b.text, b.kind))
            .collect()
    }

    fn item(name: &str, link: bool) -> String {
        let label = if link {
            format!("<a href=/{name}>{name}</a>")
        } else {
            name.to_string()
        };
        format!(
            "<div class=item><img src=/{name}.png><p>{label}: a sentence of its own about this one.</p></div>"
        )
    }

    /// The kind every block of a run of three boxes has.
    fn run_kind(linked: bool) -> Option<BlockKind> {
        let boxes: String = ["pothos", "ivy", "fern"]
            .iter()
            .map(|n| item(n, linked))
            .collect();
        let blocks = kinds(&boxes);
        let first = blocks.first()?.1;
        blocks.iter().all(|(_, k)| *k == first).then_some(first)
    }

    #[test]
    fn a_run_of_pictures_with_their_own_text_is_not_captions() {
        let one = kinds(&item("pothos", false));
        assert_eq!(one[0].1, BlockKind::ImageText, "{one:?}");
        assert_eq!(run_kind(false), Some(BlockKind::Paragraph));
        // Linked, the same boxes are teasers for other pages.
        assert_eq!(run_kind(true), Some(BlockKind::ImageText));
    }
}
