//! Emphasis that Markdown reads as emphasis. CommonMark takes `*` and
//! `~` for delimiters only where they flank a word, judged on the whole
//! run of delimiter characters and on the characters around it, some of
//! which are written after the span closes. Each closed span is checked
//! once the next character is known; the delimiters of a span that would
//! not be read as emphasis are taken out, its words stay.

use super::Inline;

/// An emphasis written but not yet checked: whether its delimiters open
/// and close depends on the character that follows it.
pub(super) struct Closed {
    pub open_at: usize,
    pub close_at: usize,
    pub len: usize,
    /// Another span with the same delimiter was open around it.
    pub nested: bool,
}

impl Inline {
    /// Checks the emphases closed since the last content, now that the
    /// character after them (`next`, `None` at a line end) is known, and
    /// takes out the delimiters of any that Markdown would not read as
    /// emphasis (`*(CNN)*President` shows its asterisks): the words stay,
    /// the emphasis goes. Taking some out changes the runs of delimiters
    /// around others, so it repeats until all that remain hold.
    pub(super) fn settle(&mut self, next: Option<char>) {
        if self.unchecked.is_empty() {
            return;
        }
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
