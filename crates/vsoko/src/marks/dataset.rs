//! A dataset of marks: rows of one or more tables (or marks of summary sheets) in, findings and
//! the report out.

use super::account::{ClassAccount, PupilMarks};
use super::aggregates::{GradeRow, MunicipalityRow, SchoolRow, Sums, Totals};
use super::changes::{ClassChange, DEFAULT_QUALITY_DROP, GroupChange, changes};
use super::columns::Columns;
use super::figures::{Counts, GroupRow, SubjectRow, TeacherRow};
use super::mark::Mark;
use super::period::Period;
use crate::finding::{Code, Finding, Place, Severity};
use crate::reason::column_letters;
use serde::Serialize;
use std::collections::HashMap;

/// The figures of every group, subject, teacher, grade, school, municipality and class (the wire
/// shape of `vsoko marks`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarksReport {
    /// Class × subject × period.
    pub groups: Vec<GroupRow>,
    /// Subject × period over the school's classes.
    pub subjects: Vec<SubjectRow>,
    /// Teacher × period, for rows that name a teacher.
    pub teachers: Vec<TeacherRow>,
    /// Grade (parallel) × subject × period of each school.
    pub grades: Vec<GradeRow>,
    /// School × period over every subject.
    pub schools: Vec<SchoolRow>,
    /// Municipality × subject × period, for rows that name a municipality.
    pub municipalities: Vec<MunicipalityRow>,
    /// Each class's individual account per period.
    pub classes: Vec<ClassAccount>,
    /// Class × subject from each period to the next (I → II quarter, I → II half).
    pub changes: Vec<GroupChange>,
    /// Each class's pupils from each period to the next.
    pub class_changes: Vec<ClassChange>,
    /// What the figures show that is worth a look (`quality_fell`).
    pub findings: Vec<Finding>,
}

/// A class × subject × period (with its teacher), and the municipality of its school.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct GroupKey {
    municipality: Option<String>,
    school: Option<String>,
    class: String,
    subject: String,
    teacher: Option<String>,
    period: Period,
}
type ClassKey = (Option<String>, String, Period);

/// Rows of marks, collected one at a time; memory follows pupils × subjects × periods.
///
/// ```
/// use vsoko::marks::{Columns, Dataset};
/// let c = Columns::from_header(&["Класс", "ФИО", "Предмет", "Период", "Отметка"]).unwrap();
/// let mut d = Dataset::new();
/// d.add(&c, "7b.csv", 2, &["7Б", "Иванов", "Алгебра", "I четверть", "5"]);
/// d.add(&c, "7b.csv", 3, &["7Б", "Петров", "Алгебра", "I четверть", "3"]);
/// d.add(&c, "7b.csv", 4, &["7Б", "Петров", "Алгебра", "I четверть", "4"]);
/// assert_eq!(d.findings()[0].code, "duplicate_mark");
/// let r = d.finish();
/// assert_eq!(r.groups[0].figures.quality_pct.unwrap().to_string(), "50.00");
/// assert_eq!(r.classes[0].excellent, ["Иванов"]);
/// // Summed per grade (the leading number of the class) and school, too.
/// assert_eq!((r.grades[0].grade, r.grades[0].figures.counts.pupils), (Some(7), 2));
/// assert_eq!(r.schools[0].school, None);
/// assert!(r.municipalities.is_empty(), "no municipality column");
/// ```
#[derive(Debug, Default)]
pub struct Dataset {
    groups: Vec<(GroupKey, Counts)>,
    group_index: HashMap<GroupKey, usize>,
    classes: Vec<(ClassKey, Vec<(String, PupilMarks)>)>,
    class_index: HashMap<ClassKey, usize>,
    /// (class, pupil) → position in its class's pupils.
    pupil_index: HashMap<(usize, String), usize>,
    /// (class × period, pupil, subject) → (file, row) of the mark.
    seen: HashMap<(usize, usize, String), (String, usize)>,
    findings: Vec<Finding>,
    rejected: usize,
}

impl Dataset {
    /// An empty dataset.
    pub fn new() -> Dataset {
        Dataset::default()
    }

    /// Adds one row of a table (`file` and its 1-based `row` name it in findings). A row that
    /// cannot be counted is rejected with an error finding; a row that is blank in every cell
    /// is skipped.
    pub fn add<S: AsRef<str>>(&mut self, c: &Columns, file: &str, row: usize, cells: &[S]) {
        if cells.iter().all(|s| s.as_ref().trim().is_empty()) {
            return;
        }
        let outcome = read(c, cells).and_then(|parsed| self.count(parsed, c.mark, file, row));
        if let Err(r) = outcome {
            self.reject(file, row, &r);
        }
    }

