//! Parsing with bounds, and without the bodies no stage reads.
//!
//! The text goes through two passes before html5ever's tokenizer reads
//! it, and through a filter between the tokenizer and the tree builder:
//!
//! 1. [`guard::attributes`] cuts the attributes of a tag past a cap;
//! 2. [`elide`] leaves out the bodies of comments, style sheets, scripts
//!    other than JSON-LD and `<svg>` drawings, when
//!    [`UnreadContent::Skip`] (the default) asks for it;
//! 3. [`guard::Guard`] keeps the tree within the depth and element
//!    limits.
//!
//! Steps 1 and 3 bound the cost of hostile input and always run; step 2
//! is a speed measure only. [`lex`] holds the byte scans that follow the
//! tokenizer through a tag, shared by steps 1 and 2.

mod elide;
mod guard;
mod lex;

use std::ops::Range;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::TokenizerResult;
use scraper::Html;

use crate::config::{Limits, UnreadContent};
use guard::{Counting, Guard};

/// How much text is handed to the tokenizer at a time.
const CHUNK: usize = 64 * 1024;

/// Parses a whole document within `limits`, leaving out the bodies no
/// stage reads unless `unread` says to parse them. Never fails.
pub(crate) fn parse(text: &str, limits: &Limits, unread: UnreadContent) -> Html {
    // Borrowed unless a tag has more attributes than the cap.
    let text = guard::attributes::cap(text);
    let spans: Vec<Range<usize>> = match unread {
        UnreadContent::Skip => elide::kept(&text),
        UnreadContent::Parse => std::iter::once(0..text.len()).collect(),
    };
    let builder = TreeBuilder::new(
        Counting::new(),
        TreeBuilderOpts {
            // Scripting off: <noscript> content is parsed as markup, which is
            // where lazy-loading pages keep their real <img>.
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
    );
    let tokenizer = Tokenizer::new(Guard::new(builder, limits), TokenizerOpts::default());
    let queue = BufferQueue::default();
    // The kept spans are fed in chunks, so no copy of the whole text is
    // held, and nothing past the element limit is even tokenized.
    for span in spans {
        let mut rest: &str = &text[span];
        while !rest.is_empty() && !tokenizer.sink.full() {
            let mut at = rest.len().min(CHUNK);
            while !rest.is_char_boundary(at) {
                at += 1;
            }
            let (chunk, next) = rest.split_at(at);
            rest = next;
            queue.push_back(StrTendril::from_slice(chunk));
            // The tokenizer pauses after scripts and encoding declarations;
            // the text is already decoded, so both are simply resumed.
            while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
        }
    }
    tokenizer.end();
    tokenizer.sink.into_html()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The visible text of a tree, in order.
    fn text_of(html: &Html) -> String {
        html.root_element().text().collect()
    }

    /// Text cut into chunks anywhere, even inside a character or a tag,
    /// reads as if it came whole, with either setting.
    #[test]
    fn chunks_join_where_they_were_cut() {
        let unit = "<p class=x>é中😀 <b>bold</b></p><script>var a = 1;</script>";
        let page = unit.repeat(3 * CHUNK / unit.len() + 7);
        for unread in [UnreadContent::Skip, UnreadContent::Parse] {
            let html = parse(&page, &Limits::default(), unread);
            let p = scraper::Selector::parse("p > b").unwrap();
            let n = page.len() / unit.len();
            assert_eq!(html.select(&p).count(), n, "{unread:?}");
            assert_eq!(text_of(&html).matches("é中😀 bold").count(), n);
        }
    }

    /// The setting changes the text of scripts, style sheets and
    /// comments, and nothing else.
    #[test]
    fn skipping_unread_bodies_leaves_out_only_those() {
        let page = concat!(
            "<html><head><style>p { color: red }</style>",
            "<script>var secret = 1;</script></head>",
            "<body><!-- note --><p>text <svg><path d='M0'/></svg></p></body></html>"
        );
        let skipped = parse(page, &Limits::default(), UnreadContent::Skip);
        let parsed = parse(page, &Limits::default(), UnreadContent::Parse);
        assert_eq!(text_of(&skipped), "text ");
        assert_eq!(text_of(&parsed), "p { color: red }var secret = 1;text ");
        let shapes = scraper::Selector::parse("path").unwrap();
        assert_eq!(skipped.select(&shapes).count(), 0);
        assert_eq!(parsed.select(&shapes).count(), 1);
        let scripts = scraper::Selector::parse("style, script, svg").unwrap();
        assert_eq!(skipped.select(&scripts).count(), 3);
        assert_eq!(parsed.select(&scripts).count(), 3);
    }

    /// A self-closed `<iframe/>` (a tag manager's in a `<noscript>`)
    /// holds nothing: the markup after it is read as markup, not as the
    /// frame's text. An iframe written out in full keeps its text.
    #[test]
    fn a_self_closed_iframe_holds_nothing() {
        let page = concat!(
            "<html><body><noscript><iframe src='https://t.example/ns' height='0' /></noscript>",
            "<h1>Title</h1><p>The article.</p>",
            // The skipping pass reads the empty frame as the tokenizer
            // does: it does not look for the frame's end in a script.
            "<script>var s = '</iframe><style>';</script><p>Then.</p><style>p {}</style>",
            "<iframe src='/f'>fallback</iframe><p>After.</p></body></html>"
        );
        for unread in [UnreadContent::Skip, UnreadContent::Parse] {
            let html = parse(page, &Limits::default(), unread);
            let p = scraper::Selector::parse("h1, p").unwrap();
            let blocks: Vec<String> = html.select(&p).map(|e| e.text().collect()).collect();
            assert_eq!(
                blocks,
                ["Title", "The article.", "Then.", "After."],
                "{unread:?}"
            );
            let frames = scraper::Selector::parse("iframe").unwrap();
            let texts: Vec<String> = html.select(&frames).map(|e| e.text().collect()).collect();
            assert_eq!(texts, ["", "fallback"], "{unread:?}");
        }
    }
}
