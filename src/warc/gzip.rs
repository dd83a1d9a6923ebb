//! Gzip members, decoded one after the other: a WARC.gz file is a series of
//! gzip members (one per record, as Common Crawl writes them, or one for
//! the whole file). A member that cannot be decoded is reported once; the
//! next read starts again at the next gzip header.

use std::io::{self, Read};

use flate2::bufread::GzDecoder;

use super::stream::{Found, Stream};

/// The first bytes of a gzip member: the magic number and the deflate method.
pub(crate) const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];

/// The decompressed bytes of every member in turn.
pub(crate) struct Members<R> {
    state: State<R>,
    /// Compressed bytes of a member kept to search it again from its start
    /// when it fails (a damaged deflate stream can run on into the next
    /// members before it fails).
    rewind: usize,
    /// Decompressed bytes returned so far.
    delivered: u64,
    /// `delivered` when the last member ended with its checksum verified.
    last_end: Option<u64>,
}

enum State<R> {
    /// At a member boundary (or the start).
    Between(Stream<R>),
    /// Inside the member that started at this offset.
    Member(Box<GzDecoder<Stream<R>>>, u64),
    /// A member failed to decode; resume at the next gzip header after
    /// the failed member's start.
    Failed(Stream<R>, u64),
    Done,
}

impl<R: Read> Members<R> {
    pub(crate) fn new(stream: Stream<R>, rewind: Option<usize>) -> Self {
        Members {
            state: State::Between(stream),
            rewind: rewind.unwrap_or(usize::MAX),
            delivered: 0,
            last_end: None,
        }
    }

    /// How many compressed bytes have been consumed.
    pub(crate) fn input_offset(&self) -> u64 {
        match &self.state {
            State::Between(s) | State::Failed(s, _) => s.offset(),
            State::Member(d, _) => d.get_ref().offset(),
            State::Done => u64::MAX,
        }
    }

    /// Where (in decompressed bytes) the last member that decoded whole,
    /// checksum included, ended.
    pub(crate) fn last_end(&self) -> Option<u64> {
        self.last_end
    }
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Between(mut s) => {
                    if s.at_eof()? {
                        return Ok(0);
                    }
                    let start = s.offset();
                    if s.find(GZIP_MAGIC, Some(0))? == Found::At(0) {
                        s.mark(self.rewind);
                        self.state = State::Member(Box::new(GzDecoder::new(s)), start);
                    } else {
                        // Checked here rather than by the decoder, which would
                        // consume the next member's header with the garbage.
                        self.state = State::Failed(s, start);
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "no gzip header where a member should start",
                        ));
                    }
                }
                State::Member(mut d, start) => match d.read(out) {
                    Ok(0) => {
                        self.last_end = Some(self.delivered);
                        let mut s = d.into_inner();
                        s.unmark();
                        self.state = State::Between(s);
                    }
                    Ok(n) => {
                        self.delivered += n as u64;
                        self.state = State::Member(d, start);
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = State::Member(d, start);
                    }
                    Err(e) => {
                        log::debug!("gzip member at byte {start} failed: {e}");
                        let mut s = d.into_inner();
                        s.rewind_past_mark();
                        self.state = State::Failed(s, start);
                        return Err(e);
                    }
                },
                State::Failed(mut s, start) => {
                    if s.offset() == start {
                        // The header itself was refused: step past it.
                        s.discard(1)?;
                    }
                    if s.skip_to(GZIP_MAGIC)? {
                        self.state = State::Between(s);
                    }
                }
                State::Done => return Ok(0),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    use super::*;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// Reads everything, collecting the text read and the number of errors.
    fn drain(bytes: &[u8]) -> (String, usize) {
        let mut m = Members::new(Stream::new(bytes), None);
        let (mut text, mut errors) = (Vec::new(), 0);
        let mut buf = [0u8; 7];
        for _ in 0..10_000 {
            match m.read(&mut buf) {
                Ok(0) => return (String::from_utf8_lossy(&text).into_owned(), errors),
                Ok(n) => text.extend_from_slice(&buf[..n]),
                Err(_) => errors += 1,
            }
        }
        panic!("no end");
    }

    #[test]
    fn members_are_read_in_turn() {
        let bytes = [gz(b"one "), gz(b"two "), gz(b"three")].concat();
        assert_eq!(drain(&bytes), ("one two three".to_string(), 0));
    }

    #[test]
    fn a_corrupt_member_is_one_error_and_the_next_members_are_read() {
        let mut bad = gz(b"a member whose bytes are damaged in the middle");
        let mid = bad.len() / 2;
        bad[mid] ^= 0xff;
        bad[mid + 1] ^= 0xff;
        let bytes = [gz(b"one "), bad, gz(b"three")].concat();
        let (text, errors) = drain(&bytes);
        assert_eq!(errors, 1);
        assert!(
            text.starts_with("one ") && text.ends_with("three"),
            "{text}"
        );
    }

    #[test]
    fn garbage_between_members_and_a_truncated_last_member() {
        let last = gz(b"the last member, cut short");
        let bytes = [
            gz(b"one "),
            b"garbage".to_vec(),
            gz(b"two "),
            last[..last.len() - 9].to_vec(),
        ]
        .concat();
        let (text, errors) = drain(&bytes);
        assert!(text.starts_with("one two "), "{text}");
        assert_eq!(errors, 2);
    }
}
