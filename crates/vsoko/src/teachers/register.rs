//! The register as a school keeps it: a table with Russian headings (ФИО, Должность, Предметы,
//! Категория, Дата присвоения, Действует до, Дата последней аттестации, Дата приёма, Курсы ПК:
//! дата окончания, часы, тема), a row per teacher or per course. Rows with one name are one
//! teacher: teacher cells may repeat or stay empty on the later rows, each row may add a course.

use super::rules::{Rules, key};
use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Place, Severity};
use crate::reason::{InputReason, Location};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A training course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    /// The day it ended.
    pub end: Date,
    /// Its hours.
    pub hours: Option<Decimal>,
    /// Its topic.
    pub topic: Option<String>,
    /// The row it was read from.
    pub row: usize,
}

/// A teacher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Teacher {
    /// The name as first written (spaces collapsed).
    pub name: String,
    /// The position.
    pub position: Option<String>,
    /// The subjects.
    pub subjects: Option<String>,
    /// The category id; `None` for none.
    pub category: Option<String>,
    /// When it was set.
    pub category_date: Option<Date>,
    /// The end the table writes.
    pub category_until: Option<Date>,
    /// The last attestation for conformity to the position.
    pub last_attestation: Option<Date>,
    /// The day the teacher was hired.
    pub hired: Option<Date>,
    /// The courses, in row order.
    pub courses: Vec<Course>,
    /// The teacher's first row.
    pub row: usize,
}

/// The teachers of a table and what reading it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    /// The teachers, in order of first appearance.
    pub teachers: Vec<Teacher>,
    /// Conflicting rows, spellings, unused columns.
    pub findings: Vec<Finding>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Name,
    Position,
    Subjects,
    Category,
    CategoryDate,
    CategoryUntil,
    LastAttestation,
    Hired,
    CourseEnd,
    CourseHours,
    CourseTopic,
}

/// Where each field is: column position and field.
type Columns = Vec<(usize, Field)>;

/// A category cell as written: `CategoryText(None)` is «no category».
#[derive(Debug, Clone, PartialEq, Eq)]
struct CategoryText(Option<String>);

const HEADINGS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &["фио", "ф.и.о.", "ф. и. о.", "педагог", "name"],
    ),
    (Field::Position, &["должность", "position"]),
    (Field::Subjects, &["предметы", "предмет", "subjects"]),
    (
        Field::Category,
        &["категория", "квалификационная категория", "category"],
    ),
    (
        Field::CategoryDate,
        &[
            "дата присвоения",
            "дата присвоения категории",
            "category_date",
        ],
    ),
    (
        Field::CategoryUntil,
        &["действует до", "срок действия", "category_until"],
    ),
    (
        Field::LastAttestation,
        &[
            "дата последней аттестации",
            "последняя аттестация",
            "last_attestation",
        ],
    ),
    (
        Field::Hired,
        &["дата приема", "дата приема на работу", "hired"],
    ),
    (
        Field::CourseEnd,
        &[
            "курсы пк: дата окончания",
            "дата окончания курсов",
            "course_end",
        ],
    ),
    (
        Field::CourseHours,
        &["курсы пк: часы", "часы", "course_hours"],
    ),
    (
        Field::CourseTopic,
        &["курсы пк: тема", "тема курсов", "course_topic"],
    ),
];

fn heading_of(h: &str) -> Option<Field> {
    let k = key(h.trim_start_matches('\u{feff}'));
    HEADINGS
        .iter()
        .find(|(_, names)| names.iter().any(|n| key(n) == k))
        .map(|(f, _)| *f)
}

fn bad_cell(row: usize, column: usize, heading: &str, expected: &str, expected_ru: &str) -> Error {
    Error::InvalidInput {
        at: Location::Heading {
            column: column + 1,
            name: format!("{heading}, строка {row}"),
        },
        reason: InputReason::WrongArgument {
            expected: expected.to_string(),
            expected_ru: expected_ru.to_string(),
        },
    }
}

