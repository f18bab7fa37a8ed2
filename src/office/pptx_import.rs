//! A PowerPoint deck becomes a slide page: one slide, one section between
//! `---` lines, its title as `##`, bullets as lists (indent levels kept),
//! tables, pictures (extracted next to the page) and speaker notes as
//! `> [!notes]`, in slide order. A deck that carries a dialogue
//! (`客户：…` / `坐席：…`) becomes a call script instead.

use super::detect;
use super::docx_read::{render, Image, Seg};
use super::emit::{self, escape, guard_line_start, Block, Marker};
use super::ooxml::{Element, Package, Rel};
use super::Page;
use crate::syntax::callouts;
use std::collections::BTreeMap;

struct Slide {
    title: String,
    blocks: Vec<Block>,
    notes: Vec<String>,
}

struct Ctx<'a> {
    pkg: &'a Package,
    rels: BTreeMap<String, Rel>,
    images: &'a mut Vec<Image>,
    seen: &'a mut BTreeMap<String, String>,
    stem: &'a str,
}

/// The pages (one) and the pictures a deck becomes.
pub fn pages(
    pkg: &Package,
    file_stem: &str,
    notes: &mut Vec<crate::messages::Msg>,
) -> Result<(Vec<Page>, Vec<Image>), crate::messages::Msg> {
    let pres = pkg.xml("ppt/presentation.xml")?.ok_or_else(|| msg!("ooxml_no_part", part = "ppt/presentation.xml"))?;
    let pres_rels = pkg.rels("ppt/presentation.xml")?;
    let stem = detect::stem(file_stem);
    let mut images = Vec::new();
    let mut seen = BTreeMap::new();
    let mut slides = Vec::new();
    for id in pres.all("sldId") {
        // `<p:sldId id="256" r:id="rId2"/>`: both are `id` once prefixes are dropped.
        let Some(rel) = id.attrs.iter().filter(|(k, _)| k == "id").find_map(|(_, v)| pres_rels.get(v)) else {
            notes.push(msg!("pptx_no_part"));
            continue;
        };
        let Some(xml) = pkg.xml(&rel.target)? else {
            notes.push(msg!("pptx_part_missing", part = &rel.target));
            continue;
        };
        let rels = pkg.rels(&rel.target)?;
        let notes_part = rels.values().find(|r| r.kind.ends_with("/notesSlide")).map(|r| r.target.clone());
        let mut ctx = Ctx { pkg, rels, images: &mut images, seen: &mut seen, stem: &stem };
        let mut slide = Slide { title: String::new(), blocks: Vec::new(), notes: Vec::new() };
        if let Some(tree) = xml.all("spTree").into_iter().next() {
            shapes(tree, &mut ctx, &mut slide);
        }
        if let Some(part) = notes_part {
            if let Some(n) = pkg.xml(&part)? {
                slide.notes = notes_text(&n);
            }
        }
        slides.push(slide);
    }
    let title = slides.iter().map(|s| s.title.clone()).find(|t| !t.is_empty()).unwrap_or_else(|| file_stem.to_string());
    let lines: Vec<String> = slides
        .iter()
        .flat_map(|s| s.blocks.iter())
        .filter_map(|b| match b {
            Block::Para(t) | Block::Item { text: t, .. } => Some(t.clone()),
            _ => None,
        })
        .collect();
    let line_refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    if let Some((agent, customer)) = detect::dialogue(&line_refs) {
        notes.push(msg!("pptx_dialogue", agent = &agent, customer = &customer));
        return Ok((vec![script_page(&title, &agent, &customer, slides)], images));
    }
    let mut blocks = Vec::new();
    for (i, s) in slides.into_iter().enumerate() {
        if i > 0 {
            blocks.push(Block::Break);
        }
        if !s.title.is_empty() {
            blocks.push(Block::Heading(2, s.title));
        }
        blocks.extend(s.blocks);
        if !s.notes.is_empty() {
            let mut inner = vec![Block::Para(format!("[!{}]", callouts::SPEAKER_NOTES.aliases[0]))];
            inner.extend(s.notes.into_iter().map(Block::Para));
            blocks.push(Block::Quote(inner));
        }
    }
    let front = "+++\ntitle = ".to_string() + &emit::toml_str(&title) + "\nkind = \"page\"\nslides = true\n+++\n";
    let text = format!("{front}\n{}", emit::markdown(&blocks));
    Ok((vec![Page { dir: "lessons", stem, text, deck_title: Some(title) }], images))
}

