//! Checks a methodology description before it is used, reporting every problem at once.

use super::model::{FORMAT_VERSION, GroupSpec, LevelBand, MethodologySpec};
use crate::decimal::checked_sum;
use crate::error::Problem;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Returns every problem of `spec`; an empty list means it can be scored.
pub(crate) fn problems(spec: &MethodologySpec) -> Vec<Problem> {
    let mut v = Validator::default();
    if spec.format_version != FORMAT_VERSION {
        v.push(
            "format_version",
            format!(
                "format_version {} is not supported; this library reads {FORMAT_VERSION}",
                spec.format_version
            ),
        );
    }
    if spec.id.trim().is_empty() {
        v.push("id", "the methodology id is empty".into());
    }
    if spec.title.trim().is_empty() {
        v.push("title", "the methodology title is empty".into());
    }
    if spec.groups.is_empty() {
        v.push("groups", "a methodology needs at least one group".into());
    }
    let maxima: Vec<Option<Decimal>> = spec.groups.iter().map(|g| v.group(g)).collect();
    let total = maxima.into_iter().collect::<Option<Vec<_>>>().map(|m| {
        let sum = checked_sum(m);
        if sum.is_none() {
            v.push(
                "max",
                "the maxima of the groups add up past the decimal range (about 7.9e28)".into(),
            );
        }
        sum
    });
    if let (Some(declared), Some(Some(total))) = (spec.max, total)
        && declared != total
    {
        v.push(
            "max",
            format!("declared maximum {declared} differs from the sum of the groups, {total}"),
        );
    }
    v.levels(&spec.levels);
    v.problems
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    ids: HashSet<String>,
}

impl Validator {
    fn push(&mut self, path: impl Into<String>, message: String) {
        self.problems.push(Problem {
            path: path.into(),
            message,
        });
    }

    fn id(&mut self, what: &str, id: &str) {
        if id.trim().is_empty() || id != id.trim() {
            self.push(
                format!("{what} \"{id}\""),
                "ids must be non-empty and have no surrounding spaces".into(),
            );
        } else if !self.ids.insert(id.to_string()) {
            self.push(
                format!("{what} {id}"),
                "this id is used more than once".into(),
            );
        }
    }

    /// Checks a group and returns the maximum computed from its children, `None` when it does
    /// not fit a decimal (reported on the innermost group where the sum overflows).
    fn group(&mut self, g: &GroupSpec) -> Option<Decimal> {
        self.id("group", &g.id);
        let path = format!("group {}", g.id);
        if g.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            self.push(
                &path,
                "the title is empty; write null when the source gives none".into(),
            );
        }
        match (g.groups.is_empty(), g.indicators.is_empty()) {
            (true, true) => self.push(&path, "the group has neither groups nor indicators".into()),
            (false, false) => self.push(
                &path,
                "a group holds either sub-groups or indicators, not both".into(),
            ),
            _ => {}
        }
        let children: Vec<Option<Decimal>> = g.groups.iter().map(|c| self.group(c)).collect();
        let mut parts: Vec<Decimal> = Vec::with_capacity(children.len() + g.indicators.len());
        let mut fits = true;
        for c in children {
            match c {
                Some(c) => parts.push(c),
                None => fits = false,
            }
        }
        for ind in &g.indicators {
            self.id("indicator", &ind.id);
            if ind.cap <= Decimal::ZERO {
                self.push(
                    format!("indicator {}", ind.id),
                    format!("cap must be greater than 0, found {}", ind.cap),
                );
            }
            if ind.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
                self.push(
                    format!("indicator {}", ind.id),
                    "the title is empty; write null when the source gives none".into(),
                );
            }
            parts.push(ind.cap.max(Decimal::ZERO));
        }
        if !fits {
            return None;
        }
        let Some(max) = checked_sum(parts) else {
            self.push(
                path,
                "the maxima of its parts add up past the decimal range (about 7.9e28)".into(),
            );
            return None;
        };
        if let Some(declared) = g.max
            && declared != max
        {
            self.push(
                path,
                format!("declared maximum {declared} differs from the sum of its parts, {max}"),
            );
        }
        Some(max)
    }

    fn levels(&mut self, levels: &[LevelBand]) {
        let mut seen = HashSet::new();
        let last = levels.len().saturating_sub(1);
        for (i, band) in levels.iter().enumerate() {
            let path = format!("levels[{i}] ({})", band.id);
            if band.id.trim().is_empty() {
                self.push(&path, "the level id is empty".into());
            } else if !seen.insert(band.id.as_str()) {
                self.push(&path, "this level id is used more than once".into());
            }
            if let (Some(from), Some(to)) = (band.from, band.to)
                && from >= to
            {
                self.push(
                    &path,
                    format!("the band is empty: from {from} is not below to {to}"),
                );
            }
            if band.from.is_none() && i != 0 {
                self.push(&path, "only the lowest band may have no lower bound".into());
            }
            if band.to.is_none() && i != last {
                self.push(
                    &path,
                    "only the highest band may have no upper bound".into(),
                );
            }
        }
        for (i, pair) in levels.windows(2).enumerate() {
            if let [lo, hi] = pair
                && let (Some(to), Some(from)) = (lo.to, hi.from)
                && from < to
            {
                self.push(
                    format!("levels[{}] ({})", i + 1, hi.id),
                    format!(
                        "bands must be ordered lowest first and must not overlap: \
                                 it starts at {from}, below the end {to} of \"{}\"",
                        lo.id
                    ),
                );
            }
        }
    }
}