impl Register {
    /// Reads a register: its header row and its rows (with their row numbers), from `file`
    /// (for findings; empty for a table in memory).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the row and the column for a date that is no date, a
    /// category the rules do not know, hours that are no number, a course's hours or topic
    /// without its end date; for a header without ФИО; [`Error::EmptyInput`] for no teacher.
    ///
    /// ```
    /// use vsoko::teachers::{Register, Rules};
    /// let t = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    /// let header = t(&["ФИО", "Категория", "Дата присвоения", "Курсы ПК: дата окончания"]);
    /// let rows = vec![
    ///     (2, t(&["Иванова Мария Петровна", "высшая", "15.03.2019", "20.05.2022"])),
    ///     (3, t(&["Иванова Мария Петровна", "", "", "10.11.2024"])),
    /// ];
    /// let r = Register::from_table(Rules::builtin().unwrap(), "", &header, rows).unwrap();
    /// assert_eq!(r.teachers.len(), 1);
    /// assert_eq!(r.teachers[0].courses.len(), 2);
    /// assert_eq!(r.teachers[0].category.as_deref(), Some("highest"));
    /// ```
    pub fn from_table(
        rules: &Rules,
        file: &str,
        header: &[String],
        rows: Vec<(usize, Vec<String>)>,
    ) -> Result<Register> {
        let mut reader = RegisterReader::new(rules, file, header)?;
        for (row, cells) in rows {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            reader.add(row, &cells)?;
        }
        reader.finish()
    }
}

/// A register read a row at a time (a file streamed, not held whole).
pub struct RegisterReader<'a> {
    file: String,
    reader: RowReader<'a>,
    teachers: Vec<Teacher>,
    findings: Vec<Finding>,
    by_name: HashMap<String, usize>,
    by_key: HashMap<String, String>,
    /// Per teacher, the category as first written (`Some(None)`: «no category»).
    seen: Vec<Option<CategoryText>>,
    last: Option<usize>,
}

impl<'a> RegisterReader<'a> {
    /// Starts from the header row.
    ///
    /// # Errors
    /// As [`Register::from_table`] for the header.
    pub fn new(rules: &'a Rules, file: &str, header: &[String]) -> Result<RegisterReader<'a>> {
        let (columns, findings) = layout(file, header)?;
        let mut categories: HashMap<String, Option<String>> =
            rules.no_category.iter().map(|n| (key(n), None)).collect();
        for c in &rules.categories {
            for a in &c.aliases {
                categories.insert(key(a), Some(c.id.clone()));
            }
        }
        Ok(RegisterReader {
            file: file.to_string(),
            reader: RowReader {
                columns,
                header: header.iter().map(|h| h.trim().to_string()).collect(),
                rules,
                categories,
            },
            teachers: Vec::new(),
            findings,
            by_name: HashMap::new(),
            by_key: HashMap::new(),
            seen: Vec::new(),
            last: None,
        })
    }

    /// Adds a row (a row of empty cells is skipped).
    ///
    /// # Errors
    /// As [`Register::from_table`] for a row.
    pub fn add(&mut self, row: usize, cells: &[&str]) -> Result<()> {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        let read = self.reader.read(row, cells)?;
        // A row without a name continues the teacher above (a merged cell in Excel).
        let name = match (read.name, self.last.and_then(|t| self.teachers.get(t))) {
            (Some(name), _) => name,
            (None, Some(t)) => t.name.clone(),
            (None, None) => {
                return Err(Error::InvalidInput {
                    at: Location::Row(row),
                    reason: InputReason::MissingColumn {
                        name: "ФИО".into()
                    },
                });
            }
        };
        let t = if let Some(&t) = self.by_name.get(&name) {
            t
        } else {
            let k = key(&name);
            if let Some(first) = self.by_key.get(&k) {
                self.findings.push(spelling(&self.file, row, &name, first));
            } else {
                self.by_key.insert(k, name.clone());
            }
            self.teachers.push(Teacher::new(name.clone(), row));
            self.seen.push(None);
            self.by_name.insert(name, self.teachers.len() - 1);
            self.teachers.len() - 1
        };
        self.last = Some(t);
        if let (Some(teacher), Some(seen)) = (self.teachers.get_mut(t), self.seen.get_mut(t)) {
            read.fields
                .merge_into(teacher, seen, (&self.file, row), &mut self.findings);
            teacher.courses.extend(read.course);
        }
        Ok(())
    }

    /// The register.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] for no teacher.
    pub fn finish(self) -> Result<Register> {
        if self.teachers.is_empty() {
            return Err(Error::EmptyInput {
                what: crate::error::InputKind::Table,
            });
        }
        Ok(Register {
            teachers: self.teachers,
            findings: self.findings,
        })
    }
}

impl Teacher {
    fn new(name: String, row: usize) -> Teacher {
        Teacher {
            name,
            position: None,
            subjects: None,
            category: None,
            category_date: None,
            category_until: None,
            last_attestation: None,
            hired: None,
            courses: Vec::new(),
            row,
        }
    }
}

fn spelling(file: &str, row: usize, name: &str, first: &str) -> Finding {
    Finding::new(
        Code::TeacherSpelling,
        Severity::Warning,
        Place {
            field: Some(name.to_string()),
            ..Place::row(file, row as u64)
        },
        format!("{name:?} is spelled like {first:?}: kept as another teacher"),
        format!("«{name}» написано похоже на «{first}»: учтено как другой педагог"),
    )
}

/// The columns of a header, and the columns it does not use (as findings).
fn layout(file: &str, header: &[String]) -> Result<(Columns, Vec<Finding>)> {
    let mut findings = Vec::new();
    let mut columns: Vec<(usize, Field)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}').trim();
        match heading_of(h) {
            Some(f) if columns.iter().any(|(_, g)| *g == f) => {
                return Err(Error::InvalidInput {
                    at: Location::Heading {
                        column: i + 1,
                        name: h.to_string(),
                    },
                    reason: InputReason::DuplicateColumn {
                        name: h.to_string(),
                    },
                });
            }
            Some(f) => columns.push((i, f)),
            None if h.is_empty() => {}
            None => findings.push(Finding::new(
                Code::ColumnUnused,
                Severity::Warning,
                Place {
                    field: Some(h.to_string()),
                    ..Place::row(file, 1)
                },
                format!("column {h:?} is not a column of the register: left out"),
                format!("столбец «{h}» не относится к реестру педагогов: не учтён"),
            )),
        }
    }
    if !columns.iter().any(|(_, f)| *f == Field::Name) {
        return Err(Error::InvalidInput {
            at: Location::Header,
            reason: InputReason::MissingColumn {
                name: "ФИО".into()
            },
        });
    }
    Ok((columns, findings))
}

