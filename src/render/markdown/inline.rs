//! A Markdown paragraph being written: text with collapsed whitespace and
//! escaped syntax, and markup (emphasis, links) whose opening waits for
//! the first content so that `<em> word </em>` gives ` *word* `.

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

/// An emphasis written but not yet checked: whether its delimiters open
/// and close depends on the character that follows it.
struct Closed {
    open_at: usize,
    close_at: usize,
    len: usize,
    /// Another span with the same delimiter was open around it.
    nested: bool,
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
            let prev = self.text.chars().next_back();
            // The line's text so far, past any emphasis opening it (which
            // may yet be taken out, see `settle`).
            let line = self
                .text
                .get(self.line_at..)
                .unwrap_or("")
                .trim_start_matches(['*', '~']);
            let escape = match c {
                // "1999. A year" must not start an ordered list.
                '.' | ')' => {
                    (1..=9).contains(&line.len())
                        && line.bytes().all(|b| b.is_ascii_digit())
                        && next.is_none_or(char::is_whitespace)
                }
                _ => needs_escape(c, prev, next, rest, line.is_empty()),
            };
            if escape {
                self.text.push('\\');
            }
            self.text.push(c);
        }
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
            m.emitted = true;
            m.at = self.text.len();
            self.text.push_str(m.open);
        }
        self.settle(next);
    }

    /// Checks the emphases closed since the last content, now that the
    /// character after them (`next`, `None` at a line end) is known, and
    /// takes out the delimiters of any that Markdown would not read as
    /// emphasis (`*(CNN)*President` shows its asterisks): the words stay,
    /// the emphasis goes. Taking some out changes the runs of delimiters
    /// around others, so it repeats until all that remain hold.
    fn settle(&mut self, next: Option<char>) {
        let mut spans = std::mem::take(&mut self.unchecked);
        let mut cut = false;
        loop {
            let (bad, good): (Vec<Closed>, Vec<Closed>) =
                spans.into_iter().partition(|s| !self.holds(s, next));
            spans = good;
            if bad.is_empty() {
                break;
            }
            cut = true;
            let mut cuts: Vec<(usize, usize)> = bad
                .iter()
                .flat_map(|s| [(s.close_at, s.len), (s.open_at, s.len)])
                .collect();
            cuts.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
            for (at, len) in cuts {
                if self.text.get(at..at + len).is_none() {
                    continue;
                }
                self.text.replace_range(at..at + len, "");
                // What was written after the cut moves back.
                if self.line_at > at {
                    self.line_at -= len;
                }
                for m in self.marks.iter_mut().filter(|m| m.emitted && m.at > at) {
                    m.at -= len;
                }
                for s in &mut spans {
                    if s.open_at > at {
                        s.open_at -= len;
                    }
                    if s.close_at > at {
                        s.close_at -= len;
                    }
                }
            }
        }
        if cut {
            self.escape_list_marker();
        }
    }

    /// After emphasis was taken out, digits and a `.` it separated may
    /// have come together at the line's start ("12~~. ~~" → "12. "), which
    /// would start an ordered list: escape the `.` now.
    fn escape_list_marker(&mut self) {
        let Some(line) = self.text.get(self.line_at..) else {
            return;
        };
        let body = line.trim_start_matches(['*', '~']);
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let mut after = body[digits..].chars();
        let marker = matches!(after.next(), Some('.' | ')'));
        if (1..=9).contains(&digits) && marker && after.next().is_none_or(char::is_whitespace) {
            let at = self.line_at + (line.len() - body.len()) + digits;
            self.text.insert(at, '\\');
            for m in self.marks.iter_mut().filter(|m| m.emitted && m.at >= at) {
                m.at += 1;
            }
        }
    }

    /// Whether Markdown reads a span's delimiters as its emphasis: the
    /// opening can open, the closing can close, and when either could do
    /// both, CommonMark's "rule of three" on the lengths of their runs lets
    /// them pair.
    fn holds(&self, s: &Closed, next: Option<char>) -> bool {
        let (open_left, open_right, open_run) = self.run(s.open_at, s.len, next);
        let (close_left, close_right, close_run) = self.run(s.close_at, s.len, next);
        if !open_left || !close_right {
            return false;
        }
        if !(open_right || close_left) {
            return true;
        }
        // An opening that could also close would close an enclosing span
        // with the same delimiter instead.
        if open_right && s.nested {
            return false;
        }
        // A run that can both open and close may pair with another span's
        // delimiter: keep it only between plain punctuation (`.*)`), never
        // inside a word or against escapes and other delimiters.
        let plain = |at: usize, len: usize| {
            let (before, after) = self.neighbours(at, len, next);
            let odd = |c: Option<char>| c.is_some_and(|c| matches!(c, '*' | '~' | '\\'));
            !(odd(before) || odd(after) || (is_word(before) && is_word(after)))
        };
        (!open_right || plain(s.open_at, s.len))
            && (!close_left || plain(s.close_at, s.len))
            && ((open_run + close_run) % 3 != 0 || (open_run % 3 == 0 && close_run % 3 == 0))
    }

    /// The characters just outside the run around the delimiter at `at`.
    fn neighbours(
        &self,
        at: usize,
        len: usize,
        next: Option<char>,
    ) -> (Option<char>, Option<char>) {
        let (start, end) = self.run_bounds(at, len);
        let t = &self.text;
        let before = t.get(..start).and_then(|r| r.chars().next_back());
        let after = t.get(end..).and_then(|r| r.chars().next()).or(next);
        (before, after)
    }

    /// Whether the run of identical delimiter characters around the
    /// delimiter written at `at` (`len` bytes) is left- and right-flanking,
    /// and its length.
    fn run(&self, at: usize, len: usize, next: Option<char>) -> (bool, bool, usize) {
        let (start, end) = self.run_bounds(at, len);
        let (before, after) = self.neighbours(at, len, next);
        (
            left_flanking(before, after),
            right_flanking(before, after),
            end - start,
        )
    }

    /// The run of identical delimiter characters around the delimiter
    /// written at `at` (`len` bytes), escaped ones excluded.
    fn run_bounds(&self, at: usize, len: usize) -> (usize, usize) {
        let t = &self.text;
        let Some(d) = t.get(at..).and_then(|r| r.chars().next()) else {
            return (at, at);
        };
        let mut start = at;
        while let Some(c) = t.get(..start).and_then(|r| r.chars().next_back()) {
            let escaped = t[..start - c.len_utf8()].ends_with('\\');
            if c != d || escaped {
                break;
            }
            start -= c.len_utf8();
        }
        let end = at
            + len
            + t.get(at + len..)
                .map_or(0, |r| r.len() - r.trim_start_matches(d).len());
        (start, end)
    }
}

/// CommonMark's left-flanking delimiter run, between `before` and
/// `after` (`None` is a line's start or end). Anything neither
/// alphanumeric, whitespace nor a control character counts as punctuation
/// (CommonMark's punctuation and symbols, near enough).
fn left_flanking(before: Option<char>, after: Option<char>) -> bool {
    !is_space(after) && (!is_punct(after) || is_space(before) || is_punct(before))
}

fn right_flanking(before: Option<char>, after: Option<char>) -> bool {
    !is_space(before) && (!is_punct(before) || is_space(after) || is_punct(after))
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn is_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

fn needs_escape(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    rest: &str,
    line_start: bool,
) -> bool {
    match c {
        '\\' | '`' | '*' | '[' | ']' | '|' | '~' => true,
        // Intraword underscores never make emphasis.
        '_' => {
            !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric))
        }
        // What follows in the next text node is unknown: escape then.
        '<' => next.is_none_or(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
        '&' => rest.is_empty() || looks_like_entity(rest),
        '#' | '>' | '-' | '+' | '=' => line_start,
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
