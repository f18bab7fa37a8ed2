//! `coursesite import` and `coursesite export --docx` (issue #11), run through
//! the real binary. The .docx and .pptx fixtures are built here with the
//! `zip` crate, modelled on the structure of a department's 教案 (field table,
//! 步骤, nested 一、（一）1. headings, a two-column table, a case told inside)
//! and of slide decks (notes, nested bullets, a table, a picture, a dialogue).

mod common;

use common::*;
use std::path::{Path, PathBuf};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8,
    6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1,
    0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn row(label: &str, values: &[&str]) -> String {
    let v: String = values.iter().map(|t| p(t)).collect();
    format!("<w:tr><w:tc>{}</w:tc><w:tc>{v}</w:tc></w:tr>", p(label))
}

/// A 教案 in a department's Word form, written in our own words.
fn lesson_docx() -> Vec<u8> {
    let table = [
        row("序号", &["9"]),
        row("章节名称", &["项目九 倾听客户"]),
        row(
            "教学目的和要求",
            &[
                "【知识目标】",
                "1.了解倾听的四个层次；",
                "2.掌握复述确认的方法；",
                "【能力目标】",
                "1.能够在通话中专注倾听。",
            ],
        ),
        row("教学内容综合", &["1.倾听的层次；", "2.倾听的技巧。"]),
        row("教学方法", &["讲授、讨论"]),
        row("学时", &["2学时"]),
        row("教学课件名称", &["《客户服务实务》课件——项目九"]),
    ]
    .concat();
    let image = r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="图片 1" descr="倾听层次图"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#;
    let body = [
        p("教 案"),
        format!("<w:tbl>{table}</w:tbl>"),
        p("教学设计"),
        p("步骤一、组织教学"),
        p("清点人数，说明本次课的安排。"),
        p("步骤二、案例导入"),
        p("社区超市的老主顾"),
        p("一家小超市的店员总能记住老人们常买的东西，缺货时还会打电话通知。"),
        p("思考：这家超市靠什么留住了老主顾？"),
        p("分析提示："),
        p("店员把客户说过的话放在心上，这就是倾听的力量。"),
        p("步骤三、新课讲解"),
        p("任务1 学会倾听"),
        p("一、倾听的层次"),
        p("（一）听而不闻"),
        p("1.表现"),
        p("客户说话时心不在焉，只等着轮到自己开口。"),
        p("（二）专注倾听"),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>层次</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>说明</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>听而不闻</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>人在心不在</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.into(),
        p("ü 点头回应"),
        p("ü 复述要点"),
        r#"<w:p><w:r><w:t xml:space="preserve">倾听时要</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>复述确认</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>轻声细语</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>要点回顾</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>专注</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>眼神交流</w:t></w:r></w:p>"#.into(),
        image.into(),
        p("优质服務(wù)从倾听开始。"),
        p("本文档由某某文库用户上传，仅供学习"),
        p("步骤四、归纳总结"),
        p("请学生说出倾听的四个层次。"),
        p("作业"),
        p("1.倾听有哪几个层次？"),
        p("2.怎样复述确认客户的意思？"),
        p("课后自我总结分析"),
        p("学生练习复述时语速偏快，下次先示范。"),
    ]
    .concat();
    let document =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>倾听训练可以两人一组进行。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#;
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/footnotes.xml", footnotes.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/media/image1.png", PNG),
    ])
}

