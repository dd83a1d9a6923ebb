//! Calls to action: newsletter, sign-up and subscribe prompts, recognised
//! by what they say rather than by their markup.

use super::vocab::CALL_TO_ACTION;
use super::{normalized, Strictness};
use crate::segment::Block;
use crate::Rule;

pub(crate) fn is_call_to_action(text: &str) -> bool {
    let lower = text.to_lowercase();
    // Beyond a label's length, a prompt speaks to the reader; a sentence
    // reporting that customers signed up does not.
    if lower.len() > 60 && !addresses_reader(&lower) {
        return false;
    }
    CALL_TO_ACTION.iter().any(|p| contains_words(&lower, p))
        || (lower.len() < 250
            && [
                "privacy policy",
                "signing up",
                "terms of use",
                "terms of service",
            ]
            .iter()
            .any(|p| contains_words(&lower, p)))
}

/// Whether a lower-cased text speaks to its reader: second person, the
/// site's "our", or an opening imperative.
fn addresses_reader(lower: &str) -> bool {
    const PERSONS: &[&str] = &["you", "your", "our", "us", "we"];
    const IMPERATIVES: &[&str] = &[
        "sign",
        "subscribe",
        "get",
        "join",
        "enter",
        "register",
        "follow",
        "stay",
        "don't",
        "never",
        "want",
        "like",
        "receive",
        "read",
        "create",
        "log",
        "already",
    ];
    let mut words = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    IMPERATIVES.contains(&first) || PERSONS.contains(&first) || words.any(|w| PERSONS.contains(&w))
}

/// Whether `phrase` occurs in `text` as whole words ("subscribe" is not
/// found in "subscribers").
pub(crate) fn contains_words(text: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = text[from..].find(phrase) {
        let start = from + pos;
        let end = start + phrase.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

pub(crate) fn calls_to_action(blocks: &mut [Block], s: &Strictness) {
    for b in blocks.iter_mut().filter(|b| b.drop.is_none()) {
        let prompt = b.chars <= s.cta_max_chars && is_call_to_action(&b.text);
        let email_label =
            b.chars < 40 && matches!(normalized(&b.text).as_str(), "email" | "e-mail");
        if prompt || email_label {
            b.drop = Some(Rule::Newsletter);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_prompts_not_prose() {
        assert!(is_call_to_action("Newsletter"));
        assert!(is_call_to_action("Sign up for our daily briefing"));
        assert!(is_call_to_action("Enter your email address"));
        assert!(!is_call_to_action(
            "The minister signed the agreement on Tuesday."
        ));
    }
}
