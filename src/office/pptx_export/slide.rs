//! One slide's XML: the title placeholder, then the shapes stacked top to
//! bottom in the content area. Heights are estimated from the text (a
//! Chinese character is one em, a Latin one about half); when the shapes
//! would not fit, every font size and height shrinks by the same factor, so
//! nothing overlaps and the text stays editable at a size PowerPoint, WPS and
//! LibreOffice all show.

use super::content::{Bullet, Para, Run, Shape};
use crate::office::ooxml::esc;
use std::fmt::Write as _;

pub const SLIDE_W: u64 = 12_192_000;
pub const SLIDE_H: u64 = 6_858_000;
const EMU_PER_PT: f64 = 12_700.0;
const MARGIN: u64 = 457_200;
const CONTENT_TOP: u64 = 1_371_600;
const BODY_PT: f64 = 20.0;
const CODE_PT: f64 = 14.0;
const TABLE_PT: f64 = 16.0;
const GAP: u64 = 182_880;

/// A picture placed on the slide: its relationship id and its size ratio.
pub struct Pic {
    pub rel: String,
    pub ratio: f64,
}

/// What a shape needs to be laid out: the shape and, for a picture, its part.
pub struct Placed<'a> {
    pub shape: &'a Shape,
    pub pic: Option<Pic>,
}

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

pub const GROUP: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

pub fn wrap_slide(tree: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld {NS}><p:cSld><p:spTree>{GROUP}{tree}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#
    )
}

