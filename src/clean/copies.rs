//! Copies: an element whose text the page holds twice, word for word (the
//! description a responsive layout writes once for wide screens and once
//! for narrow ones, hiding one of them with a style sheet).

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use super::anchor::words;
use crate::dom::{texts_of, Dom, Ix};

/// Fewest characters (not counting spaces) of a text read as a copy of
/// text the page holds elsewhere: a sentence or two. Shorter lines (a
/// label, a price, a button) recur on any page.
const MIN_COPY_CHARS: u32 = 80;

/// Elements tested in one reading of a page: a responsive layout's copies
/// are a few, and each test reads the element's text and searches the
/// page's.
const MAX_TESTS: usize = 64;

/// The page's text, read once when an element is first tested, the
/// answers given so far (each pass over the page asks again) and the texts
/// already read as copies, with how many of each.
///
/// This is the element-level test, for hidden elements a reading keeps:
/// their copy is taken out before the content is chosen. A copy that no
/// rule hides is left to the block-level test of repeated passages
/// (`repeats::layout_copies`), which asks for longer paragraphs.
pub(super) struct Copies<'a> {
    /// Each element's characters of text, not counting spaces.
    chars: &'a [u32],
    page: OnceCell<String>,
    tested: RefCell<HashMap<Ix, bool>>,
    taken: RefCell<HashMap<String, usize>>,
}

impl<'a> Copies<'a> {
    pub fn new(chars: &'a [u32]) -> Self {
        Copies {
            chars,
            page: OnceCell::new(),
            tested: RefCell::new(HashMap::new()),
            taken: RefCell::new(HashMap::new()),
        }
    }

    /// Whether the element's text, long enough not to recur by chance, is
    /// written again elsewhere in the page, word for word (case and
    /// punctuation aside), in a copy not already read as one: of two
    /// hidden copies and no shown one, the second is kept. Past
    /// [`MAX_TESTS`] elements, none is a copy.
    pub fn copied(&self, dom: &Dom, ix: Ix) -> bool {
        if self
            .chars
            .get(ix as usize)
            .is_none_or(|&c| c < MIN_COPY_CHARS)
        {
            return false;
        }
        let mut tested = self.tested.borrow_mut();
        if let Some(&copy) = tested.get(&ix) {
            return copy;
        }
        if tested.len() >= MAX_TESTS {
            return false;
        }
        let mine = word_line(texts_of(dom, ix));
        // Text without a word (stars, rules of dashes) is no passage.
        if mine.len() <= 1 {
            tested.insert(ix, false);
            return false;
        }
        let page = self
            .page
            .get_or_init(|| word_line(texts_of(dom, dom.body())));
        let mut taken = self.taken.borrow_mut();
        let before = taken.get(&mine).copied().unwrap_or(0);
        // This element's text, the others taken out, and one more.
        let copy = occurrences(page, &mine, before + 2) >= before + 2;
        if copy {
            *taken.entry(mine).or_insert(0) += 1;
        }
        tested.insert(ix, copy);
        copy
    }
}

/// How many times `line` (a [`word_line`]) stands in `page`, counted up
/// to `most`. Two passages side by side share the space between them, and
/// no more: a text repeating a pattern (a ticker) does not match itself
/// shifted. The search is memchr's vectorised one, built once per line:
/// the page can be megabytes long and is searched for every tested
/// element.
fn occurrences(page: &str, line: &str, most: usize) -> usize {
    let finder = memchr::memmem::Finder::new(line.as_bytes());
    let page = page.as_bytes();
    let mut from = 0;
    let mut n = 0;
    while n < most {
        let Some(at) = finder.find(&page[from..]) else {
            break;
        };
        n += 1;
        // The line's closing space: an ASCII byte, so a char boundary.
        from += at + line.len() - 1;
    }
    n
}

/// The words of the texts, lower-cased, each followed by a space and the
/// first preceded by one: a line in which a whole-word passage is a
/// substring. The texts are read in place, not joined first (a word never
/// spans two of them, as in [`text_of`](crate::dom::text_of)'s joined
/// text): the page's line is made from the whole page's text.
fn word_line<'t>(texts: impl Iterator<Item = &'t str>) -> String {
    let mut line = String::from(" ");
    for text in texts {
        if text.is_ascii() {
            push_ascii_words(&mut line, text);
            continue;
        }
        for w in words(text) {
            line.extend(w.chars().flat_map(char::to_lowercase));
            line.push(' ');
        }
    }
    line
}

