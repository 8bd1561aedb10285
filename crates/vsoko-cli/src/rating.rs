//! `vsoko rating`: schools of one or more tables scored and rated by the total, a group or one
//! indicator (`vsoko::rating`): relative points, places horizontal, in the municipality and in
//! groups of similar conditions, municipalities, resilient schools.

use crate::failure::{Failure, note};
use clap::ValueEnum;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko::batch::{Columns, SchoolRows};
use vsoko::output::csv::Line;
use vsoko::output::russian::{SCHOOLS, count, number, points};
use vsoko::output::terminal::visible;
use vsoko::rating::{PointsTotal, Rater, Rating, RatingOptions};
use vsoko::reason::{InputReason, Location};
use vsoko::{Methodology, Options};
use vsoko_cli::tables;

/// Arguments of `vsoko rating`.
#[derive(clap::Args)]
pub struct RatingArgs {
    /// Tables of schools (CSV, XLSX): `school`, optional `municipality` and `region`, the
    /// context columns, and the values.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Built-in methodology (default: index-2023).
    #[arg(long, conflicts_with = "methodology_file")]
    methodology: Option<String>,
    /// A custom methodology JSON file (an indicator may declare "direction": "less").
    #[arg(long)]
    methodology_file: Option<PathBuf>,
    /// Rate by the total, a group id or an indicator id.
    #[arg(long, default_value = "total")]
    by: String,
    /// Relative points: the best school gets 100, each other 0–100.
    #[arg(long)]
    relative: bool,
    /// Rate by the sum or the mean of each indicator's relative points (the indicators of
    /// --by: all for the total, a group's own).
    #[arg(long, value_enum)]
    relative_total: Option<PointsTotalArg>,
    /// Context columns forming groups of similar conditions, comma-separated (a numeric one
    /// is cut into quantile bands; the first numeric one is the index for resilient schools).
    #[arg(long, value_delimiter = ',')]
    context: Vec<String>,
    /// Quantile bands of a numeric context column and of the result (4: quartiles).
    #[arg(long, default_value_t = 4)]
    bands: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum PointsTotalArg {
    Sum,
    Mean,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

/// Runs `vsoko rating`.
pub fn run(args: &RatingArgs) -> ExitCode {
    let result = load(args).and_then(|(rating, rejected)| {
        let text = match args.format {
            Format::Json => serde_json::to_string_pretty(&rating).unwrap_or_default() + "\n",
            Format::Csv => csv(&rating),
            Format::Table => visible(&table(&rating)),
        };
        crate::failure::emit(&text).map(|()| rejected)
    });
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => f.report(),
    }
}

const REGION: [&str; 3] = ["region", "регион", "субъект"];

fn load(args: &RatingArgs) -> Result<(Rating, usize), Failure> {
    let m = match &args.methodology_file {
        Some(p) => Methodology::from_json(&crate::failure::read_input(p)?)?,
        None => Methodology::builtin(
            args.methodology
                .as_deref()
                .unwrap_or(vsoko::json::DEFAULT_METHODOLOGY),
        )?
        .clone(),
    };
    let points_total = args.relative_total.map(|t| match t {
        PointsTotalArg::Sum => PointsTotal::Sum,
        PointsTotalArg::Mean => PointsTotal::Mean,
    });
    let mut rater = Rater::new(&m, &args.by, points_total)?;
    let mut rejected = 0;
    let mut names = SchoolRows::default();
    for path in &args.files {
        let name = path.display().to_string();
        let rows = tables::read_table(path)?;
        let mut rows = rows.into_iter();
        let Some((_, header)) = rows.next() else {
            return Err(vsoko::Error::EmptyInput {
                what: vsoko::InputKind::Table,
            }
            .into());
        };
        let Layout {
            region,
            context,
            values,
        } = layout(&header, &args.context, &m, &name)?;
        let keep = |cells: &[String]| -> Vec<String> {
            values
                .iter()
                .map(|i| cells.get(*i).cloned().unwrap_or_default())
                .collect()
        };
        let columns = Columns::from_header(&m, &keep(&header))?;
        for (line, cells) in rows {
            let cell = |i: Option<usize>| {
                i.and_then(|i| cells.get(i))
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let unit = columns.row(&keep(&cells)).and_then(|row| {
                let school = row.school.clone().filter(|s| !s.trim().is_empty()).ok_or(
                    vsoko::Error::EmptySchool {
                        at: Location::Row(line),
                    },
                )?;
                names.check(line, &school, row.municipality.as_deref(), None)?;
                let card = m.evaluate_row(&row.cells, Options::default())?;
                rater.add(
                    line,
                    &school,
                    row.municipality,
                    cell(region),
                    context
                        .iter()
                        .map(|i| cell(Some(*i)).unwrap_or_default())
                        .collect(),
                    &card,
                );
                Ok(())
            });
            match unit {
                Ok(()) => {}
                Err(e) => {
                    rejected += 1;
                    note(&format!("{name}, row {line}: {}", Failure::from(e).line()));
                }
            }
        }
    }
    let options = RatingOptions {
        relative: args.relative,
        context: args.context.clone(),
        bands: args.bands,
        ..rater.options()
    };
    let rating = rater.finish(&options)?;
    Ok((rating, rejected))
}

/// Where the region, the context columns and the methodology's columns are in a header.
struct Layout {
    region: Option<usize>,
    context: Vec<usize>,
    values: Vec<usize>,
}

fn layout(
    header: &[String],
    wanted: &[String],
    m: &Methodology,
    name: &str,
) -> Result<Layout, Failure> {
    let key = |h: &str| h.trim_start_matches('\u{feff}').trim().to_lowercase();
    let region = header
        .iter()
        .position(|h| REGION.contains(&key(h).as_str()));
    let mut context = Vec::new();
    for c in wanted {
        match header.iter().position(|h| key(h) == key(c)) {
            Some(i) => context.push(i),
            None => {
                return Err(vsoko::Error::InvalidInput {
                    at: Location::File(name.to_string()),
                    reason: InputReason::WrongArgument {
                        expected: format!("a column named {c:?} (--context)"),
                        expected_ru: format!("столбец «{c}» (указан в --context)"),
                    },
                }
                .into());
            }
        }
    }
    // A column that is neither a label, a value of the methodology, the region nor a context
    // column is left out, and said so.
    let is_value = |h: &str| {
        let h = h.trim_start_matches('\u{feff}').trim();
        h.is_empty() || vsoko::batch::label_of(h).is_some() || m.position(h).is_some()
    };
    let mut values = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if Some(i) == region || context.contains(&i) {
            continue;
        }
        if is_value(h) {
            values.push(i);
        } else {
            note(&format!(
                "{name}: warning[column_unused] столбец «{}» не показатель методики {} и не указан в --context: не учтён",
                h.trim(),
                m.id()
            ));
        }
    }
    Ok(Layout {
        region,
        context,
        values,
    })
}

fn opt(n: Option<usize>) -> String {
    n.map_or_else(|| "—".into(), |n| n.to_string())
}

fn table(r: &Rating) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Рейтинг по показателю «{}»: {}\n",
        r.measure,
        count(r.units.len(), SCHOOLS)
    );
    let _ = writeln!(
        out,
        "Место | Школа | Муниципалитет | Значение | Баллы | Место в МО | Группа | Место в группе"
    );
    for u in &r.units {
        let _ = writeln!(
            out,
            "{} | {} | {} | {} | {} | {} | {} | {}",
            u.place,
            u.school,
            u.municipality.as_deref().unwrap_or("—"),
            number(u.value),
            u.points.map_or_else(|| "—".into(), number),
            opt(u.place_in_municipality),
            u.group.as_deref().unwrap_or("—"),
            opt(u.place_in_group)
        );
    }
    if !r.municipalities.is_empty() {
        let _ = writeln!(out, "\nМуниципалитеты (среднее по школам):");
        for m in &r.municipalities {
            let _ = writeln!(
                out,
                "{}. {} — {}{}{}",
                m.place,
                m.municipality,
                number(m.value),
                m.points
                    .map_or_else(String::new, |p| format!(" ({})", points(p))),
                match (&m.region, m.place_in_region) {
                    (Some(r), Some(p)) => format!("; {p}-е место в регионе «{r}»"),
                    _ => String::new(),
                }
            );
        }
    }
    if !r.regions.is_empty() {
        let _ = writeln!(out, "\nРегионы (среднее по школам):");
        for g in &r.regions {
            let _ = writeln!(
                out,
                "{}. {} — {}{}",
                g.place,
                g.region,
                number(g.value),
                g.points
                    .map_or_else(String::new, |p| format!(" ({})", points(p)))
            );
        }
    }
    if !r.resilient.is_empty() {
        let _ = writeln!(
            out,
            "\nРезильентные школы (низший уровень условий, высший результат):"
        );
        for s in &r.resilient {
            let _ = writeln!(
                out,
                "  {} ({}): условия {}, результат {}",
                s.school,
                s.municipality.as_deref().unwrap_or("—"),
                vsoko::decimal::parse_decimal(&s.context)
                    .map_or_else(|_| s.context.clone(), number),
                number(s.value)
            );
        }
    }
    out
}

fn csv(r: &Rating) -> String {
    let mut out = vsoko::output::csv::header([
        "place",
        "school",
        "municipality",
        "region",
        "value",
        "points",
        "percentile",
        "place_in_municipality",
        "group",
        "place_in_group",
    ]);
    let mut line = Line::new();
    for u in &r.units {
        line.number(u.place)
            .text(&u.school)
            .text(u.municipality.as_deref().unwrap_or(""))
            .text(u.region.as_deref().unwrap_or(""))
            .number(u.value)
            .text(&u.points.map(|p| p.to_string()).unwrap_or_default())
            .number(u.percentile)
            .text(&opt(u.place_in_municipality).replace('—', ""))
            .text(u.group.as_deref().unwrap_or(""))
            .text(&opt(u.place_in_group).replace('—', ""));
        out.push_str(&line.finish());
    }
    out
}
