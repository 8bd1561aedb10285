//! `vsoko`: the command line over the core crate. It reads files, picks formats and prints;
//! every rule lives in the `vsoko` crate.

mod batch;
mod catalog;
mod doc;
mod dynamics;
mod generate;
mod marks;
mod objectivity;
mod plan;
mod rating;
mod selfdiag;
mod selfexam;
#[cfg(feature = "serve")]
mod serve;
mod survey;
mod tasks;
mod teachers;
mod usage;

use vsoko::output::terminal::visible;
use vsoko_cli::{dialect, failure, render, sheets, tables, titles, xlsx};

use clap::{Parser, Subcommand, ValueEnum};
use failure::Failure;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vsoko::output::russian::count;
use vsoko::{Methodology, Options};

/// mimalloc: the reading threads allocate each group's buffers and the summarising threads free
/// them; glibc's allocator serialises such cross-thread frees on an arena lock (measured: a fifth
/// of `vsoko objectivity`'s time on 10 million rows was spent waiting on it).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exact scoring of school quality indicators (ВСОКО).
#[derive(Parser)]
#[command(name = "vsoko", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score one school: total, level, groups and where points are lost.
    Score(ScoreArgs),
    /// Print a methodology: every group and indicator with its maximum.
    Catalog {
        /// Built-in methodology name.
        #[arg(default_value = vsoko::json::DEFAULT_METHODOLOGY)]
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CatalogFormat::Table)]
        format: CatalogFormat,
        /// Names for groups, indicators and inputs (CSV or XLSX: id; title) over the
        /// methodology's own; every row is checked.
        #[arg(long, value_name = "FILE")]
        titles: Option<PathBuf>,
    },
    /// Print an empty form for a methodology: JSON input, the CSV header for many schools, or
    /// an Excel workbook with checked columns (`--format xlsx -o form.xlsx`).
    Template {
        /// Built-in methodology name.
        #[arg(required_unless_present = "methodology_file")]
        name: Option<String>,
        /// A custom methodology JSON file instead of a built-in one.
        #[arg(long, conflicts_with = "name")]
        methodology_file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TemplateFormat::Json)]
        format: TemplateFormat,
        /// Write here instead of standard output (needed for xlsx on a terminal).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Names for groups, indicators and inputs (CSV or XLSX: id; title) over the
        /// methodology's own; every row is checked.
        #[arg(long, value_name = "FILE")]
        titles: Option<PathBuf>,
    },
    /// Validate a custom methodology file and report every problem.
    CheckMethodology {
        /// The methodology JSON file.
        path: PathBuf,
    },
    /// Score many schools from CSV, JSON Lines or XLSX; one result row per school and a summary.
    Batch(batch::BatchArgs),
    /// Self-examination report (order No. 462): checks and skeleton.
    Selfexam(selfexam::SelfexamArgs),
    /// The ВСОКО plan: import, checks, cyclogram, deficits turned into actions, template.
    Plan(plan::PlanArgs),
    /// Objectivity: internal marks against ВПР/ОГЭ, signs of biased results, the index.
    Objectivity(objectivity::ObjectivityArgs),
    /// Dynamics across periods: each school's change and declines, municipalities and their rating.
    Dynamics(dynamics::DynamicsArgs),
    /// One offline HTML dashboard for heads and founders (levels, rating, declines, municipalities).
    Dashboard(dynamics::DashboardArgs),
    /// Pupils' term and year marks: успеваемость, качество знаний, СОУ and the mean by class,
    /// subject and teacher, and each class's individual account.
    Marks(marks::MarksArgs),
    /// ВПР, ОГЭ and ЕГЭ by task: completion per school and class beside all schools, weak
    /// tasks, marks, the ЕГЭ figures against the minimums, medallists under 70 points.
    Tasks(tasks::TasksArgs),
    /// Ratings of schools and municipalities by the total, a group or one indicator: relative
    /// points (the best 100), places with ties shared, groups of similar conditions, resilient
    /// schools.
    Rating(rating::RatingArgs),
    /// A school's self-diagnosis («Школа Минпросвещения России» mechanism) scored against a
    /// definition a region supplies: total, level, directions, critical indicators failed.
    Selfdiag(selfdiag::SelfdiagArgs),
    /// The teachers' register as of a day: category terms, attestation and training due
    /// dates, what is overdue, the due list by month, the shares a school reports.
    Teachers(teachers::TeachersArgs),
    /// Surveys from forms' exports: per question and group the answered, the satisfied and
    /// their share, the change between periods; with --nok the НОК's survey inputs.
    Survey(survey::SurveyArgs),
    /// Documents a school signs, from computed results, as Word (DOCX), HTML or Markdown:
    /// score-report, objectivity-report, order, plan, selfexam (see README «Документы»).
    Doc(doc::DocArgs),
    /// The HTTP JSON service other school systems call: scoring, batches, plans, pupils'
    /// results, and submissions stored in SQLite or PostgreSQL (see README «Сервер»).
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// Manual pages and shell completions, for packages.
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

/// `vsoko --version`: the version, then each built-in methodology with its data (format version
/// and source), so a school can say exactly what computed its numbers.
fn long_version() -> String {
    use std::fmt::Write as _;
    let mut out = format!("{}\nВстроенные методики:", env!("CARGO_PKG_VERSION"));
    for name in vsoko::methodology::BUILTIN {
        if let Ok(m) = Methodology::builtin(name) {
            let spec = m.spec();
            let _ = write!(
                out,
                "\n  {name} — формат данных {}; {}",
                spec.format_version,
                spec.source.as_deref().unwrap_or("источник не указан")
            );
        }
    }
    out
}

