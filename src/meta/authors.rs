//! Author names out of bylines and author fields: "By Jane Doe, Staff
//! Writer | @janedoe, 3 May 2024" → `["Jane Doe"]`. A credit names people
//! first; a news agency beside a person is the story's distributor, so it
//! counts only when no person is named, and a role ("By Staff Reporter")
//! only when neither is. Licence marks ("CC BY-SA") are never names.

/// Words that open a byline or a name in it, dropped.
const PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "story by",
    "words by",
    "reporting by",
    "text by",
    "published by",
    "by",
    "from",
    "von",
    "par",
    "por",
    "door",
    "di",
    "da",
    "av",
    "avec",
    "with",
    "mit",
    "con",
    "author:",
    "authors:",
    "author",
    "reporter:",
];

/// A part that starts with one of these credits someone other than a writer.
const OTHER_CREDITS: &[&str] = &[
    "edited by",
    "photos by",
    "photo by",
    "photographs by",
    "illustration by",
    "illustrations by",
    "video by",
    "graphics by",
    "additional reporting",
    "translated by",
    "photo:",
    "photos:",
    "image:",
    "picture:",
    "credit:",
    "source:",
];

/// Words of a job title or a desk; a part made only of these is no name,
/// and they are cut from the end of a name.
const JOB_WORDS: &[&str] = &[
    "staff",
    "senior",
    "writer",
    "reporter",
    "editor",
    "correspondent",
    "columnist",
    "contributor",
    "contributing",
    "editorial",
    "associate",
    "managing",
    "chief",
    "deputy",
    "political",
    "news",
    "health",
    "science",
    "tech",
    "technology",
    "business",
    "sports",
    "photographer",
    "producer",
    "freelance",
    "journalist",
    "analyst",
    "special",
    "the",
    "of",
    "and",
    "for",
    "guest",
    "team",
    "desk",
    "international",
    "national",
    "foreign",
    "executive",
    "opinion",
    "features",
    "culture",
    "author",
    "bureau",
    "admin",
    "administrator",
    "anonymous",
    "unknown",
    "editors",
    "staffer",
    "wire",
    "services",
    "press",
    "newsroom",
    "assistant",
    "director",
    "head",
    "global",
    "economics",
    "investigations",
    "investigative",
    "data",
    "digital",
    "video",
    "multimedia",
    "intern",
    "fellow",
    "critic",
    "blogger",
    "contributors",
];

/// Words at which a byline turns into a dateline or a section.
const STOPS: &[&str] = &[
    "on",
    "at",
    "updated",
    "published",
    "posted",
    "last",
    "in",
    "|",
    "—",
    "–",
    "•",
    "·",
    "-",
];

/// Words that make an all-job-word credit a role someone holds ("Staff
/// Reporter", "The Editors"), kept when the credit names nobody.
const ROLE_NOUNS: &[&str] = &[
    "staff",
    "reporter",
    "reporters",
    "writer",
    "writers",
    "correspondent",
    "editor",
    "editors",
    "columnist",
    "contributor",
    "contributors",
    "journalist",
    "desk",
    "team",
    "bureau",
    "newsroom",
    "critic",
    "photographer",
    "staffer",
];

/// Placeholders a publishing system writes where no one is credited.
const PLACEHOLDERS: &[&str] = &["admin", "administrator", "anonymous", "unknown", "guest"];

/// News agencies and wire services, by the names bylines print.
const AGENCIES: &[&str] = &[
    "associated press",
    "the associated press",
    "ap",
    "reuters",
    "thomson reuters",
    "afp",
    "agence france-presse",
    "agence france presse",
    "dpa",
    "deutsche presse-agentur",
    "pa",
    "pa media",
    "press association",
    "the press association",
    "upi",
    "united press international",
    "efe",
    "agencia efe",
    "ansa",
    "xinhua",
    "kyodo",
    "kyodo news",
    "yonhap",
    "aap",
    "australian associated press",
    "canadian press",
    "the canadian press",
    "anp",
    "apa",
    "belga",
    "tass",
    "ria novosti",
    "anadolu",
    "anadolu agency",
    "europa press",
    "ntb",
    "ritzau",
    "lusa",
    "ctk",
    "pap",
    "mti",
    "bloomberg",
    "bloomberg news",
    "cnn wire",
    "ians",
    "pti",
    "press trust of india",
    "ani",
    "wire services",
    "news agencies",
    "agencies",
];

/// How licence and copyright marks start; such a part is no name.
const LICENCES: &[&str] = &[
    "cc",
    "cc0",
    "cc-by",
    "creative commons",
    "public domain",
    "all rights reserved",
    "some rights reserved",
    "copyright",
    "(c)",
    "©",
    "licensed under",
    "wikimedia commons",
];

/// What a credit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A person (or a name that cannot be told from one).
    Person,
    /// A news agency or wire service.
    Agency,
    /// A role, with nobody's name ("Staff Reporter").
    Role,
}

