//! Junk lines: blocks that are page furniture by what they say, whatever
//! their markup (share prompts, notices, credits, counters, timestamps).

use super::phrases::Phrases;
use super::vocab::{CONTACT_MARKERS, CREDIT_MARKERS, JUNK_LINES, NOTICE_PREFIXES, SOCIAL_NETWORKS};
use crate::block::{Block, BlockKind};
use crate::Rule;

/// Longest block a share or follow prompt fills.
const MAX_SHARE_CHARS: u32 = 200;
/// Longest disclaimer or publication stamp.
const MAX_NOTICE_CHARS: u32 = 800;
/// Longest customer-service box (addresses and hours make it long).
const MAX_CONTACT_CHARS: u32 = 1000;
/// Longest photo credit, or caption ending in one.
const MAX_CREDIT_CHARS: u32 = 250;
/// Longest line judged by its words alone (a label, a counter, a stamp);
/// longer ones are judged only as copyright lines, up to
/// [`MAX_COPYRIGHT_CHARS`].
const MAX_LABEL_CHARS: u32 = 60;
/// Longest copyright line.
const MAX_COPYRIGHT_CHARS: u32 = 200;
/// Social networks a share or follow prompt names at least: one named is
/// a mention in prose, two are a row of buttons.
const MIN_NETWORKS: usize = 2;
/// Most words of a share line; a longer sentence naming networks is prose
/// unless it asks to follow.
const MAX_SHARE_LINE_WORDS: usize = 12;
/// Longest publication stamp (in bytes): one short line, where a
/// disclaimer may run long.
const MAX_STAMP_BYTES: usize = 100;
/// Contact markers (telephone, fax, e-mail…) a contact box holds at least.
const MIN_CONTACT_MARKERS: usize = 3;
/// Most words of a counter ("Image 1 of 5").
const MAX_COUNTER_WORDS: usize = 4;
/// Fewest digits of a timestamp: a date with its year ("2019-11-13").
const MIN_STAMP_DIGITS: usize = 6;
/// Most letters per digit of a timestamp (month names, "at", a name).
const MAX_STAMP_LETTERS_PER_DIGIT: usize = 2;
/// Most words of a timestamp line.
const MAX_STAMP_WORDS: usize = 6;

/// What a line holding a value alone (a number, a price, no words) is on
/// the page read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Values {
    /// Furniture: a count or a price left beside an article's prose, a
    /// value from hidden metadata.
    Dropped,
    /// A field of the item it stands in, as a table cell's value is a
    /// record's: read as cards, each card's price, score or count. Only
    /// a line holding a digit is one: lines of symbols alone and bare
    /// addresses still go.
    Fields,
}

