//! Text through extraction with small limits, so the depth and node
//! limits are reached often.
#![no_main]

use gleaner::{Config, Extractor, Limits, Page};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let limits = Limits::default().max_depth(Some(32)).max_nodes(Some(2_000));
    let article = Extractor::new(Config::new().limits(limits))
        .extract(&Page::html(html))
        .expect("text within the byte limit is never refused");
    assert!(!article.html.contains("<script"));
});
