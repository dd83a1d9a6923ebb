//! robots.txt: a small parser (RFC 9309: groups, longest match, `*` and
//! `$`) and the per-host cache of parsed files.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OnceCell;
use tokio::time::Instant;

/// How long a fetched robots.txt is trusted (RFC 9309 says at most a day).
pub(crate) const ROBOTS_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// The rules that apply to one user agent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Robots {
    /// `(allow, pattern)` pairs; an empty set allows everything.
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or a 4xx for it).
    pub fn allow_all() -> Self {
        Robots::default()
    }

    /// Everything disallowed (robots.txt unreachable with a 5xx).
    pub fn disallow_all() -> Self {
        Robots {
            rules: vec![(false, "/".to_string())],
        }
    }

    /// Parses a robots.txt for the product token `agent` (compared without
    /// case). Groups naming the agent win over the `*` group; unreadable
    /// lines are skipped.
    pub fn parse(text: &str, agent: &str) -> Self {
        let agent = agent.to_ascii_lowercase();
        let mut mine: Vec<(bool, String)> = Vec::new();
        let mut star: Vec<(bool, String)> = Vec::new();
        let mut found_mine = false;
        // The user agents of the group being read, and whether its rules began.
        let mut agents: Vec<String> = Vec::new();
        let mut in_rules = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        agents.clear();
                        in_rules = false;
                    }
                    let token = value
                        .split('/')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase();
                    if token == agent {
                        found_mine = true;
                    }
                    agents.push(token);
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    if value.is_empty() {
                        continue;
                    }
                    let rule = (key == "allow", value.to_string());
                    if agents.contains(&agent) {
                        mine.push(rule.clone());
                    }
                    if agents.iter().any(|a| a == "*") {
                        star.push(rule);
                    }
                }
                _ => {}
            }
        }
        Robots {
            rules: if found_mine { mine } else { star },
        }
    }

    /// Whether `path` (path plus `?query`) may be fetched: the longest
    /// matching rule decides, and on a tie allow wins.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, *allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Matches a robots pattern (`*` any run, trailing `$` end) against a path
/// from its start.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if last && anchored {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty()
}

/// Parsed robots.txt files by origin, each fetched once (concurrent
/// requests to a new host wait for the one fetch) and kept for a day.
#[derive(Debug, Default)]
pub(crate) struct RobotsCache {
    entries: Mutex<HashMap<String, Arc<Entry>>>,
}

#[derive(Debug)]
pub(crate) struct Entry {
    pub cell: OnceCell<Arc<Robots>>,
    created: Instant,
}

impl RobotsCache {
    /// The cache slot for `origin`, replaced when older than [`ROBOTS_TTL`].
    pub fn slot(&self, origin: &str) -> Arc<Entry> {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let fresh = |e: &Arc<Entry>| e.created.elapsed() < ROBOTS_TTL;
        match map.get(origin) {
            Some(e) if fresh(e) => Arc::clone(e),
            _ => {
                let e = Arc::new(Entry {
                    cell: OnceCell::new(),
                    created: Instant::now(),
                });
                map.insert(origin.to_string(), Arc::clone(&e));
                e
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &str = "\
# comment
User-agent: *
Disallow: /private
Allow: /private/open
Disallow: /*.pdf$

User-agent: OtherBot
Disallow: /

User-agent: gleaner
User-agent: friend
Disallow: /no-gleaner
Allow: /
";

    #[test]
    fn groups_and_longest_match() {
        let star = Robots::parse(TXT, "somebody");
        assert!(star.allows("/"));
        assert!(!star.allows("/private/x"));
        assert!(star.allows("/private/open/x"));
        assert!(!star.allows("/files/a.pdf"));
        assert!(star.allows("/files/a.pdf?x=1"));
        let mine = Robots::parse(TXT, "Gleaner");
        assert!(mine.allows("/private/x"), "own group replaces the * group");
        assert!(!mine.allows("/no-gleaner/page"));
        let other = Robots::parse(TXT, "otherbot");
        assert!(!other.allows("/anything"));
    }

    #[test]
    fn empty_disallow_and_garbage() {
        let r = Robots::parse("User-agent: *\nDisallow:\n\u{0}\u{ffff}junk\n", "x");
        assert!(r.allows("/a"));
        assert!(Robots::parse("", "x").allows("/"));
        assert!(!Robots::disallow_all().allows("/a"));
    }

    #[test]
    fn wildcards() {
        assert!(matches("/a*b", "/a/x/b/c"));
        assert!(!matches("/a*b$", "/a/x/b/c"));
        assert!(matches("/a*b$", "/a/x/b"));
        assert!(matches("/$", "/"));
        assert!(!matches("/$", "/x"));
        assert!(matches("*", "/anything"));
        assert!(!matches("/x", "/"));
    }

    #[test]
    fn tie_goes_to_allow() {
        let r = Robots::parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "x");
        assert!(r.allows("/page"));
    }
}
