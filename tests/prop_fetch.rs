//! Property tests for the fetcher's parsers of untrusted text: robots.txt
//! handling agrees with a reference matcher and is total on arbitrary
//! text; the address guard is total on every address and URL, judges an
//! address the same in every spelling, and refuses what the standard
//! library knows as non-global.
#![cfg(feature = "fetch")]

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use common::config;
use gleaner::fetch::Request;
use gleaner::fuzzing;
use proptest::prelude::*;

/// Reference robots pattern matcher (RFC 9309: `*` any run, trailing `$`
/// end of path), by dynamic programming over bytes.
fn reference_match(pattern: &str, path: &str) -> bool {
    let (pat, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p.as_bytes(), true),
        None => (pattern.as_bytes(), false),
    };
    let s = path.as_bytes();
    // m[j] = pattern prefix of length i matches path prefix of length j.
    let mut m = vec![false; s.len() + 1];
    m[0] = true;
    for &c in pat {
        let mut next = vec![false; s.len() + 1];
        if c == b'*' {
            let mut any = false;
            for j in 0..=s.len() {
                any |= m[j];
                next[j] = any;
            }
        } else {
            for j in 1..=s.len() {
                next[j] = m[j - 1] && s[j - 1] == c;
            }
        }
        m = next;
    }
    if anchored {
        m[s.len()]
    } else {
        m.iter().any(|&b| b)
    }
}

fn reference_allows(rules: &[(bool, String)], path: &str) -> bool {
    let mut best: Option<(usize, bool)> = None;
    for (allow, pattern) in rules {
        if pattern.is_empty() || !reference_match(pattern, path) {
            continue;
        }
        let len = pattern.len();
        best = match best {
            Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
            _ => Some((len, *allow)),
        };
    }
    best.is_none_or(|(_, a)| a)
}

fn pattern() -> impl Strategy<Value = String> {
    "/[ab/*é.?=]{0,8}\\$?"
}

fn path() -> impl Strategy<Value = String> {
    "/[ab/é.?=]{0,10}"
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn robots_is_total(txt in any::<String>(), agent in any::<String>(), path in any::<String>()) {
        let _ = fuzzing::robots_allows(&txt, &agent, &path);
    }

    #[test]
    fn robots_agrees_with_the_reference(
        rules in prop::collection::vec((any::<bool>(), pattern()), 0..6),
        path in path(),
        crlf in any::<bool>(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut txt = format!("# generated{nl}User-agent: *{nl}");
        for (allow, p) in &rules {
            txt.push_str(&format!("{}: {p}{nl}", if *allow { "Allow" } else { "Disallow" }));
        }
        prop_assert_eq!(
            fuzzing::robots_allows(&txt, "gleaner", &path),
            reference_allows(&rules, &path),
            "robots.txt {:?} path {:?}", txt, path
        );
    }

    /// A group naming the agent replaces the `*` group.
    #[test]
    fn robots_own_group_wins(path in path()) {
        let txt = "User-agent: *\nDisallow: /\n\nUser-agent: Gleaner/1.0\nAllow: /\n";
        prop_assert!(fuzzing::robots_allows(txt, "gleaner", &path));
        prop_assert!(!fuzzing::robots_allows(txt, "other", &path));
    }

    #[test]
    fn ipv4_is_judged_alike_in_every_spelling(bits in any::<u32>()) {
        let v4 = Ipv4Addr::from(bits);
        let public = fuzzing::address_is_public(IpAddr::V4(v4));
        prop_assert_eq!(public, fuzzing::address_is_public(IpAddr::V6(v4.to_ipv6_mapped())));
        if v4.is_private() || v4.is_loopback() || v4.is_link_local() || v4.is_broadcast()
            || v4.is_documentation() || v4.is_unspecified() || v4.is_multicast()
        {
            prop_assert!(!public, "{} passes the guard", v4);
        }
        let expected = (!public).then_some(IpAddr::V4(v4));
        for spelling in [format!("{v4}"), format!("{bits}"), format!("0x{bits:x}")] {
            let url = format!("http://{spelling}:8080/p?q");
            prop_assert_eq!(fuzzing::refused_literal(&url), Ok(expected), "{}", url);
        }
        let url = format!("http://[{}]/", v4.to_ipv6_mapped());
        prop_assert_eq!(fuzzing::refused_literal(&url), Ok(expected), "{}", url);
    }

    #[test]
    fn ipv6_guard_is_total_and_refuses_local(bits in any::<u128>()) {
        let v6 = Ipv6Addr::from(bits);
        let public = fuzzing::address_is_public(IpAddr::V6(v6));
        if v6.is_loopback() || v6.is_unspecified() || v6.is_multicast()
            || (v6.segments()[0] & 0xfe00) == 0xfc00 || (v6.segments()[0] & 0xffc0) == 0xfe80
        {
            prop_assert!(!public, "{} passes the guard", v6);
        }
        let url = format!("https://[{v6}]/");
        let refused = fuzzing::refused_literal(&url).unwrap();
        prop_assert_eq!(refused.is_none(), public, "{}", url);
    }

    #[test]
    fn url_checks_are_total(url in any::<String>()) {
        let _ = fuzzing::refused_literal(&url);
        match Request::page(&url) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.to_string().contains(&format!("{url:?}")) || e.to_string().contains(url.trim()), "{}", e),
        }
        let _ = Request::feed(&url);
    }

    #[test]
    fn content_types_are_total(ct in any::<String>()) {
        let _ = fuzzing::is_html_or_feed(Some(&ct));
        let _ = fuzzing::charset_of_content_type(&ct);
    }
}
