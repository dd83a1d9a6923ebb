//! Calls to action: newsletter, sign-up and subscribe prompts, recognised
//! by what they say rather than by their markup.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::vocab::{
    ADDRESS_MENTIONS, CALL_TO_ACTION, READER_IMPERATIVES, READER_PERSONS, SHORT_PROMPTS, SIGN_UP,
};
use crate::block::Block;
use crate::tuning::Strictness;
use crate::Rule;

/// Longest text (in bytes) read as a label ("Subscribe now"); a longer one
/// is a prompt only when it speaks to the reader.
const MAX_LABEL_BYTES: usize = 60;
/// Texts shorter than this (in bytes) are short enough for the short
/// prompts ("sign up") to condemn; in longer ones only full phrases do.
const SHORT_TEXT_BYTES: usize = 250;
/// Longest text (in bytes) in which a mention of the reader's address
/// ([`ADDRESS_MENTIONS`]) is a prompt ("Enter your email address"); a longer
/// paragraph that speaks of email addresses is about them.
const MAX_MENTION_PROMPT_BYTES: usize = 150;
/// Longest block that is an "Email" field label.
const MAX_EMAIL_LABEL_CHARS: u32 = 40;

#[cfg(test)]
fn is_call_to_action(text: &str) -> bool {
    prompts(&text.to_lowercase())
}

/// Whether a lower-cased text is a call to action.
fn prompts(lower: &str) -> bool {
    // Beyond a label's length, a prompt speaks to the reader; a sentence
    // reporting that customers signed up does not.
    if lower.len() > MAX_LABEL_BYTES && !addresses_reader(lower) {
        return false;
    }
    // Every occurrence of every phrase, in one pass: CALL_TO_ACTION's
    // count at any length, ADDRESS_MENTIONS only in a prompt's length,
    // SHORT_PROMPTS only in short texts.
    let mentions = CALL_TO_ACTION.len()..CALL_TO_ACTION.len() + ADDRESS_MENTIONS.len();
    let counts = |p: usize| {
        if p < mentions.start {
            true
        } else if mentions.contains(&p) {
            lower.len() <= MAX_MENTION_PROMPT_BYTES
        } else {
            lower.len() < SHORT_TEXT_BYTES
        }
    };
    // Beyond a label's length, the sentence that holds the phrase is the
    // one that must speak to the reader: "people who sign up save more.
    // If you can, start small" reports, it does not ask.
    let sentence = lower.len() > MAX_LABEL_BYTES;
    phrases().find_overlapping_iter(lower).any(|m| {
        counts(m.pattern().as_usize())
            && whole_words(lower, m.start(), m.end())
            && (!sentence || addresses_reader(sentence_at(lower, m.start(), m.end())))
    })
}

/// The sentence of `text` around `text[start..end]`: from after the last
/// full stop, question or exclamation mark before it to the next after.
fn sentence_at(text: &str, start: usize, end: usize) -> &str {
    let is_stop = |c: char| matches!(c, '.' | '!' | '?');
    let from = text[..start].rfind(is_stop).map_or(0, |i| i + 1);
    let to = text[end..].find(is_stop).map_or(text.len(), |i| end + i);
    &text[from..to]
}

/// Whether a lower-cased text, of any length, holds a sign-up phrase
/// ([`SIGN_UP`]: "newsletter", "your email") as whole words.
pub(crate) fn asks_to_sign_up(lower: &str) -> bool {
    SIGN_UP.iter().any(|p| contains_words(lower, p))
}

/// CALL_TO_ACTION, then ADDRESS_MENTIONS, then SHORT_PROMPTS, as one
/// automaton.
fn phrases() -> &'static AhoCorasick {
    static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new(
            CALL_TO_ACTION
                .iter()
                .chain(ADDRESS_MENTIONS)
                .chain(SHORT_PROMPTS),
        )
        .expect("the call-to-action phrases build an automaton")
    });
    &AUTOMATON
}

