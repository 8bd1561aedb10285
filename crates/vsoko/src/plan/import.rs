//! Plans from the tables schools keep: the cyclogram («Циклограмма ВСОКО на 2023/24 учебный год»), the monthly plan with month
//! and object heading rows («План ВСОКО на 2023/2024 учебный год») and the numbered list of measures («План мероприятий по повышению объективности оценки качества образования» (МБОУ «Средняя школа № 1», Смоленск, 2021/22);
//! «План мероприятий по внедрению и развитию ВСОКО» (школа-интернат № 3)).
//! The core takes cells; the CLI and the bindings read the files.
//!
//! Columns are recognised by their Russian headings (case and extra words do not matter):
//!
//! | field | headings |
//! |---|---|
//! | `id` | `№`, `No`, `N п/п` |
//! | `when` | `Месяц`, `Срок(и)`, `Дата`, `Период`, `Когда` |
//! | `object` (by group) | `Группа механизмов` (`…образовательных результатов` → results, `…деятельности` / `…процесса` → process, `…условий` → conditions) |
//! | `mechanism` | `Механизм(ы)…`; a `Механизмы` heading over two columns is the group, then the mechanism |
//! | `content` | `Содержание…`, `Мероприяти…`, `Наименование…`, `Вопрос…`, `Направлени…` |
//! | `subject` | `Объект контроля`, `Объект`, `Кто/что оценивается` |
//! | `method` | `Метод…`, `Форм(а) контроля`, `Способ…` |
//! | `responsible` | `Ответственн…`, `Исполнител…` (several people: one per line or `;`) |
//! | `result` | `Результат`, `Документ`, `Итог…`, `Выход…`, `Форма представления…` |
//! | `target` | `Показател…`, `Ожидаемый результат`, `Целевое…`, `Плановое значение` |
//!
//! A row holding one cell, in the heading column (the first column that is not `№`: where Word
//! leaves the text of a row merged across the table when it is saved as CSV) or in the `№` column
//! with text that is no number (where a DOCX or XLSX keeps a merged row's text), is a heading: a month (`ЯНВАРЬ`) sets the
//! period, an object heading (`КАЧЕСТВО ОБРАЗОВАТЕЛЬНЫХ РЕЗУЛЬТАТОВ`) the object, a numbered or
//! upper-case one (`1. Нормативное обеспечение`) the mechanism of the rows below it. A month alone
//! in the period column sets the period too. One cell anywhere else (`ВПР` alone under
//! «Результат») is an item. Month, group and mechanism cells left empty under a filled one (merged
//! cells in Word) carry down to the end of their block.
//!
//! Nothing in a row is dropped: text keeps its lines (spaces inside a line are tidied), and data
//! in a column without a heading or past the header is an error naming its cell. Every error
//! names the row, the column by its letter (and heading), and what was expected.
//!
//! Reading is linear in the size of the table: numbers and mechanisms are looked up in hash
//! sets, and the title's year is found in one pass.

use super::model::{Object, Plan, PlanItem};
use super::period::{Schedule, ScheduleKind};
use super::years::years_of_periods;
use crate::calendar::AcademicYear;
use crate::error::{Error, InputKind, Result};
use crate::reason::{InputReason, Location, column_letters};
use std::collections::{HashMap, HashSet};

/// A cell's place as a spreadsheet names it: `C7` for the 0-based column 2 of row 7.
fn cell_at(col: usize, row: usize) -> Location {
    Location::Cell(format!("{}{row}", column_letters(col + 1)))
}

/// A field a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Id,
    When,
    Group,
    Mechanism,
    Content,
    Subject,
    Method,
    Responsible,
    Result,
    Target,
}

