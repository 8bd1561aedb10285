//! From group summaries to the signs of bias and the objectivity index (the "combine" half:
//! it needs only the summaries, so the pupils may have been read on many machines).

use super::analysis::{GroupSummary, ObjectivityOptions, PARALLEL_GROUPS, places};
use super::stats::{Moments, quantile};
use crate::decimal::ROUNDING;
use crate::finding::{Code, Finding, Place, Severity};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Rosobrnadzor's signs of biased results (declared in the order of their names, so flags sort
/// as before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// The cohort's completion fell sharply from one grade and year to the next.
    CohortDrop,
    /// The cohort's completion rose sharply.
    CohortRise,
    /// The school's interval of the mean score lies wholly above the region's.
    InflatedMean,
    /// Journal marks and scores are negatively correlated.
    MarkMismatch,
}

impl Sign {
    /// The sign's code (`inflated_mean`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sign::CohortDrop => "cohort_drop",
            Sign::CohortRise => "cohort_rise",
            Sign::InflatedMean => "inflated_mean",
            Sign::MarkMismatch => "mark_mismatch",
        }
    }

    /// The sign's name in Russian.
    ///
    /// ```
    /// assert_eq!(vsoko::objectivity::Sign::InflatedMean.ru(), "завышенный средний балл");
    /// ```
    pub fn ru(self) -> &'static str {
        match self {
            Sign::CohortDrop => "резкое снижение результатов параллели",
            Sign::CohortRise => "резкий рост результатов параллели",
            Sign::InflatedMean => "завышенный средний балл",
            Sign::MarkMismatch => "несоответствие отметок и результатов",
        }
    }

    /// The finding code of the sign.
    pub fn code(self) -> Code {
        match self {
            Sign::CohortDrop => Code::CohortDrop,
            Sign::CohortRise => Code::CohortRise,
            Sign::InflatedMean => Code::InflatedMean,
            Sign::MarkMismatch => Code::MarkMismatch,
        }
    }
}

/// A school flagged by a sign, with its evidence (`message` English, `message_ru` Russian).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// The school.
    pub school: String,
    /// The sign.
    pub sign: Sign,
    /// ВПР, ОГЭ…
    pub procedure: String,
    /// The subject.
    pub subject: String,
    /// The grade.
    pub grade: u8,
    /// The year.
    pub year: i32,
    /// The evidence, in English.
    pub message: String,
    /// The evidence, in Russian.
    pub message_ru: String,
}

impl Flag {
    /// The flag as a finding (a warning: a sign asks for a look, it proves nothing), placed at
    /// the school; the messages name the procedure.
    ///
    /// ```
    /// use vsoko::objectivity::{Flag, Sign};
    /// let f = Flag { school: "Школа 7".into(), sign: Sign::InflatedMean, procedure: "ВПР".into(),
    ///     subject: "Математика".into(), grade: 4, year: 2024,
    ///     message: "the interval lies above".into(), message_ru: "интервал выше".into() };
    /// let finding = f.finding();
    /// assert_eq!(finding.code, "inflated_mean");
    /// assert_eq!(finding.message_ru, "завышенный средний балл (ВПР Математика 4 кл. 2024): интервал выше");
    /// ```
    pub fn finding(&self) -> Finding {
        let what = format!(
            "{} {} {} кл. {}",
            self.procedure, self.subject, self.grade, self.year
        );
        Finding::new(
            self.sign.code(),
            Severity::Warning,
            Place::field(self.school.clone()),
            format!("{} ({what}): {}", self.sign.as_str(), self.message),
            format!("{} ({what}): {}", self.sign.ru(), self.message_ru),
        )
    }
}

/// The objectivity index of a set of schools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexSummary {
    /// Distinct schools with at least one participant.
    pub schools: u64,
    /// Schools flagged by at least one sign.
    pub flagged_schools: u64,
    /// 100 − the percentage flagged, 2 places; `null` when no school has a participant (an
    /// input with no pupils, or only absent ones, is not "objective").
    pub objectivity_index: Option<Decimal>,
    /// Schools whose pupils were all absent: not assessed, so neither counted in `schools`
    /// nor objective (left out of the JSON when 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_assessed: u64,
}

