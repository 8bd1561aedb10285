//! "Did you mean" hints: the nearest known id by edit distance.

/// The candidate nearest to `word` by edit distance, if it is close enough to be a typo
/// (at most a third of the word's length, and at least one edit allowed). Among equally near
/// candidates the one of the same length wins (`1.1.18` suggests `1.1.10`, not `1.1.1`).
///
/// ```
/// let ids = ["1.1.1", "1.1.2", "2.1.1"];
/// assert_eq!(vsoko::suggest::nearest("1.1.l", ids.iter().copied()), Some("1.1.1"));
/// assert_eq!(vsoko::suggest::nearest("zzzzzz", ids.iter().copied()), None);
/// ```
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .map(|c| (distance(word, c), c.len().abs_diff(word.len()), c))
        .filter(|(d, _, _)| *d <= limit)
        .min_by_key(|(d, len_diff, _)| (*d, *len_diff))
        .map(|(_, _, c)| c)
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn distances() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("1.1.18", "1.1.17"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
