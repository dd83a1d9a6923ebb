//! Forms: a box to fill in (a search, a sign-up with its pitch) is not
//! content; a form that wraps the page's records or posts is.

use html5ever::local_name;

use crate::dom::{Dom, Ix, Measures, Pruned};
use crate::Rule;

use super::prune::PROTECT_SHARE;

/// Longest text of a box that a sign-up form takes with it.
const MAX_SIGNUP_BOX_CHARS: u32 = 400;

/// A sign-up form sits in a box with its pitch ("Get our briefing…"): the
/// removal widens from the form to the largest small box around it.
pub(super) fn widen_signup_boxes(dom: &Dom, raw: &Measures, good: &[f32], pruned: &mut Pruned) {
    let total = good[dom.body() as usize];
    let forms: Vec<Ix> = (0..dom.len() as Ix)
        .filter(|&ix| pruned.rule[ix as usize] == Some(Rule::Newsletter))
        .collect();
    for form in forms {
        let mut top = form;
        while let Some(p) = dom.parent(top) {
            let small = raw.chars[p as usize] <= MAX_SIGNUP_BOX_CHARS;
            let protected = total > 0.0 && good[p as usize] >= PROTECT_SHARE * total;
            if !small || protected || p == dom.body() || !pruned.alive(p) {
                break;
            }
            top = p;
        }
        if top != form {
            for d in top..dom.end(top) {
                pruned.rule[d as usize] = None;
                pruned.dead[d as usize] = true;
            }
            pruned.rule[top as usize] = Some(Rule::Newsletter);
        }
    }
}

/// Text outside its controls from which a form is a wrapper of content (a
/// table of records with a checkbox each, a page built inside one form)
/// rather than a box to fill in: a sign-up's pitch or a search box's label
/// is a few lines.
const FORM_CONTENT_CHARS: usize = 1000;
/// Text per control from which a form's text is what it is about, not the
/// labels of its fields: a shop's filter form names a size or a colour
/// beside each checkbox.
const FORM_CHARS_PER_CONTROL: usize = 100;

/// Whether a form wraps content: more than [`FORM_CONTENT_CHARS`] of text
/// outside its controls (buttons, lists of options, labels, text areas),
/// [`FORM_CHARS_PER_CONTROL`] for each of its controls, and no email
/// field.
pub(super) fn wraps_content(dom: &Dom, ix: Ix) -> bool {
    let (mut chars, mut controls) = (0, 0);
    let mut d = ix + 1;
    while d < dom.end(ix) {
        if let Some(tag) = dom.tag(d) {
            let control = matches!(
                *tag,
                local_name!("input")
                    | local_name!("button")
                    | local_name!("select")
                    | local_name!("textarea")
            );
            controls += usize::from(control);
            if control
                || matches!(
                    *tag,
                    local_name!("label") | local_name!("script") | local_name!("style")
                )
            {
                d = dom.end(d);
                continue;
            }
        } else {
            chars += dom.text_chars(d) as usize;
        }
        d += 1;
    }
    chars > FORM_CONTENT_CHARS
        && chars >= FORM_CHARS_PER_CONTROL * controls
        && !has_email_field(dom, ix)
}

/// Whether the element holds an email field (`type="email"`, or a
/// field whose name says email).
pub(super) fn has_email_field(dom: &Dom, ix: Ix) -> bool {
    (ix..dom.end(ix)).any(|d| {
        dom.tag(d) == Some(&local_name!("input"))
            && dom
                .attr(d, "type")
                .is_some_and(|t| t.eq_ignore_ascii_case("email"))
            || dom
                .attr(d, "name")
                .is_some_and(|n| crate::dom::names_word(n, "email"))
    })
}