    fn reject(&mut self, file: &str, row: usize, r: &Rejection) {
        self.error(
            r.code,
            file,
            row,
            Some(r.column),
            &format!("{}; row left out", r.en),
            &format!("{}; строка не учтена", r.ru),
        );
    }

    /// An error finding at a row of a file (and a cell of it, with a 0-based `column`): what
    /// was left out is said in `en` and `ru`.
    pub(super) fn error(
        &mut self,
        code: Code,
        file: &str,
        row: usize,
        column: Option<usize>,
        en: &str,
        ru: &str,
    ) {
        let at = column.map(|c| format!("{}{row}", column_letters(c + 1)));
        let place = Place {
            field: at.clone(),
            ..Place::row(file, u64::try_from(row).unwrap_or(u64::MAX))
        };
        let prefix = if file.is_empty() {
            String::new()
        } else {
            format!("{file}, ")
        };
        let (cell_en, cell_ru) = at.map_or_else(Default::default, |at| {
            (format!(", cell {at}"), format!(", ячейка {at}"))
        });
        self.findings.push(Finding::new(
            code,
            Severity::Error,
            place,
            format!("{prefix}row {row}{cell_en}: {en}"),
            format!("{prefix}строка {row}{cell_ru}: {ru}"),
        ));
        self.rejected += 1;
    }

    /// Counts one mark read from a summary sheet's cell, or rejects the cell alone.
    pub(super) fn add_cell(&mut self, p: Parsed, file: &str, row: usize, column: usize) {
        if let Err(r) = self.count(p, column, file, row) {
            self.error(
                r.code,
                file,
                row,
                Some(column),
                &format!("{}; mark left out", r.en),
                &format!("{}; отметка не учтена", r.ru),
            );
        }
    }

    /// Counts a row read well, unless its pupil already has a mark there.
    pub(super) fn count(
        &mut self,
        p: Parsed,
        mark_column: usize,
        file: &str,
        row: usize,
    ) -> Result<(), Rejection> {
        let class_key = (p.school.clone(), p.class.clone(), p.period);
        let class_pos = *self
            .class_index
            .entry(class_key.clone())
            .or_insert_with(|| {
                self.classes.push((class_key, Vec::new()));
                self.classes.len() - 1
            });
        let mut empty = Vec::new();
        let pupils = self
            .classes
            .get_mut(class_pos)
            .map_or(&mut empty, |(_, pupils)| pupils);
        let pupil_pos = *self
            .pupil_index
            .entry((class_pos, p.pupil.clone()))
            .or_insert_with(|| {
                pupils.push((p.pupil.clone(), Vec::new()));
                pupils.len() - 1
            });
        let key = (class_pos, pupil_pos, p.subject.clone());
        if let Some((first_file, first_row)) = self.seen.get(&key) {
            let first = if first_file == file {
                format!("{first_row}")
            } else {
                format!("{first_file}, {first_row}")
            };
            let (pupil, class, subject) = (&p.pupil, &p.class, &p.subject);
            return Err(Rejection {
                code: Code::DuplicateMark,
                column: mark_column,
                en: format!(
                    "{pupil} ({class}) already has a mark in {subject} for {} in row {first}",
                    p.period.id()
                ),
                ru: format!(
                    "у ученика «{pupil}» ({class}) уже есть отметка по предмету «{subject}» за {} в строке {first}",
                    p.period.ru()
                ),
            });
        }
        self.seen.insert(key, (file.to_string(), row));
        if let Some((_, marks)) = pupils.get_mut(pupil_pos) {
            marks.push((p.subject.clone(), p.mark));
        }
        let group_key = GroupKey {
            municipality: p.municipality,
            school: p.school,
            class: p.class,
            subject: p.subject,
            teacher: p.teacher,
            period: p.period,
        };
        let pos = *self
            .group_index
            .entry(group_key.clone())
            .or_insert_with(|| {
                self.groups.push((group_key, Counts::default()));
                self.groups.len() - 1
            });
        if let Some((_, counts)) = self.groups.get_mut(pos) {
            counts.add(p.mark);
        }
        Ok(())
    }

    /// What was found in the rows so far (each rejected row has one).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// How many rows were rejected.
    pub fn rejected(&self) -> usize {
        self.rejected
    }

    /// The report: groups, subjects and teachers in the order they first appear, classes too;
    /// quality that fell by [`DEFAULT_QUALITY_DROP`] points is a finding.
    pub fn finish(&self) -> MarksReport {
        self.finish_with(DEFAULT_QUALITY_DROP)
    }

