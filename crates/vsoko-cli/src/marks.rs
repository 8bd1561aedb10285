//! `vsoko marks`: term and year marks from the long tables and summary sheets e-journals export
//! (CSV in UTF-8 or Windows-1251 with `;`, tab or `,`, or XLSX, every sheet), through the core's
//! `marks` module: figures per class × subject × period, per subject, teacher, grade, school and
//! municipality, and each class's individual account.

use crate::failure::{Failure, emit, note};
use clap::ValueEnum;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vsoko::marks::{Columns, Dataset, Figures, MarksReport};
use vsoko::output::csv::Line;
use vsoko::output::russian::{self, PUPILS, count};
use vsoko::output::terminal::visible;
use vsoko_cli::records::{self, Flow, Streamed};
use vsoko_cli::tables;

#[derive(clap::Args)]
pub struct MarksArgs {
    /// Tables of marks: a long table (a header row Класс, Ученик/ФИО, Предмет, Период, Отметка;
    /// optional Школа, Учитель, Муниципалитет; then one row per pupil, subject and period) or
    /// summary sheets (сводная ведомость: a class per sheet or block, subjects across, pupils
    /// down), told apart by each sheet's first row.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The fall of quality (percentage points, from one period to the next) worth a warning:
    /// the school's own threshold, not a federal rule.
    #[arg(long, value_name = "POINTS", default_value_t = vsoko::marks::DEFAULT_QUALITY_DROP)]
    quality_drop: rust_decimal::Decimal,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    /// A workbook with a sheet per view (needs `-o FILE`).
    Xlsx,
    /// A self-contained page: classes side by side with bars, changes, the individual account
    /// (no script).
    Html,
}

/// Runs the command: exit 0, 1 when a row, mark or sheet was left out (the rest counted), 2 on
/// unreadable input.
pub fn run(args: &MarksArgs) -> ExitCode {
    let result = load(args).and_then(|(report, rejected)| {
        if let Format::Xlsx = args.format {
            let Some(path) = &args.output else {
                return Err(Failure::Usage(
                    "книгу Excel нужно записать в файл: укажите -o results.xlsx".into(),
                ));
            };
            let name = path.display().to_string();
            let bytes = crate::xlsx::marks_workbook(&report).map_err(|e| e.failure(&name))?;
            std::fs::write(path, bytes).map_err(|e| Failure::write(&name, &e))?;
            return Ok(rejected);
        }
        let text = match args.format {
            Format::Table => visible(&table(&report)),
            Format::Html => report.to_html(),
            // The large views are written as they are made, not held as one text.
            Format::Json => {
                crate::failure::write_output(args.output.as_deref(), |w| {
                    serde_json::to_writer_pretty(&mut *w, &report)?;
                    w.write_all(b"\n")
                })?;
                return Ok(rejected);
            }
            Format::Csv | Format::Xlsx => {
                crate::failure::write_output(args.output.as_deref(), |w| csv(&report, w))?;
                return Ok(rejected);
            }
        };
        match &args.output {
            Some(path) => std::fs::write(path, text)
                .map_err(|e| Failure::write(&path.display().to_string(), &e))?,
            None => emit(&text)?,
        }
        Ok(rejected)
    });
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

fn load(args: &MarksArgs) -> Result<(MarksReport, usize), Failure> {
    let mut data = Dataset::new();
    let mut skipped = 0;
    for path in &args.files {
        let name = path.display().to_string();
        // A long table in CSV streams into the dataset (a region's year is ten million rows).
        if stream_long_table(&mut data, path, &name)? {
            continue;
        }
        // Every sheet of a workbook (a summary sheet has a class per sheet); a CSV file is one.
        // A workbook's sheet of neither shape (a note, a chart's data) is left out with a
        // warning while another sheet of it is read; when none is, the first one's error stops.
        let sheets = tables::read_sheets(path)?;
        let mut first_error = None;
        let mut read = 0;
        let mut unread = Vec::new();
        for (sheet, rows) in &sheets {
            match data.add_sheet(&name, sheet, rows) {
                Ok(_) => read += 1,
                Err(e) => {
                    unread.push(sheet.as_str());
                    first_error.get_or_insert(e);
                }
            }
        }
        if let (0, Some(e)) = (read, first_error) {
            return Err(e.into());
        }
        for sheet in unread {
            skipped += 1;
            note(&format!(
                "{name}: warning[sheet_skipped] лист «{sheet}» не прочитан: это ни таблица отметок (нет столбцов «Класс», «ФИО», «Предмет», «Период», «Отметка»), ни сводная ведомость (нет строки заголовка с «ФИО» и предметами)"
            ));
        }
    }
    for f in data.findings() {
        let file = f.place.file.as_deref().unwrap_or("");
        let row = f.place.row.unwrap_or(0);
        note(&format!(
            "{file}, row {row}: {}[{}] {}",
            f.severity.as_str(),
            f.code,
            f.message_ru
        ));
    }
    let rejected = data.rejected();
    let report = data.into_report(args.quality_drop);
    for f in &report.findings {
        note(&format!(
            "{}[{}]: {}",
            f.severity.as_str(),
            f.code,
            f.message_ru
        ));
    }
    Ok((report, rejected + skipped))
}

/// Reads a CSV file that is a long table straight into the dataset, record by record (on both
/// cores: see `records::stream_csv`), without the file in memory. `false` when it is not one (a
/// summary sheet, a workbook, standard input, a file without a filled row): then nothing of it
/// was added and it is read whole as before. A file the streaming finds broken is read whole
/// for the error `tables::read_sheets` gives it.
fn stream_long_table(data: &mut Dataset, path: &Path, name: &str) -> Result<bool, Failure> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if path.as_os_str() == "-" || matches!(ext.as_str(), "xlsx" | "xlsm") {
        return Ok(false);
    }
    // The shape is told by the first filled row, as `Dataset::add_sheet` tells it.
    let mut columns: Option<Columns> = None;
    let end = records::stream_csv(path, |line, cells| {
        if let Some(c) = &columns {
            data.add(c, name, line, cells);
            return Flow::Go;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Flow::Go;
        }
        match Columns::from_header(cells) {
            Ok(c) => {
                columns = Some(c);
                Flow::Go
            }
            Err(_) => Flow::Stop,
        }
    });
    match end {
        Ok(None) => Ok(false),
        Ok(Some(_)) if columns.is_none() => Ok(false),
        Ok(Some(Streamed {
            quotes_balanced: true,
        })) => Ok(true),
        Ok(Some(_)) => {
            // A quote never closed: the whole reading names where it opened.
            tables::read_sheets(path)?;
            Ok(true)
        }
        Err(e) => {
            tables::read_sheets(path)?;
            Err(e)
        }
    }
}

