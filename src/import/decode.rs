//! Bytes → text. Owns encoding detection (byte-order marks, strict UTF-8, then a
//! chardetng guess for legacy text such as Windows-1252), the binary check, control
//! characters and line endings. Everything it changes becomes a report line.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::ImportError;

/// Decoded text with LF line endings, and the notes saying how it was obtained.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub notes: Vec<String>,
}

/// Decodes `bytes`, rejecting empty, whitespace-only, binary and undecodable input.
pub fn decode(bytes: &[u8], file: &Path) -> Result<Decoded, ImportError> {
    let file_buf = || file.to_path_buf();
    if bytes.is_empty() {
        return Err(ImportError::Empty { file: file_buf() });
    }
    let mut notes = Vec::new();
    if utf16_bom(bytes).is_none()
        && let Some(offset) = memchr_nul(bytes)
    {
        return Err(ImportError::Binary { file: file_buf(), offset });
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8(rest.to_vec()).map_err(|e| ImportError::Undecodable {
            file: file_buf(),
            reason: format!(
                "it starts with a UTF-8 byte-order mark but is not valid UTF-8 (bad byte at offset {})",
                e.utf8_error().valid_up_to() + 3
            ),
        })?
    } else if let Some((encoding, rest)) = utf16_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(rest);
        if had_errors {
            return Err(ImportError::Undecodable {
                file: file_buf(),
                reason: format!(
                    "it starts with a {} byte-order mark but is not valid {} (odd length or unpaired surrogate)",
                    encoding.name(),
                    encoding.name()
                ),
            });
        }
        notes.push(format!("decoded as {} (byte-order mark)", encoding.name()));
        text.into_owned()
    } else if let Some(offset) = memchr_nul(bytes) {
        return Err(ImportError::Binary { file: file_buf(), offset });
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                let (text, name) = decode_legacy(bytes, file)?;
                notes.push(format!("decoded as {name} (not valid UTF-8; detected)"));
                text
            }
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let (text, controls) = strip_controls(text);
    if controls > 0 {
        notes.push(format!("removed {controls} invisible control character(s)"));
    }
    let text = normalise_line_endings(&text, &mut notes);
    if text.trim().is_empty() {
        return Err(ImportError::WhitespaceOnly { file: file_buf() });
    }
    Ok(Decoded { text, notes })
}

fn utf16_bom(bytes: &[u8]) -> Option<(&'static Encoding, &[u8])> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Some((UTF_16LE, rest))
    } else {
        bytes.strip_prefix(b"\xFE\xFF").map(|rest| (UTF_16BE, rest))
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Legacy text: let chardetng guess (it prefers Windows-1252 for Western text), decode
/// strictly, and refuse the guess when it yields C1 control characters, which real
/// legacy text never contains and which would otherwise be written as mojibake.
fn decode_legacy(bytes: &[u8], file: &Path) -> Result<(String, &'static str), ImportError> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let undecodable = |reason: String| ImportError::Undecodable { file: file.to_path_buf(), reason };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| undecodable(format!("it is not valid UTF-8 and not valid {} either", encoding.name())))?;
    let suspicious = text.chars().filter(|c| ('\u{80}'..='\u{9F}').contains(c)).count();
    if suspicious > 0 {
        return Err(undecodable(format!(
            "it is not valid UTF-8, and read as {} it holds {suspicious} control character(s), so the encoding is unknown",
            encoding.name()
        )));
    }
    Ok((text.into_owned(), encoding.name()))
}

/// Removes C0/C1 control characters other than tab, line feed, carriage return and
/// form feed: they are invisible, and renderers handle them inconsistently.
fn strip_controls(text: &str) -> (String, usize) {
    let is_bad = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')) || c == '\u{FEFF}';
    let count = text.chars().filter(|&c| is_bad(c)).count();
    if count == 0 {
        return (text.to_owned(), 0);
    }
    (text.chars().filter(|&c| !is_bad(c)).collect(), count)
}

fn normalise_line_endings(text: &str, notes: &mut Vec<String>) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let crlf = text.matches("\r\n").count();
    let cr = text.matches('\r').count() - crlf;
    match (crlf, cr) {
        (_, 0) => notes.push("line endings: CRLF → LF".to_owned()),
        (0, _) => notes.push("line endings: CR → LF".to_owned()),
        _ => notes.push("line endings: CRLF and CR → LF".to_owned()),
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes, Path::new("x.txt")).expect("decodes")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(ok("Café\n".as_bytes()).text, "Café\n");
        let d = ok(b"\xEF\xBB\xBFCaf\xC3\xA9\n");
        assert_eq!(d.text, "Café\n");
        assert!(d.notes.is_empty());
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Hé\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("Hé\n".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(ok(&le).text, "Hé\n");
        assert_eq!(ok(&be).text, "Hé\n");
        assert_eq!(ok(&be).notes, vec!["decoded as UTF-16BE (byte-order mark)"]);
    }

    #[test]
    fn windows_1252_is_detected_not_mojibake() {
        let d = ok(b"The caf\xe9 served cr\xe8me br\xfbl\xe9e \x93as always\x94 \x96 na\xefvely.\n");
        assert_eq!(d.text, "The café served crème brûlée “as always” – naïvely.\n");
        assert_eq!(d.notes, vec!["decoded as windows-1252 (not valid UTF-8; detected)"]);
    }

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(ok(b"a\r\nb\r\n").text, "a\nb\n");
        assert_eq!(ok(b"a\rb\r").text, "a\nb\n");
        assert_eq!(ok(b"a\rb\r").notes, vec!["line endings: CR → LF"]);
    }

    #[test]
    fn rejects_empty_whitespace_binary_and_broken_utf16() {
        let err = |b: &[u8]| decode(b, Path::new("bad.txt")).unwrap_err();
        assert!(matches!(err(b""), ImportError::Empty { .. }));
        assert!(matches!(err(b" \n\t\r\n"), ImportError::WhitespaceOnly { .. }));
        assert!(matches!(err(b"\xEF\xBB\xBF \n"), ImportError::WhitespaceOnly { .. }));
        assert!(matches!(err(b"PK\x03\x04\x00\x00"), ImportError::Binary { offset: 4, .. }));
        assert!(matches!(err(b"\xFF\xFE\x00\xD8A\x00"), ImportError::Undecodable { .. }));
        assert!(err(b"").to_string().starts_with("bad.txt: "));
    }
}
