//! How much of `vsoko marks`' time and memory is the core's `marks::Dataset` itself: the rows of a
//! generated marks file (`benches/gen_marks.py`, `;`, no quotes, UTF-8) are read one line at a
//! time and given to `Dataset::add` as they come — no table held in memory, as the CLI's
//! `tables::read_table` does — then `finish`. Compare with `benches/marks.sh` under
//! `/usr/bin/time`:
//!
//!     cargo build --release -p vsoko-benches --example marks_stream
//!     /usr/bin/time -f '%e s %M KB' target/release/examples/marks_stream target/bench-marks/marks_3000000.csv
//!
//! With `--parse-only` the lines are split and nothing is counted (the floor of reading).
//!
//! With `--layout` the rows go instead to [`Layout`], a sketch of the data layout the benchmark's
//! profile suggests for `Dataset` (see benches/README.md): every text interned once as a `u32`,
//! keys of ids hashed with an Fx hash, no map with an entry per row (a duplicate is found in the
//! pupil's own dozen marks), and period and mark read once per distinct text. It counts the
//! groups with the core's `Counts`, checks duplicates, keeps each pupil's marks for the class
//! account, and sums subjects and teachers, but builds neither the accounts nor the changes: an
//! experiment to size the change, not a replacement.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::BufRead;
use vsoko::marks::{Columns, Counts, Dataset, Mark, Period};

