//! Property tests for the one place bytes become text: decoding is total
//! on arbitrary bytes and Content-Types, and a body cut anywhere (as the
//! fetcher's byte cap cuts it) loses at most the character it split.

mod common;

use common::config;
use gleaner::fuzzing;
use gleaner::EncodingSource;
use proptest::prelude::*;

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn decoding_is_total(bytes in prop::collection::vec(any::<u8>(), 0..8192), ct in prop::option::of(any::<String>())) {
        let (text, name, source) = fuzzing::decode(&bytes, ct.as_deref());
        prop_assert!(!name.is_empty());
        if bytes.is_empty() {
            prop_assert!(text.is_empty());
        }
        let _ = fuzzing::not_html(&bytes);
        if let Some(ct) = &ct {
            let _ = fuzzing::charset_of_content_type(ct);
        }
        let _ = source;
    }

    /// A charset in the header always wins over the markup (no BOM).
    #[test]
    fn header_charset_decides(text in "[a-z éüß<>=\"]{0,200}", label in prop::sample::select(vec!["utf-8", "windows-1252", "koi8-r", "shift_jis", "gb18030"])) {
        let body = format!("<meta charset=iso-8859-7>{text}");
        let (_, name, source) = fuzzing::decode(body.as_bytes(), Some(&format!("text/html; charset={label}")));
        prop_assert_eq!(source, EncodingSource::Header);
        prop_assert_eq!(Some(name), fuzzing::charset_of_content_type(&format!("text/html;charset={label}")));
    }

    /// Truncation never splits a character silently: a UTF-8 body cut at
    /// any byte decodes to the text before the cut, plus at most one
    /// replacement character for the split character.
    #[test]
    fn truncated_utf8_loses_at_most_the_split_character(text in "\\PC{0,300}", cut in any::<prop::sample::Index>()) {
        let page = format!("<meta charset=utf-8><p>{text}</p>");
        let bytes = page.as_bytes();
        let at = cut.index(bytes.len() + 1);
        let (decoded, name, _) = fuzzing::decode(&bytes[..at], None);
        prop_assert_eq!(name, "UTF-8");
        let mut whole = at;
        while !page.is_char_boundary(whole) {
            whole -= 1;
        }
        prop_assert!(decoded.starts_with(&page[..whole]));
        let rest = &decoded[whole..];
        prop_assert!(rest.is_empty() || rest == "\u{FFFD}", "{:?}", rest);
        let ex = gleaner::Extractor::default();
        let article = ex.extract(&gleaner::Page::bytes(&bytes[..at])).unwrap();
        prop_assert!(article.text.len() <= decoded.len());
    }
}