/// Lines that are page furniture by what they say: escaped markup, share
/// prompts, notices, contact boxes, credits, bare values (as `values`
/// says), labels, counters, timestamps and copyright lines. A table's
/// cell is its data: a bare value or a date there is a record's field, not
/// a stamp; a date with its time of day in a cell is still a post's stamp
/// (a forum laid out in a table).
pub(crate) fn junk_lines(blocks: &mut [Block], values: Values) {
    for b in blocks.iter_mut().filter(|b| b.drop.is_none()) {
        if b.kind != BlockKind::Preformatted && looks_like_markup(&b.text) {
            b.drop = Some(Rule::NonContent);
            continue;
        }
        if b.chars < MAX_SHARE_CHARS && is_share_prompt(&b.text, b.lower()) {
            b.drop = Some(Rule::Share);
            continue;
        }
        if b.chars < MAX_NOTICE_CHARS && is_notice(b.lower()) {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.chars < MAX_CONTACT_CHARS && is_contact_details(b.lower()) {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.chars < MAX_CREDIT_CHARS && b.kind != BlockKind::Preformatted && is_credit(b.lower()) {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        let cell = b.kind == BlockKind::Cell;
        let field =
            cell || (values == Values::Fields && b.text.chars().any(|c| c.is_ascii_digit()));
        if (!cell && is_bare_url(&b.text)) || (!field && is_bare_value(&b.text)) {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.chars > MAX_LABEL_CHARS {
            if b.chars < MAX_COPYRIGHT_CHARS && is_copyright(b.lower()) {
                b.drop = Some(Rule::ShortFragment);
            }
            continue;
        }
        let t = b.normalized();
        if t.is_empty()
            || JUNK_LINES.contains(&t)
            || is_copyright(b.lower())
            || is_counter(t)
            || (is_timestamp(t) && (b.kind != BlockKind::Cell || t.contains(':')))
        {
            b.drop = Some(Rule::ShortFragment);
        }
    }
}

/// Escaped markup or shortcodes shown as text (a tracking pixel's
/// `<img …>`, `[button link=…]`), outside code.
fn looks_like_markup(text: &str) -> bool {
    let t = text.trim();
    ((t.starts_with('<') && t.ends_with('>')) || (t.starts_with('[') && t.ends_with(']')))
        && t.contains('=')
}

/// A follow or share prompt: at least two social networks named (in the
/// lower-cased text), in a row of buttons or a short line. A sentence of
/// prose that names them ("Brands sell on Instagram, Facebook and TikTok
/// now.") is about them, unless it asks the reader to follow.
fn is_share_prompt(text: &str, lower: &str) -> bool {
    static NETWORKS: Phrases = Phrases::new(SOCIAL_NETWORKS);
    if NETWORKS.distinct_in(lower) < MIN_NETWORKS {
        return false;
    }
    let sentence =
        text.split_whitespace().count() > MAX_SHARE_LINE_WORDS && crate::dom::ends_sentence(text);
    !sentence || super::cta::contains_words(lower, "follow")
}

/// A disclaimer or a publication stamp (in the lower-cased text).
fn is_notice(lower: &str) -> bool {
    let lower = lower.trim_start();
    NOTICE_PREFIXES.iter().any(|p| lower.starts_with(p))
        && (lower.starts_with("disclaimer") || lower.len() < MAX_STAMP_BYTES)
}

/// A customer-service or contact box: several of telephone, fax, e-mail
/// (in the lower-cased text).
fn is_contact_details(lower: &str) -> bool {
    static CONTACT: Phrases = Phrases::new(CONTACT_MARKERS);
    CONTACT.distinct_in(lower) >= MIN_CONTACT_MARKERS
}

/// A photo credit, or a caption ending in one (in the lower-cased text).
fn is_credit(lower: &str) -> bool {
    static CREDITS: Phrases = Phrases::new(CREDIT_MARKERS);
    CREDITS.in_text(lower)
}

/// A lone URL: a value from hidden metadata, not prose.
fn is_bare_url(text: &str) -> bool {
    let t = text.trim();
    !t.contains(' ') && (t.starts_with("http://") || t.starts_with("https://"))
}

/// A line without a letter: a number, a price, symbols.
fn is_bare_value(text: &str) -> bool {
    text.chars().all(|c| !c.is_alphabetic())
}

/// "Image 1 of 5", "3 / 12".
fn is_counter(t: &str) -> bool {
    let words = || t.split(' ');
    let numbers = || {
        words()
            .filter(|w| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty())
            .count()
    };
    words().count() <= MAX_COUNTER_WORDS && numbers() == 2 && words().any(|w| w == "of" || w == "/")
}

/// A line that is only a date or time ("2019-11-13T23:06:00+01:00",
/// "20 Nov 2019 17:27", "Marcus Doe 2019-11-20 17:27:46").
pub(super) fn is_timestamp(t: &str) -> bool {
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    digits >= MIN_STAMP_DIGITS
        && letters <= digits * MAX_STAMP_LETTERS_PER_DIGIT
        && t.split(' ').count() <= MAX_STAMP_WORDS
        && has_year_or_time(t)
}

/// A year (1900–2099) or a clock time ("17:27") somewhere in the line,
/// which a score line ("Rockledge 14 11 6 15 — 44") lacks.
fn has_year_or_time(t: &str) -> bool {
    let b = t.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        let starts = i == 0 || !digit(i - 1);
        let year = starts
            && (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4);
        let time = digit(i) && b.get(i + 1) == Some(&b':') && digit(i + 2) && digit(i + 3);
        year || time
    })
}

/// A copyright line (in the lower-cased text).
fn is_copyright(lower: &str) -> bool {
    lower.contains('©') || lower.contains("all rights reserved") || lower.starts_with("copyright")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_a_year_or_a_time_score_lines_do_not() {
        assert!(is_timestamp("2019-11-13t23:06:00+01:00"));
        assert!(is_timestamp("20 nov 2019 17:27"));
        assert!(is_timestamp("marcus doe 2019-11-20 17:27:46"));
        assert!(!is_timestamp("rockledge 14 11 6 15 44"));
        assert!(!is_timestamp("call 555 0199 ext 12"));
    }

    fn share(text: &str) -> bool {
        is_share_prompt(text, &text.to_lowercase())
    }

    #[test]
    fn a_row_of_networks_is_a_prompt_a_sentence_about_them_is_not() {
        assert!(share("Share: Facebook Twitter LinkedIn Email"));
        assert!(share("Follow us on Instagram and Facebook."));
        assert!(share(
            "Have a tip? Ann Lee may be reached by email. Follow her on Twitter or on Facebook."
        ));
        assert!(!share(
            "Shops now sell inside Instagram, Facebook and TikTok, so a shopper never has to leave the app to pay."
        ));
        assert!(!share(
            "The council posted the notice on Facebook yesterday."
        ));
        // Followers are what such a sentence may be about.
        assert!(!share(
            "The brands with the most followers on Instagram and TikTok post short videos every single day."
        ));
    }

    #[test]
    fn a_buttons_label_alone_on_its_line_goes() {
        let mut blocks: Vec<Block> = [
            "Learn more",
            "Add to cart",
            "Learn more about the harbour's history",
        ]
        .iter()
        .map(|t| Block::for_test(BlockKind::Paragraph, t, false))
        .collect();
        junk_lines(&mut blocks, Values::Dropped);
        assert_eq!(blocks[0].drop, Some(Rule::ShortFragment));
        assert_eq!(blocks[1].drop, Some(Rule::ShortFragment));
        assert_eq!(blocks[2].drop, None);
    }

    #[test]
    fn a_value_alone_is_a_cards_field() {
        let lines = ["£145", "9.1", "·", "²", "https://example.com/p/145"];
        let dropped = |values: Values| {
            let mut blocks: Vec<Block> = lines
                .iter()
                .map(|t| Block::for_test(BlockKind::Paragraph, t, false))
                .collect();
            junk_lines(&mut blocks, values);
            blocks.iter().map(|b| b.drop.is_some()).collect::<Vec<_>>()
        };
        // Beside an article's prose, a stray price or number goes.
        assert_eq!(dropped(Values::Dropped), [true, true, true, true, true]);
        // On a page of cards the price and the score are the cards'; a
        // separator, a footnote mark and a bare address are not.
        assert_eq!(dropped(Values::Fields), [false, false, true, true, true]);
    }

    #[test]
    fn a_date_in_a_table_cell_is_data() {
        let mut blocks = vec![
            Block::for_test(BlockKind::Paragraph, "1/1/2013", false),
            Block::for_test(BlockKind::Cell, "1/1/2013", false),
            Block::for_test(BlockKind::Cell, "14 June 2016", false),
            Block::for_test(BlockKind::Cell, "Mon Jan 07, 2013 4:12 pm", false),
        ];
        junk_lines(&mut blocks, Values::Dropped);
        assert_eq!(blocks[0].drop, Some(Rule::ShortFragment));
        assert_eq!(blocks[1].drop, None);
        assert_eq!(blocks[2].drop, None);
        assert_eq!(blocks[3].drop, Some(Rule::ShortFragment));
    }
}
