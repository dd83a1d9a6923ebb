//! Cookie and consent notices, recognised by what they say.

use super::cta::contains_words;
use super::phrases::Phrases;
use super::vocab::CONSENT_PHRASES;
use crate::block::Block;
use crate::Rule;

/// Longest block a consent notice is looked for in.
const MAX_CHARS: u32 = 500;

/// Whether a text reads as a cookie or consent notice: it talks about
/// cookies and about accepting, consenting or browsing.
#[cfg(test)]
fn is_consent_notice(text: &str) -> bool {
    is_consent(&text.to_lowercase())
}

/// Whether a lower-cased text reads as a cookie or consent notice.
fn is_consent(lower: &str) -> bool {
    let cookies = contains_words(lower, "cookies") || contains_words(lower, "cookie");
    static CONSENT: Phrases = Phrases::new(CONSENT_PHRASES);
    cookies && CONSENT.in_text(lower)
}

pub(crate) fn consent_notices(blocks: &mut [Block]) {
    for b in blocks.iter_mut().filter(|b| b.drop.is_none()) {
        if b.chars <= MAX_CHARS && is_consent(b.lower()) {
            b.drop = Some(Rule::Consent);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_not_recipes() {
        assert!(is_consent_notice(
            "This website uses cookies to improve your experience. Accept"
        ));
        assert!(is_consent_notice(
            "By continuing to browse you agree to our use of cookies."
        ));
        assert!(!is_consent_notice(
            "Bake the cookies for twelve minutes, then let them cool."
        ));
    }
}