fn field_of(heading: &str) -> Option<Field> {
    let h = heading.trim().to_lowercase();
    let h = h.as_str();
    let has = |parts: &[&str]| parts.iter().any(|p| h.contains(p));
    Some(
        if h == "№" || h == "no" || h == "n" || h.starts_with("№") || h.starts_with("n п/п") {
            Field::Id
        } else if has(&["группа механизм"]) {
            Field::Group
        } else if has(&["механизм"]) {
            Field::Mechanism
        } else if has(&[
            "показател",
            "ожидаемый результат",
            "целев",
            "плановое значение",
        ]) {
            Field::Target
        } else if has(&["месяц", "срок", "дата", "период", "когда"]) {
            Field::When
        } else if has(&[
            "содержание",
            "мероприяти",
            "наименование",
            "вопрос",
            "направлени",
        ]) {
            Field::Content
        } else if has(&["объект", "кто", "что оценивается"]) {
            Field::Subject
        } else if has(&["метод", "форма контроля", "формы контроля", "способ"])
        {
            Field::Method
        } else if has(&["ответствен", "исполнител"]) {
            Field::Responsible
        } else if has(&[
            "результат",
            "документ",
            "итог",
            "выход",
            "форма представления",
        ]) {
            Field::Result
        } else {
            return None;
        },
    )
}

/// The header: the first row where at least two cells are known headings, one of them the
/// content. Returns its index and a field per column (`None` for an empty heading cell).
fn find_header(rows: &[&(usize, Vec<String>)]) -> Result<(usize, Vec<Option<Field>>)> {
    for (i, &(line, cells)) in rows.iter().enumerate() {
        let fields: Vec<Option<Field>> = cells.iter().map(|c| field_of(c)).collect();
        let known = fields.iter().flatten().count();
        if known < 2 || !fields.contains(&Some(Field::Content)) {
            continue;
        }
        let mut out = fields.clone();
        for (col, cell) in cells.iter().enumerate() {
            let empty = cell.trim().is_empty();
            match (empty, fields.get(col.wrapping_sub(1)).copied().flatten()) {
                // «Механизмы оценки качества» over two columns: the group, then the mechanism.
                (true, Some(Field::Mechanism)) if col > 0 => {
                    if let Some(prev) = out.get_mut(col - 1) {
                        *prev = Some(Field::Group);
                    }
                    if let Some(this) = out.get_mut(col) {
                        *this = Some(Field::Mechanism);
                    }
                }
                (false, _) if fields.get(col).copied().flatten().is_none() => {
                    return Err(Error::InvalidInput {
                        at: Location::Column(col + 1),
                        reason: InputReason::UnknownPlanColumn {
                            name: cell.trim().to_string(),
                            row: *line,
                        },
                    });
                }
                _ => {}
            }
        }
        let mut seen: HashSet<Field> = HashSet::new();
        for (a, fa) in out.iter().enumerate() {
            if let Some(f) = fa
                && !seen.insert(*f)
            {
                return Err(Error::InvalidInput {
                    at: cell_at(a, *line),
                    reason: InputReason::DuplicateColumn {
                        name: cells
                            .get(a)
                            .map(|c| c.trim().to_string())
                            .unwrap_or_default(),
                    },
                });
            }
        }
        return Ok((i, out));
    }
    Err(Error::InvalidInput {
        at: Location::Header,
        reason: InputReason::NoPlanHeader,
    })
}

/// `на 2023/24 учебный год`, `2023/ 2024`, `2023-2024`: the academic year a title names.
/// One pass over the text: each run of exactly four digits is tried with what follows it.
fn year_in(text: &str) -> Option<AcademicYear> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i - start != 4 {
            continue;
        }
        // The four digits and at most eight characters after them (`/ 2024`, `-24`).
        let tail: String = text.get(i..).unwrap_or_default().chars().take(8).collect();
        let digits = text.get(start..i).unwrap_or_default();
        let candidate: String = format!(
            "{digits}{}",
            tail.trim_end_matches(|c: char| !c.is_ascii_digit())
        )
        .replace(' ', "")
        .replace(['–', '—'], "-");
        for len in [9, 7] {
            if let Some(c) = candidate.get(..len)
                && let Ok(y) = c.parse::<AcademicYear>()
            {
                return Some(y);
            }
        }
    }
    None
}

