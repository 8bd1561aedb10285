//! `vsoko tasks`: ВПР, ОГЭ and ЕГЭ results by task — the federal school export «Индивидуальные
//! результаты» (XLSX) or long tables (CSV or XLSX) — through the core's `tasks` module: each
//! task's completion per school and class beside all schools', the weak tasks, the marks, the
//! ЕГЭ figures and the medallists under 70 points.

use crate::failure::{Failure, note};
use clap::ValueEnum;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vsoko::output::csv::Line;
use vsoko::output::russian;
use vsoko::output::terminal::visible;
use vsoko::reason::{InputReason, Location};
use vsoko::tasks::{
    Medallist, Results, ResultsTable, TaskDescriptions, TasksOptions, TasksReport, WorkView,
};
use vsoko_cli::tables;

#[derive(clap::Args)]
pub struct TasksArgs {
    /// Results per pupil: the school export «Индивидуальные результаты» (title «ВПР 2025
    /// Математика 5 класс», then ОО, Код участника, Класс, Вариант, tasks «1 (2б)», Отметка…) or
    /// a long table (school, year, procedure, subject, grade, class, pupil, tasks, mark,
    /// test_score).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Tasks completed below this share (%) are listed as weak: the school's own threshold,
    /// not a federal rule.
    #[arg(long, value_name = "PCT", default_value_t = vsoko::tasks::DEFAULT_WEAK_BELOW)]
    weak_below: Decimal,
    /// The medallists (a table with ФИО and optionally Школа): those with under 70 points in
    /// an ЕГЭ subject are listed.
    #[arg(long, value_name = "FILE")]
    medallists: Option<PathBuf>,
    /// What each task checks, supplied by the school (vsoko bundles none): a table with
    /// Процедура, Предмет, Параллель, Год (optional), Задание, Проверяемые требования.
    #[arg(long, value_name = "FILE")]
    descriptions: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    /// A workbook with a sheet per view (needs `-o FILE`).
    Xlsx,
    /// A self-contained page: heat maps of tasks × classes, marks as bars (no script).
    Html,
}

