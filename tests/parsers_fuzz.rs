//! Random documents from the pieces scripts, quizzes and callouts are made of:
//! no parser (nor the student edition's stripping, nor the flow map drawn from
//! a script) may panic on any mix of them.

use coursesite::model::{quiz, script};
use std::path::Path;

const PIECES: &[&str] = &[
    "## ",
    "# ",
    "### ",
    "{#",
    "}",
    "step=\"",
    "\"",
    "坐席",
    "客户",
    "顾客",
    "：",
    ":",
    "（",
    "）",
    "(",
    ")",
    "? ",
    "？",
    "- ",
    "* ",
    "1. ",
    "12. ",
    "-> #",
    "→",
    "=>",
    "> ",
    ">",
    "[!教师]",
    "[!notes]",
    "[!反面示例]",
    "[!步骤]",
    "[x]",
    "[ ]",
    "（对）",
    "（×）",
    "、",
    "，",
    "```",
    "~~~",
    "\n",
    "\n\n",
    "   ",
    "\t",
    "服務(wù)",
    "a",
    "é",
    "𠀀",
    "课后自我总结分析",
    "[^1]:",
    "[^1]",
    "|",
    "#",
];

#[test]
fn random_documents_never_panic() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let doc: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let mut diags = Vec::new();
        let s = script::parse(&doc, 1, (None, None), Path::new("a.md"), &doc, &mut diags);
        let _ = coursesite::render::flowmap::svg(&s, "流程图");
        let _ = s.depths();
        let _ = quiz::parse(&doc, 1, Path::new("a.md"), &doc, &mut diags);
        let stripped = coursesite::profile::strip(&doc, (next() % (doc.len() as u64 + 1)) as usize);
        assert_eq!(stripped.matches('\n').count(), doc.matches('\n').count());
    }
}
