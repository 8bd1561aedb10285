//! `vsoko dynamics` and `vsoko dashboard`: several periods of batch input (one file per period,
//! or period and municipality columns) scored and compared by the core's `dynamics` module.

use crate::failure::{Failure, note};
use crate::sheets;
use clap::ValueEnum;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::dynamics::{Dynamics, Panel};
use vsoko::output::csv::Line;
use vsoko::output::russian::{MUNICIPALITIES, SCHOOLS, SCHOOLS_GENITIVE, count};
use vsoko::output::terminal::visible;
use vsoko::{Methodology, Options};

/// The input both commands read.
#[derive(clap::Args)]
pub struct Input {
    /// Input files (.csv, .xlsx, .jsonl): one per period given in order (the period is the file
    /// name without extension unless the file has a `period` column), or one long file.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Built-in methodology (default: index-2023).
    #[arg(long, conflicts_with = "methodology_file")]
    methodology: Option<String>,
    /// A custom methodology JSON file.
    #[arg(long)]
    methodology_file: Option<PathBuf>,
    /// Rate municipalities by the mean points of this group instead of the mean total.
    #[arg(long)]
    by: Option<String>,
    /// A table of the schools' conditions (CSV, XLSX: school, municipality, region and the
    /// context columns) for groups of similar conditions and resilient schools.
    #[arg(long, requires = "context")]
    context_file: Option<PathBuf>,
    /// The context columns of --context-file, comma-separated (a numeric one is cut into
    /// quantile bands; the first numeric one is the index for resilient schools).
    #[arg(long, value_delimiter = ',', requires = "context_file")]
    context: Vec<String>,
    /// Quantile bands of a numeric context column and of the result (4: quartiles).
    #[arg(long, default_value_t = 4)]
    bands: usize,
}

/// Arguments of `vsoko dynamics`.
#[derive(clap::Args)]
pub struct DynamicsArgs {
    #[command(flatten)]
    input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// With --format table: also rate the schools of this municipality.
    #[arg(long)]
    municipality: Option<String>,
}