fn xfrm(x: u64, y: u64, cx: u64, cy: u64) -> String {
    format!(r#"<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>"#)
}

/// A title or subtitle placeholder (`title`, `ctrTitle`, `subTitle`).
pub fn placeholder(id: u32, kind: &str, text: &str, (y, cy, pt): (u64, u64, f64)) -> String {
    let idx = if kind == "subTitle" { r#" idx="1""# } else { "" };
    let algn = if kind == "title" { "l" } else { "ctr" };
    let paras: String = text
        .lines()
        .map(|l| {
            let run = Run { text: l.to_string(), bold: kind != "subTitle", ..Run::default() };
            format!(r#"<a:p><a:pPr algn="{algn}"><a:buNone/></a:pPr>{}</a:p>"#, run_xml(&run, pt))
        })
        .collect();
    let paras = at_least_one(paras);
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{kind} {id}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{kind}"{idx}/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody><a:bodyPr anchor="ctr"><a:normAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>"#,
        xfrm(MARGIN, y, SLIDE_W - 2 * MARGIN, cy)
    )
}

/// A content slide: the title (when there is one) and the shapes, scaled to fit.
pub fn content_slide(title: &str, placed: &[Placed]) -> String {
    let mut tree = String::new();
    if !title.is_empty() {
        tree.push_str(&placeholder(2, "title", title, (274_320, 914_400, 32.0)));
    }
    let width = SLIDE_W - 2 * MARGIN;
    let room = (SLIDE_H - CONTENT_TOP - MARGIN) as f64;
    let natural: f64 = placed.iter().map(|p| height(p, width, 1.0) + GAP as f64).sum();
    let scale = if natural > room { (room / natural).max(0.45) } else { 1.0 };
    let mut y = CONTENT_TOP as f64;
    for (i, p) in placed.iter().enumerate() {
        let h = height(p, width, scale);
        let id = 10 + i as u32;
        let cy = h as u64;
        let shape = match p.shape {
            Shape::Text(paras) => text_box(id, (y as u64, cy), paras, scale),
            Shape::Code(lines) => code_box(id, (y as u64, cy), lines, scale),
            Shape::Table(rows) => table(id, (y as u64, cy), rows, scale),
            Shape::Picture { alt, .. } => match &p.pic {
                Some(pic) => picture(id, (y as u64, cy), pic, alt),
                None => String::new(),
            },
        };
        tree.push_str(&shape);
        y += h + GAP as f64 * scale;
    }
    wrap_slide(&tree)
}

/// Lines a text takes in a box `width_pt` wide at `pt` points; a tenth of the
/// width is left for line-breaking rules (no 。at a line start, whole words).
fn lines(text: &str, width_pt: f64, pt: f64) -> f64 {
    let ems: f64 = text.chars().map(|c| if c as u32 >= 0x2E80 { 1.0 } else { 0.6 }).sum();
    (ems * pt / (width_pt * 0.9).max(pt)).ceil().max(1.0)
}

/// The height of one line at `pt` points, in EMU.
fn line_height(pt: f64) -> f64 {
    pt * 1.3 * EMU_PER_PT
}

fn height(p: &Placed, width: u64, scale: f64) -> f64 {
    let width_pt = width as f64 / EMU_PER_PT - 14.4;
    let inset = 91_440.0;
    match p.shape {
        Shape::Text(paras) => {
            let pt = BODY_PT * scale;
            let n: f64 = paras.iter().map(|para| lines(&para.text(), width_pt - 27.0 * para.level as f64, pt)).sum();
            n * line_height(pt) + paras.len() as f64 * 6.0 * scale * EMU_PER_PT + inset
        }
        Shape::Code(code) => {
            let pt = CODE_PT * scale;
            code.len().max(1) as f64 * line_height(pt) + inset
        }
        Shape::Table(rows) => {
            let pt = TABLE_PT * scale;
            let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1) as f64;
            let cell_w = width_pt / cols - 14.4;
            rows.iter()
                .map(|r| {
                    let most = r.iter().map(|c| lines(&runs_text(c), cell_w, pt)).fold(1.0, f64::max);
                    most * line_height(pt) + inset
                })
                .sum()
        }
        Shape::Picture { .. } => {
            let ratio = p.pic.as_ref().map_or(0.6, |pic| pic.ratio);
            (width as f64 * 0.6 * ratio).min(SLIDE_H as f64 * 0.6) * scale
        }
    }
}

fn runs_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

pub fn run_xml(run: &Run, pt: f64) -> String {
    let sz = ((pt * 100.0).round() as u32).max(800);
    let b = if run.bold { r#" b="1""# } else { "" };
    let i = if run.italic { r#" i="1""# } else { "" };
    let font = if run.code { r#"<a:latin typeface="Consolas"/><a:cs typeface="Consolas"/>"# } else { "" };
    format!(
        r#"<a:r><a:rPr lang="zh-CN" altLang="en-US" sz="{sz}"{b}{i} dirty="0">{font}</a:rPr><a:t>{}</a:t></a:r>"#,
        esc(&run.text)
    )
}

fn para_xml(para: &Para, pt: f64) -> String {
    let indent = 342_900 * para.level as u64;
    let bullet = match para.bullet {
        Bullet::None => format!(
            r#"<a:pPr marL="{indent}" indent="0"><a:spcBef><a:spcPts val="600"/></a:spcBef><a:buNone/></a:pPr>"#
        ),
        Bullet::Char => format!(
            r#"<a:pPr marL="{}" lvl="{}" indent="-285750"><a:spcBef><a:spcPts val="600"/></a:spcBef><a:buFont typeface="Arial"/><a:buChar char="•"/></a:pPr>"#,
            indent + 285_750,
            para.level
        ),
        Bullet::Number => format!(
            r#"<a:pPr marL="{}" lvl="{}" indent="-342900"><a:spcBef><a:spcPts val="600"/></a:spcBef><a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"/></a:pPr>"#,
            indent + 342_900,
            para.level
        ),
    };
    let runs: String = para.runs.iter().map(|r| run_xml(r, pt)).collect();
    format!("<a:p>{bullet}{runs}</a:p>")
}

/// A text body needs at least one paragraph.
fn at_least_one(paras: String) -> String {
    if paras.is_empty() {
        r#"<a:p><a:endParaRPr lang="zh-CN"/></a:p>"#.to_string()
    } else {
        paras
    }
}

fn sp(id: u32, name: &str, (y, cy): (u64, u64), fill: &str, body: &str) -> String {
    let body = at_least_one(body.to_string());
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name} {id}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</p:spPr><p:txBody><a:bodyPr wrap="square" rtlCol="0"><a:normAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>"#,
        xfrm(MARGIN, y, SLIDE_W - 2 * MARGIN, cy)
    )
}

fn text_box(id: u32, at: (u64, u64), paras: &[Para], scale: f64) -> String {
    let body: String = paras.iter().map(|p| para_xml(p, BODY_PT * scale)).collect();
    sp(id, "Text", at, "<a:noFill/>", &body)
}

fn code_box(id: u32, at: (u64, u64), lines: &[String], scale: f64) -> String {
    let body: String = lines
        .iter()
        .map(|l| {
            let run = Run { text: l.clone(), code: true, ..Run::default() };
            format!(r#"<a:p><a:pPr><a:buNone/></a:pPr>{}</a:p>"#, run_xml(&run, CODE_PT * scale))
        })
        .collect();
    sp(id, "Code", at, r#"<a:solidFill><a:srgbClr val="F2F2F2"/></a:solidFill>"#, &body)
}

fn table(id: u32, (y, cy): (u64, u64), rows: &[Vec<Vec<Run>>], scale: f64) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = SLIDE_W - 2 * MARGIN;
    let col_w = width / cols as u64;
    let row_h = cy / rows.len().max(1) as u64;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="Table {id}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{MARGIN}" y="{y}"/><a:ext cx="{}" cy="{cy}"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>"#,
        col_w * cols as u64
    );
    for _ in 0..cols {
        let _ = write!(out, r#"<a:gridCol w="{col_w}"/>"#);
    }
    out.push_str("</a:tblGrid>");
    let line =
        |side: &str| format!(r#"<a:{side} w="12700"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:{side}>"#);
    let borders: String = ["lnL", "lnR", "lnT", "lnB"].iter().map(|s| line(s)).collect();
    for (r, row) in rows.iter().enumerate() {
        let _ = write!(out, r#"<a:tr h="{row_h}">"#);
        for c in 0..cols {
            let runs = row.get(c).map(Vec::as_slice).unwrap_or(&[]);
            let head = r == 0;
            let cell: String =
                runs.iter().map(|x| run_xml(&Run { bold: x.bold || head, ..x.clone() }, TABLE_PT * scale)).collect();
            let fill = if head { "D9E2F3" } else { "FFFFFF" };
            let _ = write!(
                out,
                r#"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p>{cell}</a:p></a:txBody><a:tcPr>{borders}<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>"#
            );
        }
        out.push_str("</a:tr>");
    }
    out.push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
    out
}

fn picture(id: u32, (y, cy): (u64, u64), pic: &Pic, alt: &str) -> String {
    let cx = ((cy as f64 / pic.ratio.max(0.05)) as u64).min(SLIDE_W - 2 * MARGIN);
    let x = (SLIDE_W - cx) / 2;
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="Picture {id}" descr="{}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        esc(alt),
        pic.rel,
        xfrm(x, y, cx, cy)
    )
}

/// A notes page: the slide image and the notes in the body placeholder
/// (positions come from the notes master).
pub fn notes(paragraphs: &[String]) -> String {
    let paras: String = paragraphs
        .iter()
        .map(|t| format!("<a:p>{}</a:p>", run_xml(&Run { text: t.clone(), ..Run::default() }, 12.0)))
        .collect();
    let paras = at_least_one(paras);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:notes {NS}><p:cSld><p:spTree>{GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#
    )
}
