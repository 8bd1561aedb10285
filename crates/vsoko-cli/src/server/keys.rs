//! Keys and roles (`vsoko serve --keys FILE`): who may read and write what.
//!
//! The file is JSON: `{"keys": [{"sha256": HEX, "role": "admin" | "municipality" | "school",
//! "municipality": NAME, "school": NAME}]}`. Only the SHA-256 of each key is stored, so the
//! file can be read by whoever runs the server without giving the keys away. A key the client
//! sends is hashed and compared in constant time with every stored hash of its bucket (the
//! hashes are bucketed by their first byte, which tells nothing about a key).
//!
//! ```
//! use vsoko_cli::server::{Keys, Role, hash_hex};
//! // The hash as `printf %s KEY | sha256sum` prints it.
//! let file = format!(
//!     r#"{{"keys": [{{"sha256": "{}", "role": "school", "school": "Школа № 1", "municipality": "Город"}}]}}"#,
//!     hash_hex("school-key")
//! );
//! let keys = Keys::from_json(&file).unwrap();
//! let school = Role::School { school: "Школа № 1".into(), municipality: "Город".into() };
//! assert_eq!(keys.role_of("school-key"), Some(school));
//! assert_eq!(keys.role_of("wrong"), None);
//! ```

use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What a key may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Everything: every school and municipality.
    Admin,
    /// Reads (and submits for) the schools of one municipality.
    Municipality(String),
    /// Submits and reads one school of one municipality.
    School {
        /// The school's name as submissions give it.
        school: String,
        /// Its municipality.
        municipality: String,
    },
}

impl Role {
    /// Whether this role reaches a school of a municipality.
    pub fn reaches(&self, school: &str, municipality: Option<&str>) -> bool {
        match self {
            Role::Admin => true,
            Role::Municipality(m) => municipality == Some(m.as_str()),
            Role::School {
                school: s,
                municipality: m,
            } => s == school && municipality == Some(m.as_str()),
        }
    }

    /// The municipality this role is bound to, if any.
    pub fn municipality(&self) -> Option<&str> {
        match self {
            Role::Admin => None,
            Role::Municipality(m)
            | Role::School {
                municipality: m, ..
            } => Some(m),
        }
    }

    /// The school this role is bound to, if any.
    pub fn school(&self) -> Option<&str> {
        match self {
            Role::School { school, .. } => Some(school),
            _ => None,
        }
    }
}

/// The keys the server accepts.
#[derive(Debug, Default)]
pub struct Keys {
    buckets: Vec<Vec<([u8; 32], Role)>>,
    len: usize,
}

/// A problem of the keys file; every problem is reported at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// The entry (from 1), or 0 for the whole file.
    pub entry: usize,
    /// What is wrong, in Russian.
    pub message_ru: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    keys: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    sha256: String,
    role: String,
    #[serde(default)]
    municipality: Option<String>,
    #[serde(default)]
    school: Option<String>,
}

