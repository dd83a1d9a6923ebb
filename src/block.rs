//! The block: a run of text between two block boundaries in reading
//! order, the unit that segmentation hands to the block rules, site memory,
//! the removal report and the renderers.

use std::cell::OnceCell;

use crate::article::Rule;
use crate::dom::Ix;
use crate::tuning::Strictness;

/// Weight of a Chinese or Japanese character, against one for an
/// alphabetic one: about a word, so that length thresholds hold for both.
const WIDE_CHAR_WEIGHT: u32 = 3;
/// Link density from which a block is not article prose: a paragraph
/// citing its sources stays under it, a list of links does not.
const MAX_PROSE_LINK_DENSITY: f32 = 0.3;

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
    /// The text lower-cased, and as [`crate::dom::normalized`] gives
    /// it: made on first use, since several rules read each.
    lower: OnceCell<String>,
    normalized: OnceCell<String>,
}

impl Block {
    /// A block of `text` owned by `owner`, with no characters counted yet
    /// and no rule's verdict.
    pub fn new(owner: Ix, kind: BlockKind, text: String) -> Block {
        Block {
            owner,
            kind,
            text,
            chars: 0,
            link_chars: 0,
            wide: 0,
            first: 0,
            last: 0,
            drop: None,
            lower: OnceCell::new(),
            normalized: OnceCell::new(),
        }
    }

    /// A block of `text` for rule tests, all of it in a link or none.
    #[cfg(test)]
    pub fn for_test(kind: BlockKind, text: &str, linked: bool) -> Block {
        let mut b = Block::new(0, kind, text.to_string());
        b.chars = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
        b.link_chars = if linked { b.chars } else { 0 };
        b
    }

    /// Length for judging how much a block says: characters, a Chinese or
    /// Japanese one counting as three (about a word), so that thresholds
    /// set for alphabetic text hold for them too.
    pub fn weight(&self) -> u32 {
        self.chars + (WIDE_CHAR_WEIGHT - 1) * self.wide
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

    /// The text as [`crate::dom::normalized`] gives it.
    pub fn normalized(&self) -> &str {
        self.normalized
            .get_or_init(|| crate::dom::normalized(&self.text))
    }

    /// Whether the block reads as article prose: long enough, mostly not
    /// links, not a heading, not a snippet cut off with an ellipsis.
    pub fn is_strong(&self, s: &Strictness) -> bool {
        self.weight() >= s.strong_chars
            && self.link_density() < MAX_PROSE_LINK_DENSITY
            && !self.is_heading()
            && !ends_with_ellipsis(&self.text)
    }
}

/// The blocks under heading `i`, up to the next heading: its section.
pub(crate) fn under_heading(blocks: &[Block], i: usize) -> impl Iterator<Item = &Block> {
    blocks[i + 1..].iter().take_while(|b| !b.is_heading())
}

/// Whether a text ends in an ellipsis (`...`, `…`, `. . .`), closing
/// quotes and brackets aside: the mark of a teaser's cut-off snippet.
pub(crate) fn ends_with_ellipsis(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
    });
    t.ends_with("...") || t.ends_with('…') || t.ends_with(". . .")
}
