//! URL and address checks: any text as a URL, and as an IP address.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = gleaner::fuzzing::refused_literal(text);
    let _ = gleaner::fuzzing::is_html_or_feed(Some(text));
    let _ = gleaner::Page::html("").with_url(text);
    if let Ok(ip) = text.parse() {
        let _ = gleaner::fuzzing::address_is_public(ip);
    }
});
