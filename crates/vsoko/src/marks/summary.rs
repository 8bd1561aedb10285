//! The summary sheet of a class («сводная ведомость», «итоговые отметки»): subjects across,
//! pupils down, the class in a title row or the sheet's name — read into the same marks as the
//! long table gives.
//!
//! What is read is documented on [`Dataset::add_summary`].

use super::class::{class_in, is_title};
use super::dataset::{Dataset, Parsed, mark};
use super::headings::{
    FOOTERS, NOT_SUBJECTS, blank, cell, has_marks, header, norm, period_in, school_in,
};
use super::period::Period;
use crate::finding::Code;
use crate::reason::column_letters;

/// What the title rows before a header said.
#[derive(Default)]
struct Titles {
    class: Option<String>,
    period: Option<Period>,
}

/// A subject column: its subject and period, or why it is left out.
enum Col {
    Marks(String, Period),
    /// Reported already (its heading).
    Refused,
    /// Not a subject («Средний балл»).
    Skipped,
}

/// One class's block.
struct Block<'a, S> {
    class: Option<String>,
    school: Option<String>,
    header_row: usize,
    pupil: usize,
    columns: Vec<(usize, Col)>,
    rows: Vec<&'a (usize, Vec<S>)>,
}

impl Dataset {
    /// Adds the rows of one summary sheet (or of a CSV file with one or more blocks); `sheet` is
    /// the sheet's name (empty for CSV), read as the class when no title gives one. Every mark
    /// is counted or named in an error finding.
    ///
    /// What is recognised, row by row (blank rows are skipped anywhere):
    /// - **title rows**, before a block's header: the class («Класс: 7Б», «7Б класс», «Сводная
    ///   ведомость итоговых отметок 7Б класса», «7 «Б»»; see [`class_in`](crate::marks::class_in)), the
    ///   period («за I четверть», «2 полугодие», «за год», «годовые») and the school («Школа: …»,
    ///   «ОО: …», kept for the rest of the sheet); the latest title naming a class (a period) gives
    ///   it. Other rows before a header are not read, but a row there with marks is an
    ///   `outside_block` error (its header was not recognised). Without a class in its titles, a
    ///   block takes the sheet's name when that is a class («7Б»);
    /// - **the header row**: a cell «ФИО», «Ученик», «Обучающийся» (the long table's pupil
    ///   headings, and «Ф.И.О.», «ФИО обучающегося», «Фамилия, имя») with the subjects to its right; columns to its left («№») are not
    ///   read, nor «Средний балл», «Пропуски», «Примечание»;
    /// - **the row of periods**, optional, right under the header: its pupil cell is empty and one
    ///   of its cells is a period («1 четв.», «I четверть», «2 пол.», «Год», «Итог»); a subject
    ///   heading spans the empty headings after it (merged cells keep only the first). Without it
    ///   every subject's period comes from the title;
    /// - **pupil rows**: the pupil's name in the header's pupil column and a mark under each
    ///   subject; a column with no mark at all in the block (a period not graded yet) is not
    ///   counted, an empty cell elsewhere is a pupil without a mark;
    /// - rows that say «Средний балл», «Итого», «Всего», «Качество», «Успеваемость» or «СОУ» in the
    ///   pupil column or left of it (the journal's own figures) are skipped;
    /// - the next title row (the word «класс», «ведомость», «отметки», «Школа», or a class alone
    ///   left of an empty pupil cell, with nothing under the subjects) or header row starts a new
    ///   block.
    ///
    /// Nothing is dropped silently: a block without a class is one `no_class` error (its header
    /// row), a subject column without a period one `no_period` error and a period heading not
    /// recognised one `unknown_period` error (the heading's cell); a pupil row without a name but
    /// with marks is `missing_cell`, and so is a mark under a column without a subject; a mark
    /// outside the vocabulary is `invalid_mark`, a pupil's second mark in a class × subject ×
    /// period `duplicate_mark` (each naming its cell, which alone is left out).
    ///
    /// ```
    /// use vsoko::marks::Dataset;
    /// let rows = vec![
    ///     (1, vec!["Сводная ведомость 7Б класса за I четверть", "", ""]),
    ///     (2, vec!["№", "ФИО", "Алгебра"]),
    ///     (3, vec!["1", "Иванов Иван", "5"]),
    ///     (4, vec!["2", "Петров Пётр", "6"]),
    /// ];
    /// let mut d = Dataset::new();
    /// d.add_summary("7b.csv", "", &rows).unwrap();
    /// assert_eq!(d.findings()[0].code, "invalid_mark");
    /// assert_eq!(d.findings()[0].place.field.as_deref(), Some("C4"));
    /// let r = d.finish();
    /// assert_eq!((r.groups[0].class.as_str(), r.groups[0].period), ("7Б", "q1"));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when no row is a summary sheet's
    /// header (nothing is added then):
    ///
    /// ```
    /// let e = vsoko::marks::Dataset::new().add_summary("x.csv", "", &[(1, vec!["Итоги"])]).unwrap_err();
    /// assert!(e.message_ru().contains("нужен столбец «ФИО»"));
    /// ```
    pub fn add_summary<S: AsRef<str>>(
        &mut self,
        file: &str,
        sheet: &str,
        rows: &[(usize, Vec<S>)],
    ) -> crate::error::Result<()> {
        if !rows.iter().any(|(_, c)| header(c).is_some()) {
            return Err(crate::Error::InvalidInput {
                at: crate::reason::Location::File(file.to_string()),
                reason: crate::reason::InputReason::NoSummaryHeader,
            });
        }
        let sheet_class = class_in(sheet);
        let mut titles = Titles::default();
        let mut school: Option<String> = None;
        let mut block: Option<Block<'_, S>> = None;
        let mut i = 0;
        while let Some(entry) = rows.get(i) {
            i += 1;
            let (row, cells) = (entry.0, &entry.1);
            if blank(cells) {
                continue;
            }
            if let Some(pupil) = header(cells) {
                if let Some(b) = block.take() {
                    self.block(file, &b);
                }
                // The row of periods: the next row that is not blank, when it names a period.
                let next = (i..rows.len()).find(|&k| rows.get(k).is_some_and(|(_, c)| !blank(c)));
                let periods =
                    next.and_then(|k| rows.get(k).map(|r| (k, r)))
                        .filter(|(_, (_, c))| {
                            cell(c, pupil).is_empty()
                                && c.iter()
                                    .skip(pupil + 1)
                                    .any(|t| Period::parse(t.as_ref()).is_some())
                        });
                if let Some((k, _)) = periods {
                    i = k + 1;
                }
                let periods = periods.map(|(_, r)| r);
                let t = std::mem::take(&mut titles);
                let class = t.class.or_else(|| sheet_class.clone());
                let columns = self.columns(file, row, cells, pupil, periods, t.period);
                block = Some(Block {
                    class,
                    school: school.clone(),
                    header_row: row,
                    pupil,
                    columns,
                    rows: Vec::new(),
                });
                continue;
            }
            let text = cells
                .iter()
                .map(|c| c.as_ref().trim())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(b) = &mut block {
                let under = cells
                    .iter()
                    .skip(b.pupil + 1)
                    .any(|c| !c.as_ref().trim().is_empty());
                let title = !under
                    && (is_title(&text)
                        || school_in(cells).is_some()
                        || (cell(cells, b.pupil).is_empty() && class_in(&text).is_some()));
                if !title {
                    let footer =
                        (0..=b.pupil).any(|c| FOOTERS.contains(&norm(cell(cells, c)).as_str()));
                    if !footer {
                        b.rows.push(entry);
                    }
                    continue;
                }
                if let Some(b) = block.take() {
                    self.block(file, &b);
                }
            }
            if let Some(s) = school_in(cells) {
                school = Some(s);
                continue;
            }
            // The latest title that names a class (a period) gives it.
            let (class, period) = (class_in(&text), period_in(&text));
            if class.is_none() && period.is_none() && !is_title(&text) && has_marks(cells) {
                self.error(
                    Code::OutsideBlock,
                    file,
                    row,
                    None,
                    "marks with no header row of a summary sheet above them (a pupil column such as \"ФИО\" and the subjects); row left out",
                    "отметки стоят вне блока сводной ведомости: над ними нет строки заголовка со столбцом «ФИО» (или «Ученик», «Обучающийся») и предметами; строка не учтена",
                );
            }
            titles.class = class.or(titles.class);
            titles.period = period.or(titles.period);
        }
        if let Some(b) = block.take() {
            self.block(file, &b);
        }
        Ok(())
    }

