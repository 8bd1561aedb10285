//! Building a methodology from its description: inputs (declared, then the implicit input of
//! each `points` indicator), the tree flattened in reading order, rules and aggregations bound to
//! positions, and every maximum computed by [`combine`] — reporting every problem on the way.

use super::aggregation::{AggregationType, Combine, Part, combine};
use super::id_map::IdMap;
use super::inputs::{Input, MeasureKind};
use super::model::{GroupSpec, MethodologySpec};
use super::rules::{self, Build, RuleType};
use super::{Group, Indicator, Methodology};
use crate::methodology::aggregation::Aggregation;
use crate::reason::{Flaw, Place, Problem};
use rust_decimal::Decimal;

/// The parts of a methodology built from a description.
pub(super) struct Built {
    pub groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
    pub inputs: Vec<Input>,
    pub max: Decimal,
}

/// Builds the parts, pushing every problem found to `problems`.
pub(super) fn build(spec: &MethodologySpec, problems: &mut Vec<Problem>) -> Built {
    let mut b = Builder {
        inputs: spec.inputs.iter().map(Input::from_spec).collect(),
        input_index: IdMap::default(),
        groups: Vec::new(),
        indicators: Vec::new(),
        problems,
    };
    for (pos, input) in b.inputs.iter().enumerate() {
        b.input_index
            .entry(input.id.clone())
            .or_insert((pos, input.kind));
    }
    for g in &spec.groups {
        b.implicit_inputs(g);
    }
    let tops: Vec<Option<Part>> = spec.groups.iter().map(|g| b.group(g, None, 0).1).collect();
    let how = b.combine(
        &spec.aggregation,
        &spec
            .groups
            .iter()
            .map(|g| g.id.as_str())
            .collect::<Vec<_>>(),
        &Place::Field("aggregation"),
    );
    let max = match tops.into_iter().collect::<Option<Vec<_>>>() {
        Some(parts) => how
            .and_then(|h| combine(&h, &parts).map(|p| p.max))
            .unwrap_or_else(|| {
                b.flaw(Place::Field("max"), Flaw::Overflow);
                Decimal::MAX
            }),
        None => Decimal::MAX,
    };
    if let Some(declared) = spec.max
        && max != Decimal::MAX
        && declared != max
    {
        b.flaw(
            Place::Field("max"),
            Flaw::MaxMismatch {
                declared,
                computed: max,
            },
        );
    }
    Built {
        groups: b.groups,
        indicators: b.indicators,
        inputs: b.inputs,
        max,
    }
}

/// How the total combines the top-level groups.
pub(super) fn total_combine(m: &Methodology) -> Combine {
    let mut ignored = Vec::new();
    let ids: Vec<&str> = m.spec().groups.iter().map(|g| g.id.as_str()).collect();
    combine_of(
        &m.spec().aggregation,
        &ids,
        &Place::Field("aggregation"),
        &mut ignored,
    )
    .unwrap_or(Combine::Sum)
}

struct Builder<'p> {
    inputs: Vec<Input>,
    input_index: IdMap<(usize, MeasureKind)>,
    groups: Vec<Group>,
    indicators: Vec<Indicator>,
    problems: &'p mut Vec<Problem>,
}

