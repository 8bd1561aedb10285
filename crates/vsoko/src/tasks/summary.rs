//! Per-work summaries of [`Results`]: everything [`Results::finish`] needs of one work (school ×
//! procedure × subject × grade × year) as whole numbers, so that the rows of a region can be
//! counted in parts (a Dask partition per group of schools) and the parts combined exactly.
//! The completion over all schools is computed at `finish`, over every work combined.

use super::heading::Task;
use super::results::{Results, Tally, Work, WorkKey};
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};
use serde::{Deserialize, Serialize};

/// A task of a work and its maximum in points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryTask {
    /// The task's number as written (`9.1`).
    pub task: String,
    /// Its maximum in points.
    pub max: u32,
}

/// A class's counts in a work (`class` null: the rows without a class).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassSummary {
    /// The class, when the rows name it.
    pub class: Option<String>,
    /// Pupils who wrote the work.
    pub participants: u64,
    /// Points scored per task, aligned with the work's `tasks`.
    pub points: Vec<u64>,
    /// Pupils who wrote each task, aligned with the work's `tasks`.
    pub takers: Vec<u64>,
}

/// An ЕГЭ pupil's test score, kept for the medallists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummarySitting {
    /// The pupil as the results name them.
    pub pupil: String,
    /// Their test score (0–100).
    pub test_score: u8,
}

/// One work of one school in whole numbers (JSON integers on the wire): what
/// [`Results::summaries`] gives and [`Results::from_summaries`] takes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkSummary {
    /// The school, when the table names it.
    pub school: Option<String>,
    /// ВПР, ОГЭ, ЕГЭ…
    pub procedure: String,
    /// The subject.
    pub subject: String,
    /// The grade.
    pub grade: u8,
    /// The year.
    pub year: i32,
    /// The tasks in the order the tables gave them.
    pub tasks: Vec<SummaryTask>,
    /// Each class's counts.
    pub classes: Vec<ClassSummary>,
    /// How many pupils got the marks 2, 3, 4 and 5.
    pub marks: [u64; 4],
    /// `[score, pupils]` for each test score some pupil has, ascending.
    pub test_scores: Vec<[u64; 2]>,
    /// ЕГЭ pupils and their test scores, in the order of the rows (for the medallists).
    pub sittings: Vec<SummarySitting>,
}

fn shape(at: usize, detail: String) -> Error {
    Error::InvalidInput {
        at: Location::Position(at),
        reason: InputReason::Shape { detail },
    }
}

/// `v` as long as `n`, zeros after its end.
fn padded(v: &[u64], n: usize) -> Vec<u64> {
    (0..n).map(|i| v.get(i).copied().unwrap_or(0)).collect()
}

fn add_at(v: &mut Vec<u64>, at: usize, by: u64) {
    if v.len() <= at {
        v.resize(at + 1, 0);
    }
    if let Some(x) = v.get_mut(at) {
        *x += by;
    }
}

impl Work {
    fn summary(&self) -> WorkSummary {
        let (school, procedure, subject, grade, year) = self.key.clone();
        let n = self.tasks.len();
        WorkSummary {
            school,
            procedure,
            subject,
            grade,
            year,
            tasks: self
                .tasks
                .iter()
                .map(|t| SummaryTask {
                    task: t.task.clone(),
                    max: t.max,
                })
                .collect(),
            classes: self
                .classes
                .iter()
                .map(|(class, t)| ClassSummary {
                    class: class.clone(),
                    participants: t.participants,
                    points: padded(&t.points, n),
                    takers: padded(&t.takers, n),
                })
                .collect(),
            marks: self.marks,
            test_scores: (0u64..)
                .zip(&self.scores.counts)
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| [s, *n])
                .collect(),
            sittings: self
                .scores
                .sittings
                .iter()
                .map(|(pupil, score)| SummarySitting {
                    pupil: pupil.clone(),
                    test_score: *score,
                })
                .collect(),
        }
    }

    /// Adds a summary of the same work (the `at`-th given) to this one.
    fn absorb(&mut self, s: WorkSummary, at: usize) -> Result<()> {
        // The summary's tasks mapped to this work's (added when new; a maximum must agree).
        let mut map = Vec::with_capacity(s.tasks.len());
        for t in s.tasks {
            if let Some(k) = self.tasks.iter().position(|w| w.task == t.task) {
                if map.contains(&k) {
                    return Err(shape(at, format!("task {} is given twice", t.task)));
                }
                let other = self.tasks.get(k).map_or(t.max, |w| w.max);
                if other != t.max {
                    return Err(shape(
                        at,
                        format!(
                            "task {} has the maximum {} here and {other} in another summary of the same work",
                            t.task, t.max
                        ),
                    ));
                }
                map.push(k);
            } else {
                self.tasks.push(Task {
                    task: t.task,
                    max: t.max,
                });
                map.push(self.tasks.len() - 1);
            }
        }
        for c in s.classes {
            if c.points.len() > map.len() || c.takers.len() > map.len() {
                return Err(shape(
                    at,
                    format!(
                        "class {:?} has more counts than the work has tasks",
                        c.class.as_deref().unwrap_or("")
                    ),
                ));
            }
            let k = self
                .classes
                .iter()
                .position(|(name, _)| *name == c.class)
                .unwrap_or_else(|| {
                    self.classes.push((c.class.clone(), Tally::default()));
                    self.classes.len() - 1
                });
            let Some((_, tally)) = self.classes.get_mut(k) else {
                continue;
            };
            tally.participants += c.participants;
            for (&t, &p) in map.iter().zip(&c.points) {
                add_at(&mut tally.points, t, p);
            }
            for (&t, &n) in map.iter().zip(&c.takers) {
                add_at(&mut tally.takers, t, n);
            }
        }
        for (a, b) in self.marks.iter_mut().zip(s.marks) {
            *a += b;
        }
        for [score, n] in s.test_scores {
            let slot = usize::try_from(score)
                .ok()
                .and_then(|i| self.scores.counts.get_mut(i));
            let Some(slot) = slot else {
                return Err(shape(at, format!("test score {score} is outside 0..100")));
            };
            *slot += n;
        }
        for p in s.sittings {
            if p.test_score > 100 {
                return Err(shape(
                    at,
                    format!("test score {} is outside 0..100", p.test_score),
                ));
            }
            self.scores.sittings.push((p.pupil, p.test_score));
        }
        Ok(())
    }
}

