//! Dates: any text as a machine-readable date, a byline and a URL path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    use gleaner::fuzzing::{date_in_text, date_in_url_path, date_is_plausible, parse_date};
    if let Some(t) = parse_date(text) {
        // What was read writes back as RFC 3339 text that reads the same.
        assert_eq!(parse_date(&t.to_rfc3339()), Some(t), "{text:?}");
        let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let _ = date_is_plausible(&t, now);
    }
    let _ = date_in_text(text);
    let _ = date_in_url_path(text);
});
