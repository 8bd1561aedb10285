//! Batch results as a workbook: a sheet per level of detail (schools, groups, indicators),
//! column ids in row 1 and Russian headings in row 2, numbers as number cells, widths set.

use super::{BookError, col, row, text, write_decimal};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use vsoko::batch::Rank;
use vsoko::scoring::Slot;
use vsoko::{Methodology, Scorecard};

/// Results kept until the workbook is written (a workbook is written whole; Excel holds at
/// most 1,048,576 rows, so a sheet never outgrows memory).
#[derive(Default)]
pub struct Results {
    rows: Vec<(String, Option<String>, Scorecard)>,
    /// Each row's municipality (a column of every sheet when any row has one).
    municipalities: Vec<Option<String>>,
}

/// Excel's last row, less the two header rows.
pub const MAX_SCHOOLS: usize = 1_048_576 - 2;

impl Results {
    /// Keeps one school's result.
    pub fn push(
        &mut self,
        school: Option<String>,
        municipality: Option<String>,
        period: Option<String>,
        card: Scorecard,
    ) {
        self.rows.push((school.unwrap_or_default(), period, card));
        self.municipalities.push(municipality);
    }

    /// Whether any row has a municipality, and row `r`'s (0-based).
    fn municipality(&self, r: usize) -> (bool, &str) {
        (
            self.municipalities.iter().any(Option::is_some),
            self.municipalities
                .get(r)
                .and_then(Option::as_deref)
                .unwrap_or(""),
        )
    }

    /// How many schools are kept.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The totals in input order (for ranks).
    pub fn totals(&self) -> Vec<rust_decimal::Decimal> {
        self.rows.iter().map(|(_, _, c)| c.total).collect()
    }

    /// The workbook as bytes.
    ///
    /// # Errors
    /// A [`BookError`] from the writer, or for a text longer than a cell.
    pub fn workbook(
        &self,
        m: &Methodology,
        period: bool,
        ranks: Option<&[Rank]>,
    ) -> Result<Vec<u8>, BookError> {
        let mut book = Workbook::new();
        self.schools(book.add_worksheet(), m, period, ranks)?;
        let groups: Vec<(String, String)> = m
            .groups()
            .iter()
            .map(|g| (g.id.clone(), heading(&g.id, g.title.as_deref(), g.max)))
            .collect();
        self.detail(
            book.add_worksheet(),
            "Группы",
            period,
            &groups,
            |c, i| Cell::Number(c.group_points.get(i).copied().unwrap_or_default()),
        )?;
        let indicators: Vec<(String, String)> = m
            .indicators()
            .iter()
            .map(|ind| {
                (
                    ind.id.clone(),
                    heading(&ind.id, ind.title.as_deref(), ind.cap),
                )
            })
            .collect();
        self.detail(
            book.add_worksheet(),
            "Показатели",
            period,
            &indicators,
            |c, i| match c.slots.get(i) {
                Some(Slot::Scored(p)) => Cell::Number(*p),
                Some(Slot::NotApplicable) => Cell::Text("н/п"),
                _ => Cell::Text(""),
            },
        )?;
        Ok(book.save_to_buffer()?)
    }

