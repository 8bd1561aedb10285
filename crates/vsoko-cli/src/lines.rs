//! The file's own line numbers for CSV records, whatever the line ends (LF, CRLF, lone CR) and
//! however many blank lines the csv crate skipped.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// The file's line numbers for CSV records. The csv crate skips blank lines without counting
/// them, so the reader below notes where each line break is, and a record's byte offset is
/// turned into its line. Only the breaks between the record being read and the read-ahead
/// are kept, so memory stays bounded by the buffer.
#[derive(Clone, Default)]
pub struct Lines(Rc<RefCell<LineState>>);

#[derive(Default)]
struct LineState {
    /// Line breaks read but not yet passed by a record: offset, and whether the line they
    /// end is blank (the csv crate skips blank lines before a record).
    breaks: VecDeque<Break>,
    /// Line breaks already passed.
    passed: usize,
    /// Bytes read so far.
    read: u64,
    /// Whether the line being read so far has anything but `\r`.
    content: bool,
    /// Whether the last byte read was `\r` (then a `\n` completes the same break).
    after_cr: bool,
}

/// A line break in the file: `\n`, `\r\n` (at its `\r`) or a lone `\r` (old Mac files;
/// the csv crate ends records at any of them).
struct Break {
    offset: u64,
    /// The line it ends is blank.
    blank: bool,
}

impl Lines {
    /// The 1-based line where a record begins. The csv crate gives the offset where the
    /// previous record ended, so the blank lines right after it are counted here too.
    pub fn line_at(&self, position: Option<&csv::Position>) -> usize {
        let Some(p) = position else { return 0 };
        let mut state = self.0.borrow_mut();
        while state.breaks.front().is_some_and(|b| b.offset < p.byte()) {
            state.breaks.pop_front();
            state.passed += 1;
        }
        while state.breaks.front().is_some_and(|b| b.blank) {
            state.breaks.pop_front();
            state.passed += 1;
        }
        state.passed + 1
    }
}

/// A reader that notes the offsets of line breaks as bytes pass through it.
pub struct LineCounter<R> {
    inner: R,
    lines: Lines,
}

impl<R: Read> LineCounter<R> {
    /// Wraps a reader; the returned [`Lines`] turns record positions into lines.
    pub fn wrap(inner: R) -> (Self, Lines) {
        Self::wrap_after(inner, 0)
    }

    /// Wraps a reader that starts after `lines_before` lines of the file.
    pub fn wrap_after(inner: R, lines_before: usize) -> (Self, Lines) {
        let lines = Lines::default();
        lines.0.borrow_mut().passed = lines_before;
        (
            LineCounter {
                inner,
                lines: lines.clone(),
            },
            lines,
        )
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut state = self.lines.0.borrow_mut();
        let start = state.read;
        let bytes = buf.get(..n).unwrap_or_default();
        // Only the line ends are visited; the bytes between two of them are all content.
        let mut from = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if i > from {
                state.content = true;
                state.after_cr = false;
            }
            let b = bytes.get(i).copied().unwrap_or_default();
            if !(b == b'\n' && state.after_cr) {
                let brk = Break {
                    offset: start + i as u64,
                    blank: !state.content,
                };
                state.breaks.push_back(brk);
                state.content = false;
            }
            state.after_cr = b == b'\r';
            from = i + 1;
        }
        if n > from {
            state.content = true;
            state.after_cr = false;
        }
        state.read += n as u64;
        Ok(n)
    }
}
