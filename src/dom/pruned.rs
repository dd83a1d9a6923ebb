//! The outcome of pruning, handed from the element rules to every later
//! stage: which subtrees are gone, and why.

use super::Ix;
use crate::article::Rule;

/// The outcome of pruning: which subtrees are gone, and why.
#[derive(Debug, Default)]
pub(crate) struct Pruned {
    /// The rule that removed this element's subtree, for subtree roots.
    pub rule: Vec<Option<Rule>>,
    /// Whether the node lies in a removed subtree (roots included).
    pub dead: Vec<bool>,
    /// The subtree roots removed for a class or id name, for being hidden
    /// or for the page's `data-nosnippet` (comments aside): what a looser
    /// reading would keep.
    pub named: Vec<Ix>,
}

impl Pruned {
    pub fn alive(&self, ix: Ix) -> bool {
        !self.dead[ix as usize]
    }
}
