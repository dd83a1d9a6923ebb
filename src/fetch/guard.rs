//! The address guard against server-side request forgery: which IP
//! addresses a fetch may connect to, checked on IP-literal URLs up front and
//! on every resolved address at connect time (through [`GuardedResolver`]).

use std::collections::HashSet;
use std::error::Error as StdError;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Which addresses may be reached: public ones always, non-public ones only
/// when the guard is off or the exact address is allowed.
#[derive(Debug, Clone, Default)]
pub(crate) struct AddressPolicy {
    /// Whether non-public addresses are refused.
    pub block_private: bool,
    /// Addresses admitted even though they are not public.
    pub allowed: HashSet<IpAddr>,
}

impl AddressPolicy {
    /// Whether a connection to `ip` is permitted.
    pub fn permits(&self, ip: IpAddr) -> bool {
        let ip = unmap(ip);
        !self.block_private || self.allowed.contains(&ip) || is_public(ip)
    }

    /// Checks a URL whose host is an IP literal (those never reach the
    /// resolver). Returns the refused address, if any.
    pub fn refuses_literal(&self, url: &Url) -> Option<IpAddr> {
        let ip = match url.host()? {
            Host::Ipv4(v4) => IpAddr::V4(v4),
            Host::Ipv6(v6) => IpAddr::V6(v6),
            Host::Domain(_) => return None,
        };
        (!self.permits(ip)).then_some(unmap(ip))
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are judged as the IPv4
/// address they carry.
fn unmap(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// Whether an address is globally reachable: not loopback, private,
/// link-local, shared (CGNAT), benchmarking, documentation, multicast,
/// reserved, or an IPv6 transition form that could carry one of those.
pub(crate) fn is_public(ip: IpAddr) -> bool {
    match unmap(ip) {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let refused = a == 0                                  // 0.0.0.0/8 "this network"
        || a == 10                                        // 10/8 private
        || (a == 100 && (64..128).contains(&b))           // 100.64/10 shared (CGNAT)
        || a == 127                                       // 127/8 loopback
        || (a == 169 && b == 254)                         // 169.254/16 link-local, cloud metadata
        || (a == 172 && (16..32).contains(&b))            // 172.16/12 private
        || (a == 192 && b == 0 && c == 0)                 // 192.0.0/24 protocol assignments
        || (a == 192 && b == 0 && c == 2)                 // 192.0.2/24 documentation
        || (a == 192 && b == 168)                         // 192.168/16 private
        || (a == 198 && (b == 18 || b == 19))             // 198.18/15 benchmarking
        || (a == 198 && b == 51 && c == 100)              // 198.51.100/24 documentation
        || (a == 203 && b == 0 && c == 113)               // 203.0.113/24 documentation
        || a >= 224; // 224/4 multicast, 240/4 reserved, broadcast
    !refused
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let refused = ip.is_unspecified()                     // ::
        || ip.is_loopback()                               // ::1
        || (s[0..6] == [0, 0, 0, 0, 0, 0])                // ::a.b.c.d (IPv4-compatible, deprecated)
        || (s[0] & 0xfe00) == 0xfc00                      // fc00::/7 unique local
        || (s[0] & 0xffc0) == 0xfe80                      // fe80::/10 link-local
        || (s[0] & 0xffc0) == 0xfec0                      // fec0::/10 site-local (deprecated)
        || (s[0] & 0xff00) == 0xff00                      // ff00::/8 multicast
        || (s[0] == 0x64 && s[1] == 0xff9b)               // 64:ff9b::/96 and /48 NAT64
        || (s[0] == 0x2001 && s[1] == 0x0db8)             // 2001:db8::/32 documentation
        || (s[0] == 0x2001 && s[1] == 0)                  // 2001::/32 Teredo
        || (s[0] == 0x100 && s[1..4] == [0, 0, 0])        // 100::/64 discard
        || (s[0] == 0x2002                                // 2002::/16 6to4 carrying a refused IPv4
            && !is_public_v4(Ipv4Addr::new(
                (s[1] >> 8) as u8,
                s[1] as u8,
                (s[2] >> 8) as u8,
                s[2] as u8,
            )));
    !refused
}

/// The error a [`GuardedResolver`] returns when every address of a host is
/// refused; found again in the HTTP error's source chain.
#[derive(Debug)]
pub(crate) struct BlockedAddr(pub IpAddr);

impl fmt::Display for BlockedAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "address {} is not public and not allowed", self.0)
    }
}

impl StdError for BlockedAddr {}

/// Finds a [`BlockedAddr`] in an error's source chain.
pub(crate) fn blocked_in(err: &(dyn StdError + 'static)) -> Option<IpAddr> {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(b) = e.downcast_ref::<BlockedAddr>() {
            return Some(b.0);
        }
        cur = e.source();
    }
    None
}

