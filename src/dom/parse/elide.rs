//! Leaving out, before the tokenizer reads them, the bodies no stage
//! reads: comments, style sheets, scripts other than JSON-LD, and the
//! shapes inside `<svg>` drawings. A quarter of a typical page's bytes
//! are style sheets and another quarter scripts, text the tokenizer would
//! otherwise read character by character for nothing. A speed measure
//! only ([`UnreadContent::Skip`](crate::UnreadContent::Skip)): the tree
//! is the one a full parse builds but for the text left out
//! (`elision_keeps_the_tree` checks this).
//!
//! The pass follows the tokenizer's states as far as it can be sure of
//! them, and stops at the first doubt: a comment or script the tokenizer
//! may end elsewhere, a CDATA section, `<plaintext>`, MathML, a drawing
//! holding more than its own shapes. The rest of the page is then parsed
//! whole.

use std::ops::Range;

use super::lex::{bogus_comment, closes, name_end, raw_text_end, tag_end, RAW_TEXT};

/// The byte ranges of `text` to parse, in order, in one linear pass:
/// all of it but the bodies that can be left out. Every cut is next to
/// an ASCII `<`, `>` or `-->`, so on char boundaries.
pub(super) fn kept(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let len = b.len();
    let mut out = Vec::new();
    // Where the next kept range starts.
    let mut copied = 0;
    let mut i = 0;
    // Only a `<` can start a tag or a comment: jump from one to the next.
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off;
        if b[i..].starts_with(b"<!--") {
            let body = i + 4;
            let end = memchr::memmem::find(&b[body..], b"-->").map(|at| body + at);
            match end {
                Some(end) if comment_elidable(&b[body..end]) => {
                    out.push(copied..body);
                    copied = end;
                    i = end;
                    continue;
                }
                // A comment that may end elsewhere (or never).
                _ => break,
            }
        }
        if bogus_comment(b, i) {
            // A CDATA section ends elsewhere in a drawing.
            if b[i..].starts_with(b"<![CDATA[") {
                break;
            }
            match memchr::memchr(b'>', &b[i + 1..]) {
                Some(at) => i += 1 + at + 1,
                None => break,
            }
            continue;
        }
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            // A `<` in text, or an end tag.
            i += 1;
            continue;
        }
        let tag_start = i;
        let name_at = i + 1;
        let name = &b[name_at..name_end(b, name_at, len)];
        let (gt, self_closing) = tag_end(b, name_at + name.len());
        if gt >= len {
            break;
        }
        i = gt + 1;
        // A self-closed `<iframe/>` holds nothing (the guard closes it).
        let empty_frame = self_closing && name.eq_ignore_ascii_case(b"iframe");
        if RAW_TEXT.iter().any(|r| name.eq_ignore_ascii_case(r)) && !empty_frame {
            let end = raw_text_end(b, i, name);
            // Where the tokenizer ends the element's text, for certain?
            let exact = end < len
                && closes(b, end, name)
                && !(name.eq_ignore_ascii_case(b"script") && escaped_script(&b[i..end]));
            if !exact {
                break;
            }
            if elidable(b, name, tag_start..gt) {
                out.push(copied..i);
                copied = end;
            }
            i = end;
        } else if name.eq_ignore_ascii_case(b"plaintext") || name.eq_ignore_ascii_case(b"math") {
            // The rest of the page is text, or read by other rules.
            break;
        } else if name.eq_ignore_ascii_case(b"svg") && !self_closing {
            // A drawing's shapes are never text of the page: its content
            // is left out, its element kept. Text in it (a label, an
            // avatar's initials) is kept, as a removal report quotes it.
            match svg_end(b, i) {
                SvgEnd::Shapes(close) => {
                    out.push(copied..i);
                    copied = close;
                    i = close;
                }
                SvgEnd::Text(close) => i = close,
                SvgEnd::Unsure => break,
            }
        }
    }
    out.push(copied..len);
    out
}

