//! Results of external procedures collected row by row (memory follows works and pupils, not
//! rows × tasks), and the report per task, school and class.

use super::columns::ResultsColumns;
use super::descriptions::TaskDescriptions;
use super::ege::{self, EgeWork, Medallist, Minimums, Scores};
use super::heading::{Task, task_order};
use super::report::{MarkCounts, MarkRow, Pct, TaskRow, TasksReport, WeakTask};
use super::row::{Sitting, is_ege, read};
use crate::decimal::hundredths;
use crate::finding::{Code, Finding, Rejection};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Tasks completed below this share (%) are weak unless another threshold is given: a common
/// practice of schools, not a federal rule.
pub const DEFAULT_WEAK_BELOW: Decimal = Decimal::from_parts(50, 0, 0, false, 0);

/// (school, procedure, subject, grade, year): one work of one school.
pub(super) type WorkKey = (Option<String>, String, String, u8, i32);

/// A class's (or the rows without a class) counts.
#[derive(Debug, Default, Clone)]
pub(super) struct Tally {
    pub(super) participants: u64,
    /// Points per task of the work.
    pub(super) points: Vec<u64>,
    /// Pupils who wrote each task.
    pub(super) takers: Vec<u64>,
}

fn add_into(to: &mut Vec<u64>, from: &[u64]) {
    if to.len() < from.len() {
        to.resize(from.len(), 0);
    }
    for (a, b) in to.iter_mut().zip(from) {
        *a += b;
    }
}

impl Tally {
    fn merge(&mut self, o: &Tally) {
        self.participants += o.participants;
        add_into(&mut self.points, &o.points);
        add_into(&mut self.takers, &o.takers);
    }

    fn add(&mut self, task: usize, points: u32) {
        for (v, by) in [(&mut self.points, u64::from(points)), (&mut self.takers, 1)] {
            if v.len() <= task {
                v.resize(task + 1, 0);
            }
            if let Some(x) = v.get_mut(task) {
                *x += by;
            }
        }
    }
}

/// One work of one school: its tasks, classes, marks and test scores.
#[derive(Debug)]
pub(super) struct Work {
    pub(super) key: WorkKey,
    pub(super) tasks: Vec<Task>,
    /// The last table's task columns mapped to `tasks` (by the table's id).
    map: (u64, Vec<usize>),
    pub(super) classes: Vec<(Option<String>, Tally)>,
    /// Marks 2, 3, 4, 5.
    pub(super) marks: [u64; 4],
    /// Test scores.
    pub(super) scores: Scores,
    /// Each pupil's first row: (file, row).
    seen: HashMap<String, (usize, usize)>,
}

impl Work {
    pub(super) fn new(key: WorkKey) -> Work {
        Work {
            key,
            tasks: Vec::new(),
            map: (0, Vec::new()),
            classes: Vec::new(),
            marks: [0; 4],
            scores: Scores::default(),
            seen: HashMap::new(),
        }
    }

    /// Maps a table's task columns to the work's tasks (adding those it has not seen).
    fn map_tasks(&mut self, c: &ResultsColumns) -> Result<(), Rejection> {
        if self.map.0 == c.id {
            return Ok(());
        }
        let mut map = Vec::with_capacity(c.tasks.len());
        for (i, task) in &c.tasks {
            let Some(k) = self.tasks.iter().position(|t| t.task == task.task) else {
                self.tasks.push(task.clone());
                map.push(self.tasks.len() - 1);
                continue;
            };
            let other = self.tasks.get(k).map_or(task.max, |t| t.max);
            if other != task.max {
                return Err(Rejection {
                    code: Code::TaskMaxDiffers,
                    column: *i,
                    en: format!(
                        "task {} has the maximum {} here and {other} in an earlier table of the same work",
                        task.task, task.max
                    ),
                    ru: format!(
                        "у задания {} здесь максимум {}, а в другой таблице той же работы — {other}",
                        task.task, task.max
                    ),
                });
            }
            map.push(k);
        }
        self.map = (c.id, map);
        Ok(())
    }

