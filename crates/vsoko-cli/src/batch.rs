//! `vsoko batch`: many schools from CSV, JSON Lines or XLSX to CSV or JSON Lines, streaming.
//! File formats are handled here; the header mapping, cell rules, scoring, summary and ranks
//! are the core's (`vsoko::batch`).

use crate::failure::Failure;
use crate::sheets::{self, Record};
use crate::xlsx::{MAX_SCHOOLS, Results};
use clap::ValueEnum;
use rust_decimal::Decimal;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::batch::{
    Field, Rank, ResultColumn, ResultRow, SchoolRows, Shape, SummaryBuilder, ranks, result_columns,
};
use vsoko::output::csv::Line;
use vsoko::{Methodology, Options};

/// Arguments of `vsoko batch`.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// Input file: .csv, .jsonl or .xlsx (or `-` for CSV on standard input).
    file: PathBuf,
    /// Built-in methodology (default: index-2023).
    #[arg(long, conflicts_with = "methodology_file")]
    methodology: Option<String>,
    /// A custom methodology JSON file.
    #[arg(long)]
    methodology_file: Option<PathBuf>,
    /// Input format when the file extension does not say.
    #[arg(long, value_enum)]
    input_format: Option<sheets::InputFormat>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    format: OutputFormat,
    /// Write results here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Write the summary as JSON to this file (it is always printed to stderr too).
    #[arg(long)]
    summary: Option<PathBuf>,
    /// Add each school's position and percentile within the batch (keeps results in memory).
    #[arg(long)]
    rank: bool,
    /// Every indicator must have a value.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Csv,
    Jsonl,
    /// A workbook (needs `-o FILE`): schools, groups and indicators, numeric cells.
    Xlsx,
}

/// Exit code when some rows failed but the others were scored.
const EXIT_SOME_ROWS_FAILED: u8 = 1;

/// Runs `vsoko batch`.
pub fn run(args: &BatchArgs) -> ExitCode {
    match batch(args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(EXIT_SOME_ROWS_FAILED),
        Err(f) => f.report(),
    }
}

