//! The text of a subtree, and the normal form short lines are matched in.

use super::tags::is_code;
use super::{Dom, Ix};

/// The whitespace-collapsed text of a subtree; code inside it (an inline
/// script or style) is not its text.
pub(crate) fn text_of(dom: &Dom, ix: Ix) -> String {
    let mut out = String::new();
    for d in ix..dom.end(ix) {
        if dom.parent(d).and_then(|p| dom.tag(p)).is_some_and(is_code) {
            continue;
        }
        if let Some(t) = dom.text(d) {
            for w in t.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
            }
        }
    }
    out
}

/// Lower-cased text without surrounding punctuation, for matching short
/// lines against vocabularies.
pub(crate) fn normalized(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
/// Whether a text ends like a sentence.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '»' | '」' | '』')
    });
    t.ends_with(['.', '!', '?', '。', '！', '？'])
}
