//! A dataset of marks: rows of one or more tables (or marks of summary sheets) in, findings and
//! the report out.

use super::account::{ClassAccount, Given};
use super::aggregates::{GradeRow, MunicipalityRow, SchoolRow, SumNames, Sums, Totals};
use super::changes::{ClassChange, DEFAULT_QUALITY_DROP, GroupChange, changes};
use super::class::grade;
use super::columns::Columns;
use super::figures::{Counts, GroupRow, SubjectRow, TeacherRow};
use super::ids::{FxMap, NONE, Parses, Texts};
use super::mark::Mark;
use super::period::Period;
use crate::finding::{Code, Finding, Place, Severity};
use crate::reason::column_letters;
use serde::Serialize;

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

/// A class × subject × period (with its teacher), and the municipality of its school, as ids
/// ([`NONE`] for an absent school, teacher or municipality).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct GroupKey {
    municipality: u32,
    school: u32,
    class: u32,
    subject: u32,
    teacher: u32,
    period: Period,
}
/// (school, class, period) as ids.
type ClassKey = (u32, u32, Period);

/// One pupil of a class in a period: their name's id and marks.
#[derive(Debug)]
struct Pupil {
    name: u32,
    marks: Vec<Given>,
}

/// The texts of a dataset, one set of ids per kind.
#[derive(Debug, Default)]
struct Names {
    municipalities: Texts,
    schools: Texts,
    classes: Texts,
    pupils: Texts,
    subjects: Texts,
    teachers: Texts,
    /// The files marks came from (a duplicate names the first one's file).
    files: Vec<Box<str>>,
}