impl Builder<'_> {
    fn flaw(&mut self, at: Place, flaw: Flaw) {
        self.problems.push(Problem { at, flaw });
    }

    /// A `points` indicator without an `input` reads an input with its own id; when none is
    /// declared, it gets one: points `0..=cap`, "n/a" as the indicator allows.
    fn implicit_inputs(&mut self, g: &GroupSpec) {
        for c in &g.groups {
            self.implicit_inputs(c);
        }
        for ind in &g.indicators {
            if ind.rule.kind == RuleType::Points
                && ind.rule.input.is_none()
                && !self.input_index.contains_key(&ind.id)
            {
                self.input_index
                    .insert(ind.id.clone(), (self.inputs.len(), MeasureKind::Points));
                self.inputs.push(Input {
                    id: ind.id.clone(),
                    title: ind.title.clone(),
                    title_en: ind.title_en.clone(),
                    kind: MeasureKind::Points,
                    min: Some(Decimal::ZERO),
                    max: Some(ind.cap),
                    not_applicable: ind.not_applicable,
                    declared: false,
                });
            }
        }
    }

    fn combine(&mut self, a: &Aggregation, children: &[&str], at: &Place) -> Option<Combine> {
        combine_of(a, children, at, self.problems)
    }

    /// Flattens a group; returns its position and its full part (`None` past the decimal range).
    fn group(
        &mut self,
        g: &GroupSpec,
        parent: Option<usize>,
        depth: usize,
    ) -> (usize, Option<Part>) {
        let pos = self.groups.len();
        self.groups.push(Group {
            id: g.id.clone(),
            kind: g.kind.clone(),
            title: g.title.clone(),
            title_en: g.title_en.clone(),
            parent,
            depth,
            max: Decimal::ZERO,
            aggregation: Combine::Sum,
            children: Vec::new(),
            indicators: 0..0,
        });
        let mut children = Vec::with_capacity(g.groups.len());
        let mut parts = Vec::new();
        for c in &g.groups {
            let (p, part) = self.group(c, Some(pos), depth + 1);
            children.push(p);
            parts.push(part);
        }
        let start = self.indicators.len();
        for ind in &g.indicators {
            let mut b = Build {
                inputs: &self.input_index,
                indicator: &ind.id,
                cap: ind.cap,
                problems: self.problems,
            };
            let rule = rules::build(&ind.rule, &mut b);
            if let Some(rules::Rule::Points(r)) = &rule
                && let Some(input) = self.inputs.get(r.input)
                && input.declared
                && input.max.is_some_and(|m| m > ind.cap)
            {
                let points = input.max.unwrap_or_default();
                self.flaw(
                    Place::Input(input.id.clone()),
                    Flaw::OverCap {
                        points,
                        cap: ind.cap,
                    },
                );
            }
            let rule = rule.unwrap_or(rules::Rule::Points(rules::PointsRule { input: usize::MAX }));
            self.indicators.push(Indicator {
                id: ind.id.clone(),
                title: ind.title.clone(),
                title_en: ind.title_en.clone(),
                cap: ind.cap,
                not_applicable: ind.not_applicable,
                direction: ind.direction,
                reads: rule.reads(),
                rule,
                group: pos,
            });
            parts.push(Some(Part {
                points: ind.cap,
                max: ind.cap.max(Decimal::ZERO),
                applies: true,
            }));
        }
        let end = self.indicators.len();
        let ids: Vec<&str> = if g.groups.is_empty() {
            g.indicators.iter().map(|i| i.id.as_str()).collect()
        } else {
            g.groups.iter().map(|c| c.id.as_str()).collect()
        };
        let how = self.combine(&g.aggregation, &ids, &Place::Group(g.id.clone()));
        let part = match (parts.into_iter().collect::<Option<Vec<_>>>(), &how) {
            (Some(parts), Some(how)) => {
                let part = combine(how, &parts);
                if part.is_none() {
                    self.flaw(Place::Group(g.id.clone()), Flaw::Overflow);
                }
                part
            }
            (Some(_), None) => Some(Part::NOT_APPLICABLE),
            (None, _) => None,
        };
        if let (Some(declared), Some(part)) = (g.max, part)
            && how.is_some()
            && declared != part.max
        {
            self.flaw(
                Place::Group(g.id.clone()),
                Flaw::MaxMismatch {
                    declared,
                    computed: part.max,
                },
            );
        }
        if let Some(group) = self.groups.get_mut(pos) {
            group.children = children;
            group.indicators = start..end;
            group.max = part.map_or(Decimal::MAX, |p| p.max);
            group.aggregation = how.unwrap_or(Combine::Sum);
        }
        (pos, part)
    }
}

/// An aggregation bound to a group's children (weights in child order), or its problems.
fn combine_of(
    a: &Aggregation,
    children: &[&str],
    at: &Place,
    problems: &mut Vec<Problem>,
) -> Option<Combine> {
    let before = problems.len();
    let mut flaw = |flaw| {
        problems.push(Problem {
            at: at.clone(),
            flaw,
        });
    };
    let kind = a.kind.as_str();
    match (a.kind, &a.weights) {
        (AggregationType::Sum, None) => return Some(Combine::Sum),
        (AggregationType::Mean, None) => return Some(Combine::Mean),
        (AggregationType::Sum | AggregationType::Mean, Some(_)) => {
            flaw(Flaw::FieldNotAllowed {
                field: "weights",
                kind,
            });
            return None;
        }
        (AggregationType::WeightedSum, None) => {
            flaw(Flaw::FieldMissing {
                field: "weights",
                kind,
            });
            return None;
        }
        (AggregationType::WeightedSum, Some(_)) => {}
    }
    let weights = a
        .weights
        .as_ref()
        .map(|w| w.0.as_slice())
        .unwrap_or_default();
    let mut out = Vec::with_capacity(children.len());
    for child in children {
        match weights.iter().find(|(id, _)| id == child) {
            Some((_, w)) if *w <= Decimal::ZERO => {
                flaw(Flaw::NotPositive {
                    field: "weight",
                    value: *w,
                });
            }
            Some((_, w)) => out.push(*w),
            None => flaw(Flaw::WeightMissing((*child).to_string())),
        }
    }
    for (i, (id, _)) in weights.iter().enumerate() {
        if !children.contains(&id.as_str()) {
            flaw(Flaw::WeightUnknown(id.clone()));
        } else if weights.iter().take(i).any(|(prev, _)| prev == id) {
            flaw(Flaw::DuplicateId);
        }
    }
    (problems.len() == before).then_some(Combine::WeightedSum(out))
}
