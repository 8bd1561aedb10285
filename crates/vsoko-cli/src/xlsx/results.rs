//! Batch results as a workbook: a sheet per level of detail (schools, groups, indicators),
//! column ids in row 1 and Russian headings in row 2, numbers as number cells, widths set.
//! The schools sheet holds the core's result columns (`vsoko::batch::result_columns`) but the
//! groups, which have a sheet of their own.

use super::{BookError, col, header, row, text, write_decimal};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use vsoko::Methodology;
use vsoko::batch::{Field, Rank, ResultCell, ResultColumn, ResultRow, Shape, result_columns};
use vsoko::scoring::Slot;

/// Results kept until the workbook is written (a workbook is written whole; Excel holds at
/// most 1,048,576 rows, so a sheet never outgrows memory).
#[derive(Default)]
pub struct Results {
    rows: Vec<ResultRow>,
}

/// Excel's last row, less the two header rows.
pub const MAX_SCHOOLS: usize = 1_048_576 - 2;

/// A column's width in characters.
fn width(field: Field) -> f64 {
    match field {
        Field::School => 40.0,
        Field::Municipality => 24.0,
        Field::LevelTitle => 20.0,
        Field::Total | Field::Share | Field::Group(_) => 12.0,
        Field::Percentile => 11.0,
        Field::Position => 8.0,
        _ => 10.0,
    }
}

/// Whether a column names the school (written as text even when empty).
fn is_label(field: Field) -> bool {
    matches!(field, Field::School | Field::Municipality | Field::Period)
}

impl Results {
    /// Keeps one school's result.
    pub fn push(&mut self, row: ResultRow) {
        self.rows.push(row);
    }

    /// How many schools are kept.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The totals in input order (for ranks).
    pub fn totals(&self) -> Vec<rust_decimal::Decimal> {
        self.rows.iter().map(|r| r.card.total).collect()
    }

    /// The workbook as bytes.
    ///
    /// # Errors
    /// A [`BookError`] from the writer, or for a text longer than a cell.
    pub fn workbook(
        &self,
        m: &Methodology,
        shape: Shape,
        ranks: Option<&[Rank]>,
    ) -> Result<Vec<u8>, BookError> {
        let columns = result_columns(m, shape);
        let mut book = Workbook::new();
        self.schools(book.add_worksheet(), m, &columns, ranks)?;
        let labels: Vec<&ResultColumn> = columns.iter().filter(|c| is_label(c.field)).collect();
        let groups: Vec<(String, String)> = columns
            .iter()
            .filter(|c| matches!(c.field, Field::Group(_)))
            .map(|c| (c.id.clone(), c.title.clone()))
            .collect();
        self.detail(
            book.add_worksheet(),
            m,
            "Группы",
            &labels,
            &groups,
            |r, i| Cell::Number(r.card.group_points.get(i).copied().unwrap_or_default()),
        )?;
        let indicators: Vec<(String, String)> = m
            .indicators()
            .iter()
            .map(|ind| {
                let heading = vsoko::batch::heading(&ind.id, ind.title.as_deref(), ind.cap);
                (ind.id.clone(), heading)
            })
            .collect();
        self.detail(
            book.add_worksheet(),
            m,
            "Показатели",
            &labels,
            &indicators,
            |r, i| match r.card.slots.get(i) {
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
        columns: &[ResultColumn],
        ranks: Option<&[Rank]>,
    ) -> Result<(), BookError> {
        sheet.set_name("Школы")?;
        let cols: Vec<&ResultColumn> = columns
            .iter()
            .filter(|c| !matches!(c.field, Field::Group(_)))
            .collect();
        header(
            sheet,
            cols.iter()
                .map(|c| (c.id.as_str(), c.title.as_str(), width(c.field))),
        )?;
        let percent = Format::new().set_num_format("0.0%");
        for (i, school) in self.rows.iter().enumerate() {
            let r = row(i + 2);
            let rank = ranks.and_then(|ranks| ranks.get(i));
            for (c, column) in cols.iter().enumerate() {
                let c = col(c);
                let cell = match (column.field, rank) {
                    (Field::Position, Some(rank)) => ResultCell::Count(rank.position),
                    (Field::Percentile, Some(rank)) => ResultCell::Number(rank.percentile),
                    (field, _) => school.cell(m, field),
                };
                match (column.field, cell) {
                    (field, ResultCell::Empty) if is_label(field) => text(sheet, r, c, "", None)?,
                    (_, ResultCell::Empty) => {}
                    (_, ResultCell::Text(t)) => text(sheet, r, c, t, None)?,
                    (Field::Share, ResultCell::Number(share)) => {
                        use rust_decimal::prelude::ToPrimitive;
                        sheet.write_number_with_format(
                            r,
                            c,
                            share.to_f64().unwrap_or(0.0),
                            &percent,
                        )?;
                    }
                    (_, ResultCell::Number(d)) => write_decimal(sheet, r, c, d)?,
                    (_, ResultCell::Count(n)) => {
                        sheet.write_number(
                            r,
                            c,
                            f64::from(u32::try_from(n).unwrap_or(u32::MAX)),
                        )?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(2, 1)?;
        Ok(())
    }

    fn detail(
        &self,
        sheet: &mut Worksheet,
        m: &Methodology,
        name: &str,
        labels: &[&ResultColumn],
        columns: &[(String, String)],
        cell: impl Fn(&ResultRow, usize) -> Cell,
    ) -> Result<(), BookError> {
        sheet.set_name(name)?;
        let head = labels
            .iter()
            .map(|c| (c.id.as_str(), c.title.as_str(), width(c.field)))
            .chain(
                columns
                    .iter()
                    .map(|(id, ru)| (id.as_str(), ru.as_str(), 12.0)),
            );
        header(sheet, head)?;
        let first = labels.len();
        for (i, school) in self.rows.iter().enumerate() {
            let r = row(i + 2);
            for (c, label) in labels.iter().enumerate() {
                let name = match school.cell(m, label.field) {
                    ResultCell::Text(t) => t,
                    _ => "",
                };
                text(sheet, r, col(c), name, None)?;
            }
            for i in 0..columns.len() {
                let c = col(first + i);
                match cell(school, i) {
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
