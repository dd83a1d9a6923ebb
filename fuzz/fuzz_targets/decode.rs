//! Decoding alone: Content-Type (up to the first newline) and body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (ct, body) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (std::str::from_utf8(&data[..at]).ok(), &data[at + 1..]),
        None => (None, data),
    };
    let _ = gleaner::fuzzing::decode(body, ct);
    let _ = gleaner::fuzzing::not_html(body);
    if let Some(ct) = ct {
        let _ = gleaner::fuzzing::charset_of_content_type(ct);
    }
});
