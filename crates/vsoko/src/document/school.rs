//! The school's requisites a document is headed and signed with, from a small settings file.
//! Nothing is invented: a field not given is a visible blank line to fill in by hand.

use super::typography::{BLANK, NAME_BLANK, signature_name};
use crate::calendar::AcademicYear;
use crate::reason::{InputReason, Location};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The requisites: every field optional.
///
/// ```
/// use vsoko::document::School;
/// let s = School::from_json(r#"{"full_name": "МБОУ «СОШ № 1»", "director": "Иванова Мария Петровна"}"#).unwrap();
/// assert_eq!(s.director_signature(), "М.П.\u{a0}Иванова");
/// assert_eq!(s.city(), "____________________");
/// assert_eq!(School::default().director_signature(), "________________");
/// assert!(School::from_json(r#"{"fullname": "x"}"#).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct School {
    /// The full name, as in the charter («Муниципальное бюджетное общеобразовательное
    /// учреждение „Средняя школа № 1“»).
    #[serde(default)]
    pub full_name: Option<String>,
    /// The short name («МБОУ „СШ № 1“»).
    #[serde(default)]
    pub short_name: Option<String>,
    /// The director's name («Иванова Мария Петровна» or «М.П. Иванова»).
    #[serde(default)]
    pub director: Option<String>,
    /// Who prepares the справки: the deputy head's name.
    #[serde(default)]
    pub deputy: Option<String>,
    /// The deputy head's position («Заместитель директора по УВР»).
    #[serde(default)]
    pub deputy_position: Option<String>,
    /// The city or settlement (the place of an order).
    #[serde(default)]
    pub city: Option<String>,
    /// The academic year (`2024/25`).
    #[serde(default)]
    pub academic_year: Option<AcademicYear>,
}

/// The fields, for messages.
const FIELDS: &str =
    "full_name, short_name, director, deputy, deputy_position, city, academic_year";

impl School {
    /// Reads the settings file (JSON). Unknown fields and characters XML forbids are errors
    /// naming the field.
    ///
    /// # Errors
    /// [`Error::Json`] for malformed JSON; [`Error::InvalidInput`] for an unknown field (with
    /// the known ones) or a control character in a field.
    pub fn from_json(text: &str) -> Result<School> {
        let text = text.trim_start_matches('\u{feff}');
        let school: School = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            match message
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split_once('`'))
            {
                Some((name, _)) => Error::InvalidInput {
                    at: Location::Field(name.to_string()),
                    reason: InputReason::UnknownSetting {
                        name: name.to_string(),
                        known: FIELDS,
                    },
                },
                None => Error::from(e),
            }
        })?;
        for (field, value) in school.texts() {
            if let Some(c) = value.chars().find(|c| c.is_control()) {
                return Err(Error::InvalidInput {
                    at: Location::Field(field.to_string()),
                    reason: InputReason::ControlCharacter {
                        code_point: u32::from(c),
                    },
                });
            }
        }
        Ok(school)
    }

    fn texts(&self) -> [(&'static str, &str); 6] {
        fn t(v: Option<&String>) -> &str {
            v.map_or("", String::as_str)
        }
        [
            ("full_name", t(self.full_name.as_ref())),
            ("short_name", t(self.short_name.as_ref())),
            ("director", t(self.director.as_ref())),
            ("deputy", t(self.deputy.as_ref())),
            ("deputy_position", t(self.deputy_position.as_ref())),
            ("city", t(self.city.as_ref())),
        ]
    }

    /// The name a document is headed with: the full name, else the short one, else `fallback`
    /// (the name the results carry), else a blank.
    pub fn heading_name(&self, fallback: Option<&str>) -> String {
        given(self.full_name.as_deref())
            .or_else(|| given(self.short_name.as_deref()))
            .or_else(|| given(fallback))
            .map_or_else(|| BLANK.to_string(), str::to_string)
    }

    /// The director's name as signed, or a blank.
    pub fn director_signature(&self) -> String {
        given(self.director.as_deref()).map_or_else(|| NAME_BLANK.to_string(), signature_name)
    }

    /// The deputy head's name as signed, or a blank.
    pub fn deputy_signature(&self) -> String {
        given(self.deputy.as_deref()).map_or_else(|| NAME_BLANK.to_string(), signature_name)
    }

    /// The deputy head's position, or a blank.
    pub fn deputy_position(&self) -> String {
        given(self.deputy_position.as_deref()).map_or_else(|| BLANK.to_string(), str::to_string)
    }

    /// The city, or a blank.
    pub fn city(&self) -> String {
        given(self.city.as_deref()).map_or_else(|| BLANK.to_string(), str::to_string)
    }

    /// The academic year as text (`2024/2025`), the one given or `fallback`, or a blank.
    pub fn year_text(&self, fallback: Option<AcademicYear>) -> String {
        self.academic_year
            .or(fallback)
            .map_or_else(|| BLANK.to_string(), |y| y.to_string())
    }
}

fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}
