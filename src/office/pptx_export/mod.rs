//! A lesson's slide deck as an editable PowerPoint file (issue 21): the same
//! slides the HTML deck shows, cut by `render::slides` (one rule for both),
//! written as real text boxes — titles in title placeholders, bullets with
//! their levels, tables as `a:tbl`, pictures embedded, code in a monospace
//! font — and speaker notes as notes pages. `pptx_import` reads it back.
//!
//! - this file  `export`: the slides in order, then the package
//! - `content`  one slide's Markdown → title, paragraphs, code, tables, pictures
//! - `slide`    a slide's and a notes page's XML, laid out to fit
//! - `package`  presentation, master, layouts, theme, notes master, types

mod content;
mod package;
mod slide;

use crate::config::{MarkdownConfig, SlideSplit};
use crate::messages::Msg;
use crate::office::ooxml::write_package;
use comrak::{parse_document, Arena};
use content::Shape;
use std::path::Path;

/// What a deck is made from: the page's title and summary, its body, the
/// folder its pictures are relative to, and the course's slide settings.
pub struct Deck<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub body: &'a str,
    pub dir: &'a Path,
    pub split: Option<SlideSplit>,
    pub markdown: &'a MarkdownConfig,
}

/// One slide to write.
struct Built {
    title: String,
    /// The title slide: the title centred, the summary (`subtitle`) under it.
    opening: bool,
    subtitle: String,
    shapes: Vec<Shape>,
    notes: Vec<String>,
}

/// The package being written: its parts, pictures so far and warnings.
#[derive(Default)]
struct Parts {
    parts: Vec<(String, Vec<u8>)>,
    images: usize,
    notes: Vec<usize>,
    warnings: Vec<Msg>,
}

/// The .pptx bytes, and warnings (a picture that is not there, …).
pub fn export(deck: &Deck) -> Result<(Vec<u8>, Vec<Msg>), String> {
    let slides = build(deck);
    let mut w = Parts::default();
    for (i, s) in slides.iter().enumerate() {
        slide_parts(i + 1, s, deck.dir, &mut w);
    }
    let n = slides.len();
    let theme = package::theme();
    let fixed: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", package::content_types(n, &w.notes)),
        ("_rels/.rels", package::ROOT_RELS.to_string()),
        ("docProps/core.xml", package::core(deck.title, deck.summary)),
        ("ppt/presentation.xml", package::presentation(n)),
        ("ppt/_rels/presentation.xml.rels", package::presentation_rels(n)),
        ("ppt/presProps.xml", package::PRES_PROPS.to_string()),
        ("ppt/slideMasters/slideMaster1.xml", package::slide_master()),
        (
            "ppt/slideMasters/_rels/slideMaster1.xml.rels",
            package::rels(&[
                rel("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
                rel("rId2", "slideLayout", "../slideLayouts/slideLayout2.xml"),
                rel("rId3", "theme", "../theme/theme1.xml"),
            ]),
        ),
        ("ppt/slideLayouts/slideLayout1.xml", package::slide_layout("title", "Title Slide")),
        ("ppt/slideLayouts/slideLayout2.xml", package::slide_layout("titleOnly", "Title Only")),
        ("ppt/slideLayouts/_rels/slideLayout1.xml.rels", master_rels()),
        ("ppt/slideLayouts/_rels/slideLayout2.xml.rels", master_rels()),
        ("ppt/notesMasters/notesMaster1.xml", package::notes_master()),
        ("ppt/notesMasters/_rels/notesMaster1.xml.rels", package::rels(&[rel("rId1", "theme", "../theme/theme2.xml")])),
        ("ppt/theme/theme1.xml", theme.clone()),
        ("ppt/theme/theme2.xml", theme),
    ];
    let mut parts: Vec<(String, Vec<u8>)> = fixed.into_iter().map(|(n, x)| (n.to_string(), x.into_bytes())).collect();
    parts.append(&mut w.parts);
    Ok((write_package(&parts)?, w.warnings))
}

fn rel<'a>(id: &str, kind: &'a str, target: &str) -> (String, &'a str, String) {
    (id.to_string(), kind, target.to_string())
}

fn master_rels() -> String {
    package::rels(&[rel("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")])
}

/// The title slide, then one slide per slide of the HTML deck. A page whose
/// first slide already carries the page's title (a deck that came from
/// PowerPoint) has its title slide already.
fn build(deck: &Deck) -> Vec<Built> {
    let (raw, _definitions) = crate::render::slides::cut_body(deck.body, deck.split, deck.markdown);
    let options = crate::render::markdown::options(deck.markdown);
    let mut slides = Vec::with_capacity(raw.len() + 1);
    for r in &raw {
        let arena = Arena::new();
        let root = parse_document(&arena, &r.markdown, &options);
        let (title, shapes) = content::slide_content(root);
        let title = title.or_else(|| r.trail.last().cloned()).unwrap_or_default();
        let notes_arena = Arena::new();
        let notes = content::notes_paragraphs(parse_document(&notes_arena, &r.notes, &options));
        slides.push(Built { title, opening: false, subtitle: String::new(), shapes, notes });
    }
    if slides.first().is_none_or(|s| s.title != deck.title) {
        let subtitle = deck.summary.unwrap_or_default().to_string();
        let (shapes, notes) = (Vec::new(), Vec::new());
        slides.insert(0, Built { title: deck.title.to_string(), opening: true, subtitle, shapes, notes });
    }
    slides
}