/// Runs the command: exit 0, 1 when a row was rejected (the rest counted), 2 on unreadable input.
pub fn run(args: &TasksArgs) -> ExitCode {
    let result = load(args).and_then(|(report, rejected)| {
        if let Format::Xlsx = args.format {
            let Some(path) = &args.output else {
                return Err(Failure::Usage(
                    "книгу Excel нужно записать в файл: укажите -o tasks.xlsx".into(),
                ));
            };
            let name = path.display().to_string();
            let bytes = crate::xlsx::tasks_workbook(&report).map_err(|e| e.failure(&name))?;
            std::fs::write(path, bytes).map_err(|e| Failure::write(&name, &e))?;
            return Ok(rejected);
        }
        crate::failure::write_output(args.output.as_deref(), |out| match args.format {
            Format::Table => out.write_all(visible(&table(&report, args.weak_below)).as_bytes()),
            Format::Html => out.write_all(report.to_html().as_bytes()),
            // Written as it is serialised, compact: a region's tasks are a million rows.
            Format::Json => serde_json::to_writer(&mut *out, &report)
                .map_err(std::io::Error::other)
                .and_then(|()| out.write_all(b"\n")),
            Format::Csv | Format::Xlsx => csv(&report, out),
        })?;
        Ok(rejected)
    });
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

fn load(args: &TasksArgs) -> Result<(TasksReport, usize), Failure> {
    if args.weak_below < Decimal::ZERO || args.weak_below > Decimal::ONE_HUNDRED {
        return Err(Failure::Usage(format!(
            "--weak-below {}: порог — процент выполнения от 0 до 100",
            args.weak_below
        )));
    }
    let medallists = args
        .medallists
        .as_deref()
        .map(read_medallists)
        .transpose()?;
    let descriptions = args
        .descriptions
        .as_deref()
        .map(|path| {
            let rows: Vec<Vec<String>> = tables::read_table(path)?
                .into_iter()
                .map(|(_, cells)| cells)
                .collect();
            TaskDescriptions::from_rows(&rows).map_err(|e| {
                note(&format!("{}:", path.display()));
                Failure::from(e)
            })
        })
        .transpose()?;
    let mut results = Results::new();
    for path in &args.files {
        let name = path.display().to_string();
        let mut table = ResultsTable::default();
        tables::stream_table(path, |line, cells| {
            if table.take_preamble(cells)? {
                return Ok(());
            }
            if let Some(columns) = table.columns() {
                results.add(columns, &name, line, cells);
            }
            Ok(())
        })?;
        if table.columns().is_none() {
            return Err(vsoko::Error::InvalidInput {
                at: Location::File(name),
                reason: InputReason::NoResultsHeader,
            }
            .into());
        }
    }
    // `row N: error[code] …` (the message names the file and the cell).
    for f in results.findings() {
        let row = f.place.row.unwrap_or(0);
        note(&format!(
            "row {row}: {}[{}] {}",
            f.severity.as_str(),
            f.code,
            f.message_ru
        ));
    }
    let report = results.finish(&TasksOptions {
        weak_below: args.weak_below,
        medallists: medallists.as_deref(),
        descriptions: descriptions.as_ref(),
        ..TasksOptions::default()
    });
    for f in &report.findings {
        note(&format!(
            "{}[{}]: {}",
            f.severity.as_str(),
            f.code,
            f.message_ru
        ));
    }
    Ok((report, results.rejected()))
}

/// The medallists' list: a header naming the pupil (ФИО, Выпускник, Код участника) and
/// optionally the school, then a pupil per row.
fn read_medallists(path: &Path) -> Result<Vec<Medallist>, Failure> {
    let rows = tables::read_table(path)?;
    let mut rows = rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let header = rows.next().map(|(_, cells)| cells).unwrap_or_default();
    let find = |names: &[&str]| {
        header.iter().position(|h| {
            let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
            names.contains(&h.as_str())
        })
    };
    let Some(pupil) = find(&[
        "pupil",
        "фио",
        "ученик",
        "выпускник",
        "обучающийся",
        "код участника",
    ]) else {
        return Err(vsoko::Error::InvalidInput {
            at: Location::File(path.display().to_string()),
            reason: InputReason::MissingColumn {
                name: "pupil / ФИО".into(),
            },
        }
        .into());
    };
    let school = find(&["school", "школа", "оо", "образовательная организация"]);
    let cell = |cells: &[String], i: usize| cells.get(i).map_or("", |c| c.trim()).to_string();
    Ok(rows
        .filter(|(_, cells)| !cell(cells, pupil).is_empty())
        .map(|(_, cells)| Medallist {
            school: school.map(|i| cell(&cells, i)).filter(|s| !s.is_empty()),
            pupil: cell(&cells, pupil),
        })
        .collect())
}

const CSV_COLUMNS: [&str; 11] = [
    "school",
    "class",
    "procedure",
    "subject",
    "grade",
    "year",
    "task",
    "max",
    "participants",
    "completion_pct",
    "region_completion_pct",
];

/// The task rows as CSV (ids in the header, decimals with a point).
fn csv(r: &TasksReport, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(vsoko::output::csv::header(CSV_COLUMNS).as_bytes())?;
    let mut line = Line::new();
    for t in &r.tasks {
        line.clear();
        line.text(t.school.as_deref().unwrap_or(""))
            .text(t.class.as_deref().unwrap_or(""))
            .text(&t.procedure)
            .text(&t.subject)
            .number(t.grade)
            .number(t.year)
            .text(&t.task)
            .number(t.max)
            .number(t.participants);
        for d in [t.completion_pct, t.region_completion_pct] {
            match d {
                Some(d) => line.number(d),
                None => line.empty(),
            };
        }
        out.write_all(line.finish().as_bytes())?;
    }
    Ok(())
}

fn ru(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), russian::number)
}

