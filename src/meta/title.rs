//! The headline: an `<h1>` that the metadata confirms, else the preferred
//! metadata title, with the site name cut from either end.

use crate::article::MetaSource;

/// Separators between a headline and the site name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", " • ", " ~ ", "_", "｜", " -- ",
];

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn words(s: &str) -> usize {
    let spaced = s.split_whitespace().count();
    if s.is_ascii() {
        spaced
    } else {
        // Scripts without spaces: count characters in words of four.
        spaced.max(s.chars().filter(|c| c.is_alphanumeric()).count() / 4)
    }
}

/// Chooses the headline among `candidates` (in order of preference, the
/// page's `<title>` last) and the first `<h1>`s.
pub(crate) fn choose(
    candidates: &[(String, MetaSource)],
    h1s: &[String],
    site: Option<&str>,
) -> Option<(String, MetaSource)> {
    for h1 in h1s {
        let h = norm(h1);
        if h.is_empty() {
            continue;
        }
        for (c, source) in candidates {
            let c_norm = norm(c);
            if c_norm == h {
                return Some((h1.clone(), *source));
            }
            let stripped = norm(&strip_site_name(c, site));
            let beside_separator = SEPARATORS.iter().any(|sep| {
                c_norm.starts_with(&format!("{h}{sep}")) || c_norm.ends_with(&format!("{sep}{h}"))
            });
            if stripped == h || beside_separator || (words(h1) >= 3 && c_norm.contains(&h)) {
                return Some((h1.clone(), MetaSource::Dom));
            }
        }
    }
    candidates
        .iter()
        .find(|(c, _)| !c.trim().is_empty())
        .map(|(c, s)| (strip_site_name(c, site), *s))
}

/// `Headline | Site`, `Site - Headline` → `Headline`. When the site is
/// known, only a part at either end that names it (equal, or one within
/// the other: "Le Monde" for "Le Monde.fr") is cut; else a short part at
/// either end that looks like a name (capitalised, at most four words)
/// when the rest is a headline of at least three words.
pub(crate) fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(site) = site.map(norm).filter(|s| !s.is_empty()) {
        let names_site = |part: &str| {
            let p = norm(part);
            !p.is_empty() && (p == site || site.contains(&p) || p.contains(&site))
        };
        for sep in SEPARATORS {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                if names_site(tail) && !head.trim().is_empty() {
                    return head.trim().to_string();
                }
            }
            if let Some((head, tail)) = title.split_once(sep) {
                if names_site(head) && !tail.trim().is_empty() {
                    return tail.trim().to_string();
                }
            }
        }
        return title;
    }
    for sep in SEPARATORS {
        let Some((head, tail)) = title.rsplit_once(sep) else {
            continue;
        };
        if looks_like_site(tail) && words(head) >= 3 {
            return head.trim().to_string();
        }
        let Some((head, tail)) = title.split_once(sep) else {
            continue;
        };
        if looks_like_site(head) && words(tail) >= 3 && words(head) < words(tail) {
            return tail.trim().to_string();
        }
    }
    title
}

fn looks_like_site(part: &str) -> bool {
    let part = part.trim();
    let first = part.chars().next();
    !part.is_empty()
        && words(part) <= 4
        && first.is_some_and(|c| !c.is_lowercase())
        && !part.ends_with(['?', '!', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_name_is_stripped() {
        let cases = [
            (
                "China, US hold talks on cyber | The Daily",
                None,
                "China, US hold talks on cyber",
            ),
            (
                "The Daily - China, US hold talks on cyber",
                None,
                "China, US hold talks on cyber",
            ),
            (
                "These Weeks in Firefox: Issue 85 – Firefox Nightly News",
                None,
                "These Weeks in Firefox: Issue 85",
            ),
            (
                "How we designed Dropbox’s ATF - an async task framework",
                None,
                "How we designed Dropbox’s ATF - an async task framework",
            ),
            (
                "Getting LEAN with Digital Ad UX | IAB",
                Some("IAB"),
                "Getting LEAN with Digital Ad UX",
            ),
            ("Home - Site", None, "Home - Site"),
            (
                "Firefox — Customize it — The browser",
                Some("Mozilla"),
                "Firefox — Customize it — The browser",
            ),
            (
                "Une loi approuvée | Le Monde",
                Some("Le Monde.fr"),
                "Une loi approuvée",
            ),
        ];
        for (input, site, want) in cases {
            assert_eq!(strip_site_name(input, site), want, "{input}");
        }
    }

    #[test]
    fn a_confirmed_h1_wins() {
        let cands = vec![
            (
                "Rain returns, reservoirs fill | The Daily".to_string(),
                MetaSource::OpenGraph,
            ),
            (
                "Rain returns, reservoirs fill | The Daily".to_string(),
                MetaSource::Dom,
            ),
        ];
        let h1s = vec![
            "Menu".to_string(),
            "Rain returns, reservoirs fill".to_string(),
        ];
        assert_eq!(
            choose(&cands, &h1s, None),
            Some(("Rain returns, reservoirs fill".to_string(), MetaSource::Dom))
        );
        let h1s = vec!["Something else entirely".to_string()];
        assert_eq!(
            choose(&cands, &h1s, Some("The Daily")).map(|t| t.1),
            Some(MetaSource::OpenGraph)
        );
    }
}