const CSV_COLUMNS: [&str; 19] = [
    "school",
    "class",
    "subject",
    "teacher",
    "period",
    "pupils",
    "exempt",
    "no_mark",
    "5",
    "4",
    "3",
    "2",
    "na",
    "pass",
    "fail",
    "success_pct",
    "quality_pct",
    "sou_pct",
    "mean",
];

/// The class × subject × period rows as CSV (ids in the header, decimals with a point).
fn csv(r: &MarksReport, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(vsoko::output::csv::header(CSV_COLUMNS).as_bytes())?;
    for g in &r.groups {
        let mut line = Line::new();
        line.text(g.school.as_deref().unwrap_or(""))
            .text(&g.class)
            .text(&g.subject)
            .text(g.teacher.as_deref().unwrap_or(""))
            .text(g.period);
        let f = &g.figures;
        let c = &f.counts;
        for n in [
            c.pupils, c.exempt, c.no_mark, c.n5, c.n4, c.n3, c.n2, c.na, c.pass, c.fail,
        ] {
            line.number(n);
        }
        for d in [f.success_pct, f.quality_pct, f.sou_pct, f.mean] {
            match d {
                Some(d) => line.number(d),
                None => line.empty(),
            };
        }
        out.write_all(line.finish().as_bytes())?;
    }
    Ok(())
}

/// A change with its sign (`+16,67`, `−33,33`), or `—`.
fn signed(d: Option<rust_decimal::Decimal>) -> String {
    match d {
        None => "—".into(),
        Some(d) if d.is_sign_negative() && !d.is_zero() => format!("−{}", russian::number(-d)),
        Some(d) => format!("+{}", russian::number(d)),
    }
}