impl Results {
    /// One summary per work, in the order of the works (school, procedure, subject, grade,
    /// year): whole numbers only, so that [`Results::from_summaries`] of the summaries of parts
    /// split by school finishes to exactly what the whole gives.
    ///
    /// ```
    /// use vsoko::tasks::{Results, ResultsColumns, TasksOptions};
    /// let header = ["school", "year", "procedure", "subject", "grade", "class", "pupil", "1 (2б)"];
    /// let c = ResultsColumns::from_header(&header, Default::default()).unwrap();
    /// fn row<'a>(s: &'a str, p: &'a str, pts: &'a str) -> [&'a str; 8] {
    ///     [s, "2025", "ВПР", "Математика", "5", "5А", p, pts]
    /// }
    /// let (mut a, mut b, mut whole) = (Results::new(), Results::new(), Results::new());
    /// a.add(&c, "", 2, &row("S1", "p1", "2"));
    /// b.add(&c, "", 3, &row("S2", "p2", "0"));
    /// whole.add(&c, "", 2, &row("S1", "p1", "2"));
    /// whole.add(&c, "", 3, &row("S2", "p2", "0"));
    /// let wire = serde_json::to_string(&a.summaries()).unwrap();
    /// let mut parts: Vec<vsoko::tasks::WorkSummary> = serde_json::from_str(&wire).unwrap();
    /// parts.extend(b.summaries());
    /// let combined = Results::from_summaries(parts).unwrap();
    /// let o = TasksOptions::default();
    /// assert_eq!(combined.finish(&o), whole.finish(&o));
    /// assert_eq!(whole.finish(&o).tasks[0].region_completion_pct.unwrap().to_string(), "50.00");
    /// ```
    pub fn summaries(&self) -> Vec<WorkSummary> {
        let mut works: Vec<&Work> = self.works.iter().collect();
        works.sort_by(|a, b| a.key.cmp(&b.key));
        works.into_iter().map(Work::summary).collect()
    }

