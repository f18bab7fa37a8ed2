//! Pictures a run embeds: the bytes are extracted to be written next to the
//! page (under the name an exported lesson gave them, when that name is a
//! safe relative path) and the run becomes `![alt](path)`.

use super::{Ctx, Image};
use crate::office::emit::escape;
use crate::office::ooxml::Element;

/// Extract an image and return its Markdown.
pub(super) fn image(rel_id: &str, drawing: &Element, ctx: &mut Ctx) -> Option<String> {
    let rel = ctx.rels.get(rel_id)?.clone();
    if rel.external {
        return Some(format!("![]({})", rel.target));
    }
    let doc_pr = drawing.all("docPr").into_iter().next().or_else(|| drawing.all("cNvPr").into_iter().next());
    let alt = doc_pr.and_then(|d| d.attr("descr")).unwrap_or("").to_string();
    let path = match ctx.image_names.get(&rel.target) {
        Some(p) => p.clone(),
        None => {
            let bytes = ctx.pkg.bytes(&rel.target)?.to_vec();
            let ext = rel.target.rsplit_once('.').map_or("bin", |(_, e)| e).to_lowercase();
            // An exported lesson names each picture by its path in the course.
            let original = doc_pr.and_then(|d| d.attr("name")).filter(|n| safe_rel_path(n));
            let taken = |p: &str| ctx.images.iter().any(|i| i.rel_path == p);
            let path = match original {
                Some(n) if !taken(n) => n.to_string(),
                _ => format!("img/{}-{}.{ext}", ctx.stem, ctx.images.len() + 1),
            };
            ctx.images.push(Image { rel_path: path.clone(), bytes });
            ctx.image_names.insert(rel.target.clone(), path.clone());
            path
        }
    };
    Some(format!("![{}]({})", escape(&alt), path))
}

/// `img/客户分类.svg`: relative, no `..`, has an image extension.
fn safe_rel_path(p: &str) -> bool {
    let ext_ok = p.rsplit_once('.').is_some_and(|(_, e)| {
        matches!(e.to_lowercase().as_str(), "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" | "bmp")
    });
    ext_ok
        && !p.starts_with('/')
        && !p.contains('\\')
        && !p.contains(':')
        && p.split('/').all(|s| !s.is_empty() && s != ".." && s != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_picture_paths() {
        assert!(safe_rel_path("img/客户分类.svg"));
        assert!(!safe_rel_path("../etc/passwd.png") && !safe_rel_path("/a.png") && !safe_rel_path("img/a.exe"));
    }
}