impl Keys {
    /// Reads a keys file.
    ///
    /// # Errors
    /// Every problem of the file at once.
    pub fn from_json(text: &str) -> Result<Keys, Vec<KeyProblem>> {
        let file: File = serde_json::from_str(text).map_err(|e| {
            vec![KeyProblem {
                entry: 0,
                message_ru: format!(
                    "файл ключей не прочитан: ожидается JSON {{\"keys\": [{{\"sha256\", \"role\", …}}]}} (строка {}, позиция {})",
                    e.line(),
                    e.column()
                ),
            }]
        })?;
        let mut keys = Keys {
            buckets: vec![Vec::new(); 256],
            len: 0,
        };
        let mut problems = Vec::new();
        for (i, e) in file.keys.into_iter().enumerate() {
            let entry = i + 1;
            let mut bad = |message_ru: String| problems.push(KeyProblem { entry, message_ru });
            let hash = parse_hash(&e.sha256);
            if hash.is_none() {
                bad("«sha256»: ожидается SHA-256 ключа, 64 шестнадцатеричные цифры".into());
            }
            let role = match (e.role.as_str(), e.municipality, e.school) {
                ("admin", None, None) => Some(Role::Admin),
                ("municipality", Some(m), None) if !m.trim().is_empty() => {
                    Some(Role::Municipality(m))
                }
                ("school", Some(m), Some(s)) if !m.trim().is_empty() && !s.trim().is_empty() => {
                    Some(Role::School {
                        school: s,
                        municipality: m,
                    })
                }
                ("admin" | "municipality" | "school", _, _) => {
                    bad(format!(
                        "роль «{}»: {}",
                        e.role,
                        match e.role.as_str() {
                            "admin" => "без «municipality» и «school»",
                            "municipality" => "нужно непустое «municipality» и нет «school»",
                            _ => "нужны непустые «school» и «municipality»",
                        }
                    ));
                    None
                }
                _ => {
                    bad(format!(
                        "роль «{}» неизвестна; допустимы admin, municipality, school",
                        e.role
                    ));
                    None
                }
            };
            if let (Some(hash), Some(role)) = (hash, role)
                && let Some(bucket) = keys.buckets.get_mut(usize::from(hash[0]))
            {
                if bucket.iter().any(|(h, _)| *h == hash) {
                    problems.push(KeyProblem {
                        entry,
                        message_ru: "этот ключ уже указан выше".into(),
                    });
                } else {
                    bucket.push((hash, role));
                    keys.len += 1;
                }
            }
        }
        if problems.is_empty() {
            Ok(keys)
        } else {
            Err(problems)
        }
    }

    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The role of a key the client sent, if it is one of ours.
    pub fn role_of(&self, key: &str) -> Option<Role> {
        let hash: [u8; 32] = Sha256::digest(key.as_bytes()).into();
        let bucket = self.buckets.get(usize::from(hash[0]))?;
        let mut found = None;
        // Every hash of the bucket is compared, equal or not, each in constant time.
        for (stored, role) in bucket {
            if bool::from(stored.ct_eq(&hash)) {
                found = Some(role);
            }
        }
        found.cloned()
    }
}

/// The SHA-256 of a key, as the keys file writes it (lower-case hex).
pub fn hash_hex(key: &str) -> String {
    use std::fmt::Write as _;
    Sha256::digest(key.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn parse_hash(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_finds_its_role_and_no_other() {
        let file = format!(
            r#"{{"keys": [{{"sha256": "{}", "role": "admin"}}, {{"sha256": "{}", "role": "municipality", "municipality": "Город"}}]}}"#,
            hash_hex("a"),
            hash_hex("b")
        );
        let keys = Keys::from_json(&file).unwrap();
        assert_eq!(keys.role_of("a"), Some(Role::Admin));
        assert_eq!(keys.role_of("b"), Some(Role::Municipality("Город".into())));
        assert_eq!(keys.role_of("c"), None);
        assert_eq!(keys.role_of(""), None);
    }

    #[test]
    fn every_problem_of_the_file_at_once() {
        let file = format!(
            r#"{{"keys": [{{"sha256": "xyz", "role": "admin"}}, {{"sha256": "{h}", "role": "school", "school": "Школа"}}, {{"sha256": "{h}", "role": "root"}}, {{"sha256": "{h}", "role": "admin"}}, {{"sha256": "{h}", "role": "admin"}}]}}"#,
            h = hash_hex("k")
        );
        let problems = Keys::from_json(&file).unwrap_err();
        let entries: Vec<usize> = problems.iter().map(|p| p.entry).collect();
        assert_eq!(entries, vec![1, 2, 3, 5], "{problems:?}");
        assert!(problems[1].message_ru.contains("municipality"));
    }

    #[test]
    fn roles_reach_only_their_own() {
        let school = Role::School {
            school: "Школа № 1".into(),
            municipality: "Город".into(),
        };
        assert!(school.reaches("Школа № 1", Some("Город")));
        assert!(!school.reaches("Школа № 2", Some("Город")));
        assert!(!school.reaches("Школа № 1", Some("Село")));
        let m = Role::Municipality("Город".into());
        assert!(m.reaches("Школа № 2", Some("Город")));
        assert!(!m.reaches("Школа № 2", Some("Село")));
        assert!(!m.reaches("Школа № 2", None));
        assert!(Role::Admin.reaches("x", None));
    }
}
