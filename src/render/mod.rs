//! Renderers: the kept blocks as text; the kept subtree (one visibility
//! pass, [`kept`]) as clean HTML and as Markdown; and the article's parts
//! (images, links, word count).

mod html;
mod image;
mod kept;
mod lead;
mod markdown;
mod parts;
mod text;

pub(crate) use html::html;
pub(crate) use kept::{Kept, Options};
pub(crate) use lead::prepend;
pub(crate) use markdown::markdown;
pub(crate) use parts::{images, links, word_count};
pub(crate) use text::text;
