//! Plain text: kept blocks in reading order, separated by a blank line.
//!
//! Figure captions are part of the text. Text attached to an image outside
//! a figure (a caption in a plain box, a label named "caption") is
//! ambiguous: it stays with its image in the HTML and joins the text only
//! under [`Focus::Recall`].

use crate::config::Focus;
use crate::segment::{Block, BlockKind};

pub(crate) fn text(blocks: &[Block], focus: Focus) -> String {
    let mut out = String::new();
    let with_captions = focus == Focus::Recall;
    for b in blocks
        .iter()
        .filter(|b| b.drop.is_none() && (with_captions || b.kind != BlockKind::ImageText))
    {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    out
}
