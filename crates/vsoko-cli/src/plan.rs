//! `vsoko plan import|check|show|actions|template`: files and formats around `vsoko::plan`.

use crate::failure::{Failure, read_input};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vsoko::calendar::Date;
use vsoko::output::terminal::visible;
use vsoko::plan::{
    AcademicYear, ActionMapping, CheckOptions, Format, GapOptions, Mark, Plan, PlanCheck, Results,
    ViewKind,
};
use vsoko::reason::{InputReason, Location};
use vsoko::{Error, Report};

/// Arguments of `vsoko plan`.
#[derive(clap::Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(Subcommand)]
enum PlanCommand {
    /// Read a plan from a table (CSV with `,` `;` or tab, XLSX) or JSON; print it as JSON.
    Import {
        /// The plan file.
        file: PathBuf,
        /// The academic year (`2023/24`) when the title does not name it.
        #[arg(long)]
        year: Option<String>,
        /// Output format (JSON only).
        #[arg(long, value_enum, default_value_t = JsonOnly::Json)]
        format: JsonOnly,
    },
    /// Check a plan; exit 1 when any finding is an error, 2 when the file cannot be read.
    Check {
        /// The plan file (JSON, CSV, XLSX or DOCX).
        file: PathBuf,
        /// The academic year for a table whose title does not name it.
        #[arg(long)]
        year: Option<String>,
        /// The date to judge overdue items by (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// More items than this for one person in one month is reported.
        #[arg(long, default_value_t = CheckOptions::default().max_items_per_month)]
        max_per_month: usize,
        /// The teachers' register: warn about an attestation or training due in the plan's
        /// year that no item names (as of --as-of, or today).
        #[arg(long)]
        register: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
        format: CheckFormat,
    },
    /// Add to a plan an item for each attestation and training due in its year, from the
    /// teachers' register (who, what, by when, the responsible); print the plan as JSON.
    Teachers {
        /// The plan file (JSON, CSV, XLSX or DOCX).
        file: PathBuf,
        /// The teachers' register (CSV, XLSX).
        #[arg(long)]
        register: PathBuf,
        /// The day the register is read as of (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// The academic year for a table whose title does not name it.
        #[arg(long)]
        year: Option<String>,
        /// Output format (JSON only).
        #[arg(long, value_enum, default_value_t = JsonOnly::Json)]
        format: JsonOnly,
    },
    /// Show the cyclogram, one person's agenda, or what is due and overdue.
    Show {
        /// The plan file (JSON, CSV, XLSX or DOCX).
        file: PathBuf,
        /// What to show.
        #[arg(long, value_parser = view_parser(), default_value = ViewKind::Cyclogram.as_str())]
        view: ViewKind,
        /// For the agenda: a name or role (any part of it).
        #[arg(long)]
        responsible: Option<String>,
        /// For the due view: the date (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// The academic year for a table whose title does not name it.
        #[arg(long)]
        year: Option<String>,
        /// For a plan over several years: the year to show (default: its first).
        #[arg(long)]
        in_year: Option<String>,
        /// Output format (XLSX for the cyclogram only, and it needs `-o`).
        #[arg(long, value_enum, default_value_t = ShowFormat::Markdown)]
        format: ShowFormat,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Turn the deficits of a scored result, and the gaps in pupils' results (falls of quality,
    /// failing pupils, weak tasks), into addressed actions with re-control.
    Actions {
        /// Results with `--format json`: of `vsoko score`, `vsoko marks` or `vsoko tasks`.
        #[arg(required = true)]
        results: Vec<PathBuf>,
        /// The date the actions start after (YYYY-MM-DD).
        #[arg(long)]
        as_of: String,
        /// How many criteria (those that lost most points).
        #[arg(long, default_value_t = vsoko::plan::DEFAULT_TOP)]
        top: usize,
        /// A plan (JSON) to merge the actions into.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// A criterion → mechanism and role mapping overriding the built-in one.
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Pupils' results: a fall of quality by this many points is a gap (the school's own
        /// threshold).
        #[arg(long, value_name = "POINTS", default_value_t = vsoko::marks::DEFAULT_QUALITY_DROP)]
        quality_drop: rust_decimal::Decimal,
        /// Pupils' results: a task completed below this share (%) in a class is a gap.
        #[arg(long, value_name = "PCT", default_value_t = vsoko::tasks::DEFAULT_WEAK_BELOW)]
        weak_below: rust_decimal::Decimal,
        /// Output format (JSON only).
        #[arg(long, value_enum, default_value_t = JsonOnly::Json)]
        format: JsonOnly,
    },
    /// Mark an item done, not done, moved, cancelled or planned again; the plan (JSON) is
    /// written back, or to `-o` (a table is imported and written as JSON).
    Mark {
        /// The plan file (JSON, CSV, XLSX or DOCX).
        file: PathBuf,
        /// The item's id (`№`).
        item: String,
        /// Done (on --on, default today).
        #[arg(long, group = "mark")]
        done: bool,
        /// Not done.
        #[arg(long, group = "mark")]
        not_done: bool,
        /// Moved to this day (YYYY-MM-DD).
        #[arg(long, group = "mark", value_name = "DATE")]
        moved_to: Option<String>,
        /// Cancelled.
        #[arg(long, group = "mark")]
        cancelled: bool,
        /// Planned again (the mark taken back).
        #[arg(long, group = "mark")]
        planned: bool,
        /// The day of the mark (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        /// A note (why not done, why moved).
        #[arg(long)]
        note: Option<String>,
        /// The academic year for a table whose title does not name it.
        #[arg(long)]
        year: Option<String>,
        /// Write the plan here instead of over the file.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Judge the measures of a plan (its actions) against the result they came from and a later
    /// one: the gap before and after, closed / narrowed / unchanged / widened.
    Effect {
        /// The plan with the actions (JSON of `vsoko plan actions`).
        file: PathBuf,
        /// The result(s) the actions came from (JSON of `vsoko score`, `marks` or `tasks`).
        #[arg(long, required = true, num_args = 1..)]
        before: Vec<PathBuf>,
        /// The later result(s).
        #[arg(long, required = true, num_args = 1..)]
        after: Vec<PathBuf>,
        /// Pupils' results: a task below this share (%) is weak (as for the actions).
        #[arg(long, value_name = "PCT", default_value_t = vsoko::tasks::DEFAULT_WEAK_BELOW)]
        weak_below: rust_decimal::Decimal,
        /// Write the plan with each re-control item marked with its outcome to this file.
        #[arg(long, value_name = "FILE")]
        update: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EffectFormat::Markdown)]
        format: EffectFormat,
    },
    /// Next year's plan: this year's items (or a template's) laid on the next year, and the
    /// actions whose gap a later result still shows carried over; printed as JSON, what became
    /// of each action said on standard error.
    Next {
        /// This year's plan (JSON, CSV, XLSX or DOCX).
        file: PathBuf,
        /// The later result(s) (JSON of `vsoko score`, `marks` or `tasks`).
        #[arg(long, num_args = 1..)]
        results: Vec<PathBuf>,
        /// The next academic year (`2026/27`).
        #[arg(long)]
        year: String,
        /// Start from this built-in template instead of this year's items.
        #[arg(long)]
        template: Option<String>,
        /// Pupils' results: a task below this share (%) is weak.
        #[arg(long, value_name = "PCT", default_value_t = vsoko::tasks::DEFAULT_WEAK_BELOW)]
        weak_below: rust_decimal::Decimal,
        /// Output format (JSON only).
        #[arg(long, value_enum, default_value_t = JsonOnly::Json)]
        format: JsonOnly,
    },
    /// A starting plan from a built-in template («Циклограмма ВСОКО на 2023/24 учебный год»).
    Template {
        /// Template name.
        #[arg(default_value = vsoko::plan::DEFAULT_TEMPLATE)]
        name: String,
        /// The academic year (`2024/25`).
        #[arg(long)]
        year: String,
        /// Output format (JSON only).
        #[arg(long, value_enum, default_value_t = JsonOnly::Json)]
        format: JsonOnly,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum JsonOnly {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum EffectFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Table,
    Json,
}

/// `--view`: the core's view ids, listed in `--help` and passed straight through.
fn view_parser() -> impl clap::builder::TypedValueParser<Value = ViewKind> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(ViewKind::ALL.map(ViewKind::as_str))
        .try_map(|id| id.parse::<ViewKind>())
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ShowFormat {
    Markdown,
    Html,
    Xlsx,
    Json,
}

/// Exit code when a plan has error findings.
const EXIT_FINDINGS: u8 = 1;

/// Runs `vsoko plan`.
pub fn run(args: &PlanArgs) -> ExitCode {
    let result = match &args.command {
        PlanCommand::Import { file, year, .. } => {
            load(file, year.as_deref()).map(|p| (json(&p), 0))
        }
        PlanCommand::Check {
            file,
            year,
            as_of,
            max_per_month,
            register,
            format,
        } => check(
            file,
            year.as_deref(),
            as_of.as_deref(),
            *max_per_month,
            register.as_deref(),
            *format,
        ),
        PlanCommand::Teachers {
            file,
            register,
            as_of,
            year,
            format: JsonOnly::Json,
        } => teachers(file, register, as_of.as_deref(), year.as_deref()).map(|s| (s, 0)),
        PlanCommand::Show {
            file,
            view,
            responsible,
            as_of,
            year,
            in_year,
            format,
            output,
        } => show(
            file,
            *view,
            (responsible.as_deref(), as_of.as_deref()),
            (year.as_deref(), in_year.as_deref()),
            *format,
            output.as_deref(),
        )
        .map(|t| (t, 0)),
        command @ (PlanCommand::Mark { .. }
        | PlanCommand::Actions { .. }
        | PlanCommand::Effect { .. }
        | PlanCommand::Next { .. }) => cycle(command),
        PlanCommand::Template { name, year, .. } => parse_year(year)
            .and_then(|y| vsoko::plan::template(name, y).map_err(Failure::from))
            .map(|p| (json(&p), 0)),
    };
    match result.and_then(|(text, code)| crate::failure::emit(&text).map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        Err(f) => f.report(),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

fn parse_year(text: &str) -> Result<AcademicYear, Failure> {
    text.parse().map_err(|_| {
        Failure::Core(Error::InvalidInput {
            at: Location::Field("year".into()),
            reason: InputReason::WrongArgument {
                expected: "an academic year such as 2023/24".into(),
                expected_ru: "учебный год вида 2023/24".into(),
            },
        })
    })
}

fn parse_date(field: &str, text: &str) -> Result<Date, Failure> {
    text.parse().map_err(|_| {
        Failure::Core(Error::InvalidDate {
            field: field.into(),
            value: text.into(),
            reason: vsoko::reason::DateReason::Format,
        })
    })
}

/// A plan from JSON, or imported from a table (CSV, XLSX, DOCX).
pub(crate) fn load(path: &Path, year: Option<&str>) -> Result<Plan, Failure> {
    let year = year.map(parse_year).transpose()?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "json" {
        let mut plan = Plan::from_json(&read_input(path)?)?;
        if let Some(y) = year {
            plan.academic_year = y;
        }
        return Ok(plan);
    }
    let rows = crate::tables::read_table(path)?;
    Ok(Plan::from_rows(&rows, year)?)
}

fn check(
    path: &Path,
    year: Option<&str>,
    as_of: Option<&str>,
    max_per_month: usize,
    register: Option<&Path>,
    format: CheckFormat,
) -> Result<(String, u8), Failure> {
    let plan = load(path, year)?;
    let as_of = as_of.map(|d| parse_date("as_of", d)).transpose()?;
    let mut result = plan.check(CheckOptions {
        as_of,
        max_items_per_month: max_per_month,
    });
    if let Some(register) = register {
        let (status, _) =
            crate::teachers::status_of(register, as_of.unwrap_or_else(crate::teachers::today))?;
        result
            .findings
            .extend(vsoko::teachers::unplanned(&plan, &status));
        result.complete = result.findings.is_empty();
    }
    let code = if result.has_errors { EXIT_FINDINGS } else { 0 };
    let out = match format {
        CheckFormat::Json => json(&result),
        CheckFormat::Table => visible(&table(&plan, &result)),
    };
    Ok((out, code))
}

fn teachers(
    path: &Path,
    register: &Path,
    as_of: Option<&str>,
    year: Option<&str>,
) -> Result<String, Failure> {
    let plan = load(path, year)?;
    let (status, _) = crate::teachers::status_of(register, crate::teachers::as_of(as_of)?)?;
    Ok(json(&vsoko::teachers::with_due_items(plan, &status)))
}

fn table(plan: &Plan, r: &PlanCheck) -> String {
    let mut out = format!(
        "План ВСОКО на {} учебный год: {}\n",
        plan.academic_year,
        vsoko::output::russian::count(plan.items.len(), vsoko::output::russian::ITEMS)
    );
    if r.complete {
        out.push_str("Замечаний нет.\n");
        return out;
    }
    out.push_str(&crate::render::findings(
        r.findings
            .iter()
            .map(|f| (f.severity, f.code.as_str(), f.message_ru.as_str(), None)),
    ));
    out
}

fn show(
    path: &Path,
    view: ViewKind,
    (responsible, as_of): (Option<&str>, Option<&str>),
    (year, in_year): (Option<&str>, Option<&str>),
    format: ShowFormat,
    output: Option<&Path>,
) -> Result<String, Failure> {
    let mut plan = load(path, year)?;
    if let Some(y) = in_year.map(parse_year).transpose()? {
        if !plan.academic_years().contains(&y) {
            return Err(Failure::Usage(format!(
                "--in-year {y}: план охватывает {} учебные годы",
                plan.academic_years()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        plan = plan.in_year(y);
    } else if plan.until_year.is_some() {
        plan = plan.in_year(plan.academic_year);
    }
    let format = match format {
        ShowFormat::Markdown => Format::Markdown,
        ShowFormat::Html => Format::Html,
        ShowFormat::Json => Format::Json,
        ShowFormat::Xlsx => return cyclogram_xlsx(&plan, view, output),
    };
    let text = plan.render(&view.with(responsible, as_of)?, format);
    match output {
        Some(out) => {
            std::fs::write(out, text)
                .map_err(|e| Failure::write(&out.display().to_string(), &e))?;
            Ok(String::new())
        }
        None => Ok(text),
    }
}

/// The cyclogram as a workbook (the one view with a sheet), written to `output`.
fn cyclogram_xlsx(plan: &Plan, view: ViewKind, output: Option<&Path>) -> Result<String, Failure> {
    if view != ViewKind::Cyclogram {
        return Err(Failure::Usage(
            "список пунктов (--view agenda или due) не выводится в XLSX; выберите --format markdown, html или json".into(),
        ));
    }
    let out = output.ok_or_else(|| {
        Failure::Core(Error::InvalidInput {
            at: Location::Argument("output".into()),
            reason: InputReason::WrongArgument {
                expected: "--output for this view".into(),
                expected_ru: "файл для XLSX (-o cyclogram.xlsx)".into(),
            },
        })
    })?;
    crate::xlsx::write_cyclogram(&plan.cyclogram(), out)?;
    Ok(String::new())
}

fn actions(
    results: &[PathBuf],
    as_of: &str,
    top: usize,
    plan: Option<&Path>,
    mapping: Option<&Path>,
    gaps: GapOptions,
) -> Result<String, Failure> {
    let as_of = parse_date("as_of", as_of)?;
    let mut plan = plan.map(|p| load(p, None)).transpose()?;
    let custom = mapping
        .map(|m| read_input(m).and_then(|t| Ok(ActionMapping::from_json(&t)?)))
        .transpose()?;
    let mapping = custom.as_ref().unwrap_or_else(|| ActionMapping::builtin());
    // Marks before tasks: the weak tasks name the teacher the marks give.
    let (mut marks, mut tasks) = (None, None);
    for result in results {
        let text = read_input(result)?;
        let not_a_result = || {
            Failure::Core(Error::InvalidInput {
                at: Location::File(result.display().to_string()),
                reason: InputReason::NotAScoreReport,
            })
        };
        if let Ok(report) = serde_json::from_str::<Report>(text.trim_start_matches('\u{feff}')) {
            plan = Some(vsoko::plan::actions_for(
                &report, as_of, top, plan, mapping,
            )?);
            continue;
        }
        match vsoko::plan::read_results(&text).map_err(|_| not_a_result())? {
            (Some(m), _) => marks = Some(m),
            (_, Some(t)) => tasks = Some(t),
            (None, None) => return Err(not_a_result()),
        }
    }
    if marks.is_some() || tasks.is_some() {
        plan = Some(vsoko::plan::actions_for_results(
            marks.as_ref(),
            tasks.as_ref(),
            gaps,
            as_of,
            plan,
            mapping,
        )?);
    }
    plan.map_or_else(
        || Err(Failure::Usage("нет результатов для мер".into())),
        |p| Ok(json(&p)),
    )
}

/// Writes a plan as JSON to `path`: through a file beside it, renamed over, so a failed write
/// never leaves half a plan.
fn write_plan(plan: &Plan, path: &Path) -> Result<(), Failure> {
    let name = path.display().to_string();
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, plan.to_json() + "\n").map_err(|e| Failure::write(&name, &e))?;
    std::fs::rename(&tmp, path).map_err(|e| Failure::write(&name, &e))
}

fn mark_item(
    path: &Path,
    item: &str,
    mark: Mark,
    note: Option<&str>,
    year: Option<&str>,
    output: Option<&Path>,
) -> Result<String, Failure> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let target = match output {
        Some(o) => o,
        None if is_json => path,
        None => {
            return Err(Failure::Usage(format!(
                "{}: отметки сохраняются в плане JSON; укажите файл: -o plan.json",
                path.display()
            )));
        }
    };
    let mut plan = load(path, year)?;
    plan.mark(item, mark, note)?;
    write_plan(&plan, target)?;
    let i = plan.items.iter().find(|i| i.id == item.trim());
    crate::failure::note(&format!(
        "пункт {}: {}",
        item.trim(),
        i.map_or("", |i| i.status.ru())
    ));
    Ok(String::new())
}

fn read_results(paths: &[PathBuf]) -> Result<Vec<Results>, Failure> {
    paths
        .iter()
        .map(|p| {
            Results::from_json(&read_input(p)?).map_err(|_| {
                Failure::Core(Error::InvalidInput {
                    at: Location::File(p.display().to_string()),
                    reason: InputReason::NotAScoreReport,
                })
            })
        })
        .collect()
}

fn gap_options(weak_below: rust_decimal::Decimal) -> GapOptions {
    GapOptions {
        weak_below,
        ..GapOptions::default()
    }
}

fn effect(
    path: &Path,
    (before, after): (&[PathBuf], &[PathBuf]),
    weak_below: rust_decimal::Decimal,
    update: Option<&Path>,
    format: EffectFormat,
) -> Result<(String, u8), Failure> {
    let mut plan = load(path, None)?;
    let (b, a) = (read_results(before)?, read_results(after)?);
    let effect = plan.effect(&b, &a, gap_options(weak_below));
    for u in &effect.unmeasured {
        crate::failure::note(&format!("warning[effect_unmeasured]: {}", u.message_ru));
    }
    if let Some(out) = update {
        plan.mark_effects(&effect);
        write_plan(&plan, out)?;
    }
    let text = match format {
        EffectFormat::Json => json(&effect),
        EffectFormat::Markdown => visible(&effect.to_markdown(&plan)),
    };
    Ok((text, 0))
}

fn next(
    path: &Path,
    results: &[PathBuf],
    year: &str,
    template: Option<&str>,
    weak_below: rust_decimal::Decimal,
) -> Result<String, Failure> {
    let plan = load(path, None)?;
    let year = parse_year(year)?;
    if year <= plan.academic_year {
        return Err(Failure::Usage(format!(
            "--year {year}: следующий год должен быть позже {} (год плана)",
            plan.academic_year
        )));
    }
    let base = template
        .map(|t| vsoko::plan::template(t, year))
        .transpose()?;
    let later = read_results(results)?;
    let (next, report) = plan.next_year(year, &later, base, gap_options(weak_below));
    for c in &report {
        crate::failure::note(&format!(
            "пункт {}: {}{}",
            c.item,
            c.reason_ru,
            c.carried_as
                .as_deref()
                .map_or_else(String::new, |id| format!(" → {id}"))
        ));
    }
    Ok(json(&next))
}

/// The one mark the flags of `vsoko plan mark` name.
fn mark_of(
    (done, not_done, moved_to, cancelled, planned): (bool, bool, Option<&str>, bool, bool),
    on: Option<&str>,
) -> Result<Mark, Failure> {
    let on = on.map(|d| parse_date("on", d)).transpose()?;
    Ok(match (done, not_done, moved_to, cancelled, planned) {
        (true, ..) => Mark::Done {
            on: on.unwrap_or_else(crate::teachers::today),
        },
        (_, true, ..) => Mark::NotDone { on },
        (_, _, Some(to), ..) => Mark::Moved {
            to: parse_date("moved_to", to)?,
        },
        (_, _, _, true, _) => Mark::Cancelled,
        (.., true) => Mark::Planned,
        _ => {
            return Err(Failure::Usage(
                "укажите отметку: --done, --not-done, --moved-to ДАТА, --cancelled или --planned"
                    .into(),
            ));
        }
    })
}

/// The commands of the plan's cycle: actions from results, marks, the effect of measures,
/// next year's plan.
fn cycle(command: &PlanCommand) -> Result<(String, u8), Failure> {
    match command {
        PlanCommand::Mark {
            file,
            item,
            done,
            not_done,
            moved_to,
            cancelled,
            planned,
            on,
            note,
            year,
            output,
        } => mark_of(
            (*done, *not_done, moved_to.as_deref(), *cancelled, *planned),
            on.as_deref(),
        )
        .and_then(|m| {
            mark_item(
                file,
                item,
                m,
                note.as_deref(),
                year.as_deref(),
                output.as_deref(),
            )
        })
        .map(|t| (t, 0)),
        PlanCommand::Effect {
            file,
            before,
            after,
            weak_below,
            update,
            format,
        } => effect(
            file,
            (before, after),
            *weak_below,
            update.as_deref(),
            *format,
        ),
        PlanCommand::Next {
            file,
            results,
            year,
            template,
            weak_below,
            ..
        } => next(file, results, year, template.as_deref(), *weak_below).map(|t| (t, 0)),
        PlanCommand::Actions {
            results,
            as_of,
            top,
            plan,
            mapping,
            quality_drop,
            weak_below,
            ..
        } => actions(
            results,
            as_of,
            *top,
            plan.as_deref(),
            mapping.as_deref(),
            GapOptions {
                quality_drop: *quality_drop,
                weak_below: *weak_below,
            },
        )
        .map(|t| (t, 0)),
        _ => Err(Failure::Usage("vsoko plan: unknown command".into())),
    }
}