fn batch(args: &BatchArgs) -> Result<usize, Failure> {
    let custom = match &args.methodology_file {
        Some(p) => Some(Methodology::from_json(&crate::failure::read_input(p)?)?),
        None => None,
    };
    let m = chosen(args, custom.as_ref())?;
    let options = Options::new().strict(args.strict);
    let xlsx = args.format == OutputFormat::Xlsx;
    if xlsx && args.output.is_none() {
        return Err(Failure::Usage(
            "для --format xlsx укажите файл результатов: -o results.xlsx".into(),
        ));
    }
    let rows = sheets::open(&args.file, args.input_format, m)?;
    let out_name = args
        .output
        .as_ref()
        .map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
    let out: Box<dyn Write> = match &args.output {
        _ if xlsx => Box::new(std::io::sink()),
        Some(p) => Box::new(File::create(p).map_err(|e| Failure::write(&out_name, &e))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let shape = Shape {
        municipality: rows.has_municipality,
        period: rows.has_period,
        ranked: args.rank,
    };
    let mut book = xlsx.then(Results::default);
    let mut writer = Writer::new(out, out_name, args.format, m, result_columns(m, shape))?;
    let mut summary = SummaryBuilder::new(m);
    let mut kept = Kept::default();
    let mut names = SchoolRows::default();
    let input_name = args.file.display().to_string();
    let progress = progress_bar();
    let mut records = rows.records;
    score_in_background(&mut records, m, options, &mut |row, scored| {
        let scored = scored.and_then(|s| once(&mut names, row, s));
        match scored {
            Ok(_) if book.as_ref().is_some_and(|b| b.len() >= MAX_SCHOOLS) => {
                summary.fail();
                crate::failure::note(&format!(
                    "row {row}: error[usage]: лист Excel вмещает не более {MAX_SCHOOLS} школ; выберите --format csv"
                ));
            }
            Ok(s) => {
                summary.add(&s.card);
                if let Some(book) = &mut book {
                    book.push(s);
                } else {
                    writer.render(&s);
                    if args.rank {
                        kept.push(&writer.line, s.card.total);
                    } else {
                        writer.emit(None)?;
                    }
                }
            }
            Err(e) => {
                summary.fail();
                crate::failure::note(&format!(
                    "{input_name}, row {row}: {}",
                    Failure::from(e).line()
                ));
            }
        }
        if let Some(p) = &progress {
            p.inc(1);
        }
        Ok(())
    })?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if args.rank && !xlsx {
        for (i, r) in ranks(&kept.totals).into_iter().enumerate() {
            writer.line.clear();
            writer.line.push_str(kept.line(i));
            writer.emit(Some(r))?;
        }
    }
    writer.finish()?;
    if let (Some(book), Some(path)) = (book, &args.output) {
        save_workbook(&book, m, shape, path)?;
    }
    let summary = summary.finish();
    crate::failure::note(&crate::render::summary(m, &summary));
    if let Some(path) = &args.summary {
        let text = serde_json::to_string_pretty(&summary).unwrap_or_default();
        std::fs::write(path, text + "\n")
            .map_err(|e| Failure::write(&path.display().to_string(), &e))?;
    }
    Ok(summary.failed)
}

/// A school already in the batch (same municipality and period) is not scored twice.
fn once(names: &mut SchoolRows, row: usize, s: ResultRow) -> Result<ResultRow, vsoko::Error> {
    match &s.school {
        Some(school) => names
            .check(row, school, s.municipality.as_deref(), s.period.as_deref())
            .map(|()| s),
        None => Ok(s),
    }
}

/// Rows per batch handed to the scoring thread.
const BATCH_ROWS: usize = 512;

/// Scores the records on a second thread while this one reads (and parses) the next ones;
/// `handle` sees every row's result here, in file order. A bounded queue keeps memory flat.
fn score_in_background(
    records: &mut dyn Iterator<Item = Record>,
    m: &Methodology,
    options: Options,
    handle: &mut dyn FnMut(usize, Result<ResultRow, vsoko::Error>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    type Batch = Vec<(usize, Result<ResultRow, vsoko::Error>)>;
    std::thread::scope(|scope| {
        let (to_worker, from_main) = std::sync::mpsc::sync_channel::<Vec<Record>>(4);
        let (to_main, from_worker) = std::sync::mpsc::sync_channel::<Batch>(4);
        scope.spawn(move || {
            for batch in from_main {
                let scored = batch
                    .into_iter()
                    .map(|Record { row, result }| {
                        let scored = result.and_then(|e| {
                            e.evaluate(m, options).map(|card| ResultRow {
                                school: e.school,
                                municipality: e.municipality,
                                period: e.period,
                                card,
                                rank: None,
                            })
                        });
                        (row, scored)
                    })
                    .collect();
                if to_main.send(scored).is_err() {
                    break;
                }
            }
        });
        // On an early return both channel ends held here are dropped, so the worker stops; a
        // panic there is carried on by the scope, so no row is ever silently lost.
        let (mut in_flight, mut done) = (0usize, false);
        loop {
            while !done && in_flight < 3 {
                let batch: Vec<Record> = (&mut *records).take(BATCH_ROWS).collect();
                if batch.is_empty() || to_worker.send(batch).is_err() {
                    done = true;
                } else {
                    in_flight += 1;
                }
            }
            if in_flight == 0 {
                return Ok(());
            }
            let Ok(scored) = from_worker.recv() else {
                return Ok(());
            };
            in_flight -= 1;
            for (row, result) in scored {
                handle(row, result)?;
            }
        }
    })
}

/// Writes the results workbook (ranked when asked).
fn save_workbook(
    book: &Results,
    m: &Methodology,
    shape: Shape,
    path: &std::path::Path,
) -> Result<(), Failure> {
    let name = path.display().to_string();
    let ranked = shape.ranked.then(|| ranks(&book.totals()));
    let bytes = book
        .workbook(m, shape, ranked.as_deref())
        .map_err(|e| e.failure(&name))?;
    std::fs::write(path, bytes).map_err(|e| Failure::write(&name, &e))
}

/// The methodology asked for: a custom file, a built-in name, or the default.
fn chosen<'a>(
    args: &BatchArgs,
    custom: Option<&'a Methodology>,
) -> Result<&'a Methodology, Failure> {
    Ok(match custom {
        Some(m) => m,
        None => Methodology::builtin(
            args.methodology
                .as_deref()
                .unwrap_or(vsoko::json::DEFAULT_METHODOLOGY),
        )?,
    })
}

/// The rows kept for ranking: each school's rendered line in one buffer and its total, about
/// a hundred bytes per school (never the full scorecards).
#[derive(Default)]
struct Kept {
    text: String,
    ends: Vec<usize>,
    totals: Vec<Decimal>,
}

impl Kept {
    fn push(&mut self, line: &str, total: Decimal) {
        self.text.push_str(line);
        self.ends.push(self.text.len());
        self.totals.push(total);
    }

    fn line(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or(0);
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or_default()
    }
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} школ: {pos}, {per_sec}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    Some(bar)
}

