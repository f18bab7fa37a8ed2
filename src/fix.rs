//! `coursesite fix-encoding FILE…`: course files saved in a legacy Chinese
//! encoding (GBK, GB2312 or GB18030, the default of Windows Notepad and of
//! Word's "plain text" on a Chinese system) converted to UTF-8 in place, the
//! original kept beside it as `FILE.bak`. The build's "invalid UTF-8" error
//! offers this command when the bytes read as GB18030 ([`looks_like_gb18030`]).

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// What was done to one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Fixed {
    /// Converted; the original is at `backup`.
    Converted { backup: PathBuf },
    /// Already UTF-8: left as it was.
    AlreadyUtf8,
}

/// The text of `bytes` read as GB18030 (GBK and GB2312 are subsets), when they
/// are not UTF-8, decode without a single invalid sequence and hold Chinese:
/// Latin-1 or binary bytes seldom pass all three.
pub fn looks_like_gb18030(bytes: &[u8]) -> Option<String> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    let han = text.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count();
    (han > 0).then(|| text.into_owned())
}

/// Convert one file: the original bytes to `FILE.bak` (never over an existing
/// one), then the UTF-8 text written beside the file and renamed over it.
pub fn fix_file(path: &Path) -> Result<Fixed, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(msg!("io_cannot_read_file", error = crate::messages::io_error(&e))).in_file(path)
    })?;
    if std::str::from_utf8(&bytes).is_ok() {
        return Ok(Fixed::AlreadyUtf8);
    }
    let Some(text) = looks_like_gb18030(&bytes) else {
        return Err(Diagnostic::error(msg!("fix_not_gb18030")).in_file(path).hint(msg!("fix_not_gb18030_hint")));
    };
    let backup = path.with_file_name(format!("{}.bak", path.file_name().unwrap_or_default().to_string_lossy()));
    if backup.exists() {
        return Err(Diagnostic::error(msg!("fix_backup_exists", backup = backup.display()))
            .in_file(path)
            .hint(msg!("fix_backup_exists_hint")));
    }
    let write_err = |e: std::io::Error| {
        Diagnostic::error(msg!("io_cannot_write", error = crate::messages::io_error(&e))).in_file(path)
    };
    std::fs::write(&backup, &bytes).map_err(write_err)?;
    let temp = path.with_file_name(format!(".{}.utf8-tmp", path.file_name().unwrap_or_default().to_string_lossy()));
    std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, path)).map_err(write_err)?;
    Ok(Fixed::Converted { backup })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_text_is_recognised_and_latin1_or_utf8_is_not() {
        let (gbk, _, _) = encoding_rs::GBK.encode("# 客户服务\n\n内部客户也是客户。\n");
        assert_eq!(looks_like_gb18030(&gbk).as_deref(), Some("# 客户服务\n\n内部客户也是客户。\n"));
        assert_eq!(looks_like_gb18030("客户".as_bytes()), None, "UTF-8 already");
        assert_eq!(looks_like_gb18030(b"caf\xe9 \xff\xfe"), None, "not Chinese");
    }

    #[test]
    fn a_file_is_converted_once_keeping_its_original() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("教案.md");
        let (gbk, _, _) = encoding_rs::GBK.encode("+++\ntitle = \"项目一\"\n+++\n\n正文。\n");
        std::fs::write(&page, &gbk).unwrap();
        let fixed = fix_file(&page).unwrap();
        assert_eq!(fixed, Fixed::Converted { backup: dir.path().join("教案.md.bak") });
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "+++\ntitle = \"项目一\"\n+++\n\n正文。\n");
        assert_eq!(std::fs::read(dir.path().join("教案.md.bak")).unwrap(), gbk.to_vec());
        assert_eq!(fix_file(&page).unwrap(), Fixed::AlreadyUtf8);
        // A second GBK file of the same name would need the backup's place: refused.
        std::fs::write(&page, &gbk).unwrap();
        assert!(fix_file(&page).unwrap_err().message.en().contains("exists already"));
    }
}
