//! `vsoko selfdiag`: a school's self-diagnosis answers scored against a definition
//! (`vsoko::selfdiag`): the total and level (capped by a failed critical indicator), each
//! direction, the critical indicators failed, the weakest directions.

use crate::failure::{Failure, read_input};
use clap::ValueEnum;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::output::russian::points;
use vsoko::output::terminal::visible;
use vsoko::selfdiag::{Answers, Definition, Diagnosis, diagnose};

/// Arguments of `vsoko selfdiag`.
#[derive(clap::Args)]
pub struct SelfdiagArgs {
    /// The answers (JSON: {"school", "variant", "answers": {"K1": "Да", …}}).
    file: PathBuf,
    /// The self-diagnosis definition (a region's file; fixtures/selfdiag/example.json is an
    /// example, not the official list).
    #[arg(long)]
    methodology_file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

/// Runs `vsoko selfdiag`.
pub fn run(args: &SelfdiagArgs) -> ExitCode {
    let result = (|| -> Result<String, Failure> {
        let d = Definition::from_json(&read_input(&args.methodology_file)?)?;
        let a = Answers::from_json(&read_input(&args.file)?)?;
        let r = diagnose(&d, &a)?;
        Ok(match args.format {
            Format::Json => serde_json::to_string_pretty(&r).unwrap_or_default() + "\n",
            Format::Table => visible(&table(&d, &r)),
        })
    })();
    match result.and_then(|text| crate::failure::emit(&text)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.report(),
    }
}

fn table(d: &Definition, r: &Diagnosis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", d.title);
    if let Some(school) = &r.school {
        let _ = writeln!(out, "{school}");
    }
    let _ = writeln!(
        out,
        "\nСумма баллов: {} из {}. Уровень: {}",
        vsoko::output::russian::number(r.total),
        points(r.max),
        r.level_title.as_deref().unwrap_or("не определён")
    );
    if !r.critical_failed.is_empty() {
        let _ = writeln!(
            out,
            "Не выполнены критические показатели: {} — уровень не выше «{}»",
            r.critical_failed.join(", "),
            d.levels
                .iter()
                .find(|l| l.id == d.critical_cap)
                .map_or(d.critical_cap.as_str(), |l| l.title.as_str())
        );
    }
    let _ = writeln!(out, "\nНаправления:");
    for dir in &r.directions {
        let level_title = dir.level.as_deref().map(|id| {
            d.directions
                .iter()
                .find(|x| x.id == dir.id)
                .and_then(|x| x.levels.as_ref())
                .and_then(|l| l.iter().find(|l| l.id == id))
                .map_or(id, |l| l.title.as_str())
        });
        let _ = writeln!(
            out,
            "  {} — {} из {}{}",
            dir.title,
            vsoko::output::russian::number(dir.points),
            points(dir.max),
            level_title.map_or_else(String::new, |l| format!(" (уровень: {l})"))
        );
    }
    if !r.weakest.is_empty() {
        let titles: Vec<&str> = r
            .weakest
            .iter()
            .filter_map(|id| r.directions.iter().find(|d| &d.id == id))
            .map(|d| d.title.as_str())
            .collect();
        let _ = writeln!(out, "\nСлабее всего: {}", titles.join(", "));
    }
    out
}