/// What a cleaned name is.
pub(crate) fn kind(name: &str) -> Kind {
    let lower = name.to_lowercase();
    if AGENCIES.contains(&lower.as_str()) {
        Kind::Agency
    } else if name.split_whitespace().all(is_job) {
        Kind::Role
    } else {
        Kind::Person
    }
}

/// Whether a part of a credit is a licence or copyright mark.
fn is_licence(part: &str) -> bool {
    let lower = part.trim().to_lowercase();
    LICENCES.iter().any(|l| {
        lower == *l
            || lower
                .strip_prefix(l)
                .is_some_and(|rest| rest.starts_with([' ', '-', '/', '.']) || l.len() > 2)
    })
}

fn is_job(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.is_empty() || JOB_WORDS.iter().any(|j| j.eq_ignore_ascii_case(w))
}

/// Splits a byline into names and cleans each; `site` names the site so
/// it is not taken for a person.
pub(crate) fn clean(raw: &str, site: Option<&str>) -> Vec<String> {
    let raw = raw.trim();
    let is_site = |s: &str| {
        site.is_some_and(|site| {
            let (s, site) = (s.to_lowercase(), site.to_lowercase());
            s.split_whitespace().eq(site.split_whitespace())
        })
    };
    if is_site(raw)
        || raw.starts_with("http://")
        || raw.starts_with("https://")
        || raw.starts_with('/')
    {
        return Vec::new();
    }
    let lines: Vec<String> = raw
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    let mut text = format!(" {} ", lines.join(" | "));
    // A closing parenthesis ends a part ("Ann Lee (with Bo Chen)"); one
    // inside a name ("Richard (R.J.) Eskow") stays.
    while let Some(close) = text.find(')') {
        let open = text[..close].rfind('(');
        let ends = text[close + 1..]
            .trim_start()
            .starts_with([',', '|', ';', '/'])
            || text[close + 1..].trim().is_empty();
        match open {
            Some(open) if ends => {
                text = format!(
                    "{},{}{}",
                    &text[..open],
                    &text[open + 1..close],
                    &text[close + 1..]
                );
            }
            _ => {
                let open = open.map_or(String::new(), |o| {
                    format!("{}\u{E028}{}", &text[..o], &text[o + 1..close])
                });
                text = if open.is_empty() {
                    format!("{}\u{E029}{}", &text[..close], &text[close + 1..])
                } else {
                    format!("{open}\u{E029}{}", &text[close + 1..])
                };
            }
        }
    }
    // An opening parenthesis never closed (a cut-off field) ends a part.
    let mut text = text
        .replace('(', ",")
        .replace('\u{E028}', "(")
        .replace('\u{E029}', ")");
    for sep in [
        " and ", " And ", " & ", " und ", " et ", " y ", " e ", " og ",
    ] {
        text = text.replace(sep, ",");
    }
    let mut found: Vec<(String, Kind)> = Vec::new();
    for part in text.split([',', '|', '\n', ';', '/', '•', '·', '\u{2022}']) {
        if let Some(name) = clean_one(part, site) {
            if !found.iter().any(|(o, _)| o.eq_ignore_ascii_case(&name)) {
                let k = kind(&name);
                found.push((name, k));
            }
        }
    }
    // People first; an agency beside a person distributed the story.
    let best = [Kind::Person, Kind::Agency, Kind::Role]
        .into_iter()
        .find(|k| found.iter().any(|(_, f)| f == k));
    let mut out: Vec<String> = found
        .into_iter()
        .filter(|(_, k)| Some(*k) == best)
        .map(|(n, _)| n)
        .collect();
    out.truncate(20);
    out
}

