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

#[derive(Default)]
struct Batch {
    lines: Vec<usize>,
    records: Vec<csv::StringRecord>,
    len: usize,
}

/// Streams a CSV file (any dialect `tables::read_table` reads) record by record to `row` with
/// each record's line in the file, reading on a second thread. `Ok(None)` when `row` stopped.
///
/// # Errors
/// A [`Failure`] when the file cannot be opened or read, or a record is not text (the error
/// `tables::stream_table` gives; the records before it have been given to `row`).
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
        let reader = scope.spawn(move || -> Result<bool, Failure> {
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
            loop {
                let mut batch = empty_rx.try_recv().unwrap_or_default();
                batch.len = 0;
                batch.lines.clear();
                let mut end = None;
                while batch.len < BATCH {
                    if batch.records.len() <= batch.len {
                        batch.records.push(csv::StringRecord::new());
                    }
                    let Some(record) = batch.records.get_mut(batch.len) else {
                        break;
                    };
                    match csv.read_record(record) {
                        Ok(false) => {
                            end = Some(Ok(quotes.get().is_multiple_of(2)));
                            break;
                        }
                        Ok(true) => {
                            batch.lines.push(lines.line_at(record.position()));
                            batch.len += 1;
                        }
                        Err(e) => {
                            end = Some(Err(Error::InvalidInput {
                                at: Location::Row(lines.line_at(e.position())),
                                reason: match e.kind() {
                                    csv::ErrorKind::Utf8 { .. } => InputReason::NotUtf8,
                                    _ => InputReason::Shape {
                                        detail: e.to_string(),
                                    },
                                },
                            }
                            .into()));
                            break;
                        }
                    }
                }
                // A caller that stopped has hung up: nothing more to read.
                if batch.len > 0 && full_tx.send(batch).is_err() {
                    return Ok(true);
                }
                if let Some(end) = end {
                    return end;
                }
            }
        });
        let mut stopped = false;
        for batch in &full_rx {
            {
                let mut cells: Vec<&str> = Vec::with_capacity(16);
                for (&line, record) in batch.lines.iter().zip(&batch.records) {
                    cells.clear();
                    cells.extend(record.iter().map(|c| c.trim_start_matches('\u{feff}')));
                    if row(line, &cells) == Flow::Stop {
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
        if stopped {
            return Ok(None);
        }
        Ok(Some(Streamed {
            quotes_balanced: read?,
        }))
    })
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
