//! Where the book's chapters landed in a printed PDF: the page of each named
//! destination Chromium writes for an element with an id that a link points
//! at (`page-3`). Read from the file's plain structure — the catalog's
//! `/Pages` tree and its `/Dests` dictionary, which Chromium (Skia) writes as
//! uncompressed objects — so `build --pdf` can print the book a second time
//! with page numbers in its contents list. Anything else (another producer,
//! object streams) gives no numbers, never an error.

use std::collections::HashMap;

/// Each chapter anchor (`page-3`) and the page (from 1) it starts on.
pub fn chapter_pages(pdf: &[u8]) -> HashMap<String, usize> {
    let objects = index_objects(pdf);
    let object = |n: u32| objects.get(&n).map(|&at| &pdf[at..]).map(|o| &o[..find(o, b"endobj").unwrap_or(o.len())]);
    let Some(catalog) = memchr::memmem::find(pdf, b"/Type /Catalog").and_then(|at| object_around(pdf, at)) else {
        return HashMap::new();
    };
    let (Some(pages), Some(dests)) = (reference_after(catalog, b"/Pages "), reference_after(catalog, b"/Dests "))
    else {
        return HashMap::new();
    };
    let mut order = HashMap::new();
    walk_pages(pages, &object, &mut order, 0);
    let Some(dests) = object(dests) else { return HashMap::new() };
    let mut found = HashMap::new();
    for entry in dests.split(|&b| b == b'/').filter(|e| e.starts_with(b"page-")) {
        let name_end = entry.iter().position(|&b| b == b' ').unwrap_or(entry.len());
        let name = &entry[..name_end];
        let target = entry[name_end..].strip_prefix(b" [").and_then(number);
        if let (Ok(name), Some(page)) = (std::str::from_utf8(name), target.and_then(|t| order.get(&t))) {
            if name[5..].bytes().all(|b| b.is_ascii_digit()) {
                found.insert(name.to_string(), page + 1);
            }
        }
    }
    found
}

/// Where each object (`12 0 obj`) starts: one pass over the file.
fn index_objects(pdf: &[u8]) -> HashMap<u32, usize> {
    let mut objects = HashMap::new();
    for at in memchr::memmem::find_iter(pdf, b" 0 obj") {
        let start = pdf[..at].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |p| p + 1);
        let at_line_start = start == 0 || matches!(pdf[start - 1], b'\n' | b'\r');
        if let (true, Some(n)) = (at_line_start, number(&pdf[start..at])) {
            objects.entry(n).or_insert(start);
        }
    }
    objects
}

/// The object holding byte `at`.
fn object_around(pdf: &[u8], at: usize) -> Option<&[u8]> {
    let start = memchr::memmem::rfind(&pdf[..at], b" 0 obj")?;
    let end = find(&pdf[at..], b"endobj")? + at;
    Some(&pdf[start..end])
}

/// The page objects under a `/Pages` node, in order, numbered from `next`;
/// how many it holds. Bounded depth: a malformed tree cannot loop.
fn walk_pages<'a>(node: u32, object: &dyn Fn(u32) -> Option<&'a [u8]>, order: &mut HashMap<u32, usize>, depth: usize) {
    let Some(body) = object(node).filter(|_| depth < 32) else { return };
    if find(body, b"/Type /Pages").is_none() {
        let next = order.len();
        order.entry(node).or_insert(next);
        return;
    }
    let Some(kids) = find(body, b"/Kids [").map(|at| &body[at + 7..]) else { return };
    let kids = &kids[..kids.iter().position(|&b| b == b']').unwrap_or(kids.len())];
    let numbers: Vec<u32> = kids.split(|&b| b == b'R').filter_map(|r| number(r.trim_ascii_start())).collect();
    for kid in numbers {
        walk_pages(kid, object, order, depth + 1);
    }
}

/// The object number of the reference (`12 0 R`) after `key`.
fn reference_after(body: &[u8], key: &[u8]) -> Option<u32> {
    number(&body[find(body, key)? + key.len()..])
}

/// The decimal number at the start of `bytes`.
fn number(bytes: &[u8]) -> Option<u32> {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&bytes[..digits]).ok()?.parse().ok()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_are_found_on_their_pages_through_a_nested_page_tree() {
        let pdf = b"%PDF-1.4\n\
            1 0 obj\n<</Type /Page\n/Parent 5 0 R>>\nendobj\n\
            2 0 obj\n<</Type /Page\n/Parent 5 0 R>>\nendobj\n\
            3 0 obj\n<</Type /Page\n/Parent 6 0 R>>\nendobj\n\
            5 0 obj\n<</Type /Pages\n/Count 2\n/Kids [2 0 R 1 0 R]>>\nendobj\n\
            6 0 obj\n<</Type /Pages\n/Count 1\n/Kids [3 0 R]>>\nendobj\n\
            7 0 obj\n<</Type /Pages\n/Count 3\n/Kids [5 0 R 6 0 R]>>\nendobj\n\
            8 0 obj\n<</page-1 [2 0 R /XYZ 0 728 0]\n/book-contents [1 0 R /XYZ 0 841 0]\n\
            /page-2 [1 0 R /XYZ 0 400 0]\n/page-2-#25E6#25AD [3 0 R /XYZ 0 1 0]\n/page-3 [3 0 R /XYZ 0 841 0]>>\nendobj\n\
            9 0 obj\n<</Type /Catalog\n/Pages 7 0 R\n/Dests 8 0 R>>\nendobj\n";
        let pages = chapter_pages(pdf);
        let mut pages: Vec<(&str, usize)> = pages.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        pages.sort();
        assert_eq!(pages, [("page-1", 1), ("page-2", 2), ("page-3", 3)]);
    }

    #[test]
    fn anything_else_gives_no_numbers() {
        assert!(chapter_pages(b"").is_empty());
        assert!(chapter_pages(b"%PDF-1.7\n1 0 obj\n<</Type /Catalog\n/Pages 9 0 R>>\nendobj\n").is_empty());
        assert!(chapter_pages(
            b"9 0 obj\n<</Type /Pages /Kids [9 0 R]>>\nendobj\n<</Type /Catalog /Pages 9 0 R /Dests 9 0 R>>endobj"
        )
        .is_empty());
    }
}
