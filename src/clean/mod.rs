//! Boilerplate removal, in two kinds of rule: element rules that remove
//! whole subtrees before the main content is chosen ([`prune`]), and block
//! rules that judge the blocks of the chosen content by their shape and
//! their context in reading order (run in order by the extractor). Vocabularies live in
//! [`vocab`] as data.

mod anchor;
mod cards;
mod consent;
mod copies;
mod cta;
mod dek;
mod forms;
mod hiding;
mod junk;
mod links;
mod names;
mod opening;
mod orphans;
mod phrases;
mod prune;
mod repeats;
mod replies;
mod teaser;
mod terminator;
mod vocab;

pub(crate) use cards::remove_cards;
// The block rules, each judging the blocks of the chosen content by
// their shape and their context in reading order; the extractor runs
// them in order.
pub(crate) use consent::consent_notices;
pub(crate) use cta::calls_to_action;
pub(crate) use dek::deck;
pub(crate) use junk::{junk_lines, Values};
pub(crate) use links::{link_lists, section_headings};
pub(crate) use names::Names;
pub(crate) use opening::{is_dateline, open_at_headline, title_and_byline, Opening};
pub(crate) use orphans::orphan_headings;
pub(crate) use prune::{prune, Furniture, Unseen};
pub(crate) use repeats::{post_labels, repeated_labels, repeats_and_credits};
pub(crate) use replies::Replies;
pub(crate) use teaser::{teasers, trailing_cards};
pub(crate) use terminator::terminated_sections;