/// A period's Russian name from its id.
fn period_ru(id: &'static str) -> &'static str {
    vsoko::marks::Period::parse(id).map_or(id, vsoko::marks::Period::ru)
}

fn or_dash(names: &[String]) -> String {
    if names.is_empty() {
        "—".into()
    } else {
        names.join(", ")
    }
}

/// A figure as people read it, or `—`.
fn ru(d: Option<rust_decimal::Decimal>) -> String {
    d.map_or_else(|| "—".into(), russian::number)
}

fn figures_line(f: &Figures) -> String {
    let c = &f.counts;
    format!(
        "{:>4} {:>4} {:>4} {:>4} {:>4} {:>4}  {:>7} {:>7} {:>7} {:>6}",
        c.pupils,
        c.n5,
        c.n4,
        c.n3,
        c.n2,
        c.na,
        ru(f.success_pct),
        ru(f.quality_pct),
        ru(f.sou_pct),
        ru(f.mean)
    )
}

/// The report as Russian tables for the terminal.
fn table(r: &MarksReport) -> String {
    let mut out = String::new();
    let head = format!(
        "{:>4} {:>4} {:>4} {:>4} {:>4} {:>4}  {:>7} {:>7} {:>7} {:>6}",
        "уч.", "«5»", "«4»", "«3»", "«2»", "н/а", "усп.,%", "кач.,%", "СОУ,%", "ср."
    );
    let _ = writeln!(out, "Классы и предметы:");
    let _ = writeln!(
        out,
        "{:<8} {:<22} {:<14} {head}",
        "Класс", "Предмет", "Период"
    );
    for g in &r.groups {
        let _ = writeln!(
            out,
            "{:<8} {:<22} {:<14} {}",
            crate::render::truncate(&g.class, 8),
            crate::render::truncate(&g.subject, 22),
            period_ru(g.period),
            figures_line(&g.figures)
        );
    }
    let _ = writeln!(out, "\nПредметы по школе:");
    for s in &r.subjects {
        let _ = writeln!(
            out,
            "{:<31} {:<14} {}",
            crate::render::truncate(&s.subject, 31),
            period_ru(s.period),
            figures_line(&s.figures)
        );
    }
    aggregates(&mut out, r);
    changes(&mut out, r);
    for c in &r.classes {
        let period = period_ru(c.period);
        let _ = writeln!(
            out,
            "\n{}, {period}: {}, качество по ученикам {}",
            c.class,
            count(usize::try_from(c.pupils).unwrap_or(usize::MAX), PUPILS),
            c.quality_by_pupils_pct
                .map_or_else(|| "—".into(), |q| russian::percent(Some(q)))
        );
        let names = |v: &[String]| {
            if v.is_empty() {
                "—".into()
            } else {
                v.join(", ")
            }
        };
        let _ = writeln!(out, "  отличники: {}", names(&c.excellent));
        let _ = writeln!(out, "  хорошисты: {}", names(&c.good));
        let one = |v: &[vsoko::marks::OneMark]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.iter()
                    .map(|o| format!("{} ({})", o.pupil, o.subject))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let _ = writeln!(out, "  с одной «4»: {}", one(&c.one_four));
        let _ = writeln!(out, "  с одной «3»: {}", one(&c.one_three));
        let failing = if c.failing.is_empty() {
            "—".to_string()
        } else {
            c.failing
                .iter()
                .map(|f| format!("{} ({})", f.pupil, f.subjects.join(", ")))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let _ = writeln!(out, "  неуспевающие: {failing}");
    }
    out
}

/// The sums over grades, schools and municipalities, for people.
fn aggregates(out: &mut String, r: &MarksReport) {
    let place = |m: Option<&str>, s: Option<&str>| match (m, s) {
        (Some(m), Some(s)) => format!("{m}, {s}"),
        (None, Some(s)) => s.to_string(),
        (Some(m), None) => m.to_string(),
        (None, None) => "—".to_string(),
    };
    let _ = writeln!(out, "\nПараллели:");
    for g in &r.grades {
        let grade = g.grade.map_or_else(|| "—".into(), |n| format!("{n} кл."));
        let _ = writeln!(
            out,
            "{:<8} {:<22} {:<14} {}  {}",
            grade,
            crate::render::truncate(&g.subject, 22),
            period_ru(g.period),
            figures_line(&g.figures),
            place(g.municipality.as_deref(), g.school.as_deref())
        );
    }
    let _ = writeln!(out, "\nШколы (все предметы):");
    for s in &r.schools {
        let _ = writeln!(
            out,
            "{:<31} {:<14} {}",
            crate::render::truncate(&place(s.municipality.as_deref(), s.school.as_deref()), 31),
            period_ru(s.period),
            figures_line(&s.figures)
        );
    }
    if !r.municipalities.is_empty() {
        let _ = writeln!(out, "\nМуниципалитеты:");
        for m in &r.municipalities {
            let _ = writeln!(
                out,
                "{:<16} {:<14} {:<14} {}",
                crate::render::truncate(&m.municipality, 16),
                crate::render::truncate(&m.subject, 14),
                period_ru(m.period),
                figures_line(&m.figures)
            );
        }
    }
}

/// The changes from one period to the next, for people.
fn changes(out: &mut String, r: &MarksReport) {
    if !r.changes.is_empty() {
        let _ = writeln!(out, "\nИзменения от периода к периоду (п. п.):");
        for c in &r.changes {
            let _ = writeln!(
                out,
                "{:<8} {:<22} {} → {}: успеваемость {}, качество {}, СОУ {}, средний балл {}",
                crate::render::truncate(&c.class, 8),
                crate::render::truncate(&c.subject, 22),
                period_ru(c.from),
                period_ru(c.to),
                signed(c.success_pct),
                signed(c.quality_pct),
                signed(c.sou_pct),
                signed(c.mean)
            );
        }
    }
    for c in &r.class_changes {
        if !c.left_good.is_empty() || !c.became_failing.is_empty() {
            let _ = writeln!(
                out,
                "{} {} → {}: выбыли из отличников и хорошистов: {}; стали неуспевающими: {}",
                c.class,
                period_ru(c.from),
                period_ru(c.to),
                or_dash(&c.left_good),
                or_dash(&c.became_failing)
            );
        }
    }
}
