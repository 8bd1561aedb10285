//! The texts of a dataset of marks as `u32` ids (a school, class, pupil, subject, teacher or
//! municipality is stored once however many rows name it), hashed with a fast hasher, and the
//! few distinct period and mark texts read once each.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// rustc's Fx hash: one multiply per word. Keys are ids and short texts of one's own tables,
/// where SipHash's flood resistance cost a fifth of the time of `vsoko marks`.
#[derive(Default)]
pub(super) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(head) = w.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            self.write_u64(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
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
        // The high bits are the well-mixed ones; hash tables take the low ones.
        self.0.rotate_left(26)
    }
}

/// A hash map with [`Fx`].
pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The id of an absent optional text (no school, teacher or municipality).
pub(super) const NONE: u32 = u32::MAX;

/// Texts of one kind as ids, in the order they first appear; the last one looked up is
/// remembered (rows come grouped: a class's rows follow one another).
#[derive(Debug, Default)]
pub(super) struct Texts {
    ids: FxMap<Arc<str>, u32>,
    list: Vec<Arc<str>>,
    last: Option<u32>,
}

impl Texts {
    /// The id of a text, given one when it is new.
    pub(super) fn id(&mut self, text: &str) -> u32 {
        if let Some(last) = self.last
            && self.get(last) == text
        {
            return last;
        }
        let id = if let Some(&id) = self.ids.get(text) {
            id
        } else {
            let id = u32::try_from(self.list.len()).unwrap_or(NONE - 1);
            let shared: Arc<str> = Arc::from(text);
            self.list.push(Arc::clone(&shared));
            self.ids.insert(shared, id);
            id
        };
        self.last = Some(id);
        id
    }

    /// The id of an optional text ([`NONE`] for none).
    pub(super) fn optional(&mut self, text: Option<&str>) -> u32 {
        text.map_or(NONE, |t| self.id(t))
    }

    /// The text of an id (empty for [`NONE`]).
    pub(super) fn get(&self, id: u32) -> &str {
        self.list.get(id as usize).map_or("", |t| t)
    }

    /// Every text, in the order of their ids.
    pub(super) fn all(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|t| &**t)
    }

    /// The text of an optional id, owned.
    pub(super) fn owned(&self, id: u32) -> Option<String> {
        (id != NONE).then(|| self.get(id).to_string())
    }
}

/// What a few distinct texts read as (periods, marks): each text parsed once.
#[derive(Debug)]
pub(super) struct Parses<T> {
    seen: Vec<(Box<str>, Option<T>)>,
}

impl<T> Default for Parses<T> {
    fn default() -> Self {
        Parses { seen: Vec::new() }
    }
}

/// More distinct texts than this are parsed each time (a column of free text is not kept).
const PARSES_KEPT: usize = 64;

impl<T: Copy> Parses<T> {
    /// What `text` reads as through `parse`.
    pub(super) fn get(&mut self, text: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        if let Some((_, v)) = self.seen.iter().find(|(t, _)| **t == *text) {
            return *v;
        }
        let v = parse(text);
        if self.seen.len() < PARSES_KEPT {
            self.seen.push((text.into(), v));
        }
        v
    }
}