    fn count(&mut self, s: &Sitting<'_>, points: &[Option<u32>]) {
        let found = self
            .classes
            .iter()
            .position(|(c, _)| c.as_deref() == s.class);
        let k = found.unwrap_or_else(|| {
            self.classes
                .push((s.class.map(str::to_string), Tally::default()));
            self.classes.len() - 1
        });
        if s.absent {
            return;
        }
        if let Some((_, tally)) = self.classes.get_mut(k) {
            tally.participants += 1;
            for (p, &t) in points.iter().zip(&self.map.1) {
                if let Some(p) = p {
                    tally.add(t, *p);
                }
            }
        }
        if let Some(m) = s.mark
            && let Some(n) = self.marks.get_mut(usize::from(m.saturating_sub(2)))
        {
            *n += 1;
        }
        if let Some(score) = s.test_score {
            self.scores
                .add(score, is_ege(s.procedure).then_some(s.pupil));
        }
    }

    /// The school's tally: every class together.
    fn total(&self) -> Tally {
        let mut t = Tally::default();
        for (_, c) in &self.classes {
            t.merge(c);
        }
        t
    }
}

/// The options of [`Results::finish`].
#[derive(Debug, Clone)]
pub struct TasksOptions<'a> {
    /// Tasks below this completion (%) are weak.
    pub weak_below: Decimal,
    /// The ЕГЭ minimums to apply.
    pub minimums: &'a Minimums,
    /// The school's medallists, when given.
    pub medallists: Option<&'a [Medallist]>,
    /// What each task checks, when the school supplied it.
    pub descriptions: Option<&'a TaskDescriptions>,
}

impl Default for TasksOptions<'_> {
    fn default() -> Self {
        TasksOptions {
            weak_below: DEFAULT_WEAK_BELOW,
            minimums: Minimums::builtin(),
            medallists: None,
            descriptions: None,
        }
    }
}

/// Results of ВПР, ОГЭ and ЕГЭ by task, collected one row at a time.
///
/// ```
/// use vsoko::tasks::{Results, ResultsColumns, TasksOptions};
/// let header = ["school", "year", "procedure", "subject", "grade", "class", "pupil",
///               "1 (1б)", "2 (2б)", "mark"];
/// let c = ResultsColumns::from_header(&header, Default::default()).unwrap();
/// let mut r = Results::new();
/// r.add(&c, "vpr.csv", 2, &["S1", "2025", "ВПР", "Математика", "5", "5А", "p1", "0", "2", "4"]);
/// r.add(&c, "vpr.csv", 3, &["S1", "2025", "ВПР", "Математика", "5", "5А", "p2", "0", "Х", "2"]);
/// r.add(&c, "vpr.csv", 4, &["S1", "2025", "ВПР", "Математика", "5", "5А", "p3", "1", "3", "4"]);
/// assert_eq!(r.findings()[0].code, "invalid_points"); // 3 points on a task of 2: row 4 left out
/// let report = r.finish(&TasksOptions::default());
/// let task2 = &report.tasks[1];
/// assert_eq!((task2.class.as_deref(), task2.task.as_str()), (None, "2"));
/// assert_eq!(task2.completion_pct.unwrap().to_string(), "50.00"); // 2 × 100 / (2 × 2)
/// // Weak: below 50 %, not at it.
/// assert_eq!(report.weak.iter().map(|w| w.task.as_str()).collect::<Vec<_>>(), ["1"]);
/// ```
#[derive(Debug, Default)]
pub struct Results {
    pub(super) works: Vec<Work>,
    pub(super) index: HashMap<WorkKey, usize>,
    last: Option<usize>,
    files: Vec<String>,
    findings: Vec<Finding>,
    rejected: usize,
    points: Vec<Option<u32>>,
}

impl Results {
    /// Nothing yet.
    pub fn new() -> Results {
        Results::default()
    }

    /// Adds one row of a table (`file` and its 1-based `row` name it in findings). A row that
    /// cannot be counted is rejected whole with an error finding naming its cell; a row blank
    /// in every cell is skipped.
    pub fn add<S: AsRef<str>>(
        &mut self,
        columns: &ResultsColumns,
        file: &str,
        row: usize,
        cells: &[S],
    ) {
        if cells.iter().all(|s| s.as_ref().trim().is_empty()) {
            return;
        }
        let mut points = std::mem::take(&mut self.points);
        let outcome = read(columns, cells, &mut points)
            .and_then(|s| self.record(columns, &s, &points, file, row));
        self.points = points;
        if let Err(r) = outcome {
            self.findings.push(r.finding(file, row));
            self.rejected += 1;
        }
    }

    /// What was found in the rows so far (each rejected row has one).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// How many rows were rejected.
    pub fn rejected(&self) -> usize {
        self.rejected
    }

