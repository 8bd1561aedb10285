//! JSON Lines: one input document per line, for the methodology the batch scores; a line
//! without a school is never scored.

use super::row::{Cells, Entry, Record};
use std::io::BufRead;
use vsoko::reason::{InputReason, Location};
use vsoko::{Error, Methodology, ScoreInput};

pub(super) fn jsonl_rows<'m, R: BufRead + 'm>(
    reader: R,
    m: &'m Methodology,
) -> impl Iterator<Item = Record> + 'm {
    reader.lines().enumerate().filter_map(move |(i, line)| {
        let row = i + 1;
        let result = match line {
            Ok(l) if l.trim_start_matches('\u{feff}').trim().is_empty() => return None,
            Ok(l) => ScoreInput::from_json(&l).and_then(|input| match input.methodology {
                Some(name) if name != m.id() => Err(Error::InvalidInput {
                    at: Location::Field("methodology".into()),
                    reason: InputReason::OtherMethodology {
                        found: name,
                        expected: m.id().to_string(),
                    },
                }),
                // A nameless line is never scored or ranked (as an empty cell of a table).
                _ if input.school.as_deref().is_none_or(|s| s.trim().is_empty()) => {
                    Err(Error::EmptySchool {
                        at: Location::Field("school".into()),
                    })
                }
                _ => Ok(Entry {
                    school: input.school,
                    period: input.period,
                    municipality: None,
                    cells: Cells::Ids(input.values),
                }),
            }),
            Err(e) => Err(Error::InvalidInput {
                at: Location::Row(row),
                reason: if e.kind() == std::io::ErrorKind::InvalidData {
                    InputReason::NotUtf8
                } else {
                    InputReason::Shape {
                        detail: e.to_string(),
                    }
                },
            }),
        };
        Some(Record { row, result })
    })
}
