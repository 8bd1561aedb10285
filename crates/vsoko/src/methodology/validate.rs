//! Checks the shape of a methodology description (ids, titles, groups, levels, inputs, the
//! version), reporting every problem at once. Rules, aggregations and maxima are checked when
//! they are built (`build.rs`).

use super::bands::flaws;
use super::id_map::IdSet;
use super::inputs::{InputSpec, MeasureKind};
use super::model::{GroupSpec, LevelBand, MethodologySpec};
use crate::reason::{Flaw, Place, Problem};
use rust_decimal::Decimal;

/// Returns every shape problem of `spec`.
pub(crate) fn problems(spec: &MethodologySpec) -> Vec<Problem> {
    let mut v = Validator::default();
    if !(1..=super::model::FORMAT_VERSION).contains(&spec.format_version) {
        v.push(
            Place::Field("format_version"),
            Flaw::UnsupportedVersion {
                found: spec.format_version,
                newest: super::model::FORMAT_VERSION,
            },
        );
    }
    if spec.id.trim().is_empty() {
        v.push(Place::Field("id"), Flaw::BadId(spec.id.clone()));
    }
    if spec.title.trim().is_empty() {
        v.push(Place::Field("title"), Flaw::EmptyTitle);
    }
    if spec.groups.is_empty() {
        v.push(Place::Field("groups"), Flaw::NoGroups);
    }
    if spec.format_version == 1 {
        v.version_1(spec);
    }
    if let Some(r) = &spec.rounding
        && r.places > 28
    {
        v.push(Place::Field("rounding"), Flaw::TooManyPlaces(r.places));
    }
    let mut input_ids = IdSet::default();
    for input in &spec.inputs {
        v.input(input, &mut input_ids);
    }
    for g in &spec.groups {
        v.group(g);
    }
    v.levels(&spec.levels);
    v.problems
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    ids: IdSet,
}

impl Validator {
    fn push(&mut self, at: Place, flaw: Flaw) {
        self.problems.push(Problem { at, flaw });
    }

    /// Version 1 has only points rules, sums and no rounding or inputs.
    fn version_1(&mut self, spec: &MethodologySpec) {
        if !spec.inputs.is_empty() {
            self.push(Place::Field("inputs"), Flaw::NeedsVersion2("inputs"));
        }
        if spec.rounding.is_some() {
            self.push(Place::Field("rounding"), Flaw::NeedsVersion2("rounding"));
        }
        if !spec.aggregation.is_sum() {
            self.push(
                Place::Field("aggregation"),
                Flaw::NeedsVersion2("aggregation"),
            );
        }
        let mut stack: Vec<&GroupSpec> = spec.groups.iter().collect();
        while let Some(g) = stack.pop() {
            if !g.aggregation.is_sum() {
                self.push(
                    Place::Group(g.id.clone()),
                    Flaw::NeedsVersion2("aggregation"),
                );
            }
            for ind in &g.indicators {
                if !ind.rule.is_default() {
                    self.push(
                        Place::Indicator(ind.id.clone()),
                        Flaw::NeedsVersion2("rule"),
                    );
                }
            }
            stack.extend(&g.groups);
        }
    }

    fn id(&mut self, at: impl Fn(String) -> Place, id: &str) {
        if id.trim().is_empty() || id != id.trim() {
            self.push(at(id.to_string()), Flaw::BadId(id.to_string()));
        } else if !self.ids.insert(id.to_string()) {
            self.push(at(id.to_string()), Flaw::DuplicateId);
        }
    }

    fn input(&mut self, input: &InputSpec, seen: &mut IdSet) {
        let at = || Place::Input(input.id.clone());
        if input.id.trim().is_empty() || input.id != input.id.trim() {
            self.push(at(), Flaw::BadId(input.id.clone()));
        } else if !seen.insert(input.id.clone()) {
            self.push(at(), Flaw::DuplicateId);
        }
        if input.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            self.push(at(), Flaw::EmptyTitle);
        }
        match input.kind {
            MeasureKind::Points if input.max.is_none() => {
                self.push(at(), Flaw::BadBound("a points input needs max"));
            }
            MeasureKind::Points | MeasureKind::Count if input.min.is_some() => {
                self.push(
                    at(),
                    Flaw::BadBound("points and counts start at 0; min is not allowed"),
                );
            }
            MeasureKind::YesNo if input.min.is_some() || input.max.is_some() => {
                self.push(at(), Flaw::BadBound("a yes/no input has no bounds"));
            }
            _ => {}
        }
        let lowest = match input.kind {
            MeasureKind::Number => input.min,
            _ => Some(Decimal::ZERO),
        };
        if let (Some(min), Some(max)) = (lowest, input.max)
            && min > max
        {
            self.push(at(), Flaw::BoundsReversed { min, max });
        }
    }

    fn group(&mut self, g: &GroupSpec) {
        self.id(Place::Group, &g.id);
        let at = || Place::Group(g.id.clone());
        if g.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            self.push(at(), Flaw::EmptyTitle);
        }
        match (g.groups.is_empty(), g.indicators.is_empty()) {
            (true, true) => self.push(at(), Flaw::EmptyGroup),
            (false, false) => self.push(at(), Flaw::MixedGroup),
            _ => {}
        }
        for c in &g.groups {
            self.group(c);
        }
        for ind in &g.indicators {
            self.id(Place::Indicator, &ind.id);
            let at = || Place::Indicator(ind.id.clone());
            if ind.cap <= Decimal::ZERO {
                self.push(at(), Flaw::CapNotPositive(ind.cap));
            }
            if ind.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
                self.push(at(), Flaw::EmptyTitle);
            }
        }
    }

    fn levels(&mut self, levels: &[LevelBand]) {
        let mut seen = IdSet::default();
        let at = |i: usize| Place::Level {
            index: i,
            id: levels.get(i).map(|b| b.id.clone()).unwrap_or_default(),
        };
        for (i, band) in levels.iter().enumerate() {
            if band.id.trim().is_empty() {
                self.push(at(i), Flaw::BadId(band.id.clone()));
            } else if !seen.insert(band.id.clone()) {
                self.push(at(i), Flaw::DuplicateId);
            }
        }
        if !levels.is_empty() {
            for (i, flaw) in flaws(levels) {
                self.push(at(i), Flaw::Band(flaw));
            }
        }
    }
}