/// What one row holds.
struct Read {
    name: Option<String>,
    fields: TeacherFields,
    course: Option<Course>,
}

struct RowReader<'a> {
    columns: Columns,
    header: Vec<String>,
    rules: &'a Rules,
    /// Every way of writing a category, compared as [`key`] makes it, and its id.
    categories: HashMap<String, Option<String>>,
}

impl RowReader<'_> {
    fn read(&self, row: usize, cells: &[&str]) -> Result<Read> {
        let cell = |f: Field| -> Option<(usize, String)> {
            let (i, _) = self.columns.iter().find(|(_, g)| *g == f)?;
            let raw = cells.get(*i)?.trim();
            if raw.is_empty() {
                return None;
            }
            // Spaces collapsed only where a cell has runs of them (most have none).
            let v = if raw.contains("  ") || raw.contains(['\t', '\n', '\r', '\u{a0}']) {
                raw.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                raw.to_string()
            };
            Some((*i, v))
        };
        let heading = |i: usize| self.header.get(i).map_or("", String::as_str);
        let date = |f: Field| -> Result<Option<Date>> {
            let Some((i, v)) = cell(f) else {
                return Ok(None);
            };
            Date::read(&v).map(Some).map_err(|_| {
                bad_cell(
                    row,
                    i,
                    heading(i),
                    &format!("a date DD.MM.YYYY, not {v:?}"),
                    &format!("дата в виде ДД.ММ.ГГГГ, а не «{v}»"),
                )
            })
        };
        let category = match cell(Field::Category) {
            None => None,
            Some((i, v)) => Some(
                self.categories
                    .get(&key(&v))
                    .map(|c| CategoryText(c.clone()))
                    .ok_or_else(|| {
                        let known: Vec<&str> =
                            self.rules.categories.iter().map(|c| c.title.as_str()).collect();
                        bad_cell(
                            row,
                            i,
                            heading(i),
                            &format!("a category ({}) or none, not {v:?}", known.join(", ")),
                            &format!(
                                "категория ({}) или «соответствие занимаемой должности», а не «{v}»",
                                known.join(", ")
                            ),
                        )
                    })?,
            ),
        };
        let end = date(Field::CourseEnd)?;
        let hours = match cell(Field::CourseHours) {
            None => None,
            Some((i, v)) => Some(crate::decimal::parse_decimal(&v).map_err(|_| {
                bad_cell(
                    row,
                    i,
                    heading(i),
                    &format!("hours as a number, not {v:?}"),
                    &format!("число часов, а не «{v}»"),
                )
            })?),
        };
        let topic = cell(Field::CourseTopic).map(|(_, v)| v);
        if end.is_none()
            && let Some((i, _)) = cell(Field::CourseHours).or_else(|| cell(Field::CourseTopic))
        {
            return Err(bad_cell(
                row,
                i,
                heading(i),
                "the course's end date beside its hours and topic",
                "дата окончания курсов рядом с их часами и темой",
            ));
        }
        Ok(Read {
            name: cell(Field::Name).map(|(_, v)| v),
            fields: TeacherFields {
                position: cell(Field::Position).map(|(_, v)| v),
                subjects: cell(Field::Subjects).map(|(_, v)| v),
                category,
                category_date: date(Field::CategoryDate)?,
                category_until: date(Field::CategoryUntil)?,
                last_attestation: date(Field::LastAttestation)?,
                hired: date(Field::Hired)?,
            },
            course: end.map(|end| Course {
                end,
                hours,
                topic,
                row,
            }),
        })
    }
}