/// Whether a raw-text element's body can be left out of the parse:
/// nothing reads the text of a style sheet or of a script other than
/// JSON-LD. A script may be JSON-LD when its start tag (`tag`) says
/// `ld+json` anywhere, or holds a character reference, which could spell
/// it (`type="application/ld&#x2B;json"`).
fn elidable(b: &[u8], name: &[u8], tag: Range<usize>) -> bool {
    let tag = &b[tag];
    name.eq_ignore_ascii_case(b"style")
        || (name.eq_ignore_ascii_case(b"script")
            && memchr::memchr(b'&', tag).is_none()
            && !tag.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json")))
}

/// Whether a script's body may not end at its first `</script`: after a
/// `<!--` and a `<script`, the tokenizer's double-escaped state reads
/// that end tag as text.
fn escaped_script(body: &[u8]) -> bool {
    memchr::memmem::find(body, b"<!--").is_some_and(|at| {
        body[at..]
            .windows(7)
            .any(|w| w.eq_ignore_ascii_case(b"<script"))
    })
}

/// Whether a comment's body (between `<!--` and the first `-->`) ends
/// where the tokenizer ends it: not at once (`<!-->`, `<!--->`) nor at
/// a `--!>`. Nothing reads comments.
fn comment_elidable(body: &[u8]) -> bool {
    !body.starts_with(b">")
        && !body.starts_with(b"->")
        && memchr::memmem::find(body, b"--!>").is_none()
}

/// Where an `<svg>`'s content ends, and what it holds.
enum SvgEnd {
    /// At its `</svg`, holding only shapes (and white space).
    Shapes(usize),
    /// At its `</svg`, holding text besides.
    Text(usize),
    /// Somewhere the tokenizer or the tree builder could read differently
    /// from a plain nest of the drawing's own elements: a comment, a CDATA
    /// section, an HTML tag (which may break out of the drawing), an end
    /// tag closing nothing inside it (which may close elements outside),
    /// a tag cut off by the end of the page, or no `</svg` at all.
    Unsure,
}

/// Finds the end of the content of an `<svg>` that starts at `from`,
/// following the drawing's own elements as they open and close.
fn svg_end(b: &[u8], from: usize) -> SvgEnd {
    let len = b.len();
    let mut open: Vec<&[u8]> = Vec::new();
    let mut text = false;
    let mut at = from;
    while let Some(off) = memchr::memchr(b'<', &b[at..]) {
        let lt = at + off;
        text = text || !b[at..lt].iter().all(u8::is_ascii_whitespace);
        let closing = b.get(lt + 1) == Some(&b'/');
        let name_at = lt + 1 + usize::from(closing);
        match b.get(lt + 1) {
            Some(b'!' | b'?') => return SvgEnd::Unsure,
            _ if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) => {
                if closing {
                    return SvgEnd::Unsure;
                }
                // A `<` in text.
                text = true;
                at = lt + 1;
                continue;
            }
            _ => {}
        }
        let name = &b[name_at..name_end(b, name_at, len)];
        let (gt, self_closing) = tag_end(b, name_at + name.len());
        if gt >= len {
            return SvgEnd::Unsure;
        }
        if closing {
            if name.eq_ignore_ascii_case(b"svg") {
                return if text {
                    SvgEnd::Text(lt)
                } else {
                    SvgEnd::Shapes(lt)
                };
            }
            match open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                Some(p) => open.truncate(p),
                None => return SvgEnd::Unsure,
            }
        } else {
            if !is_drawing_element(name) {
                return SvgEnd::Unsure;
            }
            if !self_closing {
                open.push(name);
            }
        }
        at = gt + 1;
    }
    SvgEnd::Unsure
}

