//! Plans from the tables schools keep: the cyclogram (seed `003…`), the monthly plan with month
//! and object heading rows (seed `000…`) and the numbered list of measures (seeds `002…`, `004…`).
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
//! Rows holding one cell are headings: a month (`ЯНВАРЬ`) sets the period, an object heading
//! (`КАЧЕСТВО ОБРАЗОВАТЕЛЬНЫХ РЕЗУЛЬТАТОВ`) the object, anything else (`1. Нормативное
//! обеспечение`) the mechanism of the rows below it. Month, group and mechanism cells left empty
//! under a filled one (merged cells in Word) carry down to the end of their block.

use super::calendar::AcademicYear;
use super::model::{Object, Plan, PlanItem};
use super::period::{Schedule, ScheduleKind};
use crate::error::{Error, InputKind, Result};
use crate::reason::{InputReason, Location};

/// A field a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
fn find_header(rows: &[(usize, Vec<String>)]) -> Result<(usize, Vec<Option<Field>>)> {
    for (i, (line, cells)) in rows.iter().enumerate() {
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
        for (a, fa) in out.iter().enumerate() {
            if let Some(f) = fa
                && out.iter().skip(a + 1).any(|fb| fb.as_ref() == Some(f))
            {
                return Err(Error::InvalidInput {
                    at: Location::Column(a + 1),
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
fn year_in(text: &str) -> Option<AcademicYear> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        let rest: String = chars.get(start..).unwrap_or_default().iter().collect();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() != 4
            || (start > 0 && chars.get(start - 1).is_some_and(char::is_ascii_digit))
        {
            continue;
        }
        let tail: String = rest.chars().skip(4).take(8).collect();
        let candidate: String = format!(
            "{digits}{}",
            tail.trim_end_matches(|c: char| !c.is_ascii_digit())
        );
        let candidate = candidate.replace(' ', "");
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

/// Several people in one cell: one per line or separated by `;` (commas stay: «по УВР, ВР»).
fn people(cell: &str) -> Vec<String> {
    cell.split(['\n', ';'])
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn text(cell: Option<&String>) -> Option<String> {
    cell.map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty())
}

/// The state of reading a table top to bottom: what heading rows and merged cells carry down.
struct Reader {
    fields: Vec<Option<Field>>,
    year: AcademicYear,
    items: Vec<PlanItem>,
    ids: Vec<(String, usize)>,
    when: Option<String>,
    object: Option<Object>,
    group_object: Option<Object>,
    mechanism: Option<String>,
    mechanisms: Vec<String>,
}

impl Reader {
    /// A heading row sets what the rows below carry; returns whether the row was one.
    fn heading(&mut self, cells: &[String], filled: &[usize]) -> bool {
        let ([only], true) = (filled, self.fields.len() >= 3) else {
            return false;
        };
        let heading = text(cells.get(*only)).unwrap_or_default();
        if month_heading(&heading, self.year) {
            self.when = Some(heading);
        } else if let Some(o) = Object::from_heading(&heading) {
            self.object = Some(o);
        } else if is_section(&heading) {
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
        if let Some(extra) = filled.iter().find(|&&i| i >= width) {
            return Err(Error::InvalidInput {
                at: Location::Column(extra + 1),
                reason: InputReason::RowTooLong {
                    cells: cells.len(),
                    columns: width,
                },
            });
        }
        if self.heading(cells, &filled) {
            return Ok(());
        }
        let fields = self.fields.clone();
        let col = |f: Field| fields.iter().position(|x| *x == Some(f));
        let get = |f: Field| col(f).and_then(|i| text(cells.get(i)));
        if let Some(w) = get(Field::When) {
            self.when = Some(w);
        }
        if let Some(g) = get(Field::Group) {
            self.group_object = object_of_group(&g);
        }
        if let Some(m) = get(Field::Mechanism) {
            self.mechanism = Some(m);
        }
        let id = get(Field::Id).map_or_else(
            || (self.items.len() + 1).to_string(),
            |n| n.trim_end_matches('.').to_string(),
        );
        if let Some((_, first)) = self.ids.iter().find(|(i, _)| *i == id) {
            return Err(Error::InvalidInput {
                at: Location::Row(line),
                reason: InputReason::DuplicateItem { id, first: *first },
            });
        }
        self.ids.push((id.clone(), line));
        let when_text = self.when.clone().unwrap_or_default();
        let mut item = PlanItem::new(
            id,
            when_text.clone(),
            get(Field::Content).unwrap_or_default(),
        );
        item.schedule = Schedule::parse(&when_text, self.year).ok();
        item.object = self.object.or(self.group_object);
        item.mechanism.clone_from(&self.mechanism);
        item.subject = get(Field::Subject);
        item.method = get(Field::Method);
        item.responsible = col(Field::Responsible)
            .and_then(|i| cells.get(i))
            .map(|c| people(c))
            .unwrap_or_default();
        item.result = get(Field::Result);
        item.target = get(Field::Target);
        if col(Field::Mechanism).is_some()
            && let Some(m) = &item.mechanism
            && !self.mechanisms.contains(m)
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
    /// a heading that is not a plan field (naming the column), a field has two columns, the year
    /// is neither given nor named in a title, or two rows have the same `№` (naming the row).
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
        let rows: Vec<(usize, Vec<String>)> = rows
            .iter()
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .cloned()
            .collect();
        if rows.is_empty() {
            return Err(Error::EmptyInput {
                what: InputKind::Plan,
            });
        }
        let (header_at, fields) = find_header(&rows)?;
        let titles = rows.get(..header_at).unwrap_or_default();
        let year = year
            .or_else(|| titles.iter().flat_map(|(_, c)| c).find_map(|c| year_in(c)))
            .ok_or(Error::InvalidInput {
                at: Location::Header,
                reason: InputReason::NoAcademicYear,
            })?;
        let organization = String::new();
        let mut state = Reader {
            fields,
            year,
            items: Vec::new(),
            ids: Vec::new(),
            when: None,
            object: None,
            group_object: None,
            mechanism: None,
            mechanisms: Vec::new(),
        };
        for (line, cells) in rows.iter().skip(header_at + 1) {
            state.row(*line, cells)?;
        }
        let Reader {
            items, mechanisms, ..
        } = state;
        Ok(Plan {
            organization,
            academic_year: year,
            mechanisms,
            items,
        })
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
