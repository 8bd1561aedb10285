//! What `vsoko tasks` reports: completion per task and group, the weak tasks, the marks, the
//! ЕГЭ figures and the medallists under 70 points (the wire shape of the command).

use crate::finding::Finding;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// Decimals travel as text (`"66.67"`), `null` when there is none.
#[expect(
    clippy::ref_option,
    reason = "serde's serialize_with passes a reference to the field"
)]
pub(crate) fn text<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// A task in a school (`class` null) or one of its classes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskRow {
    /// The school, when the table names it.
    pub school: Option<String>,
    /// The class; `None` on the school's own row.
    pub class: Option<String>,
    /// ВПР, ОГЭ, ЕГЭ…
    pub procedure: String,
    /// The subject.
    pub subject: String,
    /// The grade.
    pub grade: u8,
    /// The year.
    pub year: i32,
    /// The task's number (`9.1`).
    pub task: String,
    /// Its maximum in points.
    pub max: u32,
    /// Pupils who wrote the work (and whose table has this task).
    pub participants: u64,
    /// Points scored × 100 / (maximum × participants).
    #[serde(serialize_with = "text")]
    pub completion_pct: Option<Decimal>,
    /// The same over every school of the input.
    #[serde(serialize_with = "text")]
    pub region_completion_pct: Option<Decimal>,
    /// What the task checks, when the school supplied descriptions (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A school's task completed below the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeakTask {
    /// The school, when the table names it.
    pub school: Option<String>,
    /// ВПР, ОГЭ, ЕГЭ…
    pub procedure: String,
    /// The subject.
    pub subject: String,
    /// The grade.
    pub grade: u8,
    /// The year.
    pub year: i32,
    /// The task's number.
    pub task: String,
    /// Its completion, %.
    #[serde(serialize_with = "text")]
    pub completion_pct: Option<Decimal>,
    /// What the task checks, when the school supplied descriptions (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The marks 2–5 of a school × procedure × subject × grade × year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkRow {
    /// The school, when the table names it.
    pub school: Option<String>,
    /// ВПР, ОГЭ, ЕГЭ…
    pub procedure: String,
    /// The subject.
    pub subject: String,
    /// The grade.
    pub grade: u8,
    /// The year.
    pub year: i32,
    /// Pupils with a mark.
    pub participants: u64,
    /// How many got each mark.
    pub counts: MarkCounts<u64>,
    /// Their shares, %.
    pub pct: MarkCounts<Pct>,
}

/// A value per mark, keyed `"2"` … `"5"` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MarkCounts<T> {
    /// Mark 2.
    #[serde(rename = "2")]
    pub n2: T,
    /// Mark 3.
    #[serde(rename = "3")]
    pub n3: T,
    /// Mark 4.
    #[serde(rename = "4")]
    pub n4: T,
    /// Mark 5.
    #[serde(rename = "5")]
    pub n5: T,
}

/// A percentage as text on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pct(#[serde(serialize_with = "text")] pub Option<Decimal>);

/// The ЕГЭ figures of a school × subject × year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EgeRow {
    /// The school, when the table names it.
    pub school: Option<String>,
    /// The subject as written.
    pub subject: String,
    /// The year.
    pub year: i32,
    /// Pupils with a test score (for a subject marked 2–5: with a mark).
    pub participants: u64,
    /// The mean test score (none for a subject marked 2–5).
    #[serde(serialize_with = "text")]
    pub mean_test_score: Option<Decimal>,
    /// The minimum score applied (none for a subject marked 2–5 or without one in the data).
    pub min_score: Option<u8>,
    /// Pupils below the minimum (for a subject marked 2–5: with a 2).
    pub below_min: Option<u64>,
    /// Their share, %.
    #[serde(serialize_with = "text")]
    pub below_min_pct: Option<Decimal>,
    /// Pupils with 70 points or more.
    pub at_70: Option<u64>,
    /// Their share, %.
    #[serde(serialize_with = "text")]
    pub at_70_pct: Option<Decimal>,
    /// Pupils with 80 points or more.
    pub at_80: Option<u64>,
    /// Their share, %.
    #[serde(serialize_with = "text")]
    pub at_80_pct: Option<Decimal>,
    /// Pupils with 100 points.
    pub at_100: Option<u64>,
    /// Their share, %.
    #[serde(serialize_with = "text")]
    pub at_100_pct: Option<Decimal>,
}

/// A medallist's ЕГЭ subject with under 70 points (the «Школа Минпросвещения» target: fewer of
/// them each year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MedallistRow {
    /// The school, when the table names it.
    pub school: Option<String>,
    /// The pupil as the list names them.
    pub pupil: String,
    /// The subject.
    pub subject: String,
    /// The test score.
    pub test_score: u8,
}

