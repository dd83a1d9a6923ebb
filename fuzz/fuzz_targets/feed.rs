//! Feed bytes (RSS, Atom, JSON Feed) into the crate's model, with the
//! first byte choosing the URL the feed was read from.
#![no_main]

use libfuzzer_sys::fuzz_target;

const URLS: [Option<&str>; 3] = [
    None,
    Some("https://example.com/blog/feed.xml"),
    Some("http://[::1]:8080/a/"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let url = URLS[(pick % 3) as usize].map(|u| url::Url::parse(u).unwrap());
    let Ok(feed) = gleaner::fuzzing::feed(bytes, url.as_ref()) else {
        return;
    };
    let plain = |s: &str| !s.is_empty() && s.trim() == s && !s.contains("  ");
    assert!(feed.title.as_deref().is_none_or(plain));
    assert!(feed
        .home
        .iter()
        .all(|u| matches!(u.scheme(), "http" | "https")));
    for e in &feed.entries {
        assert!(e.title.as_deref().is_none_or(plain));
        if let Some(link) = &e.link {
            assert!(matches!(link.scheme(), "http" | "https"), "{link}");
        }
        assert!(e.categories.iter().all(|c| !c.is_empty()));
        assert!(e.authors.iter().all(|a| !a.is_empty()));
    }
});
