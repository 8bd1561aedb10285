//! `vsoko objectivity FILE...`: pupil tables in (long CSV/XLSX, or the school export
//! «Индивидуальные результаты»), the comparison table, the signs and the index out.

use crate::dialect::Dialect;
use crate::failure::{Failure, note};
use crate::sheets::LineCounter;
use crate::tables::read_table;
use clap::ValueEnum;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vsoko::objectivity::{Analysis, Objectivity, ObjectivityOptions, PupilTable, combine};
use vsoko::output::terminal::visible;
use vsoko::reason::{InputReason, Location};

/// Arguments of `vsoko objectivity`.
#[derive(clap::Args)]
pub struct ObjectivityArgs {
    /// Pupil tables: long CSV/XLSX or school exports (one per school, subject, year).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Files from this many bytes are read on both cores (hidden: for tests).
    #[arg(long, hide = true, default_value_t = PARALLEL_FROM)]
    parallel_from: u64,
    /// Compared pupils a school needs for Spearman's correlation.
    #[arg(long, default_value_t = vsoko::objectivity::MIN_COMPARED_FOR_SPEARMAN)]
    min_compared: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Html,
}

/// Runs `vsoko objectivity`.
pub fn run(args: &ObjectivityArgs) -> ExitCode {
    match analyse(args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

fn analyse(args: &ObjectivityArgs) -> Result<usize, Failure> {
    let options = ObjectivityOptions {
        min_compared: args.min_compared,
        ..ObjectivityOptions::default()
    };
    let mut analysis = Analysis::new();
    let mut rejected = 0;
    for file in &args.files {
        rejected += read_file(file, &mut analysis, args.parallel_from)?;
    }
    let no_pupils = analysis.is_empty();
    let result = combine(analysis.summaries(options), options);
    report_unassessed(&result, no_pupils);
    let name = args
        .output
        .as_ref()
        .map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
    let sink: Box<dyn std::io::Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| Failure::write(&name, &e))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
    let written = match args.format {
        // Written as it is serialised: a country's table never sits in memory twice. Compact:
        // a region's table is hundreds of megabytes, and indentation would double it.
        Format::Json => serde_json::to_writer(&mut out, &result)
            .map_err(std::io::Error::other)
            .and_then(|()| out.write_all(b"\n")),
        Format::Table => out.write_all(visible(&table(&result)).as_bytes()),
        Format::Csv => out.write_all(csv(&result).as_bytes()),
        Format::Html => out.write_all(result.to_html().as_bytes()),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| Failure::write(&name, &e))?;
    // No pupil at all is not a result: the exit status says so, as for rejected rows.
    Ok(rejected + usize::from(no_pupils))
}

/// Says on stderr what the index leaves out: no pupils at all, schools whose pupils were all
/// absent, school names spelled like another.
fn report_unassessed(r: &Objectivity, no_pupils: bool) {
    if no_pupils {
        note(
            "warning[no_pupils]: во входных данных нет ни одного участника (только заголовок); индекс объективности не вычисляется",
        );
    } else if r.summary.objectivity_index.is_none() {
        note(
            "warning[no_participants]: все участники отсутствовали; индекс объективности не вычисляется",
        );
    }
    // School → whether any of its groups had a participant.
    let mut assessed: std::collections::BTreeMap<&str, bool> = std::collections::BTreeMap::new();
    for g in &r.groups {
        *assessed.entry(g.school.as_str()).or_default() |= g.participants > 0;
    }
    let absent = assessed.into_iter().filter(|(_, a)| !a).map(|(s, _)| s);
    for school in absent {
        note(&format!(
            "warning[not_assessed]: в школе «{school}» все участники отсутствовали; школа не оценивается и не учтена в индексе"
        ));
    }
    for f in &r.findings {
        note(&format!("warning[{}]: {}", f.code, f.message_ru));
    }
}

/// One file, row by row: the title and meta rows above the header give its context; each row
/// after it is a pupil or a reported error.
struct FileReader<'a> {
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
fn read_file(path: &Path, analysis: &mut Analysis, parallel_from: u64) -> Result<usize, Failure> {
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

/// Files from this size are read on both cores.
const PARALLEL_FROM: u64 = 32 << 20;

/// Where the second half of a CSV file starts: the first line end after the middle that lies
/// outside quotes (an even number of quote characters before it), and how many lines precede it.
struct Split {
    offset: u64,
    lines_before: usize,
}

fn split_point(path: &Path, len: u64) -> std::io::Result<Option<Split>> {
    use std::io::Read as _;
    let mut file = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let (mut quotes, mut lines, mut offset, mut after_cr) = (0u64, 0usize, 0u64, false);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        let bytes = buf.get(..n).unwrap_or_default();
        let base = offset;
        let mut from = 0;
        // Only quotes and line ends are visited (any other byte ends a preceding `\r`).
        for i in memchr::memchr3_iter(b'"', b'\n', b'\r', bytes) {
            if i > from {
                after_cr = false;
            }
            let b = bytes.get(i).copied().unwrap_or_default();
            let end = base + i as u64 + 1;
            match b {
                b'"' => quotes += 1,
                b'\n' if after_cr => {}
                _ => {
                    lines += 1;
                    if b == b'\n' && end > len / 2 && quotes % 2 == 0 {
                        return Ok((end < len).then_some(Split {
                            offset: end,
                            lines_before: lines,
                        }));
                    }
                }
            }
            after_cr = b == b'\r';
            from = i + 1;
        }
        if n > from {
            after_cr = false;
        }
        offset += n as u64;
    }
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

fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), |d| d.to_string())
}

