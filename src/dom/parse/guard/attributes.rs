//! The attribute cap: html5ever checks each attribute of a tag against
//! the ones before it, so a tag's cost is quadratic in its attribute
//! count (one tag with 100 000 attributes took 5.5 s). Real tags have a
//! handful; past [`MAX_ATTRIBUTES`] they are cut from the text before the
//! tokenizer reads it.

use std::borrow::Cow;

use crate::dom::parse::lex::{
    bogus_comment, name_end, next_attribute, raw_text_end, skip_attribute, RAW_TEXT,
};

/// Most attributes read on one tag.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// `text` without the attributes past [`MAX_ATTRIBUTES`] of any start
/// tag, in one linear pass that follows the tokenizer's tag states;
/// borrowed when no tag has that many. Inside a raw-text element (a
/// script, a JSON-LD blob, a style) and inside a comment the cap applies
/// too, since the tree builder may still read that content as markup (in
/// `<svg>`, say), but a cut there never reaches past the element's end
/// tag.
pub(crate) fn cap(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let len = b.len();
    let mut out = String::new();
    // Where the next kept range starts.
    let mut copied = 0;
    let mut i = 0;
    // Where the raw-text element or comment being read ends.
    let mut end = len;
    // Raw-text elements (and, last, comments) known to have no end below.
    let mut unclosed = [false; RAW_TEXT.len() + 1];
    // Only a `<` can start a tag or a comment: jump from one to the next.
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off;
        if i >= end {
            end = len;
        }
        if end == len && b[i..].starts_with(b"<!--") {
            // Each search that fails is not made again: no later one could
            // succeed, and repeating it would make the pass quadratic.
            if !unclosed[RAW_TEXT.len()] {
                end = memchr::memmem::find(&b[i + 4..], b"-->").map_or(len, |at| i + 4 + at);
                unclosed[RAW_TEXT.len()] = end == len;
            }
            i += 4;
            continue;
        }
        // Read as the tokenizer reads it, a bogus comment cannot hide a
        // tag from the cap (as `<!x "<p a=">` would, the cap taking the
        // rest for a quoted value).
        if end == len && bogus_comment(b, i) {
            match memchr::memchr(b'>', &b[i + 1..]) {
                Some(at) => i += 1 + at + 1,
                // No tag ends past here: the tokenizer drops an unfinished one.
                None => break,
            }
            continue;
        }
        if i + 1 >= end || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let name_at = i + 1;
        i = name_end(b, name_at, end);
        let name = &b[name_at..i];
        let (mut attrs, mut cut) = (0, None);
        loop {
            i = next_attribute(b, i, end);
            if i >= end || b[i] == b'>' {
                break;
            }
            attrs += 1;
            if attrs > MAX_ATTRIBUTES && cut.is_none() {
                cut = Some(i);
            }
            i = skip_attribute(b, i, end);
        }
        // Cuts start at an attribute and end at the tag's `>` (or where
        // the text being read ends): on char boundaries.
        if let Some(cut) = cut {
            out.push_str(&text[copied..cut]);
            copied = i;
        }
        let raw = RAW_TEXT.iter().position(|r| name.eq_ignore_ascii_case(r));
        if let Some(k) = raw.filter(|&k| end == len && !unclosed[k]) {
            end = raw_text_end(b, i, name);
            unclosed[k] = end == len;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Limits, UnreadContent};
    use crate::dom::parse::parse;

    /// Regression: one tag with 100 000 attributes took 5.5 s (html5ever
    /// compares each attribute with all the earlier ones); 16 MiB of them
    /// would have taken half an hour.
    #[test]
    fn attributes_past_the_cap_are_dropped() {
        let mut doc = String::from("<div id=keep");
        for i in 0..20_000 {
            doc.push_str(&format!(" a{i}=\"v > {i}\" b{i}='x' c{i}=y/"));
        }
        doc.push_str("><p>after</p></div><span title=t>s</span>");
        let capped = cap(&doc);
        assert!(capped.len() < 20_000, "{} bytes left", capped.len());
        // The cap holds whether or not unread bodies are left out.
        let page = format!("<style>p {{}}</style><!-- c -->{doc}");
        for unread in [UnreadContent::Skip, UnreadContent::Parse] {
            let html = parse(&page, &Limits::default(), unread);
            let div = html
                .select(&scraper::Selector::parse("div").unwrap())
                .next()
                .unwrap();
            assert_eq!(div.value().attrs().count(), MAX_ATTRIBUTES);
            assert_eq!(div.value().attr("id"), Some("keep"));
            assert!(html.root_element().text().any(|t| t == "after"));
            let span = html
                .select(&scraper::Selector::parse("span").unwrap())
                .next()
                .unwrap();
            assert_eq!(span.value().attr("title"), Some("t"));
        }
        // Pages without such tags are passed through untouched.
        let page = "<p class=a>x < y and <b>bold</b> é</p>";
        assert!(matches!(cap(page), Cow::Borrowed(_)));
    }

    /// A bogus comment is read to its `>`, as the tokenizer reads it: a
    /// quote inside it cannot hide the tag after it from the cap.
    #[test]
    fn bogus_comments_do_not_hide_tags() {
        let attributes: String = (0..2_000).map(|i| format!(" a{i}")).collect();
        for bogus in ["<!x \"<p a=\">", "<? \"<p a=\">", "</ \"<p a=\">"] {
            let page = format!("{bogus}<div{attributes}>text</div>\"");
            for unread in [UnreadContent::Skip, UnreadContent::Parse] {
                let html = parse(&page, &Limits::default(), unread);
                let div = html
                    .select(&scraper::Selector::parse("div").unwrap())
                    .next()
                    .unwrap();
                assert_eq!(div.value().attrs().count(), MAX_ATTRIBUTES, "{bogus}");
            }
        }
    }

    /// The cap never cuts a script, JSON-LD blob, style or comment past
    /// its end, and still applies inside them (in <svg> a script is markup).
    #[test]
    fn attribute_cap_stops_at_the_end_of_scripts_and_comments() {
        let words = "w ".repeat(400);
        for (open, close) in [
            (
                "<script type=application/ld+json>{\"a\": \"x<b ",
                "\"}</script>",
            ),
            ("<STYLE>a<b ", "</style >"),
            ("<!-- <b ", " -->"),
        ] {
            let page = format!("{open}{words}{close}<p>after</p>");
            let capped = cap(&page);
            assert!(capped.len() < page.len(), "{open}");
            // What the cut removed ends where the element or comment ends.
            let end = close.trim_start_matches(['"', '}', ' ']);
            assert!(
                capped.ends_with(&format!("{end}<p>after</p>")),
                "{open}: {capped}"
            );
        }
        let page = format!("<svg><script><div {words}>in svg</div></script></svg>");
        assert!(cap(&page).len() < page.len());
        let page = format!("<script>if (a<b) {{ c() }}</script><b {words}>bold");
        assert!(cap(&page).len() < page.len());
    }

    /// The byte-by-byte pass the memchr-based one replaced, kept as the
    /// reference its output must match.
    fn reference_cap(text: &str) -> Cow<'_, str> {
        let b = text.as_bytes();
        let len = b.len();
        let space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
        let mut out = String::new();
        let mut copied = 0;
        let mut i = 0;
        // Where the raw-text element or comment being read ends.
        let mut end = len;
        // Raw-text elements (and, last, comments) known to have no end below.
        let mut unclosed = [false; RAW_TEXT.len() + 1];
        while i < len {
            if i >= end {
                end = len;
            }
            if end == len && b[i..].starts_with(b"<!--") {
                // Each search that fails is not made again: no later one could
                // succeed, and repeating it would make the pass quadratic.
                if !unclosed[RAW_TEXT.len()] {
                    end = find_at(i + 4, len, |at| b[at..].starts_with(b"-->")).unwrap_or(len);
                    unclosed[RAW_TEXT.len()] = end == len;
                }
                i += 4;
                continue;
            }
            let bogus = b[i] == b'<'
                && match b.get(i + 1) {
                    Some(b'!' | b'?') => true,
                    Some(b'/') => !b.get(i + 2).is_some_and(u8::is_ascii_alphabetic),
                    _ => false,
                };
            if end == len && bogus {
                match find_at(i + 1, len, |at| b[at] == b'>') {
                    Some(gt) => i = gt + 1,
                    None => break,
                }
                continue;
            }
            if b[i] != b'<' || i + 1 >= end || !b[i + 1].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            i += 1;
            let name_start = i;
            while i < end && !space(b[i]) && b[i] != b'/' && b[i] != b'>' {
                i += 1;
            }
            let name = &b[name_start..i];
            let (mut attrs, mut cut) = (0, None);
            loop {
                while i < end && (space(b[i]) || b[i] == b'/') {
                    i += 1;
                }
                if i >= end || b[i] == b'>' {
                    break;
                }
                attrs += 1;
                if attrs > MAX_ATTRIBUTES && cut.is_none() {
                    cut = Some(i);
                }
                i += 1;
                while i < end && !space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                    i += 1;
                }
                while i < end && space(b[i]) {
                    i += 1;
                }
                if i < end && b[i] == b'=' {
                    i += 1;
                    while i < end && space(b[i]) {
                        i += 1;
                    }
                    if i < end && (b[i] == b'"' || b[i] == b'\'') {
                        let quote = b[i];
                        i += 1;
                        while i < end && b[i] != quote {
                            i += 1;
                        }
                        i = (i + 1).min(end);
                    } else {
                        while i < end && !space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                    }
                }
            }
            if let Some(cut) = cut {
                out.push_str(&text[copied..cut]);
                copied = i;
            }
            let raw = RAW_TEXT.iter().position(|r| name.eq_ignore_ascii_case(r));
            if let Some(k) = raw.filter(|&k| end == len && !unclosed[k]) {
                end = find_at(i, len, |at| {
                    b[at..].starts_with(b"</")
                        && b.len() >= at + 2 + name.len()
                        && b[at + 2..at + 2 + name.len()].eq_ignore_ascii_case(name)
                })
                .unwrap_or(len);
                unclosed[k] = end == len;
            }
        }
        if copied == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    fn find_at(from: usize, to: usize, at: impl Fn(usize) -> bool) -> Option<usize> {
        (from..to).find(|&i| at(i))
    }

    /// The search-based pass cuts exactly where the byte-by-byte one did,
    /// on pseudo-random mixes of tags, quotes, comments and raw text.
    #[test]
    fn attribute_cap_matches_the_byte_by_byte_pass() {
        const PIECES: [&str; 27] = [
            "<div",
            "<p",
            " a",
            " b=x",
            " c=\"v > w\"",
            " d='q'",
            ">",
            "/",
            "=",
            "\"",
            "'",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "</SCRIPT",
            "<style>",
            "</style>",
            "<title>",
            "</title>",
            "text ",
            "<",
            "</",
            "é",
            "<!x",
            "<?",
            "<![CDATA[",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..300 {
            let mut page = String::new();
            let n = 50 + (next() % 1500) as usize;
            for _ in 0..n {
                // Runs of attributes, so some tags pass the cap.
                let attrs = round % 3 == 0 && next() % 8 == 0;
                if attrs {
                    for k in 0..(next() % 400) {
                        page.push_str(&format!(" k{k}=1"));
                    }
                } else {
                    page.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
                }
            }
            assert_eq!(cap(&page), reference_cap(&page), "round {round}");
        }
    }

    /// Unclosed scripts and comments, repeated: each search for an end
    /// that fails is made once (tests/growth.rs times this).
    #[test]
    fn unclosed_raw_text_is_passed_through() {
        for unit in ["<script>x", "<!--x", "<title>x<script>y"] {
            let page = unit.repeat(20_000);
            assert!(matches!(cap(&page), Cow::Borrowed(_)), "{unit}");
        }
    }
}
