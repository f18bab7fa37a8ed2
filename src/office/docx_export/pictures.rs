//! A picture the lesson shows, embedded: its bytes become a media part with
//! a relationship, sized 14 cm wide (as tall as its proportions say, when
//! they can be read), and named by its path so an import puts it back where
//! it was. A picture that is not next to the lesson stays as Markdown text,
//! with a warning.

use super::{run, Ctx, Fmt, W};
use crate::office::ooxml::esc;

const EMU_PER_CM: u64 = 360_000;

pub(super) fn image(w: &mut W, url: &str, alt: &str, ctx: &Ctx) -> String {
    let rel_path = url.split(['#', '?']).next().unwrap_or(url);
    let path = ctx.dir.join(rel_path);
    let bytes = if rel_path.contains("..") || rel_path.contains("://") { None } else { std::fs::read(&path).ok() };
    let Some(bytes) = bytes else {
        w.warnings.push(msg!("docx_image_missing", url));
        return run(&format!("![{alt}]({url})"), Fmt::default());
    };
    w.images += 1;
    let ext = rel_path.rsplit_once('.').map_or("png", |(_, e)| e).to_lowercase();
    let part = format!("word/media/image{}.{ext}", w.images);
    let id = format!("rIdImg{}", w.images);
    w.rels.push((id.clone(), "image".into(), format!("media/image{}.{ext}", w.images), false));
    w.media.push((part, bytes.clone()));
    let (cx, cy) = size(&bytes, &ext);
    let n = w.images;
    format!(
        r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="{name}" descr="{alt}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{name}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#,
        name = esc(rel_path),
        alt = esc(alt)
    )
}

/// Picture size in EMU: 14 cm wide, height from the picture's own proportions
/// (PNG header or SVG width/height/viewBox) when they can be read.
pub(in crate::office) fn size(bytes: &[u8], ext: &str) -> (u64, u64) {
    let width = 14 * EMU_PER_CM;
    let ratio = match ext {
        "png" if bytes.len() > 24 => {
            let w = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]) as f64;
            let h = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]) as f64;
            (w > 0.0).then(|| h / w)
        }
        "svg" => {
            let text = String::from_utf8_lossy(bytes);
            text.find("viewBox=\"").and_then(|i| {
                let v: Vec<f64> =
                    text[i + 9..].split('"').next()?.split([' ', ',']).filter_map(|s| s.parse().ok()).collect();
                (v.len() == 4 && v[2] > 0.0).then(|| v[3] / v[2])
            })
        }
        _ => None,
    };
    let ratio = ratio.unwrap_or(0.6).clamp(0.1, 3.0);
    (width, (width as f64 * ratio) as u64)
}
