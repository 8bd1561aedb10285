//! `vsoko selfexam check|skeleton`: files and formats around `vsoko::selfexam`.

use crate::failure::{Failure, read_input};
use clap::{Subcommand, ValueEnum};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::Report;
use vsoko::output::terminal::visible;
use vsoko::selfexam::{CheckResult, Skeleton};

/// Arguments of `vsoko selfexam`.
#[derive(clap::Args)]
pub struct SelfexamArgs {
    #[command(subcommand)]
    command: SelfexamCommand,
}

#[derive(Subcommand)]
enum SelfexamCommand {
    /// Check a report: sections, reporting period, signature, the 20 April deadline, stages.
    /// Exit 1 when there are errors, 2 when the file cannot be read.
    Check {
        /// The report JSON file, or `-`.
        file: PathBuf,
        /// The date to check against (YYYY-MM-DD), e.g. today.
        #[arg(long)]
        as_of: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
        format: CheckFormat,
    },
    /// Print an empty report for a reporting year with the official headings and the deadline.
    Skeleton {
        /// The reporting year (the report is due by 20 April of the next year).
        #[arg(long)]
        year: i32,
        /// Scored results (`vsoko score --format json`) to include in the indicator analysis.
        #[arg(long)]
        attach: Vec<PathBuf>,
        /// Output format: Markdown to read, JSON to fill in and check.
        #[arg(long, value_enum, default_value_t = SkeletonFormat::Markdown)]
        format: SkeletonFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum SkeletonFormat {
    Markdown,
    Json,
}

/// Exit code when the report has error findings.
const EXIT_FINDINGS: u8 = 1;

/// Runs `vsoko selfexam`.
pub fn run(args: &SelfexamArgs) -> ExitCode {
    let result = match &args.command {
        SelfexamCommand::Check {
            file,
            as_of,
            format,
        } => check(file, as_of.as_deref(), *format),
        SelfexamCommand::Skeleton {
            year,
            attach,
            format,
        } => skeleton(*year, attach, *format),
    };
    match result.and_then(|(text, code)| crate::failure::emit(&text).map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        Err(f) => f.report(),
    }
}

fn check(
    file: &std::path::Path,
    as_of: Option<&str>,
    format: CheckFormat,
) -> Result<(String, u8), Failure> {
    let text = read_input(file)?;
    let result = vsoko::selfexam::check_json(&text, as_of)?;
    let code = if result.has_errors { EXIT_FINDINGS } else { 0 };
    let out = match format {
        CheckFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&result).unwrap_or_default()
        ),
        CheckFormat::Table => visible(&table(&result)),
    };
    Ok((out, code))
}

fn table(r: &CheckResult) -> String {
    let mut out = String::new();
    if let Some(due) = r.due {
        let _ = write!(out, "Срок размещения и направления учредителю: {due}");
        match r.days_left {
            Some(d) if d >= 0 => {
                let _ = write!(out, "; до срока {d} дн.");
            }
            Some(d) => {
                let _ = write!(out, "; срок прошёл {} дн. назад", -d);
            }
            None => {}
        }
        out.push('\n');
    }
    if r.complete {
        out.push_str("Отчёт полный: замечаний нет.\n");
        return out;
    }
    out.push_str(&crate::render::findings(r.findings.iter().map(|f| {
        (
            f.severity,
            f.code.as_str(),
            f.message_ru.as_str(),
            Some(
                f.place
                    .section
                    .as_deref()
                    .or(f.place.field.as_deref())
                    .unwrap_or("отчёт"),
            ),
        )
    })));
    out
}

fn skeleton(
    year: i32,
    attach: &[PathBuf],
    format: SkeletonFormat,
) -> Result<(String, u8), Failure> {
    let mut results = Vec::with_capacity(attach.len());
    for path in attach {
        let text = read_input(path)?;
        let report: Report =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| {
                Failure::Core(vsoko::Error::InvalidInput {
                    at: vsoko::reason::Location::File(path.display().to_string()),
                    reason: vsoko::reason::InputReason::NotAScoreReport,
                })
            })?;
        results.push(report);
    }
    let s = Skeleton::new(year, results);
    let out = match format {
        SkeletonFormat::Markdown => s.to_markdown(),
        SkeletonFormat::Json => s.to_input_json() + "\n",
    };
    Ok((out, 0))
}
