//! One `<w:p>` → [`Para`]: its style (and so heading level), list
//! membership, hidden flag and runs: text, tabs, symbols, equations,
//! hyperlinks, footnote references, drawings and text boxes, collected as
//! [`Seg`]s and rendered to inline Markdown. A footnote's text is a set of
//! paragraphs too, read here the first time a run refers to it.

use super::markdown::{render, Seg};
use super::pictures::image;
use super::styles::{builtin_list, heading_level, Style};
use super::{Ctx, ListInfo, Para};
use crate::office::ooxml::Element;

pub(super) fn paragraph(p: &Element, ctx: &mut Ctx) -> Para {
    let mut para = Para::default();
    let ppr = p.child("pPr");
    let mut style_num = None;
    if let Some(id) = ppr.and_then(|x| x.path(&["pStyle"])).and_then(|s| s.attr("val")) {
        let style = ctx.styles.get(id).cloned().unwrap_or_else(|| Style {
            name: id.to_lowercase(),
            heading: heading_level(id),
            num: None,
        });
        style_num = style.num.clone();
        para.style = style.name;
        para.heading = style.heading;
        // List Bullet / List Number without a numbering definition are lists still.
        if let Some((level, bullet)) = builtin_list(&para.style).or_else(|| builtin_list(id)) {
            para.list = Some(ListInfo { level, bullet: bullet.then_some('•') });
        }
    }
    if let Some(lvl) = ppr.and_then(|x| x.path(&["outlineLvl"])).and_then(|o| o.attr("val")) {
        if let Ok(n) = lvl.parse::<u8>() {
            if n < 9 {
                para.heading = Some(n + 1);
            }
        }
    }
    list_from_numbering(ppr.and_then(|x| x.child("numPr")), style_num, ctx, &mut para);
    para.hidden = ppr.and_then(|x| x.path(&["rPr", "vanish"])).is_some();
    let mut segs = Vec::new();
    inline(p, ctx, &mut segs, &mut para, None);
    para.text = segs.iter().filter(|s| !s.raw).map(|s| s.text.as_str()).collect();
    para.md = render(&segs).replace('\n', " ");
    para
}

/// List membership from `w:numPr`: the paragraph's own, filling what it
/// leaves out (often the numId) from its style's.
fn list_from_numbering(num: Option<&Element>, style: Option<(String, usize)>, ctx: &Ctx, para: &mut Para) {
    let own_id = num.and_then(|n| n.path(&["numId"])).and_then(|n| n.attr("val"));
    let own_level = num.and_then(|n| n.path(&["ilvl"])).and_then(|n| n.attr("val")).and_then(|v| v.parse().ok());
    let id = own_id.map(str::to_string).or_else(|| style.as_ref().map(|s| s.0.clone()));
    let Some(id) = id else { return };
    // numId 0 means "no numbering" (a style's list switched off).
    if id == "0" {
        para.list = None;
        return;
    }
    let level: usize = own_level.or(style.map(|s| s.1)).unwrap_or(0);
    let bullet = match ctx.numbering.get(&id).and_then(|l| l.get(&level).copied()) {
        Some(b) => b,
        // A numbering the document does not define: keep what the style said.
        None => para.list.and_then(|l| l.bullet),
    };
    para.list = Some(ListInfo { level: level.min(8), bullet });
}

fn on(rpr: Option<&Element>, name: &str) -> bool {
    rpr.and_then(|r| r.child(name)).is_some_and(|b| !matches!(b.attr("val"), Some("0" | "false" | "off")))
}

