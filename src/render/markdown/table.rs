//! Tables in Markdown. A data table (cells of inline content) becomes a GFM
//! table when its grid is regular: no spans, at least two rows and two
//! columns, the same number of cells in every row. Its first row is the
//! header row (GFM requires one), whether or not its cells are `<th>`.
//! Any other data table falls back to one paragraph per row, its cells
//! joined by ` · `, so no pipe is ever left to garble. A layout table (nested tables,
//! lists, headings or several paragraphs in a cell) is not a grid at all:
//! its cells render as ordinary blocks.

use html5ever::local_name;

use crate::dom::{Dom, Ix};

/// Whether a table's cells hold only inline content. The scan stops at the
/// first nested table, so over a page the scans stay linear.
pub(super) fn is_data_table(dom: &Dom, table: Ix) -> bool {
    let end = dom.end(table);
    let mut cell_end = 0;
    let mut paragraphs = 0;
    let mut ix = table + 1;
    while ix < end {
        match dom.tag(ix) {
            Some(&local_name!("td")) | Some(&local_name!("th")) => {
                cell_end = dom.end(ix);
                paragraphs = 0;
            }
            Some(&local_name!("p")) | Some(&local_name!("div")) if ix < cell_end => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return false;
                }
            }
            Some(
                &local_name!("table")
                | &local_name!("ul")
                | &local_name!("ol")
                | &local_name!("dl")
                | &local_name!("pre")
                | &local_name!("blockquote")
                | &local_name!("h1")
                | &local_name!("h2")
                | &local_name!("h3")
                | &local_name!("h4")
                | &local_name!("h5")
                | &local_name!("h6"),
            ) => return false,
            _ => {}
        }
        ix += 1;
    }
    true
}

/// The cells of a data table as they are rendered.
#[derive(Default)]
pub(super) struct Grid {
    rows: Vec<Vec<String>>,
    /// A cell spans several rows or columns: no GFM table can show it.
    pub spans: bool,
}

impl Grid {
    pub fn row(&mut self) {
        self.rows.push(Vec::new());
    }

    pub fn cell(&mut self, text: String) {
        if self.rows.is_empty() {
            self.row();
        }
        if let Some(r) = self.rows.last_mut() {
            r.push(text);
        }
    }

    /// The table as Markdown (a GFM table, or paragraphs of rows), empty
    /// when it holds no text.
    pub fn render(mut self) -> Vec<String> {
        self.rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        let cols = self.rows.first().map_or(0, Vec::len);
        let regular = !self.spans
            && self.rows.len() >= 2
            && cols >= 2
            && self.rows.iter().all(|r| r.len() == cols);
        if !regular {
            return self
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .filter(|c| !c.is_empty())
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .collect();
        }
        let mut out = String::new();
        for (n, r) in self.rows.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push('|');
            for c in r {
                out.push(' ');
                out.push_str(&pipes_escaped(c));
                out.push_str(" |");
            }
            if n == 0 {
                out.push_str("\n|");
                out.push_str(&" --- |".repeat(cols));
            }
        }
        vec![out]
    }
}

/// A cell's text with every pipe escaped, code spans included (GFM reads
/// `\|` as a pipe there too).
fn pipes_escaped(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut escaped = false;
    for c in cell.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]], spans: bool) -> Vec<String> {
        let mut g = Grid {
            spans,
            ..Grid::default()
        };
        for r in rows {
            g.row();
            for c in *r {
                g.cell(c.to_string());
            }
        }
        g.render()
    }

    #[test]
    fn regular_grid_is_a_gfm_table() {
        assert_eq!(
            grid(&[&["a", "b"], &["c", r"d\|e"], &["`x|y`", ""]], false),
            vec!["| a | b |\n| --- | --- |\n| c | d\\|e |\n| `x\\|y` |  |"]
        );
    }

    #[test]
    fn irregular_grid_is_rows_of_text() {
        assert_eq!(
            grid(&[&["a", "b"], &["c"]], false),
            vec!["a · b".to_string(), "c".to_string()]
        );
        assert_eq!(grid(&[&["a", "b"], &["c", "d"]], true).len(), 2);
    }
}