/// Writes one row per school, in the columns of [`result_columns`].
struct Writer<'m, W: Write> {
    out: W,
    path: String,
    format: OutputFormat,
    m: &'m Methodology,
    columns: Vec<ResultColumn>,
    line: String,
    csv: Line,
}

/// Whether a column is a rank's (written once the whole batch is ranked).
fn is_rank(c: &ResultColumn) -> bool {
    matches!(c.field, Field::Position | Field::Percentile)
}

impl<'m, W: Write> Writer<'m, BufWriter<W>> {
    /// A writer of `columns` to `out`, its header written.
    fn new(
        out: W,
        path: String,
        format: OutputFormat,
        m: &'m Methodology,
        columns: Vec<ResultColumn>,
    ) -> Result<Self, Failure> {
        let mut writer = Writer {
            out: BufWriter::with_capacity(1 << 16, out),
            path,
            format,
            m,
            columns,
            line: String::with_capacity(256),
            csv: Line::new(),
        };
        writer.header()?;
        Ok(writer)
    }
}

impl<W: Write> Writer<'_, W> {
    fn header(&mut self) -> Result<(), Failure> {
        if let OutputFormat::Csv = self.format {
            let text = vsoko::output::csv::header(self.columns.iter().map(|c| c.id.as_str()));
            self.out
                .write_all(text.as_bytes())
                .map_err(|e| Failure::write(&self.path, &e))?;
        }
        Ok(())
    }

    /// Renders a school's row into `self.line`, without its rank and line end.
    fn render(&mut self, s: &ResultRow) {
        self.line.clear();
        match self.format {
            OutputFormat::Csv => {
                let columns = self.columns.iter().filter(|c| !is_rank(c));
                s.write_csv(self.m, columns, &mut self.csv);
                self.line.push_str(self.csv.as_str());
            }
            OutputFormat::Jsonl => {
                let columns = self.columns.iter().filter(|c| !is_rank(c));
                self.line = s.to_json(self.m, columns).to_string();
            }
            OutputFormat::Xlsx => {}
        }
    }
    /// Writes `self.line` with the rank appended, if any.
    fn emit(&mut self, rank: Option<Rank>) -> Result<(), Failure> {
        use std::fmt::Write as _;
        if let Some(r) = rank {
            match self.format {
                OutputFormat::Csv => {
                    let _ = write!(self.line, ",{},{}", r.position, r.percentile);
                }
                OutputFormat::Jsonl => {
                    self.line.pop();
                    let _ = write!(
                        self.line,
                        ",\"position\":{},\"percentile\":\"{}\"}}",
                        r.position, r.percentile
                    );
                }
                OutputFormat::Xlsx => {}
            }
        }
        self.line.push('\n');
        self.out
            .write_all(self.line.as_bytes())
            .map_err(|e| Failure::write(&self.path, &e))
    }

    fn finish(mut self) -> Result<(), Failure> {
        self.out.flush().map_err(|e| Failure::write(&self.path, &e))
    }
}
