//! A word list searched in one pass over a text.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// A list of lower-cased words or phrases, and the automaton that finds
/// any of them anywhere in a text (substrings, not whole words), built
/// on first use. One pass over the text instead of one search a phrase:
/// the lists are asked of every element's names and every block.
pub(crate) struct Phrases {
    list: &'static [&'static str],
    automaton: OnceLock<AhoCorasick>,
}

impl Phrases {
    pub(crate) const fn new(list: &'static [&'static str]) -> Self {
        Phrases {
            list,
            automaton: OnceLock::new(),
        }
    }

    fn automaton(&self) -> &AhoCorasick {
        self.automaton.get_or_init(|| {
            // The texts are short (class names, short blocks): a DFA
            // without a prefilter's start-up reads them fastest.
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .prefilter(false)
                .build(self.list)
                .expect("a word list builds an automaton")
        })
    }

    /// Whether `text` holds one of the phrases.
    pub(crate) fn in_text(&self, text: &str) -> bool {
        self.automaton().is_match(text)
    }

    /// How many different phrases of the list `text` holds (each counted
    /// once however often it occurs).
    pub(crate) fn distinct_in(&self, text: &str) -> usize {
        // Most texts hold none: one pass says so; the few that hold one
        // are counted phrase by phrase.
        if !self.in_text(text) {
            return 0;
        }
        self.list.iter().filter(|p| text.contains(*p)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static LIST: Phrases = Phrases::new(&["post", "entry", "main content", "é-mail"]);

    #[test]
    fn finds_any_phrase_as_a_substring() {
        assert!(LIST.in_text("blog-post-body"));
        assert!(LIST.in_text("the main content here"));
        assert!(LIST.in_text("entry"));
        assert!(LIST.in_text("an é-mail"));
        assert!(!LIST.in_text("sidebar widget"));
        assert!(!LIST.in_text("main  content"));
        assert!(!LIST.in_text("pos"));
        assert!(!LIST.in_text(""));
    }

    #[test]
    fn counts_each_phrase_once_even_when_they_overlap() {
        static NETWORKS: Phrases = Phrases::new(&["book", "facebook", "face", "tok"]);
        assert_eq!(NETWORKS.distinct_in("facebook facebook"), 3);
        assert_eq!(NETWORKS.distinct_in("tiktok, a book"), 2);
        assert_eq!(NETWORKS.distinct_in("nothing here"), 0);
    }
}