    /// The subject columns of a header (and its row of periods), with an error finding for each
    /// heading that cannot be read.
    fn columns<S: AsRef<str>>(
        &mut self,
        file: &str,
        row: usize,
        cells: &[S],
        pupil: usize,
        periods: Option<&(usize, Vec<S>)>,
        title: Option<Period>,
    ) -> Vec<(usize, Col)> {
        let width = cells.len().max(periods.map_or(0, |(_, p)| p.len()));
        let mut out = Vec::new();
        let mut subject: Option<String> = None;
        for c in pupil + 1..width {
            let heading = cell(cells, c);
            let under = periods.map_or("", |(_, p)| cell(p, c));
            if !heading.is_empty() {
                subject = Some(heading.to_string());
            } else if under.is_empty() {
                continue;
            }
            let Some(s) = subject.clone() else {
                continue; // a period under no subject: its marks are refused cell by cell
            };
            if NOT_SUBJECTS.contains(&norm(&s).as_str()) {
                out.push((c, Col::Skipped));
                continue;
            }
            let col = match (periods, under) {
                (Some((prow, _)), u) if !u.is_empty() => {
                    if let Some(p) = Period::parse(u) {
                        Col::Marks(s, p)
                    } else {
                        self.error(
                            Code::UnknownPeriod,
                            file,
                            *prow,
                            Some(c),
                            &format!("\"{u}\" is not a period (a quarter, a half, the year or the final mark); the column of {s} left out"),
                            &format!("«{u}» — не период: ожидается четверть («1 четв.», «I четверть»), полугодие («2 пол.»), «Год» или «Итог»; столбец предмета «{s}» не учтён"),
                        );
                        Col::Refused
                    }
                }
                _ => {
                    if let Some(p) = title {
                        Col::Marks(s, p)
                    } else {
                        let letter = column_letters(c + 1);
                        let (why_en, why_ru) = if periods.is_some() {
                            (
                                "its cell in the row of periods is empty",
                                "его ячейка в строке периодов пуста",
                            )
                        } else {
                            (
                                "no row of periods under the subjects",
                                "под предметами нет строки периодов («1 четв.», «Год»)",
                            )
                        };
                        self.error(
                            Code::NoPeriod,
                            file,
                            row,
                            Some(c),
                            &format!("the column of {s} has no period: {why_en} and the title names none; column {letter} left out"),
                            &format!("у столбца предмета «{s}» нет периода: {why_ru}, а в заголовке ведомости нет периода вроде «за I четверть»; столбец {letter} не учтён"),
                        );
                        Col::Refused
                    }
                }
            };
            out.push((c, col));
        }
        out
    }

