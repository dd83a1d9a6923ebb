//! A Markdown paragraph being written: text with collapsed whitespace and
//! escaped syntax, and markup (emphasis, links) whose opening waits for
//! the first content so that `<em> word </em>` gives ` *word* `.
//! Whether an emphasis written is read as one is checked in [`emphasis`].

mod emphasis;

use emphasis::Closed;

/// An opened span (emphasis, link) and how it closes.
struct Mark {
    open: &'static str,
    close: String,
    emitted: bool,
    /// Where its opening was written.
    at: usize,
}

impl Mark {
    /// Emphasis and strike-through, whose delimiters Markdown reads only
    /// where they flank a word.
    fn flanks(&self) -> bool {
        !self.open.is_empty() && self.open == self.close
    }
}

/// The inline content of one block.
#[derive(Default)]
pub(super) struct Inline {
    text: String,
    /// Whitespace seen since the last content, not yet written.
    space: bool,
    marks: Vec<Mark>,
    unchecked: Vec<Closed>,
    /// Where the current line starts in `text`.
    line_at: usize,
    /// The last code span: where it starts and ends, and its code.
    code: Option<(usize, usize, String)>,
}

impl Inline {
    /// Opens a span; `open` is written before its first content.
    pub fn open(&mut self, open: &'static str, close: String) {
        self.marks.push(Mark {
            open,
            close,
            emitted: false,
            at: 0,
        });
    }

    /// Closes the innermost span (nothing is written if it stayed empty).
    pub fn close(&mut self) {
        if let Some(m) = self.marks.pop() {
            if m.emitted {
                let outer = std::mem::take(&mut self.marks);
                self.write_close(&m, &outer);
                self.marks = outer;
            }
        }
    }

    /// A word boundary (a collapsed space), as between block elements.
    pub fn space(&mut self) {
        self.space = true;
    }

    /// A hard line break; a second one in a row asks for a new paragraph
    /// (returns `true`).
    pub fn hard_break(&mut self) -> bool {
        if self.text.ends_with("\\\n") {
            return true;
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.close_marks();
            self.text.push_str("\\\n");
            self.line_at = self.text.len();
            self.space = false;
        }
        false
    }

    /// Writes markup as it is (an image, a code span).
    pub fn push_markup(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.before_content(s.chars().next());
        self.text.push_str(s);
    }

    /// Writes a code span. One touching the previous span joins it: two
    /// spans side by side would make one run of backticks between them.
    pub fn push_code(&mut self, code: &str) {
        if code.trim().is_empty() {
            return;
        }
        let mut code = code.to_string();
        if let Some((start, end, prev)) = self.code.take() {
            let touching =
                end == self.text.len() && !self.space && self.marks.iter().all(|m| m.emitted);
            if touching {
                self.text.truncate(start);
                code.insert_str(0, &prev);
            }
        }
        self.before_content(Some('`'));
        let start = self.text.len();
        self.text.push_str(&code_span(&code));
        self.code = Some((start, self.text.len(), code));
    }