fn inline(parent: &Element, ctx: &mut Ctx, segs: &mut Vec<Seg>, para: &mut Para, link: Option<&str>) {
    for e in parent.elements() {
        match e.name.as_str() {
            "r" => run(e, ctx, segs, para, link),
            "hyperlink" => {
                let target = e
                    .attr("id")
                    .and_then(|id| ctx.rels.get(id))
                    .map(|r| r.target.clone())
                    .or_else(|| e.attr("anchor").map(|a| format!("#{a}")));
                inline(e, ctx, segs, para, target.as_deref().or(link));
            }
            "ins" | "smartTag" | "fldSimple" | "customXml" | "dir" | "bdo" => inline(e, ctx, segs, para, link),
            "sdt" => {
                if let Some(c) = e.child("sdtContent") {
                    inline(c, ctx, segs, para, link);
                }
            }
            "oMath" | "oMathPara" => {
                let text = e.text();
                segs.push(Seg { text: text.clone(), bold: false, italic: false, link: None, raw: false });
                para.unknown.push(format!("an equation was imported as plain text: {text}"));
            }
            _ => {}
        }
    }
}

fn run(r: &Element, ctx: &mut Ctx, segs: &mut Vec<Seg>, para: &mut Para, link: Option<&str>) {
    let rpr = r.child("rPr");
    if on(rpr, "vanish") {
        para.hidden = true;
    }
    let bold = on(rpr, "b");
    let italic = on(rpr, "i");
    let push = |segs: &mut Vec<Seg>, text: String, raw: bool| {
        segs.push(Seg { text, bold: bold && !raw, italic: italic && !raw, link: link.map(String::from), raw });
    };
    for e in r.elements() {
        match e.name.as_str() {
            "t" => push(segs, e.text(), false),
            "tab" | "ptab" => push(segs, " ".into(), false),
            // A line break (Shift+Enter) separates items in a form's cell:
            // kept as `\n` in the plain text, a space in the Markdown.
            "br" | "cr" if e.attr("type").is_none_or(|t| t == "textWrapping") => push(segs, "\n".into(), false),
            "br" | "cr" => push(segs, " ".into(), false),
            "noBreakHyphen" => push(segs, "-".into(), false),
            "footnoteReference" | "endnoteReference" => {
                if let Some(id) = e.attr("id") {
                    let label = footnote(id, ctx);
                    push(segs, format!("[^{label}]"), true);
                }
            }
            "drawing" | "pict" | "object" => {
                let blips: Vec<&Element> = e.all("blip").into_iter().chain(e.all("imagedata")).collect();
                let mut found = false;
                for blip in blips {
                    let id = blip.attr("embed").or_else(|| blip.attr("id"));
                    if let Some(md) = id.and_then(|id| image(id, e, ctx)) {
                        push(segs, md, true);
                        found = true;
                    }
                }
                // Text boxes hold paragraphs of their own.
                for tb in e.all("txbxContent") {
                    for p in tb.elements().filter(|x| x.name == "p") {
                        let inner = paragraph(p, ctx);
                        if !inner.md.is_empty() {
                            push(segs, format!(" {} ", inner.md), true);
                            found = true;
                        }
                    }
                }
                if !found {
                    para.unknown.push(format!("an embedded <{}> without a picture was not converted", e.name));
                }
            }
            "sym" => {
                if let Some(c) = e.attr("char").and_then(|c| u32::from_str_radix(c, 16).ok()).and_then(char::from_u32) {
                    push(segs, c.to_string(), false);
                }
            }
            _ => {}
        }
    }
}

fn footnote(id: &str, ctx: &mut Ctx) -> String {
    if let Some(label) = ctx.footnote_ids.get(id) {
        return label.clone();
    }
    let label = (ctx.footnotes.len() + 1).to_string();
    ctx.footnote_ids.insert(id.to_string(), label.clone());
    let text = match ctx.footnote_xml.get(id).cloned() {
        Some(note) => {
            let mut parts = Vec::new();
            for p in note.elements().filter(|e| e.name == "p") {
                let mut para = paragraph(&p.clone(), ctx);
                para.md = para.md.trim().to_string();
                if !para.md.is_empty() {
                    parts.push(para.md);
                }
            }
            parts.join(" ")
        }
        None => "<!-- coursesite import: footnote text not found; review -->".into(),
    };
    ctx.footnotes.push((label.clone(), text));
    label
}
