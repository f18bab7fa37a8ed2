//! The definitions a paragraph names by id: styles.xml (a style's name and
//! heading level, from `Heading 2` / `标题 2` or its outline level) and
//! numbering.xml (which lists are bullets, and with which glyph).

use crate::office::ooxml::Package;
use std::collections::BTreeMap;

/// `Heading2`, `heading 2`, `标题 2` → 2.
pub(super) fn heading_level(name: &str) -> Option<u8> {
    let lower = name.to_lowercase().replace(' ', "");
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    rest.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

/// What a paragraph style gives its paragraphs.
#[derive(Debug, Clone, Default)]
pub(super) struct Style {
    /// Name, lower-cased (`list bullet`, `heading 2`).
    pub name: String,
    pub heading: Option<u8>,
    /// The list the style numbers its paragraphs with (`w:numPr` in the
    /// style): numId and level. Word's List Bullet / List Number carry it there.
    pub num: Option<(String, usize)>,
}

/// styleId → its [`Style`].
pub(super) fn styles(pkg: &Package) -> Result<BTreeMap<String, Style>, crate::messages::Msg> {
    let mut out = BTreeMap::new();
    if let Some(root) = pkg.xml("word/styles.xml")? {
        for s in root.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else { continue };
            let name = s.path(&["name"]).and_then(|n| n.attr("val")).unwrap_or(id).to_lowercase();
            let outline = s
                .path(&["pPr", "outlineLvl"])
                .and_then(|o| o.attr("val"))
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|n| *n < 9)
                .map(|n| n + 1);
            let level = heading_level(&name).or(outline);
            let num = s.path(&["pPr", "numPr"]).and_then(|n| {
                let id = n.path(&["numId"]).and_then(|x| x.attr("val"))?.to_string();
                let lvl = n.path(&["ilvl"]).and_then(|x| x.attr("val")).and_then(|v| v.parse().ok()).unwrap_or(0);
                Some((id, lvl))
            });
            out.insert(id.to_string(), Style { name, heading: level, num });
        }
    }
    Ok(out)
}

/// numId → level → bullet glyph (None for numbers).
pub(super) fn numbering(
    pkg: &Package,
) -> Result<BTreeMap<String, BTreeMap<usize, Option<char>>>, crate::messages::Msg> {
    let mut out = BTreeMap::new();
    let Some(root) = pkg.xml("word/numbering.xml")? else {
        return Ok(out);
    };
    let mut abstracts: BTreeMap<String, BTreeMap<usize, Option<char>>> = BTreeMap::new();
    for a in root.elements().filter(|e| e.name == "abstractNum") {
        let Some(id) = a.attr("abstractNumId") else { continue };
        let mut levels = BTreeMap::new();
        for lvl in a.elements().filter(|e| e.name == "lvl") {
            let Some(n) = lvl.attr("ilvl").and_then(|v| v.parse().ok()) else { continue };
            let fmt = lvl.path(&["numFmt"]).and_then(|f| f.attr("val")).unwrap_or("decimal");
            let glyph = lvl.path(&["lvlText"]).and_then(|t| t.attr("val")).and_then(|t| t.chars().next());
            levels.insert(n, (fmt == "bullet" || fmt == "none").then(|| glyph.unwrap_or('•')));
        }
        abstracts.insert(id.to_string(), levels);
    }
    for n in root.elements().filter(|e| e.name == "num") {
        let (Some(id), Some(a)) = (n.attr("numId"), n.path(&["abstractNumId"]).and_then(|a| a.attr("val"))) else {
            continue;
        };
        out.insert(id.to_string(), abstracts.get(a).cloned().unwrap_or_default());
    }
    Ok(out)
}

/// Word's built-in list styles by name (or styleId when styles.xml lacks
/// them): `List Bullet 2` → (level 1, bullet), `ListNumber` → (level 0, numbered).
pub(super) fn builtin_list(name: &str) -> Option<(usize, bool)> {
    let flat = name.to_lowercase().replace(' ', "");
    let (rest, bullet) = match flat.strip_prefix("listbullet") {
        Some(r) => (r, true),
        None => (flat.strip_prefix("listnumber")?, false),
    };
    let level = if rest.is_empty() { 0 } else { rest.parse::<usize>().ok()?.saturating_sub(1) };
    Some((level.min(8), bullet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels() {
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("标题 1"), Some(1));
        assert_eq!(heading_level("Normal"), None);
        assert_eq!(builtin_list("List Bullet 2"), Some((1, true)));
        assert_eq!(builtin_list("ListNumber"), Some((0, false)));
        assert_eq!(builtin_list("List Paragraph"), None);
    }
}
