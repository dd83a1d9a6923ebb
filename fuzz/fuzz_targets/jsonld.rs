//! JSON-LD scripts: the text up to the first U+0001 is the page's
//! heading, the rest one script per U+0002-separated part.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (h1, rest) = text.split_once('\u{1}').unwrap_or(("", text));
    let scripts: Vec<String> = rest.split('\u{2}').map(str::to_string).collect();
    let h1s = [h1.to_string()];
    let ld = gleaner::fuzzing::jsonld(&scripts, &h1s, &["https://example.com/a"]);
    let clean = |s: &String| !s.is_empty() && s.trim() == s && !s.contains("  ");
    for s in [
        &ld.headline,
        &ld.published,
        &ld.modified,
        &ld.publisher,
        &ld.site,
        &ld.image,
        &ld.description,
        &ld.language,
        &ld.url,
    ]
    .into_iter()
    .flatten()
    {
        assert!(clean(s), "{s:?}");
    }
    assert!(ld.keywords.iter().all(clean));
    assert!(ld.authors.iter().all(|(a, _)| clean(a)));
    assert!(ld.authors.len() <= 50);
});