impl Names {
    /// The index of a file's name (files are few and come one after another).
    fn file(&mut self, file: &str) -> u32 {
        let at = if let Some(at) = self.files.iter().rposition(|f| **f == *file) {
            at
        } else {
            self.files.push(file.into());
            self.files.len() - 1
        };
        u32::try_from(at).unwrap_or(NONE)
    }
}

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
    names: Names,
    groups: Vec<(GroupKey, Counts)>,
    group_index: FxMap<GroupKey, u32>,
    /// The group of the last row counted (a class's rows of a subject and period come together).
    last_group: Option<(GroupKey, u32)>,
    classes: Vec<(ClassKey, Vec<Pupil>)>,
    class_index: FxMap<ClassKey, u32>,
    last_class: Option<(ClassKey, u32)>,
    /// The class and position of the last row's pupil.
    last_pupil: Option<(u32, u32)>,
    /// (class, pupil) → position in its class's pupils.
    pupil_index: FxMap<(u32, u32), u32>,
    periods: Parses<Period>,
    marks: Parses<Mark>,
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
        if cells.iter().all(|s| trim(s.as_ref()).is_empty()) {
            return;
        }
        let outcome = read(c, cells, &mut self.periods, &mut self.marks)
            .and_then(|parsed| self.count(parsed, c.mark, file, row));
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
    pub(super) fn add_cell(&mut self, p: Parsed<'_>, file: &str, row: usize, column: usize) {
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
        p: Parsed<'_>,
        mark_column: usize,
        file: &str,
        row: usize,
    ) -> Result<(), Rejection> {
        let file_id = self.names.file(file);
        let school = self.names.schools.optional(p.school);
        let class = self.names.classes.id(p.class);
        let class_pos = self.class_pos((school, class, p.period));
        let names = &mut self.names;
        let mut empty = Vec::new();
        let pupils = self
            .classes
            .get_mut(class_pos as usize)
            .map_or(&mut empty, |(_, pupils)| pupils);
        // Tables list a class's pupils in the same order for each subject and period: the
        // pupil after the last one is tried before the maps.
        let next = match self.last_pupil {
            Some((class, pos)) if class == class_pos => pos + 1,
            _ => 0,
        };
        let pupil_pos = match pupils.get(next as usize) {
            Some(pupil) if names.pupils.get(pupil.name) == p.pupil => next,
            _ => {
                let pupil = names.pupils.id(p.pupil);
                *self
                    .pupil_index
                    .entry((class_pos, pupil))
                    .or_insert_with(|| {
                        pupils.push(Pupil {
                            name: pupil,
                            marks: Vec::new(),
                        });
                        u32::try_from(pupils.len() - 1).unwrap_or(NONE)
                    })
            }
        };
        self.last_pupil = Some((class_pos, pupil_pos));
        let subject = names.subjects.id(p.subject);
        let mut none = Vec::new();
        let marks = pupils
            .get_mut(pupil_pos as usize)
            .map_or(&mut none, |pupil| &mut pupil.marks);
        if let Some(given) = marks.iter().find(|g| g.subject == subject) {
            let first_row = given.row;
            let first = if given.file == file_id {
                format!("{first_row}")
            } else {
                let first_file = names.files.get(given.file as usize).map_or("", |f| f);
                format!("{first_file}, {first_row}")
            };
            return Err(duplicate(&p, mark_column, &first));
        }
        marks.push(Given {
            subject,
            mark: p.mark,
            file: file_id,
            row: u32::try_from(row).unwrap_or(NONE),
        });
        let group_key = GroupKey {
            municipality: names.municipalities.optional(p.municipality),
            school,
            class,
            subject,
            teacher: names.teachers.optional(p.teacher),
            period: p.period,
        };
        let pos = self.group_pos(group_key);
        if let Some((_, counts)) = self.groups.get_mut(pos as usize) {
            counts.add(p.mark);
        }
        Ok(())
    }

    /// The position of a class × period among the classes, added when new.
    fn class_pos(&mut self, key: ClassKey) -> u32 {
        if let Some((k, pos)) = self.last_class
            && k == key
        {
            return pos;
        }
        let pos = if let Some(&pos) = self.class_index.get(&key) {
            pos
        } else {
            let pos = u32::try_from(self.classes.len()).unwrap_or(NONE);
            self.classes.push((key, Vec::new()));
            self.class_index.insert(key, pos);
            pos
        };
        self.last_class = Some((key, pos));
        pos
    }

    /// The position of a group among the groups, added when new.
    fn group_pos(&mut self, key: GroupKey) -> u32 {
        if let Some((k, pos)) = self.last_group
            && k == key
        {
            return pos;
        }
        let pos = if let Some(&pos) = self.group_index.get(&key) {
            pos
        } else {
            let pos = u32::try_from(self.groups.len()).unwrap_or(NONE);
            self.groups.push((key, Counts::default()));
            self.group_index.insert(key, pos);
            pos
        };
        self.last_group = Some((key, pos));
        pos
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
        let classes = self.accounts();
        self.report(classes, quality_drop)
    }

    /// [`Dataset::finish_with`], consuming the dataset: the pupils' marks are let go once the
    /// classes' accounts are made, before the report's rows are (the same report, with less
    /// memory at its peak for a large dataset).
    pub fn into_report(mut self, quality_drop: rust_decimal::Decimal) -> MarksReport {
        let classes = self.accounts();
        self.classes = Vec::new();
        self.class_index = FxMap::default();
        self.pupil_index = FxMap::default();
        self.group_index = FxMap::default();
        self.report(classes, quality_drop)
    }

    /// Each class's account per period, in the order classes first appear.
    fn accounts(&self) -> Vec<ClassAccount> {
        let n = &self.names;
        self.classes
            .iter()
            .map(|((school, class, period), pupils)| {
                let pupils: Vec<(&str, &[Given])> = pupils
                    .iter()
                    .map(|p| (n.pupils.get(p.name), p.marks.as_slice()))
                    .collect();
                ClassAccount::of(
                    n.schools.owned(*school),
                    n.classes.get(*class).to_string(),
                    period.id(),
                    &pupils,
                    &|s| n.subjects.get(s),
                )
            })
            .collect()
    }

    /// The report around the classes' accounts.
    fn report(
        &self,
        classes: Vec<ClassAccount>,
        quality_drop: rust_decimal::Decimal,
    ) -> MarksReport {
        let n = &self.names;
        let mut subjects = Totals::default();
        let mut teachers = Totals::default();
        let mut sums = Sums::default();
        let grades: Vec<Option<u8>> = n.classes.all().map(grade).collect();
        let mut groups = Vec::with_capacity(self.groups.len());
        for (k, counts) in &self.groups {
            let period = k.period;
            subjects.add((k.school, k.subject, period), counts);
            if k.teacher != NONE {
                teachers.add((k.school, k.teacher, period), counts);
            }
            let grade = grades.get(k.class as usize).copied().flatten();
            sums.add(k.municipality, k.school, grade, k.subject, period, counts);
            groups.push(GroupRow {
                school: n.schools.owned(k.school),
                class: n.classes.get(k.class).to_string(),
                subject: n.subjects.get(k.subject).to_string(),
                teacher: n.teachers.owned(k.teacher),
                period: period.id(),
                figures: counts.figures(),
            });
        }
        let (grades, schools, municipalities) = sums.rows(&SumNames {
            municipalities: &n.municipalities,
            schools: &n.schools,
            subjects: &n.subjects,
        });
        let mut report = MarksReport {
            groups,
            subjects: subjects
                .list
                .into_iter()
                .map(|((school, subject, period), c)| SubjectRow {
                    school: n.schools.owned(school),
                    subject: n.subjects.get(subject).to_string(),
                    period: period.id(),
                    figures: c.figures(),
                })
                .collect(),
            teachers: teachers
                .list
                .into_iter()
                .map(|((school, teacher, period), c)| TeacherRow {
                    school: n.schools.owned(school),
                    teacher: n.teachers.get(teacher).to_string(),
                    period: period.id(),
                    figures: c.figures(),
                })
                .collect(),
            grades,
            schools,
            municipalities,
            classes,
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
#[derive(Clone, Copy)]
pub(super) struct Parsed<'a> {
    pub(super) municipality: Option<&'a str>,
    pub(super) school: Option<&'a str>,
    pub(super) class: &'a str,
    pub(super) pupil: &'a str,
    pub(super) subject: &'a str,
    pub(super) teacher: Option<&'a str>,
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

/// [`str::trim`], without looking up Unicode's spaces for the usual cell that has nothing to
/// trim: one that starts and ends with a visible ASCII character or a two-byte letter
/// (Cyrillic; U+00C0–U+07FF holds no space) is returned as it is.
fn trim(s: &str) -> &str {
    let plain = |b: u8| (0x21..0x80).contains(&b);
    let two_byte_lead = |b: u8| (0xC3..=0xDF).contains(&b);
    let b = s.as_bytes();
    let start = b.first().is_some_and(|&f| plain(f) || two_byte_lead(f));
    let end = match b {
        [.., l] if plain(*l) => true,
        [.., p, l] if (0x80..0xC0).contains(l) && two_byte_lead(*p) => true,
        _ => false,
    };
    if start && end { s } else { s.trim() }
}

/// Reads a row's cells (periods and marks through the dataset's parses of their texts).
fn read<'a, S: AsRef<str>>(
    c: &Columns,
    cells: &'a [S],
    periods: &mut Parses<Period>,
    marks: &mut Parses<Mark>,
) -> Result<Parsed<'a>, Rejection> {
    let cell = |i: usize| cells.get(i).map_or("", |s| trim(s.as_ref()));
    let optional = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty());
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
    let period = periods.get(text, Period::parse).ok_or_else(|| Rejection {
        code: Code::UnknownPeriod,
        column: c.period,
        en: format!("\"{text}\" is not a period (a quarter, a half, the year or the final mark)"),
        ru: format!("«{text}» — не период: ожидается четверть («I четверть»), полугодие («1 полугодие»), «год» или «итоговая»"),
    })?;
    let text = cell(c.mark);
    let mark = marks
        .get(text, Mark::parse)
        .ok_or_else(|| invalid_mark(text, c.mark))?;
    Ok(Parsed {
        municipality: optional(c.municipality),
        school: optional(c.school),
        class: cell(c.class),
        pupil: cell(c.pupil),
        subject: cell(c.subject),
        teacher: optional(c.teacher),
        period,
        mark,
    })
}