    /// Counts a block's marks, or reports why they are left out.
    fn block<S: AsRef<str>>(&mut self, file: &str, b: &Block<'_, S>) {
        let Some(class) = &b.class else {
            let marks = b
                .rows
                .iter()
                .map(|(_, c)| {
                    c.iter()
                        .skip(b.pupil + 1)
                        .filter(|t| !t.as_ref().trim().is_empty())
                        .count()
                })
                .sum::<usize>();
            self.error(
                Code::NoClass,
                file,
                b.header_row,
                None,
                &format!("the block of the summary sheet under this header names no class (expected a title row such as \"Класс: 7Б\" or a sheet named \"7Б\"); {marks} marks left out"),
                &format!("в блоке сводной ведомости с этой строкой заголовка не указан класс: ожидается строка над ним вроде «Класс: 7Б» или «7Б класс» либо лист с именем «7Б»; отметок не учтено: {marks}"),
            );
            return;
        };
        // A column without any mark in the block (a period not graded yet) is not counted.
        let graded = |c: usize| b.rows.iter().any(|(_, cells)| !cell(cells, c).is_empty());
        // Each column's reading by position (a row can be as wide as a sheet).
        let width = b.columns.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
        let mut by_column: Vec<Option<&Col>> = vec![None; width];
        for (c, col) in b.columns.iter().filter(|(c, _)| graded(*c)) {
            if let Some(slot) = by_column.get_mut(*c) {
                *slot = Some(col);
            }
        }
        for (row, cells) in &b.rows {
            let pupil = cell(cells, b.pupil);
            for (c, text) in cells.iter().enumerate().skip(b.pupil + 1) {
                let text = text.as_ref().trim();
                let col = by_column.get(c).copied().flatten();
                if text.is_empty() && !matches!(col, Some(Col::Marks(..))) {
                    continue;
                }
                match col {
                    Some(Col::Refused | Col::Skipped) => {}
                    None => self.error(
                        Code::MissingCell,
                        file,
                        *row,
                        Some(c),
                        &format!("\"{text}\" is under a column without a subject; mark left out"),
                        &format!(
                            "«{text}» стоит в столбце без предмета в заголовке; отметка не учтена"
                        ),
                    ),
                    Some(Col::Marks(..)) if pupil.is_empty() => {}
                    Some(Col::Marks(subject, period)) => match mark(text, c) {
                        Err(r) => self.error(
                            r.code,
                            file,
                            *row,
                            Some(c),
                            &format!("{}; mark left out", r.en),
                            &format!("{}; отметка не учтена", r.ru),
                        ),
                        Ok(m) => self.add_cell(
                            Parsed {
                                municipality: None,
                                school: b.school.as_deref(),
                                class,
                                pupil,
                                subject,
                                teacher: None,
                                period: *period,
                                mark: m,
                            },
                            file,
                            *row,
                            c,
                        ),
                    },
                }
            }
            let marks = cells.iter().enumerate().any(|(c, t)| {
                !t.as_ref().trim().is_empty()
                    && matches!(by_column.get(c).copied().flatten(), Some(Col::Marks(..)))
            });
            if pupil.is_empty() && marks {
                self.error(
                    Code::MissingCell,
                    file,
                    *row,
                    Some(b.pupil),
                    "no pupil; the row's marks left out",
                    "не указан ученик; отметки строки не учтены",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_at_a_class_alone_and_columns_far_right_cost_nothing() {
        let mut wide = vec![String::new(); 16_384];
        wide[1] = "Петров".into();
        wide[16_383] = "5".into();
        let rows: Vec<(usize, Vec<String>)> = [
            vec!["7Б"],
            vec!["№", "ФИО", "Алгебра"],
            vec!["", "", "Год"],
            vec!["1", "Иванов", "5"],
            vec!["7В"],
            vec!["№", "ФИО", "Алгебра"],
            vec!["", "", "Год"],
            vec!["1", "Иванов", "4"],
        ]
        .into_iter()
        .map(|r| r.into_iter().map(String::from).collect())
        .chain([wide])
        .enumerate()
        .map(|(i, r)| (i + 1, r))
        .collect();
        let mut d = Dataset::new();
        d.add_summary("v.csv", "", &rows).unwrap();
        let r = d.finish();
        let classes: Vec<&str> = r.groups.iter().map(|g| g.class.as_str()).collect();
        assert_eq!(classes, ["7Б", "7В"]);
        // The stray mark far right is under no subject: named, not lost.
        assert_eq!(d.findings().len(), 1);
        assert_eq!(d.findings()[0].place.field.as_deref(), Some("XFD9"));
    }

    #[test]
    fn marks_above_any_header_are_named() {
        let rows: Vec<(usize, Vec<&str>)> = vec![
            (1, vec!["Итоговые отметки 5 «А» класса за 2 четверть"]),
            (2, vec!["№", "Список", "Математика"]),
            (3, vec!["1", "Ан Ян", "5"]),
            (5, vec!["10-Б класс, I полугодие"]),
            (6, vec!["№", "ФИО обучающегося", "Физика"]),
            (7, vec!["1", "Ви Ва", "5"]),
        ];
        let mut d = Dataset::new();
        d.add_summary("t.csv", "", &rows).unwrap();
        let codes: Vec<_> = d
            .findings()
            .iter()
            .map(|f| (f.code.as_str(), f.place.row))
            .collect();
        assert_eq!(codes, [("outside_block", Some(3))]);
        let r = d.finish();
        assert_eq!(
            (r.groups[0].class.as_str(), r.groups[0].period),
            ("10Б", "h1"),
            "the latest title"
        );
    }
}