    fn file_index(&mut self, file: &str) -> usize {
        if let Some(i) = self.files.iter().rposition(|f| f == file) {
            return i;
        }
        self.files.push(file.to_string());
        self.files.len() - 1
    }

    fn record(
        &mut self,
        columns: &ResultsColumns,
        s: &Sitting<'_>,
        points: &[Option<u32>],
        file: &str,
        row: usize,
    ) -> Result<(), Rejection> {
        let file_index = self.file_index(file);
        let w = self.work(s);
        let Some(work) = self.works.get_mut(w) else {
            return Ok(());
        };
        if let Some(&(first_file, first_row)) = work.seen.get(s.pupil) {
            let first = match self.files.get(first_file) {
                Some(f) if f != file => format!("{f}, {first_row}"),
                _ => format!("{first_row}"),
            };
            let (pupil, procedure, subject, grade, year) =
                (s.pupil, s.procedure, s.subject, s.grade, s.year);
            return Err(Rejection {
                code: Code::DuplicatePupil,
                column: columns.at(super::columns::Field::Pupil).unwrap_or(0),
                en: format!(
                    "pupil \"{pupil}\" is already in row {first} for {procedure}, {subject}, grade {grade}, {year}"
                ),
                ru: format!(
                    "участник «{pupil}» уже указан в строке {first} ({procedure}, {subject}, {grade} класс, {year} год)"
                ),
            });
        }
        work.map_tasks(columns)?;
        work.seen.insert(s.pupil.to_string(), (file_index, row));
        work.count(s, points);
        Ok(())
    }

    /// The work of a row: the previous row's when it is the same (tables come sorted), else
    /// looked up or added.
    fn work(&mut self, s: &Sitting<'_>) -> usize {
        if let Some(w) = self.last
            && let Some(work) = self.works.get(w)
        {
            let k = &work.key;
            if k.0.as_deref() == s.school
                && k.1 == s.procedure
                && k.2 == s.subject
                && k.3 == s.grade
                && k.4 == s.year
            {
                return w;
            }
        }
        let key: WorkKey = (
            s.school.map(str::to_string),
            s.procedure.to_string(),
            s.subject.to_string(),
            s.grade,
            s.year,
        );
        let w = if let Some(&w) = self.index.get(&key) {
            w
        } else {
            self.index.insert(key.clone(), self.works.len());
            self.works.push(Work::new(key));
            self.works.len() - 1
        };
        self.last = Some(w);
        w
    }

    /// The report: works by school, procedure, subject, grade and year; in each, the school's
    /// row before its classes, tasks in the order of their numbers.
    pub fn finish(&self, options: &TasksOptions<'_>) -> TasksReport {
        let mut works: Vec<&Work> = self.works.iter().collect();
        works.sort_by(|a, b| a.key.cmp(&b.key));
        let totals: Vec<Tally> = works.iter().map(|w| w.total()).collect();
        let region = region(&works, &totals);
        // The rows' number is known: the school's and each named class's, per task.
        let rows = works
            .iter()
            .map(|w| w.tasks.len() * (1 + w.classes.iter().filter(|(c, _)| c.is_some()).count()))
            .sum();
        let mut report = TasksReport {
            tasks: Vec::with_capacity(rows),
            weak: Vec::new(),
            marks: Vec::new(),
            ege: Vec::new(),
            medallists: Vec::new(),
            findings: Vec::new(),
            weak_below: options.weak_below,
        };
        for (work, total) in works.iter().zip(&totals) {
            task_rows(work, total, &region, options, &mut report);
            report.marks.extend(mark_row(work));
        }
        let ege_works: Vec<EgeWork<'_>> = works
            .iter()
            .filter(|w| is_ege(&w.key.1))
            .map(|w| EgeWork {
                school: &w.key.0,
                subject: &w.key.2,
                year: w.key.4,
                marks: w.marks,
                scores: &w.scores,
            })
            .collect();
        report.ege = ege::rows(&ege_works, options.minimums, &mut report.findings);
        if let Some(list) = options.medallists {
            report.medallists = ege::medallists(&ege_works, list, &mut report.findings);
        }
        report
    }
}

/// (procedure, subject, grade, year, task) → (points, maximum × participants) over every school.
type Region<'a> = HashMap<(&'a str, &'a str, u8, i32, &'a str), (u64, u64)>;