/// The rejection of a pupil's second mark in a subject and period (`first`: where the first is).
fn duplicate(p: &Parsed<'_>, mark_column: usize, first: &str) -> Rejection {
    let (pupil, class, subject) = (p.pupil, p.class, p.subject);
    Rejection {
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
    }
}

/// Reads the mark in a cell of column `column` (0-based).
pub(super) fn mark(text: &str, column: usize) -> Result<Mark, Rejection> {
    Mark::parse(text).ok_or_else(|| invalid_mark(text, column))
}

/// The rejection of a text that is not a mark.
fn invalid_mark(text: &str, column: usize) -> Rejection {
    Rejection {
        code: Code::InvalidMark,
        column,
        en: format!(
            "\"{text}\" is not a mark (5 to 1, not attested, exempt, pass, fail, or empty)"
        ),
        ru: format!(
            "«{text}» — не отметка: ожидается 5, 4, 3, 2, 1, «н/а», «осв», «зач», «незач» или пусто"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::trim;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn trim_is_str_trim(s in "[ \t\u{b}\u{85}\u{a0}\u{2000}\u{3000}aЯё7«»—\u{1680}]{0,6}") {
            prop_assert_eq!(trim(&s), s.trim());
        }
    }

    #[test]
    fn trim_keeps_plain_cells_and_trims_spaces() {
        for s in [
            "Иванов",
            "7Б",
            " 5",
            "5 ",
            "\u{a0}Алгебра\u{a0}",
            "\u{b}q1",
            "x\u{3000}",
            "",
            "é",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
