//! Byte scans that follow html5ever's tokenizer through a tag: its name,
//! its attributes (quoted and unquoted values), its end. Both passes
//! before the tokenizer ([`super::elide`] and [`super::guard::attributes`])
//! read tags with them, so they agree with each other and with the
//! tokenizer on where a tag ends.

/// Byte classes: the tokenizer's whitespace (tab, line feed, form feed,
/// carriage return, space), `/`, `>` and `=`.
pub(super) const SPACE: u8 = 1;
pub(super) const SLASH: u8 = 2;
pub(super) const GT: u8 = 4;
const EQ: u8 = 8;
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0c] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b' ' as usize] = SPACE;
    t[b'/' as usize] = SLASH;
    t[b'>' as usize] = GT;
    t[b'=' as usize] = EQ;
    t
};

/// Elements whose content the tokenizer reads as text once the tree
/// builder has seen their start tag.
pub(super) const RAW_TEXT: [&[u8]; 8] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// The first position in `i..end` whose byte's class satisfies `stop`,
/// else `end`.
pub(super) fn until(b: &[u8], i: usize, end: usize, stop: impl Fn(u8) -> bool) -> usize {
    b[i..end]
        .iter()
        .position(|&c| stop(CLASS[c as usize]))
        .map_or(end, |at| i + at)
}

/// From just past a `<`, the end of the tag name that starts there.
pub(super) fn name_end(b: &[u8], i: usize, end: usize) -> usize {
    until(b, i, end, |k| k & (SPACE | SLASH | GT) != 0)
}

/// From a position between attributes, the start of the next one, or the
/// tag's `>`, or `end`.
pub(super) fn next_attribute(b: &[u8], i: usize, end: usize) -> usize {
    until(b, i, end, |k| k & (SPACE | SLASH) == 0)
}

/// Whether the `<` at `i` opens a bogus comment, which the tokenizer
/// reads to the next `>` (a doctype too): `<!…` other than `<!--`, `<?…`,
/// and `</` without a name. No tag inside one is a tag.
pub(super) fn bogus_comment(b: &[u8], i: usize) -> bool {
    match b.get(i + 1) {
        Some(b'!') => !b[i..].starts_with(b"<!--"),
        Some(b'?') => true,
        Some(b'/') => !b.get(i + 2).is_some_and(u8::is_ascii_alphabetic),
        _ => false,
    }
}

/// From the first byte of an attribute's name, the position just past
/// the attribute (its name, and its value quoted or not), within `..end`.
pub(super) fn skip_attribute(b: &[u8], mut i: usize, end: usize) -> usize {
    i += 1;
    i = until(b, i, end, |k| k & (SPACE | SLASH | GT | EQ) != 0);
    i = until(b, i, end, |k| k & SPACE == 0);
    if i < end && b[i] == b'=' {
        i += 1;
        i = until(b, i, end, |k| k & SPACE == 0);
        if i < end && (b[i] == b'"' || b[i] == b'\'') {
            let quote = b[i];
            i += 1;
            i = memchr::memchr(quote, &b[i..end]).map_or(end, |at| i + at);
            i = (i + 1).min(end);
        } else {
            i = until(b, i, end, |k| k & (SPACE | GT) != 0);
        }
    }
    i
}

/// From just past a tag's name, where the tag ends (its `>`, or the end
/// of the text) and whether it closes itself (`/` right before `>`).
pub(super) fn tag_end(b: &[u8], mut i: usize) -> (usize, bool) {
    let len = b.len();
    let mut slash = false;
    loop {
        while i < len && CLASS[b[i] as usize] & (SPACE | SLASH) != 0 {
            slash = b[i] == b'/';
            i += 1;
        }
        if i >= len {
            return (len, false);
        }
        if b[i] == b'>' {
            return (i, slash);
        }
        slash = false;
        i = skip_attribute(b, i, len);
    }
}

/// Where the raw-text element `name`, whose start tag ends at `from`,
/// may end: its first `</name` (any case) from there, else the end of
/// the text. Whether the tokenizer ends it there is for the caller to
/// judge ([`closes`]).
pub(super) fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    memchr::memmem::find_iter(&b[from..], b"</")
        .map(|at| from + at)
        .find(|&at| {
            b.len() >= at + 2 + name.len()
                && b[at + 2..at + 2 + name.len()].eq_ignore_ascii_case(name)
        })
        .unwrap_or(b.len())
}

/// Whether the `</name` at `end` is an end tag for the tokenizer: a
/// space, `/` or `>` follows it.
pub(super) fn closes(b: &[u8], end: usize, name: &[u8]) -> bool {
    b.get(end + 2 + name.len())
        .is_some_and(|&c| CLASS[c as usize] & (SPACE | SLASH | GT) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_end_at_the_first_unquoted_gt() {
        for (tag, gt, self_closing) in [
            ("<p a='>' b=\"x>y\">", 16, false),
            ("<path d=M0/>", 11, false),
            ("<path d='M0'/>", 13, true),
            ("<g x=1 / >", 9, false),
            ("<br/>", 4, true),
            ("<a b='never closed>", 19, false),
        ] {
            let b = tag.as_bytes();
            let after_name = name_end(b, 1, b.len());
            assert_eq!(tag_end(b, after_name), (gt, self_closing), "{tag}");
        }
    }

    #[test]
    fn attributes_are_skipped_with_their_values() {
        let b = b"a = 'x y' b=z c>";
        assert_eq!(skip_attribute(b, 0, b.len()), 9);
        assert_eq!(next_attribute(b, 9, b.len()), 10);
        assert_eq!(skip_attribute(b, 10, b.len()), 13);
        assert_eq!(skip_attribute(b, 14, b.len()), 15);
        // Nothing is read past `end`.
        assert_eq!(skip_attribute(b, 0, 6), 6);
    }

    #[test]
    fn bogus_comments_are_told_from_comments_and_tags() {
        for (text, bogus) in [
            ("<!DOCTYPE html>", true),
            ("<![CDATA[x]]>", true),
            ("<?xml?>", true),
            ("</ x>", true),
            ("</>", true),
            ("</", true),
            ("<!-- x -->", false),
            ("</p>", false),
            ("<p>", false),
            ("< p", false),
        ] {
            assert_eq!(bogus_comment(text.as_bytes(), 0), bogus, "{text}");
        }
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag_in_any_case() {
        let b = b"<script>a</b></scripts></SCRIPT >";
        let end = raw_text_end(b, 8, b"script");
        assert_eq!(end, 13);
        assert!(!closes(b, end, b"script"), "</scripts is not an end tag");
        let end = raw_text_end(b, end + 1, b"script");
        assert_eq!(end, 23);
        assert!(closes(b, end, b"script"));
        assert_eq!(raw_text_end(b, 24, b"script"), b.len());
    }
}
