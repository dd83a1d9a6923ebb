//! Repeats: a block shown twice (a caption above and below its image, a
//! pull quote), and photo credits.

use super::vocab::{CAPTION_TOGGLES, CREDIT_LABELS};
use crate::block::{Block, BlockKind};
use crate::dom::Dom;
use crate::Rule;

/// Shortest block checked for repeats: shorter lines ("Share", "Photo")
/// recur in any page.
const MIN_REPEAT_CHARS: u32 = 20;
/// Shortest paragraph that, written twice in a row, is the author's
/// doing and stays.
const MIN_DELIBERATE_CHARS: u32 = 300;
/// Longest credit line ("Photo: Ann Lee").
const MAX_CREDIT_CHARS: u32 = 80;

/// A block repeating an earlier one word for word (a caption shown twice,
/// a pull quote) goes, as do photo credits.
pub(crate) fn repeats_and_credits(dom: &Dom, blocks: &mut [Block]) {
    // Where each text was last kept, by block position.
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    let mut last_kept: Option<usize> = None;
    for (i, b) in blocks.iter_mut().enumerate() {
        if b.drop.is_some() {
            continue;
        }
        // A block shown twice (a caption above and below its image, a
        // layout copy of the text) goes. A recurring question, as in a
        // series of interviews, is content, and so is a long paragraph
        // that the author wrote twice in a row.
        let key = hash(&b.text);
        let previous = if b.chars >= MIN_REPEAT_CHARS && !b.text.trim_end().ends_with(['?', '？'])
        {
            seen.insert(key, i)
        } else {
            None
        };
        let deliberate =
            b.chars >= MIN_DELIBERATE_CHARS && previous.is_some() && previous == last_kept;
        // A paragraph met again sections later (a label opening each day
        // of a plan, the same step in two recipes) is structure the
        // article repeats, not a copy; values in generic boxes (a hidden
        // metadata copy) and captions are copies.
        let recurring = previous.is_some_and(|p| i - p > RECURRING_GAP)
            && !matches!(b.kind, BlockKind::Caption | BlockKind::ImageText)
            && dom.tag(b.owner).is_some_and(is_text_element);
        if previous.is_some() && !deliberate && !recurring {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.chars < MAX_CREDIT_CHARS {
            let t = b.normalized();
            let credit = CREDIT_LABELS.iter().any(|w| {
                t.starts_with(w) && t[w.len()..].starts_with([':', ' ']) && b.text.contains(':')
            });
            if credit || CAPTION_TOGGLES.contains(&t) {
                b.drop = Some(Rule::ShortFragment);
                continue;
            }
        }
        last_kept = Some(i);
    }
}

/// Elements that hold text as such: paragraphs, list items, cells, headings.
fn is_text_element(tag: &html5ever::LocalName) -> bool {
    use html5ever::local_name;
    crate::dom::is_heading(tag)
        || matches!(
            *tag,
            local_name!("p")
                | local_name!("li")
                | local_name!("td")
                | local_name!("th")
                | local_name!("dd")
        )
}

/// Blocks between two copies of a short line beyond which the second copy
/// is a recurring label rather than a layout duplicate.
const RECURRING_GAP: usize = 4;

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}