/// A one-word month heading (`ЯНВАРЬ`, `Январь 2024`).
fn month_heading(text: &str, year: AcademicYear) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    matches!(words.len(), 1 | 2)
        && Schedule::parse(text, year)
            .is_ok_and(|s| s.kind == ScheduleKind::Months && s.months.len() == 1)
        && !text.chars().any(|c| c == '.' || c == ',')
}

/// Whether a lone cell's text can be an item's number (`12`, `2.3`, `IV`, `5а`): short, one
/// word, a digit or a Roman numeral in it.
fn id_like(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 12
        && !t.contains(char::is_whitespace)
        && (t.chars().any(|c| c.is_ascii_digit())
            || t.trim_end_matches(['.', ')'])
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// A section heading: numbered (`1. Нормативное обеспечение`, `II.`) or in capitals.
fn is_section(text: &str) -> bool {
    let numbered = text.split_whitespace().next().is_some_and(|w| {
        w.ends_with(['.', ')'])
            && w.trim_end_matches(['.', ')'])
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | '.'))
    });
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    numbered || (letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()))
}

fn object_of_group(group: &str) -> Option<Object> {
    let g = group.to_lowercase();
    if g.contains("услови") {
        Some(Object::Conditions)
    } else if g.contains("результат") {
        Some(Object::Results)
    } else if g.contains("деятельност") || g.contains("процесс") {
        Some(Object::Process)
    } else {
        None
    }
}