/// rustc's Fx hash: one multiply per word.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_u32(&mut self, w: u32) {
        self.write_u64(u64::from(w));
    }
    fn write_u8(&mut self, w: u8) {
        self.write_u64(u64::from(w));
    }
    fn write_usize(&mut self, w: usize) {
        self.write_u64(w as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
/// (school, class, subject, teacher, period) as ids.
type GroupKey = (u32, u32, u32, u32, Period);

/// The sketch: ids for texts, counts per group, a dozen marks per pupil.
#[derive(Default)]
struct Layout {
    texts: FxMap<Box<str>, u32>,
    periods: Vec<(String, Option<Period>)>,
    marks: Vec<(String, Option<Mark>)>,
    classes: FxMap<(u32, u32, Period), u32>,
    pupils: FxMap<(u32, u32), u32>,
    /// Per pupil × class × period: (subject, mark, row of the mark).
    pupil_marks: Vec<Vec<(u32, Mark, u32)>>,
    groups: FxMap<GroupKey, u32>,
    counts: Vec<(GroupKey, Counts)>,
    duplicates: usize,
    rejected: usize,
}

impl Layout {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.texts.get(text) {
            return id;
        }
        let id = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.insert(text.into(), id);
        id
    }

    fn add(&mut self, c: &Columns, row: usize, cells: &[&str]) {
        let cell = |i: usize| cells.get(i).map_or("", |s| s.trim());
        let period = if let Some(&(_, p)) = self.periods.iter().find(|(t, _)| t == cell(c.period)) {
            p
        } else {
            let p = Period::parse(cell(c.period));
            self.periods.push((cell(c.period).to_string(), p));
            p
        };
        let mark = if let Some(&(_, m)) = self.marks.iter().find(|(t, _)| t == cell(c.mark)) {
            m
        } else {
            let m = Mark::parse(cell(c.mark));
            self.marks.push((cell(c.mark).to_string(), m));
            m
        };
        let (Some(period), Some(mark)) = (period, mark) else {
            self.rejected += 1;
            return;
        };
        let school = c.school.map_or(u32::MAX, |i| self.id(cell(i)));
        let class = self.id(cell(c.class));
        let pupil = self.id(cell(c.pupil));
        let subject = self.id(cell(c.subject));
        let teacher = c.teacher.map_or(u32::MAX, |i| self.id(cell(i)));
        let n = u32::try_from(self.classes.len()).unwrap_or(u32::MAX);
        let class_pos = *self.classes.entry((school, class, period)).or_insert(n);
        let n = u32::try_from(self.pupil_marks.len()).unwrap_or(u32::MAX);
        let pupil_pos = *self.pupils.entry((class_pos, pupil)).or_insert(n);
        if pupil_pos == n {
            self.pupil_marks.push(Vec::new());
        }
        let Some(marks) = self.pupil_marks.get_mut(pupil_pos as usize) else {
            return;
        };
        if marks.iter().any(|&(s, _, _)| s == subject) {
            self.duplicates += 1;
            return;
        }
        marks.push((subject, mark, u32::try_from(row).unwrap_or(u32::MAX)));
        let key = (school, class, subject, teacher, period);
        let n = u32::try_from(self.counts.len()).unwrap_or(u32::MAX);
        let g = *self.groups.entry(key).or_insert(n);
        if g == n {
            self.counts.push((key, Counts::default()));
        }
        if let Some((_, counts)) = self.counts.get_mut(g as usize) {
            counts.add(mark);
        }
    }

    /// The figures of groups, subjects and teachers (how many of each, and a checksum).
    fn finish(&self) -> (usize, usize, usize, usize) {
        let mut subjects: FxMap<(u32, u32, Period), Counts> = FxMap::default();
        let mut teachers: FxMap<(u32, u32, Period), Counts> = FxMap::default();
        let mut sum = 0usize;
        for &((school, _, subject, teacher, period), counts) in &self.counts {
            subjects
                .entry((school, subject, period))
                .or_default()
                .merge(&counts);
            teachers
                .entry((school, teacher, period))
                .or_default()
                .merge(&counts);
            sum += counts
                .figures()
                .quality_pct
                .map_or(0, |q| usize::try_from(q.mantissa()).unwrap_or(0));
        }
        for c in subjects.values().chain(teachers.values()) {
            sum += c
                .figures()
                .quality_pct
                .map_or(0, |q| usize::try_from(q.mantissa()).unwrap_or(0));
        }
        (self.counts.len(), subjects.len(), teachers.len(), sum)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parse_only = args.iter().any(|a| a == "--parse-only");
    let layout = args.iter().any(|a| a == "--layout");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: marks_stream FILE.csv [--parse-only | --layout]");
        std::process::exit(2);
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let mut lines = std::io::BufReader::with_capacity(1 << 20, file).lines();
    let header = lines.next().and_then(Result::ok).unwrap_or_default();
    let header: Vec<&str> = header.split(';').collect();
    let columns = match Columns::from_header(&header) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let mut data = Dataset::new();
    let mut sketch = Layout::default();
    let (mut rows, mut bytes) = (0usize, 0usize);
    for (i, line) in lines.enumerate() {
        let Ok(line) = line else { break };
        let cells: Vec<&str> = line.split(';').collect();
        rows += 1;
        if parse_only {
            bytes += cells.iter().map(|c| c.len()).sum::<usize>();
        } else if layout {
            sketch.add(&columns, i + 2, &cells);
        } else {
            data.add(&columns, path, i + 2, &cells);
        }
    }
    if parse_only {
        println!("{rows} rows, {bytes} bytes of cells");
        return;
    }
    if layout {
        let (groups, subjects, teachers, sum) = sketch.finish();
        println!(
            "{rows} rows, {} rejected, {} duplicates, {groups} groups, {subjects} subjects, {teachers} teachers, {} pupils × periods, {} texts, quality checksum {sum}",
            sketch.rejected,
            sketch.duplicates,
            sketch.pupil_marks.len(),
            sketch.texts.len()
        );
        std::mem::forget(sketch);
        return;
    }
    let report = data.finish();
    println!(
        "{rows} rows, {} rejected, {} groups, {} subjects, {} teachers, {} classes, {} changes",
        data.rejected(),
        report.groups.len(),
        report.subjects.len(),
        report.teachers.len(),
        report.classes.len(),
        report.changes.len()
    );
    // As the CLI ends: the process exits without freeing the dataset piece by piece.
    std::mem::forget(report);
    std::mem::forget(data);
}
