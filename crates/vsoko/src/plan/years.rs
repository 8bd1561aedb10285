//! Plans over several academic years («План мероприятий по внедрению и развитию ВСОКО»
//! (школа-интернат № 3): «январь 2020», «май 2020 – май 2025»): items keep their whole span, and
//! [`Plan::in_year`] gives the part in one year, the plan every view and check reads.

use super::model::{Plan, Status};
use super::period::{Schedule, ScheduleKind};
use crate::calendar::{AcademicYear, YearMonth};

impl Plan {
    /// The plan's first and last academic years (the same for a plan of one year).
    pub fn years(&self) -> (AcademicYear, AcademicYear) {
        let first = self.academic_year;
        (first, self.until_year.map_or(first, |l| l.max(first)))
    }

    /// Every academic year the plan covers, in order.
    pub fn academic_years(&self) -> Vec<AcademicYear> {
        let (first, last) = self.years();
        (first.start()..=last.start())
            .filter_map(AcademicYear::new)
            .collect()
    }

    /// The part of the plan in one of its years: items whose months fall in it, with only those
    /// months; items of all year and those bound to an event; the plan of that year alone.
    /// Marks (done, moved) stay with their items.
    ///
    /// ```
    /// let plan = vsoko::plan::Plan::from_json(r#"{"academic_year": "2019/20", "until_year": "2024/25", "items": [
    ///   {"id": "1", "when": "январь 2020", "content": "Решение о создании ВСОКО"},
    ///   {"id": "8", "when": "май 2020 – май 2025", "content": "Планы корректирующих мероприятий"}]}"#).unwrap();
    /// let year = plan.in_year("2022/23".parse().unwrap());
    /// assert_eq!(year.items.len(), 1);
    /// assert_eq!(year.items[0].schedule.as_ref().unwrap().months.len(), 12);
    /// assert_eq!(year.items[0].when, "май 2020 – май 2025");
    /// ```
    #[must_use]
    pub fn in_year(&self, year: AcademicYear) -> Plan {
        let mut out = Plan::new(self.organization.clone(), year);
        out.last_nok = self.last_nok;
        out.mechanisms.clone_from(&self.mechanisms);
        for item in &self.items {
            let moved_here = item
                .moved_to
                .and_then(|d| YearMonth::new(d.year(), d.month()))
                .is_some_and(|m| year.contains(m) && item.status == Status::Moved);
            let keep = match &item.schedule {
                Some(Schedule {
                    kind: ScheduleKind::Months,
                    months,
                }) => {
                    let inside: Vec<YearMonth> = months
                        .iter()
                        .copied()
                        .filter(|m| year.contains(*m))
                        .collect();
                    if inside.is_empty() && !moved_here {
                        None
                    } else {
                        let mut item = item.clone();
                        item.schedule = Some(Schedule::months(inside));
                        Some(item)
                    }
                }
                _ => Some(item.clone()),
            };
            out.items.extend(keep);
        }
        out
    }
}

/// The academic years a table's periods name, when its title names none: from the year of the
/// earliest month to that of the latest (`январь 2020` … `май 2025` → 2019/20 to 2024/25).
/// `None` when no period names a calendar year.
pub(super) fn years_of_periods<'a>(
    periods: impl Iterator<Item = &'a str>,
) -> Option<(AcademicYear, AcademicYear)> {
    let wide = (AcademicYear::new(1990)?, AcademicYear::new(2099)?);
    let mut span: Option<(YearMonth, YearMonth)> = None;
    for text in periods {
        // Only periods that write a year: a bare «январь» says nothing of which year.
        if !text
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4)
        {
            continue;
        }
        let Ok(s) = Schedule::parse_in(text, wide.0, wide.1) else {
            continue;
        };
        for m in s.months {
            span = Some(span.map_or((m, m), |(a, b)| (a.min(m), b.max(m))));
        }
    }
    let (a, b) = span?;
    Some((AcademicYear::of(a)?, AcademicYear::of(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_years_of_periods_span_the_earliest_to_the_latest() {
        let y = |s: &str| s.parse::<AcademicYear>().unwrap();
        assert_eq!(
            years_of_periods(
                [
                    "январь 2020",
                    "Январь – март 2020",
                    "май 2020 – май 2025",
                    "в течение года"
                ]
                .into_iter()
            ),
            Some((y("2019/20"), y("2024/25")))
        );
        assert_eq!(
            years_of_periods(["январь", "по итогам года"].into_iter()),
            None
        );
        assert_eq!(
            years_of_periods(["сентябрь 2021г."].into_iter()),
            Some((y("2021/22"), y("2021/22")))
        );
    }
}
