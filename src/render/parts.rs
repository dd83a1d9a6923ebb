//! The parts of the article listed beside its renderings: the images and
//! links of the main content, and its word count.

use html5ever::local_name;

use super::image::absolute;
use super::kept::{Event, Kept};
use crate::article::{Image, Link};
use crate::dom::Ix;

/// The images of the kept content, boilerplate thumbnails left out, with
/// their alt text and figure caption.
pub(crate) fn images(kept: &Kept<'_>) -> Vec<Image> {
    kept.media()
        .iter()
        .filter(|m| !m.frame && !m.boilerplate)
        .map(|m| Image {
            url: m.url.clone(),
            alt: kept
                .dom
                .attr(m.source, "alt")
                .map(collapse)
                .filter(|a| !a.is_empty()),
            caption: kept
                .figure_of(m.at)
                .and_then(|f| caption(kept, f))
                .filter(|c| !c.is_empty()),
        })
        .collect()
}

/// The shown text of a figure's `<figcaption>`.
fn caption(kept: &Kept<'_>, figure: Ix) -> Option<String> {
    let dom = kept.dom;
    let cap =
        (figure + 1..dom.end(figure)).find(|&d| dom.tag(d) == Some(&local_name!("figcaption")))?;
    let mut out = String::new();
    for d in cap + 1..dom.end(cap) {
        if let Some(t) = dom.text(d).filter(|_| kept.text_shown(d)) {
            out.push_str(t);
        }
    }
    Some(collapse(&out))
}

/// The http(s) links of the kept content, with their text.
pub(crate) fn links(kept: &Kept<'_>) -> Vec<Link> {
    let mut out = Vec::new();
    let mut open: Option<(Ix, url::Url, String)> = None;
    kept.walk(|ev| match ev {
        Event::Enter(ix, &local_name!("a")) if open.is_none() => {
            open = kept
                .dom
                .attr(ix, "href")
                .and_then(|h| absolute(h, kept.base))
                .map(|u| (ix, u, String::new()));
        }
        Event::Leave(ix, &local_name!("a")) if open.as_ref().is_some_and(|o| o.0 == ix) => {
            if let Some((_, url, text)) = open.take() {
                out.push(Link {
                    url,
                    text: collapse(&text),
                });
            }
        }
        Event::Text(t) => {
            if let Some((_, _, text)) = &mut open {
                text.push_str(t);
            }
        }
        Event::Media(m) => {
            if let Some((_, _, text)) = &mut open {
                text.push(' ');
                text.push_str(kept.dom.attr(m.source, "alt").unwrap_or(""));
                text.push(' ');
            }
        }
        _ => {}
    });
    out
}

/// Words in `text`: runs of letters and digits; each CJK character is a word.
pub(crate) fn word_count(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < text.len() {
        let b = text.as_bytes()[i];
        // ASCII is classified by byte: no CJK, and ASCII letters and
        // digits are exactly the ASCII chars `is_alphanumeric` accepts.
        if b.is_ascii() {
            let alnum = b.is_ascii_alphanumeric();
            n += usize::from(alnum && !in_word);
            in_word = alnum;
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if is_cjk(c) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                n += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    n
}

fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_across_scripts() {
        assert_eq!(word_count("It's a well-known fact, 42 times."), 8);
        assert_eq!(word_count("東京は雨"), 4);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn byte_walk_counts_as_the_char_walk_does() {
        let chars = |t: &str| {
            let (mut n, mut in_word) = (0, false);
            for c in t.chars() {
                if is_cjk(c) {
                    n += 1;
                    in_word = false;
                } else {
                    let alnum = c.is_alphanumeric();
                    n += usize::from(alnum && !in_word);
                    in_word = alnum;
                }
            }
            n
        };
        for t in [
            "",
            "a",
            " a b ",
            "x1-y2_z3",
            "...!!",
            "one,two;three\tfour\nfive",
            "café au lait — déjà vu",
            "東京は雨 and rain",
            "naïve’s “quotes” 42",
            "Ωmega ünïcödé",
        ] {
            assert_eq!(word_count(t), chars(t), "{t:?}");
        }
    }
}
