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

/// styleId → (name lower-cased, heading level).
pub(super) fn styles(pkg: &Package) -> Result<BTreeMap<String, (String, Option<u8>)>, crate::messages::Msg> {
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
            out.insert(id.to_string(), (name, level));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels() {
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("标题 1"), Some(1));
        assert_eq!(heading_level("Normal"), None);
    }
}
