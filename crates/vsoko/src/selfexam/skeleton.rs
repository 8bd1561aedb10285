//! An empty report for a year: every part in the official order with its heading, the stages
//! and the deadline — as JSON a school fills in, or as Markdown, with scored results attached.

use super::deadline::due_date;
use super::model::{SectionId, StageId};
use crate::calendar::Date;
use crate::output::{markdown, russian};
use crate::scoring::Report;
use serde::Serialize;
use std::fmt::Write;

/// The skeleton of a report for one reporting year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skeleton {
    /// The reporting year.
    pub reporting_year: i32,
    /// Publish on the website and send to the founder no later than this.
    pub due: Option<Date>,
    /// The stages in order, with the wording of the order.
    pub stages: Vec<SkeletonPart>,
    /// The eleven parts in order, with their official headings.
    pub sections: Vec<SkeletonPart>,
    /// Scored results attached to the indicator analysis.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<Report>,
}

/// A stage or a section of the skeleton.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkeletonPart {
    /// Stable id.
    pub id: &'static str,
    /// Official Russian title.
    pub title: &'static str,
}

impl Skeleton {
    /// The skeleton for `reporting_year` with `results` attached to the indicator analysis.
    ///
    /// ```
    /// let s = vsoko::selfexam::Skeleton::new(2024, vec![]);
    /// assert_eq!(s.sections.len(), 11);
    /// assert_eq!(s.due.unwrap().to_string(), "2025-04-20");
    /// assert!(s.to_markdown().contains("## 11. Анализ показателей деятельности"));
    /// ```
    pub fn new(reporting_year: i32, results: Vec<Report>) -> Skeleton {
        Skeleton {
            reporting_year,
            due: due_date(reporting_year),
            stages: StageId::ALL
                .map(|s| SkeletonPart {
                    id: s.id(),
                    title: s.title(),
                })
                .to_vec(),
            sections: SectionId::ALL
                .map(|s| SkeletonPart {
                    id: s.id(),
                    title: s.heading(),
                })
                .to_vec(),
            results,
        }
    }

    /// An input document for `selfexam check`: every field present and empty.
    pub fn to_input_json(&self) -> String {
        let sections: serde_json::Map<String, serde_json::Value> = self
            .sections
            .iter()
            .map(|s| {
                let mut sec = serde_json::Map::new();
                sec.insert("text".into(), "".into());
                if s.id == SectionId::Indicators.id() && !self.results.is_empty() {
                    let results = serde_json::to_value(&self.results).unwrap_or_default();
                    sec.insert("results".into(), results);
                }
                let sec = serde_json::Value::Object(sec);
                (s.id.to_string(), sec)
            })
            .collect();
        let doc = serde_json::json!({
            "organization": "",
            "reporting_year": self.reporting_year,
            "signed_by_head": false,
            "published_on": null,
            "sent_to_founder_on": null,
            "stages": {"planning": null, "conducting": null, "report": null, "review": null},
            "sections": sections,
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    /// The skeleton as a Markdown document in Russian.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Отчёт о результатах самообследования за {} год\n",
            self.reporting_year
        );
        let _ = writeln!(out, "Организация: ____________________\n");
        let _ = writeln!(
            out,
            "Отчётный период: {} календарный год (приказ Минобрнауки России от 14.06.2013 № 462, в ред. от 14.12.2017 № 1218).",
            self.reporting_year
        );
        if let Some(due) = self.due {
            let _ = writeln!(
                out,
                "Срок: разместить на официальном сайте и направить учредителю не позднее **{}.{:02}.{}** ({due}).\n",
                due.day(),
                due.month(),
                due.year()
            );
        }
        let _ = writeln!(
            out,
            "Отчёт подписывается руководителем организации и заверяется её печатью.\n"
        );
        let _ = writeln!(out, "## Этапы самообследования\n");
        for (i, s) in self.stages.iter().enumerate() {
            let _ = writeln!(out, "{}. {} — дата: ____", i + 1, capitalize(s.title));
        }
        let _ = writeln!(out, "\n# Аналитическая часть\n");
        for (i, s) in self.sections.iter().enumerate() {
            if s.id == SectionId::Indicators.id() {
                let _ = writeln!(out, "# Результаты анализа показателей деятельности\n");
            }
            let _ = writeln!(out, "## {}. {}\n", i + 1, s.title);
            if s.id == SectionId::Indicators.id() {
                for r in &self.results {
                    results_table(&mut out, r);
                }
            }
            let _ = writeln!(out, "_Текст раздела._\n");
        }
        out
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn results_table(out: &mut String, r: &Report) {
    let name = crate::Methodology::builtin(&r.methodology)
        .map_or(r.methodology.as_str(), |m| m.short_title());
    let level = r
        .level_title
        .as_deref()
        .map_or_else(String::new, |l| format!(", {l}"));
    let _ = writeln!(
        out,
        "### {}: {} из {}{}\n",
        markdown::line(name),
        russian::number(r.total),
        russian::of_points(r.max),
        markdown::line(&level)
    );
    let _ = writeln!(out, "| Код | Наименование | Баллы | Максимум |");
    let _ = writeln!(out, "|---|---|---:|---:|");
    for g in &r.groups {
        let title = markdown::cell(g.title.as_deref().unwrap_or(""));
        let _ = writeln!(
            out,
            "| {} | {title} | {} | {} |",
            markdown::cell(&g.id),
            russian::number(g.points),
            russian::number(g.max)
        );
    }
    let _ = writeln!(out);
}