/// Whether a lower-cased text speaks to its reader: second person, the
/// site's "our", or an opening imperative.
fn addresses_reader(lower: &str) -> bool {
    let mut words = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    READER_IMPERATIVES.contains(&first)
        || READER_PERSONS.contains(&first)
        || words.any(|w| READER_PERSONS.contains(&w))
}

/// Whether `phrase` occurs in `text` as whole words ("subscribe" is not
/// found in "subscribers").
pub(crate) fn contains_words(text: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = text[from..].find(phrase) {
        let start = from + pos;
        let end = start + phrase.len();
        if whole_words(text, start, end) {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether `text[start..end]` neither starts nor ends inside a word.
fn whole_words(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

pub(crate) fn calls_to_action(blocks: &mut [Block], s: &Strictness) {
    for i in 0..blocks.len() {
        if blocks[i].drop.is_some() {
            continue;
        }
        // A paragraph of prose between two others is the article's, even
        // when it speaks of "your email address": a prompt stands apart.
        let prose = |j: usize| {
            blocks
                .get(j)
                .is_some_and(|b| b.drop.is_none() && b.is_strong(s))
        };
        let in_prose = prose(i) && i > 0 && prose(i - 1) && prose(i + 1);
        let b = &mut blocks[i];
        let prompt = !in_prose && b.chars <= s.cta_max_chars && prompts(b.lower());
        let email_label =
            b.chars < MAX_EMAIL_LABEL_CHARS && matches!(b.normalized(), "email" | "e-mail");
        if prompt || email_label {
            b.drop = Some(Rule::Newsletter);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "The keyserver keeps one public key for each account, and every client asks it for the key of anyone they want to write to before they send a single message.";
    const MENTION: &str = "To publish a key you log in with your email address, confirm the link the server sends to that address, and paste the key into the form on your account page.";

    fn judged(texts: &[&str]) -> Vec<Option<Rule>> {
        let mut blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::for_test(crate::block::BlockKind::Paragraph, t, false))
            .collect();
        calls_to_action(&mut blocks, &Strictness::for_focus(crate::Focus::Balanced));
        blocks.into_iter().map(|b| b.drop).collect()
    }

    #[test]
    fn a_paragraph_in_the_run_of_prose_is_not_a_prompt() {
        assert_eq!(judged(&[PROSE, MENTION, PROSE]), [None, None, None]);
        // A short prompt between paragraphs still goes, and so does one
        // closing the article.
        let short = "Enter your email address to get our weekly digest.";
        assert_eq!(judged(&[PROSE, short, PROSE])[1], Some(Rule::Newsletter));
        assert_eq!(judged(&[PROSE, short])[1], Some(Rule::Newsletter));
    }

    #[test]
    fn a_long_paragraph_that_mentions_email_is_not_a_prompt() {
        // Closing the article, a paragraph about email addresses stays;
        // one that asks the reader to subscribe goes.
        assert_eq!(judged(&[PROSE, MENTION])[1], None);
        let pitch = "Subscribe to our weekly briefing and you will get the best of our reporting on the harbour, the council and the schools every Friday morning.";
        assert_eq!(judged(&[PROSE, pitch])[1], Some(Rule::Newsletter));
    }

    #[test]
    fn the_sentence_that_holds_the_phrase_must_ask() {
        // "You" in another sentence does not make a report a prompt.
        let report = "Studies have shown that people who sign up for automated savings save more than people who do not. If you can, start with a small amount each month.";
        assert!(!is_call_to_action(report));
        let ask = "Saving is easier once it happens without a decision each month. Sign up for automated savings and you will not have to think about it again.";
        assert!(is_call_to_action(ask));
    }

    #[test]
    fn a_prompt_to_log_in_is_a_call_to_action_a_step_is_not() {
        assert!(is_call_to_action(
            "You must log in or register to reply here."
        ));
        assert!(is_call_to_action("Create an account or sign in to comment"));
        // A how-to's step names logging in as what the reader does next;
        // a documentation's note says who may do what.
        assert!(!is_call_to_action(
            "Log in to your developer console and click on Create Application."
        ));
        assert!(!is_call_to_action(
            "You must be logged in as an administrator to change these settings."
        ));
    }

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
