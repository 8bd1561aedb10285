//! Where a large CSV file is cut so that both cores read it: the first line end after the middle
//! that lies outside quotes.

use std::path::Path;

/// Files from this size are read on both cores.
pub(super) const PARALLEL_FROM: u64 = 32 << 20;

/// Where the second half of a CSV file starts: the first line end after the middle that lies
/// outside quotes (an even number of quote characters before it), and how many lines precede it.
pub(super) struct Split {
    pub(super) offset: u64,
    pub(super) lines_before: usize,
}

pub(super) fn split_point(path: &Path, len: u64) -> std::io::Result<Option<Split>> {
    use std::io::Read as _;
    let mut file = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let (mut quotes, mut lines, mut offset, mut after_cr) = (0u64, 0usize, 0u64, false);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        let bytes = buf.get(..n).unwrap_or_default();
        let base = offset;
        let mut from = 0;
        // Only quotes and line ends are visited (any other byte ends a preceding `\r`).
        for i in memchr::memchr3_iter(b'"', b'\n', b'\r', bytes) {
            if i > from {
                after_cr = false;
            }
            let b = bytes.get(i).copied().unwrap_or_default();
            let end = base + i as u64 + 1;
            match b {
                b'"' => quotes += 1,
                b'\n' if after_cr => {}
                _ => {
                    lines += 1;
                    if b == b'\n' && end > len / 2 && quotes % 2 == 0 {
                        return Ok((end < len).then_some(Split {
                            offset: end,
                            lines_before: lines,
                        }));
                    }
                }
            }
            after_cr = b == b'\r';
            from = i + 1;
        }
        if n > from {
            after_cr = false;
        }
        offset += n as u64;
    }
}
