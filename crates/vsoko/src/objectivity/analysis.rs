//! From pupils to the comparison table, the signs of bias and the objectivity index.
//!
//! The work splits in two, so that it runs on one machine or a cluster alike:
//! [`Analysis::add`] + [`Analysis::summaries`] turn the pupils of some schools into one
//! [`GroupSummary`] per school × procedure × subject × grade × year (a school's pupils must all be
//! in the same part); [`combine`](super::combine) turns the summaries of all parts into flags and indices.

use super::pupil::{Pupil, PupilRef};
use super::stats::{Moments, RHO_PLACES, spearman};
use crate::decimal::ROUNDING;
use crate::error::{Error, Result};
use crate::reason::{InputReason, Location};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Compared pupils a school needs before its Spearman correlation is computed.
pub const MIN_COMPARED_FOR_SPEARMAN: usize = 10;
/// Schools with both years a cohort population needs before its quartiles are used.
pub const MIN_SCHOOLS_FOR_COHORT: usize = 4;

/// What the analysis takes besides the pupils.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectivityOptions {
    /// See [`MIN_COMPARED_FOR_SPEARMAN`].
    pub min_compared: usize,
    /// See [`MIN_SCHOOLS_FOR_COHORT`].
    pub min_schools_for_cohort: usize,
}

impl Default for ObjectivityOptions {
    fn default() -> Self {
        ObjectivityOptions {
            min_compared: MIN_COMPARED_FOR_SPEARMAN,
            min_schools_for_cohort: MIN_SCHOOLS_FOR_COHORT,
        }
    }
}

/// A school × procedure × subject × grade × year.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct GroupKey {
    /// The school.
    pub school: String,
    /// ВПР, ОГЭ…
    pub procedure: String,
    /// The subject.
    pub subject: String,
    /// The grade.
    pub grade: u8,
    /// The year.
    pub year: i32,
}

/// The pupils of one group as they come in.
#[derive(Debug, Default)]
struct GroupAcc {
    municipality: Option<u32>,
    max_score: Decimal,
    /// Pupil codes seen (see [`pupil_id`]).
    pupils: HashSet<u128, std::hash::BuildHasherDefault<Fnv>>,
    absent: u64,
    scores: Moments,
    lowered: u64,
    confirmed: u64,
    raised: u64,
    /// (journal mark, score) of the compared pupils, for Spearman's correlation.
    compared: Vec<(u8, Decimal)>,
}

/// A pupil code as a number for the duplicate check: a numeric code (as the federal systems
/// give them) is itself, exactly; any other text is two independent 64-bit hashes (a false
/// duplicate would need a 128-bit collision among the few dozen pupils of one group).
fn pupil_id(code: &str) -> u128 {
    if !code.is_empty()
        && code.len() <= 19
        && code.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = code.parse::<u64>()
    {
        return u128::from(n);
    }
    let mut fnv: u64 = 0xcbf2_9ce4_8422_2325;
    for b in code.bytes() {
        fnv ^= u64::from(b);
        fnv = fnv.wrapping_mul(0x0100_0000_01b3);
    }
    let mut sip = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(code, &mut sip);
    let sip = std::hash::Hasher::finish(&sip);
    // The top bit marks a hashed code, so it never equals a numeric one.
    (1u128 << 127) | (u128::from(fnv) << 64) | u128::from(sip)
}

/// One group's comparison and statistics: a row of the table and the unit combined across parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// The school.
    pub school: String,
    /// The municipality.
    pub municipality: Option<String>,
    /// ВПР, ОГЭ…
    pub procedure: String,
    /// The subject.
    pub subject: String,
    /// The grade.
    pub grade: u8,
    /// The year.
    pub year: i32,
    /// Pupils who took part.
    pub participants: u64,
    /// Pupils absent.
    pub absent: u64,
    /// Participants with both marks.
    pub compared: u64,
    /// Participants without a journal mark (not compared).
    pub no_journal_mark: u64,
    /// Mark below the journal mark (понизили).
    pub lowered: u64,
    /// Equal (подтвердили).
    pub confirmed: u64,
    /// Above (повысили).
    pub raised: u64,
    /// Percentages of compared, 2 places.
    pub lowered_pct: Option<Decimal>,
    /// See `lowered_pct`.
    pub confirmed_pct: Option<Decimal>,
    /// See `lowered_pct`.
    pub raised_pct: Option<Decimal>,
    /// Mean primary score, 2 places.
    pub mean_score: Option<Decimal>,
    /// Mean ÷ maximum × 100, 2 places (from the exact mean).
    pub completion_pct: Option<Decimal>,
    /// Spearman's ρ between journal marks and primary scores, 4 places.
    pub spearman: Option<Decimal>,
    /// Whether the exact rank covariance is negative (the sign of ρ, decided exactly).
    pub spearman_negative: bool,
    /// The maximum primary score.
    pub max_score: Decimal,
    /// Exact sums of the participants' scores (for the region's interval).
    pub scores: Moments,
}

