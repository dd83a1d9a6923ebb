//! A buffered byte stream that looks ahead a bounded distance, skips to a
//! pattern and knows its position: what both the gzip layer and the record
//! layer read through.

use std::io::{self, BufRead, Read};

use memchr::memmem;

/// How much is read from the inner reader at a time.
const CHUNK: usize = 64 * 1024;

/// What a bounded search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// The pattern starts this many bytes ahead.
    At(usize),
    /// The stream ended before the pattern.
    Eof,
    /// The pattern is not within the distance looked at.
    Beyond,
}

/// A reader with its own buffer, so that it can look ahead more than one
/// chunk and keep the tail of a chunk while it searches.
pub(crate) struct Stream<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    offset: u64,
    /// A position to come back to: its index in `buf` and its offset, kept
    /// while at most `mark_limit` bytes are read past it.
    mark: Option<(usize, u64)>,
    mark_limit: usize,
}

impl<R: Read> Stream<R> {
    pub(crate) fn new(inner: R) -> Self {
        Stream {
            inner,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            offset: 0,
            mark: None,
            mark_limit: 0,
        }
    }

    /// Keeps the current position to come back to, as long as no more than
    /// `limit` bytes are read past it.
    pub(crate) fn mark(&mut self, limit: usize) {
        self.mark = Some((self.pos, self.offset));
        self.mark_limit = limit;
    }

    /// Forgets the mark.
    pub(crate) fn unmark(&mut self) {
        self.mark = None;
    }

    /// Goes back to one byte past the mark, if it is still kept.
    pub(crate) fn rewind_past_mark(&mut self) -> bool {
        match self.mark.take() {
            Some((at, offset)) if at < self.end => {
                self.pos = at + 1;
                self.offset = offset + 1;
                true
            }
            _ => false,
        }
    }

    /// How many bytes have been consumed so far.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// The inner reader.
    pub(crate) fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The inner reader, to change.
    pub(crate) fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The bytes read ahead and not consumed yet.
    pub(crate) fn ahead(&self) -> &[u8] {
        &self.buf[self.pos..self.end]
    }

    /// Reads one more chunk after the bytes already ahead; `false` at the
    /// end of the inner reader.
    fn more(&mut self) -> io::Result<bool> {
        if self
            .mark
            .is_some_and(|(at, _)| self.end - at > self.mark_limit)
        {
            self.mark = None;
        }
        let keep = self.mark.map_or(self.pos, |(at, _)| at.min(self.pos));
        if keep > 0 {
            self.buf.copy_within(keep..self.end, 0);
            self.end -= keep;
            self.pos -= keep;
            if let Some((at, _)) = &mut self.mark {
                *at -= keep;
            }
        }
        if self.buf.len() - self.end < CHUNK {
            self.buf.resize(self.end + CHUNK, 0);
        }
        let n = loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                r => break r?,
            }
        };
        self.end += n;
        Ok(n > 0)
    }

    /// Whether no byte is left.
    pub(crate) fn at_eof(&mut self) -> io::Result<bool> {
        Ok(self.pos == self.end && !self.more()?)
    }

    /// Looks for `needle` in the next `limit` bytes (unlimited for `None`)
    /// without consuming anything.
    pub(crate) fn find(&mut self, needle: &[u8], limit: Option<usize>) -> io::Result<Found> {
        let mut searched = 0;
        loop {
            let ahead = self.ahead();
            let window = match limit {
                Some(l) => ahead.len().min(l.saturating_add(needle.len())),
                None => ahead.len(),
            };
            if let Some(i) = memmem::find(&ahead[searched..window], needle) {
                return Ok(Found::At(searched + i));
            }
            if limit.is_some_and(|l| window >= l.saturating_add(needle.len())) {
                return Ok(Found::Beyond);
            }
            searched = window.saturating_sub(needle.len() - 1);
            if !self.more()? {
                return Ok(Found::Eof);
            }
        }
    }

    /// Consumes bytes up to the next `needle`, which stays in the stream;
    /// `false` (everything consumed) when there is none.
    pub(crate) fn skip_to(&mut self, needle: &[u8]) -> io::Result<bool> {
        loop {
            if let Some(i) = memmem::find(self.ahead(), needle) {
                self.consume(i);
                return Ok(true);
            }
            let keep = needle.len() - 1;
            let drop = self.ahead().len().saturating_sub(keep);
            self.consume(drop);
            if !self.more()? {
                let rest = self.ahead().len();
                self.consume(rest);
                return Ok(false);
            }
        }
    }

    /// Consumes the bytes that `skip` accepts, up to the first it refuses.
    pub(crate) fn skip_while(&mut self, skip: impl Fn(u8) -> bool) -> io::Result<()> {
        loop {
            let n = self.ahead().iter().take_while(|&&b| skip(b)).count();
            let all = n == self.ahead().len();
            self.consume(n);
            if !all || !self.more()? {
                return Ok(());
            }
        }
    }

    /// Reads exactly `n` bytes (`UnexpectedEof` when the stream is shorter).
    pub(crate) fn read_vec(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            if self.pos == self.end && !self.more()? {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let take = (n - out.len()).min(self.end - self.pos);
            out.extend_from_slice(&self.buf[self.pos..self.pos + take]);
            self.consume(take);
        }
        Ok(out)
    }

    /// Consumes `n` bytes without keeping them; `UnexpectedEof` when the
    /// stream is shorter.
    pub(crate) fn discard(&mut self, mut n: u64) -> io::Result<()> {
        while n > 0 {
            if self.pos == self.end && !self.more()? {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let take = n.min((self.end - self.pos) as u64) as usize;
            self.consume(take);
            n -= take as u64;
        }
        Ok(())
    }
}

