//! How a CSV file is written, told from its first bytes: the encoding (UTF-8, with or without a
//! byte-order mark, or Windows-1251, which Russian Excel writes for «CSV (разделители — точка с
//! запятой)») and the delimiter (`;`, tab or `,`). Every CSV reader of the CLI — batch and
//! dynamics, the plan, objectivity — asks this module, so a file reads the same everywhere.

use std::io::Read;

/// How many bytes the sniffers look at.
pub const HEAD: usize = 64 * 1024;

/// A text encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, is skipped by the readers).
    Utf8,
    /// Windows-1251, the Cyrillic code page of Russian Windows.
    Windows1251,
}

/// The encoding and delimiter of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// The encoding.
    pub encoding: Encoding,
    /// The field delimiter.
    pub delimiter: u8,
}

/// Tells the dialect from the first bytes of a file (up to [`HEAD`]).
///
/// ```
/// use vsoko_cli::dialect::{sniff, Encoding};
/// let d = sniff("school;1.1.1\nШкола, корпус 2;2,5\n".as_bytes());
/// assert_eq!((d.encoding, d.delimiter), (Encoding::Utf8, b';'));
/// let cp1251 = b"\xd8\xea\xee\xeb\xe0,1\n"; // «Школа,1» in Windows-1251
/// assert_eq!(sniff(cp1251).encoding, Encoding::Windows1251);
/// ```
pub fn sniff(head: &[u8]) -> Dialect {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    Dialect {
        encoding: encoding(head),
        delimiter: vsoko::delimited::delimiter(head),
    }
}

/// UTF-8 unless the bytes are Windows-1251 Cyrillic text (the core's rule, shared with the
/// browser): a sample of [`HEAD`] bytes may end in the middle of a character.
fn encoding(head: &[u8]) -> Encoding {
    if vsoko::delimited::is_windows_1251(head, head.len() >= HEAD) {
        Encoding::Windows1251
    } else {
        Encoding::Utf8
    }
}

/// Text in `encoding` as UTF-8 (a byte-order mark kept for the readers to skip).
pub fn decode(bytes: &[u8], encoding: Encoding) -> std::borrow::Cow<'_, [u8]> {
    match encoding {
        Encoding::Utf8 => std::borrow::Cow::Borrowed(bytes),
        Encoding::Windows1251 => {
            let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
            match text {
                std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
                std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
            }
        }
    }
}

/// A reader that yields UTF-8 from a Windows-1251 stream (a one-byte encoding, so a chunk never
/// splits a character).
pub struct Decoder<R> {
    inner: R,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
}

impl<R: Read> Decoder<R> {
    /// Wraps a Windows-1251 reader.
    pub fn new(inner: R) -> Decoder<R> {
        Decoder {
            inner,
            raw: vec![0; 1 << 15],
            out: Vec::new(),
            at: 0,
        }
    }
}

impl<R: Read> Read for Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.out.len() {
            let n = self.inner.read(&mut self.raw)?;
            if n == 0 {
                return Ok(0);
            }
            let (text, _) = encoding_rs::WINDOWS_1251
                .decode_without_bom_handling(self.raw.get(..n).unwrap_or_default());
            self.out.clear();
            self.out.extend_from_slice(text.as_bytes());
            self.at = 0;
        }
        let rest = self.out.get(self.at..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), rest.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.at += n;
        Ok(n)
    }
}

/// A reader of UTF-8 text for a stream in `encoding`.
pub fn utf8_reader<'a, R: Read + 'a>(inner: R, encoding: Encoding) -> Box<dyn Read + 'a> {
    match encoding {
        Encoding::Utf8 => Box::new(inner),
        Encoding::Windows1251 => Box::new(Decoder::new(inner)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// UTF-8 text is never taken for Windows-1251, and Russian text saved in Windows-1251
        /// reads back to itself, by the whole-file and the streaming decoder alike.
        #[test]
        fn text_reads_back_in_either_encoding(
            text in "[а-яА-ЯёЁ]{1,30}([ ;,\\n«»№.-]{1,2}[а-яА-Я0-9]{1,12}){0,12}",
            other in any::<String>(),
        ) {
            prop_assert_eq!(sniff(other.as_bytes()).encoding, Encoding::Utf8);
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
            let d = sniff(&bytes);
            let high = text.chars().filter(|c| !c.is_ascii()).count();
            let letters = text.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()).count();
            // Windows-1251 bytes that happen to be valid UTF-8 (`Р«` is `Ы`) stay UTF-8; so
            // does text without Cyrillic letters (punctuation alone tells nothing).
            prop_assume!(std::str::from_utf8(&bytes).is_err() && letters * 5 >= high * 4);
            prop_assert_eq!(d.encoding, Encoding::Windows1251);
            let whole = decode(&bytes, d.encoding);
            prop_assert_eq!(whole.as_ref(), text.as_bytes());
            let mut out = String::new();
            utf8_reader(&bytes[..], d.encoding).read_to_string(&mut out).unwrap();
            prop_assert_eq!(out, text);
        }
    }

    #[test]
    fn delimiters_are_told_from_the_first_line_that_has_one() {
        assert_eq!(sniff(b"a;b;c\n1,5;2;3\n").delimiter, b';');
        assert_eq!(sniff(b"a,b,c\n1;2;3\n").delimiter, b',');
        assert_eq!(sniff(b"a\tb\tc\n").delimiter, b'\t');
        // A title row without a delimiter, then the header.
        assert_eq!(
            sniff("План ВСОКО\nМесяц;Содержание\n".as_bytes()).delimiter,
            b';'
        );
        // Commas inside quotes do not count; a tie goes to `;`.
        assert_eq!(sniff(b"\"a,b,c\";d\n").delimiter, b';');
        assert_eq!(sniff(b"a;b,c\n").delimiter, b';');
        assert_eq!(sniff(b"").delimiter, b',');
    }

    #[test]
    fn windows_1251_is_decoded_and_broken_utf8_is_not_guessed() {
        let text = "ОО;Код участника;Отметка\nСОШ №1 «Ёлочка»;A01;5\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let d = sniff(&bytes);
        assert_eq!((d.encoding, d.delimiter), (Encoding::Windows1251, b';'));
        assert_eq!(decode(&bytes, d.encoding).as_ref(), text.as_bytes());
        let mut out = String::new();
        utf8_reader(&bytes[..], d.encoding)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        // Mostly ASCII with a stray byte that is no Cyrillic letter: not taken for Windows-1251.
        assert_eq!(
            sniff(b"school,1.1.1\nA\x81\x82,1\n").encoding,
            Encoding::Utf8
        );
        // UTF-8 cut in the middle of a letter at the end of a full sample is still UTF-8.
        let sample = format!("x{}", "ш".repeat(HEAD / 2)).into_bytes();
        assert!(std::str::from_utf8(&sample[..HEAD]).is_err());
        assert_eq!(sniff(&sample[..HEAD]).encoding, Encoding::Utf8);
        // Russian UTF-8 cut short by a short read is still not taken for Windows-1251.
        let short = "Школа № 1; Гимназия".as_bytes();
        assert_eq!(sniff(&short[..short.len() - 1]).encoding, Encoding::Utf8);
    }
}
