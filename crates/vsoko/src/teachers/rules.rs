//! The terms of attestation and training as data (order No. 196 of 24.03.2023; law 273-ФЗ,
//! articles 47 and 49), validated when read.

use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::reason::{Flaw, Place, Problem};
use serde::Deserialize;

/// A category: its id, title and the ways tables write it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySpec {
    /// Stable id (`first`, `highest`, `methodist`, `mentor`).
    pub id: String,
    /// Its Russian title.
    pub title: String,
    /// How tables write it (compared without case, `ё`, or extra spaces).
    pub aliases: Vec<String>,
}

/// A target a school's plan sets for the register's shares.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    /// `trained_year` (trained in the academic year) or `categories_confirmed` (categories in
    /// force among the teachers who have one).
    pub id: String,
    /// The target as the plan words it.
    pub title: String,
    /// The least share, %.
    #[serde(deserialize_with = "crate::methodology::exact::decimal")]
    pub min_pct: rust_decimal::Decimal,
    /// The plan it comes from.
    pub source: String,
}

/// The rules.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Always `vsoko-teacher-rules`.
    pub format: String,
    /// 1.
    pub format_version: u32,
    /// Stable id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The documents the terms come from, by their titles.
    pub sources: Vec<String>,
    /// The first day the order applies.
    pub valid_from: Date,
    /// The last day it applies.
    pub valid_until: Date,
    /// The categories.
    pub categories: Vec<CategorySpec>,
    /// How tables write "no category" (conformity to the position, empty).
    pub no_category: Vec<String>,
    /// A category set from this day has no end.
    pub unlimited_from: Date,
    /// A category set before [`Rules::unlimited_from`] lasts this many years.
    pub category_years_before: i32,
    /// A teacher without a category is attested for conformity every this many years.
    pub conformity_years: i32,
    /// … but not before this many years in the organisation.
    pub new_teacher_years: i32,
    /// Training at least once in this many years.
    pub training_years: i32,
    /// The targets of a school's plan (a school may set its own).
    #[serde(default)]
    pub targets: Vec<TargetSpec>,
    /// Remarks, in Russian.
    pub notes: Vec<String>,
}

const BUILTIN: &str = include_str!("../../data/teachers/attestation_2023.json");

/// A text as the rules compare it: lower case, `ё` as `е`, spaces collapsed.
pub(super) fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}

impl Rules {
    /// The built-in rules (`attestation-2023`).
    ///
    /// # Errors
    /// The data's problems, which the tests rule out.
    ///
    /// ```
    /// let r = vsoko::teachers::Rules::builtin().unwrap();
    /// assert_eq!(r.category_years_before, 5);
    /// assert_eq!(r.category("Высшая квалификационная категория"), Some(Some("highest")));
    /// assert_eq!(r.category("СЗД"), Some(None));
    /// assert_eq!(r.category("вторая"), None);
    /// ```
    pub fn builtin() -> Result<&'static Rules> {
        static RULES: std::sync::LazyLock<Result<Rules>> =
            std::sync::LazyLock::new(|| Rules::from_json(BUILTIN));
        RULES.as_ref().map_err(Clone::clone)
    }

    /// Reads and validates rules.
    ///
    /// # Errors
    /// [`Error::InvalidMethodology`] listing every problem: another format, terms of 0 years
    /// or less, an alias given to two categories.
    pub fn from_json(text: &str) -> Result<Rules> {
        let r: Rules = serde_json::from_str(text).map_err(|e| Error::InvalidMethodology {
            problems: vec![Problem {
                at: Place::Json {
                    line: e.line(),
                    column: e.column(),
                },
                flaw: Flaw::Shape(e.to_string()),
            }],
        })?;
        let mut problems = Vec::new();
        let mut add = |field: &'static str, text: String| {
            problems.push(Problem {
                at: Place::Field(field),
                flaw: Flaw::Shape(text),
            });
        };
        if r.format != "vsoko-teacher-rules" || r.format_version != 1 {
            add(
                "format",
                "expected \"format\": \"vsoko-teacher-rules\" and \"format_version\": 1".into(),
            );
        }
        for (field, years) in [
            ("category_years_before", r.category_years_before),
            ("conformity_years", r.conformity_years),
            ("new_teacher_years", r.new_teacher_years),
            ("training_years", r.training_years),
        ] {
            if years <= 0 {
                add(field, format!("{field} must be 1 or more, not {years}"));
            }
        }
        for t in &r.targets {
            if !matches!(t.id.as_str(), "trained_year" | "categories_confirmed") {
                add(
                    "targets",
                    format!(
                        "target {:?} is not trained_year or categories_confirmed",
                        t.id
                    ),
                );
            }
            if t.min_pct < rust_decimal::Decimal::ZERO
                || t.min_pct > rust_decimal::Decimal::ONE_HUNDRED
            {
                add(
                    "targets",
                    format!("target {} of {}% is not a share", t.id, t.min_pct),
                );
            }
        }
        let mut seen = std::collections::HashMap::new();
        for c in &r.categories {
            for a in &c.aliases {
                if let Some(other) = seen.insert(key(a), c.id.clone()) {
                    add(
                        "categories",
                        format!("alias {a:?} of {} is also {other}'s", c.id),
                    );
                }
            }
        }
        for a in &r.no_category {
            if let Some(other) = seen.get(&key(a)) {
                add("no_category", format!("{a:?} is also an alias of {other}"));
            }
        }
        if problems.is_empty() {
            Ok(r)
        } else {
            Err(Error::InvalidMethodology { problems })
        }
    }

    /// The category a cell names: `Some(Some(id))`, `Some(None)` for no category, `None` when
    /// the text is neither.
    pub fn category(&self, text: &str) -> Option<Option<&str>> {
        let k = key(text);
        if self.no_category.iter().any(|n| key(n) == k) {
            return Some(None);
        }
        self.categories
            .iter()
            .find(|c| c.aliases.iter().any(|a| key(a) == k))
            .map(|c| Some(c.id.as_str()))
    }

    /// The title of a category id.
    pub fn title<'a>(&'a self, id: &'a str) -> &'a str {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .map_or(id, |c| c.title.as_str())
    }
}
