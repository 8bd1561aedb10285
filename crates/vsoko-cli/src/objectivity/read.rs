//! Reading one pupil file into the analysis: the title and meta rows above the header give the
//! file's context, each row after it is a pupil or a reported error. CSV streams record by record
//! (a large first file on both cores, see `split`), a workbook is read cell by cell.

use super::split::split_point;
use crate::dialect::Dialect;
use crate::failure::{Failure, note};
use crate::sheets::LineCounter;
use crate::tables::read_table;
use std::path::Path;
use vsoko::objectivity::{Analysis, PupilTable};
use vsoko::reason::{InputReason, Location};

/// One file, row by row: the title and meta rows above the header give its context; each row
/// after it is a pupil or a reported error.
pub(super) struct FileReader<'a> {
    label: String,
    table: PupilTable,
    analysis: &'a mut Analysis,
    rejected: usize,
}

impl FileReader<'_> {
    fn push(&mut self, line: usize, cells: &[&str]) -> Result<(), Failure> {
        if self.table.take_preamble(cells)? {
            return Ok(());
        }
        let Some(columns) = self.table.columns() else {
            return Ok(());
        };
        if let Err(e) = columns
            .row_ref(cells)
            .and_then(|p| p.map_or(Ok(()), |p| self.analysis.add_ref(p)))
        {
            self.rejected += 1;
            note(&format!(
                "{}: row {line}: {}",
                self.label,
                Failure::from(e).line()
            ));
        }
        Ok(())
    }

    fn finish(self) -> Result<usize, Failure> {
        if self.table.columns().is_none() {
            return Err(vsoko::Error::InvalidInput {
                at: Location::File(self.label),
                reason: InputReason::NoPupilHeader,
            }
            .into());
        }
        Ok(self.rejected)
    }
}

/// Reads one file into the analysis: CSV streams record by record (memory does not grow with
/// the file), a workbook is read cell by cell. Returns how many rows were rejected.
pub(super) fn read_file(
    path: &Path,
    analysis: &mut Analysis,
    parallel_from: u64,
) -> Result<usize, Failure> {
    let label = path.display().to_string();
    let mut reader = FileReader {
        label: label.clone(),
        table: PupilTable::default(),
        analysis,
        rejected: 0,
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm") {
        for (line, cells) in read_table(path)? {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            reader.push(line, &cells)?;
        }
        return reader.finish();
    }
    let io = |e: std::io::Error| Failure::read(&label.clone(), &e);
    let len = std::fs::metadata(path).map_err(io)?.len();
    let dialect = sniff_file(path).map_err(io)?;
    // Only a first file is split: a later one must be checked against what is already read.
    if len >= parallel_from
        && reader.analysis.is_empty()
        && let Some(split) = split_point(path, len).map_err(io)?
    {
        // Both cores: the first part with its header, the second after a line end outside
        // quotes; their analyses merge exactly unless a pupil appears in both (then the file
        // is read again in order, so the row a sequential reading rejects is the one rejected).
        let mut first = Analysis::new();
        let mut second = Analysis::new();
        let (a, b) = std::thread::scope(|scope| {
            let label_a = label.clone();
            let a = scope.spawn(|| {
                let file = std::fs::File::open(path).map_err(io)?;
                let reader = FileReader {
                    label: label_a,
                    table: PupilTable::default(),
                    analysis: &mut first,
                    rejected: 0,
                };
                Ok::<_, Failure>(read_csv(
                    std::io::Read::take(file, split.offset),
                    0,
                    reader,
                    dialect,
                ))
            });
            let table = header_of(path, dialect);
            let b = (|| {
                let mut file = std::fs::File::open(path).map_err(io)?;
                std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(split.offset))
                    .map_err(io)?;
                let reader = FileReader {
                    label: label.clone(),
                    table: table?,
                    analysis: &mut second,
                    rejected: 0,
                };
                Ok::<_, Failure>(read_csv(file, split.lines_before, reader, dialect))
            })();
            (
                a.join()
                    .unwrap_or_else(|_| Err(io(std::io::Error::other("reader thread failed")))),
                b,
            )
        });
        let (rejected_a, rejected_b) = (a??, b??);
        if first.merge(second) {
            let _ = std::mem::replace(reader.analysis, first);
            return Ok(rejected_a + rejected_b);
        }
        note(&format!(
            "{label}: a pupil appears in both halves of the file; reading it again in order"
        ));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    read_csv(file, 0, reader, dialect)
}

/// The dialect of a CSV file, from its first bytes.
fn sniff_file(path: &Path) -> std::io::Result<Dialect> {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(crate::dialect::HEAD);
    std::fs::File::open(path)?
        .take(crate::dialect::HEAD as u64)
        .read_to_end(&mut head)?;
    Ok(crate::dialect::sniff(&head))
}

/// The table as it stands after its header (read from the first rows), for the reader of the
/// file's second half.
fn header_of(path: &Path, dialect: Dialect) -> Result<PupilTable, Failure> {
    let file =
        std::fs::File::open(path).map_err(|e| Failure::read(&path.display().to_string(), &e))?;
    let mut table = PupilTable::default();
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(crate::dialect::utf8_reader(file, dialect.encoding));
    let mut record = csv::StringRecord::new();
    while table.columns().is_none() && csv.read_record(&mut record).unwrap_or(false) {
        let cells: Vec<&str> = record
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}'))
            .collect();
        table.take_preamble(&cells)?;
    }
    Ok(table)
}

/// Reads CSV records into a file reader, counting lines from `lines_before`.
fn read_csv(
    input: impl std::io::Read,
    lines_before: usize,
    mut reader: FileReader<'_>,
    dialect: Dialect,
) -> Result<usize, Failure> {
    let (counted, lines) = LineCounter::wrap_after(
        crate::dialect::utf8_reader(input, dialect.encoding),
        lines_before,
    );
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::with_capacity(1 << 16, counted));
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_at(record.position());
                let cells: Vec<&str> = record
                    .iter()
                    .map(|c| c.trim_start_matches('\u{feff}'))
                    .collect();
                reader.push(line, &cells)?;
            }
            Err(e) => {
                return Err(vsoko::Error::InvalidInput {
                    at: Location::Row(lines.line_at(e.position())),
                    reason: match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => InputReason::NotUtf8,
                        _ => InputReason::Shape {
                            detail: e.to_string(),
                        },
                    },
                }
                .into());
            }
        }
    }
    reader.finish()
}