/// Everything `vsoko tasks` finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TasksReport {
    /// Each task per school and class.
    pub tasks: Vec<TaskRow>,
    /// The schools' tasks below the threshold, worst first within each work.
    pub weak: Vec<WeakTask>,
    /// The marks per school and work.
    pub marks: Vec<MarkRow>,
    /// The ЕГЭ figures per school and subject.
    pub ege: Vec<EgeRow>,
    /// Medallists with under 70 points in an ЕГЭ subject.
    pub medallists: Vec<MedallistRow>,
    /// What is worth a look (`minimum_of_other_year`, `no_minimum`, `medallist_not_found`).
    pub findings: Vec<Finding>,
    /// The threshold the weak tasks were found with (for pages; not on the wire).
    #[serde(skip)]
    pub weak_below: Decimal,
}

/// A work of one school: the school × procedure × subject × grade × year it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkName<'a> {
    /// The school, when the table names it.
    pub school: Option<&'a str>,
    /// ВПР, ОГЭ, ЕГЭ…
    pub procedure: &'a str,
    /// The subject.
    pub subject: &'a str,
    /// The grade.
    pub grade: u8,
    /// The year.
    pub year: i32,
}

/// One work of one school as people read it: tasks down, the school and each class across.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkView<'a> {
    /// Which work.
    pub name: WorkName<'a>,
    /// The classes, in order.
    pub classes: Vec<&'a str>,
    /// Each task: the school's row, then each class's (aligned with `classes`).
    pub tasks: Vec<(&'a TaskRow, Vec<Option<&'a TaskRow>>)>,
    /// The weak tasks, worst first.
    pub weak: Vec<&'a WeakTask>,
    /// The marks, when pupils have them.
    pub marks: Option<&'a MarkRow>,
}

macro_rules! name_of {
    ($r:expr) => {
        WorkName {
            school: $r.school.as_deref(),
            procedure: &$r.procedure,
            subject: &$r.subject,
            grade: $r.grade,
            year: $r.year,
        }
    };
}

impl TasksReport {
    /// The report work by work (a school × procedure × subject × grade × year, in the report's
    /// order), for tables and pages; a work with marks and no tasks is there too.
    ///
    /// ```
    /// use vsoko::tasks::{Results, ResultsColumns, TasksOptions};
    /// let header = ["school", "year", "procedure", "subject", "grade", "class", "pupil", "1 (2б)"];
    /// let c = ResultsColumns::from_header(&header, Default::default()).unwrap();
    /// let mut r = Results::new();
    /// r.add(&c, "", 2, &["S1", "2025", "ВПР", "Математика", "5", "5Б", "p1", "2"]);
    /// r.add(&c, "", 3, &["S1", "2025", "ВПР", "Математика", "5", "5А", "p2", "0"]);
    /// let report = r.finish(&TasksOptions::default());
    /// let works = report.works();
    /// assert_eq!(works[0].classes, ["5А", "5Б"]);
    /// let (school, classes) = &works[0].tasks[0];
    /// assert_eq!(school.completion_pct.unwrap().to_string(), "50.00");
    /// assert_eq!(classes[1].unwrap().completion_pct.unwrap().to_string(), "100.00");
    /// ```
    pub fn works(&self) -> Vec<WorkView<'_>> {
        let mut index: std::collections::HashMap<WorkName<'_>, usize> =
            std::collections::HashMap::new();
        let mut out: Vec<WorkView<'_>> = Vec::new();
        // Rows of one work come together, the school's before its classes'.
        let mut rows_of: Vec<Vec<&TaskRow>> = Vec::new();
        for t in &self.tasks {
            let w = slot(&mut index, &mut out, name_of!(t));
            if rows_of.len() <= w {
                rows_of.resize(w + 1, Vec::new());
            }
            if let Some(rows) = rows_of.get_mut(w) {
                rows.push(t);
            }
        }
        for m in &self.marks {
            let w = slot(&mut index, &mut out, name_of!(m));
            if let Some(v) = out.get_mut(w) {
                v.marks = Some(m);
            }
        }
        for weak in &self.weak {
            let w = slot(&mut index, &mut out, name_of!(weak));
            if let Some(v) = out.get_mut(w) {
                v.weak.push(weak);
            }
        }
        for (view, rows) in out.iter_mut().zip(&rows_of) {
            view.classes = rows.iter().filter_map(|t| t.class.as_deref()).collect();
            view.classes.dedup();
            let mut cells: std::collections::HashMap<(&str, &str), &TaskRow> =
                std::collections::HashMap::new();
            for t in rows {
                if let Some(c) = t.class.as_deref() {
                    cells.insert((c, t.task.as_str()), t);
                }
            }
            view.tasks = rows
                .iter()
                .filter(|t| t.class.is_none())
                .map(|t| {
                    let by_class = view
                        .classes
                        .iter()
                        .map(|c| cells.get(&(*c, t.task.as_str())).copied())
                        .collect();
                    (*t, by_class)
                })
                .collect();
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }
}

/// The position of a work's view, added when new.
fn slot<'a>(
    index: &mut std::collections::HashMap<WorkName<'a>, usize>,
    out: &mut Vec<WorkView<'a>>,
    name: WorkName<'a>,
) -> usize {
    *index.entry(name).or_insert_with(|| {
        out.push(WorkView {
            name,
            classes: Vec::new(),
            tasks: Vec::new(),
            weak: Vec::new(),
            marks: None,
        });
        out.len() - 1
    })
}
