//! GitHub-flavoured Markdown from the kept subtree (the same [`Event`]s
//! the HTML renderer writes): headings, paragraphs, nested lists, block
//! quotes, fenced code, emphasis, links, images, figure captions, tables.
//!
//! A block is written when it ends ([`layout`] gives its lines their
//! prefixes and separators); inline content collects in [`inline`]; data
//! tables in [`table`]. Everything is driven by the walk: no recursion on
//! the DOM.

mod inline;
mod layout;
mod table;

use html5ever::{local_name, LocalName};

use super::html::language_class;
use super::kept::{Event, Kept, Media};
use crate::dom::is_block;
use crate::dom::Ix;
use inline::{longest_run, Inline};
use layout::{Container, Layout, Sep};
use table::{is_data_table, Grid};

/// Renders the kept subtree as Markdown.
pub(crate) fn markdown(kept: &Kept<'_>) -> String {
    let mut w = Writer {
        kept,
        layout: Layout::new(),
        lists: Vec::new(),
        inline: Inline::default(),
        heading: None,
        pre: None,
        code: None,
        links: 0,
        em: 0,
        strong: 0,
        del: 0,
        tables: Vec::new(),
        prev_list: None,
    };
    kept.walk(|ev| w.event(ev));
    w.flush();
    w.layout.out
}

struct List {
    ordered: bool,
    next: u64,
    items: u32,
    /// Uses the alternative marker (`*`, `1)`).
    alt: bool,
}

/// A table being walked: a data table collects its grid.
enum Table {
    Layout,
    Data { grid: Grid, in_cell: bool },
}

struct Writer<'k, 'a> {
    kept: &'k Kept<'a>,
    layout: Layout,
    lists: Vec<List>,
    inline: Inline,
    heading: Option<u8>,
    /// Inside `<pre>`: its depth, language and raw text.
    pre: Option<(u32, Option<String>, String)>,
    /// Inside inline `<code>`: its depth and raw text.
    code: Option<(u32, String)>,
    links: u32,
    em: u32,
    strong: u32,
    del: u32,
    tables: Vec<Table>,
    /// The list that just closed, with nothing written since: its depth,
    /// whether ordered, whether it used the alternative marker.
    prev_list: Option<(usize, bool, bool)>,
}

