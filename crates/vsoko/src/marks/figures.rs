//! The figures of a set of marks (DOMAIN §7), exact until the one rounding to 2 places:
//!
//! - N = pupils − exempt − no mark («н/а» stays in N and fails);
//! - успеваемость = (n5 + n4 + n3 + зач) × 100 / N;
//! - качество знаний = (n5 + n4) × 100 / N;
//! - СОУ = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·nн/а) / N;
//! - средний балл = the mean of the numeric marks as given (a 1 is counted with the 2s in n2).
//!
//! A pass/fail subject («зач»/«незач») has no quality, СОУ or mean (`null`). A set that mixes
//! pass/fail and numeric marks (a teacher's or a school's subjects together) takes quality and
//! СОУ over the marks with a level only: N − «зач» − «незач»; успеваемость stays over N.

use super::mark::Mark;
use crate::decimal::ROUNDING;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// How many pupils got which mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Pupils counted (every row of the set).
    pub pupils: u64,
    /// «осв».
    pub exempt: u64,
    /// No mark.
    pub no_mark: u64,
    /// 5s.
    pub n5: u64,
    /// 4s.
    pub n4: u64,
    /// 3s.
    pub n3: u64,
    /// 2s and 1s.
    pub n2: u64,
    /// «н/а».
    pub na: u64,
    /// «зач».
    pub pass: u64,
    /// «незач».
    pub fail: u64,
    /// The sum of the numeric marks as given.
    pub sum: u64,
}

impl Counts {
    /// Counts one mark.
    pub fn add(&mut self, mark: Mark) {
        self.pupils += 1;
        match mark {
            Mark::Grade(5) => self.n5 += 1,
            Mark::Grade(4) => self.n4 += 1,
            Mark::Grade(3) => self.n3 += 1,
            Mark::Grade(_) => self.n2 += 1,
            Mark::NotAttested => self.na += 1,
            Mark::Exempt => self.exempt += 1,
            Mark::Pass => self.pass += 1,
            Mark::Fail => self.fail += 1,
            Mark::None => self.no_mark += 1,
        }
        if let Mark::Grade(g) = mark {
            self.sum += u64::from(g);
        }
    }

    /// Adds another set's counts.
    pub fn merge(&mut self, o: &Counts) {
        self.pupils += o.pupils;
        self.exempt += o.exempt;
        self.no_mark += o.no_mark;
        self.n5 += o.n5;
        self.n4 += o.n4;
        self.n3 += o.n3;
        self.n2 += o.n2;
        self.na += o.na;
        self.pass += o.pass;
        self.fail += o.fail;
        self.sum += o.sum;
    }

    /// N: the denominator of the percentages.
    pub fn denominator(&self) -> u64 {
        self.pupils - self.exempt - self.no_mark
    }

    /// The figures.
    ///
    /// ```
    /// use vsoko::marks::{Counts, Mark};
    /// let mut c = Counts::default();
    /// for m in ["5", "4", "4", "3", "2", "н/а", "осв", ""] {
    ///     c.add(Mark::parse(m).unwrap());
    /// }
    /// let f = c.figures();
    /// // N = 8 − 1 exempt − 1 without a mark = 6
    /// assert_eq!(f.success_pct.unwrap().to_string(), "66.67");   // 4 × 100 / 6
    /// assert_eq!(f.quality_pct.unwrap().to_string(), "50.00");   // 3 × 100 / 6
    /// assert_eq!(f.sou_pct.unwrap().to_string(), "47.83");       // (100 + 128 + 36 + 16 + 7) / 6
    /// assert_eq!(f.mean.unwrap().to_string(), "3.60");           // 18 / 5
    /// ```
    pub fn figures(&self) -> Figures {
        let n = self.denominator();
        let graded = self.n5 + self.n4 + self.n3 + self.n2;
        // Only pass/fail marks: no level at all. Otherwise the levels are over the marks that
        // have one (n = levelled for a set without pass/fail marks).
        let no_level = self.pass + self.fail > 0 && graded == 0;
        let levelled = n - self.pass - self.fail;
        let pct = |part: u64, of: u64| rounded(Decimal::from(part) * Decimal::ONE_HUNDRED, of);
        Figures {
            counts: *self,
            success_pct: pct(self.n5 + self.n4 + self.n3 + self.pass, n),
            quality_pct: if no_level {
                None
            } else {
                pct(self.n5 + self.n4, levelled)
            },
            sou_pct: if no_level {
                None
            } else {
                rounded(
                    Decimal::from(
                        100 * self.n5 + 64 * self.n4 + 36 * self.n3 + 16 * self.n2 + 7 * self.na,
                    ),
                    levelled,
                )
            },
            mean: if no_level {
                None
            } else {
                rounded(Decimal::from(self.sum), graded)
            },
        }
    }
}

/// `numerator / denominator` rounded once to 2 places (half away from zero), written with both
/// places; `None` when the denominator is 0.
pub(super) fn rounded(numerator: Decimal, denominator: u64) -> Option<Decimal> {
    if denominator == 0 {
        return None;
    }
    let mut q = (numerator / Decimal::from(denominator)).round_dp_with_strategy(2, ROUNDING);
    q.rescale(2);
    Some(q)
}

/// The figures of a set of marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    /// The counts they come from.
    pub counts: Counts,
    /// Успеваемость, %.
    pub success_pct: Option<Decimal>,
    /// Качество знаний, %.
    pub quality_pct: Option<Decimal>,
    /// СОУ, %.
    pub sou_pct: Option<Decimal>,
    /// The mean numeric mark.
    pub mean: Option<Decimal>,
}

impl Serialize for Figures {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let c = &self.counts;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("pupils", &c.pupils)?;
        m.serialize_entry("exempt", &c.exempt)?;
        m.serialize_entry("no_mark", &c.no_mark)?;
        m.serialize_entry(
            "marks",
            &MarkCounts {
                n5: c.n5,
                n4: c.n4,
                n3: c.n3,
                n2: c.n2,
                na: c.na,
            },
        )?;
        m.serialize_entry("pass", &c.pass)?;
        m.serialize_entry("fail", &c.fail)?;
        let text = |d: Option<Decimal>| d.map(|d| d.to_string());
        m.serialize_entry("success_pct", &text(self.success_pct))?;
        m.serialize_entry("quality_pct", &text(self.quality_pct))?;
        m.serialize_entry("sou_pct", &text(self.sou_pct))?;
        m.serialize_entry("mean", &text(self.mean))?;
        m.end()
    }
}

#[derive(Serialize)]
struct MarkCounts {
    #[serde(rename = "5")]
    n5: u64,
    #[serde(rename = "4")]
    n4: u64,
    #[serde(rename = "3")]
    n3: u64,
    #[serde(rename = "2")]
    n2: u64,
    na: u64,
}

/// A class × subject × period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupRow {
    /// School, when the table names it.
    pub school: Option<String>,
    /// Class.
    pub class: String,
    /// Subject.
    pub subject: String,
    /// Teacher, when the table names one.
    pub teacher: Option<String>,
    /// Period id.
    pub period: &'static str,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A subject × period over every class of a school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectRow {
    /// School, when the table names it.
    pub school: Option<String>,
    /// Subject.
    pub subject: String,
    /// Period id.
    pub period: &'static str,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A teacher × period over every class and subject they teach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeacherRow {
    /// School, when the table names it.
    pub school: Option<String>,
    /// Teacher.
    pub teacher: String,
    /// Period id.
    pub period: &'static str,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}