/// The teacher cells of one row.
struct TeacherFields {
    position: Option<String>,
    subjects: Option<String>,
    category: Option<CategoryText>,
    category_date: Option<Date>,
    category_until: Option<Date>,
    last_attestation: Option<Date>,
    hired: Option<Date>,
}

/// Sets an empty field; a different value is a conflict (the first is kept).
fn merge<T: PartialEq + Clone + std::fmt::Debug>(
    slot: &mut Option<T>,
    given: Option<T>,
    what: (&str, &str),
    conflict: &mut dyn FnMut(&str, &str),
) {
    if let Some(v) = given {
        match slot.as_ref() {
            None => *slot = Some(v),
            Some(old) if *old != v => conflict(what.0, what.1),
            Some(_) => {}
        }
    }
}

impl TeacherFields {
    fn merge_into(
        self,
        t: &mut Teacher,
        seen: &mut Option<CategoryText>,
        at: (&str, usize),
        findings: &mut Vec<Finding>,
    ) {
        let (file, row) = at;
        let name = t.name.clone();
        let first = t.row;
        let mut conflict = |en: &str, ru: &str| {
            findings.push(Finding::new(
                Code::TeacherConflict,
                Severity::Error,
                Place {
                    field: Some(name.clone()),
                    ..Place::row(file, row as u64)
                },
                format!("{name:?}: the {en} differs from row {first}; row {first}'s is kept"),
                format!(
                    "«{name}»: {ru} не как в строке {first}; оставлено значение строки {first}"
                ),
            ));
        };
        merge(
            &mut t.position,
            self.position,
            ("position", "должность"),
            &mut conflict,
        );
        merge(
            &mut t.subjects,
            self.subjects,
            ("subjects", "предметы"),
            &mut conflict,
        );
        // «No category» written is a value too: `seen` is the category as first written.
        merge(
            seen,
            self.category,
            ("category", "категория"),
            &mut conflict,
        );
        t.category = seen.clone().and_then(|c| c.0);
        merge(
            &mut t.category_date,
            self.category_date,
            ("category date", "дата присвоения категории"),
            &mut conflict,
        );
        merge(
            &mut t.category_until,
            self.category_until,
            ("category end", "срок действия категории"),
            &mut conflict,
        );
        merge(
            &mut t.last_attestation,
            self.last_attestation,
            ("last attestation", "дата последней аттестации"),
            &mut conflict,
        );
        merge(
            &mut t.hired,
            self.hired,
            ("hire date", "дата приёма"),
            &mut conflict,
        );
    }
}
