//! The block layout of a Markdown document: blocks nest in containers
//! (quotes, list items) that give each of their lines a prefix, and each
//! block is separated from the previous one by what the two call for (a
//! blank line, or a line break between list items).

/// A block container: it prefixes every line of the blocks inside it.
pub(super) enum Container {
    Quote,
    /// A list item: its marker on its first line, then an indent as wide.
    Item {
        marker: String,
        pending: bool,
    },
}

/// What separates the next block from the previous one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Sep {
    Line,
    Blank,
}

/// The document written so far and the containers open at its end.
pub(super) struct Layout {
    pub out: String,
    containers: Vec<Container>,
    sep: Sep,
    /// Containers shared by the last block written and the next one: a
    /// blank line between them carries only their prefixes.
    low: usize,
}

impl Layout {
    pub fn new() -> Self {
        Layout {
            out: String::new(),
            containers: Vec::new(),
            sep: Sep::Blank,
            low: 0,
        }
    }

    /// How many containers are open.
    pub fn depth(&self) -> usize {
        self.containers.len()
    }

    pub fn push(&mut self, c: Container) {
        self.containers.push(c);
    }

    /// Closes the innermost container; what follows starts a new block.
    pub fn pop(&mut self) {
        self.containers.pop();
        self.low = self.low.min(self.containers.len());
        self.sep = Sep::Blank;
    }

    pub fn separate(&mut self, sep: Sep) {
        self.sep = sep;
    }

    /// Whether the innermost container is a list item whose own text was
    /// the last block written (a list nested in it follows on the next line).
    pub fn after_item_text(&self) -> bool {
        matches!(
            self.containers.last(),
            Some(Container::Item { pending: false, .. })
        ) && self.low == self.containers.len()
    }

    /// Writes one block: the separator, then each line with its prefix.
    pub fn write_block(&mut self, body: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
            if self.sep == Sep::Blank {
                let mut blank = String::new();
                for c in &self.containers[..self.low.min(self.containers.len())] {
                    push_prefix(&mut blank, c, false);
                }
                self.out.push_str(blank.trim_end());
                self.out.push('\n');
            }
        }
        let mut prefix = String::new();
        for (n, line) in body.split('\n').enumerate() {
            if n > 0 {
                self.out.push('\n');
            }
            prefix.clear();
            for c in &mut self.containers {
                push_prefix(&mut prefix, c, true);
                if let Container::Item { pending, .. } = c {
                    *pending = false;
                }
            }
            if line.is_empty() {
                self.out.push_str(prefix.trim_end());
            } else {
                self.out.push_str(&prefix);
                self.out.push_str(line);
            }
        }
        self.sep = Sep::Blank;
        self.low = self.containers.len();
    }
}

/// A container's share of a line's prefix: a pending list marker when
/// `first` allows it, else the item's indent or the quote's `> `.
fn push_prefix(out: &mut String, c: &Container, first: bool) {
    match c {
        Container::Quote => out.push_str("> "),
        Container::Item { marker, pending } => {
            if *pending && first {
                out.push_str(marker);
            } else {
                out.extend(std::iter::repeat_n(' ', marker.len()));
            }
        }
    }
}
