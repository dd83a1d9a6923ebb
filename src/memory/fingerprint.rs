//! Fingerprints: a block's normalised text, and a page's identity, hashed
//! to 64 bits with a hash that is stable across platforms, runs and
//! compiler versions (a saved memory must still match after an upgrade).
//! Texts themselves are never stored.

use url::Url;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a, finished with a mixer so nearby inputs spread well.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(domain: u8) -> Self {
        let mut h = Fnv(FNV_OFFSET);
        h.byte(domain);
        h
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(FNV_PRIME);
    }

    fn bytes(&mut self, bs: &[u8]) {
        for &b in bs {
            self.byte(b);
        }
    }

    fn finish(self) -> u64 {
        // splitmix64 finaliser.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Domain bytes keep the three kinds of hash apart.
const BLOCK: u8 = b'b';
const PAGE_URL: u8 = b'u';
const PAGE_CONTENT: u8 = b'c';

/// The fingerprint of a block's text: lower-cased, whitespace collapsed.
pub(crate) fn block(text: &str) -> u64 {
    let mut h = Fnv::new(BLOCK);
    let mut buf = [0u8; 4];
    let mut space = false;
    let mut started = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            h.byte(b' ');
            space = false;
        }
        started = true;
        for l in c.to_lowercase() {
            h.bytes(l.encode_utf8(&mut buf).as_bytes());
        }
    }
    h.finish()
}

/// A page's identity from its URL, without the fragment.
pub(crate) fn page_url(url: &Url) -> u64 {
    let s = url.as_str();
    let s = s.split_once('#').map_or(s, |(a, _)| a);
    let mut h = Fnv::new(PAGE_URL);
    h.bytes(s.as_bytes());
    h.finish()
}

/// A page's identity from its content: the fingerprints of its blocks, in order.
pub(crate) fn page_content(blocks: &[u64]) -> u64 {
    let mut h = Fnv::new(PAGE_CONTENT);
    for b in blocks {
        h.bytes(&b.to_le_bytes());
    }
    h.finish()
}

/// The key a page is remembered under: its host, lower-cased, without a
/// leading `www.` (so `www.example.com` and `example.com` share a memory).
pub(crate) fn host_key(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .map(str::to_string)
        .unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_whitespace_do_not_matter() {
        assert_eq!(
            block("Sign up  for\n our Briefing"),
            block("sign up for our briefing")
        );
        assert_eq!(block("  padded "), block("padded"));
        assert_ne!(
            block("sign up for our briefing"),
            block("sign up for our briefings")
        );
        assert_ne!(block("ab"), block("a b"));
    }

    #[test]
    fn hashes_are_stable_across_runs() {
        // A saved memory depends on these values never changing.
        // (Value computed independently from the FNV-1a and splitmix64
        // definitions; changing it requires a new MEMORY_FORMAT_VERSION.)
        assert_eq!(block("Hello   World"), 0xf29b_2ecf_b604_aa12);
    }

    #[test]
    fn kinds_never_collide_on_the_same_bytes() {
        let u = Url::parse("https://example.com/a#top").unwrap();
        let v = Url::parse("https://example.com/a").unwrap();
        assert_eq!(page_url(&u), page_url(&v));
        assert_ne!(page_url(&v), block("https://example.com/a"));
        assert_ne!(page_content(&[1, 2]), page_content(&[2, 1]));
    }

    #[test]
    fn host_keys_fold_www() {
        let a = Url::parse("https://WWW.Example.com/x").unwrap();
        let b = Url::parse("http://example.com/y").unwrap();
        assert_eq!(host_key(&a), host_key(&b));
        assert_eq!(host_key(&a).as_deref(), Some("example.com"));
        assert!(host_key(&Url::parse("data:text/plain,hi").unwrap()).is_none());
    }
}
