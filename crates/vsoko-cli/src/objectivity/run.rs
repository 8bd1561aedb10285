//! The command: its arguments, reading every file into one analysis, what the index leaves out
//! (on stderr), and the result written in the format asked.

use super::read::read_file;
use super::split::PARALLEL_FROM;
use super::spreadsheet::csv;
use super::terminal::table;
use crate::failure::{Failure, note};
use clap::ValueEnum;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::objectivity::{Analysis, Objectivity, ObjectivityOptions, combine};
use vsoko::output::terminal::visible;

/// Arguments of `vsoko objectivity`.
#[derive(clap::Args)]
pub struct ObjectivityArgs {
    /// Pupil tables: long CSV/XLSX or school exports (one per school, subject, year).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Files from this many bytes are read on both cores (hidden: for tests).
    #[arg(long, hide = true, default_value_t = PARALLEL_FROM)]
    parallel_from: u64,
    /// Compared pupils a school needs for Spearman's correlation.
    #[arg(long, default_value_t = vsoko::objectivity::MIN_COMPARED_FOR_SPEARMAN)]
    min_compared: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Html,
}

/// Runs `vsoko objectivity`.
pub fn run(args: &ObjectivityArgs) -> ExitCode {
    match analyse(args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

fn analyse(args: &ObjectivityArgs) -> Result<usize, Failure> {
    let options = ObjectivityOptions {
        min_compared: args.min_compared,
        ..ObjectivityOptions::default()
    };
    let mut analysis = Analysis::new();
    let mut rejected = 0;
    for file in &args.files {
        rejected += read_file(file, &mut analysis, args.parallel_from)?;
    }
    let no_pupils = analysis.is_empty();
    let result = combine(analysis.summaries(options), options);
    report_unassessed(&result, no_pupils);
    let name = args
        .output
        .as_ref()
        .map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
    let sink: Box<dyn std::io::Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| Failure::write(&name, &e))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
    let written = match args.format {
        // Written as it is serialised: a country's table never sits in memory twice. Compact:
        // a region's table is hundreds of megabytes, and indentation would double it.
        Format::Json => serde_json::to_writer(&mut out, &result)
            .map_err(std::io::Error::other)
            .and_then(|()| out.write_all(b"\n")),
        Format::Table => out.write_all(visible(&table(&result)).as_bytes()),
        Format::Csv => out.write_all(csv(&result).as_bytes()),
        Format::Html => out.write_all(result.to_html().as_bytes()),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| Failure::write(&name, &e))?;
    // No pupil at all is not a result: the exit status says so, as for rejected rows.
    Ok(rejected + usize::from(no_pupils))
}

/// Says on stderr what the index leaves out: no pupils at all, schools whose pupils were all
/// absent, school names spelled like another.
fn report_unassessed(r: &Objectivity, no_pupils: bool) {
    if no_pupils {
        note(
            "warning[no_pupils]: во входных данных нет ни одного участника (только заголовок); индекс объективности не вычисляется",
        );
    } else if r.summary.objectivity_index.is_none() {
        note(
            "warning[no_participants]: все участники отсутствовали; индекс объективности не вычисляется",
        );
    }
    // School → whether any of its groups had a participant.
    let mut assessed: std::collections::BTreeMap<&str, bool> = std::collections::BTreeMap::new();
    for g in &r.groups {
        *assessed.entry(g.school.as_str()).or_default() |= g.participants > 0;
    }
    let absent = assessed.into_iter().filter(|(_, a)| !a).map(|(s, _)| s);
    for school in absent {
        note(&format!(
            "warning[not_assessed]: в школе «{school}» все участники отсутствовали; школа не оценивается и не учтена в индексе"
        ));
    }
    for f in &r.findings {
        note(&format!("warning[{}]: {}", f.code, f.message_ru));
    }
}

/// The objectivity result of pupil tables (read as `vsoko objectivity` reads them, with its
/// default thresholds) or of one JSON file `vsoko objectivity --format json` wrote.
///
/// # Errors
/// As `vsoko objectivity`; a JSON file that is not its result names what is expected.
pub fn result_of(files: &[PathBuf]) -> Result<Objectivity, Failure> {
    if let [one] = files
        && one
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let text = crate::failure::read_input(one)?;
        return serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| {
            Failure::Core(vsoko::document::wrong_input(
                vsoko::reason::Location::File(one.display().to_string()),
                vsoko::document::Kind::ObjectivityReport,
                vsoko::document::OBJECTIVITY_INPUT,
            ))
        });
    }
    let options = ObjectivityOptions::default();
    let mut analysis = Analysis::new();
    for file in files {
        read_file(file, &mut analysis, PARALLEL_FROM)?;
    }
    Ok(combine(analysis.summaries(options), options))
}
