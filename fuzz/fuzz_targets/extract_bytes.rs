//! Page bytes in any charset through decode and extraction, with the
//! first byte choosing a Content-Type and a base URL.
#![no_main]

use gleaner::{Error, Extractor, Page};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 4] = [
    None,
    Some("text/html; charset=utf-8"),
    Some("text/html; charset=windows-1251"),
    Some("text/html; charset=shift_jis"),
];
const BASES: [Option<&str>; 3] = [None, Some("https://example.com/a/b"), Some("file:///x")];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let mut page = Page::bytes(bytes);
    if let Some(ct) = CONTENT_TYPES[(pick & 3) as usize] {
        page = page.with_content_type(ct);
    }
    if let Some(base) = BASES[((pick >> 2) % 3) as usize] {
        page = page.with_url(base).unwrap();
    }
    match Extractor::default().extract(&page) {
        Ok(article) => {
            for r in article.removed() {
                assert!(r.text.chars().count() <= 160);
            }
        }
        Err(Error::NotHtml { .. } | Error::TooLarge { .. }) => {}
        Err(e) => panic!("unexpected error {e}"),
    }
});