impl Writer<'_, '_> {
    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Text(t) => self.text(t),
            Event::Break => self.line_break(),
            Event::Media(m) => self.media(m),
            Event::Enter(ix, tag) => self.enter(ix, tag),
            Event::Leave(ix, tag) => self.leave(ix, tag),
        }
    }

    fn text(&mut self, t: &str) {
        if let Some((_, _, raw)) = &mut self.pre {
            raw.push_str(t);
        } else if let Some((_, raw)) = &mut self.code {
            raw.push_str(t);
        } else {
            self.inline.push_text(t);
        }
    }

    fn line_break(&mut self) {
        if let Some((_, _, raw)) = &mut self.pre {
            raw.push('\n');
        } else if let Some((_, raw)) = &mut self.code {
            raw.push(' ');
        } else if self.heading.is_some() || self.in_cell() {
            self.inline.space();
        } else if self.inline.hard_break() {
            self.flush();
        }
    }

    fn media(&mut self, m: &Media) {
        if self.pre.is_some() || self.code.is_some() {
            return;
        }
        let dom = self.kept.dom;
        let md = if m.frame {
            let label = dom.attr(m.source, "title").unwrap_or(m.url.as_str());
            format!("[{}]({})", escaped(label), dest(m.url.as_str()))
        } else {
            let alt = dom.attr(m.source, "alt").unwrap_or("");
            format!("![{}]({})", escaped(alt), dest(m.url.as_str()))
        };
        self.inline.push_markup(&md);
    }

    fn enter(&mut self, ix: Ix, tag: &LocalName) {
        if let Some((depth, _, _)) = &mut self.pre {
            *depth += u32::from(*tag == local_name!("pre"));
            return;
        }
        if let Some((depth, _)) = &mut self.code {
            *depth += u32::from(is_code(tag));
            return;
        }
        let dom = self.kept.dom;
        match *tag {
            local_name!("em") | local_name!("i") | local_name!("cite") => {
                self.em += 1;
                if self.em == 1 {
                    self.inline.open("*", "*".into());
                }
            }
            local_name!("strong") | local_name!("b") => {
                // A heading is already strong.
                self.strong += 1;
                if self.strong == 1 {
                    let mark = if self.heading.is_some() { "" } else { "**" };
                    self.inline.open(mark, mark.into());
                }
            }
            local_name!("s") | local_name!("del") | local_name!("strike") => {
                self.del += 1;
                if self.del == 1 {
                    self.inline.open("~~", "~~".into());
                }
            }
            local_name!("a") => {
                self.links += 1;
                let href = self.kept.link_target(ix);
                match href.filter(|_| self.links == 1 && self.kept.opts.links) {
                    Some(url) => self.inline.open("[", format!("]({})", dest(&url))),
                    None => self.inline.open("", String::new()),
                }
            }
            _ if is_code(tag) => self.code = Some((1, String::new())),
            local_name!("pre") => {
                self.flush();
                let lang = language_class(dom.attr(ix, "class"))
                    .or_else(|| {
                        let child = dom
                            .children(ix)
                            .find(|&c| dom.tag(c) == Some(&local_name!("code")))?;
                        language_class(dom.attr(child, "class"))
                    })
                    .and_then(|c| c.strip_prefix("language-"))
                    .map(str::to_string);
                self.pre = Some((1, lang, String::new()));
            }
            local_name!("table") => {
                self.flush();
                self.tables.push(if is_data_table(dom, ix) {
                    Table::Data {
                        grid: Grid::default(),
                        in_cell: false,
                    }
                } else {
                    Table::Layout
                });
            }
            local_name!("tr") if self.in_data_table() => {
                if let Some(Table::Data { grid, .. }) = self.tables.last_mut() {
                    grid.row();
                }
            }
            local_name!("td") | local_name!("th") if self.in_data_table() => {
                let span = ["colspan", "rowspan"].iter().any(|a| {
                    dom.attr(ix, a)
                        .is_some_and(|v| v.trim().parse::<u32>().is_ok_and(|n| n > 1))
                });
                if let Some(Table::Data { grid, in_cell }) = self.tables.last_mut() {
                    grid.spans |= span;
                    *in_cell = true;
                }
            }
            // Inside a cell, blocks are words of one line.
            _ if self.in_cell() && is_block(tag) => self.inline.space(),
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => {
                self.flush();
                self.heading = tag.as_bytes().get(1).map(|b| b - b'0');
            }
            local_name!("ul") | local_name!("ol") => {
                self.flush();
                let ordered = *tag == local_name!("ol");
                let next = dom
                    .attr(ix, "start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .filter(|&n| n < 1_000_000_000)
                    .unwrap_or(1);
                // A list nested in an item, after the item's own text,
                // follows it on the next line.
                let sep = if self.layout.after_item_text() {
                    Sep::Line
                } else {
                    Sep::Blank
                };
                self.layout.separate(sep);
                // A list right after another one at the same depth would
                // merge with it unless its markers differ.
                let depth = self.layout.depth();
                let other = self
                    .prev_list
                    .is_some_and(|(d, o, alt)| d == depth && o == ordered && !alt);
                self.lists.push(List {
                    ordered,
                    next,
                    items: 0,
                    alt: other,
                });
            }
            local_name!("li") => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(l) => {
                        l.items += 1;
                        if l.items > 1 {
                            self.layout.separate(Sep::Line);
                        }
                        if l.ordered {
                            let m = format!("{}{} ", l.next, if l.alt { ')' } else { '.' });
                            l.next += 1;
                            m
                        } else if l.alt {
                            "* ".to_string()
                        } else {
                            "- ".to_string()
                        }
                    }
                    None => "- ".to_string(),
                };
                self.layout.push(Container::Item {
                    marker,
                    pending: true,
                });
            }
            local_name!("blockquote") => {
                self.flush();
                self.layout.push(Container::Quote);
            }
            local_name!("figcaption") => {
                self.flush();
                self.em += 1;
                if self.em == 1 {
                    self.inline.open("*", "*".into());
                }
            }
            _ if is_block(tag) => self.flush(),
            _ => {}
        }
    }

    fn leave(&mut self, _ix: Ix, tag: &LocalName) {
        if let Some((depth, _, _)) = &mut self.pre {
            if *tag == local_name!("pre") {
                *depth -= 1;
                if *depth == 0 {
                    self.end_pre();
                }
            }
            return;
        }
        if let Some((depth, raw)) = &mut self.code {
            if is_code(tag) {
                *depth -= 1;
                if *depth == 0 {
                    let code = raw.split_whitespace().collect::<Vec<_>>().join(" ");
                    self.code = None;
                    self.inline.push_code(&code);
                }
            }
            return;
        }
        match *tag {
            local_name!("em") | local_name!("i") | local_name!("cite") => {
                if self.em == 1 {
                    self.inline.close();
                }
                self.em = self.em.saturating_sub(1);
            }
            local_name!("strong") | local_name!("b") => {
                if self.strong == 1 {
                    self.inline.close();
                }
                self.strong = self.strong.saturating_sub(1);
            }
            local_name!("s") | local_name!("del") | local_name!("strike") => {
                if self.del == 1 {
                    self.inline.close();
                }
                self.del = self.del.saturating_sub(1);
            }
            local_name!("a") => {
                self.inline.close();
                self.links = self.links.saturating_sub(1);
            }
            local_name!("table") => {
                self.flush();
                if let Some(Table::Data { grid, .. }) = self.tables.pop() {
                    for block in grid.render() {
                        self.write_block(&block);
                    }
                }
            }
            local_name!("td") | local_name!("th") if self.in_cell() => {
                let text = self.inline.take();
                if let Some(Table::Data { grid, in_cell }) = self.tables.last_mut() {
                    grid.cell(text);
                    *in_cell = false;
                }
            }
            // Inside a cell, blocks are words of one line.
            _ if self.in_cell() && is_block(tag) => self.inline.space(),
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => self.flush(),
            local_name!("ul") | local_name!("ol") => {
                self.flush();
                if let Some(l) = self.lists.pop() {
                    self.prev_list = Some((self.layout.depth(), l.ordered, l.alt));
                }
                self.layout.separate(Sep::Blank);
            }
            local_name!("li") | local_name!("blockquote") => {
                self.flush();
                self.layout.pop();
            }
            local_name!("figcaption") => {
                self.flush();
                if self.em == 1 {
                    self.inline.close();
                }
                self.em = self.em.saturating_sub(1);
            }
            _ if is_block(tag) => self.flush(),
            _ => {}
        }
    }

    fn in_data_table(&self) -> bool {
        matches!(self.tables.last(), Some(Table::Data { .. }))
    }

    fn in_cell(&self) -> bool {
        matches!(self.tables.last(), Some(Table::Data { in_cell: true, .. }))
    }

    /// Ends the paragraph or heading being written, if any.
    fn flush(&mut self) {
        if self.in_cell() {
            self.inline.space();
            return;
        }
        let text = self.inline.take();
        let level = self.heading.take();
        if text.is_empty() {
            return;
        }
        match level {
            Some(n) => {
                let mut h = "#".repeat(usize::from(n.clamp(1, 6)));
                h.push(' ');
                h.push_str(&text);
                // A closing run of `#` would be read as the heading's end.
                if h.ends_with('#') {
                    let cut = h.trim_end_matches('#').len();
                    h.insert(cut, '\\');
                }
                self.write_block(&h);
            }
            None => self.write_block(&text),
        }
    }

    fn end_pre(&mut self) {
        let Some((_, lang, raw)) = self.pre.take() else {
            return;
        };
        let code = raw.replace("\r\n", "\n").replace(['\r', '\u{a0}'], " ");
        let code = code.trim_matches('\n');
        if code.trim().is_empty() {
            return;
        }
        let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
        let mut block = fence.clone();
        block.push_str(lang.as_deref().unwrap_or(""));
        for line in code.lines() {
            block.push('\n');
            block.push_str(line.trim_end());
        }
        block.push('\n');
        block.push_str(&fence);
        self.write_block(&block);
    }

    fn write_block(&mut self, body: &str) {
        self.layout.write_block(body);
        self.prev_list = None;
    }
}