fn clean_one(part: &str, site: Option<&str>) -> Option<String> {
    let mut part = part.trim();
    let lower = part.to_lowercase();
    if OTHER_CREDITS.iter().any(|c| lower.starts_with(c)) || is_licence(part) {
        return None;
    }
    // A later credit inside the same part ends the name.
    if let Some(cut) = OTHER_CREDITS.iter().filter_map(|c| lower.find(c)).min() {
        part = part.get(..cut).unwrap_or(part);
    }
    // Anything from the first digit on is a date or a count.
    let dated = part.find(|c: char| c.is_ascii_digit());
    if let Some(cut) = dated {
        part = &part[..cut];
    }
    let mut words: Vec<&str> = part
        .split_whitespace()
        .filter(|w| !w.starts_with('@') && !w.contains("://") && !w.contains(".com"))
        .collect();
    loop {
        let before = words.len();
        for p in PREFIXES {
            let n = p.split_whitespace().count();
            let head = words.get(..n).map(|h| h.join(" "));
            if head.is_some_and(|h| {
                h.trim_end_matches(':')
                    .eq_ignore_ascii_case(p.trim_end_matches(':'))
            }) {
                words.drain(..n);
                break;
            }
        }
        if words.len() == before {
            break;
        }
    }
    // "View more posts by Jane Doe": the name follows an inner "by"
    // after words that are no name.
    if let Some(by) = words.iter().position(|w| w.eq_ignore_ascii_case("by")) {
        if by > 0
            && words[..by]
                .iter()
                .any(|w| w.starts_with(char::is_lowercase))
        {
            words.drain(..=by);
        }
    }
    // A part that opens with a dateline word ("Last updated", "Published
    // March 3") names nobody.
    if words.first().is_some_and(|w| {
        ["updated", "published", "posted", "last", "on", "at"].contains(&w.to_lowercase().as_str())
    }) {
        return None;
    }
    if let Some(stop) = words
        .iter()
        .skip(1)
        .position(|w| STOPS.iter().any(|s| s.eq_ignore_ascii_case(w)))
    {
        words.truncate(stop + 1);
    }
    // A trailing job title ("Staff Writer"), or lower-case words before a
    // cut-off date ("Jana Nová před 2 hodinami").
    let job_tail = words.iter().rev().take_while(|w| is_job(w)).count();
    if job_tail >= 2 && words.len() > job_tail {
        words.truncate(words.len() - job_tail);
        if words.len() == 1 {
            return None; // "WebMD Health News": a desk, not a person
        }
    }
    // Before a cut-off date: lower-case words ("Jana Nová před 2
    // hodinami") and the month ("Luke Kim December 5").
    while dated.is_some()
        && words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.starts_with(char::is_lowercase) || super::dates::month(w).is_some())
    {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    if words.iter().all(|w| is_job(w)) {
        // A role credited alone is kept as printed ("Staff Reporter").
        let plain = |w: &&str| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        let role = words
            .iter()
            .any(|w| ROLE_NOUNS.contains(&plain(w).as_str()))
            && !words
                .iter()
                .any(|w| PLACEHOLDERS.contains(&plain(w).as_str()));
        return role.then(|| words.join(" "));
    }
    if is_licence(&words.join(" ")) {
        return None;
    }
    let name = words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')')
        .to_string();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let spaced = name.split_whitespace().count();
    let too_long = if name.is_ascii() {
        spaced > 5
    } else {
        name.chars().count() > 40
    };
    let dateish = words.iter().all(|w| super::dates::month(w).is_some());
    let handle = spaced == 1
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if letters < 2 || too_long || dateish || handle {
        return None;
    }
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        let (n, s) = (name.to_lowercase(), site.to_lowercase());
        if n == s || n.starts_with(&format!("{s} ")) {
            return None;
        }
        if let Some(cut) = n.strip_suffix(&format!(" {s}")).map(str::len) {
            return Some(name[..cut].trim().to_string());
        }
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_of_junk() {
        let cases: &[(&str, &[&str])] = &[
            ("By Jane Doe", &["Jane Doe"]),
            ("by Lucas Nolan22 Dec 2016651", &["Lucas Nolan"]),
            (
                "By Jane Doe, Senior Political Reporter | @janedoe",
                &["Jane Doe"],
            ),
            ("Jane Doe (@janedoe)", &["Jane Doe"]),
            (
                "Written by Rob Ewaschuk Edited by Betsy Beyer",
                &["Rob Ewaschuk"],
            ),
            ("By Kelli  Miller\n WebMD Health News", &["Kelli Miller"]),
            ("By\n Kelli  Miller\n WebMD Health News", &["Kelli Miller"]),
            ("Ann Lee and Bo Chen", &["Ann Lee", "Bo Chen"]),
            (
                "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
                &["Martin Untersinger", "Damien Leloup", "Morgane Tual"],
            ),
            ("Staff Writer", &["Staff Writer"]),
            ("By Staff Reporter, June 14, 2016", &["Staff Reporter"]),
            ("By admin", &[]),
            ("Jane Doe, Associated Press", &["Jane Doe"]),
            (
                "By Jane Doe and Bo Chen | Reuters",
                &["Jane Doe", "Bo Chen"],
            ),
            ("By Reuters", &["Reuters"]),
            ("The Associated Press", &["The Associated Press"]),
            ("Photo: Jane Doe / CC BY-SA 4.0", &[]),
            ("By Ann Lee / CC BY-SA 4.0", &["Ann Lee"]),
            ("CC", &[]),
            ("Craig McCarthy, Last updated May 2", &["Craig McCarthy"]),
            ("View more posts by Damien Walter", &["Damien Walter"]),
            ("Luke Kim December 5, 2023", &["Luke Kim"]),
            ("By Jane Doe, Updated June 3", &["Jane Doe"]),
            ("Creative Commons Attribution", &[]),
            ("© 2024 Jane Doe", &[]),
            ("Richard (R.J.) Eskow", &["Richard (R.J.) Eskow"]),
            ("https://www.facebook.com/someone", &[]),
            ("By Jane Doe on March 3, 2024", &["Jane Doe"]),
            ("April 28, 2019 at 6:01 am Updated April 29, 2019", &[]),
        ];
        for (raw, want) in cases {
            assert_eq!(clean(raw, Some("WebMD")), *want, "{raw}");
        }
    }

    #[test]
    fn the_site_name_is_no_author() {
        assert!(clean("BBC News", Some("BBC News")).is_empty());
        assert_eq!(clean("Ann Lee", Some("BBC News")), ["Ann Lee"]);
    }
}