/// The command line with its long version.
fn command() -> clap::Command {
    use clap::CommandFactory as _;
    // Made once per run, for the life of the process.
    let text: &'static str = Box::leak(long_version().into_boxed_str());
    Cli::command().long_version(text)
}

#[derive(clap::Args)]
struct ScoreArgs {
    /// Input JSON file, or `-` for standard input.
    file: PathBuf,
    /// Built-in methodology (overrides the file's "methodology").
    #[arg(long, conflicts_with = "methodology_file")]
    methodology: Option<String>,
    /// A custom methodology JSON file.
    #[arg(long)]
    methodology_file: Option<PathBuf>,
    /// Every indicator must have a value.
    #[arg(long)]
    strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    format: ScoreFormat,
    /// Names for groups, indicators and inputs (CSV or XLSX: id; title) over the
    /// methodology's own; every row is checked.
    #[arg(long, value_name = "FILE")]
    titles: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateFormat {
    Json,
    Csv,
    Xlsx,
}

fn main() -> ExitCode {
    use clap::FromArgMatches as _;
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return usage::report(&e),
    };
    let result = match cli.command {
        Command::Score(args) => score(&args),
        Command::Catalog {
            name,
            format,
            titles,
        } => Methodology::builtin(&name)
            .map_err(Failure::from)
            .and_then(|m| titles::apply(m, titles.as_deref()))
            .map(|m| match format {
                CatalogFormat::Table => visible(&catalog::table(&m)),
                CatalogFormat::Json => json(&m.catalog()),
            }),
        Command::Template {
            name,
            methodology_file,
            format,
            output,
            titles,
        } => template(
            name.as_deref(),
            methodology_file.as_deref(),
            format,
            output.as_deref(),
            titles.as_deref(),
        ),
        Command::CheckMethodology { path } => check_methodology(&path),
        Command::Batch(args) => return batch::run(&args),
        Command::Selfexam(args) => return selfexam::run(&args),
        Command::Plan(args) => return plan::run(&args),
        Command::Objectivity(args) => return objectivity::run(&args),
        Command::Dynamics(args) => return dynamics::run(&args),
        Command::Dashboard(args) => return dynamics::run_dashboard(&args),
        Command::Marks(args) => return marks::run(&args),
        Command::Tasks(args) => return tasks::run(&args),
        Command::Rating(args) => return rating::run(&args),
        Command::Selfdiag(args) => return selfdiag::run(&args),
        Command::Teachers(args) => return teachers::run(&args),
        Command::Survey(args) => return survey::run(&args),
        Command::Doc(args) => return doc::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => return serve::run(&args),
        Command::Generate(args) => generate::run(&args, command()),
    };
    match result.and_then(|text| failure::emit(&text)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

fn score(args: &ScoreArgs) -> Result<String, Failure> {
    let text = failure::read_input(&args.file)?;
    let custom = match &args.methodology_file {
        Some(path) => Some(load_methodology(path)?),
        None => None,
    };
    let chosen = match (&custom, &args.methodology) {
        (Some(m), _) => Some(m),
        (None, Some(name)) => Some(Methodology::builtin(name)?),
        (None, None) => None,
    };
    let options = Options::new().strict(args.strict);
    let input = vsoko::ScoreInput::from_json(&text)?;
    let m = vsoko::json::resolve(chosen, &input)?;
    let m = titles::apply(m, args.titles.as_deref())?;
    let report = vsoko::json::score_input(&input, Some(&m), options)?;
    Ok(match args.format {
        ScoreFormat::Table => visible(&render::table(&m, &report)),
        ScoreFormat::Markdown => report.to_markdown(&m),
        ScoreFormat::Json => json(&report),
    })
}

fn template(
    name: Option<&str>,
    file: Option<&Path>,
    format: TemplateFormat,
    output: Option<&Path>,
    titles: Option<&Path>,
) -> Result<String, Failure> {
    let custom = file.map(load_methodology).transpose()?;
    let m = match &custom {
        Some(m) => m,
        None => Methodology::builtin(name.unwrap_or(vsoko::json::DEFAULT_METHODOLOGY))?,
    };
    let m = &*titles::apply(m, titles)?;
    let bytes = match format {
        TemplateFormat::Json => json(&m.blank_input()).into_bytes(),
        TemplateFormat::Csv => catalog::csv_header(m).into_bytes(),
        TemplateFormat::Xlsx => {
            let out = output.map_or_else(|| "stdout".into(), |p| p.display().to_string());
            if output.is_none() && std::io::stdout().is_terminal() {
                return Err(Failure::Usage(
                    "книгу Excel нельзя вывести в терминал: укажите -o form.xlsx".into(),
                ));
            }
            xlsx::form(m).map_err(|e| e.failure(&out))?
        }
    };
    if let Some(path) = output {
        return std::fs::write(path, bytes)
            .map(|()| String::new())
            .map_err(|e| Failure::write(&path.display().to_string(), &e));
    }
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, &bytes)
        .and_then(|()| std::io::Write::flush(&mut out))
        .map(|()| String::new())
        .map_err(|e| Failure::write("stdout", &e))
}

fn load_methodology(path: &Path) -> Result<Methodology, Failure> {
    let text = failure::read_input(path)?;
    Ok(Methodology::from_json(&text)?)
}

fn check_methodology(path: &Path) -> Result<String, Failure> {
    let m = load_methodology(path)?;
    Ok(format!(
        "ОК: методика {} «{}»: {}, {}, максимум баллов: {}, {}\n",
        m.id(),
        m.title(),
        count(m.groups().len(), ["группа", "группы", "групп"]),
        count(
            m.indicators().len(),
            ["показатель", "показателя", "показателей"]
        ),
        m.max(),
        count(m.levels().len(), ["уровень", "уровня", "уровней"])
    ))
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
