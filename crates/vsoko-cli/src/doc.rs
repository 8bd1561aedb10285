//! `vsoko doc KIND INPUT...`: the documents a school signs (справки, the order, the plan, the
//! self-examination report) as Word, HTML or Markdown. The documents are built by the core's
//! `vsoko::document`; here files are read and written.

use crate::failure::{Failure, read_input};
use clap::ValueEnum;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vsoko::document::{self, Document, School};
use vsoko::reason::Location;
use vsoko::{Error, Methodology, Options, Report};

/// `vsoko doc`.
#[derive(clap::Args)]
pub struct DocArgs {
    /// The document.
    #[arg(value_enum)]
    kind: DocKind,
    /// What it is made from: score-report — a `vsoko score` input or result (several: one
    /// school's periods, oldest first), or a batch table with --per-school; objectivity-report
    /// — pupil tables as `vsoko objectivity` reads them, or its JSON result; order — the output
    /// of `vsoko plan actions`; plan — a plan (JSON, CSV, XLSX, DOCX); selfexam — the report file.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The school's requisites (JSON: full_name, short_name, director, deputy,
    /// deputy_position, city, academic_year); what is not given is left blank to fill in.
    #[arg(long, value_name = "FILE")]
    school: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DocFormat::Docx)]
    format: DocFormat,
    /// Write here instead of standard output (needed for docx on a terminal).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// score-report of a batch table (CSV, XLSX, JSON Lines): one document per school, written
    /// into this folder.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    per_school: Option<PathBuf>,
    /// plan: the academic year of a plan table that names none (`2024/25`).
    #[arg(long)]
    year: Option<String>,
    /// The methodology of a batch table (--per-school).
    #[arg(long, default_value = vsoko::json::DEFAULT_METHODOLOGY)]
    methodology: String,
    /// A custom methodology JSON file for a batch table (--per-school).
    #[arg(long, conflicts_with = "methodology")]
    methodology_file: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DocKind {
    ScoreReport,
    ObjectivityReport,
    Order,
    Plan,
    Selfexam,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DocFormat {
    Docx,
    Html,
    Md,
}

impl DocFormat {
    fn extension(self) -> &'static str {
        match self {
            DocFormat::Docx => "docx",
            DocFormat::Html => "html",
            DocFormat::Md => "md",
        }
    }
}

/// Runs `vsoko doc`.
pub fn run(args: &DocArgs) -> ExitCode {
    match make(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.report(),
    }
}

fn make(args: &DocArgs) -> Result<(), Failure> {
    let school = match &args.school {
        Some(path) => School::from_json(&read_input(path)?).map_err(|e| in_file(e, path))?,
        None => School::default(),
    };
    if let Some(dir) = &args.per_school {
        if args.kind != DocKind::ScoreReport {
            return Err(Failure::Usage(
                "--per-school пишет только справки score-report".into(),
            ));
        }
        return per_school(args, &school, dir);
    }
    if args.format == DocFormat::Docx && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Failure::Usage(
            "документ Word нельзя вывести в терминал: укажите -o справка.docx или --format html|md"
                .into(),
        ));
    }
    let doc = build(args, &school)?;
    write(&doc, args.format, args.output.as_deref())
}

/// A core error placed at the file when it names no place of its own (a field of the file, or
/// the argument the bindings pass).
fn in_file(e: Error, path: &Path) -> Failure {
    match e {
        Error::InvalidInput {
            at: Location::Field(field),
            reason,
        } => Failure::Core(Error::InvalidInput {
            at: Location::File(format!("{}: {field}", path.display())),
            reason,
        }),
        Error::InvalidInput {
            at: Location::Argument(_),
            reason,
        } => Failure::Core(Error::InvalidInput {
            at: Location::File(path.display().to_string()),
            reason,
        }),
        e => Failure::Core(e),
    }
}

fn one_input(args: &DocArgs) -> Result<&Path, Failure> {
    match args.inputs.as_slice() {
        [one] => Ok(one),
        _ => Err(Failure::Usage(
            "этот документ составляется по одному файлу".into(),
        )),
    }
}

fn build(args: &DocArgs, school: &School) -> Result<Document, Failure> {
    Ok(match args.kind {
        DocKind::ScoreReport => {
            let reports = args
                .inputs
                .iter()
                .map(|p| score_result(p))
                .collect::<Result<Vec<_>, _>>()?;
            document::score_report(&reports, school)
        }
        DocKind::ObjectivityReport => {
            document::objectivity_report(&crate::objectivity::result_of(&args.inputs)?, school)
        }
        DocKind::Order => {
            let path = one_input(args)?;
            let plan = document::plan_json(&read_input(path)?, document::Kind::Order)
                .map_err(|e| in_file(e, path))?;
            document::order(&plan, school).map_err(|e| in_file(e, path))?
        }
        DocKind::Plan => {
            let path = one_input(args)?;
            document::plan_document(&crate::plan::load(path, args.year.as_deref())?, school)
        }
        DocKind::Selfexam => {
            let path = one_input(args)?;
            let report = vsoko::selfexam::SelfExam::from_json(&read_input(path)?)?;
            document::selfexam_report(&report, school)
        }
    })
}

