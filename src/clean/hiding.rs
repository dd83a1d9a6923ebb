//! What an element's style and class names say about its being shown to a
//! reader on a wide screen. A style hides it with `display:none` or
//! `visibility:hidden`. A class name hides it when `hidden` says the
//! element itself is hidden, at every width from some width on: `hidden`,
//! `is-hidden`, `md:hidden`, `hidden-lg`. It does not when the name hides
//! a part of the element (`field--label-hidden`: the field's label), hides
//! it in print or in a colour scheme (`hidden-print`, `print:hidden`,
//! `dark:hidden`), or on small screens only (`hidden-xs`,
//! `elementor-hidden-mobile`, `max-lg:hidden`, `hidden-md-down`).

/// Words of a class name that say what is hidden is a part of the
/// element, or where it is hidden is not a wide screen.
const NOT_THE_ELEMENT_ON_SCREEN: [&str; 9] = [
    // A part of the element: its label (content management systems hide
    // field labels: `field--label-hidden`, `hidden_label`).
    "label", "sublabel", // A medium other than the screen.
    "print",    // Small screens only, or up to a width.
    "xs", "sm", "mobile", "phone", "tablet", "down",
];

/// Variants (`md:hidden`) under which a class applies on wide screens:
/// from a minimum width on.
const MIN_WIDTH_VARIANTS: [&str; 5] = ["sm", "md", "lg", "xl", "2xl"];

/// Whether one of the element's names (its lower-cased class names and
/// id, separated by whitespace) hides the element itself on a wide screen.
pub(super) fn hidden_by_name(names: &str) -> bool {
    names.split_ascii_whitespace().any(|name| {
        let (variant, base) = match name.rsplit_once(':') {
            Some((v, b)) => (Some(v), b),
            None => (None, name),
        };
        if variant.is_some_and(|v| !MIN_WIDTH_VARIANTS.contains(&v)) {
            return false;
        }
        let tokens = || base.split(|c: char| !c.is_ascii_alphanumeric());
        tokens().any(|t| t == "hidden") && !tokens().any(|t| NOT_THE_ELEMENT_ON_SCREEN.contains(&t))
    })
}

/// Whether a class list shows the element from some screen width on
/// (`hidden md:block`, `d-none d-lg-flex`): another class undoes its
/// hiding on wider screens, so it is part of the page as most readers
/// see it.
pub(super) fn shown_at_some_width(class: &str) -> bool {
    const SHOWN: [&str; 7] = [
        "block",
        "flex",
        "grid",
        "inline",
        "inline-block",
        "inline-flex",
        "table",
    ];
    class.split_ascii_whitespace().any(|c| {
        let breakpoint = c
            .rsplit_once(':')
            .map(|(_, d)| d)
            .filter(|_| c.contains(':'));
        let bootstrap = c
            .strip_prefix("d-")
            .and_then(|r| r.split_once('-'))
            .map(|(_, d)| d);
        breakpoint.or(bootstrap).is_some_and(|d| SHOWN.contains(&d))
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
    let has = |needle: &[u8]| squeezed.windows(needle.len()).any(|w| w == needle);
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
