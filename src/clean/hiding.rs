//! What an element's style and names say about its being shown to a
//! reader on a wide screen. A style hides it with `display:none` or
//! `visibility:hidden`. A class name or id hides it when `hidden` says the
//! element itself is hidden at every width from some width on: `hidden`,
//! `is-hidden`, `md:hidden`, `hidden-lg`, `hidden-sm-up`. It does not when
//! the name hides a part of the element (`field--label-hidden`: the
//! field's label), hides it in print or in a colour scheme
//! (`hidden-print`, `print:hidden`, `dark:hidden`), or below some width
//! only (`hidden-xs`, `elementor-hidden-mobile`, `max-lg:hidden`,
//! `hidden-md-down`; Bootstrap 3's `hidden-md`, a middle range of widths).
//! `overflow-hidden` still counts: it clips what overflows the element,
//! as a carousel clips its slides past the first.

/// Words naming the part of the element a name hides: its label (content
/// management systems hide field labels: `field--label-hidden`,
/// `hidden_label`).
const PARTS: [&str; 1] = ["label"];

/// Words naming where a name hides the element, when that is below some
/// width: small screens, a middle range, every width up to one.
const BELOW_A_WIDTH: [&str; 7] = ["xs", "sm", "md", "mobile", "phone", "tablet", "down"];

/// The word that makes a width a minimum: hidden from it up
/// (`hidden-sm-up`).
const FROM_A_WIDTH_UP: &str = "up";

/// The word of a name that says how the element prints, not what it is.
const PRINT: &str = "print";

/// Variants (`md:hidden`) under which a class applies on wide screens:
/// from a minimum width on.
const MIN_WIDTH_VARIANTS: [&str; 5] = ["sm", "md", "lg", "xl", "2xl"];

/// Bootstrap's breakpoints in display classes (`d-lg-block`).
const BREAKPOINTS: [&str; 5] = ["sm", "md", "lg", "xl", "xxl"];

/// A name's variant (`md` in `md:hidden`) and the class it applies.
fn variant(name: &str) -> (Option<&str>, &str) {
    match name.rsplit_once(':') {
        Some((v, base)) => (Some(v), base),
        None => (None, name),
    }
}

/// The words of a name: its runs of ASCII letters and digits (empty
/// between two separators).
pub(super) fn name_words(name: &str) -> impl Iterator<Item = &str> + Clone {
    name.split(|c: char| !c.is_ascii_alphanumeric())
}

/// Whether one of the element's names (its lower-cased class names and
/// id, separated by whitespace) hides the element itself on a wide screen.
pub(super) fn hidden_by_name(names: &str) -> bool {
    names.split_ascii_whitespace().any(|name| {
        let (variant, base) = variant(name);
        if variant.is_some_and(|v| !MIN_WIDTH_VARIANTS.contains(&v)) {
            return false;
        }
        let mut w = name_words(base);
        let up = w.clone().any(|w| w == FROM_A_WIDTH_UP);
        w.clone().any(|w| w == "hidden")
            && !w.any(|w| PARTS.contains(&w) || w == PRINT || (!up && BELOW_A_WIDTH.contains(&w)))
    })
}

/// Whether a lower-cased name says how the element prints (`hidden-print`,
/// `print:hidden`, `d-print-none`): a display utility, not a print button
/// or a printable copy, and not what the element is.
pub(super) fn print_display(name: &str) -> bool {
    // Either way the name holds "print": most names do not, and are told
    // so without being split into words.
    if !crate::dom::names_word(name, PRINT) {
        return false;
    }
    let (variant, base) = variant(name);
    variant == Some(PRINT)
        || (name_words(base).any(|w| w == PRINT)
            && name_words(base).any(|w| matches!(w, "hidden" | "none")))
}

