//! `vsoko survey`: forms' exports of answers (one file per period) counted against a survey
//! definition (`vsoko::survey`): per question and group the respondents, the answered, the
//! satisfied and their share, every answer's count, the change between periods; with `--nok`
//! the НОК's survey inputs `vsoko score` reads.

use crate::failure::{Failure, note, read_input};
use clap::ValueEnum;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::output::csv::Line;
use vsoko::output::russian::{RESPONDENTS, count, number};
use vsoko::output::terminal::visible;
use vsoko::survey::{Definition, Figures, Sheet, figures, nok_values};
use vsoko_cli::tables;

/// Arguments of `vsoko survey`.
#[derive(clap::Args)]
pub struct SurveyArgs {
    /// Exports of answers (CSV, XLSX), one per period (the period is the file name without
    /// extension), in order.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The survey definition (JSON), or `nok-2019` for the НОК questions by input code.
    #[arg(long)]
    definition: String,
    /// A JSON object mapping question ids to the export's column headings.
    #[arg(long)]
    columns: Option<PathBuf>,
    /// Group the figures by this respondent column (class, role).
    #[arg(long)]
    by: Option<String>,
    /// Write the НОК survey inputs (`{"values": {"2.3.yes": n, "2.3.of": n, …}}`) for
    /// `vsoko score`.
    #[arg(long)]
    nok: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Html,
}

fn definition(args: &SurveyArgs) -> Result<Definition, Failure> {
    let path = std::path::Path::new(&args.definition);
    let is_file = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || path.exists();
    let d = if is_file {
        Definition::from_json(&read_input(path)?)?
    } else {
        Definition::builtin(&args.definition)?
    };
    match &args.columns {
        None => Ok(d),
        Some(path) => {
            let text = read_input(path)?;
            let map: BTreeMap<String, String> =
                serde_json::from_str(&text).map_err(|e| vsoko::Error::Json {
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                })?;
            Ok(d.with_columns(&map)?)
        }
    }
}

/// Runs `vsoko survey`.
pub fn run(args: &SurveyArgs) -> ExitCode {
    let result = (|| -> Result<(String, usize), Failure> {
        let d = definition(args)?;
        let mut sheets = Vec::new();
        let mut errors = 0;
        for path in &args.files {
            let name = path.display().to_string();
            let period = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Streamed: a region's export of a million rows is counted, not held.
            let mut sheet: Option<Sheet> = None;
            tables::stream_table(path, |line, cells| {
                if let Some(s) = &mut sheet {
                    s.add(&d, line, cells);
                } else {
                    let header: Vec<String> = cells.iter().map(|c| (*c).to_string()).collect();
                    sheet = Some(Sheet::new(&d, &period, &header, args.by.as_deref(), &name)?);
                }
                Ok(())
            })?;
            let Some(sheet) = sheet.map(Sheet::finish) else {
                return Err(vsoko::Error::EmptyInput {
                    what: vsoko::InputKind::Table,
                }
                .into());
            };
            for f in &sheet.findings {
                if f.is_error() {
                    errors += 1;
                }
                note(&format!(
                    "{name}: {}[{}]: {}",
                    f.severity.as_str(),
                    f.code,
                    f.message_ru
                ));
            }
            sheets.push(sheet);
        }
        if args.nok {
            let values = nok_values(&d, &sheets);
            if values.is_empty() {
                return Err(Failure::Usage(format!(
                    "в анкете {} нет вопросов с входными данными НОК (\"nok\")",
                    d.id
                )));
            }
            let doc = serde_json::json!({ "methodology": "nok-2019", "values": values });
            return Ok((
                serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n",
                errors,
            ));
        }
        let f = figures(&d, &sheets);
        let text = match args.format {
            Format::Json => serde_json::to_string_pretty(&f).unwrap_or_default() + "\n",
            Format::Csv => csv(&f),
            Format::Table => visible(&table(&d, &f)),
            Format::Html => vsoko::survey::html(&d, &f),
        };
        Ok((text, errors))
    })();
    match result.and_then(|(text, errors)| crate::failure::emit(&text).map(|()| errors)) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

fn pct(p: Option<rust_decimal::Decimal>) -> String {
    p.map_or_else(|| "—".into(), |p| format!("{} %", number(p)))
}

fn table(d: &Definition, f: &Figures) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", d.title);
    let mut period = None;
    for q in &f.questions {
        if period != Some(&q.period) {
            period = Some(&q.period);
            let _ = writeln!(out, "Период {}:", q.period);
        }
        let title = d
            .questions
            .iter()
            .find(|x| x.id == q.id)
            .map_or(q.id.as_str(), |x| x.column.as_str());
        let answers: Vec<String> = q
            .answers
            .0
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(a, n)| format!("{a} — {n}"))
            .collect();
        let _ = writeln!(
            out,
            "  {}{} «{}» — удовлетворены {} из {} ответивших ({}), {}; {}",
            q.id,
            q.group
                .as_deref()
                .map_or_else(String::new, |g| format!(" [{g}]")),
            title,
            q.satisfied,
            q.answered,
            pct(q.satisfied_pct),
            count(q.respondents, RESPONDENTS),
            answers.join(", ")
        );
    }
    if !f.changes.is_empty() {
        let _ = writeln!(out, "\nИзменение доли удовлетворённых:");
        for c in &f.changes {
            let sign = if c.delta > rust_decimal::Decimal::ZERO {
                "+"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {}{}: {} → {} ({sign}{} п. п.)",
                c.id,
                c.group
                    .as_deref()
                    .map_or_else(String::new, |g| format!(" [{g}]")),
                pct(Some(c.from)),
                pct(Some(c.to)),
                number(c.delta)
            );
        }
    }
    for o in &f.open_text {
        let per: Vec<String> = o
            .answers
            .0
            .iter()
            .map(|(p, n)| format!("{p}: {n}"))
            .collect();
        let _ = writeln!(
            out,
            "\nСвободные ответы «{}» (в подсчёт не входят): {}",
            o.column,
            per.join("; ")
        );
    }
    out
}

fn csv(f: &Figures) -> String {
    let mut out = vsoko::output::csv::header([
        "id",
        "period",
        "group",
        "respondents",
        "answered",
        "satisfied",
        "satisfied_pct",
    ]);
    let mut line = Line::new();
    for q in &f.questions {
        line.text(&q.id)
            .text(&q.period)
            .text(q.group.as_deref().unwrap_or(""))
            .number(q.respondents)
            .number(q.answered)
            .number(q.satisfied)
            .text(&q.satisfied_pct.map(|p| p.to_string()).unwrap_or_default());
        out.push_str(&line.finish());
    }
    out
}
