//! «Отчёт о результатах самообследования» (order No. 462): a title page, then the analytical
//! part's sections in the order the order lists them, each with the school's text and the scored
//! results attached to it, and the signature with the place of the seal.

use super::model::{Align, Block, Document, Kind, Paragraph, Signature};
use super::school::School;
use super::score_report::{groups_chart, groups_table, level_words, methodology_title};
use super::typography::{long_date, quoted};
use crate::output::russian::{of_points, percent, points};
use crate::selfexam::{SectionId, SelfExam};

/// The report.
///
/// ```
/// use vsoko::document::{School, selfexam_report};
/// let r = vsoko::selfexam::SelfExam::from_json(r#"{"organization": "МБОУ СОШ № 1", "reporting_year": 2024,
///   "signed_by_head": false, "stages": {}, "sections": {"staffing": {"text": "Кадров достаточно."}}}"#).unwrap();
/// let md = selfexam_report(&r, &School::default()).to_markdown();
/// assert!(md.contains("Оценка качества кадрового обеспечения") && md.contains("Кадров достаточно."));
/// ```
pub fn selfexam_report(report: &SelfExam, school: &School) -> Document {
    let name = school.heading_name(Some(&report.organization));
    let mut doc = Document::new(
        Kind::Selfexam,
        format!(
            "Отчёт о результатах самообследования за {} год — {name}",
            report.reporting_year
        ),
    );
    for line in [
        "УТВЕРЖДАЮ".to_string(),
        "Директор".to_string(),
        format!("______________ {}", school.director_signature()),
        "«____» ______________ 20___ г.".to_string(),
    ] {
        doc.push(Block::Paragraph(Paragraph::line(line, Align::Right)));
    }
    for _ in 0..6 {
        doc.push(Block::Paragraph(Paragraph::line("", Align::Center)));
    }
    doc.push(Block::Paragraph(Paragraph::title("ОТЧЁТ")));
    doc.push(Block::Paragraph(Paragraph::title(format!(
        "о результатах самообследования за {} год",
        report.reporting_year
    ))));
    doc.push(Block::Paragraph(Paragraph::title(name)));
    for _ in 0..6 {
        doc.push(Block::Paragraph(Paragraph::line("", Align::Center)));
    }
    doc.push(Block::Paragraph(Paragraph::line(
        format!("{}, {}", school.city(), report.reporting_year + 1),
        Align::Center,
    )));
    doc.push(Block::PageBreak);
    doc.heading("Аналитическая часть");
    let mut number = 0;
    for id in SectionId::ALL {
        let Some(section) = report.section(id) else {
            continue;
        };
        number += 1;
        doc.heading(format!("{number}. {}", id.heading()));
        for part in section
            .text
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            doc.body(part);
        }
        for result in &section.results {
            doc.body(format!(
                "Результат по методике {}: {} из {} ({}){}.",
                quoted(&methodology_title(&result.methodology)),
                points(result.total),
                of_points(result.max),
                percent(result.percent),
                result
                    .level_title
                    .as_ref()
                    .map(|l| format!(", {}", level_words(l)))
                    .unwrap_or_default()
            ));
            doc.push(Block::Table(groups_table(result)));
            if let Some(chart) = groups_chart(result) {
                doc.push(Block::Chart(chart));
            }
        }
    }
    if let Some(on) = report.published_on {
        doc.body(format!(
            "Отчёт размещён на официальном сайте {}.",
            long_date(on)
        ));
    }
    doc.push(Block::Signatures {
        lines: vec![Signature {
            position: "Директор".into(),
            name: school.director_signature(),
        }],
    });
    doc.push(Block::Paragraph(Paragraph::line("М.П.", Align::Left)));
    doc
}
