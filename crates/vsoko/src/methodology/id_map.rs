//! The id maps of a methodology (input and indicator ids to positions, ids seen while
//! validating), all with one fast hasher, so one hash table is compiled in.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a for the id maps: ids are short strings looked up 72 times per school, where SipHash's
/// flood resistance costs more than the whole rest of scoring. Only a methodology description's
/// ids are ever stored (a school's values are only looked up), so colliding keys would have to
/// come from the methodology's own author, and would only slow its own building.
pub(crate) type IdHash = BuildHasherDefault<Fnv>;

/// Id → value, hashed with [`IdHash`] (the one hash map type of methodologies).
pub(crate) type IdMap<V> = HashMap<String, V, IdHash>;

/// A set of ids, hashed with [`IdHash`].
pub(crate) type IdSet = HashSet<String, IdHash>;

/// The FNV-1a 64-bit hasher.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