/// A DNS resolver that drops refused addresses, so the connection is only
/// ever made to an address the policy permits (this also defeats DNS
/// rebinding: the address checked is the address connected to).
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    pub policy: Arc<AddressPolicy>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = Arc::clone(&self.policy);
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let mut refused = None;
            let kept: Vec<SocketAddr> = found
                .into_iter()
                .filter(|sa| {
                    let ok = policy.permits(sa.ip());
                    if !ok {
                        log::debug!("address guard: {host} resolves to refused {}", sa.ip());
                        refused.get_or_insert(unmap(sa.ip()));
                    }
                    ok
                })
                .collect();
            match (kept.is_empty(), refused) {
                (true, Some(ip)) => {
                    Err(Box::new(BlockedAddr(ip)) as Box<dyn StdError + Send + Sync>)
                }
                _ => Ok(Box::new(kept.into_iter()) as Addrs),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded() -> AddressPolicy {
        AddressPolicy {
            block_private: true,
            allowed: HashSet::new(),
        }
    }

    #[test]
    fn refused_ranges() {
        for s in [
            "0.0.0.0",
            "10.1.2.3",
            "100.64.0.1",
            "100.127.255.255",
            "127.0.0.1",
            "127.8.9.10",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "198.18.0.1",
            "198.19.255.255",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "64:ff9b::7f00:1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "ff02::1",
            "2002:7f00:1::",
            "2001:db8::1",
        ] {
            let ip: IpAddr = s.parse().unwrap();
            assert!(!is_public(ip), "{s} should be refused");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for s in [
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.1",
            "172.15.0.1",
            "172.32.0.1",
            "192.169.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "2002:808:808::",
        ] {
            let ip: IpAddr = s.parse().unwrap();
            assert!(is_public(ip), "{s} should pass");
        }
    }

    #[test]
    fn ip_literal_spellings_are_all_loopback() {
        let policy = guarded();
        for u in [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
        ] {
            let url = Url::parse(u).unwrap();
            assert_eq!(
                policy.refuses_literal(&url),
                Some(if u.contains("[::1]") {
                    "::1".parse().unwrap()
                } else {
                    "127.0.0.1".parse().unwrap()
                }),
                "{u}"
            );
        }
        assert_eq!(
            policy.refuses_literal(&Url::parse("http://example.com/").unwrap()),
            None
        );
        assert_eq!(
            policy.refuses_literal(&Url::parse("http://8.8.8.8/").unwrap()),
            None
        );
    }

    #[test]
    fn explicit_allowance_and_switch_off() {
        let mut policy = guarded();
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(!policy.permits(lo));
        policy.allowed.insert(lo);
        assert!(policy.permits(lo));
        assert!(policy.permits("::ffff:127.0.0.1".parse().unwrap()));
        assert!(!policy.permits("127.0.0.2".parse().unwrap()));
        let open = AddressPolicy::default();
        assert!(open.permits("10.0.0.1".parse().unwrap()));
    }

    #[tokio::test]
    async fn resolver_refuses_localhost() {
        let resolver = GuardedResolver {
            policy: Arc::new(guarded()),
        };
        let err = match resolver.resolve("localhost".parse().unwrap()).await {
            Ok(_) => panic!("localhost must be refused"),
            Err(e) => e,
        };
        let ip = blocked_in(err.as_ref()).expect("a BlockedAddr in the chain");
        assert!(ip.is_loopback());
    }
}
