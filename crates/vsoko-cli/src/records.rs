//! CSV records of a large file on both cores: one thread reads and splits the records (decoding,
//! the file's line numbers, quotes counted), the caller's thread takes them in order, in batches,
//! as they come. Memory stays a few batches whatever the file's size.

use crate::failure::Failure;
use crate::lines::LineCounter;
use std::cell::Cell;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;
use std::sync::mpsc;
use vsoko::Error;
use vsoko::reason::{InputReason, Location};

/// Whether the caller wants more records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// The next record, please.
    Go,
    /// No more: the file is left unread.
    Stop,
}

/// How a file read to its end ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Streamed {
    /// Whether the file holds an even number of quote characters (an odd one means a quote
    /// never closed swallowed the lines after it into one cell: `tables::csv_table` rejects it).
    pub quotes_balanced: bool,
}

/// Records per batch handed from the reading thread.
const BATCH: usize = 2048;
/// Batches read ahead of the caller.
const AHEAD: usize = 4;

/// Records as read: their fields' bytes one after another (checked as UTF-8 once per batch,
/// not once per field, by the caller's thread), each field's end, and each record's line and
/// first field.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    /// (line, index of the record's first field end in `ends`, start of its text).
    records: Vec<(usize, usize, usize)>,
}

/// Streams a CSV file (any dialect `tables::read_table` reads) record by record to `row` with
/// each record's line in the file, reading on a second thread. `Ok(None)` when `row` stopped.
///
/// # Errors
/// A [`Failure`] when the file cannot be opened or read, or a record is not text (the error
/// `tables::stream_table` gives; records before it may have been given to `row`).
pub fn stream_csv(
    path: &Path,
    mut row: impl FnMut(usize, &[&str]) -> Flow,
) -> Result<Option<Streamed>, Failure> {
    let label = path.display().to_string();
    let io = |e: std::io::Error| Failure::read(&label, &e);
    let mut head = Vec::with_capacity(crate::dialect::HEAD);
    std::fs::File::open(path)
        .map_err(io)?
        .take(crate::dialect::HEAD as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    let dialect = crate::dialect::sniff(&head);
    let file = std::fs::File::open(path).map_err(io)?;
    let (full_tx, full_rx) = mpsc::sync_channel::<Batch>(AHEAD);
    let (empty_tx, empty_rx) = mpsc::channel::<Batch>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_batches(file, dialect, &full_tx, &empty_rx));
        let mut stopped = false;
        let mut broken_at = None;
        for batch in &full_rx {
            {
                // One check of the batch (SIMD); each cell is then a slice of it.
                let Ok(text) = simdutf8::basic::from_utf8(&batch.bytes) else {
                    let at = simdutf8::compat::from_utf8(&batch.bytes)
                        .err()
                        .map_or(0, |e| e.valid_up_to());
                    let bad = batch.records.partition_point(|&(_, _, start)| start <= at);
                    broken_at = batch.records.get(bad.saturating_sub(1)).map(|r| r.0);
                    break;
                };
                let mut cells: Vec<&str> = Vec::with_capacity(16);
                let mut records = batch.records.iter().peekable();
                while let Some(&(line, first, start)) = records.next() {
                    let last = records.peek().map_or(batch.ends.len(), |r| r.1);
                    cells.clear();
                    let mut from = start;
                    for &to in batch.ends.get(first..last).unwrap_or_default() {
                        // A field that ends inside a character is not text on its own.
                        let Some(cell) = text.get(from..to) else {
                            broken_at = Some(line);
                            break;
                        };
                        cells.push(cell.trim_start_matches('\u{feff}'));
                        from = to;
                    }
                    if broken_at.is_some() || row(line, &cells) == Flow::Stop {
                        stopped = true;
                        break;
                    }
                }
            }
            if stopped {
                break;
            }
            let _ = empty_tx.send(batch);
        }
        drop(full_rx);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io(std::io::Error::other("reader thread failed"))));
        if let Some(line) = broken_at {
            return Err(not_utf8(line));
        }
        if stopped {
            return Ok(None);
        }
        Ok(Some(Streamed {
            quotes_balanced: read?,
        }))
    })
}

/// The reading thread: records into batches, sent in order until the end, an error, or a
/// caller that hung up. `Ok(whether the quotes are balanced)`.
fn read_batches(
    file: std::fs::File,
    dialect: crate::dialect::Dialect,
    full_tx: &mpsc::SyncSender<Batch>,
    empty_rx: &mpsc::Receiver<Batch>,
) -> Result<bool, Failure> {
    let quotes = Rc::new(Cell::new(0u64));
    let counting = QuoteCounter {
        inner: crate::dialect::utf8_reader(file, dialect.encoding),
        quotes: Rc::clone(&quotes),
    };
    let (counted, lines) = LineCounter::wrap(counting);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::with_capacity(1 << 16, counted));
    let mut record = csv::ByteRecord::new();
    loop {
        let mut batch = empty_rx.try_recv().unwrap_or_default();
        let (bytes, ends, records) = (&mut batch.bytes, &mut batch.ends, &mut batch.records);
        bytes.clear();
        ends.clear();
        records.clear();
        let mut end = None;
        while records.len() < BATCH {
            match csv.read_byte_record(&mut record) {
                Ok(false) => {
                    end = Some(Ok(quotes.get().is_multiple_of(2)));
                    break;
                }
                Ok(true) => {
                    let line = lines.line_at(record.position());
                    records.push((line, ends.len(), bytes.len()));
                    for field in &record {
                        bytes.extend_from_slice(field);
                        ends.push(bytes.len());
                    }
                }
                Err(e) => {
                    end = Some(Err(broken(lines.line_at(e.position()), &e)));
                    break;
                }
            }
        }
        // A caller that stopped has hung up: nothing more to read.
        if !batch.records.is_empty() && full_tx.send(batch).is_err() {
            return Ok(true);
        }
        if let Some(end) = end {
            return end;
        }
    }
}

/// A record that is not text (`tables::stream_table`'s error).
fn not_utf8(line: usize) -> Failure {
    Error::InvalidInput {
        at: Location::Row(line),
        reason: InputReason::NotUtf8,
    }
    .into()
}

/// A record the csv reader could not read (`tables::stream_table`'s error).
fn broken(line: usize, e: &csv::Error) -> Failure {
    Error::InvalidInput {
        at: Location::Row(line),
        reason: match e.kind() {
            csv::ErrorKind::Utf8 { .. } => InputReason::NotUtf8,
            _ => InputReason::Shape {
                detail: e.to_string(),
            },
        },
    }
    .into()
}

/// A reader that counts the quote characters passing through it.
struct QuoteCounter<R> {
    inner: R,
    quotes: Rc<Cell<u64>>,
}

impl<R: Read> Read for QuoteCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let seen = memchr::memchr_iter(b'"', buf.get(..n).unwrap_or_default()).count();
        self.quotes.set(self.quotes.get() + seen as u64);
        Ok(n)
    }
}