/// The report as Russian tables for the terminal: per work, tasks down and the school, its
/// classes and all schools across; then ЕГЭ and the medallists.
fn table(r: &TasksReport, weak_below: Decimal) -> String {
    let mut out = String::new();
    for w in r.works() {
        work(&mut out, &w, weak_below);
    }
    ege(&mut out, r);
    if !r.medallists.is_empty() {
        let _ = writeln!(out, "Медалисты с результатом ниже 70 баллов:");
        for m in &r.medallists {
            let _ = writeln!(
                out,
                "  {}{} — {}: {}",
                m.school
                    .as_deref()
                    .map_or(String::new(), |s| format!("{s}, ")),
                m.pupil,
                m.subject,
                m.test_score
            );
        }
    }
    out
}

fn work(out: &mut String, w: &WorkView<'_>, weak_below: Decimal) {
    let n = &w.name;
    let _ = writeln!(
        out,
        "{}{} · {} · {} класс · {}",
        n.school.map_or(String::new(), |s| format!("{s} · ")),
        n.procedure,
        n.subject,
        n.grade,
        n.year
    );
    if !w.tasks.is_empty() {
        let mut head = format!("{:<8} {:>5} {:>8}", "Задание", "макс.", "ОО, %");
        for c in &w.classes {
            let _ = write!(
                head,
                " {:>8}",
                crate::render::truncate(&format!("{c}, %"), 8)
            );
        }
        let _ = writeln!(out, "{head} {:>12}", "все ОО, %");
        for (t, classes) in &w.tasks {
            let mut line = format!("{:<8} {:>5} {:>8}", t.task, t.max, ru(t.completion_pct));
            for c in classes {
                let _ = write!(line, " {:>8}", ru(c.and_then(|c| c.completion_pct)));
            }
            let _ = writeln!(out, "{line} {:>12}", ru(t.region_completion_pct));
        }
        let weak: Vec<String> = w
            .weak
            .iter()
            .map(|t| match &t.description {
                Some(d) => format!("{} ({}, {d})", t.task, russian::percent(t.completion_pct)),
                None => format!("{} ({})", t.task, russian::percent(t.completion_pct)),
            })
            .collect();
        let _ = writeln!(
            out,
            "Задания с выполнением ниже {} %: {}",
            russian::number(weak_below),
            if weak.is_empty() {
                "нет".into()
            } else {
                weak.join(", ")
            }
        );
    }
    if let Some(m) = w.marks {
        let _ = writeln!(
            out,
            "Отметки (участников с отметкой: {}): «2» — {} ({}), «3» — {} ({}), «4» — {} ({}), «5» — {} ({})",
            m.participants,
            m.counts.n2,
            russian::percent(m.pct.n2.0),
            m.counts.n3,
            russian::percent(m.pct.n3.0),
            m.counts.n4,
            russian::percent(m.pct.n4.0),
            m.counts.n5,
            russian::percent(m.pct.n5.0),
        );
    }
    out.push('\n');
}

fn ege(out: &mut String, r: &TasksReport) {
    if r.ege.is_empty() {
        return;
    }
    let _ = writeln!(out, "ЕГЭ:");
    let _ = writeln!(
        out,
        "{:<18} {:<32} {:>5} {:>6} {:>8} {:>5} {:>14} {:>8} {:>8} {:>5}",
        "Школа",
        "Предмет",
        "Год",
        "уч.",
        "ср. балл",
        "мин.",
        "ниже мин., %",
        "70+, %",
        "80+, %",
        "100"
    );
    for e in &r.ege {
        let _ = writeln!(
            out,
            "{:<18} {:<32} {:>5} {:>6} {:>8} {:>5} {:>14} {:>8} {:>8} {:>5}",
            crate::render::truncate(e.school.as_deref().unwrap_or("—"), 18),
            crate::render::truncate(&e.subject, 32),
            e.year,
            e.participants,
            ru(e.mean_test_score),
            e.min_score.map_or_else(|| "—".into(), |m| m.to_string()),
            ru(e.below_min_pct),
            ru(e.at_70_pct),
            ru(e.at_80_pct),
            e.at_100.map_or_else(|| "—".into(), |n| n.to_string()),
        );
    }
    out.push('\n');
}
