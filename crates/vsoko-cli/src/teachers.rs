//! `vsoko teachers`: the teachers' register (`vsoko::teachers`) as of a day — each teacher's
//! category term, attestation and training due dates, what is overdue, the due list of the
//! academic year by month, the shares a school reports.

use crate::failure::{Failure, note};
use clap::ValueEnum;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::calendar::{Date, YearMonth};
use vsoko::output::csv::Line;
use vsoko::output::russian::{TEACHERS, count, number};
use vsoko::output::terminal::visible;
use vsoko::teachers::{Register, RegisterReader, Rules, Status};

use vsoko_cli::tables;

/// Arguments of `vsoko teachers`.
#[derive(clap::Args)]
pub struct TeachersArgs {
    /// The register (CSV, XLSX): ФИО, Должность, Предметы, Категория, Дата присвоения,
    /// Действует до, Дата последней аттестации, Дата приёма, Курсы ПК: дата окончания, часы,
    /// тема; a row per teacher or per course.
    file: PathBuf,
    /// The day (YYYY-MM-DD or DD.MM.YYYY; default: today).
    #[arg(long)]
    as_of: Option<String>,
    /// A target of the plan other than the built-in one: `trained_year=40` or
    /// `categories_confirmed=90` (a share in %).
    #[arg(long, value_name = "ID=PCT")]
    target: Vec<String>,
    /// One teacher's history instead (the name, or any part of it).
    #[arg(long)]
    teacher: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Html,
}

/// Today (UTC).
pub fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    Date::from_unix_days(i64::try_from(days).unwrap_or(0)).unwrap_or_else(|| {
        Date::new(1970, 1, 1).unwrap_or_else(|| unreachable!("1970-01-01 exists"))
    })
}