fn pct(part: u64, whole: u64) -> Option<Decimal> {
    (whole > 0).then(|| {
        places(
            Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole),
            2,
        )
    })
}

/// Rounded once for display to exactly `dp` places (`25.00`, `-0.4935`), as reports print them.
pub(super) fn places(d: Decimal, dp: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(dp, ROUNDING);
    r.rescale(dp);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r
}

/// FNV-1a for the string interner and the group map: short keys looked up once per pupil row,
/// where SipHash would cost more than reading the row (the keys come from the input itself).
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// A group key with its strings interned: school, procedure, subject, grade, year.
type Key = (u32, u32, u32, u8, i32);

/// Pupils in, group summaries out. Strings are interned, so a row costs no allocation; memory
/// grows with the groups and, inside a group, by the pupils' codes and compared marks.
#[derive(Debug, Default)]
pub struct Analysis {
    ids: FastMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    /// Procedures and subjects by [`crate::spelling::label_key`] (case and spaces aside): the
    /// id of the spelling seen first, which is the one shown.
    labels: FastMap<Box<str>, u32>,
    /// Every spelling of a procedure or subject met so far → its id (no key built per row).
    label_spellings: FastMap<Box<str>, u32>,
    groups: FastMap<Key, GroupAcc>,
    /// The key of the row added last: rows come grouped, so most rows reuse it after comparing
    /// three short strings, without interning them.
    last: Option<Key>,
}