fn script_page(title: &str, agent: &str, customer: &str, slides: Vec<Slide>) -> Page {
    let mut blocks = Vec::new();
    for s in slides {
        if !s.title.is_empty() {
            blocks.push(Block::Heading(2, s.title));
        }
        // A dialogue line per paragraph; list bullets in a script deck are lines too.
        for b in s.blocks {
            match b {
                Block::Item { text, .. } => blocks.push(Block::Para(text)),
                other => blocks.push(other),
            }
        }
        if !s.notes.is_empty() {
            let mut inner = vec![Block::Para(format!("[!{}]", callouts::TEACHER.aliases[0]))];
            inner.extend(s.notes.into_iter().map(Block::Para));
            blocks.push(Block::Quote(inner));
        }
    }
    let front = emit::simple_front(&[("title", title), ("agent", agent), ("customer", customer)], &[]);
    let text = format!("{front}\n{}", emit::markdown(&blocks));
    Page { dir: "scripts", stem: detect::stem(title), text, deck_title: None }
}

fn shapes(tree: &Element, ctx: &mut Ctx, slide: &mut Slide) {
    for shape in tree.elements() {
        match shape.name.as_str() {
            "sp" => text_shape(shape, ctx, slide),
            "grpSp" => shapes(shape, ctx, slide),
            "graphicFrame" => {
                if let Some(tbl) = shape.all("tbl").into_iter().next() {
                    slide.blocks.push(table(tbl, ctx));
                } else {
                    slide.blocks.push(Block::Raw(
                        "<!-- coursesite import: a chart, diagram or embedded object on this slide was not converted; review -->"
                            .into(),
                    ));
                }
            }
            "pic" => {
                if let Some(md) = picture(shape, ctx) {
                    slide.blocks.push(Block::Para(md));
                }
            }
            "nvGrpSpPr" | "grpSpPr" | "extLst" => {}
            "cxnSp" => {}
            other => slide.blocks.push(Block::Raw(format!(
                "<!-- coursesite import: slide element <p:{other}> not converted; review -->"
            ))),
        }
    }
}

fn placeholder(shape: &Element) -> Option<(String, bool)> {
    let ph = shape.path(&["nvSpPr", "nvPr", "ph"])?;
    Some((ph.attr("type").unwrap_or("body").to_string(), ph.attr("idx").is_some() || ph.attr("type").is_none()))
}

fn text_shape(shape: &Element, ctx: &mut Ctx, slide: &mut Slide) {
    let Some(body) = shape.child("txBody") else { return };
    let ph = placeholder(shape);
    let kind = ph.as_ref().map(|p| p.0.as_str());
    if matches!(kind, Some("title" | "ctrTitle")) {
        let text: Vec<String> = body.elements().filter(|e| e.name == "p").map(plain).collect();
        let title = detect_join(&text);
        if slide.title.is_empty() {
            slide.title = title;
        } else if !title.is_empty() {
            slide.blocks.push(Block::Para(escape(&title)));
        }
        return;
    }
    if matches!(kind, Some("sldNum" | "dt" | "ftr" | "hdr")) {
        return;
    }
    // Body placeholders bullet every paragraph unless told not to; text boxes only when told to.
    let bulleted_by_default = matches!(kind, Some("body" | "obj")) || (kind.is_some() && kind != Some("subTitle"));
    for p in body.elements().filter(|e| e.name == "p") {
        let md = runs(p, ctx);
        if md.trim().is_empty() {
            continue;
        }
        let ppr = p.child("pPr");
        let level = ppr.and_then(|x| x.attr("lvl")).and_then(|l| l.parse().ok()).unwrap_or(0usize);
        let none = ppr.and_then(|x| x.child("buNone")).is_some();
        let numbered = ppr.and_then(|x| x.child("buAutoNum")).is_some();
        let bullet = ppr.and_then(|x| x.child("buChar")).is_some();
        if numbered {
            slide.blocks.push(Block::Item { level, marker: Marker::Ordered, text: md.trim().to_string() });
        } else if !none && (bullet || bulleted_by_default) {
            slide.blocks.push(Block::Item { level, marker: Marker::Bullet('-'), text: md.trim().to_string() });
        } else {
            slide.blocks.push(Block::Para(guard_line_start(md.trim())));
        }
    }
}