fn is_code(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("code") | local_name!("kbd") | local_name!("samp") | local_name!("tt")
    )
}

/// Text for a link label or image alt: collapsed and escaped.
pub(super) fn escaped(t: &str) -> String {
    let mut i = Inline::default();
    i.push_text(t);
    i.take()
}

/// A link destination: wrapped in `<>` when parentheses would end it early.
fn dest(url: &str) -> String {
    let s = url
        .replace('|', "%7C")
        .replace('<', "%3C")
        .replace('>', "%3E");
    if s.contains(['(', ')', ' ']) {
        format!("<{s}>")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    const LONG: &str =
        "A paragraph long enough to be chosen as the article, with a comma, and a full stop.";

    fn md(body: &str) -> String {
        let html =
            format!("<body><article><p>{LONG}</p>{body}<p>{LONG} Again.</p></article></body>");
        let page = crate::Page::html(html)
            .with_url("https://example.com/a/")
            .unwrap();
        crate::Extractor::default().extract(&page).unwrap().markdown
    }

    fn has(body: &str, want: &str) {
        let got = md(body);
        assert!(got.contains(want), "want {want:?} in\n{got}");
    }

    #[test]
    fn a_bang_before_a_link_stays_text() {
        has(
            "<p>Wow!<a href=\"/x\">the report</a>, it says, in so many words.</p>",
            "Wow\\![the report](https://example.com/x),",
        );
    }

    #[test]
    fn breaks_and_paragraphs() {
        has(
            "<p>one<br>two<br><br>three, with words</p>",
            "\n\none\\\ntwo\n\nthree, with words\n\n",
        );
    }

    #[test]
    fn lists_in_quotes_and_adjacent_lists() {
        has(
            "<blockquote><ul><li>a, b</li><li>c, d</li></ul><p>after the list, words.</p></blockquote>",
            "\n\n> - a, b\n> - c, d\n>\n> after the list, words.\n\n",
        );
        has(
            "<ul><li>first list, item</li></ul><ul><li>second list, item</li></ul>",
            "\n\n- first list, item\n\n* second list, item\n\n",
        );
        has(
            "<ol start=\"9\"><li>nine, words</li><li>ten, words</li></ol>",
            "\n\n9. nine, words\n10. ten, words\n\n",
        );
    }

    #[test]
    fn headings_keep_levels_and_escape_closing_hashes() {
        has("<h3>Learning <b>C#</b></h3>", "\n\n### Learning C\\#\n\n");
        has("<h5>1. Intro</h5>", "\n\n##### 1\\. Intro\n\n");
    }

    #[test]
    fn code_in_lists_is_indented() {
        has(
            "<ol><li>run, this:<pre>make\n  all</pre></li></ol>",
            "\n\n1. run, this:\n\n   ```\n   make\n     all\n   ```\n\n",
        );
    }
}
