//! Words that more than one stage reads, written once: the month names
//! that both byline detection (block rules) and date parsing (metadata)
//! recognise.

/// Month abbreviations, lower-case, January first: the prefix every
/// English spelling of the month starts with.
pub(crate) const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Full English month names, lower-case, January first.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