    fn schools(
        &self,
        sheet: &mut Worksheet,
        m: &Methodology,
        period: bool,
        ranks: Option<&[Rank]>,
    ) -> Result<(), BookError> {
        sheet.set_name("Школы")?;
        let mut cols: Vec<(&str, &str, f64)> = vec![("school", "Организация", 40.0)];
        if self.municipality(0).0 {
            cols.push(("municipality", "Муниципалитет", 24.0));
        }
        if period {
            cols.push(("period", "Период", 10.0));
        }
        cols.extend([
            ("total", "Итого баллов", 12.0),
            ("max", "Максимум", 10.0),
            ("share", "Доля от максимума", 12.0),
            ("level", "Уровень (код)", 10.0),
            ("level_title", "Уровень", 20.0),
        ]);
        if ranks.is_some() {
            cols.extend([
                ("position", "Место", 8.0),
                ("percentile", "Процентиль", 11.0),
            ]);
        }
        header(sheet, cols.iter().map(|(id, ru, w)| (*id, *ru, *w)))?;
        let percent = Format::new().set_num_format("0.0%");
        for (r, (school, p, card)) in self.rows.iter().enumerate() {
            let r = row(r + 2);
            let mut c = 0u16;
            text(sheet, r, c, school, None)?;
            if let (true, mun) = self.municipality(r as usize - 2) {
                c += 1;
                text(sheet, r, c, mun, None)?;
            }
            if period {
                c += 1;
                text(sheet, r, c, p.as_deref().unwrap_or(""), None)?;
            }
            write_decimal(sheet, r, c + 1, card.total)?;
            write_decimal(sheet, r, c + 2, card.max)?;
            if let Some(share) = vsoko::decimal::share(card.total, card.max) {
                use rust_decimal::prelude::ToPrimitive;
                sheet.write_number_with_format(
                    r,
                    c + 3,
                    share.to_f64().unwrap_or(0.0),
                    &percent,
                )?;
            }
            if let Some(level) = m.level_of(card.total) {
                text(sheet, r, c + 4, &level.id, None)?;
                text(sheet, r, c + 5, &level.title, None)?;
            }
            if let Some(rank) = ranks.and_then(|ranks| ranks.get(r as usize - 2)) {
                sheet.write_number(
                    r,
                    c + 6,
                    f64::from(u32::try_from(rank.position).unwrap_or(u32::MAX)),
                )?;
                write_decimal(sheet, r, c + 7, rank.percentile)?;
            }
        }
        sheet.set_freeze_panes(2, 1)?;
        Ok(())
    }

    fn detail(
        &self,
        sheet: &mut Worksheet,
        name: &str,
        period: bool,
        columns: &[(String, String)],
        cell: impl Fn(&Scorecard, usize) -> Cell,
    ) -> Result<(), BookError> {
        sheet.set_name(name)?;
        let mut head: Vec<(&str, &str, f64)> = vec![("school", "Организация", 40.0)];
        let has_municipality = self.municipality(0).0;
        if has_municipality {
            head.push(("municipality", "Муниципалитет", 24.0));
        }
        if period {
            head.push(("period", "Период", 10.0));
        }
        head.extend(
            columns
                .iter()
                .map(|(id, ru)| (id.as_str(), ru.as_str(), 12.0)),
        );
        header(sheet, head.into_iter())?;
        let first = 1 + usize::from(has_municipality) + usize::from(period);
        for (i, (school, p, card)) in self.rows.iter().enumerate() {
            let r = row(i + 2);
            text(sheet, r, 0, school, None)?;
            if has_municipality {
                text(sheet, r, 1, self.municipality(i).1, None)?;
            }
            if period {
                text(sheet, r, col(first - 1), p.as_deref().unwrap_or(""), None)?;
            }
            for i in 0..columns.len() {
                let c = col(first + i);
                match cell(card, i) {
                    Cell::Number(d) => write_decimal(sheet, r, c, d)?,
                    Cell::Text("") => {}
                    Cell::Text(t) => text(sheet, r, c, t, None)?,
                }
            }
        }
        sheet.set_freeze_panes(2, 1)?;
        Ok(())
    }
}

enum Cell {
    Number(rust_decimal::Decimal),
    Text(&'static str),
}

/// Row 1: ids (what `vsoko batch` and scripts read); row 2: Russian headings; widths.
fn header<'a>(
    sheet: &mut Worksheet,
    cols: impl Iterator<Item = (&'a str, &'a str, f64)>,
) -> Result<(), BookError> {
    let ids = Format::new().set_font_color(0x0066_6666).set_font_size(8);
    let ru = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(0x00E8_EEF6);
    for (i, (id, title, width)) in cols.enumerate() {
        text(sheet, 0, col(i), id, Some(&ids))?;
        text(sheet, 1, col(i), title, Some(&ru))?;
        sheet.set_column_width(col(i), width)?;
    }
    sheet.set_row_height(1, 45)?;
    Ok(())
}

/// A Russian heading: id, official title when the source gives one, maximum.
fn heading(id: &str, title: Option<&str>, max: rust_decimal::Decimal) -> String {
    match title {
        Some(t) => format!("{id} {t} (макс. {max})"),
        None => format!("{id} (макс. {max})"),
    }
}