/// One municipality's index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityIndex {
    /// The municipality (empty when the input names none).
    pub municipality: String,
    /// Distinct schools with at least one participant.
    pub schools: u64,
    /// Schools flagged.
    pub flagged_schools: u64,
    /// 100 − the percentage flagged, 2 places; `null` when no school has a participant.
    pub objectivity_index: Option<Decimal>,
    /// See [`IndexSummary::not_assessed`].
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_assessed: u64,
}

// serde's skip_serializing_if passes a reference; clippy asks for a value only where a u64 is
// no wider than a pointer (not on wasm32).
#[cfg_attr(
    target_pointer_width = "64",
    expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if passes a reference"
    )
)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The whole result: the comparison table, the flags, the index for the input and per
/// municipality (the wire contract of `vsoko objectivity --format json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objectivity {
    /// One row per group.
    pub groups: Vec<GroupSummary>,
    /// The flags, by school and sign.
    pub flags: Vec<Flag>,
    /// For the whole input.
    pub summary: IndexSummary,
    /// Per municipality.
    pub municipalities: Vec<MunicipalityIndex>,
    /// School names spelled like another (left out of the JSON when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

fn index(schools: u64, flagged: u64) -> Option<Decimal> {
    (schools > 0).then(|| {
        places(
            Decimal::ONE_HUNDRED
                - Decimal::from(flagged) * Decimal::ONE_HUNDRED / Decimal::from(schools),
            2,
        )
    })
}

fn fmt(d: Decimal) -> String {
    d.round_dp_with_strategy(4, ROUNDING)
        .normalize()
        .to_string()
}

/// The order of the comparison table.
fn order(g: &GroupSummary) -> (&str, &str, &str, u8, i32) {
    (&g.school, &g.procedure, &g.subject, g.grade, g.year)
}

/// The positions of `groups` in the order of the comparison table (school, procedure, subject,
/// grade, year; strings by their UTF-8 bytes), as [`combine`] orders them: for a front end that
/// keeps the summaries itself and needs only their order.
///
/// ```
/// # use vsoko::objectivity::{Analysis, ObjectivityOptions, Pupil, table_order};
/// # use rust_decimal::Decimal;
/// let pupil = |school: &str| Pupil { school: school.into(), municipality: None, year: 2024,
///     procedure: "ВПР".into(), subject: "Математика".into(), grade: 4, class: None,
///     pupil: "1".into(), score: Some(Decimal::ONE), max_score: Decimal::TEN, mark: Some(3),
///     journal_mark: Some(3) };
/// let mut a = Analysis::new();
/// a.add(&pupil("Б")).unwrap();
/// a.add(&pupil("А")).unwrap();
/// let mut rows = a.summaries(ObjectivityOptions::default());
/// rows.reverse();
/// assert_eq!(table_order(&rows), [1, 0]);
/// ```
pub fn table_order(groups: &[GroupSummary]) -> Vec<usize> {
    let mut at: Vec<usize> = (0..groups.len()).collect();
    at.sort_by(|&a, &b| match (groups.get(a), groups.get(b)) {
        (Some(a), Some(b)) => order(a).cmp(&order(b)),
        _ => std::cmp::Ordering::Equal,
    });
    at
}

/// Flags and indices from the summaries of every part.
pub fn combine(mut groups: Vec<GroupSummary>, options: ObjectivityOptions) -> Objectivity {
    // Summaries of one analysis come sorted; those of many parts are sorted here.
    if !groups.is_sorted_by(|a, b| order(a) <= order(b)) {
        groups.sort_by(|a, b| order(a).cmp(&order(b)));
    }
    // The region: all participants of one procedure × subject × grade × year.
    let mut region: BTreeMap<(&str, &str, u8, i32), Moments> = BTreeMap::new();
    for g in &groups {
        let m = region
            .entry((g.procedure.as_str(), g.subject.as_str(), g.grade, g.year))
            .or_default();
        let _ = m.merge(&g.scores);
    }
    let intervals: Intervals<'_> = region.iter().map(|(k, m)| (*k, m.interval())).collect();
    let intervals = &intervals;
    let mut flags = crate::halves::map_halves(groups.iter().collect(), PARALLEL_GROUPS, |part| {
        part.into_iter()
            .flat_map(|g| group_flags(g, intervals))
            .collect()
    });
    flags.extend(cohort_flags(&groups, options));
    flags.sort_by(|a, b| {
        (
            &a.school,
            &a.sign,
            &a.procedure,
            &a.subject,
            a.grade,
            a.year,
        )
            .cmp(&(
                &b.school,
                &b.sign,
                &b.procedure,
                &b.subject,
                b.grade,
                b.year,
            ))
    });
    let (summary, municipalities) = indices(&groups, &flags);
    let findings = spellings(&groups);
    Objectivity {
        groups,
        flags,
        summary,
        municipalities,
        findings,
    }
}

