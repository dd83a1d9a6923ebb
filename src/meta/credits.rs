//! Who the page credits: the authors, from the most trusted source that
//! names any (JSON-LD, `<meta>` tags, microdata, the visible byline), and
//! the byline as the page prints it.

use super::authors::{self, Kind};
use super::scan::Scan;
use super::tags::{self, Tags};
use super::{prop_value, raw_text};
use crate::article::MetaSource;
use crate::dom::{Dom, Ix};

/// Longest text, in characters, read as a byline.
const MAX_BYLINE: usize = 200;
/// How far (in document nodes) from the headline an unmarked "By" line
/// is read as the article's byline.
const BY_LINE_REACH: u32 = 60;

/// Cleans raw author values (each with whether it is typed a person)
/// into names.
type CleanAll<'a> = dyn Fn(&mut dyn Iterator<Item = (String, bool)>) -> Vec<String> + 'a;

/// What [`read`] found.
pub(super) struct Credits {
    pub authors: Vec<String>,
    pub source: Option<MetaSource>,
    /// The visible byline the authors were (or would be) read from,
    /// whitespace collapsed.
    pub byline: Option<String>,
}

/// Names, each once (case-insensitively), people first: agencies and
/// roles count only when no person is named.
fn people_first(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    let best = [Kind::Person, Kind::Agency, Kind::Role]
        .into_iter()
        .find(|k| out.iter().any(|n| authors::kind(n) == *k));
    out.retain(|n| Some(authors::kind(n)) == best);
    out
}

pub(super) fn read(
    dom: &Dom,
    scan: &Scan<'_>,
    tags: &Tags<'_, '_>,
    ld: &[(String, bool)],
    site: Option<&str>,
) -> Credits {
    // A person may share the site's name (a personal blog); an
    // organisation or an untyped name that does is the site, not an author.
    let clean_all = |raws: &mut dyn Iterator<Item = (String, bool)>| {
        people_first(
            raws.flat_map(|(raw, person)| authors::clean(&raw, site.filter(|_| !person)))
                .collect::<Vec<_>>(),
        )
    };
    let visible = visible_byline(dom, scan, site);
    let byline = visible.as_ref().map(|(text, _)| text.clone());
    let trusted = trusted(dom, scan, tags, ld, &clean_all);
    let (authors, source) = match (trusted, visible) {
        // An agency or a role where the page prints a person's byline:
        // the person wrote it, the agency distributed it.
        (Some((names, _)), Some((_, people)))
            if names.iter().all(|n| authors::kind(n) != Kind::Person)
                && people.iter().any(|n| authors::kind(n) == Kind::Person) =>
        {
            (people, Some(MetaSource::Dom))
        }
        (Some((names, source)), _) => (names, Some(source)),
        (None, Some((_, names))) => (names, Some(MetaSource::Dom)),
        (None, None) => (Vec::new(), None),
    };
    Credits {
        authors,
        source,
        byline,
    }
}

/// The authors the markup states for machines: JSON-LD, then `<meta>`
/// tags, then microdata.
fn trusted(
    dom: &Dom,
    scan: &Scan<'_>,
    tags: &Tags<'_, '_>,
    ld: &[(String, bool)],
    clean_all: &CleanAll<'_>,
) -> Option<(Vec<String>, MetaSource)> {
    let from_ld = clean_all(&mut ld.iter().cloned());
    if !from_ld.is_empty() {
        return Some((from_ld, MetaSource::JsonLd));
    }
    for key in tags::AUTHOR {
        let mut source = MetaSource::Meta;
        let names = clean_all(&mut tags.all(key).map(|(v, src)| {
            source = src;
            // Citation tags write one author "Last, First".
            let v = match v.split_once(',') {
                Some((last, first)) if *key == "citation_author" && !first.contains(',') => {
                    format!("{} {}", first.trim(), last.trim())
                }
                _ => v,
            };
            (v, false)
        }));
        if !names.is_empty() {
            return Some((names, source));
        }
    }
    let micro = clean_all(
        &mut scan
            .itemprops
            .iter()
            .filter(|(p, _)| *p == "author")
            .map(|&(_, ix)| {
                let name = (ix..dom.end(ix)).find(|&d| dom.attr(d, "itemprop") == Some("name"));
                prop_value(dom, name.unwrap_or(ix))
            })
            // After the first, only short ones: a later author card holds
            // a job title, "follow" links and the like.
            .enumerate()
            .filter(|(i, v)| *i == 0 || v.chars().count() <= 60)
            .map(|(_, v)| (v, false)),
    );
    (!micro.is_empty()).then_some((micro, MetaSource::Microdata))
}

/// The byline the reader sees, with the names cleaned from it: among the
/// elements marked as bylines (class, `rel=author`) and the short lines
/// that start with "By" near the headline, the one nearest the headline
/// that names a person, else an agency, else a role (a teaser's byline
/// sits by another story's headline, further away; a job title beside
/// the name may carry the same mark). A "By" line without a mark must
/// read as a name.
fn visible_byline(dom: &Dom, scan: &Scan<'_>, site: Option<&str>) -> Option<(String, Vec<String>)> {
    let marked = scan.bylines.iter().map(|&ix| (ix, true));
    let near = |ix: Ix| scan.h1.is_some_and(|h1| ix.abs_diff(h1) <= BY_LINE_REACH);
    let by_lines = scan
        .by_lines
        .iter()
        .filter(|&&ix| near(ix))
        .map(|&ix| (ix, false));
    let mut candidates: Vec<(Ix, bool)> = marked.chain(by_lines).collect();
    if let Some(h1) = scan.h1 {
        candidates.sort_by_key(|&(ix, marked)| (ix.abs_diff(h1), !marked));
    }
    // The nearest that names a person ends the search; the nearest that
    // names only an agency, else only a role, is kept in case none does.
    let mut fallback: [Option<(String, Vec<String>)>; 2] = [None, None];
    for (ix, marked) in candidates {
        let text = raw_text(dom, ix);
        if text.chars().count() > MAX_BYLINE {
            continue;
        }
        let names = authors::clean(&text, site);
        if names.is_empty() || !(marked || names.iter().all(|n| reads_as_name(n))) {
            continue;
        }
        let printed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match authors::kind(&names[0]) {
            Kind::Person => return Some((printed, names)),
            Kind::Agency => fallback[0] = fallback[0].take().or(Some((printed, names))),
            Kind::Role => fallback[1] = fallback[1].take().or(Some((printed, names))),
        }
    }
    let [agency, role] = fallback;
    agency.or(role)
}

/// Whether an unmarked "By …" line names a person or a desk: two to five
/// words, each capitalised but for name particles ("van", "de", "bin").
fn reads_as_name(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le", "bin", "ibn", "al",
        "el", "y", "e", "zu",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || PARTICLES.contains(&w.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_names() {
        assert!(reads_as_name("Jane Doe"));
        assert!(reads_as_name("Ludwig van Beethoven"));
        assert!(!reads_as_name("clicking subscribe you agree"));
        assert!(!reads_as_name("Tuesday the water had risen"));
        assert!(!reads_as_name("Madonna"));
    }

    #[test]
    fn people_come_first() {
        let names = |v: &[&str]| people_first(v.iter().map(|s| s.to_string()));
        assert_eq!(names(&["Reuters", "Jane Doe", "jane doe"]), ["Jane Doe"]);
        assert_eq!(names(&["Staff Reporter", "AFP"]), ["AFP"]);
        assert_eq!(names(&["Staff Reporter"]), ["Staff Reporter"]);
    }
}
