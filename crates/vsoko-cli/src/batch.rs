//! `vsoko batch`: many schools from CSV, JSON Lines or XLSX to CSV or JSON Lines, streaming.
//! File formats are handled here; the header mapping, cell rules, scoring, summary and ranks
//! are the core's (`vsoko::batch`).

use crate::failure::Failure;
use crate::sheets::{self, Record};
use clap::ValueEnum;
use rust_decimal::Decimal;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::batch::{Rank, SummaryBuilder, ranks};
use vsoko::{Methodology, Options, Scorecard};

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

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Csv,
    Jsonl,
}

/// Exit code when some rows failed but the others were scored.
const EXIT_SOME_ROWS_FAILED: u8 = 1;

struct Scored {
    school: Option<String>,
    card: Scorecard,
}

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
    let m = match &custom {
        Some(m) => m,
        None => Methodology::builtin(
            args.methodology
                .as_deref()
                .unwrap_or(vsoko::json::DEFAULT_METHODOLOGY),
        )?,
    };
    let options = Options {
        strict: args.strict,
    };
    let records = sheets::open(&args.file, args.input_format, m)?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(File::create(p).map_err(|e| io_failure(p, &e))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = Writer::new(
        BufWriter::with_capacity(1 << 16, out),
        args.format,
        m,
        args.rank,
    )?;
    let mut summary = SummaryBuilder::new(m);
    let mut kept: Vec<Scored> = Vec::new();
    let progress = progress_bar();
    for record in records {
        let Record { row, result } = record;
        let scored = result.and_then(|(school, values)| {
            m.evaluate(&values, options)
                .map(|card| Scored { school, card })
        });
        match scored {
            Ok(s) => {
                summary.add(&s.card);
                if args.rank {
                    kept.push(s);
                } else {
                    writer.write(&s, None)?;
                }
            }
            Err(e) => {
                summary.fail();
                eprintln!("row {row}: {}", Failure::from(e).line());
            }
        }
        if let Some(p) = &progress {
            p.inc(1);
        }
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if args.rank {
        let totals: Vec<Decimal> = kept.iter().map(|s| s.card.total).collect();
        for (s, r) in kept.iter().zip(ranks(&totals)) {
            writer.write(s, Some(r))?;
        }
    }
    writer.finish()?;
    let summary = summary.finish();
    eprint!("{}", crate::render::summary(m, &summary));
    if let Some(path) = &args.summary {
        let text = serde_json::to_string_pretty(&summary).unwrap_or_default();
        std::fs::write(path, text + "\n").map_err(|e| io_failure(path, &e))?;
    }
    Ok(summary.failed)
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} школ, {per_sec}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    Some(bar)
}

fn io_failure(path: &std::path::Path, e: &std::io::Error) -> Failure {
    Failure::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Writes one row per school.
struct Writer<'m, W: Write> {
    out: W,
    format: OutputFormat,
    m: &'m Methodology,
    line: String,
}

impl<'m, W: Write> Writer<'m, W> {
    fn new(
        mut out: W,
        format: OutputFormat,
        m: &'m Methodology,
        rank: bool,
    ) -> Result<Self, Failure> {
        if let OutputFormat::Csv = format {
            let mut header = vec!["school", "total", "level"];
            header.extend(m.groups().iter().map(|g| g.id.as_str()));
            if rank {
                header.extend(["position", "percentile"]);
            }
            writeln!(out, "{}", header.join(",")).map_err(write_failure)?;
        }
        Ok(Writer {
            out,
            format,
            m,
            line: String::with_capacity(256),
        })
    }

    fn write(&mut self, s: &Scored, rank: Option<Rank>) -> Result<(), Failure> {
        use std::fmt::Write as _;
        let level = self.m.level_of(s.card.total).map(|l| l.id.as_str());
        self.line.clear();
        let school = s.school.as_deref().unwrap_or("");
        match self.format {
            OutputFormat::Csv => {
                let _ = write!(
                    self.line,
                    "{},{},{}",
                    csv_field(school),
                    s.card.total,
                    level.unwrap_or("")
                );
                for p in &s.card.group_points {
                    let _ = write!(self.line, ",{p}");
                }
                if let Some(r) = rank {
                    let _ = write!(self.line, ",{},{}", r.position, r.percentile);
                }
            }
            OutputFormat::Jsonl => {
                let groups: serde_json::Map<String, serde_json::Value> = self
                    .m
                    .groups()
                    .iter()
                    .zip(&s.card.group_points)
                    .map(|(g, p)| (g.id.clone(), p.to_string().into()))
                    .collect();
                let mut obj = serde_json::json!({
                    "school": s.school,
                    "total": s.card.total.to_string(),
                    "max": s.card.max.to_string(),
                    "level": level,
                    "groups": groups,
                });
                if let (Some(r), Some(o)) = (rank, obj.as_object_mut()) {
                    o.insert("position".into(), r.position.into());
                    o.insert("percentile".into(), r.percentile.to_string().into());
                }
                self.line = obj.to_string();
            }
        }
        self.line.push('\n');
        self.out
            .write_all(self.line.as_bytes())
            .map_err(write_failure)
    }

    fn finish(mut self) -> Result<(), Failure> {
        self.out.flush().map_err(write_failure)
    }
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "used as map_err(write_failure)"
)]
fn write_failure(e: std::io::Error) -> Failure {
    Failure::Io {
        path: "output".into(),
        message: e.to_string(),
    }
}

/// Quotes a CSV field when it needs it.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
