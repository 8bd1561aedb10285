//! One entry point for the plan's views: a front end passes the user's choice of view (by its id
//! and the argument the view needs) and of format straight through, and gets the document. The
//! views' data are in `views`, their Markdown and HTML in `pages`.

use super::model::Plan;
use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::format::Format;
use crate::reason::{InputReason, Location};

/// Which view, by id: what a front end reads from the user (`--view agenda`).
///
/// ```
/// use vsoko::plan::ViewKind;
/// assert_eq!("due".parse::<ViewKind>().unwrap(), ViewKind::Due);
/// assert_eq!(ViewKind::Cyclogram.as_str(), "cyclogram");
/// assert_eq!("month".parse::<ViewKind>().unwrap_err().code(), "invalid_input");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewKind {
    /// The cyclogram: months across, mechanisms or objects down.
    Cyclogram,
    /// One person's items (needs a name or role).
    Agenda,
    /// What is due in a month and what is overdue (needs a date).
    Due,
    /// Done ÷ due per month, object and responsible (as of a date, or the whole year).
    Completion,
}

impl ViewKind {
    /// Every view, in the order front ends list them.
    pub const ALL: [ViewKind; 4] = [
        ViewKind::Cyclogram,
        ViewKind::Agenda,
        ViewKind::Due,
        ViewKind::Completion,
    ];

    /// The view's id: `cyclogram`, `agenda`, `due`.
    pub fn as_str(self) -> &'static str {
        match self {
            ViewKind::Cyclogram => "cyclogram",
            ViewKind::Agenda => "agenda",
            ViewKind::Due => "due",
            ViewKind::Completion => "completion",
        }
    }

    /// The view with the argument it needs, as a front end has them: `responsible` (any part of
    /// a name or role) for the agenda, `as_of` (`YYYY-MM-DD`) for the due view (and, when given,
    /// for the completion view). An argument the
    /// view does not use is ignored, as the command line always has.
    ///
    /// ```
    /// use vsoko::plan::{View, ViewKind};
    /// let due = ViewKind::Due.with(None, Some("2024-03-01")).unwrap();
    /// assert!(matches!(due, View::Due { .. }));
    /// assert_eq!(ViewKind::Agenda.with(None, None).unwrap_err().code(), "invalid_input");
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] at the argument `responsible` or `as_of` when the view needs it
    /// and it is absent; [`Error::InvalidDate`] when `as_of` is not a date.
    pub fn with(self, responsible: Option<&str>, as_of: Option<&str>) -> Result<View> {
        let missing = |argument: &str, expected: &str, expected_ru: &str| Error::InvalidInput {
            at: Location::Argument(argument.into()),
            reason: InputReason::WrongArgument {
                expected: expected.into(),
                expected_ru: expected_ru.into(),
            },
        };
        match self {
            ViewKind::Cyclogram => Ok(View::Cyclogram),
            ViewKind::Agenda => responsible
                .map(|r| View::Agenda {
                    responsible: r.to_string(),
                })
                .ok_or_else(|| {
                    missing(
                        "responsible",
                        "a name or role (any part of it) for the agenda view",
                        "имя или должность (любая часть) для вида agenda",
                    )
                }),
            ViewKind::Due => {
                let text = as_of.ok_or_else(|| {
                    missing(
                        "as_of",
                        "a date YYYY-MM-DD for the due view",
                        "дата ГГГГ-ММ-ДД для вида due",
                    )
                })?;
                Ok(View::Due { as_of: date(text)? })
            }
            ViewKind::Completion => Ok(View::Completion {
                as_of: as_of.map(date).transpose()?,
            }),
        }
    }
}

fn date(text: &str) -> Result<Date> {
    text.parse().map_err(|reason| Error::InvalidDate {
        field: "as_of".into(),
        value: text.into(),
        reason,
    })
}

impl std::fmt::Display for ViewKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ViewKind {
    type Err = Error;

    /// Reads a view id (exactly as [`ViewKind::as_str`] writes it).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] at the argument `view` naming the views there are.
    fn from_str(id: &str) -> Result<ViewKind> {
        ViewKind::ALL
            .into_iter()
            .find(|v| v.as_str() == id)
            .ok_or_else(|| Error::one_of("view", &ViewKind::ALL.map(ViewKind::as_str)))
    }
}

/// A view of the plan with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The cyclogram ([`Plan::cyclogram`]).
    Cyclogram,
    /// One person's items ([`Plan::agenda`]).
    Agenda {
        /// Any part of a name or role, case-insensitive.
        responsible: String,
    },
    /// What is due in the month of `as_of` and what is overdue by then ([`Plan::due`]).
    Due {
        /// The date asked.
        as_of: Date,
    },
    /// Done ÷ due ([`Plan::completion`]).
    Completion {
        /// The day judged by; `None` for the whole year.
        as_of: Option<Date>,
    },
}