/// School names of one municipality that differ only in case, spaces, `ё` or Latin
/// look-alike letters ([`crate::spelling::spelling_key`]).
fn spellings(groups: &[GroupSummary]) -> Vec<Finding> {
    let mut first: HashMap<(&str, String), &str> = HashMap::new();
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut findings = Vec::new();
    for g in groups {
        let municipality = g.municipality.as_deref().unwrap_or("");
        if !seen.insert((municipality, g.school.as_str())) {
            continue;
        }
        let key = crate::spelling::spelling_key(&g.school);
        let other = *first.entry((municipality, key)).or_insert(&g.school);
        if other != g.school {
            let within = if municipality.is_empty() {
                (String::new(), String::new())
            } else {
                (
                    format!(" (municipality \"{municipality}\")"),
                    format!(" (муниципалитет «{municipality}»)"),
                )
            };
            findings.push(Finding::new(
                Code::SchoolSpelling,
                Severity::Warning,
                Place::field(g.school.clone()),
                format!(
                    "school \"{}\" is spelled unlike \"{other}\"{}; kept apart",
                    g.school, within.0
                ),
                format!(
                    "школа «{}» написана иначе, чем «{other}»{}; они учтены раздельно — если это одна школа, исправьте написание",
                    g.school, within.1
                ),
            ));
        }
    }
    findings
}

/// The region's 95 % interval per procedure × subject × grade × year.
type Intervals<'a> = BTreeMap<PopulationKey<'a>, Option<(Decimal, Decimal)>>;

/// The signs one group shows by itself against its region: `inflated_mean`, `mark_mismatch`.
fn group_flags(g: &GroupSummary, intervals: &Intervals<'_>) -> Vec<Flag> {
    let flag = |sign: Sign, message_ru: String, message: String| Flag {
        school: g.school.clone(),
        sign,
        procedure: g.procedure.clone(),
        subject: g.subject.clone(),
        grade: g.grade,
        year: g.year,
        message,
        message_ru,
    };
    let mut flags = Vec::new();
    let r = intervals.get(&(g.procedure.as_str(), g.subject.as_str(), g.grade, g.year));
    // The root is taken only for a school whose interval lies above (for its evidence).
    if let Some(Some((rlo, rhi))) = r.copied()
        && g.scores.lower_above(rhi) == Some(true)
        && let Some((lo, hi)) = g.scores.interval()
    {
        flags.push(flag(
            Sign::InflatedMean,
            format!("95%-интервал среднего балла школы [{}; {}] целиком выше интервала региона [{}; {}]", fmt(lo), fmt(hi), fmt(rlo), fmt(rhi)),
            format!("the school's 95% interval of the mean [{}; {}] lies above the region's [{}; {}]", fmt(lo), fmt(hi), fmt(rlo), fmt(rhi)),
        ));
    }
    if g.spearman_negative {
        let rho = g.spearman.map(|r| r.to_string()).unwrap_or_default();
        flags.push(flag(
            Sign::MarkMismatch,
            format!("корреляция Спирмена между отметками по журналу и первичными баллами отрицательна: {rho} (сравнено {})", g.compared),
            format!("Spearman's correlation of journal marks and primary scores is negative: {rho} ({} compared)", g.compared),
        ));
    }
    flags
}