fn table(r: &Objectivity) -> String {
    let mut out = format!(
        "Индекс объективности: {} (школ: {}, с признаками необъективности: {})\n",
        opt(r.summary.objectivity_index),
        r.summary.schools,
        r.summary.flagged_schools
    );
    for m in &r.municipalities {
        let _ = writeln!(
            out,
            "  {}: {} (школ: {}, с признаками: {})",
            if m.municipality.is_empty() {
                "без муниципалитета"
            } else {
                &m.municipality
            },
            opt(m.objectivity_index),
            m.schools,
            m.flagged_schools
        );
    }
    out.push_str("\nШколы с признаками необъективности:\n");
    if r.flags.is_empty() {
        out.push_str("  нет\n");
    }
    for f in &r.flags {
        let _ = writeln!(
            out,
            "  {} — {} ({} {} {} кл., {}): {}",
            f.school,
            f.sign.ru(),
            f.procedure,
            f.subject,
            f.grade,
            f.year,
            f.message_ru
        );
    }
    out.push_str("\nСравнение отметок (понизили / подтвердили / повысили, % от сравнённых):\n");
    let mut groups: Vec<_> = r.groups.iter().collect();
    groups.sort_by_key(|g| {
        std::cmp::Reverse(g.lowered_pct.unwrap_or_default() + g.raised_pct.unwrap_or_default())
    });
    for g in groups {
        let _ = writeln!(
            out,
            "  {} {} {} {} кл. {}: участников {}, сравнено {}: {} / {} / {}; средний балл {}, Спирмен {}",
            g.school,
            g.procedure,
            g.subject,
            g.grade,
            g.year,
            g.participants,
            g.compared,
            opt(g.lowered_pct),
            opt(g.confirmed_pct),
            opt(g.raised_pct),
            opt(g.mean_score),
            opt(g.spearman)
        );
    }
    out
}

fn csv(r: &Objectivity) -> String {
    let mut out = vsoko::output::csv::header([
        "school",
        "municipality",
        "procedure",
        "subject",
        "grade",
        "year",
        "participants",
        "absent",
        "compared",
        "lowered",
        "confirmed",
        "raised",
        "lowered_pct",
        "confirmed_pct",
        "raised_pct",
        "mean_score",
        "completion_pct",
        "spearman",
        "flags",
    ]);
    let mut line = vsoko::output::csv::Line::new();
    for g in &r.groups {
        let flags: Vec<&str> = r
            .flags
            .iter()
            .filter(|f| {
                f.school == g.school
                    && f.procedure == g.procedure
                    && f.subject == g.subject
                    && f.grade == g.grade
                    && f.year == g.year
            })
            .map(|f| f.sign.as_str())
            .collect();
        let d = |x: Option<Decimal>| x.map(|d| d.to_string()).unwrap_or_default();
        line.text(&g.school)
            .text(g.municipality.as_deref().unwrap_or_default())
            .text(&g.procedure)
            .text(&g.subject)
            .number(g.grade)
            .number(g.year)
            .number(g.participants)
            .number(g.absent)
            .number(g.compared)
            .number(g.lowered)
            .number(g.confirmed)
            .number(g.raised)
            .number(d(g.lowered_pct))
            .number(d(g.confirmed_pct))
            .number(d(g.raised_pct))
            .number(d(g.mean_score))
            .number(d(g.completion_pct))
            .number(d(g.spearman))
            .number(flags.join(" "));
        out.push_str(&line.finish());
    }
    out
}