impl View {
    /// Which view this is.
    pub fn kind(&self) -> ViewKind {
        match self {
            View::Cyclogram => ViewKind::Cyclogram,
            View::Agenda { .. } => ViewKind::Agenda,
            View::Due { .. } => ViewKind::Due,
            View::Completion { .. } => ViewKind::Completion,
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

impl Plan {
    /// A view of the plan as a document: Markdown, a self-contained HTML page (every piece of
    /// plan text escaped, scripts forbidden), or the view's data as pretty JSON. Every document
    /// ends with a line end.
    ///
    /// ```
    /// use vsoko::format::Format;
    /// use vsoko::plan::View;
    /// let plan = vsoko::plan::template("cyclogram-2023", "2024/25".parse().unwrap()).unwrap();
    /// let page = plan.render(&View::Agenda { responsible: "директор".into() }, Format::Html);
    /// assert!(page.contains("<h1>План работы: директор</h1>"));
    /// let md = plan.render(&View::Cyclogram, Format::Markdown);
    /// assert!(md.starts_with("## Циклограмма ВСОКО на 2024/25 учебный год"));
    /// ```
    pub fn render(&self, view: &View, format: Format) -> String {
        match view {
            View::Cyclogram => {
                let c = self.cyclogram();
                match format {
                    Format::Markdown => c.to_markdown(),
                    Format::Html => c.to_html(),
                    Format::Json => json(&c),
                }
            }
            View::Agenda { responsible } => {
                let a = self.agenda(responsible);
                match format {
                    Format::Markdown => a.to_markdown(),
                    Format::Html => a.to_html(),
                    Format::Json => json(&a),
                }
            }
            View::Due { as_of } => {
                let d = self.due(*as_of);
                match format {
                    Format::Markdown => d.to_markdown(),
                    Format::Html => d.to_html(),
                    Format::Json => json(&d),
                }
            }
            View::Completion { as_of } => {
                let c = self.completion(*as_of);
                match format {
                    Format::Markdown => c.to_markdown(),
                    Format::Html => c.to_html(),
                    Format::Json => json(&c),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = "<script>alert(1)</script>";

    /// A plan whose every piece of text a view shows carries a script.
    fn plan() -> Plan {
        let json = serde_json::json!({
            "academic_year": "2023/24",
            "mechanisms": [SCRIPT],
            "items": [{
                "id": "1", "when": "март", "content": SCRIPT, "mechanism": SCRIPT,
                "responsible": [format!("зам {SCRIPT}")], "result": SCRIPT
            }]
        });
        Plan::from_json(&json.to_string()).unwrap()
    }

    fn views() -> [View; 3] {
        [
            View::Cyclogram,
            View::Agenda {
                responsible: "зам".into(),
            },
            View::Due {
                as_of: "2024-03-10".parse().unwrap(),
            },
        ]
    }

    #[test]
    fn every_view_in_every_format_escapes_the_plans_text() {
        let plan = plan();
        for view in views() {
            let html = plan.render(&view, Format::Html);
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{view:?}: {html}"
            );
            assert!(!html.contains("<script"), "{view:?}: {html}");
            assert!(html.contains(crate::output::html::CSP), "{view:?}");
            assert!(html.ends_with("</html>\n"), "{view:?}");

            let md = plan.render(&view, Format::Markdown);
            assert!(
                md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{view:?}: {md}"
            );
            assert!(!md.contains("<script"), "{view:?}: {md}");

            let json = plan.render(&view, Format::Json);
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert!(value.to_string().contains(SCRIPT), "{view:?}: {json}");
            assert!(json.ends_with("}\n"), "{view:?}");
        }
    }

    #[test]
    fn render_is_the_views_own_document() {
        let plan = plan();
        let as_of = "2024-03-10".parse().unwrap();
        assert_eq!(
            plan.render(&View::Cyclogram, Format::Html),
            plan.cyclogram().to_html()
        );
        assert_eq!(
            plan.render(&views()[1], Format::Markdown),
            plan.agenda("зам").to_markdown()
        );
        assert_eq!(
            plan.render(&View::Due { as_of }, Format::Html),
            plan.due(as_of).to_html()
        );
    }

    #[test]
    fn ids_round_trip_and_unknown_ones_name_the_choices() {
        for kind in ViewKind::ALL {
            assert_eq!(kind.as_str().parse::<ViewKind>().unwrap(), kind);
        }
        for format in Format::ALL {
            assert_eq!(format.as_str().parse::<Format>().unwrap(), format);
        }
        let e = "xlsx".parse::<Format>().unwrap_err();
        assert!(e.to_string().contains("markdown, html, json"), "{e}");
        let e = "Agenda".parse::<ViewKind>().unwrap_err();
        assert!(
            e.message_ru().contains("cyclogram, agenda, due"),
            "{}",
            e.message_ru()
        );
    }

    #[test]
    fn a_view_asks_for_the_argument_it_needs() {
        assert_eq!(
            ViewKind::Cyclogram.with(None, Some("not a date")).unwrap(),
            View::Cyclogram
        );
        assert_eq!(
            ViewKind::Agenda.with(Some("зам"), None).unwrap(),
            View::Agenda {
                responsible: "зам".into()
            }
        );
        let e = ViewKind::Agenda.with(None, None).unwrap_err();
        assert!(e.to_string().contains("responsible"), "{e}");
        let e = ViewKind::Due.with(None, None).unwrap_err();
        assert!(e.to_string().contains("as_of"), "{e}");
        let e = ViewKind::Due.with(None, Some("2024-13-01")).unwrap_err();
        assert_eq!(e.code(), "invalid_date");
        assert_eq!(
            ViewKind::Due.with(None, Some("2024-03-10")).unwrap().kind(),
            ViewKind::Due
        );
    }
}