/// Runs `vsoko teachers`.
pub fn run(args: &TeachersArgs) -> ExitCode {
    let result = (|| -> Result<(String, usize), Failure> {
        let as_of = as_of(args.as_of.as_deref())?;
        let rules = rules_with(&args.target)?;
        let (status, errors, register) = read(&args.file, as_of, &rules)?;
        if let Some(name) = &args.teacher {
            return Ok((
                history(&rules, &register, &status, name, args.format)?,
                errors,
            ));
        }
        let text = match args.format {
            // Streamed through one buffer: a region's register is tens of megabytes of JSON.
            Format::Json => {
                crate::failure::write_output(None, |out| {
                    serde_json::to_writer_pretty(&mut *out, &status)?;
                    out.write_all(b"\n")
                })?;
                String::new()
            }
            Format::Csv => csv(&status),
            Format::Table => visible(&table(&rules, &status)),
            Format::Html => vsoko::teachers::html(&rules, &status),
        };
        Ok((text, errors))
    })();
    match result.and_then(|(text, errors)| crate::failure::emit(&text).map(|()| errors)) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

/// Reads a register and computes its status as of a day; its findings are said on standard
/// error. Returns the status and how many findings are errors.
pub fn status_of(path: &std::path::Path, as_of: Date) -> Result<(Status, usize), Failure> {
    let (status, errors, _) = read(path, as_of, Rules::builtin()?)?;
    Ok((status, errors))
}

/// The built-in rules with the targets given as `ID=PCT`.
fn rules_with(targets: &[String]) -> Result<Rules, Failure> {
    let mut rules = Rules::builtin()?.clone();
    for t in targets {
        let parsed = t.split_once('=').and_then(|(id, pct)| {
            let pct = vsoko::decimal::parse_decimal(pct.trim()).ok()?;
            let target = rules.targets.iter_mut().find(|x| x.id == id.trim())?;
            (pct >= rust_decimal::Decimal::ZERO && pct <= rust_decimal::Decimal::ONE_HUNDRED)
                .then_some((target, pct))
        });
        match parsed {
            Some((target, pct)) => target.min_pct = pct,
            None => {
                return Err(Failure::Usage(format!(
                    "--target {t}: ожидается trained_year=ПРОЦЕНТ или categories_confirmed=ПРОЦЕНТ (0–100)"
                )));
            }
        }
    }
    Ok(rules)
}

fn read(
    path: &std::path::Path,
    as_of: Date,
    rules: &Rules,
) -> Result<(Status, usize, Register), Failure> {
    let name = path.display().to_string();
    // Streamed: a region's register is read a row at a time, not held whole.
    let mut reader: Option<RegisterReader> = None;
    tables::stream_table(path, |line, cells| {
        if let Some(r) = &mut reader {
            r.add(line, cells)?;
        } else {
            let header: Vec<String> = cells.iter().map(|c| (*c).to_string()).collect();
            reader = Some(RegisterReader::new(rules, &name, &header)?);
        }
        Ok(())
    })?;
    let register = match reader {
        Some(r) => r.finish()?,
        None => {
            return Err(vsoko::Error::EmptyInput {
                what: vsoko::InputKind::Table,
            }
            .into());
        }
    };
    let status = register.status(rules, as_of);
    let mut errors = 0;
    for f in &status.findings {
        if f.is_error() {
            errors += 1;
        }
        let at = f
            .place
            .row
            .map_or_else(String::new, |r| format!("{name}, row {r}: "));
        note(&format!(
            "{at}{}[{}]: {}",
            f.severity.as_str(),
            f.code,
            f.message_ru
        ));
    }
    Ok((status, errors, register))
}

/// One teacher's history: the record, the courses, the dates.
fn history(
    rules: &Rules,
    register: &Register,
    status: &Status,
    name: &str,
    format: Format,
) -> Result<String, Failure> {
    let wanted = name.to_lowercase().replace('ё', "е");
    let found: Vec<usize> = register
        .teachers
        .iter()
        .enumerate()
        .filter(|(_, t)| t.name.to_lowercase().replace('ё', "е").contains(&wanted))
        .map(|(i, _)| i)
        .collect();
    let [i] = found.as_slice() else {
        return Err(Failure::Usage(if found.is_empty() {
            format!("в реестре нет педагога «{name}»")
        } else {
            format!("«{name}» подходит к нескольким педагогам: уточните ФИО")
        }));
    };
    let (Some(t), Some(s)) = (register.teachers.get(*i), status.teachers.get(*i)) else {
        return Err(Failure::Usage(format!("в реестре нет педагога «{name}»")));
    };
    if matches!(format, Format::Json) {
        let courses: Vec<serde_json::Value> = t
            .courses
            .iter()
            .map(|c| {
                serde_json::json!({"end": c.end, "hours": c.hours.map(|h| h.to_string()), "topic": c.topic})
            })
            .collect();
        let doc = serde_json::json!({
            "name": t.name, "position": t.position, "subjects": t.subjects,
            "category": t.category, "category_date": t.category_date,
            "category_until": s.category_until, "last_attestation": t.last_attestation,
            "hired": t.hired, "courses": courses, "attestation_due": s.attestation_due,
            "training_due": s.training_due, "overdue": s.overdue,
        });
        return Ok(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", t.name);
    for (label, value) in [
        ("Должность", t.position.clone()),
        ("Предметы", t.subjects.clone()),
        (
            "Категория",
            Some(
                t.category
                    .as_deref()
                    .map_or("без категории".to_string(), |c| {
                        format!("{} (присвоена {})", rules.title(c), date(t.category_date))
                    }),
            ),
        ),
        (
            "Действует до",
            t.category.as_ref().map(|_| {
                if s.category_until.is_none() {
                    "без ограничения".to_string()
                } else {
                    date(s.category_until)
                }
            }),
        ),
        (
            "Последняя аттестация",
            t.last_attestation.map(|d| date(Some(d))),
        ),
        ("Дата приёма", t.hired.map(|d| date(Some(d)))),
        ("Следующая аттестация", Some(date(s.attestation_due))),
        ("Следующие курсы ПК", Some(date(s.training_due))),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "  {label}: {v}");
        }
    }
    let _ = writeln!(out, "  Курсы повышения квалификации:");
    if t.courses.is_empty() {
        let _ = writeln!(out, "    нет сведений");
    }
    let mut courses: Vec<_> = t.courses.iter().collect();
    courses.sort_by_key(|c| c.end);
    for c in courses {
        let _ = writeln!(
            out,
            "    {} — {}{}",
            date(Some(c.end)),
            c.topic.as_deref().unwrap_or("без темы"),
            c.hours
                .map_or_else(String::new, |h| format!(", {} ч", number(h)))
        );
    }
    Ok(visible(&out))
}

/// `--as-of` read (DD.MM.YYYY or ISO), or today.
pub fn as_of(text: Option<&str>) -> Result<Date, Failure> {
    match text {
        Some(text) => Date::read(text).map_err(|reason| {
            Failure::Core(vsoko::Error::InvalidDate {
                field: "as_of".into(),
                value: text.to_string(),
                reason,
            })
        }),
        None => Ok(today()),
    }
}

fn date(d: Option<Date>) -> String {
    d.map_or_else(
        || "—".into(),
        |d| format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
    )
}

fn table(rules: &Rules, s: &Status) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Реестр педагогов на {}: {}\n",
        date(Some(s.as_of)),
        count(s.teachers.len(), TEACHERS)
    );
    let _ = writeln!(
        out,
        "ФИО | Категория | Действует до | Аттестация | Курсы ПК | Просрочено"
    );
    for t in &s.teachers {
        let overdue: Vec<&str> = t.overdue.iter().map(|k| k.ru()).collect();
        let _ = writeln!(
            out,
            "{} | {} | {} | {} | {} | {}",
            t.name,
            t.category
                .as_deref()
                .map_or("без категории", |c| rules.title(c)),
            if t.category.is_some() && t.category_until.is_none() {
                "без ограничения".to_string()
            } else {
                date(t.category_until)
            },
            date(t.attestation_due),
            date(t.training_due),
            if overdue.is_empty() {
                "—".to_string()
            } else {
                overdue.join(", ")
            }
        );
    }
    let _ = writeln!(out, "\nСроки до конца учебного года:");
    let mut month: Option<YearMonth> = None;
    for d in &s.due {
        let m = YearMonth::new(d.due.year(), d.due.month());
        if m != month {
            month = m;
            if let Some(m) = m {
                let _ = writeln!(
                    out,
                    "  {} {}",
                    vsoko::output::russian::capitalized(m.name_ru()),
                    m.year()
                );
            }
        }
        let late = if d.due < s.as_of {
            " — просрочено"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    {} — {}: {}{late}",
            date(Some(d.due)),
            d.name,
            d.kind.ru()
        );
    }
    shares(&mut out, rules, s);
    out
}