/// A scored result from a file: the input `vsoko score` reads or its JSON result.
fn score_result(path: &Path) -> Result<Report, Failure> {
    document::score_result(&read_input(path)?).map_err(|e| in_file(e, path))
}

/// Writes the document in the format asked, to the file or standard output.
fn write(doc: &Document, format: DocFormat, output: Option<&Path>) -> Result<(), Failure> {
    let bytes = render(doc, format)?;
    crate::failure::write_output(output, |out| out.write_all(&bytes))
}

fn render(doc: &Document, format: DocFormat) -> Result<Vec<u8>, Failure> {
    Ok(match format {
        DocFormat::Docx => doc.to_docx().map_err(|e| Failure::write("docx", &e))?,
        DocFormat::Html => doc.to_html().into_bytes(),
        DocFormat::Md => doc.to_markdown().into_bytes(),
    })
}

/// One справка per school of a batch table, named after the school (and its municipality when
/// the table has one), into `dir`. Without a period column rows are scored and written one by
/// one (memory stays flat); with periods each school gets its dynamics, oldest period first, and
/// the table is held until its end.
fn per_school(args: &DocArgs, school: &School, dir: &Path) -> Result<(), Failure> {
    let path = one_input(args)?;
    let custom = match &args.methodology_file {
        Some(p) => Some(Methodology::from_json(&read_input(p)?)?),
        None => None,
    };
    let m = match &custom {
        Some(m) => m,
        None => Methodology::builtin(&args.methodology)?,
    };
    std::fs::create_dir_all(dir).map_err(|e| Failure::write(&dir.display().to_string(), &e))?;
    let rows = vsoko_cli::sheets::open(path, None, m)?;
    let mut names = Names::default();
    let mut failed = 0usize;
    let mut periods: Vec<(String, Vec<Report>)> = Vec::new();
    let label = path.display().to_string();
    for record in rows.records {
        let scored = record.result.and_then(|entry| {
            let card = entry.evaluate(m, Options::new())?;
            let mut report = Report::build(m, &card);
            report.school.clone_from(&entry.school);
            report.period.clone_from(&entry.period);
            let name = match (&entry.municipality, &entry.school) {
                (Some(mo), Some(s)) => format!("{mo} — {s}"),
                (None, Some(s)) => s.clone(),
                (_, None) => format!("строка {}", record.row),
            };
            Ok((name, report))
        });
        match scored {
            Ok((name, report)) if rows.has_period => {
                match periods.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, list)) => list.push(report),
                    None => periods.push((name, vec![report])),
                }
            }
            Ok((name, report)) => save(
                &document::score_report(&[report], school),
                args.format,
                dir,
                &names.file(&name),
            )?,
            Err(e) => {
                failed += 1;
                crate::failure::note(&format!(
                    "{label}, row {}: {}",
                    record.row,
                    Failure::from(e).line()
                ));
            }
        }
    }
    for (name, reports) in &mut periods {
        reports.sort_by(|a, b| a.period.cmp(&b.period));
        save(
            &document::score_report(reports, school),
            args.format,
            dir,
            &names.file(name),
        )?;
    }
    crate::failure::note(&format!(
        "документов: {}, в папке {}",
        names.used.len(),
        dir.display()
    ));
    if failed > 0 {
        return Err(Failure::Output {
            code: "rows_not_scored",
            message: format!("строк не посчитано: {failed} (см. сообщения выше)"),
        });
    }
    Ok(())
}

fn save(doc: &Document, format: DocFormat, dir: &Path, stem: &str) -> Result<(), Failure> {
    let path = dir.join(format!("{stem}.{}", format.extension()));
    let bytes = render(doc, format)?;
    std::fs::write(&path, bytes).map_err(|e| Failure::write(&path.display().to_string(), &e))
}

/// File names for schools: characters a file system forbids replaced, each name once (a second
/// school of the same name gets « (2)»).
#[derive(Default)]
struct Names {
    used: std::collections::HashSet<String>,
}

impl Names {
    fn file(&mut self, school: &str) -> String {
        let clean: String = school
            .chars()
            .map(|c| {
                if c.is_control()
                    || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                {
                    '_'
                } else {
                    c
                }
            })
            .take(100)
            .collect();
        let clean = clean.trim().trim_matches('.').to_string();
        let base = if clean.is_empty() {
            "школа".to_string()
        } else {
            clean
        };
        let mut name = base.clone();
        let mut n = 1;
        while !self.used.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{base} ({n})");
        }
        name
    }
}
