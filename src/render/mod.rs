//! Renderers: the kept blocks as text, the kept subtree as clean HTML.

mod html;
mod text;

pub(crate) use html::html;
pub(crate) use text::text;