    /// Writes text: whitespace (non-breaking spaces too) collapses to one
    /// space, and characters Markdown would read as syntax are escaped.
    pub fn push_text(&mut self, t: &str) {
        for (i, c) in t.char_indices() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            // A letter, digit or plain punctuation with nothing pending
            // (no space, no unwritten or unsettled emphasis) is written as
            // is: `before_content` would do nothing and no escape applies.
            if matches!(
                c,
                'a'..='z' | 'A'..='Z' | '0'..='9' | ',' | ';' | ':' | '\'' | '"' | '?' | '!'
            ) && !self.space
                && self.unchecked.is_empty()
                && self.marks.last().is_none_or(|m| m.emitted)
            {
                self.text.push(c);
                continue;
            }
            // What will follow a closing delimiter: a backslash when the
            // character may be escaped.
            let first = if matches!(
                c,
                '\\' | '`' | '*' | '[' | ']' | '|' | '~' | '_' | '<' | '&'
            ) {
                '\\'
            } else {
                c
            };
            self.before_content(Some(first));
            let rest = &t[i + c.len_utf8()..];
            let next = rest.chars().next();
            let escape = match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | ',' | ';' | ':' | '\'' | '"' | '?' | '!' => {
                    false
                }
                // "1999. A year" must not start an ordered list.
                '.' | ')' => {
                    let line = self.line();
                    (1..=9).contains(&line.len())
                        && line.bytes().all(|b| b.is_ascii_digit())
                        && next.is_none_or(char::is_whitespace)
                }
                '#' | '>' | '-' | '+' | '=' => self.line().is_empty(),
                _ => needs_escape(c, self.text.chars().next_back(), next, rest),
            };
            if escape {
                self.text.push('\\');
            }
            self.text.push(c);
        }
    }

    /// The current line's text so far, past any emphasis opening it
    /// (which may yet be taken out, see `settle`).
    fn line(&self) -> &str {
        self.text
            .get(self.line_at..)
            .unwrap_or("")
            .trim_start_matches(['*', '~'])
    }

    /// Ends the block: closes open spans (they reopen in the next block)
    /// and returns the text without trailing breaks.
    pub fn take(&mut self) -> String {
        self.close_marks();
        self.space = false;
        self.line_at = 0;
        self.code = None;
        let mut t = std::mem::take(&mut self.text);
        while t.ends_with("\\\n") {
            t.truncate(t.len() - 2);
        }
        t.truncate(t.trim_end().len());
        t
    }

    /// Writes the closing of `m`, whose enclosing spans are `outer`.
    fn write_close(&mut self, m: &Mark, outer: &[Mark]) {
        let close_at = self.text.len();
        self.text.push_str(&m.close);
        if m.flanks() {
            let d = m.open.chars().next();
            self.unchecked.push(Closed {
                open_at: m.at,
                close_at,
                len: m.open.len(),
                nested: outer
                    .iter()
                    .any(|o| o.emitted && o.flanks() && o.open.chars().next() == d),
            });
        }
    }

    /// Closes the open spans at the end of a line or block (they reopen
    /// with the next content).
    fn close_marks(&mut self) {
        let marks = std::mem::take(&mut self.marks);
        for (i, m) in marks.iter().enumerate().rev().filter(|(_, m)| m.emitted) {
            self.write_close(m, &marks[..i]);
        }
        self.marks = marks;
        for m in &mut self.marks {
            m.emitted = false;
        }
        self.settle(None);
    }

    /// Writes the pending space (unless at a line start) and the openings
    /// of spans still waiting for content; `next` is the content's first
    /// character.
    fn before_content(&mut self, next: Option<char>) {
        let waiting = self.marks.last().is_some_and(|m| !m.emitted);
        if !self.space && !waiting && self.unchecked.is_empty() {
            return;
        }
        let pending = self.marks.iter().position(|m| !m.emitted);
        // An emphasis opening right where an identical one closed
        // continues it (`**Game D****ay**` would be garbled).
        if let (Some(i), Some(last), false) = (pending, self.unchecked.last(), self.space) {
            let m = &self.marks[i];
            if m.flanks()
                && last.close_at + last.len == self.text.len()
                && self.text.get(last.close_at..) == Some(m.open)
            {
                let (open_at, close_at) = (last.open_at, last.close_at);
                self.text.truncate(close_at);
                self.unchecked.pop();
                self.marks[i].emitted = true;
                self.marks[i].at = open_at;
            }
        }
        if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push(' ');
        }
        self.space = false;
        for m in self.marks.iter_mut().filter(|m| !m.emitted) {
            // A `!` right before a link would make it an image.
            let slashes = |t: &str| t.bytes().rev().skip(1).take_while(|&b| b == b'\\').count();
            if m.open == "[" && self.text.ends_with('!') && slashes(&self.text) % 2 == 0 {
                self.text.insert(self.text.len() - 1, '\\');
            }
            m.emitted = true;
            m.at = self.text.len();
            self.text.push_str(m.open);
        }
        self.settle(next);
    }
}