/// The index for the whole input and per municipality.
fn indices(groups: &[GroupSummary], flags: &[Flag]) -> (IndexSummary, Vec<MunicipalityIndex>) {
    // School → (municipality, whether any of its groups had a participant).
    let mut schools: BTreeMap<&str, (&str, bool)> = BTreeMap::new();
    for g in groups {
        let (m, assessed) = schools.entry(g.school.as_str()).or_insert(("", false));
        if m.is_empty() {
            *m = g.municipality.as_deref().unwrap_or("");
        }
        *assessed |= g.participants > 0;
    }
    let flagged: BTreeSet<&str> = flags.iter().map(|f| f.school.as_str()).collect();
    // Municipality → (assessed schools, flagged, not assessed).
    let mut per_m: BTreeMap<&str, (u64, u64, u64)> = BTreeMap::new();
    for (school, (m, assessed)) in &schools {
        let e = per_m.entry(m).or_default();
        if *assessed {
            e.0 += 1;
            e.1 += u64::from(flagged.contains(school));
        } else {
            e.2 += 1;
        }
    }
    let total: u64 = per_m.values().map(|e| e.0).sum();
    let not_assessed: u64 = per_m.values().map(|e| e.2).sum();
    let flagged_n = flagged.len() as u64;
    (
        IndexSummary {
            schools: total,
            flagged_schools: flagged_n,
            objectivity_index: index(total, flagged_n),
            not_assessed,
        },
        per_m
            .into_iter()
            .map(|(m, (s, f, n))| MunicipalityIndex {
                municipality: m.to_string(),
                schools: s,
                flagged_schools: f,
                objectivity_index: index(s, f),
                not_assessed: n,
            })
            .collect(),
    )
}

/// Procedure, subject, grade N and year Y of a cohort population.
type PopulationKey<'a> = (&'a str, &'a str, u8, i32);

/// Sharp changes of one cohort: K = completion (grade N, year Y) ÷ completion (N+1, Y+1).
fn cohort_flags(groups: &[GroupSummary], options: ObjectivityOptions) -> Vec<Flag> {
    let completion = |g: &GroupSummary| g.scores.mean().and_then(|m| m.checked_div(g.max_score));
    let by_key: HashMap<(&str, &str, &str, u8, i32), &GroupSummary> = groups
        .iter()
        .map(|g| {
            (
                (
                    g.school.as_str(),
                    g.procedure.as_str(),
                    g.subject.as_str(),
                    g.grade,
                    g.year,
                ),
                g,
            )
        })
        .collect();
    let mut populations: BTreeMap<PopulationKey<'_>, Vec<(&GroupSummary, Decimal)>> =
        BTreeMap::new();
    for g in groups {
        let next = by_key.get(&(
            g.school.as_str(),
            g.procedure.as_str(),
            g.subject.as_str(),
            g.grade + 1,
            g.year + 1,
        ));
        let (Some(next), Some(c0)) = (next, completion(g)) else {
            continue;
        };
        let Some(k) = completion(next).and_then(|c1| c0.checked_div(c1)) else {
            continue;
        };
        populations
            .entry((g.procedure.as_str(), g.subject.as_str(), g.grade, g.year))
            .or_default()
            .push((next, k));
    }
    let mut flags = Vec::new();
    for entries in populations.values() {
        if entries.len() < options.min_schools_for_cohort {
            continue;
        }
        let mut ks: Vec<Decimal> = entries.iter().map(|(_, k)| *k).collect();
        ks.sort();
        let (Some(q25), Some(q75)) = (
            quantile(&ks, Decimal::new(25, 2)),
            quantile(&ks, Decimal::new(75, 2)),
        ) else {
            continue;
        };
        let iqr = q75 - q25;
        let (high, low) = (q75 + Decimal::from(3) * iqr, q25 - Decimal::from(3) * iqr);
        for (next, k) in entries {
            let (sign, en) = if *k > high {
                (Sign::CohortDrop, "a sharp drop of the cohort")
            } else if *k < low {
                (Sign::CohortRise, "a sharp rise of the cohort")
            } else {
                continue;
            };
            flags.push(Flag {
                school: next.school.clone(),
                sign,
                procedure: next.procedure.clone(),
                subject: next.subject.clone(),
                grade: next.grade,
                year: next.year,
                message_ru: format!(
                    "{}: K = {} (Q25 = {}, Q75 = {}, границы {} и {})",
                    sign.ru(),
                    fmt(*k),
                    fmt(q25),
                    fmt(q75),
                    fmt(low),
                    fmt(high)
                ),
                message: format!(
                    "{en}: K = {} (Q25 = {}, Q75 = {}, bounds {} and {})",
                    fmt(*k),
                    fmt(q25),
                    fmt(q75),
                    fmt(low),
                    fmt(high)
                ),
            });
        }
    }
    flags
}
