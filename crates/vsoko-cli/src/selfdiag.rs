//! `vsoko selfdiag`: a school's self-diagnosis answers scored against a definition
//! (`vsoko::selfdiag`): the total and level (capped by a failed critical indicator), each
//! direction, the critical indicators failed, the weakest directions. Given a table of schools
//! (or several answer files), each school and the summary across them: the share that passed,
//! the levels per municipality, the directions holding schools back.

use crate::failure::{Failure, note, read_input};
use clap::ValueEnum;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::output::russian::points;
use vsoko::output::russian::{SCHOOLS, count};
use vsoko::output::terminal::visible;
use vsoko::selfdiag::{AnswerTable, Answers, Definition, Diagnosis, Summary, diagnose, summarize};
use vsoko_cli::tables;

/// Arguments of `vsoko selfdiag`.
#[derive(clap::Args)]
pub struct SelfdiagArgs {
    /// The answers: a school's JSON file ({"school", "municipality", "variant", "answers":
    /// {"K1": "Да", …}}), or a table of schools (CSV, XLSX: school, municipality, variant and
    /// one column per indicator id); several files or a table give the summary across schools.
    #[arg(required = true)]
    files: Vec<PathBuf>,
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

/// Many schools and the summary across them (the JSON of a table or several files).
#[derive(Serialize)]
struct Across {
    id: String,
    schools: Vec<Diagnosis>,
    summary: Summary,
}

fn is_json(p: &std::path::Path) -> bool {
    p.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Runs `vsoko selfdiag`.
pub fn run(args: &SelfdiagArgs) -> ExitCode {
    let result = (|| -> Result<(String, usize), Failure> {
        let d = Definition::from_json(&read_input(&args.methodology_file)?)?;
        if let [one] = args.files.as_slice()
            && is_json(one)
        {
            let a = Answers::from_json(&read_input(one)?)?;
            let r = diagnose(&d, &a)?;
            return Ok((
                match args.format {
                    Format::Json => serde_json::to_string_pretty(&r).unwrap_or_default() + "\n",
                    Format::Table => visible(&table(&d, &r)),
                },
                0,
            ));
        }
        let (schools, rejected) = many(&d, &args.files)?;
        let across = Across {
            id: d.id.clone(),
            summary: summarize(&d, &schools),
            schools,
        };
        Ok((
            match args.format {
                Format::Json => serde_json::to_string_pretty(&across).unwrap_or_default() + "\n",
                Format::Table => visible(&summary_table(&d, &across)),
            },
            rejected,
        ))
    })();
    match result.and_then(|(text, rejected)| crate::failure::emit(&text).map(|()| rejected)) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

/// Every school of the files (answer files and tables, in order); a school that cannot be
/// scored is named with its file and row, counted and left out.
fn many(d: &Definition, files: &[PathBuf]) -> Result<(Vec<Diagnosis>, usize), Failure> {
    let mut out = Vec::new();
    let mut rejected = 0;
    for path in files {
        let name = path.display().to_string();
        if is_json(path) {
            match Answers::from_json(&read_input(path)?).and_then(|a| diagnose(d, &a)) {
                Ok(r) => out.push(r),
                Err(e) => {
                    rejected += 1;
                    note(&format!("{name}: {}", Failure::from(e).line()));
                }
            }
            continue;
        }
        let mut rows = tables::read_table(path)?.into_iter();
        let Some((_, header)) = rows.next() else {
            return Err(vsoko::Error::EmptyInput {
                what: vsoko::InputKind::Table,
            }
            .into());
        };
        let layout = AnswerTable::from_header(d, &header)?;
        for (row, cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            match layout.diagnose(d, row, &cells) {
                Ok(r) => out.push(r),
                Err(e) => {
                    rejected += 1;
                    note(&format!("{name}, row {row}: {}", Failure::from(e).line()));
                }
            }
        }
    }
    if out.is_empty() && rejected == 0 {
        return Err(vsoko::Error::EmptyInput {
            what: vsoko::InputKind::Table,
        }
        .into());
    }
    Ok((out, rejected))
}

fn summary_table(d: &Definition, a: &Across) -> String {
    let s = &a.summary;
    let title = |id: &str| {
        d.levels
            .iter()
            .find(|l| l.id == id)
            .map_or(id.to_string(), |l| l.title.clone())
    };
    let levels = |counts: &vsoko::selfdiag::LevelCounts| {
        counts
            .0
            .iter()
            .map(|(id, n)| format!("{} — {n}", title(id)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", d.title);
    let _ = writeln!(
        out,
        "Школа | Муниципалитет | Баллы | Уровень | Критические | Слабее всего"
    );
    for r in &a.schools {
        let _ = writeln!(
            out,
            "{} | {} | {} из {} | {} | {} | {}",
            r.school.as_deref().unwrap_or("—"),
            r.municipality.as_deref().unwrap_or("—"),
            vsoko::output::russian::number(r.total),
            vsoko::output::russian::number(r.max),
            r.level_title.as_deref().unwrap_or("не определён"),
            if r.critical_failed.is_empty() {
                "—".to_string()
            } else {
                r.critical_failed.join(", ")
            },
            r.weakest.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "\nПрошли самодиагностику (уровень «{}» и выше): {} из {}, {} %",
        d.levels
            .get(d.pass_index())
            .map_or("", |l| l.title.as_str()),
        s.passed,
        count(s.schools, SCHOOLS),
        vsoko::output::russian::number(s.passed_pct)
    );
    let _ = writeln!(out, "Уровни: {}", levels(&s.levels));
    let _ = writeln!(out, "\nМуниципалитеты:");
    for m in &s.municipalities {
        let _ = writeln!(
            out,
            "  {} — прошли {} из {}, {} %; {}",
            m.municipality.as_deref().unwrap_or("без муниципалитета"),
            m.passed,
            m.schools,
            vsoko::output::russian::number(m.passed_pct),
            levels(&m.levels)
        );
    }
    if !s.holding_back.is_empty() {
        let _ = writeln!(out, "\nЧаще всего сдерживают школы направления:");
        for c in &s.holding_back {
            let _ = writeln!(out, "  {} — {}", c.title, count(c.schools, SCHOOLS));
        }
    }
    if !s.critical.is_empty() {
        let _ = writeln!(out, "\nНе выполнены критические показатели:");
        for c in &s.critical {
            let _ = writeln!(
                out,
                "  {} {} — {}",
                c.id,
                c.title,
                count(c.schools, SCHOOLS)
            );
        }
    }
    out
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
