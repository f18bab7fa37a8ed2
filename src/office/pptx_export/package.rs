//! The package around the slides: presentation.xml, one slide master with two
//! layouts (title slide, title only), the theme (微软雅黑 for Chinese, with
//! fallbacks), the notes master, the relationships and the content types.
//! Minimal, but every part PowerPoint, WPS and LibreOffice look for is there.

use super::slide::{GROUP, SLIDE_H, SLIDE_W};
use crate::office::ooxml::esc;
use std::fmt::Write as _;

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// `Relationships` part from (id, type suffix, target).
pub fn rels(list: &[(String, &str, String)]) -> String {
    let mut out =
        format!(r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (id, kind, target) in list {
        let _ = write!(out, r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{}"/>"#, esc(target));
    }
    out.push_str("</Relationships>");
    out
}

pub fn presentation(slides: usize) -> String {
    let ids: String = (0..slides).map(|i| format!(r#"<p:sldId id="{}" r:id="rIdS{}"/>"#, 256 + i, i + 1)).collect();
    format!(
        r#"{XML}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdM"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rIdN"/></p:notesMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/><p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:lvl1pPr marL="0" algn="l" defTabSz="914400"><a:defRPr sz="1800" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr></p:defaultTextStyle></p:presentation>"#
    )
}

pub fn presentation_rels(slides: usize) -> String {
    let mut list = vec![
        ("rIdM".to_string(), "slideMaster", "slideMasters/slideMaster1.xml".to_string()),
        ("rIdN".to_string(), "notesMaster", "notesMasters/notesMaster1.xml".to_string()),
        ("rIdT".to_string(), "theme", "theme/theme1.xml".to_string()),
        ("rIdP".to_string(), "presProps", "presProps.xml".to_string()),
    ];
    for i in 1..=slides {
        list.push((format!("rIdS{i}"), "slide", format!("slides/slide{i}.xml")));
    }
    rels(&list)
}

pub const PRES_PROPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentationPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>"#;

const CLR_MAP: &str = r#"<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>"#;

fn level(sz: u32, bold: bool) -> String {
    let b = if bold { r#" b="1""# } else { "" };
    format!(
        r#"<a:lvl1pPr marL="0" algn="l"><a:defRPr sz="{sz}"{b} kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr>"#
    )
}

fn ph(id: u32, kind: &str, (x, y, cx, cy): (u64, u64, u64, u64)) -> String {
    let idx = if kind == "title" || kind == "sldImg" { String::new() } else { r#" idx="1""#.to_string() };
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{kind} {id}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{kind}"{idx}/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="zh-CN"/></a:p></p:txBody></p:sp>"#
    )
}

pub fn slide_master() -> String {
    let title = ph(2, "title", (457_200, 274_320, SLIDE_W - 914_400, 914_400));
    let body = ph(3, "body", (457_200, 1_371_600, SLIDE_W - 914_400, SLIDE_H - 1_828_800));
    format!(
        r#"{XML}<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{GROUP}{title}{body}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/><p:sldLayoutId id="2147483650" r:id="rId2"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle>{}</p:titleStyle><p:bodyStyle>{}</p:bodyStyle><p:otherStyle>{}</p:otherStyle></p:txStyles></p:sldMaster>"#,
        level(3200, true),
        level(2000, false),
        level(1800, false)
    )
}

/// `title` (the title slide) or `titleOnly` (every other slide).
pub fn slide_layout(kind: &str, name: &str) -> String {
    format!(
        r#"{XML}<p:sldLayout {NS} type="{kind}" preserve="1"><p:cSld name="{name}"><p:spTree>{GROUP}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
    )
}

pub fn notes_master() -> String {
    let image = ph(2, "sldImg", (381_000, 685_800, 6_096_000, 3_429_000));
    let body = ph(3, "body", (685_800, 4_343_400, 5_486_400, 4_114_800));
    format!(
        r#"{XML}<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{GROUP}{image}{body}</p:spTree></p:cSld>{CLR_MAP}<p:notesStyle>{}</p:notesStyle></p:notesMaster>"#,
        level(1200, false)
    )
}

pub fn theme() -> String {
    let colors = [
        ("dk1", r#"<a:srgbClr val="000000"/>"#),
        ("lt1", r#"<a:srgbClr val="FFFFFF"/>"#),
        ("dk2", r#"<a:srgbClr val="1F3864"/>"#),
        ("lt2", r#"<a:srgbClr val="E7E6E6"/>"#),
        ("accent1", r#"<a:srgbClr val="2F5597"/>"#),
        ("accent2", r#"<a:srgbClr val="C55A11"/>"#),
        ("accent3", r#"<a:srgbClr val="548235"/>"#),
        ("accent4", r#"<a:srgbClr val="BF9000"/>"#),
        ("accent5", r#"<a:srgbClr val="7030A0"/>"#),
        ("accent6", r#"<a:srgbClr val="C00000"/>"#),
        ("hlink", r#"<a:srgbClr val="0563C1"/>"#),
        ("folHlink", r#"<a:srgbClr val="954F72"/>"#),
    ];
    let clr: String = colors.iter().map(|(n, c)| format!("<a:{n}>{c}</a:{n}>")).collect();
    let font = |latin: &str| {
        format!(
            r#"<a:latin typeface="{latin}"/><a:ea typeface="微软雅黑"/><a:cs typeface=""/><a:font script="Hans" typeface="微软雅黑"/>"#
        )
    };
    let fill = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = r#"<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#;
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        r#"{XML}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="coursesite"><a:themeElements><a:clrScheme name="coursesite">{clr}</a:clrScheme><a:fontScheme name="coursesite"><a:majorFont>{}</a:majorFont><a:minorFont>{}</a:minorFont></a:fontScheme><a:fmtScheme name="coursesite"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{line}{line}{line}</a:lnStyleLst><a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#,
        font("Arial"),
        font("Arial")
    )
}

pub fn core(title: &str, summary: Option<&str>) -> String {
    format!(
        r#"{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:description>{}</dc:description><dc:creator>coursesite</dc:creator></cp:coreProperties>"#,
        esc(title),
        esc(summary.unwrap_or(""))
    )
}

pub const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

/// [Content_Types].xml for `slides` slides, the notes pages among them.
pub fn content_types(slides: usize, notes: &[usize]) -> String {
    let mut out = format!(
        r#"{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpg" ContentType="image/jpeg"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="gif" ContentType="image/gif"/><Default Extension="svg" ContentType="image/svg+xml"/><Default Extension="webp" ContentType="image/webp"/><Default Extension="bmp" ContentType="image/bmp"/>"#
    );
    let mut part = |name: &str, ct: &str| {
        let _ = write!(out, r#"<Override PartName="/{name}" ContentType="{ct}"/>"#);
    };
    part("ppt/presentation.xml", &format!("{CT}.presentation.main+xml"));
    part("ppt/presProps.xml", &format!("{CT}.presProps+xml"));
    part("ppt/slideMasters/slideMaster1.xml", &format!("{CT}.slideMaster+xml"));
    part("ppt/slideLayouts/slideLayout1.xml", &format!("{CT}.slideLayout+xml"));
    part("ppt/slideLayouts/slideLayout2.xml", &format!("{CT}.slideLayout+xml"));
    part("ppt/notesMasters/notesMaster1.xml", &format!("{CT}.notesMaster+xml"));
    part("ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml");
    part("ppt/theme/theme2.xml", "application/vnd.openxmlformats-officedocument.theme+xml");
    part("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    for i in 1..=slides {
        part(&format!("ppt/slides/slide{i}.xml"), &format!("{CT}.slide+xml"));
    }
    for i in notes {
        part(&format!("ppt/notesSlides/notesSlide{i}.xml"), &format!("{CT}.notesSlide+xml"));
    }
    out.push_str("</Types>");
    out
}