/// The shares, by category and the plan's targets.
fn shares(out: &mut String, rules: &Rules, s: &Status) {
    let sh = &s.shares;
    let _ = writeln!(
        *out,
        "\nС действующей категорией: {} из {}\nПрошли курсы в этом учебном году: {}\nПрошли курсы за 12 месяцев: {}\nПрошли курсы за 3 года: {} ({} %)",
        sh.with_category,
        sh.teachers,
        s.trained_year,
        sh.trained_12m,
        sh.trained_3y,
        number(sh.trained_3y_pct)
    );
    if !s.by_category.is_empty() {
        let parts: Vec<String> = s
            .by_category
            .iter()
            .map(|(id, n)| {
                let title = if id == "none" {
                    "без категории (или истекла)"
                } else {
                    rules.title(id)
                };
                format!("{title} — {n}")
            })
            .collect();
        let _ = writeln!(*out, "По категориям: {}", parts.join("; "));
    }
    for t in &s.targets {
        let _ = writeln!(
            *out,
            "Цель плана «{}» (порог {} %): {} из {} ({}) — {}",
            t.title,
            number(t.min_pct),
            t.count,
            t.of,
            t.pct
                .map_or_else(|| "—".into(), |p| format!("{} %", number(p))),
            if t.met {
                "выполнена"
            } else {
                "не выполнена"
            }
        );
    }
}

fn csv(s: &Status) -> String {
    let mut out = vsoko::output::csv::header([
        "name",
        "category",
        "category_until",
        "attestation_due",
        "training_due",
        "overdue",
    ]);
    let mut line = Line::new();
    let iso = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    for t in &s.teachers {
        let overdue: Vec<&str> = t
            .overdue
            .iter()
            .map(|k| match k {
                vsoko::teachers::Kind::Attestation => "attestation",
                vsoko::teachers::Kind::Training => "training",
            })
            .collect();
        line.text(&t.name)
            .text(t.category.as_deref().unwrap_or(""))
            .text(&iso(t.category_until))
            .text(&iso(t.attestation_due))
            .text(&iso(t.training_due))
            .text(&overdue.join(" "));
        out.push_str(&line.finish());
    }
    out
}