/// One line with its spaces tidied: single spaces between words, none at the ends.
fn tidy(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for w in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Several people in one cell: one per line or separated by `;` (commas stay: «по УВР, ВР»).
fn people(cell: &str) -> Vec<String> {
    cell.split(['\n', ';'])
        .map(tidy)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A cell's text with its lines kept: spaces tidied inside each line, blank lines dropped.
fn text(cell: Option<&String>) -> Option<String> {
    let cell = cell?;
    let out = if cell.contains(['\n', '\r']) {
        let lines: Vec<String> = cell.lines().map(tidy).filter(|l| !l.is_empty()).collect();
        lines.join("\n")
    } else {
        tidy(cell)
    };
    (!out.is_empty()).then_some(out)
}

/// The state of reading a table top to bottom: what heading rows and merged cells carry down.
struct Reader {
    fields: Vec<Option<Field>>,
    /// The column of each field.
    columns: HashMap<Field, usize>,
    /// The column whose lone cell is a heading (the first that is not `№`).
    heading_column: usize,
    year: AcademicYear,
    /// The last academic year of a plan over several.
    last_year: AcademicYear,
    items: Vec<PlanItem>,
    /// Each number used, with its row.
    ids: HashMap<String, usize>,
    when: Option<String>,
    object: Option<Object>,
    group_object: Option<Object>,
    mechanism: Option<String>,
    mechanisms: Vec<String>,
    known_mechanisms: HashSet<String>,
    /// The last period read, with its text: rows under one month cell share it.
    last_schedule: Option<(String, Option<Schedule>)>,
}

impl Reader {
    fn new(fields: Vec<Option<Field>>, (year, last_year): (AcademicYear, AcademicYear)) -> Reader {
        let mut columns = HashMap::new();
        for (i, f) in fields.iter().enumerate() {
            if let Some(f) = f {
                columns.entry(*f).or_insert(i);
            }
        }
        let heading_column = fields
            .iter()
            .position(|f| *f != Some(Field::Id))
            .unwrap_or(0);
        Reader {
            fields,
            columns,
            heading_column,
            year,
            last_year,
            items: Vec::new(),
            ids: HashMap::new(),
            when: None,
            object: None,
            group_object: None,
            mechanism: None,
            mechanisms: Vec::new(),
            known_mechanisms: HashSet::new(),
            last_schedule: None,
        }
    }

    /// A heading row sets what the rows below carry; returns whether the row was one.
    fn heading(&mut self, cells: &[String], filled: &[usize]) -> bool {
        let ([only], true) = (filled, self.fields.len() >= 3) else {
            return false;
        };
        let heading = text(cells.get(*only)).unwrap_or_default();
        // A row merged across the whole table keeps its text in the first column, the `№` one,
        // in Word and in a workbook: there, text that is no number is the heading.
        let in_id_column = self.columns.get(&Field::Id) == Some(only) && !id_like(&heading);
        let in_heading_column = *only == self.heading_column || in_id_column;
        let in_when_column = self.columns.get(&Field::When) == Some(only);
        if (in_heading_column || in_when_column) && month_heading(&heading, self.year) {
            self.when = Some(heading);
        } else if !in_heading_column {
            return false;
        } else if let Some(o) = Object::from_heading(&heading) {
            self.object = Some(o);
        } else if is_section(&heading) || self.columns.contains_key(&Field::Id) {
            // In a table that numbers its measures, a lone unnumbered cell is a section
            // («Формирование нормативно-правового обеспечения…»), whatever its case.
            self.mechanism = Some(heading);
            self.when = None;
        } else {
            return false;
        }
        true
    }

    fn row(&mut self, line: usize, cells: &[String]) -> Result<()> {
        let width = self.fields.len();
        let filled: Vec<usize> = (0..cells.len())
            .filter(|&i| cells.get(i).is_some_and(|c| !c.trim().is_empty()))
            .collect();
        if let Some(&extra) = filled.iter().find(|&&i| i >= width) {
            return Err(Error::InvalidInput {
                at: cell_at(extra, line),
                reason: InputReason::RowTooLong {
                    cells: cells.len(),
                    columns: width,
                },
            });
        }
        // Data under an empty heading would be lost: say where it is.
        if let Some(&lost) = filled
            .iter()
            .find(|&&i| self.fields.get(i).copied().flatten().is_none())
        {
            return Err(Error::InvalidInput {
                at: cell_at(lost, line),
                reason: InputReason::EmptyHeaderCell,
            });
        }
        if self.heading(cells, &filled) {
            return Ok(());
        }
        let get = |f: Field| self.columns.get(&f).and_then(|&i| text(cells.get(i)));
        let when = get(Field::When);
        let group = get(Field::Group);
        let mechanism = get(Field::Mechanism);
        let number = get(Field::Id);
        if let Some(w) = when {
            self.when = Some(w);
        }
        if let Some(g) = group {
            self.group_object = object_of_group(&g);
        }
        if let Some(m) = mechanism {
            self.mechanism = Some(m);
        }
        let id = number.map_or_else(
            || (self.items.len() + 1).to_string(),
            |n| n.trim_end_matches('.').to_string(),
        );
        if let Some(&first_row) = self.ids.get(&id) {
            return Err(Error::InvalidInput {
                at: Location::Row(line),
                reason: InputReason::DuplicatePlanRow { id, first_row },
            });
        }
        self.ids.insert(id.clone(), line);
        let when_text = self.when.clone().unwrap_or_default();
        let get = |f: Field| self.columns.get(&f).and_then(|&i| text(cells.get(i)));
        let mut item = PlanItem::new(
            id,
            when_text.clone(),
            get(Field::Content).unwrap_or_default(),
        );
        item.schedule = match &self.last_schedule {
            Some((text, schedule)) if *text == when_text => schedule.clone(),
            _ => {
                let schedule = Schedule::parse_in(&when_text, self.year, self.last_year).ok();
                self.last_schedule = Some((when_text.clone(), schedule.clone()));
                schedule
            }
        };
        item.object = self.object.or(self.group_object);
        item.mechanism.clone_from(&self.mechanism);
        item.subject = get(Field::Subject);
        item.method = get(Field::Method);
        item.responsible = self
            .columns
            .get(&Field::Responsible)
            .and_then(|&i| cells.get(i))
            .map(|c| people(c))
            .unwrap_or_default();
        item.result = get(Field::Result);
        item.target = get(Field::Target);
        if self.columns.contains_key(&Field::Mechanism)
            && let Some(m) = &item.mechanism
            && self.known_mechanisms.insert(m.clone())
        {
            self.mechanisms.push(m.clone());
        }
        self.items.push(item);
        Ok(())
    }
}

impl Plan {
    /// Builds a plan from the rows of a table (each with its line or sheet row number).
    /// `year` wins over a year named in the title rows above the header.
    ///
    /// # Errors
    /// [`Error::EmptyInput`]; [`Error::InvalidInput`] when no header row is found, a column has
    /// a heading that is not a plan field (naming the column and the header's row), a field has
    /// two columns (naming the second's cell), the year is neither given nor named in a title,
    /// a row has data under an empty heading or past the header (naming the cell, `D9`), or two
    /// rows have the same `№` (naming the row and the first one's row).
    ///
    /// ```
    /// use vsoko::plan::Plan;
    /// let rows = vec![
    ///     (1, vec!["Месяц".to_string(), "Содержание".into(), "Ответственные".into(), "Результат".into()]),
    ///     (2, vec!["январь".into(), "Анализ ВПР".into(), "Зам. директора по УВР".into(), "Справка".into()]),
    ///     (3, vec!["".into(), "Анализ ГИА".into(), "Зам. директора по УВР".into(), "Справка".into()]),
    /// ];
    /// let plan = Plan::from_rows(&rows, Some("2023/24".parse().unwrap())).unwrap();
    /// assert_eq!(plan.items.len(), 2);
    /// assert_eq!(plan.items[1].when, "январь");
    /// ```
    pub fn from_rows(rows: &[(usize, Vec<String>)], year: Option<AcademicYear>) -> Result<Plan> {
        // The rows with anything in them, borrowed (not copied).
        let rows: Vec<&(usize, Vec<String>)> = rows
            .iter()
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .collect();
        if rows.is_empty() {
            return Err(Error::EmptyInput {
                what: InputKind::Plan,
            });
        }
        let (header_at, fields) = find_header(&rows)?;
        let titles = rows.get(..header_at).unwrap_or_default();
        let named = year
            .or_else(|| titles.iter().flat_map(|(_, c)| c).find_map(|c| year_in(c)))
            .map(|y| (y, y));
        // A plan over several years names none in its title: its periods say which.
        let years = named
            .or_else(|| {
                let column = fields.iter().position(|f| *f == Some(Field::When))?;
                years_of_periods(
                    rows.iter()
                        .skip(header_at + 1)
                        .filter_map(|(_, c)| c.get(column).map(String::as_str)),
                )
            })
            .ok_or(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::NoAcademicYear,
            })?;
        let organization = String::new();
        let mut state = Reader::new(fields, years);
        for &(line, cells) in rows.iter().skip(header_at + 1) {
            state.row(*line, cells)?;
        }
        let Reader {
            items, mechanisms, ..
        } = state;
        let mut plan = Plan::new(organization, years.0);
        plan.until_year = (years.1 > years.0).then_some(years.1);
        plan.mechanisms = mechanisms;
        plan.items = items;
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, cells: &[&str]) -> (usize, Vec<String>) {
        (line, cells.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn years_in_titles() {
        for (t, want) in [
            ("План ВСОКО на 2023/ 2024 учебный год", Some(2023)),
            ("на 2023/24 учебный год", Some(2023)),
            ("2021-2022", Some(2021)),
            ("приказ № 462 от 2013 года", None),
        ] {
            assert_eq!(year_in(t).map(AcademicYear::start), want, "{t}");
        }
    }

    #[test]
    fn headings_set_month_object_and_mechanism() {
        let rows = [
            row(1, &["План ВСОКО на 2023/24 учебный год"]),
            row(
                3,
                &[
                    "Содержание контроля",
                    "Объект контроля",
                    "Методы контроля",
                    "Ответственные",
                    "Результат",
                ],
            ),
            row(4, &["ЯНВАРЬ", "", "", "", ""]),
            row(5, &["КАЧЕСТВО ОБРАЗОВАТЕЛЬНЫХ РЕЗУЛЬТАТОВ", "", "", "", ""]),
            row(
                6,
                &[
                    "Анализ ВПР",
                    "5-8 классы",
                    "Анализ",
                    "Зам. директора по УВР",
                    "Справка",
                ],
            ),
            row(7, &["ФЕВРАЛЬ", "", "", "", ""]),
            row(
                8,
                &["КАЧЕСТВО УСЛОВИЙ ОБРАЗОВАТЕЛЬНОГО ПРОЦЕССА", "", "", "", ""],
            ),
            row(
                9,
                &[
                    "Сайт",
                    "Сайт школы",
                    "Экспертиза",
                    "Ответственный за сайт\nДиректор",
                    "Отчёт",
                ],
            ),
        ];
        let plan = Plan::from_rows(&rows, None).unwrap();
        assert_eq!(plan.academic_year.start(), 2023);
        let [a, b] = plan.items.as_slice() else {
            panic!("{plan:?}")
        };
        assert_eq!(
            (a.when.as_str(), a.object),
            ("ЯНВАРЬ", Some(Object::Results))
        );
        assert_eq!(a.subject.as_deref(), Some("5-8 классы"));
        assert_eq!(
            (b.when.as_str(), b.object),
            ("ФЕВРАЛЬ", Some(Object::Conditions))
        );
        assert_eq!(b.responsible, ["Ответственный за сайт", "Директор"]);
        assert_eq!(
            b.schedule.as_ref().unwrap().months[0].to_string(),
            "2024-02"
        );
    }

    fn year() -> Option<AcademicYear> {
        AcademicYear::new(2023)
    }

    /// Issue: a lone upper-case cell is a heading only in the heading column; elsewhere it is
    /// an item, and nothing of it is lost.
    #[test]
    fn a_lone_upper_case_cell_is_an_item_outside_the_heading_column() {
        type Row<'a> = (
            &'a str,
            &'a str,
            Option<&'a str>,
            Vec<&'a str>,
            Option<&'a str>,
        );
        let rows = [
            row(
                1,
                &["№", "Мероприятие", "Срок", "Ответственные", "Результат"],
            ),
            row(2, &["", "1. НОРМАТИВНОЕ ОБЕСПЕЧЕНИЕ", "", "", ""]),
            row(3, &["1", "Анализ ВПР", "май", "Зам. директора", "Справка"]),
            row(4, &["", "", "", "", "ВПР"]),
            row(5, &["", "", "", "ДИРЕКТОР", ""]),
            row(6, &["", "", "ЯНВАРЬ", "", ""]),
            row(7, &["", "СОВЕЩАНИЕ", "", "", ""]),
        ];
        let plan = Plan::from_rows(&rows, year()).unwrap();
        let got: Vec<Row> = plan
            .items
            .iter()
            .map(|i| {
                (
                    i.id.as_str(),
                    i.when.as_str(),
                    i.mechanism.as_deref(),
                    i.responsible.iter().map(String::as_str).collect(),
                    i.result.as_deref(),
                )
            })
            .collect();
        let mech = Some("1. НОРМАТИВНОЕ ОБЕСПЕЧЕНИЕ");
        assert_eq!(
            got,
            [
                ("1", "май", mech, vec!["Зам. директора"], Some("Справка")),
                ("2", "май", mech, vec![], Some("ВПР")),
                ("3", "май", mech, vec!["ДИРЕКТОР"], None),
            ]
        );
        // «ЯНВАРЬ» alone in the period column set the period; «СОВЕЩАНИЕ» in the heading
        // column is the next mechanism, with no item.
        assert_eq!(plan.items.len(), 3);
    }

    /// Issue: multi-line text keeps its lines.
    #[test]
    fn multi_line_text_keeps_its_lines() {
        let rows = [
            row(1, &["Содержание", "Срок", "Ответственные", "Результат"]),
            row(
                2,
                &[
                    "Анализ ВПР:\n  - 5 классы\n\n  - 6  классы ",
                    "январь\nмарт",
                    "Директор\nЗам. директора",
                    "Справка\r\nПриказ",
                ],
            ),
        ];
        let plan = Plan::from_rows(&rows, year()).unwrap();
        let item = &plan.items[0];
        assert_eq!(item.content, "Анализ ВПР:\n- 5 классы\n- 6 классы");
        assert_eq!(item.when, "январь\nмарт");
        assert_eq!(item.result.as_deref(), Some("Справка\nПриказ"));
        assert_eq!(item.responsible, ["Директор", "Зам. директора"]);
        let months: Vec<String> = item
            .schedule
            .as_ref()
            .unwrap()
            .months
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(months, ["2024-01", "2024-03"]);
    }

    /// Issue: every rejected row names its row, the column's letter and heading.
    #[test]
    fn rejected_rows_name_row_column_and_first_row() {
        let e = Plan::from_rows(
            &[
                row(1, &["Содержание", "", "Ответственные"]),
                row(4, &["a", "потеряно", "b"]),
            ],
            year(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Cell("B4".into()),
                reason: InputReason::EmptyHeaderCell
            }
        );
        let e = Plan::from_rows(
            &[
                row(1, &["Содержание", "Ответственные"]),
                row(9, &["a", "b", "", "лишнее"]),
            ],
            year(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Cell("D9".into()),
                reason: InputReason::RowTooLong {
                    cells: 4,
                    columns: 2
                }
            }
        );
        let e = Plan::from_rows(
            &[
                row(1, &["№", "Мероприятие", "Срок"]),
                row(2, &["1", "a", "май"]),
                row(5, &["2", "b", "май"]),
                row(8, &["1.", "c", "май"]),
            ],
            year(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Row(8),
                reason: InputReason::DuplicatePlanRow {
                    id: "1".into(),
                    first_row: 2
                }
            }
        );
        assert!(e.to_string().contains("row 2"), "{e}");
        assert!(e.message_ru().contains("строке 2"), "{}", e.message_ru());
        let e = Plan::from_rows(
            &[row(3, &["Содержание", "Срок", "Срок проведения"])],
            year(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            Error::InvalidInput {
                at: Location::Cell("C3".into()),
                reason: InputReason::DuplicateColumn {
                    name: "Срок проведения".into()
                }
            }
        );
    }

    /// The title's year is found in one pass: a 1 MB title without a year is read quickly.
    #[test]
    fn a_long_title_is_scanned_once() {
        let mut title = "План 2023 года, приказ 1234/5 ".repeat(40_000);
        title.push_str("на 2023/24 учебный год");
        assert_eq!(year_in(&title).map(AcademicYear::start), Some(2023));
        assert_eq!(year_in("12345/6 2023/24"), AcademicYear::new(2023));
        assert_eq!(year_in("гг. 2023 – 2024"), AcademicYear::new(2023));
    }

    #[test]
    fn bad_tables_name_the_place() {
        let e = Plan::from_rows(&[row(1, &["Содержание", "Цвет"])], None).unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidInput {
                    at: Location::Header,
                    ..
                }
            ),
            "{e:?}"
        );
        let e = Plan::from_rows(
            &[
                row(1, &["Содержание", "Ответственные", "Цвет"]),
                row(2, &["a", "b", "c"]),
            ],
            Some(AcademicYear::new(2023).unwrap()),
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidInput {
                    at: Location::Column(3),
                    ..
                }
            ),
            "{e:?}"
        );
        let e = Plan::from_rows(
            &[
                row(1, &["№", "Мероприятие", "Срок"]),
                row(2, &["1", "a", "май"]),
                row(3, &["1.", "b", "май"]),
            ],
            Some(AcademicYear::new(2023).unwrap()),
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidInput {
                    at: Location::Row(3),
                    ..
                }
            ),
            "{e:?}"
        );
        let e = Plan::from_rows(
            &[row(1, &["Содержание", "Срок"]), row(2, &["a", "май"])],
            None,
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidInput {
                    reason: InputReason::NoAcademicYear,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            Plan::from_rows(&[], None).unwrap_err().code(),
            "empty_input"
        );
    }
}