impl<R: Read> Read for Stream<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let ahead = self.fill_buf()?;
        let n = ahead.len().min(out.len());
        out[..n].copy_from_slice(&ahead[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Stream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            self.more()?;
        }
        Ok(self.ahead())
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        self.pos += n;
        self.offset += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes per read, so patterns
    /// fall across chunk boundaries.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(out.len()).min(self.1);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn finds_and_skips_to_patterns_split_across_reads() {
        let data = b"xxxxWARC/1.0 abc\r\n\r\nbody";
        for step in 1..8 {
            let mut s = Stream::new(Trickle(data, step));
            assert_eq!(s.find(b"\r\n\r\n", None).unwrap(), Found::At(16));
            assert_eq!(s.find(b"\r\n\r\n", Some(8)).unwrap(), Found::Beyond);
            assert!(s.skip_to(b"WARC/").unwrap());
            assert_eq!(s.offset(), 4);
            assert_eq!(s.read_vec(4).unwrap(), b"WARC");
            assert!(!s.skip_to(b"WARC/").unwrap());
            assert!(s.at_eof().unwrap());
            assert_eq!(s.offset(), data.len() as u64);
        }
    }

    #[test]
    fn a_mark_is_kept_within_its_limit() {
        let data: Vec<u8> = (0..200u8).collect();
        let mut s = Stream::new(Trickle(&data, 7));
        s.discard(10).unwrap();
        s.mark(100);
        s.discard(90).unwrap();
        assert!(s.rewind_past_mark());
        assert_eq!((s.offset(), s.read_vec(1).unwrap()[0]), (11, 11));
        s.mark(20);
        s.discard(150).unwrap();
        assert!(!s.rewind_past_mark());
        assert_eq!(s.offset(), 162);
    }

    #[test]
    fn short_streams_are_unexpected_eof() {
        let mut s = Stream::new(&b"abc"[..]);
        assert_eq!(s.find(b"\r\n", None).unwrap(), Found::Eof);
        let e = s.read_vec(4).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
        let mut s = Stream::new(&b"abc"[..]);
        assert_eq!(
            s.discard(5).unwrap_err().kind(),
            io::ErrorKind::UnexpectedEof
        );
    }

    #[test]
    fn skip_while_crosses_reads() {
        let mut s = Stream::new(Trickle(b"\r\n\r\n\r\nW", 2));
        s.skip_while(|b| b == b'\r' || b == b'\n').unwrap();
        assert_eq!(s.offset(), 6);
        assert_eq!(s.read_vec(1).unwrap(), b"W");
    }
}