fn needs_escape(c: char, prev: Option<char>, next: Option<char>, rest: &str) -> bool {
    match c {
        '\\' | '`' | '*' | '[' | ']' | '|' | '~' => true,
        // Intraword underscores never make emphasis.
        '_' => {
            !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric))
        }
        // What follows in the next text node is unknown: escape then.
        '<' => next.is_none_or(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
        '&' => rest.is_empty() || looks_like_entity(rest),
        _ => false,
    }
}

/// Whether `rest` (what follows an `&`) would be read as a character
/// reference such as `amp;` or `#38;`.
fn looks_like_entity(rest: &str) -> bool {
    let body = rest
        .strip_prefix('#')
        .map_or(rest, |r| r.strip_prefix(['x', 'X']).unwrap_or(r));
    let n = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    n > 0 && body[n..].starts_with(';')
}

/// An inline code span holding `code` verbatim: the fence is one backtick
/// longer than the longest run inside.
pub(super) fn code_span(code: &str) -> String {
    let code = code.trim_matches(|c: char| c.is_whitespace() && c != ' ');
    if code.trim().is_empty() {
        return String::new();
    }
    let fence = "`".repeat(longest_run(code, '`') + 1);
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' '));
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// The longest run of `c` in `s`.
pub(super) fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for ch in s.chars() {
        if ch == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> String {
        let mut i = Inline::default();
        i.push_text(t);
        i.take()
    }

    #[test]
    fn syntax_in_text_stays_text() {
        assert_eq!(text("a *b* [c](d) `e`"), r"a \*b\* \[c\](d) \`e\`");
        assert_eq!(text("# not a heading"), r"\# not a heading");
        assert_eq!(text("- not a list"), r"\- not a list");
        assert_eq!(text("1999. A year"), r"1999\. A year");
        assert_eq!(text("snake_case and _emph_"), r"snake_case and \_emph\_");
        assert_eq!(text("a <b> &amp; AT&T"), r"a \<b> \&amp; AT&T");
        assert_eq!(text("x > y, 3 - 2"), "x > y, 3 - 2");
    }

    #[test]
    fn spans_open_at_content_and_close_before_space() {
        let mut i = Inline::default();
        i.push_text("see");
        i.open("*", "*".into());
        i.push_text(" this ");
        i.close();
        i.push_text("now");
        assert_eq!(i.take(), "see *this* now");
        i.open("**", "**".into());
        i.push_text("  ");
        i.close();
        assert_eq!(i.take(), "");
        i.open("**", "**".into());
        i.push_text("Game D");
        i.close();
        i.open("**", "**".into());
        i.push_text("ay");
        i.close();
        assert_eq!(i.take(), "**Game Day**");
        // Emphasis that cannot flank its words is left out, words kept.
        i.open("*", "*".into());
        i.push_text("(CNN)");
        i.close();
        i.push_text("President, ");
        i.open("*", "*".into());
        i.push_text("said");
        i.close();
        i.push_text(".");
        assert_eq!(i.take(), "(CNN)President, *said*.");
        // A continued emphasis after one that is taken out; emphasis inside
        // a word could both open and close, so it goes too.
        i.open("*", "*".into());
        i.push_text("(a)");
        i.close();
        i.open("**", "**".into());
        i.push_text("b");
        i.close();
        i.open("**", "**".into());
        i.push_text("c");
        i.close();
        i.push_text("d");
        i.open("*", "*".into());
        i.push_text("é");
        i.close();
        assert_eq!(i.take(), "(a)bcdé");
    }

    #[test]
    fn code_spans_fence_past_backticks() {
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span("  "), "");
    }
}