fn detect_join(parts: &[String]) -> String {
    super::docx_read::join_cjk(parts)
}

fn plain(p: &Element) -> String {
    p.all("t").iter().map(|t| t.text()).collect()
}

fn runs(p: &Element, ctx: &mut Ctx) -> String {
    let mut segs = Vec::new();
    for e in p.elements() {
        match e.name.as_str() {
            "r" | "fld" => {
                let rpr = e.child("rPr");
                let flag = |n: &str| rpr.and_then(|r| r.attr(n)).is_some_and(|v| v == "1" || v == "true");
                let link = rpr
                    .and_then(|r| r.child("hlinkClick"))
                    .and_then(|h| h.attr("id"))
                    .and_then(|id| ctx.rels.get(id))
                    .filter(|r| r.external)
                    .map(|r| r.target.clone());
                let text = e.child("t").map(Element::text).unwrap_or_default();
                segs.push(Seg { text, bold: flag("b"), italic: flag("i"), link, raw: false });
            }
            "br" => segs.push(Seg { text: " ".into(), bold: false, italic: false, link: None, raw: false }),
            _ => {}
        }
    }
    render(&segs)
}

fn table(tbl: &Element, ctx: &mut Ctx) -> Block {
    let rows = tbl
        .elements()
        .filter(|e| e.name == "tr")
        .map(|tr| {
            tr.elements()
                .filter(|e| e.name == "tc")
                .map(|tc| {
                    let parts: Vec<String> = tc.all("p").into_iter().map(|p| runs(p, ctx)).collect();
                    detect_join(&parts)
                })
                .collect()
        })
        .collect();
    Block::Table(rows)
}

fn picture(pic: &Element, ctx: &mut Ctx) -> Option<String> {
    let blip = pic.all("blip").into_iter().next()?;
    let rel = ctx.rels.get(blip.attr("embed")?)?.clone();
    let alt = pic.path(&["nvPicPr", "cNvPr"]).and_then(|c| c.attr("descr")).unwrap_or("").to_string();
    if rel.external {
        return Some(format!("![{}]({})", escape(&alt), rel.target));
    }
    let path = match ctx.seen.get(&rel.target) {
        Some(p) => p.clone(),
        None => {
            let bytes = ctx.pkg.bytes(&rel.target)?.to_vec();
            let ext = rel.target.rsplit_once('.').map_or("bin", |(_, e)| e).to_lowercase();
            let path = format!("img/{}-{}.{ext}", ctx.stem, ctx.images.len() + 1);
            ctx.images.push(Image { rel_path: path.clone(), bytes });
            ctx.seen.insert(rel.target.clone(), path.clone());
            path
        }
    };
    Some(format!("![{}]({path})", escape(&alt)))
}

/// The notes page's body placeholder, paragraph by paragraph (the slide
/// image and the slide number placeholders are not notes).
fn notes_text(notes: &Element) -> Vec<String> {
    let mut out = Vec::new();
    for sp in notes.all("sp") {
        if placeholder(sp).is_some_and(|(kind, _)| kind != "body") {
            continue;
        }
        if let Some(body) = sp.child("txBody") {
            for p in body.elements().filter(|e| e.name == "p") {
                let t = plain(p);
                if !t.trim().is_empty() {
                    out.push(escape(t.trim()));
                }
            }
        }
    }
    out
}