/// Arguments of `vsoko dashboard`.
#[derive(clap::Args)]
pub struct DashboardArgs {
    #[command(flatten)]
    input: Input,
    /// The HTML file to write.
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

/// Runs `vsoko dynamics`.
pub fn run(args: &DynamicsArgs) -> ExitCode {
    finish(load(&args.input).and_then(|(m, d, bad)| {
        let text = match args.format {
            Format::Json => {
                serde_json::to_string_pretty(&d).map_err(|_| Failure::Output {
                    code: "io",
                    message: "не удалось записать JSON".into(),
                })? + "\n"
            }
            Format::Csv => csv(&d),
            Format::Table => visible(&table(&m, &d, args.municipality.as_deref())),
        };
        crate::failure::emit(&text).map(|()| bad)
    }))
}

/// Runs `vsoko dashboard`.
pub fn run_dashboard(args: &DashboardArgs) -> ExitCode {
    finish(load(&args.input).and_then(|(m, d, bad)| {
        let html = vsoko::dynamics::dashboard(&m, &d);
        std::fs::write(&args.output, html)
            .map_err(|e| Failure::write(&args.output.display().to_string(), &e))?;
        note(&format!(
            "Сводная панель: {} ({}, {}, периоды: {})",
            args.output.display(),
            count(d.schools.len(), SCHOOLS),
            count(d.municipalities.len(), MUNICIPALITIES),
            d.periods.join(", ")
        ));
        Ok(bad)
    }))
}

fn finish(r: Result<usize, Failure>) -> ExitCode {
    match r {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

/// Reads, scores and compares every file; returns the dynamics and how many rows were left out.
fn load(input: &Input) -> Result<(Methodology, Dynamics, usize), Failure> {
    let m = match &input.methodology_file {
        Some(p) => Methodology::from_json(&crate::failure::read_input(p)?)?,
        None => Methodology::builtin(
            input
                .methodology
                .as_deref()
                .unwrap_or(vsoko::json::DEFAULT_METHODOLOGY),
        )?
        .clone(),
    };
    // Files are read and scored on their own threads (both cores for two periods); the panel
    // then takes their rows in file order, so the result is the same as one pass.
    let scored: Vec<Result<FileRows, Failure>> = std::thread::scope(|scope| {
        let handles: Vec<_> = input
            .files
            .iter()
            .map(|path| scope.spawn(|| score_file(path, &m)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(Failure::Usage(
                        "поток чтения файла завершился с ошибкой".into(),
                    ))
                })
            })
            .collect()
    });
    let mut panel = Panel::new(&m);
    let mut bad = 0;
    for file in scored {
        let file = file?;
        for (row, item) in file.rows {
            match item {
                Ok(r) => panel.add(
                    &file.name,
                    row,
                    r.school.as_deref(),
                    r.municipality.as_deref(),
                    r.period.as_deref(),
                    &r.card,
                ),
                Err(line) => {
                    bad += 1;
                    note(&format!("{}, row {row}: {line}", file.name));
                }
            }
        }
    }
    for issue in panel.issues() {
        let f = issue.finding();
        if f.is_error() {
            bad += 1;
        }
        note(&format!(
            "{}[{}]: {}",
            f.severity.as_str(),
            f.code,
            f.message_ru
        ));
    }
    let mut d = panel.finish(input.by.as_deref())?;
    if let Some(path) = &input.context_file {
        let name = path.display().to_string();
        let mut rows = vsoko_cli::tables::read_table(path)?.into_iter();
        let header = rows.next().map(|(_, h)| h).unwrap_or_default();
        let context = vsoko::dynamics::Context::from_table(
            &input.context,
            input.bands,
            &header,
            rows.collect(),
        )?;
        for row in d.rate(&m, Some(&context))? {
            note(&format!(
                "{name}, row {row}: warning[context_unused] школы нет в последнем периоде: строка условий не учтена"
            ));
        }
    }
    Ok((m, d, bad))
}

/// A file's rows, scored: per row its number and either what the panel needs or the error line.
struct FileRows {
    name: String,
    rows: Vec<(usize, Result<Scored, String>)>,
}

/// A scored row with only the numbers the panel keeps (no inputs or indicator slots), so a
/// file of 40,000 schools stays a few megabytes.
struct Scored {
    school: Option<String>,
    municipality: Option<String>,
    period: Option<String>,
    card: vsoko::Scorecard,
}

fn score_file(path: &std::path::Path, m: &Methodology) -> Result<FileRows, Failure> {
    let name = path.display().to_string();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rows = sheets::open(path, None, m)?;
    let has_period = rows.has_period;
    let mut out = Vec::new();
    for record in rows.records {
        let scored = record
            .result
            .and_then(|e| e.evaluate(m, Options::default()).map(|card| (e, card)));
        out.push((
            record.row,
            match scored {
                Ok((e, card)) => Ok(Scored {
                    school: e.school,
                    municipality: e.municipality,
                    period: if has_period {
                        e.period
                    } else {
                        Some(stem.clone())
                    },
                    card: vsoko::Scorecard {
                        inputs: Vec::new(),
                        slots: Vec::new(),
                        ..card
                    },
                }),
                Err(e) => Err(Failure::from(e).line()),
            },
        ));
    }
    Ok(FileRows { name, rows: out })
}

/// One row per school: totals per period, delta, level change, declines.
fn csv(d: &Dynamics) -> String {
    let mut line = Line::new();
    line.text("school").text("municipality");
    for p in &d.periods {
        line.text(&format!("total_{p}"));
    }
    line.text("delta")
        .text("level_from")
        .text("level_to")
        .text("declines");
    let mut out = line.finish();
    for s in &d.schools {
        line.text(&s.school)
            .text(s.municipality.as_deref().unwrap_or(""));
        for p in &d.periods {
            match s.totals.get(p) {
                Some(t) => line.number(t),
                None => line.empty(),
            };
        }
        let (from, to) = s
            .level_change
            .as_ref()
            .map_or(("", ""), |c| (c.from.as_str(), c.to.as_str()));
        let declines: Vec<String> = s
            .declines
            .iter()
            .map(|x| format!("{}:{}", x.id, x.delta))
            .collect();
        match s.delta {
            Some(x) => line.number(x),
            None => line.empty(),
        };
        line.text(from).text(to).text(&declines.join(" "));
        out.push_str(&line.finish());
    }
    out
}

/// The Russian table: municipalities per period, their rating, the largest declines.
fn table(m: &Methodology, d: &Dynamics, municipality: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})\nПериоды: {}; школ: {}\n",
        m.title(),
        m.id(),
        d.periods.join(", "),
        d.schools.len()
    );
    let _ = writeln!(out, "Муниципалитеты (средний балл / медиана по периодам):");
    for mun in &d.municipalities {
        let name = mun.municipality.as_deref().unwrap_or("без муниципалитета");
        let per: Vec<String> = d
            .periods
            .iter()
            .filter_map(|p| {
                Some(format!(
                    "{p}: {} / {}",
                    mun.mean.get(p)?,
                    mun.median.get(p)?
                ))
            })
            .collect();
        let _ = writeln!(out, "  {name} — школ: {}; {}", mun.schools, per.join("; "));
    }
    if let Some(period) = &d.rating.period {
        let by = if d.rating.by == "total" {
            "итоговый балл".to_string()
        } else {
            format!("группа {}", d.rating.by)
        };
        let _ = writeln!(out, "\nРейтинг муниципалитетов ({period}, {by}):");
        for p in &d.rating.places {
            let _ = writeln!(
                out,
                "  {:>3}. {} — {}",
                p.place,
                p.municipality.as_deref().unwrap_or("без муниципалитета"),
                p.value
            );
        }
    }
    let fell = d.declined();
    let _ = writeln!(
        out,
        "\nИтоговый балл снизился у {}",
        count(fell.len(), SCHOOLS_GENITIVE)
    );
    for s in fell.iter().take(10) {
        let worst = s.worst_declines(3);
        let _ = writeln!(
            out,
            "  {} ({}): {} — {}",
            s.school,
            s.municipality.as_deref().unwrap_or("—"),
            s.delta.map(|x| x.to_string()).unwrap_or_default(),
            worst
        );
    }
    if let (Some(name), Some(last)) = (municipality, d.periods.last()) {
        let _ = writeln!(out, "\nШколы муниципалитета «{name}» ({last}):");
        for (place, s, total) in d.ranked_schools(Some(name), last) {
            let _ = writeln!(out, "  {place:>3}. {} — {total}", s.school);
        }
    }
    out
}
