//! Bytes → text, the one way every source file is read: a size cap, strict UTF-8
//! with the position of the first bad byte, BOM stripped, CRLF and lone CR made LF.
//! Everything after this step can assume clean LF-terminated UTF-8.

use crate::diag::{line_col, Diagnostic};
use std::path::Path;

/// Pages larger than this are refused: no course page is this big, and a runaway
/// file (a pasted log, a binary renamed `.md`) should not stall the build.
pub const MAX_PAGE_BYTES: u64 = 6_000_000;

pub fn decode(bytes: Vec<u8>, path: &Path) -> Result<String, Diagnostic> {
    // simdutf8 checks Chinese text several times faster than std (whose check
    // was a tenth of a cached build's instructions); the copy costs less.
    let text = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let bad = std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to());
            // The valid prefix is UTF-8 by construction: use it to count lines.
            let prefix = String::from_utf8_lossy(&bytes[..bad]).replace("\r\n", "\n");
            let (line, col) = line_col(&prefix, prefix.len());
            // Show the line as far as it is readable, then the bad byte as U+FFFD.
            let shown = format!("{}\u{FFFD}", prefix.rsplit('\n').next().unwrap_or_default());
            let hint = match crate::fix::looks_like_gb18030(&bytes) {
                Some(_) => msg!("utf8_is_gbk_hint", path = path.display()),
                None => msg!("utf8_resave_hint"),
            };
            let d = Diagnostic::error(msg!("utf8_invalid", bad, byte = format!("{:02X}", bytes[bad])))
                .in_file(path)
                .at(&shown, 1, col)
                .hint(hint);
            return Err(Diagnostic { line, ..d });
        }
    };
    // The usual file (no BOM, LF endings) is not copied again.
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(if text.contains('\r') { normalize_newlines(&text) } else { text })
}

/// CRLF and lone CR → LF, so line numbers and output don't depend on the editor.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_report_line_and_column() {
        // "第二行" in GBK on line 2, after a valid first line.
        let bytes = b"# ok\nab\xb5\xda\xb6\xfe".to_vec();
        let err = decode(bytes, Path::new("bad.md")).unwrap_err();
        assert_eq!((err.line, err.col), (2, 3));
        assert!(err.message.en().starts_with("invalid UTF-8 at byte 7"), "{}", err.message.en());
        assert_eq!(err.source_line.as_deref(), Some("ab\u{FFFD}"));
        assert!(err.hint.unwrap().en().contains("UTF-8"));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(b"\xef\xbb\xbf+++\r\ntitle = \"x\"\r\n+++\rbody".to_vec(), Path::new("a.md")).unwrap();
        assert_eq!(text, "+++\ntitle = \"x\"\n+++\nbody");
    }
}