    /// Results from the summaries of parts (see [`Results::summaries`]). Summaries of the same
    /// work add up: tasks by their number, classes by name. The rows themselves are gone, so a
    /// pupil given in two parts of one work is not found again: split the rows by school. The
    /// combined results have no row findings (each part has its own).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] at the summary's position (0-based): a task given twice in one
    /// summary, a task whose maximum differs from another summary of the same work, more counts
    /// than tasks, a test score above 100.
    pub fn from_summaries(summaries: Vec<WorkSummary>) -> Result<Results> {
        let mut r = Results::new();
        for (at, s) in summaries.into_iter().enumerate() {
            let key: WorkKey = (
                s.school.clone(),
                s.procedure.clone(),
                s.subject.clone(),
                s.grade,
                s.year,
            );
            let w = if let Some(&w) = r.index.get(&key) {
                w
            } else {
                r.index.insert(key.clone(), r.works.len());
                r.works.push(Work::new(key));
                r.works.len() - 1
            };
            if let Some(work) = r.works.get_mut(w) {
                work.absorb(s, at)?;
            }
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::{Medallist, ResultsColumns, TasksOptions};
    use proptest::prelude::*;

    const HEADER: [&str; 12] = [
        "school",
        "year",
        "procedure",
        "subject",
        "grade",
        "class",
        "pupil",
        "1 (1б)",
        "2 (2б)",
        "3 (3б)",
        "mark",
        "test_score",
    ];

    fn columns() -> ResultsColumns {
        ResultsColumns::from_header(&HEADER, crate::objectivity::FileContext::default()).unwrap()
    }

    fn results(rows: &[Vec<String>]) -> Results {
        let c = columns();
        let mut r = Results::new();
        for (i, row) in rows.iter().enumerate() {
            r.add(&c, "t.csv", i + 2, row);
        }
        r
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_string()).collect()
    }

    fn combined(parts: &[Vec<Vec<String>>]) -> Results {
        let mut all = Vec::new();
        for p in parts {
            // Through JSON, as the summaries travel between processes.
            let wire = serde_json::to_string(&results(p).summaries()).unwrap();
            let back: Vec<WorkSummary> = serde_json::from_str(&wire).unwrap();
            all.extend(back);
        }
        Results::from_summaries(all).unwrap()
    }

    fn medallists() -> Vec<Medallist> {
        ["p1", "p2", "p7"]
            .iter()
            .map(|p| Medallist {
                school: None,
                pupil: (*p).to_string(),
            })
            .collect()
    }

    #[test]
    fn one_work_split_in_two_adds_up_and_a_differing_maximum_is_refused() {
        let rows = vec![
            row(&[
                "S1",
                "2025",
                "ВПР",
                "Математика",
                "5",
                "5А",
                "p1",
                "1",
                "2",
                "Х",
                "4",
                "",
            ]),
            row(&[
                "S1",
                "2025",
                "ВПР",
                "Математика",
                "5",
                "5Б",
                "p2",
                "0",
                "1",
                "3",
                "3",
                "",
            ]),
            row(&[
                "S1",
                "2025",
                "ЕГЭ",
                "Физика",
                "11",
                "",
                "p3",
                "",
                "",
                "",
                "",
                "71",
            ]),
            row(&[
                "S1",
                "2025",
                "ЕГЭ",
                "Физика",
                "11",
                "",
                "p1",
                "",
                "",
                "",
                "",
                "35",
            ]),
        ];
        let o = TasksOptions {
            medallists: Some(&medallists()),
            ..TasksOptions::default()
        };
        let whole = results(&rows).finish(&o);
        let parts = [rows[..1].to_vec(), rows[1..3].to_vec(), rows[3..].to_vec()];
        assert_eq!(combined(&parts).finish(&o), whole);
        assert_eq!(whole.medallists.len(), 1);

        let mut s = results(&rows).summaries();
        let mut other = s[1].clone();
        other.tasks[0].max = 5;
        s.push(other);
        let e = Results::from_summaries(s).unwrap_err();
        assert!(e.to_string().contains("position 2"), "{e}");
        assert!(e.to_string().contains("task 1 has the maximum 5"), "{e}");
    }

    #[test]
    fn summaries_carry_integers_as_json_integers() {
        let rows = vec![row(&[
            "S1",
            "2025",
            "ЕГЭ",
            "Физика",
            "11",
            "11А",
            "p1",
            "1",
            "2",
            "3",
            "5",
            "80",
        ])];
        let json = serde_json::to_value(results(&rows).summaries()).unwrap();
        let s = &json[0];
        assert_eq!(s["classes"][0]["points"], serde_json::json!([1, 2, 3]));
        assert_eq!(s["test_scores"], serde_json::json!([[80, 1]]));
        assert_eq!(s["marks"], serde_json::json!([0, 0, 0, 1]));
        assert_eq!(s["grade"], serde_json::json!(11));
    }

    fn cell(max: u32) -> impl Strategy<Value = String> {
        prop_oneof![
            6 => (0..=max).prop_map(|p| p.to_string()),
            1 => Just("Х".to_string()),
            1 => Just(String::new()),
        ]
    }

    fn pupil_row() -> impl Strategy<Value = Vec<String>> {
        (
            0..4usize,
            0..2usize,
            0..2usize,
            prop_oneof![Just(""), Just("А"), Just("Б")],
            0..12u32,
            (cell(1), cell(2), cell(3)),
            prop_oneof![Just(String::new()), (2..=5u8).prop_map(|m| m.to_string())],
            prop_oneof![Just(String::new()), (0..=100u8).prop_map(|s| s.to_string())],
        )
            .prop_map(
                |(school, procedure, subject, class, pupil, (a, b, c), mark, score)| {
                    let procedure = ["ВПР", "ЕГЭ"][procedure];
                    let grade = if procedure == "ЕГЭ" { "11" } else { "5" };
                    vec![
                        format!("S{school}"),
                        "2025".into(),
                        procedure.into(),
                        ["Математика", "Физика"][subject].into(),
                        grade.into(),
                        class.into(),
                        format!("p{pupil}"),
                        a,
                        b,
                        c,
                        mark,
                        score,
                    ]
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn parts_split_by_school_combine_to_the_whole(
            rows in proptest::collection::vec(pupil_row(), 0..60),
            part_of in proptest::collection::vec(0..3usize, 4),
            weak in 0..=100u32,
        ) {
            let parts_n = part_of.iter().max().map_or(1, |m| m + 1);
            let mut parts = vec![Vec::new(); parts_n];
            for r in &rows {
                let school: usize = r[0][1..].parse().unwrap();
                parts[part_of[school]].push(r.clone());
            }
            let list = medallists();
            let o = TasksOptions {
                weak_below: weak.into(),
                medallists: Some(&list),
                ..TasksOptions::default()
            };
            prop_assert_eq!(combined(&parts).finish(&o), results(&rows).finish(&o));
        }
    }
}
