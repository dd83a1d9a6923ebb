//! Plain text: kept blocks in reading order, separated by a blank line.

use crate::segment::Block;

pub(crate) fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks.iter().filter(|b| b.drop.is_none()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    out
}