fn region<'a>(works: &[&'a Work], totals: &[Tally]) -> Region<'a> {
    let mut region = Region::new();
    for (w, t) in works.iter().zip(totals) {
        for (k, task) in w.tasks.iter().enumerate() {
            let e = region
                .entry((&w.key.1, &w.key.2, w.key.3, w.key.4, &task.task))
                .or_default();
            e.0 += t.points.get(k).copied().unwrap_or(0);
            e.1 += u64::from(task.max) * t.takers.get(k).copied().unwrap_or(0);
        }
    }
    region
}

/// `part × 100 / whole`, 2 places.
fn pct(part: u64, whole: u64) -> Option<Decimal> {
    hundredths(
        Decimal::from(part) * Decimal::ONE_HUNDRED,
        Decimal::from(whole),
    )
}

/// A work's task rows (the school's, then each class's) and its weak tasks, worst first.
fn task_rows(
    work: &Work,
    total: &Tally,
    region: &Region<'_>,
    options: &TasksOptions<'_>,
    report: &mut TasksReport,
) {
    let weak_below = options.weak_below;
    let (school, procedure, subject, grade, year) = &work.key;
    let mut by_number: Vec<(usize, &Task)> = work.tasks.iter().enumerate().collect();
    by_number.sort_by(|a, b| task_order(&a.1.task, &b.1.task));
    let mut named: Vec<(Option<&str>, &Tally)> = work
        .classes
        .iter()
        .filter_map(|(c, t)| c.as_deref().map(|c| (Some(c), t)))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let describe = |task: &Task| {
        options
            .descriptions
            .and_then(|d| d.get(procedure, subject, *grade, *year, &task.task))
            .map(str::to_string)
    };
    let mut weak: Vec<(u64, u64, &Task, Option<Decimal>)> = Vec::new();
    for (class, tally) in std::iter::once((None, total)).chain(named) {
        for &(k, task) in &by_number {
            let points = tally.points.get(k).copied().unwrap_or(0);
            let takers = tally.takers.get(k).copied().unwrap_or(0);
            let whole = u64::from(task.max) * takers;
            let r = region
                .get(&(
                    procedure.as_str(),
                    subject.as_str(),
                    *grade,
                    *year,
                    task.task.as_str(),
                ))
                .copied()
                .unwrap_or_default();
            let completion = pct(points, whole);
            report.tasks.push(TaskRow {
                school: school.clone(),
                class: class.map(str::to_string),
                procedure: procedure.clone(),
                subject: subject.clone(),
                grade: *grade,
                year: *year,
                task: task.task.clone(),
                max: task.max,
                participants: takers,
                completion_pct: completion,
                region_completion_pct: pct(r.0, r.1),
                description: describe(task),
            });
            // Weak on the exact completion, not the rounded one.
            if class.is_none()
                && whole > 0
                && Decimal::from(points) * Decimal::ONE_HUNDRED < weak_below * Decimal::from(whole)
            {
                weak.push((points, whole, task, completion));
            }
        }
    }
    // Worst first: exact completions compared as fractions; ties in the order of the tasks.
    weak.sort_by(|a, b| {
        (u128::from(a.0) * u128::from(b.1))
            .cmp(&(u128::from(b.0) * u128::from(a.1)))
            .then_with(|| task_order(&a.2.task, &b.2.task))
    });
    report
        .weak
        .extend(weak.into_iter().map(|(_, _, task, completion)| WeakTask {
            school: school.clone(),
            procedure: procedure.clone(),
            subject: subject.clone(),
            grade: *grade,
            year: *year,
            task: task.task.clone(),
            completion_pct: completion,
            description: describe(task),
        }));
}

/// The marks of a work, when any pupil has one.
fn mark_row(work: &Work) -> Option<MarkRow> {
    let n: u64 = work.marks.iter().sum();
    let [n2, n3, n4, n5] = work.marks;
    let (school, procedure, subject, grade, year) = &work.key;
    (n > 0).then(|| MarkRow {
        school: school.clone(),
        procedure: procedure.clone(),
        subject: subject.clone(),
        grade: *grade,
        year: *year,
        participants: n,
        counts: MarkCounts { n2, n3, n4, n5 },
        pct: MarkCounts {
            n2: Pct(pct(n2, n)),
            n3: Pct(pct(n3, n)),
            n4: Pct(pct(n4, n)),
            n5: Pct(pct(n5, n)),
        },
    })
}
