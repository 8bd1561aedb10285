//! Marks on a plan's items: done (on a day), not done, moved to a later day, cancelled, or
//! planned again — each with an optional note, as a deputy head records them.

use super::model::{Plan, Status};
use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};

/// A mark to make on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Done on a day.
    Done {
        /// The day.
        on: Date,
    },
    /// Not done (judged on a day, when given).
    NotDone {
        /// The day it was judged.
        on: Option<Date>,
    },
    /// Moved to a day; still to do.
    Moved {
        /// The new day.
        to: Date,
    },
    /// Not going to happen.
    Cancelled,
    /// Back to planned: the mark taken back.
    Planned,
}

impl Mark {
    /// The ids of the marks, as front ends take them.
    pub const IDS: [&'static str; 5] = ["done", "not_done", "moved", "cancelled", "planned"];

    /// A mark from a front end's parts: its id (`done`, `not_done`, `moved`, `cancelled`,
    /// `planned`), the day of a done or not-done mark, the new day of a moved one.
    ///
    /// ```
    /// use vsoko::plan::Mark;
    /// let on = "2024-12-16".parse().ok();
    /// assert_eq!(Mark::new("done", on, None).unwrap(), Mark::Done { on: on.unwrap() });
    /// assert_eq!(Mark::new("moved", None, None).unwrap_err().code(), "invalid_input");
    /// assert_eq!(Mark::new("finished", on, None).unwrap_err().code(), "invalid_input");
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] at the argument `status` for an unknown id, at `on` for a done
    /// mark without its day, at `moved_to` for a moved one without its day.
    pub fn new(status: &str, on: Option<Date>, moved_to: Option<Date>) -> Result<Mark> {
        let missing = |argument: &str, en: &str, ru: &str| Error::InvalidInput {
            at: Location::Argument(argument.into()),
            reason: InputReason::WrongArgument {
                expected: format!("{en} (YYYY-MM-DD)"),
                expected_ru: format!("{ru} (ГГГГ-ММ-ДД)"),
            },
        };
        match status {
            "done" => Ok(Mark::Done {
                on: on.ok_or_else(|| missing("on", "the day it was done", "дата выполнения"))?,
            }),
            "not_done" => Ok(Mark::NotDone { on }),
            "moved" => Ok(Mark::Moved {
                to: moved_to.ok_or_else(|| {
                    missing(
                        "moved_to",
                        "the day it is moved to",
                        "дата, на которую перенесено",
                    )
                })?,
            }),
            "cancelled" => Ok(Mark::Cancelled),
            "planned" => Ok(Mark::Planned),
            _ => Err(Error::one_of("status", &Mark::IDS)),
        }
    }
}

impl Plan {
    /// Marks item `id`; a note replaces the item's note when given.
    ///
    /// ```
    /// use vsoko::plan::{Mark, Plan, Status};
    /// let mut plan = Plan::from_json(r#"{"academic_year": "2023/24", "items": [
    ///   {"id": "1", "when": "октябрь", "content": "Анализ ВПР"}]}"#).unwrap();
    /// plan.mark("1", Mark::Moved { to: "2023-11-20".parse().unwrap() }, Some("перенос ВПР")).unwrap();
    /// assert_eq!(plan.items[0].status, Status::Moved);
    /// plan.mark("1", Mark::Done { on: "2023-11-21".parse().unwrap() }, None).unwrap();
    /// assert_eq!((plan.items[0].status, plan.items[0].note.as_deref()), (Status::Done, Some("перенос ВПР")));
    /// assert_eq!(plan.mark("9", Mark::Cancelled, None).unwrap_err().code(), "invalid_input");
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] at the argument `item` when the plan has no such item (naming
    /// the ids there are, up to ten).
    pub fn mark(&mut self, id: &str, mark: Mark, note: Option<&str>) -> Result<()> {
        let id = id.trim();
        let known: Vec<String> = self.items.iter().take(10).map(|i| i.id.clone()).collect();
        let Some(item) = self.items.iter_mut().find(|i| i.id == id) else {
            return Err(Error::InvalidInput {
                at: Location::Argument("item".into()),
                reason: InputReason::WrongArgument {
                    expected: format!("an item of the plan ({}), not {id:?}", known.join(", ")),
                    expected_ru: format!("номер пункта плана ({}), а не «{id}»", known.join(", ")),
                },
            });
        };
        match mark {
            Mark::Done { on } => {
                item.status = Status::Done;
                item.done_on = Some(on);
            }
            Mark::NotDone { on } => {
                item.status = Status::NotDone;
                item.done_on = on;
            }
            Mark::Moved { to } => {
                item.status = Status::Moved;
                item.moved_to = Some(to);
                item.done_on = None;
            }
            Mark::Cancelled => item.status = Status::Cancelled,
            Mark::Planned => {
                item.status = Status::Planned;
                item.done_on = None;
                item.moved_to = None;
            }
        }
        if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
            item.note = Some(n.to_string());
        }
        Ok(())
    }
}