fn slide_parts(n: usize, s: &Built, dir: &Path, w: &mut Parts) {
    let layout = if s.opening { "slideLayout1" } else { "slideLayout2" };
    let mut rels = vec![rel("rId1", "slideLayout", &format!("../slideLayouts/{layout}.xml"))];
    let xml = if s.opening {
        let mut tree = slide::placeholder(2, "ctrTitle", &s.title, (1_600_200, 1_828_800, 40.0));
        if !s.subtitle.trim().is_empty() {
            tree.push_str(&slide::placeholder(3, "subTitle", &s.subtitle, (3_657_600, 1_371_600, 24.0)));
        }
        slide::wrap_slide(&tree)
    } else {
        let placed: Vec<slide::Placed> = s
            .shapes
            .iter()
            .map(|shape| {
                let pic = match shape {
                    Shape::Picture { url, .. } => w.picture(url, dir, &mut rels),
                    _ => None,
                };
                slide::Placed { shape, pic }
            })
            .collect();
        slide::content_slide(&s.title, &placed)
    };
    if !s.notes.is_empty() {
        w.notes.push(n);
        rels.push(rel("rIdNotes", "notesSlide", &format!("../notesSlides/notesSlide{n}.xml")));
        let notes_rels = package::rels(&[
            rel("rId1", "notesMaster", "../notesMasters/notesMaster1.xml"),
            rel("rId2", "slide", &format!("../slides/slide{n}.xml")),
        ]);
        w.add(format!("ppt/notesSlides/notesSlide{n}.xml"), slide::notes(&s.notes).into_bytes());
        w.add(format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"), notes_rels.into_bytes());
    }
    w.add(format!("ppt/slides/slide{n}.xml"), xml.into_bytes());
    w.add(format!("ppt/slides/_rels/slide{n}.xml.rels"), package::rels(&rels).into_bytes());
}

impl Parts {
    fn add(&mut self, name: String, bytes: Vec<u8>) {
        self.parts.push((name, bytes));
    }

    /// Embed a picture next to the lesson; a missing one is a warning and is
    /// left off the slide.
    fn picture(&mut self, url: &str, dir: &Path, rels: &mut Vec<(String, &str, String)>) -> Option<slide::Pic> {
        let rel_path = url.split(['#', '?']).next().unwrap_or(url);
        let unsafe_path = rel_path.contains("..") || rel_path.contains("://");
        let Some(bytes) = (!unsafe_path).then(|| std::fs::read(dir.join(rel_path)).ok()).flatten() else {
            self.warnings.push(msg!("pptx_image_missing", url));
            return None;
        };
        self.images += 1;
        let ext = rel_path.rsplit_once('.').map_or("png", |(_, e)| e).to_lowercase();
        let (cx, cy) = crate::office::docx_export::pictures::size(&bytes, &ext);
        let id = format!("rIdImg{}", self.images);
        rels.push((id.clone(), "image", format!("../media/image{}.{ext}", self.images)));
        self.add(format!("ppt/media/image{}.{ext}", self.images), bytes);
        Some(slide::Pic { rel: id, ratio: cy as f64 / cx.max(1) as f64 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::ooxml::{parse_xml, Kind, Package};

    fn export_body(title: &str, body: &str) -> (Package, Vec<Msg>) {
        let md = MarkdownConfig::default();
        let deck = Deck { title, summary: None, body, dir: Path::new("/nonexistent"), split: None, markdown: &md };
        let (bytes, warnings) = export(&deck).expect("export");
        (Package::open(&bytes).expect("a package"), warnings)
    }

    #[test]
    fn odd_lessons_still_make_well_formed_decks() {
        let bodies = [
            "",
            "```\n```\n",
            "## 只有标题\n\n---\n\n### 又一个\n",
            "| a |\n|---|\n",
            "> [!notes]\n> 只有讲稿\n",
            "![缺图](img/none.png)\n\n![外链](https://x.org/a.png)\n",
            &"很长的一段话。".repeat(400),
        ];
        for body in bodies {
            let (pkg, _) = export_body("", body);
            assert_eq!(pkg.kind(), Some(Kind::Pptx));
            for n in 1.. {
                let name = format!("ppt/slides/slide{n}.xml");
                let Some(bytes) = pkg.bytes(&name) else { break };
                let xml = std::str::from_utf8(bytes).unwrap();
                let root = parse_xml(xml).unwrap_or_else(|e| panic!("{body:?}: {name}: {e}"));
                for tx in root.all("txBody") {
                    assert!(tx.child("p").is_some(), "{body:?}: {name}: a text body without a paragraph");
                }
            }
        }
    }

    #[test]
    fn a_missing_picture_is_a_warning_not_a_broken_slide() {
        let (pkg, warnings) = export_body("图", "## 图\n\n![缺图](img/none.png)\n");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].en().contains("img/none.png"), "{}", warnings[0].en());
        assert!(pkg.bytes("ppt/slides/slide1.xml").is_some() && pkg.bytes("ppt/slides/slide2.xml").is_none());
    }

    #[test]
    fn a_long_slide_is_shrunk_to_fit_not_cut() {
        let body = format!("## 长\n\n{}", "- 一条很长的要点，写满一整行还要多一些字才算完。\n".repeat(20));
        let (pkg, _) = export_body("长", &body);
        let xml = std::str::from_utf8(pkg.bytes("ppt/slides/slide1.xml").unwrap()).unwrap().to_string();
        assert_eq!(xml.matches("<a:buChar").count(), 20);
        let root = parse_xml(&xml).unwrap();
        let bottom: u64 = root
            .all("xfrm")
            .iter()
            .map(|x| {
                let get = |e: &str, a: &str| x.child(e).and_then(|c| c.attr(a)).and_then(|v| v.parse::<u64>().ok());
                get("off", "y").unwrap_or(0) + get("ext", "cy").unwrap_or(0)
            })
            .max()
            .unwrap();
        assert!(bottom <= slide::SLIDE_H, "shapes run off the slide: {bottom}");
        assert!(!xml.contains(r#"sz="2000""#), "the text was not made smaller");
    }
}
