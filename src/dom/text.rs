//! The text of a subtree, and the normal form short lines are matched in.

use super::tags::is_code;
use super::{Dom, Ix};

/// The whitespace-collapsed text of a subtree; code inside it (an inline
/// script or style) is not its text.
pub(crate) fn text_of(dom: &Dom, ix: Ix) -> String {
    let mut out = String::new();
    for t in texts_of(dom, ix) {
        for w in t.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// The text nodes of a subtree that [`text_of`] reads, in order: for a
/// caller that reads their words without the joined copy. Only text nodes
/// are looked up in the tree; on a page-sized subtree most nodes are
/// elements.
pub(crate) fn texts_of(dom: &Dom, ix: Ix) -> impl Iterator<Item = &str> {
    (ix..dom.end(ix))
        .filter(|&d| dom.is_text(d))
        .filter(|&d| !dom.parent(d).and_then(|p| dom.tag(p)).is_some_and(is_code))
        .filter_map(|d| dom.text(d))
}

/// Whether `name` (a class name, a field's name) holds `word`, ASCII case
/// ignored, without allocating: class names are read on every element of
/// every reading.
pub(crate) fn names_word(name: &str, word: &str) -> bool {
    let (name, word) = (name.as_bytes(), word.as_bytes());
    let Some(&first) = word.first() else {
        return true;
    };
    // Only where the word's first letter stands, in either case, can it
    // start.
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), name).any(|at| {
        name[at..]
            .get(..word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    })
}

/// Lower-cased text without surrounding punctuation, for matching short
/// lines against vocabularies.
pub(crate) fn normalized(text: &str) -> String {
    let lower = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // The words joined by single spaces, written straight into one string:
    // every block's short line is normalized, and a list of its words to
    // join was most of the cost.
    let mut out = String::with_capacity(lower.len());
    for w in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
/// Whether a text ends like a sentence.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '»' | '」' | '』')
    });
    t.ends_with(['.', '!', '?', '。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::names_word;

    #[test]
    fn a_class_name_holds_a_word_whatever_its_case() {
        assert!(names_word("wp-caption-text", "caption"));
        assert!(names_word("ImageCaption", "caption"));
        assert!(names_word("EMOJI", "emoji"));
        assert!(names_word("cap-Caption", "caption"));
        assert!(names_word("ccaption", "caption"));
        assert!(!names_word("cap caption-less", "captions"));
        assert!(!names_word("capt", "caption"));
        assert!(!names_word("", "icon"));
        assert!(!names_word("lexicon-entry", "emoji"));
    }
}
