//! `vsoko plan import|check|show|actions|template`: files and formats around `vsoko::plan`.

use crate::failure::{Failure, read_input};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vsoko::calendar::Date;
use vsoko::output::terminal::visible;
use vsoko::plan::{
    AcademicYear, ActionMapping, CheckOptions, Format, GapOptions, Plan, PlanCheck, ViewKind,
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
        /// The plan file (JSON, CSV or XLSX).
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
        /// The plan file (JSON, CSV or XLSX).
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
        /// The plan file (JSON, CSV or XLSX).
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
            format,
            output,
        } => show(
            file,
            *view,
            responsible.as_deref(),
            as_of.as_deref(),
            year.as_deref(),
            *format,
            output.as_deref(),
        )
        .map(|t| (t, 0)),
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

/// A plan from JSON, or imported from a table (CSV, XLSX).
fn load(path: &Path, year: Option<&str>) -> Result<Plan, Failure> {
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
    responsible: Option<&str>,
    as_of: Option<&str>,
    year: Option<&str>,
    format: ShowFormat,
    output: Option<&Path>,
) -> Result<String, Failure> {
    let plan = load(path, year)?;
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