impl Analysis {
    /// An empty analysis.
    pub fn new() -> Self {
        Self::default()
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.ids.get(s) {
            return *id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    /// A procedure or a subject: spellings that differ only in case and spaces are one, shown
    /// as first seen.
    fn intern_label(&mut self, s: &str) -> u32 {
        if let Some(id) = self.label_spellings.get(s) {
            return *id;
        }
        let key = crate::spelling::label_key(s);
        let id = if let Some(id) = self.labels.get(key.as_str()) {
            *id
        } else {
            let id = self.intern(s);
            self.labels.insert(key.into(), id);
            id
        };
        self.label_spellings.insert(s.into(), id);
        id
    }

    /// Adds a pupil.
    ///
    /// # Errors
    /// As [`Analysis::add_ref`].
    pub fn add(&mut self, p: &Pupil) -> Result<()> {
        self.add_ref(p.as_ref())
    }

    /// Adds a pupil's row without copying it.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a pupil code already in its group, a maximum score that
    /// differs from the group's, or a participant with a mark but no score.
    pub fn add_ref(&mut self, p: PupilRef<'_>) -> Result<()> {
        let absent = p.is_absent();
        let name = |id: u32| self.names.get(id as usize).map(|n| &**n);
        let key = match self.last {
            Some(k)
                if (k.3, k.4) == (p.grade, p.year)
                    && name(k.0) == Some(p.school)
                    && name(k.1) == Some(p.procedure)
                    && name(k.2) == Some(p.subject) =>
            {
                k
            }
            _ => (
                self.intern(p.school),
                self.intern_label(p.procedure),
                self.intern_label(p.subject),
                p.grade,
                p.year,
            ),
        };
        self.last = Some(key);
        let municipality = match (self.groups.contains_key(&key), p.municipality) {
            (false, Some(m)) => Some(self.intern(m)),
            _ => None,
        };
        let g = self.groups.entry(key).or_insert_with(|| GroupAcc {
            max_score: p.max_score,
            ..GroupAcc::default()
        });
        if g.municipality.is_none() {
            g.municipality = municipality;
        }
        if g.max_score != p.max_score {
            return Err(Error::InvalidInput {
                at: Location::Field("max_score".into()),
                reason: InputReason::OutOfRange {
                    found: p.max_score.normalize().to_string(),
                    min: g.max_score.normalize().to_string(),
                    max: g.max_score.normalize().to_string(),
                },
            });
        }
        if !g.pupils.insert(pupil_id(p.pupil)) {
            return Err(Error::InvalidInput {
                at: Location::Field("pupil".into()),
                reason: InputReason::DuplicatePupil {
                    pupil: p.pupil.to_string(),
                },
            });
        }
        if absent {
            g.absent += 1;
            return Ok(());
        }
        // A pupil with a mark but no score cannot be compared by score.
        let score = p.score.ok_or_else(|| Error::InvalidInput {
            at: Location::Field("score".into()),
            reason: InputReason::NotANumber {
                reason: crate::reason::ValueReason::NotANumber {
                    text: String::new(),
                },
            },
        })?;
        let overflow = || Error::InvalidInput {
            at: Location::Field("score".into()),
            reason: InputReason::Overflow,
        };
        g.scores.add(score).ok_or_else(overflow)?;
        if let (Some(mark), Some(journal)) = (p.mark, p.journal_mark) {
            match mark.cmp(&journal) {
                std::cmp::Ordering::Less => g.lowered += 1,
                std::cmp::Ordering::Equal => g.confirmed += 1,
                std::cmp::Ordering::Greater => g.raised += 1,
            }
            g.compared.push((journal, score));
        }
        Ok(())
    }

    /// Whether no pupil has been added.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Adds everything another analysis read (another part of the same file, read on another
    /// core). Returns `false`, leaving `self` unusable for exact results, when a pupil appears in
    /// both: which occurrence a sequential reading would reject cannot be told here, so the
    /// caller reads the file again in order.
    pub fn merge(&mut self, other: Analysis) -> bool {
        let Analysis { names, groups, .. } = other;
        let name = |id: u32| names.get(id as usize).map_or("", |n| &**n);
        for ((school, procedure, subject, grade, year), g) in groups {
            let key = (
                self.intern(name(school)),
                self.intern_label(name(procedure)),
                self.intern_label(name(subject)),
                grade,
                year,
            );
            let municipality = g.municipality.map(|m| self.intern(name(m)));
            let Some(mine) = self.groups.get_mut(&key) else {
                let mut g = g;
                g.municipality = municipality;
                self.groups.insert(key, g);
                continue;
            };
            if mine.max_score != g.max_score || g.pupils.iter().any(|p| mine.pupils.contains(p)) {
                return false;
            }
            mine.pupils.extend(g.pupils);
            mine.absent += g.absent;
            if mine.scores.merge(&g.scores).is_none() {
                return false;
            }
            mine.lowered += g.lowered;
            mine.confirmed += g.confirmed;
            mine.raised += g.raised;
            mine.compared.extend(g.compared);
            if mine.municipality.is_none() {
                mine.municipality = municipality;
            }
        }
        true
    }

    /// The summaries of the groups added, in key order (school, procedure, subject, grade,
    /// year). Large analyses are summarised on two threads where threads exist.
    pub fn summaries(self, options: ObjectivityOptions) -> Vec<GroupSummary> {
        // Each group's pupil buffers are freed as soon as its summary is made.
        let Analysis { names, groups, .. } = self;
        // Sorted once by the names' alphabetical ranks (integers), so no string is compared
        // per group and each part below stays in order.
        let mut by_name: Vec<(&str, u32)> = names.iter().map(|n| &**n).zip(0..).collect();
        by_name.sort_unstable();
        let mut rank_of = vec![0u32; names.len()];
        for (rank, (_, id)) in (0u32..).zip(&by_name) {
            if let Some(slot) = rank_of.get_mut(*id as usize) {
                *slot = rank;
            }
        }
        let rank = |id: u32| rank_of.get(id as usize).copied().unwrap_or(u32::MAX);
        let mut first: Vec<(Key, GroupAcc)> = groups.into_iter().collect();
        first.sort_unstable_by_key(|((s, p, j, g, y), _)| (rank(*s), rank(*p), rank(*j), *g, *y));
        crate::halves::map_halves(first, PARALLEL_GROUPS, |part| {
            part.into_iter()
                .map(|(key, g)| summary(&names, key, g, options))
                .collect()
        })
    }
}

/// Groups from which the summaries and the signs are worked out on two threads.
pub(super) const PARALLEL_GROUPS: usize = 4096;

/// One group's row of the comparison table.
#[expect(
    clippy::needless_pass_by_value,
    reason = "taken by value so the group's pupil buffers are freed as its row is made"
)]
fn summary(names: &[Box<str>], key: Key, g: GroupAcc, options: ObjectivityOptions) -> GroupSummary {
    let name = |id: u32| -> String {
        names
            .get(id as usize)
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let (school, procedure, subject, grade, year) = key;
    let compared = g.lowered + g.confirmed + g.raised;
    let mean = g.scores.mean();
    let rank = (g.compared.len() >= options.min_compared)
        .then(|| {
            let (journal, scores): (Vec<u8>, Vec<Decimal>) = g.compared.iter().copied().unzip();
            spearman(&journal, &scores)
        })
        .flatten();
    GroupSummary {
        school: name(school),
        municipality: g.municipality.map(name),
        procedure: name(procedure),
        subject: name(subject),
        grade,
        year,
        participants: g.scores.n,
        absent: g.absent,
        compared,
        no_journal_mark: g.scores.n - compared,
        lowered: g.lowered,
        confirmed: g.confirmed,
        raised: g.raised,
        lowered_pct: pct(g.lowered, compared),
        confirmed_pct: pct(g.confirmed, compared),
        raised_pct: pct(g.raised, compared),
        mean_score: mean.map(|m| places(m, 2)),
        completion_pct: mean
            .and_then(|m| (m * Decimal::ONE_HUNDRED).checked_div(g.max_score))
            .map(|c| places(c, 2)),
        spearman: rank.map(|(_, rho)| places(rho, RHO_PLACES)),
        spearman_negative: rank.is_some_and(|(cov, _)| cov < Decimal::ZERO),
        max_score: g.max_score,
        scores: g.scores,
    }
}