    /// [`Dataset::finish`] with the school's own threshold of a fall of quality, in points.
    pub fn finish_with(&self, quality_drop: rust_decimal::Decimal) -> MarksReport {
        let mut subjects = Totals::default();
        let mut teachers = Totals::default();
        let mut sums = Sums::default();
        let mut groups = Vec::with_capacity(self.groups.len());
        for (k, counts) in &self.groups {
            let (school, period) = (&k.school, k.period);
            subjects.add((school.clone(), k.subject.clone(), period), counts);
            if let Some(t) = &k.teacher {
                teachers.add((school.clone(), t.clone(), period), counts);
            }
            sums.add(
                k.municipality.as_ref(),
                school.as_ref(),
                &k.class,
                &k.subject,
                period,
                counts,
            );
            groups.push(GroupRow {
                school: school.clone(),
                class: k.class.clone(),
                subject: k.subject.clone(),
                teacher: k.teacher.clone(),
                period: period.id(),
                figures: counts.figures(),
            });
        }
        let (grades, schools, municipalities) = sums.rows();
        let mut report = MarksReport {
            groups,
            subjects: subjects
                .list
                .into_iter()
                .map(|((school, subject, period), c)| SubjectRow {
                    school,
                    subject,
                    period: period.id(),
                    figures: c.figures(),
                })
                .collect(),
            teachers: teachers
                .list
                .into_iter()
                .map(|((school, teacher, period), c)| TeacherRow {
                    school,
                    teacher,
                    period: period.id(),
                    figures: c.figures(),
                })
                .collect(),
            grades,
            schools,
            municipalities,
            classes: self
                .classes
                .iter()
                .map(|((school, class, period), pupils)| {
                    ClassAccount::of(school.clone(), class.clone(), period.id(), pupils)
                })
                .collect(),
            changes: Vec::new(),
            class_changes: Vec::new(),
            findings: Vec::new(),
        };
        let (changes, class_changes, findings) =
            changes(&report.groups, &report.classes, quality_drop);
        report.changes = changes;
        report.class_changes = class_changes;
        report.findings = findings;
        report
    }
}

/// A mark read well, with where it belongs.
pub(super) struct Parsed {
    pub(super) municipality: Option<String>,
    pub(super) school: Option<String>,
    pub(super) class: String,
    pub(super) pupil: String,
    pub(super) subject: String,
    pub(super) teacher: Option<String>,
    pub(super) period: Period,
    pub(super) mark: Mark,
}

/// Why a row (or a cell) is left out: its code, the cell's column, and what is wrong in both
/// languages.
pub(super) struct Rejection {
    pub(super) code: Code,
    pub(super) column: usize,
    pub(super) en: String,
    pub(super) ru: String,
}

/// Reads a row's cells.
fn read<S: AsRef<str>>(c: &Columns, cells: &[S]) -> Result<Parsed, Rejection> {
    let cell = |i: usize| cells.get(i).map_or("", |s| s.as_ref().trim());
    let optional = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty()).map(str::to_string);
    for (column, what_en, what_ru) in [
        (c.class, "class", "класс"),
        (c.pupil, "pupil", "ученик"),
        (c.subject, "subject", "предмет"),
        (c.period, "period", "период"),
    ] {
        if cell(column).is_empty() {
            return Err(Rejection {
                code: Code::MissingCell,
                column,
                en: format!("no {what_en}"),
                ru: format!("не указан {what_ru}"),
            });
        }
    }
    let text = cell(c.period);
    let period = Period::parse(text).ok_or_else(|| Rejection {
        code: Code::UnknownPeriod,
        column: c.period,
        en: format!("\"{text}\" is not a period (a quarter, a half, the year or the final mark)"),
        ru: format!("«{text}» — не период: ожидается четверть («I четверть»), полугодие («1 полугодие»), «год» или «итоговая»"),
    })?;
    let mark = mark(cell(c.mark), c.mark)?;
    Ok(Parsed {
        municipality: optional(c.municipality),
        school: optional(c.school),
        class: cell(c.class).to_string(),
        pupil: cell(c.pupil).to_string(),
        subject: cell(c.subject).to_string(),
        teacher: optional(c.teacher),
        period,
        mark,
    })
}

/// Reads the mark in a cell of column `column` (0-based).
pub(super) fn mark(text: &str, column: usize) -> Result<Mark, Rejection> {
    Mark::parse(text).ok_or_else(|| Rejection {
        code: Code::InvalidMark,
        column,
        en: format!(
            "\"{text}\" is not a mark (5 to 1, not attested, exempt, pass, fail, or empty)"
        ),
        ru: format!(
            "«{text}» — не отметка: ожидается 5, 4, 3, 2, 1, «н/а», «осв», «зач», «незач» или пусто"
        ),
    })
}