fn sp(ph: &str, paras: &str) -> String {
    let ph = if ph.is_empty() { String::new() } else { format!("<p:nvPr>{ph}</p:nvPr>") };
    format!(r#"<p:sp><p:nvSpPr>{ph}</p:nvSpPr><p:txBody>{paras}</p:txBody></p:sp>"#)
}

fn ap(text: &str, lvl: usize) -> String {
    format!(r#"<a:p><a:pPr lvl="{lvl}"/><a:r><a:t>{text}</a:t></a:r></a:p>"#)
}

fn slide(shapes: &str) -> String {
    format!(r#"<p:sld {W}><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld></p:sld>"#)
}

/// A deck: slides in order (shapes), notes per slide, a picture on slide 1.
fn pptx(slides: &[String], notes: &[Option<&str>]) -> Vec<u8> {
    let ids: String =
        (0..slides.len()).map(|i| format!(r#"<p:sldId id="{}" r:id="rId{}"/>"#, 256 + i, i + 1)).collect();
    let pres = format!(r#"<p:presentation {W}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>"#);
    let rels: String = (0..slides.len())
        .map(|i| format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide{}.xml"/>"#, i + 1, i + 1))
        .collect();
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), b"<Types/>".to_vec()),
        ("ppt/presentation.xml".into(), pres.into_bytes()),
        ("ppt/_rels/presentation.xml.rels".into(), format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes()),
        ("ppt/media/image1.png".into(), PNG.to_vec()),
    ];
    for (i, s) in slides.iter().enumerate() {
        let n = i + 1;
        parts.push((format!("ppt/slides/slide{n}.xml"), s.clone().into_bytes()));
        let mut rels = r#"<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image1.png"/>"#.to_string();
        if let Some(Some(text)) = notes.get(i) {
            rels.push_str(&format!(r#"<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" Target="../notesSlides/notesSlide{n}.xml"/>"#));
            let body = sp(r#"<p:ph type="body" idx="1"/>"#, &ap(text, 0));
            let num = sp(r#"<p:ph type="sldNum" idx="5"/>"#, &ap("1", 0));
            parts.push((
                format!("ppt/notesSlides/notesSlide{n}.xml"),
                format!(r#"<p:notes {W}><p:cSld><p:spTree>{body}{num}</p:spTree></p:cSld></p:notes>"#).into_bytes(),
            ));
        }
        parts.push((format!("ppt/slides/_rels/slide{n}.xml.rels"), format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    zip(&refs)
}

fn lesson_deck() -> Vec<u8> {
    let title = |t: &str| sp(r#"<p:ph type="title"/>"#, &ap(t, 0));
    let pic = r#"<p:pic><p:nvPicPr><p:cNvPr id="4" name="图片" descr="示意图"/></p:nvPicPr><p:blipFill><a:blip r:embed="rIdImg"/></p:blipFill></p:pic>"#;
    let s1 = slide(
        &(title("倾听的四个层次")
            + &sp(r#"<p:ph idx="1"/>"#, &(ap("听而不闻", 0) + &ap("心不在焉", 1) + &ap("专注倾听", 0)))
            + pic),
    );
    let cell = |t: &str| format!("<a:tc><a:txBody><a:p><a:r><a:t>{t}</a:t></a:r></a:p></a:txBody></a:tc>");
    let table = format!(
        "<p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr>{}{}</a:tr><a:tr>{}{}</a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>",
        cell("层次"), cell("表现"), cell("同理倾听"), cell("听出情绪")
    );
    let s2 = slide(&(title("对照表") + &table));
    pptx(&[s1, s2], &[Some("先请学生回忆一次被打断的经历。"), None])
}

fn dialogue_deck() -> Vec<u8> {
    let title = sp(r#"<p:ph type="title"/>"#, &ap("查询话费", 0));
    let lines = [
        "客户：我想查一下这个月的话费。",
        "坐席：好的，请您稍等。",
        "客户：怎么比上个月多？",
        "坐席：我帮您看一下明细。",
    ];
    let text: String = lines.iter().map(|l| ap(l, 0)).collect();
    pptx(&[slide(&(title + &sp("", &text)))], &[None])
}

fn front(text: &str) -> coursesite::load::frontmatter::FrontMatter {
    coursesite::load::frontmatter::parse(text, Path::new("x.md")).expect("front matter parses").front
}

#[test]
fn a_lesson_plan_in_word_becomes_a_lesson_a_case_and_a_picture_and_builds() {
    let c = TestCourse::new();
    c.file("in/项目九.docx", lesson_docx());
    let (code, stdout, stderr) = c.run_cli(&["import", "in/项目九.docx"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("created content/lessons/09-倾听客户.md"), "{stdout}");
    assert!(stdout.contains("created content/cases/社区超市的老主顾.md"), "{stdout}");
    // Cleaning: each change reported.
    assert!(stdout.contains("cleaned:") && stdout.contains("download-site boilerplate"), "{stdout}");
    assert!(stdout.contains("(wù)"), "{stdout}");
    let lesson = read_to_string(&c.path("content/lessons/09-倾听客户.md"));
    let fm = front(&lesson);
    assert_eq!(fm.number, Some(9));
    assert_eq!(fm.chapter.as_deref(), Some("项目九 倾听客户"));
    assert_eq!(fm.hours, Some(2));
    assert_eq!(fm.methods, vec!["讲授", "讨论"]);
    assert_eq!(fm.content, vec!["倾听的层次", "倾听的技巧"]);
    assert_eq!(fm.deck.as_deref(), Some("《客户服务实务》课件——项目九"));
    let obj = fm.objectives.clone().unwrap();
    assert_eq!(obj.knowledge, vec!["了解倾听的四个层次", "掌握复述确认的方法"]);
    assert_eq!(obj.ability, vec!["能够在通话中专注倾听"]);
    let steps: Vec<&str> = fm.steps.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(steps, vec!["组织教学", "案例导入", "新课讲解", "归纳总结"]);
    assert_eq!(fm.steps.iter().map(|s| s.minutes).sum::<u32>(), 90);
    assert_eq!(fm.homework, vec!["倾听有哪几个层次？", "怎样复述确认客户的意思？"]);
    assert_eq!(fm.cases, vec!["cases/社区超市的老主顾"]);
    for want in [
        "## 步骤一 组织教学",
        "## 步骤三 新课讲解",
        "### 任务1 学会倾听",
        "#### 一、倾听的层次",
        "##### （一）听而不闻",
        "###### 1.表现",
        "| 层次 | 说明 |\n| --- | --- |\n| 听而不闻 | 人在心不在 |",
        "- 点头回应\n- 复述要点",
        "倾听时要**复述确认***轻声细语*[^1]",
        "[^1]: 倾听训练可以两人一组进行。",
        "### 要点回顾",
        "- 专注\n  - 眼神交流",
        "![倾听层次图](img/项目九-1.png)",
        "优质服務从倾听开始。",
        "阅读案例[社区超市的老主顾](../cases/社区超市的老主顾.md)。",
        "## 课后自我总结分析\n\n学生练习复述时语速偏快，下次先示范。",
    ] {
        assert!(lesson.contains(want), "missing {want:?} in:\n{lesson}");
    }
    assert!(!lesson.contains("仅供学习") && !lesson.contains("教 案"), "{lesson}");
    assert_eq!(std::fs::read(c.path("content/lessons/img/项目九-1.png")).unwrap(), PNG);
    let case = read_to_string(&c.path("content/cases/社区超市的老主顾.md"));
    assert!(case.contains("title = \"社区超市的老主顾\""), "{case}");
    assert!(case.contains("## 思考\n\n这家超市靠什么留住了老主顾？"), "{case}");
    assert!(case.contains("## 分析提示\n\n店员把客户说过的话放在心上"), "{case}");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "the imported course does not build:\n{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn a_deck_becomes_slides_with_notes_lists_tables_and_pictures() {
    let c = TestCourse::new();
    c.file("倾听.pptx", lesson_deck());
    let (code, stdout, stderr) = c.run_cli(&["import", "倾听.pptx"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("created content/lessons/倾听.md"), "{stdout}");
    let page = read_to_string(&c.path("content/lessons/倾听.md"));
    let fm = front(&page);
    assert_eq!(fm.title.as_deref(), Some("倾听的四个层次"));
    let order = [
        "## 倾听的四个层次",
        "- 听而不闻\n  - 心不在焉\n- 专注倾听",
        "![示意图](img/倾听-1.png)",
        "> [!notes]\n> 先请学生回忆一次被打断的经历。",
        "\n---\n",
        "## 对照表",
        "| 层次 | 表现 |\n| --- | --- |\n| 同理倾听 | 听出情绪 |",
    ];
    let mut at = 0;
    for want in order {
        let found = page[at..].find(want).unwrap_or_else(|| panic!("{want:?} missing or out of order in:\n{page}"));
        at += found + want.len();
    }
    assert!(!page.contains('1') || !page.contains("> 1\n"), "slide number placeholder leaked:\n{page}");
    assert!(c.path("content/lessons/img/倾听-1.png").exists());
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(c.path("site/lessons/倾听.slides.html").exists(), "no deck built");
}

#[test]
fn import_into_writes_into_another_course_folder() {
    // The deck sits outside the course; --into names the course to write into.
    let c = TestCourse::nested();
    let deck = c.sandbox().join("倾听.pptx");
    std::fs::write(&deck, lesson_deck()).unwrap();
    let (code, stdout, stderr) =
        run_cli_in(c.sandbox(), &["import", deck.to_str().unwrap(), "--into", c.root().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("created content/lessons/倾听.md"), "{stdout}");
    assert!(c.path("content/lessons/倾听.md").exists());
    assert!(c.path("content/lessons/img/倾听-1.png").exists());
    assert!(!c.sandbox().join("content").exists(), "nothing written beside the course");
}

#[test]
fn a_dialogue_deck_is_offered_as_a_call_script() {
    let c = TestCourse::new();
    c.file("话费.pptx", dialogue_deck());
    let (code, stdout, stderr) = c.run_cli(&["import", "话费.pptx"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("created content/scripts/查询话费.md"), "{stdout}");
    assert!(stdout.contains("call script"), "{stdout}");
    let page = read_to_string(&c.path("content/scripts/查询话费.md"));
    let fm = front(&page);
    assert_eq!((fm.agent.as_deref(), fm.customer.as_deref()), (Some("坐席"), Some("客户")));
    assert!(page.contains("## 查询话费") && page.contains("坐席：好的，请您稍等。"), "{page}");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn bad_files_give_one_clear_error_naming_the_file_and_write_nothing() {
    let c = TestCourse::new();
    c.file("good.docx", lesson_docx());
    c.file("broken.docx", b"PK\x03\x04 this zip was cut short".as_slice());
    c.file("notes.pptx", "只是一个文本文件");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 512]);
    c.file("locked.docx", ole);
    for (file, says) in [
        ("broken.docx", "corrupt"),
        ("notes.pptx", "not a Word or PowerPoint file"),
        ("locked.docx", "password-protected or old .doc/.ppt format; save as .docx/.pptx"),
    ] {
        let (code, _, stderr) = c.run_cli(&["import", "good.docx", file]);
        assert_eq!(code, 1, "{file}: {stderr}");
        assert!(stderr.contains(file) && stderr.contains(says), "{file}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!c.path("content").exists(), "{file}: something was written although one input failed");
    }
}

#[test]
fn existing_pages_are_never_overwritten_without_force() {
    let c = TestCourse::new();
    c.file("a.docx", lesson_docx());
    c.file("content/lessons/09-倾听客户.md", "mine");
    let (code, _, stderr) = c.run_cli(&["import", "a.docx"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("09-倾听客户.md") && stderr.contains("--force"), "{stderr}");
    // The error names both sides: the page already there, and the input that would replace it.
    let line = stderr.lines().find(|l| l.contains("09-倾听客户.md")).unwrap_or_default();
    assert!(line.contains("a.docx"), "the source is not named: {line}");
    assert_eq!(read_to_string(&c.path("content/lessons/09-倾听客户.md")), "mine");
    assert!(!c.path("content/cases/社区超市的老主顾.md").exists(), "half an import was written");
    let (code, _, stderr) = c.run_cli(&["import", "a.docx", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert_ne!(read_to_string(&c.path("content/lessons/09-倾听客户.md")), "mine");
}

/// Body text for comparison: Word has no hard line wraps, so line breaks,
/// indentation and `>` continuation markers are set aside; every character of
/// text and every Markdown marker must survive.
fn squash(body: &str) -> String {
    body.lines().map(|l| l.trim_start().trim_start_matches('>')).collect::<String>().split_whitespace().collect()
}

#[test]
fn the_sample_lessons_come_back_from_their_exported_docx() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = sample_course();
    let (code, stdout, stderr) = sample.run_cli(&["export", "--docx"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.matches(".docx").count(), 5, "{stdout}");
    // One lesson by page id, into another folder.
    let (code, _, stderr) = sample.run_cli(&["export", "lessons/01-理解客户服务", "--docx", "--out", "one"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(sample.path("one/01-理解客户服务.docx").exists());
    let (code, _, stderr) = sample.run_cli(&["export", "--docx"]);
    assert_eq!(code, 2, "a second export must not overwrite without --force: {stderr}");

    // The .docx is a well-formed package with the form's parts, A4 and 2 cm margins.
    let bytes = std::fs::read(sample.path("export/01-理解客户服务.docx")).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#) && doc.contains(r#"w:top="1134""#));
    let labels = [
        "序号",
        "章节名称",
        "教学目的和要求",
        "教学内容",
        "教学方法",
        "学时",
        "教学课件名称",
        "教学设计",
        "作业",
        "课后自我总结分析",
    ];
    let mut at = 0;
    for l in labels {
        at += doc[at..].find(&format!(">{l}<")).unwrap_or_else(|| panic!("{l} missing or out of order"));
    }
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("宋体") && styles.contains("黑体"));

    // Import them into the course without its lessons, and compare.
    let back = TestCourse::bare();
    copy_tree(&sample.path("content"), &back.path("content"));
    std::fs::copy(sample.path("course.toml"), back.path("course.toml")).unwrap();
    std::fs::remove_dir_all(back.path("content/lessons")).unwrap();
    let export_dir = sample.path("export");
    let (code, stdout, stderr) = back.run_cli(&["import", export_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    for entry in std::fs::read_dir(repo.join("content/lessons")).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let original = std::fs::read_to_string(&path).unwrap();
        let imported = std::fs::read_to_string(back.path(&format!("content/lessons/{name}")))
            .unwrap_or_else(|_| panic!("{name} not re-imported:\n{stdout}"));
        let (a, b) = (
            coursesite::load::frontmatter::parse(&original, &path).unwrap(),
            coursesite::load::frontmatter::parse(&imported, &path).unwrap(),
        );
        assert_eq!(format!("{:?}", a.front), format!("{:?}", b.front), "{name}: front matter differs");
        let (body_a, body_b) = (squash(&original[a.body_offset..]), squash(&imported[b.body_offset..]));
        if body_a != body_b {
            let at = body_a.chars().zip(body_b.chars()).take_while(|(x, y)| x == y).count();
            let around = |s: &str| s.chars().skip(at.saturating_sub(40)).take(100).collect::<String>();
            panic!(
                "{name}: text differs at char {at}:\n  original: {}\n  imported: {}",
                around(&body_a),
                around(&body_b)
            );
        }
    }
    for img in ["客户分类.svg", "客户服务类型.svg"] {
        assert_eq!(
            std::fs::read(back.path(&format!("content/lessons/img/{img}"))).unwrap(),
            std::fs::read(repo.join(format!("content/lessons/img/{img}"))).unwrap()
        );
    }
    let (code, _, stderr) = back.run_cli(&["build"]);
    assert_eq!(code, 0, "the re-imported course does not build:\n{stderr}");
}

#[test]
fn help_lists_import_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run_cli_in(tmp.path(), &["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("coursesite import") && stdout.contains("coursesite export"), "{stdout}");
    let (code, _, stderr) = run_cli_in(tmp.path(), &["export", "no-such-lesson", "--docx"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-lesson"), "{stderr}");
}

// ---------------------------------------------------------------- issue 21 ---

fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).ok()?, &mut out).unwrap();
    Some(out)
}

/// Every `<a:t>` text in a piece of DrawingML, concatenated.
fn texts(xml: &str) -> String {
    xml.split("<a:t>").skip(1).filter_map(|s| s.split_once("</a:t>")).map(|(t, _)| t).collect()
}

/// What a reader of a deck sees, slide by slide: the title, the bulleted
/// paragraphs, and the notes.
#[derive(Debug, PartialEq)]
struct SlideSeen {
    title: String,
    bullets: Vec<String>,
    notes: String,
}

fn slides_seen(pptx: &[u8]) -> Vec<SlideSeen> {
    let pres = part(pptx, "ppt/presentation.xml").expect("presentation.xml");
    let count = pres.matches("<p:sldId ").count();
    (1..=count)
        .map(|n| {
            let xml = part(pptx, &format!("ppt/slides/slide{n}.xml")).unwrap_or_else(|| panic!("slide{n} missing"));
            let title = xml
                .split("<p:sp>")
                .find(|s| s.contains(r#"type="title""#) || s.contains(r#"type="ctrTitle""#))
                .map(texts)
                .unwrap_or_default();
            let bullets = xml.split("<a:p>").filter(|p| p.contains("<a:buChar")).map(texts).collect();
            let rels = part(pptx, &format!("ppt/slides/_rels/slide{n}.xml.rels")).unwrap_or_default();
            let notes = if rels.contains("notesSlide") {
                let xml = part(pptx, &format!("ppt/notesSlides/notesSlide{n}.xml")).expect("notes part");
                xml.split("<p:sp>").filter(|s| s.contains(r#"type="body""#)).map(texts).collect()
            } else {
                String::new()
            };
            SlideSeen { title, bullets, notes }
        })
        .collect()
}

#[test]
fn a_lesson_deck_exports_as_editable_powerpoint_with_the_html_decks_slides() {
    let sample = sample_course();
    let (code, stdout, stderr) = sample.run_cli(&["export", "lessons/03-接待客户", "--pptx"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("03-接待客户.pptx"), "{stdout}");
    let pptx = std::fs::read(sample.path("export/03-接待客户.pptx")).unwrap();
    // As many slides as the teacher's HTML deck (notes and teacher-only
    // blocks kept: the .pptx is the teacher's file) made from the same lesson.
    let (code, _, stderr) = sample.run_cli(&["build", "--profile", "teacher", "--out", "teacher"]);
    assert_eq!(code, 0, "{stderr}");
    let html = read_to_string(&sample.path("teacher/lessons/03-接待客户.slides.html"));
    let seen = slides_seen(&pptx);
    assert_eq!(seen.len(), html.matches(r#"<section class="slide"#).count());
    assert!(seen.len() > 5, "{seen:?}");
    // Titles from the headings, notes from `> [!notes]`, real bullets, a table, code-free text boxes.
    assert_eq!(seen[0].title, "项目三 接待客户");
    assert!(seen.iter().filter(|s| !s.notes.is_empty()).count() >= 2, "{seen:?}");
    assert!(seen.iter().any(|s| !s.bullets.is_empty()), "{seen:?}");
    let all: String = (1..=seen.len()).filter_map(|n| part(&pptx, &format!("ppt/slides/slide{n}.xml"))).collect();
    assert!(all.contains("<a:tbl>") && all.contains(r#"<p:ph type="title"/>"#));
    let types = part(&pptx, "[Content_Types].xml").unwrap();
    assert!(types.contains("notesSlide+xml") && types.contains("slideMaster+xml"));
    for name in ["ppt/notesMasters/notesMaster1.xml", "ppt/theme/theme1.xml", "ppt/slideLayouts/slideLayout2.xml"] {
        assert!(part(&pptx, name).is_some(), "{name} missing");
    }
}

#[test]
fn an_exported_deck_comes_back_through_import_with_its_slides_titles_bullets_and_notes() {
    // Every lesson of the sample course: export, import, export again.
    let sample = sample_course();
    let (code, _, stderr) = sample.run_cli(&["export", "--pptx", "--out", "first"]);
    assert_eq!(code, 0, "{stderr}");
    let mut decks: Vec<PathBuf> = std::fs::read_dir(sample.path("first")).unwrap().map(|e| e.unwrap().path()).collect();
    decks.sort();
    assert_eq!(decks.len(), 5, "{decks:?}");
    let (mut with_notes, mut with_bullets) = (false, false);
    for deck in decks {
        let name = deck.file_stem().unwrap().to_string_lossy().into_owned();
        let first = std::fs::read(&deck).unwrap();
        let back = TestCourse::bare();
        std::fs::copy(sample.path("course.toml"), back.path("course.toml")).unwrap();
        let (code, stdout, stderr) = back.run_cli(&["import", deck.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {stderr}");
        let page = std::fs::read_dir(back.path("content/lessons"))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "md"))
            .unwrap_or_else(|| panic!("{name}: no page imported: {stdout}"));
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        let (code, _, stderr) = back.run_cli(&["export", &stem, "--pptx", "--out", "second"]);
        assert_eq!(code, 0, "{name}: {stderr}");
        let second = std::fs::read(back.path(&format!("second/{stem}.pptx"))).unwrap();
        let (a, b) = (slides_seen(&first), slides_seen(&second));
        assert_eq!(a.len(), b.len(), "{name}: slide count changed");
        with_notes |= a.iter().any(|s| !s.notes.is_empty());
        with_bullets |= a.iter().any(|s| !s.bullets.is_empty());
        for (n, (x, y)) in a.iter().zip(&b).enumerate() {
            assert_eq!(x, y, "{name}: slide {} differs after import and export", n + 1);
        }
    }
    assert!(with_notes && with_bullets, "the sample's decks have notes and bullets to compare");
}

#[test]
fn the_form_shows_header_rows_only_when_set_and_the_period_in_its_hours() {
    let c = sample_course();
    let toml = std::fs::read_to_string(c.path("course.toml")).unwrap();
    c.file("course.toml", format!("{toml}\n[lesson]\nperiod_minutes = 40\nteacher = \"王老师\"\n"));
    let lesson = read_to_string(&c.path("content/lessons/01-理解客户服务.md"));
    c.file("content/lessons/01-理解客户服务.md", lesson.replacen("+++\n", "+++\nclass = \"客服 2301 班\"\n", 1));
    let (code, _, stderr) = c.run_cli(&["export", "--docx"]);
    assert_eq!(code, 0, "{stderr}");
    let doc = |name: &str| {
        part(&std::fs::read(c.path(&format!("export/{name}.docx"))).unwrap(), "word/document.xml").unwrap()
    };
    let one = doc("01-理解客户服务");
    for want in [">授课教师<", ">王老师<", ">授课班级<", ">客服 2301 班<"] {
        assert!(one.contains(want), "{want} missing");
    }
    for unset in [">课程名称<", ">授课时间<"] {
        assert!(!one.contains(unset), "{unset} shown though not set");
    }
    assert!(one.find(">授课教师<") < one.find(">序号<"), "header rows come first");
    let hours = coursesite::load::frontmatter::parse(&lesson, Path::new("a.md")).unwrap().front.hours.unwrap();
    assert!(one.contains(&format!(">{hours}学时（{}分钟）<", hours * 40)), "学时 row without 40-minute periods");
    // The course-wide teacher, but this lesson's class only.
    let two = doc("02-客户服务理念");
    assert!(two.contains(">王老师<") && !two.contains(">授课班级<"));
}

#[test]
fn a_class_period_other_than_40_45_or_50_is_an_error_naming_course_toml() {
    let c = sample_course();
    let toml = std::fs::read_to_string(c.path("course.toml")).unwrap();
    c.file("course.toml", format!("{toml}\n[lesson]\nperiod_minutes = 60\n"));
    for args in [&["export", "--docx"][..], &["check"][..]] {
        let (code, _, stderr) = c.run_cli(args);
        assert_ne!(code, 0, "{args:?} accepted period_minutes = 60");
        assert!(stderr.contains("course.toml") && stderr.contains("60"), "{stderr}");
        assert!(stderr.contains("40、45 或 50") || stderr.contains("40, 45 or 50"), "no hint: {stderr}");
    }
    assert!(!c.path("export").exists(), "an export wrote files despite the error");
    // 45 → 40 minutes: the sample's steps (planned for 45) no longer fit their 学时.
    c.file("course.toml", &toml);
    let (code, _, stderr) = c.run_cli(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("× 45 ="), "the sample's steps should fit 45-minute periods:\n{stderr}");
    c.file("course.toml", format!("{toml}\n[lesson]\nperiod_minutes = 40\n"));
    let (_, _, stderr) = c.run_cli(&["check"]);
    assert!(stderr.contains("× 40 ="), "the 学时 check ignores period_minutes:\n{stderr}");
}

#[test]
fn the_form_header_rows_come_back_from_word() {
    // Export writes 课程名称, 授课教师, 授课班级, 授课时间 as rows; import reads them back.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = sample_course();
    let lesson = c.path("content/lessons/01-理解客户服务.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    let rows = "course = \"客户服务实务\"\nteacher = \"王老师\"\nclass = \"客服 2301 班\"\ntaught = \"第 3 周 周二\"\n";
    std::fs::write(&lesson, text.replacen("+++\n", &format!("+++\n{rows}"), 1)).unwrap();
    let (code, _, stderr) = c.run_cli(&["export", "lessons/01-理解客户服务", "--docx", "--out", "word"]);
    assert_eq!(code, 0, "{stderr}");
    let back = TestCourse::bare();
    std::fs::copy(repo.join("course.toml"), back.path("course.toml")).unwrap();
    let word = c.path("word/01-理解客户服务.docx");
    let (code, stdout, stderr) = back.run_cli(&["import", word.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let imported = std::fs::read_to_string(back.path("content/lessons/01-理解客户服务.md"))
        .unwrap_or_else(|_| panic!("not imported as 01-理解客户服务.md:\n{stdout}"));
    let front = front(&imported);
    assert_eq!(front.course.as_deref(), Some("客户服务实务"));
    assert_eq!(front.teacher.as_deref(), Some("王老师"));
    assert_eq!(front.class.as_deref(), Some("客服 2301 班"));
    assert_eq!(front.taught.as_deref(), Some("第 3 周 周二"));
}