/// SVG's own element names (lower-cased as the tokenizer reads them;
/// filter primitives all start with `fe`), but for `title`, `desc` and
/// `foreignObject`, inside which the tree builder reads HTML.
fn is_drawing_element(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"a",
        b"animate",
        b"animatemotion",
        b"animatetransform",
        b"circle",
        b"clippath",
        b"defs",
        b"ellipse",
        b"filter",
        b"g",
        b"image",
        b"line",
        b"lineargradient",
        b"marker",
        b"mask",
        b"metadata",
        b"path",
        b"pattern",
        b"polygon",
        b"polyline",
        b"radialgradient",
        b"rect",
        b"set",
        b"stop",
        b"switch",
        b"symbol",
        b"text",
        b"textpath",
        b"tspan",
        b"use",
        b"view",
    ];
    (name.len() > 2 && name[..2].eq_ignore_ascii_case(b"fe"))
        || NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use scraper::Html;

    use super::*;
    use crate::config::{Limits, UnreadContent};
    use crate::dom::parse::parse;

    /// `text` without the bodies left out, borrowed when none are.
    fn leave_out_bodies(text: &str) -> Cow<'_, str> {
        let kept = kept(text);
        if kept.len() == 1 {
            return Cow::Borrowed(text);
        }
        Cow::Owned(kept.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn style_and_script_bodies_are_left_out_json_ld_is_not() {
        let page = concat!(
            "<head><style>p { color: red }</style>",
            "<script>var a = '<p>not text</p>';</script>",
            "<script type=\"application/LD+JSON\">{\"@type\": \"Article\"}</script>",
            "</head><body><p>kept</p></body>"
        );
        let out = leave_out_bodies(page);
        assert!(!out.contains("color") && !out.contains("not text"), "{out}");
        assert!(out.contains("<style></style>") && out.contains("<script></script>"));
        assert!(out.contains("{\"@type\": \"Article\"}") && out.contains("<p>kept</p>"));
        // The same tree but for the left-out text.
        let html = parse(page, &Limits::default(), UnreadContent::Skip);
        let p = scraper::Selector::parse("p").unwrap();
        assert_eq!(html.select(&p).count(), 1);
        let ld = scraper::Selector::parse("script[type]").unwrap();
        assert!(html
            .select(&ld)
            .next()
            .unwrap()
            .inner_html()
            .contains("Article"));
    }

    #[test]
    fn bodies_the_tokenizer_could_end_elsewhere_are_kept() {
        for page in [
            // Escaped script states: the end tag inside a comment.
            "<script><!-- document.write('<script></script>') --></script><p>x</p>",
            // Not an end tag: `</scripts`.
            "<script>a = '</scripts>'; b = 1;</script><p>x</p>",
            // No end tag at all.
            "<style>p { color: red }",
        ] {
            assert!(matches!(leave_out_bodies(page), Cow::Borrowed(_)), "{page}");
        }
        // Upper case and attributes on the end tag end the body as usual.
        let page = "<STYLE media=x>a{}</STYLE ><p>x</p>";
        assert_eq!(leave_out_bodies(page), "<STYLE media=x></STYLE ><p>x</p>");
    }

    /// Past the first body in doubt nothing is left out: the pass no
    /// longer knows which state the tokenizer is in.
    #[test]
    fn nothing_is_left_out_past_the_first_doubt() {
        let later = "<style>a{}</style><!-- c --><svg><path/></svg>";
        for doubt in [
            "<!-- a --!> b -->",
            "<![CDATA[x]]>",
            "<math><mi>x</mi></math>",
            "<plaintext>",
            "<script>a = '</scripts>'</script>",
            "<svg><p>x</p></svg>",
        ] {
            let page = format!("<style>a{{}}</style>{doubt}{later}");
            assert_eq!(
                leave_out_bodies(&page),
                format!("<style></style>{doubt}{later}"),
                "{doubt}"
            );
        }
    }

    #[test]
    fn comment_bodies_are_left_out_where_they_end_as_the_tokenizer_ends_them() {
        let page = "<p>a</p><!-- <p>old</p> --><p>b</p>";
        assert_eq!(leave_out_bodies(page), "<p>a</p><!----><p>b</p>");
        for page in [
            "<!--><p>shown</p>-->",
            "<!---><p>shown</p>-->",
            "<!-- a --!><p>shown</p>-->",
        ] {
            assert!(matches!(leave_out_bodies(page), Cow::Borrowed(_)), "{page}");
            let html = parse(page, &Limits::default(), UnreadContent::Skip);
            assert!(html.root_element().text().any(|t| t == "shown"), "{page}");
        }
    }

    #[test]
    fn drawings_are_emptied_unless_their_end_is_in_doubt() {
        let page = "<p>a<svg viewBox='0 0 9 9'><path d='M0 0L9 9'/><g><circle r=1 /></g></SVG><b>b</b></p>";
        assert_eq!(
            leave_out_bodies(page),
            "<p>a<svg viewBox='0 0 9 9'></SVG><b>b</b></p>"
        );
        // An end in doubt (a comment, a raw-text element first), a
        // self-closed or an unclosed drawing: its content stays.
        for (page, kept) in [
            ("<svg><!-- </svg> --><path/></svg>", "<path/>"),
            ("<svg><style>a{}</style><path/></svg>", "<path/>"),
            ("<svg/><p>x</p></svg>", "<p>x</p>"),
            ("<svg><svg><path/></svg><p>after</p></svg>", "<path/>"),
            ("<svg><path/><p>out</p></svg>", "<p>out</p>"),
            ("<svg><g><div>out</div></g></svg>", "<div>out</div>"),
            ("<svg><path/></br>out</svg>", "</br>out"),
            (
                "<svg><foreignObject><span>x</span></foreignObject></svg>",
                "<span>x</span>",
            ),
            ("<svg><path/>", "<path/>"),
        ] {
            assert!(leave_out_bodies(page).contains(kept), "{page}");
        }
    }

    /// A drawing holding text keeps it (a removal report quotes it), and
    /// the pass goes on past the drawing.
    #[test]
    fn drawings_with_text_are_kept_and_passed() {
        for drawing in [
            "<svg><text x=1>FM</text></svg>",
            "<svg><a><tspan>,</tspan></a></svg>",
            "<svg><g>stray</g></svg>",
            "<svg><text>a < b</text></svg>",
        ] {
            let page = format!("{drawing}<style>a{{}}</style>");
            assert_eq!(
                leave_out_bodies(&page),
                format!("{drawing}<style></style>"),
                "{drawing}"
            );
        }
        // Only white space between the shapes: emptied.
        assert_eq!(leave_out_bodies("<svg>\n  <path/>\n</svg>"), "<svg></svg>");
    }

    /// A character reference in a script's start tag could spell
    /// `ld+json`: the body is kept, as is the JSON-LD it may be.
    #[test]
    fn scripts_typed_with_character_references_are_kept() {
        let page = concat!(
            r#"<script type="application/ld&#x2B;json">{"@type":"Article"}</script>"#,
            "<script>var a = 1;</script>",
        );
        assert_eq!(
            leave_out_bodies(page),
            concat!(
                r#"<script type="application/ld&#x2B;json">{"@type":"Article"}</script>"#,
                "<script></script>",
            )
        );
        let html = parse(page, &Limits::default(), UnreadContent::Skip);
        let ld = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
        let json: String = html.select(&ld).flat_map(|s| s.text()).collect();
        assert_eq!(json, r#"{"@type":"Article"}"#);
    }

    /// The tree without what the elision may leave out: comments, the
    /// content of scripts, style sheets and drawings.
    fn shape(html: &Html) -> Vec<String> {
        use ego_tree::iter::Edge;
        let mut out = Vec::new();
        let mut skip: Option<ego_tree::NodeId> = None;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) if skip.is_none() => match node.value() {
                    scraper::Node::Element(e) => {
                        let mut attrs: Vec<_> = e.attrs().collect();
                        attrs.sort();
                        out.push(format!("<{} {attrs:?}>", e.name()));
                        if matches!(e.name(), "script" | "style" | "svg") {
                            skip = Some(node.id());
                        }
                    }
                    scraper::Node::Text(t) => out.push(format!("{:?}", &**t)),
                    _ => {}
                },
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                    }
                    if skip.is_none() && node.value().is_element() {
                        out.push("</>".to_string());
                    }
                }
                _ => {}
            }
        }
        out
    }

    const SOUP: &[&str] = &[
        "<p>",
        "</p>",
        "text ",
        "<div class=a>",
        "</div>",
        "<b>",
        "</b>",
        "<br>",
        "</br>",
        "<script>",
        "</script>",
        "</script >",
        "</scripts>",
        "<script type=application/ld+json>",
        "<style>",
        "</style>",
        "<!--",
        "-->",
        "--!>",
        "<!-->",
        "<!",
        "<svg>",
        "</svg>",
        "<svg/>",
        "<path d='M0'/>",
        "<g>",
        "</g>",
        "<title>",
        "</title>",
        "<math>",
        "<mi>",
        "<foreignObject>",
        "<span>",
        "<table><tr><td>",
        "<textarea>",
        "</textarea>",
        "<noscript>",
        "</noscript>",
        "<template>",
        "</template>",
        "<",
        ">",
        "'",
        "\"",
        "a<b",
        "<?xml?>",
        "<![CDATA[",
        "]]>",
        "<img src=x>",
        "<font color=red>",
        "<desc>",
        "<circle/>",
        "</title >",
        "<STYLE>",
        "<Script>",
        "</SCRIPT>",
        "<xmp>",
        "</xmp>",
        "<iframe>",
        "</iframe>",
        "<plaintext>",
        "<noembed>",
        "</noembed>",
        "<!DOCTYPE html>",
        "</ >",
        "</>",
        "<script><!--",
        "--><script>",
        "<p a='>'>",
        "<path d=M0/>",
        "<g x='/>'>",
        "</path>",
        "<rect>",
        "</rect>",
        "<svg viewBox='0 0 1 1'>",
    ];

    proptest::proptest! {
        // Seeds of past failures are kept with the tests:
        // tests/proptest-regressions/dom/parse/elide.txt.
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 512,
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::SourceParallel(
                    "tests/proptest-regressions",
                ),
            )),
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// Leaving bodies out changes nothing but what it leaves out.
        #[test]
        fn elision_keeps_the_tree(picks in proptest::collection::vec(0..SOUP.len(), 0..60)) {
            let page: String = picks.iter().map(|&k| SOUP[k]).collect();
            let limits = Limits::default();
            let kept = shape(&parse(&page, &limits, UnreadContent::Parse));
            let elided = shape(&parse(&page, &limits, UnreadContent::Skip));
            proptest::prop_assert_eq!(kept, elided, "{}", page);
        }
    }
}
