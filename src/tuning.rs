//! The numbers that move with [`Focus`], together: each stage reads its
//! own from here, so one look shows what a focus changes. Precision keeps
//! less (fewer boilerplate leftovers), recall keeps more (fewer lost
//! paragraphs); balanced is the default between them.

use crate::config::Focus;

/// Thresholds that move with [`Focus`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Strictness {
    /// Selection: shortest text an element owns for it to count as a
    /// paragraph (table rows need a third of it). Shorter owners are
    /// labels, buttons and captions, whose text is not the article's prose.
    pub paragraph_chars: u32,
    /// Selection: what each character of non-paragraph text costs a
    /// container, against one per character of paragraph text. At 1.0 a
    /// wrapper must bring as much prose as clutter; lower lets a container
    /// keep more of what surrounds its paragraphs.
    pub clutter_cost: f32,
    /// Block rules: link density above which a block is a link list.
    pub link_density: f32,
    /// Block rules: longest block that a call-to-action phrase can
    /// condemn; a longer one is prose that happens to hold the phrase.
    pub cta_max_chars: u32,
    /// Block rules and site memory: shortest block that counts as strong
    /// article text (about two sentences at balanced).
    pub strong_chars: u32,
    /// Text rendering: whether text attached to an image outside a figure
    /// is kept (it is often the article's caption, as often a promo's).
    pub image_text: ImageText,
}

/// What the text rendering does with text attached to an image outside a
/// figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageText {
    Keep,
    Drop,
}

impl Strictness {
    /// The same, read on a page whose content is its items (a thread's
    /// replies, a listing's cards): each is the page's text however short,
    /// so a block of any length is strong when it is neither a heading,
    /// nor mostly link text, nor cut off with an ellipsis.
    pub fn for_items(self) -> Self {
        Strictness {
            strong_chars: 1,
            ..self
        }
    }

    pub fn for_focus(focus: Focus) -> Self {
        match focus {
            Focus::Precision => Strictness {
                paragraph_chars: 60,
                clutter_cost: 1.0,
                link_density: 0.4,
                cta_max_chars: 400,
                strong_chars: 150,
                image_text: ImageText::Drop,
            },
            Focus::Balanced => Strictness {
                paragraph_chars: 40,
                clutter_cost: 0.6,
                link_density: 0.5,
                cta_max_chars: 300,
                strong_chars: 120,
                image_text: ImageText::Drop,
            },
            Focus::Recall => Strictness {
                paragraph_chars: 25,
                clutter_cost: 0.35,
                link_density: 0.7,
                cta_max_chars: 200,
                strong_chars: 80,
                image_text: ImageText::Keep,
            },
        }
    }
}