/// Whether a name shows the element from some screen width on
/// (`hidden md:block`, `d-none d-lg-flex`): another class undoes its
/// hiding on wider screens, so it is part of the page as most readers
/// see it. `names` are lower-cased, separated by whitespace.
pub(super) fn shown_at_some_width(names: &str) -> bool {
    const SHOWN: [&str; 7] = [
        "block",
        "flex",
        "grid",
        "inline",
        "inline-block",
        "inline-flex",
        "table",
    ];
    names.split_ascii_whitespace().any(|c| {
        let tailwind = match variant(c) {
            (Some(v), display) => MIN_WIDTH_VARIANTS.contains(&v) && SHOWN.contains(&display),
            (None, _) => false,
        };
        let bootstrap = c
            .strip_prefix("d-")
            .and_then(|r| r.split_once('-'))
            .is_some_and(|(bp, display)| BREAKPOINTS.contains(&bp) && SHOWN.contains(&display));
        tailwind || bootstrap
    })
}

/// Whether an inline style hides the element.
pub(super) fn style_hides(style: &str) -> bool {
    // The declarations without their whitespace, lower-cased; byte by
    // byte when they are ASCII, as nearly every style is.
    let squeezed: Vec<u8> = if style.is_ascii() {
        style
            .bytes()
            .filter(|b| !matches!(b, 9..=13 | 32))
            .map(|b| b.to_ascii_lowercase())
            .collect()
    } else {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        s.into_bytes()
    };
    // One substring search each, not a comparison at every offset.
    let has = |needle: &[u8]| memchr::memmem::find(&squeezed, needle).is_some();
    has(b"display:none") || has(b"visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_hide_the_element_on_a_wide_screen() {
        for names in [
            "hidden",
            "card is-hidden",
            "u-hidden",
            "md:hidden",
            "lg:hidden",
            "hidden-lg",
            "elementor-hidden-desktop",
            "panel-hidden",
            "wrapper hidden-md-up",
            "hidden-sm-up",
            "is-hidden-xs-up",
        ] {
            assert!(hidden_by_name(names), "{names}");
        }
    }

    #[test]
    fn names_that_hide_a_part_or_hide_elsewhere_do_not() {
        for names in [
            // A part of the element: its label.
            "field field--name-body field--label-hidden",
            "gfield hidden_label",
            "field_sublabel_hidden_label",
            // Print, a colour scheme, a state.
            "hidden-print",
            "print:hidden",
            "dark:hidden",
            "group-hover:hidden",
            // Small screens only, or up to a width.
            "hidden-xs",
            "hidden-sm",
            "elementor-hidden-mobile",
            "elementor-hidden-tablet",
            "max-lg:hidden",
            "hidden-md-down",
            // Bootstrap 3: a middle range of widths only.
            "hidden-md",
            // No "hidden" at all.
            "hide-caption hiddenness",
            "",
        ] {
            assert!(!hidden_by_name(names), "{names}");
        }
    }

    #[test]
    fn a_class_that_shows_the_element_from_a_width_undoes_its_hiding() {
        assert!(shown_at_some_width("hidden md:block"));
        assert!(shown_at_some_width("d-none d-lg-flex"));
        assert!(!shown_at_some_width("hidden"));
        assert!(!shown_at_some_width("d-none"));
        // Shown below a width, in print, in a state, or with no width.
        assert!(!shown_at_some_width("hidden max-md:block"));
        assert!(!shown_at_some_width("hidden print:block"));
        assert!(!shown_at_some_width("hidden hover:flex"));
        assert!(!shown_at_some_width("d-none d-print-block"));
        assert!(!shown_at_some_width("d-inline-block"));
    }

    #[test]
    fn print_display_utilities() {
        for name in [
            "hidden-print",
            "print:hidden",
            "d-print-none",
            "print-hidden",
        ] {
            assert!(print_display(name), "{name}");
        }
        for name in [
            "print",
            "print-button",
            "printfriendly",
            "hidden",
            "blueprint-hidden",
        ] {
            assert!(!print_display(name), "{name}");
        }
    }

    #[test]
    fn styles_that_hide() {
        assert!(style_hides("color: red; DISPLAY : none"));
        assert!(style_hides("visibility:\thidden"));
        assert!(style_hides("Ünï: x; display:none"));
        assert!(!style_hides("display: block"));
        assert!(!style_hides("overflow: hidden"));
    }
}
