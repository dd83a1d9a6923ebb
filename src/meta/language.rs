//! The language: declared by the markup first, else detected from the
//! text by whatlang, with its confidence.

/// Shortest sample worth detecting on.
const MIN_SAMPLE: usize = 60;

/// A declared language tag made canonical-ish: `en_US` → `en-US`, first
/// of a list, `x-default`/`und` refused.
pub(crate) fn normalise(tag: &str) -> Option<String> {
    let first = tag.split([',', ';']).next().unwrap_or("").trim();
    let tag = first.replace('_', "-");
    let primary = tag.split('-').next().unwrap_or("");
    let ok = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && !matches!(primary.to_ascii_lowercase().as_str(), "und" | "mul" | "zxx")
        && tag.len() <= 35;
    ok.then_some(tag)
}

/// Detects the language of `sample`: a BCP 47 primary tag (two letters
/// where ISO 639-1 has one) and the detector's confidence. `None` for a
/// sample too short or a guess the detector itself calls unreliable.
pub(crate) fn detect(sample: &str) -> Option<(String, f64)> {
    if sample.trim().chars().count() < MIN_SAMPLE {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    let short = TWO_LETTER
        .iter()
        .find(|(three, _)| *three == code)
        .map_or(code, |(_, two)| *two);
    Some((short.to_string(), info.confidence()))
}

/// ISO 639-3 → ISO 639-1 for the languages whatlang knows.
const TWO_LETTER: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
    ("sqi", "sq"),
    ("eus", "eu"),
    ("glg", "gl"),
    ("isl", "is"),
    ("mlt", "mt"),
    ("swa", "sw"),
    ("kaz", "kk"),
    ("mon", "mn"),
    ("cym", "cy"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_tags_are_normalised() {
        assert_eq!(normalise("en_US").as_deref(), Some("en-US"));
        assert_eq!(normalise(" de, en").as_deref(), Some("de"));
        assert_eq!(normalise("und"), None);
        assert_eq!(normalise("{{lang}}"), None);
    }

    #[test]
    fn text_is_detected_with_confidence() {
        let fr = "Le projet de loi sur le renseignement a été massivement approuvé \
                  par les députés mardi, malgré les critiques des associations.";
        let (lang, conf) = detect(fr).unwrap();
        assert_eq!(lang, "fr");
        assert!(conf > 0.5 && conf <= 1.0, "{conf}");
        assert_eq!(detect("Hello"), None);
    }
}
