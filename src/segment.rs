//! Reading-order segmentation: the chosen container becomes a list of
//! blocks (paragraphs, headings, list items…), the unit every block rule
//! and renderer works on.

use std::cell::OnceCell;

use html5ever::{local_name, LocalName};

use crate::clean::Pruned;
use crate::dom::{Dom, Ix, Measures};
use crate::Rule;

/// What kind of block a run of text is, from its nearest block element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    Preformatted,
    Cell,
    /// A figure's own caption (`<figcaption>`, text inside `<figure>`).
    Caption,
    /// Text attached to an image outside a figure: a box of an image and a
    /// short text, or an element whose class names a caption.
    ImageText,
}

/// A run of text between two block boundaries.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The nearest block element around the text.
    pub owner: Ix,
    pub kind: BlockKind,
    /// Whitespace-collapsed text (line breaks kept for `<br>` and `<pre>`).
    pub text: String,
    /// Non-whitespace characters, and those inside links.
    pub chars: u32,
    pub link_chars: u32,
    /// Chinese and Japanese characters, written without spaces: each
    /// carries about as much as a short word.
    pub wide: u32,
    /// First and last text node of the run, in arena order.
    pub first: Ix,
    pub last: Ix,
    /// Set when a rule drops the block.
    pub drop: Option<Rule>,
    /// The text lower-cased, and as [`crate::clean::normalized`] gives
    /// it: made on first use, since several rules read each.
    lower: OnceCell<String>,
    normalized: OnceCell<String>,
}

impl Block {
    /// A block of `text` for rule tests, all of it in a link or none.
    #[cfg(test)]
    pub fn for_test(kind: BlockKind, text: &str, linked: bool) -> Block {
        let chars = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
        Block {
            owner: 0,
            kind,
            text: text.to_string(),
            chars,
            link_chars: if linked { chars } else { 0 },
            wide: 0,
            first: 0,
            last: 0,
            drop: None,
            lower: OnceCell::new(),
            normalized: OnceCell::new(),
        }
    }

    /// Length for judging how much a block says: characters, a Chinese or
    /// Japanese one counting as three (about a word), so that thresholds
    /// set for alphabetic text hold for them too.
    pub fn weight(&self) -> u32 {
        self.chars + 2 * self.wide
    }

    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }

    /// The text, lower-cased.
    pub fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.text.to_lowercase())
    }

    /// Frees the lower-cased and normalized copies once the rules that
    /// read them have run.
    pub fn drop_caches(&mut self) {
        self.lower.take();
        self.normalized.take();
    }

    /// The text as [`crate::clean::normalized`] gives it.
    pub fn normalized(&self) -> &str {
        self.normalized
            .get_or_init(|| crate::clean::normalized(&self.text))
    }
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

/// Longest text of an element that holds an image and reads as its caption.
const MAX_CAPTION_BOX_CHARS: u32 = 300;

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
            for _ in 0..3 {
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
                // heading: its caption (a box with a heading is a card or
                // an illustrated step).
                if p != root
                    && dom.contains(root, p)
                    && live.images[p as usize] > 0
                    && live.headings[p as usize] == 0
                    && live.chars[p as usize] <= MAX_CAPTION_BOX_CHARS
                {
                    return BlockKind::ImageText;
                }
                cur = dom.parent(p);
            }
            BlockKind::Paragraph
        }
    }
}

/// Whether the block or one of its three nearest ancestors (inside the
/// content root) is named a caption by its class.
fn named_caption(dom: &Dom, root: Ix, owner: Ix) -> bool {
    let mut cur = Some(owner);
    for _ in 0..4 {
        let Some(ix) = cur else { break };
        if ix == root || !dom.contains(root, ix) {
            break;
        }
        if dom
            .attr(ix, "class")
            .is_some_and(|c| c.to_ascii_lowercase().contains("caption"))
        {
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

    fn flush(&mut self, owner: Ix, kind: BlockKind, out: &mut Vec<Block>) {
        if self.chars > 0 {
            let text = if kind == BlockKind::Preformatted {
                self.text.trim_matches('\n').to_string()
            } else {
                self.text.trim().to_string()
            };
            out.push(Block {
                owner,
                kind,
                text,
                chars: self.chars,
                link_chars: self.link_chars,
                wide: self.wide,
                first: self.first,
                last: self.last,
                drop: None,
                lower: OnceCell::new(),
                normalized: OnceCell::new(),
            });
        }
        *self = Builder::new();
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
            let kind = kind_of(dom, live, root, owner, !pres.is_empty());
            b.flush(owner, kind, &mut out);
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
                let kind = kind_of(dom, live, root, owner, !pres.is_empty());
                b.flush(owner, kind, &mut out);
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
        let kind = kind_of(dom, live, root, owner, !pres.is_empty());
        b.flush(owner, kind, &mut out);
        pres.retain(|&p| p != owner);
    }
    out
}
