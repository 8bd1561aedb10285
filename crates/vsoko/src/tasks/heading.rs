//! A task column's heading as the federal exports write it: «1 (2б)», «9.1 (1б)», «12 (2 б.)» —
//! the task's number and its maximum in points.

use std::cmp::Ordering;

/// A task and its maximum, from a column heading.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Task {
    /// The task's number as written: `1`, `9.1`.
    pub task: String,
    /// The most points it gives.
    pub max: u32,
}

/// What a heading says about a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heading {
    /// A task with its maximum.
    Task(Task),
    /// A task's number without its maximum (`1`, `Задание 9.1`): the column cannot be read.
    WithoutMax,
    /// Not a task column.
    Other,
}

impl Heading {
    /// Reads a heading.
    ///
    /// ```
    /// use vsoko::tasks::{Heading, Task};
    /// assert_eq!(Heading::read("9.1 (2б)"), Heading::Task(Task { task: "9.1".into(), max: 2 }));
    /// assert_eq!(Heading::read("12 (3 б.)"), Heading::Task(Task { task: "12".into(), max: 3 }));
    /// assert_eq!(Heading::read("Задание 4"), Heading::WithoutMax);
    /// assert_eq!(Heading::read("Отметка"), Heading::Other);
    /// ```
    pub fn read(heading: &str) -> Heading {
        let h = heading.trim().trim_start_matches('\u{feff}').to_lowercase();
        if let Some((number, rest)) = h.split_once('(') {
            let number = number.trim();
            if !is_number(number) {
                return Heading::Other;
            }
            let Some(inner) = rest.trim_end().strip_suffix(')') else {
                return Heading::WithoutMax;
            };
            let inner = inner.trim().trim_end_matches('.').trim_end();
            let Some(points) = inner.strip_suffix('б') else {
                return Heading::WithoutMax;
            };
            return match points.trim().parse::<u32>() {
                Ok(max) if max > 0 => Heading::Task(Task {
                    task: number.to_string(),
                    max,
                }),
                _ => Heading::WithoutMax,
            };
        }
        let bare = ["задание", "зад.", "№"]
            .iter()
            .find_map(|p| h.strip_prefix(p))
            .unwrap_or(&h)
            .trim();
        if is_number(bare) {
            Heading::WithoutMax
        } else {
            Heading::Other
        }
    }
}

/// `1`, `9.1`, `10.2.1`: digits, parts joined by dots.
fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// Tasks in the order of their numbers: 1, 2, …, 9.1, 9.2, 10.
///
/// ```
/// let mut t = vec!["10", "9.2", "2", "9.1"];
/// t.sort_by(|a, b| vsoko::tasks::task_order(a, b));
/// assert_eq!(t, ["2", "9.1", "9.2", "10"]);
/// ```
pub fn task_order(a: &str, b: &str) -> Ordering {
    let parts = |s: &str| -> Vec<u64> {
        s.split('.')
            .map(|p| p.parse().unwrap_or(u64::MAX))
            .collect()
    };
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}
