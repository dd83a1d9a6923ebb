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
}

/// The inline content of one block.
#[derive(Default)]
pub(super) struct Inline {
    text: String,
    /// Whitespace seen since the last content, not yet written.
    space: bool,
    marks: Vec<Mark>,
    unchecked: Vec<Closed>,
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
                self.write_close(&m);
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

    /// Writes text: whitespace (non-breaking spaces too) collapses to one
    /// space, and characters Markdown would read as syntax are escaped.
    pub fn push_text(&mut self, t: &str) {
        let mut chars = t.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            self.before_content(Some(c));
            let rest = &t[i + c.len_utf8()..];
            let next = rest.chars().next();
            let prev = self.text.chars().next_back();
            let line_start = prev.is_none_or(|p| p == '\n');
            if line_start && c.is_ascii_digit() {
                // "1999. A year" must not start an ordered list.
                let digits = 1 + rest.bytes().take_while(u8::is_ascii_digit).count();
                let after = rest[digits - 1..].chars().next();
                let then = rest[digits - 1..].chars().nth(1);
                if digits <= 9
                    && matches!(after, Some('.') | Some(')'))
                    && then.is_none_or(char::is_whitespace)
                {
                    self.text.push_str(&t[i..i + digits]);
                    self.text.push('\\');
                    for _ in 1..digits {
                        chars.next();
                    }
                    continue;
                }
            }
            if needs_escape(c, prev, next, rest, line_start) {
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
        let mut t = std::mem::take(&mut self.text);
        while t.ends_with("\\\n") {
            t.truncate(t.len() - 2);
        }
        t.truncate(t.trim_end().len());
        t
    }

    fn write_close(&mut self, m: &Mark) {
        let close_at = self.text.len();
        self.text.push_str(&m.close);
        if m.flanks() {
            self.unchecked.push(Closed {
                open_at: m.at,
                close_at,
                len: m.open.len(),
            });
        }
    }

    /// Closes the open spans at the end of a line or block (they reopen
    /// with the next content).
    fn close_marks(&mut self) {
        let marks = std::mem::take(&mut self.marks);
        for m in marks.iter().rev().filter(|m| m.emitted) {
            self.write_close(m);
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
                && self.text[last.close_at..] == *m.open
            {
                let (open_at, close_at) = (last.open_at, last.close_at);
                self.text.truncate(close_at);
                self.unchecked.pop();
                self.marks[i].emitted = true;
                self.marks[i].at = open_at;
            }
        }
        let space = self.space && !self.text.is_empty() && !self.text.ends_with('\n');
        let upcoming = if space {
            Some(' ')
        } else {
            self.marks
                .iter()
                .filter(|m| !m.emitted)
                .find_map(|m| m.open.chars().next())
                .or(next)
        };
        self.settle(upcoming);
        if space {
            self.text.push(' ');
        }
        self.space = false;
        for m in self.marks.iter_mut().filter(|m| !m.emitted) {
            m.emitted = true;
            m.at = self.text.len();
            self.text.push_str(m.open);
        }
    }

    /// Checks the emphases closed since the last content, now that the
    /// character after them (`next`, `None` at a line end) is known, and
    /// takes out the delimiters of any that Markdown would not read as
    /// emphasis (`*(CNN)*President` shows its asterisks): the words stay,
    /// the emphasis goes.
    fn settle(&mut self, next: Option<char>) {
        if self.unchecked.is_empty() {
            return;
        }
        let text = &self.text;
        let mut cuts = Vec::new();
        for s in &self.unchecked {
            let before = |at: usize| text[..at].chars().next_back();
            let after = |at: usize| text[at + s.len..].chars().next();
            let opens = left_flanking(before(s.open_at), after(s.open_at));
            let closes = right_flanking(before(s.close_at), after(s.close_at).or(next));
            if !(opens && closes) {
                cuts.push((s.close_at, s.len));
                cuts.push((s.open_at, s.len));
            }
        }
        self.unchecked.clear();
        cuts.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
        for (at, len) in cuts {
            self.text.replace_range(at..at + len, "");
        }
    }
}

/// CommonMark's left-flanking delimiter run, between `before` and
/// `after` (`None` is a line's start or end). Anything neither
/// alphanumeric nor whitespace counts as punctuation.
fn left_flanking(before: Option<char>, after: Option<char>) -> bool {
    !is_space(after) && (!is_punct(after) || is_space(before) || is_punct(before))
}

fn right_flanking(before: Option<char>, after: Option<char>) -> bool {
    !is_space(before) && (!is_punct(before) || is_space(after) || is_punct(after))
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

fn is_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
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
        '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
        '&' => looks_like_entity(rest),
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
    }

    #[test]
    fn code_spans_fence_past_backticks() {
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span("  "), "");
    }
}