/// [`word_line`]'s words of an ASCII text, found byte by byte: for ASCII,
/// a letter or digit (`char::is_alphanumeric`) is an ASCII one, and its
/// lower case is its ASCII lower case. Most of a page's text is ASCII,
/// and decoding it character by character costs more than the rest.
fn push_ascii_words(line: &mut String, text: &str) {
    let mut push = |word: &str| {
        let start = line.len();
        line.push_str(word);
        line[start..].make_ascii_lowercase();
        line.push(' ');
    };
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        match (b.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(&text[s..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Limits;
    use crate::dom::Measures;

    fn page(body: &str) -> (Dom, Measures) {
        let dom = Dom::parse(&format!("<body>{body}</body>"), &Limits::default());
        let raw = Measures::new(&dom, |_| true);
        (dom, raw)
    }

    fn by_id(dom: &Dom, id: &str) -> Ix {
        (0..dom.len() as Ix)
            .find(|&ix| dom.attr(ix, "id") == Some(id))
            .expect("element with the id")
    }

    /// Whether the element with `id` in `body` is a copy.
    fn copied(body: &str, id: &str) -> bool {
        let (dom, raw) = page(body);
        Copies::new(&raw.chars).copied(&dom, by_id(&dom, id))
    }

    const DESCRIPTION: &str = "<p>Ninety-six pages of heavy cream paper that takes pencil, \
        ink and a light wash.</p><ul><li>An elastic band</li><li>A pencil loop</li></ul>";

    #[test]
    fn a_passage_written_twice_is_a_copy() {
        let body =
            format!("<div>{DESCRIPTION}</div><button>Buy</button><div id=c>{DESCRIPTION}</div>");
        assert!(copied(&body, "c"));
    }

    #[test]
    fn case_spacing_and_punctuation_do_not_tell_copies_apart() {
        let other = DESCRIPTION.to_uppercase().replace(", ", " -  ");
        let body = format!("<div>{DESCRIPTION}</div><div id=c>{other}</div>");
        assert!(copied(&body, "c"));
    }

    #[test]
    fn a_passage_written_once_is_not() {
        let body = format!(
            "<div>{DESCRIPTION}</div><div id=c><p>Rewax the cover once a year with a bar of \
             dressing wax, warmed and rubbed in with a soft cloth.</p></div>"
        );
        assert!(!copied(&body, "c"));
    }

    #[test]
    fn a_passage_that_only_begins_like_another_is_not() {
        let longer = DESCRIPTION.replace("An elastic band", "An elastic band and a ribbon");
        let body = format!("<div>{DESCRIPTION}</div><div id=c>{longer}</div>");
        assert!(!copied(&body, "c"));
    }

    #[test]
    fn a_short_line_met_twice_is_not() {
        assert!(!copied(
            "<p>Free returns within 30 days.</p><p id=c>Free returns within 30 days.</p>",
            "c"
        ));
    }

    #[test]
    fn words_are_matched_whole() {
        // The element's words are inside the page's, but not as whole
        // words: "paper" in "newspaper".
        let text =
            "paper that takes pencil, ink and a light wash without cockling on any day of the week";
        let body = format!("<p>The newspaper that takes pencil, ink and a light wash without cockling on any day of the week</p><p id=c>{text}</p>");
        assert!(!copied(&body, "c"));
    }

    #[test]
    fn of_two_copies_tested_the_second_is_kept() {
        // Both copies hidden, none shown: one is taken as the other's copy,
        // and the other then stands alone.
        let body = format!("<div id=a>{DESCRIPTION}</div><div id=b>{DESCRIPTION}</div>");
        let (dom, raw) = page(&body);
        let copies = Copies::new(&raw.chars);
        let by_id = |id: &str| by_id(&dom, id);
        assert!(copies.copied(&dom, by_id("a")));
        assert!(!copies.copied(&dom, by_id("b")));
        // Asked again (another pass over the page), the answers hold.
        assert!(copies.copied(&dom, by_id("a")));
        assert!(!copies.copied(&dom, by_id("b")));
    }

    #[test]
    fn a_repeating_pattern_does_not_match_itself_shifted() {
        // " a b a " stands in " a b a b a " twice if matches may overlap
        // by more than the space between two passages.
        assert_eq!(occurrences(" a b a b a ", " a b a ", 5), 1);
        assert_eq!(occurrences(" a b a a b a ", " a b a ", 5), 2);
    }

    #[test]
    fn ascii_words_are_read_as_any_text_is() {
        // The plain definition: every run of letters and digits, lower-cased.
        let plain = |text: &str| -> String {
            let mut line = String::from(" ");
            for w in words(text) {
                line.extend(w.chars().flat_map(char::to_lowercase));
                line.push(' ');
            }
            line
        };
        for text in [
            "",
            " ",
            "Word",
            "  Two  WORDS, then-a_dash!\n\tX9 ",
            "end.",
            "..a..b..",
            "Caf\u{e9} au lait",
            "\u{130}stanbul \u{3a3}\u{39f}\u{3a6}\u{399}\u{391}",
        ] {
            assert_eq!(word_line([text].into_iter()), plain(text), "{text:?}");
        }
        // Texts are read one after the other, as their joined text is.
        assert_eq!(word_line(["Half", "Word"].into_iter()), " half word ");
    }

    #[test]
    fn text_without_words_is_no_copy() {
        let stars = "★ ".repeat(50);
        assert!(!copied(&format!("<p>{stars}</p><p id=c>{stars}</p>"), "c"));
    }

    #[test]
    fn tests_stop_at_the_bound() {
        // More hidden texts than the bound, each written twice: the last
        // is no longer searched.
        let mut body = String::new();
        for i in 0..=MAX_TESTS {
            let p = format!("<p>Paragraph number {i} of the page, long enough to be read as a sentence or two of the prose of the page.</p>");
            body.push_str(&format!("{p}<div id=c{i}>{p}</div>"));
        }
        let (dom, raw) = page(&body);
        let copies = Copies::new(&raw.chars);
        let by_id = |id: &str| by_id(&dom, id);
        for i in 0..MAX_TESTS {
            assert!(copies.copied(&dom, by_id(&format!("c{i}"))), "copy {i}");
        }
        assert!(!copies.copied(&dom, by_id(&format!("c{MAX_TESTS}"))));
        // An element already tested keeps its answer.
        assert!(copies.copied(&dom, by_id("c0")));
    }
}
