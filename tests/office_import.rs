//! `coursesite import` on 教案 written the way teachers write them (issue 21):
//! items split by line breaks, Word list styles, merged cells, three label
//! vocabularies, cases with and without a heading, two 教案 of one chapter,
//! decks that belong to a lesson. Every fixture is generated here from OOXML
//! strings; every imported course must then build with no error. Each test
//! prints its fixture's row of the import report (fields found / dropped):
//! `cargo test --test office_import -- --nocapture | grep '^REPORT'`.

mod common;

use common::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

/// One paragraph whose lines are separated by Shift+Enter (`<w:br/>`).
fn p_br(lines: &[&str]) -> String {
    let runs: Vec<String> =
        lines.iter().map(|l| format!(r#"<w:r><w:t xml:space="preserve">{l}</w:t></w:r>"#)).collect();
    format!("<w:p>{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
}

fn p_style(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

fn p_num(num_id: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn tc(inner: &str) -> String {
    format!("<w:tc>{inner}</w:tc>")
}

fn row(label: &str, value: &str) -> String {
    format!("<w:tr>{}{}</w:tr>", tc(&p(label)), tc(value))
}

fn table(rows: &[String]) -> String {
    format!("<w:tbl>{}</w:tbl>", rows.concat())
}

/// Word's list styles as Word writes them: List Bullet with no numbering of
/// its own, List Number numbering through the style (numId 2).
const STYLES: &str = r#"<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style><w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>"#;

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;

/// A .docx with this body and, when given, a document description.
fn docx(body: &str, description: Option<&str>) -> Vec<u8> {
    let document = format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let styles = format!("<w:styles {W}>{STYLES}</w:styles>");
    let numbering = format!("<w:numbering {W}>{NUMBERING}</w:numbering>");
    let core = format!(
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>{}</dc:description></cp:coreProperties>"#,
        description.unwrap_or("")
    );
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
    ])
}

/// The teaching design every fixture shares: steps, a case told inside
/// (with its questions in Word's List Number style), homework.
fn design(case: &str) -> String {
    [
        p("教学设计"),
        p("步骤一、组织教学（5分钟）"),
        p("清点人数。"),
        p("步骤二、案例导入（20分钟）"),
        case.to_string(),
        p("步骤三、新课讲解（65分钟）"),
        p_style("ListBullet", "先问候"),
        p_style("ListBullet", "再倾听"),
        p_num(1, "最后确认"),
        p("作业"),
        p("1.如何接待一位着急的客户？"),
    ]
    .concat()
}

/// A case whose title is the line after a bare `案例：`, questions as a List Number list.
fn case_without_heading() -> String {
    [
        p("案例："),
        p("柜台前的长队"),
        p("客户排了半小时的队，轮到他时已经很生气。"),
        p("思考："),
        p_style("ListNumber", "客户为什么生气？"),
        p_style("ListNumber", "柜员应如何开口？"),
        p("分析提示：先安抚情绪，再办业务。"),
        p("【教师小结】情绪先于事情。"),
    ]
    .concat()
}

/// A case under a heading of its own (`案例：标题`), 思考 and 分析提示 inside.
fn case_with_heading() -> String {
    [
        p_style("Heading3", "案例：东方饭店的生日卡"),
        p("饭店记得每位老客人的生日。"),
        p("思考：客人为什么一再回来？"),
        p("分析提示："),
        p("细节让客人觉得被记住。"),
    ]
    .concat()
}

/// Vocabulary 2 (授课章节, 课程名称 …) in a field table; the aims in one
/// paragraph with line breaks; a python-docx description.
fn teachers_form(chapter: &str) -> Vec<u8> {
    let form = table(&[
        row("课程名称", &p("客户服务实务")),
        row("授课章节", &p(chapter)),
        row("序号", &p("3")),
        row("授课教师", &p("王老师")),
        row("授课班级", &p("客服2301班")),
        row("授课时间", &p("第5周 周二")),
        row(
            "教学目标",
            &p_br(&["【知识目标】1.了解接待的步骤；", "2.掌握问候语。", "【能力目标】1.能够独立接待客户。"]),
        ),
        row("教学内容", &p_br(&["1.接待的步骤", "2.问候语"])),
        row("教学手段", &p("讲授、角色扮演")),
        row("课时", &p("2")),
    ]);
    docx(&(form + &design(&case_without_heading())), Some("generated by python-docx"))
}

/// Import `files` (name, bytes) with `args`, check exit 0, print and return the
/// report rows, build the course with no error.
fn import_builds(c: &TestCourse, fixture: &str, files: &[(&str, Vec<u8>)], args: &[&str]) -> String {
    let mut argv = vec!["import"];
    for (name, bytes) in files {
        c.file(name, bytes);
        argv.push(name);
    }
    argv.extend_from_slice(args);
    let (code, stdout, stderr) = c.run_cli(&argv);
    assert_eq!(code, 0, "{fixture}: {stderr}\n{stdout}");
    let found: Vec<&str> = stdout.lines().filter_map(|l| l.trim().strip_prefix("fields found: ")).collect();
    let dropped: Vec<&str> = stdout.lines().filter_map(|l| l.trim().strip_prefix("missing or dropped: ")).collect();
    println!("REPORT | {fixture} | {} | {} |", found.join(" / "), dropped.join(" / "));
    let (code, out, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{fixture}: the imported course does not build:\n{stderr}\n{stdout}");
    assert!(!stderr.contains("error"), "{fixture}: {stderr}\n{out}");
    stdout
}

/// A file of the course (not of the built site).
fn src(c: &TestCourse, rel: &str) -> String {
    read_to_string(&c.path(rel))
}

fn front(text: &str) -> coursesite::load::frontmatter::FrontMatter {
    coursesite::load::frontmatter::parse(text, std::path::Path::new("x.md")).expect("front matter parses").front
}

#[test]
fn line_breaks_split_items_and_the_teachers_labels_are_known() {
    let c = TestCourse::new();
    let stdout =
        import_builds(&c, "teachers' labels, line breaks", &[("教案.docx", teachers_form("项目三 接待客户"))], &[]);
    assert!(stdout.contains("created content/lessons/03-接待客户.md"), "{stdout}");
    let lesson = src(&c, "content/lessons/03-接待客户.md");
    let fm = front(&lesson);
    let obj = fm.objectives.clone().unwrap();
    assert_eq!(obj.knowledge, vec!["了解接待的步骤", "掌握问候语"]);
    assert_eq!(obj.ability, vec!["能够独立接待客户"]);
    assert_eq!(fm.content, vec!["接待的步骤", "问候语"]);
    assert_eq!(fm.methods, vec!["讲授", "角色扮演"]);
    assert_eq!((fm.number, fm.hours), (Some(3), Some(2)));
    assert_eq!(fm.chapter.as_deref(), Some("项目三 接待客户"));
    assert_eq!(fm.title.as_deref(), Some("项目三 接待客户"));
    assert_eq!(fm.course.as_deref(), Some("客户服务实务"));
    assert_eq!(fm.teacher.as_deref(), Some("王老师"));
    assert_eq!(fm.class.as_deref(), Some("客服2301班"));
    assert_eq!(fm.taught.as_deref(), Some("第5周 周二"));
    assert!(!lesson.contains("without a known label"), "{lesson}");
    assert!(stdout.contains("fields found: number, chapter, hours"), "{stdout}");
    assert!(stdout.contains("missing or dropped: summary"), "{stdout}");
}

#[test]
fn generator_boilerplate_is_not_a_summary_but_a_real_description_is() {
    let c = TestCourse::new();
    import_builds(&c, "python-docx description", &[("a.docx", teachers_form("项目三 接待客户"))], &[]);
    assert_eq!(front(&src(&c, "content/lessons/03-接待客户.md")).summary, None);
    let form = table(&[
        row("序号", &p("4")),
        row("章节名称", &p("处理投诉")),
        row("教学目的和要求", &(p("【知识目标】了解投诉") + &p("【能力目标】能够处理投诉"))),
        row("教学内容", &p("投诉处理")),
        row("教学方法", &p("讲授")),
        row("学时", &p("2")),
    ]);
    let real = docx(&(form + &design("")), Some("本次课学习如何处理客户投诉。"));
    let c = TestCourse::new();
    import_builds(&c, "real description", &[("b.docx", real)], &[]);
    assert_eq!(
        front(&src(&c, "content/lessons/04-处理投诉.md")).summary.as_deref(),
        Some("本次课学习如何处理客户投诉。")
    );
}

#[test]
fn word_list_styles_and_numbering_are_lists_not_headings() {
    let c = TestCourse::new();
    import_builds(&c, "Word list styles", &[("a.docx", teachers_form("项目三 接待客户"))], &[]);
    let lesson = src(&c, "content/lessons/03-接待客户.md");
    assert!(lesson.contains("- 先问候\n- 再倾听\n- 最后确认"), "{lesson}");
    let case = src(&c, "content/cases/柜台前的长队.md");
    assert!(case.contains("## 思考\n\n1. 客户为什么生气？\n2. 柜员应如何开口？"), "{case}");
    assert!(!case.contains("###"), "a numbered question became a heading:\n{case}");
}

#[test]
fn a_case_without_its_own_heading_gets_its_title_and_stops_at_its_end() {
    let c = TestCourse::new();
    let stdout = import_builds(&c, "case without heading", &[("a.docx", teachers_form("项目三 接待客户"))], &[]);
    assert!(stdout.contains("created content/cases/柜台前的长队.md"), "{stdout}");
    let case = src(&c, "content/cases/柜台前的长队.md");
    assert!(case.contains("title = \"柜台前的长队\""), "{case}");
    assert!(!case.contains("教师小结") && !case.contains("新课讲解") && !case.contains("先问候"), "{case}");
    let lesson = src(&c, "content/lessons/03-接待客户.md");
    assert!(
        lesson.contains("阅读案例[柜台前的长队](../cases/柜台前的长队.md)。\n\n【教师小结】情绪先于事情。"),
        "{lesson}"
    );
    assert!(lesson.contains("## 步骤三 新课讲解"), "{lesson}");
}

/// The English vocabulary in label-then-value paragraphs, items as one line
/// separated by `；` and as a numbered run, a case under its own heading.
fn english_paragraph_form() -> Vec<u8> {
    let form = [
        p("No.: 5"),
        p("Chapter: 电话礼仪"),
        p("Knowledge objectives:"),
        p("1.了解电话礼仪；2.掌握转接话术"),
        p("Ability objectives:"),
        p("1.能够规范接听 2.能够转接电话"),
        p("Content: 接听；转接；挂机"),
        p("Teaching methods: 讲授/演示"),
        p("Class hours: 2"),
        p("Key points: 转接话术"),
        p("Difficult points: 挂机时机"),
        p("Slides: 电话礼仪.pptx"),
        p("Teacher: Ms Li"),
        p("Date: 2024-03-05"),
    ]
    .concat();
    docx(&(form + &design(&case_with_heading())), Some("Created with Microsoft Office Word"))
}

#[test]
fn english_labels_in_paragraph_form_with_items_on_one_line() {
    let c = TestCourse::new();
    let stdout = import_builds(
        &c,
        "English labels, paragraph form, ；/numbered runs",
        &[("lesson.docx", english_paragraph_form())],
        &[],
    );
    let fm = front(&src(&c, "content/lessons/05-电话礼仪.md"));
    let obj = fm.objectives.clone().unwrap();
    assert_eq!(obj.knowledge, vec!["了解电话礼仪", "掌握转接话术"]);
    assert_eq!(obj.ability, vec!["能够规范接听", "能够转接电话"]);
    assert_eq!(fm.content, vec!["接听", "转接", "挂机"]);
    assert_eq!(fm.methods, vec!["讲授", "演示"]);
    assert_eq!(
        (fm.key_points.clone(), fm.difficulties.clone()),
        (vec!["转接话术".to_string()], vec!["挂机时机".to_string()])
    );
    assert_eq!(fm.deck.as_deref(), Some("电话礼仪.pptx"));
    assert_eq!((fm.teacher.as_deref(), fm.taught.as_deref()), (Some("Ms Li"), Some("2024-03-05")));
    assert_eq!(fm.summary, None, "{stdout}");
}

#[test]
fn a_case_under_its_own_heading_keeps_its_title_and_ends_at_the_next_step() {
    let c = TestCourse::new();
    import_builds(&c, "case with heading", &[("lesson.docx", english_paragraph_form())], &[]);
    let case = src(&c, "content/cases/东方饭店的生日卡.md");
    assert!(case.contains("title = \"东方饭店的生日卡\""), "{case}");
    assert!(case.contains("## 分析提示\n\n细节让客人觉得被记住。"), "{case}");
    assert!(!case.contains("新课讲解") && !case.contains("先问候"), "the case took the next step with it:\n{case}");
    let lesson = src(&c, "content/lessons/05-电话礼仪.md");
    assert!(lesson.contains("## 步骤三 新课讲解"), "{lesson}");
    assert!(!lesson.contains("案例：东方饭店"), "{lesson}");
}

#[test]
fn merged_cells_keep_their_values() {
    // 教学目的和要求 merged down over two rows (vMerge), its value cells one
    // per row; 教学内容's value spans three grid columns (gridSpan).
    let merged = |first: bool| {
        if first {
            r#"<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>"#
        } else {
            r#"<w:tcPr><w:vMerge/></w:tcPr>"#
        }
    };
    let form = table(&[
        row("序号", &p("6")),
        row("章节名称", &p("回访客户")),
        format!(
            "<w:tr>{}{}</w:tr>",
            tc(&(merged(true).to_string() + &p("教学目的和要求"))),
            tc(&p("【知识目标】了解回访"))
        ),
        format!("<w:tr>{}{}</w:tr>", tc(&(merged(false).to_string() + "<w:p/>")), tc(&p("【能力目标】能够回访"))),
        format!(
            "<w:tr>{}{}</w:tr>",
            tc(&p("教学内容")),
            tc(&(r#"<w:tcPr><w:gridSpan w:val="3"/></w:tcPr>"#.to_string() + &p("回访的时机")))
        ),
        row("教学方法", &p("讲授")),
        row("学时", &p("2")),
    ]);
    let c = TestCourse::new();
    import_builds(&c, "merged cells (vMerge, gridSpan)", &[("a.docx", docx(&(form + &design("")), None))], &[]);
    let lesson = src(&c, "content/lessons/06-回访客户.md");
    let obj = front(&lesson).objectives.unwrap();
    assert_eq!((obj.knowledge, obj.ability), (vec!["了解回访".to_string()], vec!["能够回访".to_string()]));
    assert_eq!(front(&lesson).content, vec!["回访的时机"]);
    assert!(!lesson.contains("without a known label"), "{lesson}");
}

#[test]
fn two_lessons_of_one_chapter_get_two_names_and_both_build() {
    let c = TestCourse::new();
    c.file("一班/教案.docx", teachers_form("项目三 接待客户"));
    c.file("二班/教案.docx", teachers_form("项目三 接待客户"));
    let (code, stdout, stderr) = c.run_cli(&["import", "一班/教案.docx", "二班/教案.docx"]);
    assert_eq!(code, 0, "{stderr}");
    println!("REPORT | two 教案, same 章节名称 | (as above, twice) | |");
    assert!(stdout.contains("created content/lessons/03-接待客户.md"), "{stdout}");
    assert!(stdout.contains("created content/lessons/03-接待客户-2.md"), "{stdout}");
    assert!(
        stdout.contains("一班/教案.docx and 二班/教案.docx both map to content/lessons/03-接待客户.md"),
        "{stdout}"
    );
    assert!(!stdout.contains("lessons/教案.md") && !stdout.contains("lessons/件.md"), "{stdout}");
    // The second lesson links to its own copy of the case.
    let second = src(&c, "content/lessons/03-接待客户-2.md");
    assert!(second.contains("cases/柜台前的长队-2\"") && second.contains("../cases/柜台前的长队-2.md)"), "{second}");
    let (code, _, stderr) = c.run_cli(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

fn deck(title: &str) -> Vec<u8> {
    let sp = |ph: &str, text: &str| {
        format!(
            r#"<p:sp><p:nvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>"#
        )
    };
    let slide = format!(
        r#"<p:sld {W}><p:cSld><p:spTree>{}{}</p:spTree></p:cSld></p:sld>"#,
        sp(r#"<p:ph type="title"/>"#, title),
        sp(r#"<p:ph idx="1"/>"#, "问候三要素")
    );
    let pres =
        format!(r#"<p:presentation {W}><p:sldIdLst><p:sldId id="256" r:id="rId1"/></p:sldIdLst></p:presentation>"#);
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/></Relationships>"#;
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("ppt/presentation.xml", pres.as_bytes()),
        ("ppt/_rels/presentation.xml.rels", rels.as_bytes()),
        ("ppt/slides/slide1.xml", slide.as_bytes()),
    ])
}

#[test]
fn a_deck_matched_by_title_becomes_its_lessons_slides() {
    let c = TestCourse::new();
    let stdout = import_builds(
        &c,
        "docx + deck matched by title",
        &[("第一课件.pptx", deck("项目三 接待客户")), ("教案.docx", teachers_form("项目三 接待客户"))],
        &[],
    );
    assert!(stdout.contains("slides attached to the lesson content/lessons/03-接待客户.md"), "{stdout}");
    assert!(!c.path("content/lessons/件.md").exists() && !c.path("content/lessons/第一课件.md").exists(), "{stdout}");
    let lesson = src(&c, "content/lessons/03-接待客户.md");
    assert!(lesson.contains("deck = \"项目三 接待客户\""), "{lesson}");
    assert!(
        lesson.contains(
            "---\n\n<!-- coursesite import: the slides of 第一课件.pptx -->\n\n## 项目三 接待客户\n\n- 问候三要素"
        ),
        "{lesson}"
    );
    let deck_html = std::fs::read_to_string(c.site().join("lessons/03-接待客户.slides.html")).unwrap();
    assert!(deck_html.contains("问候三要素"), "the lesson's deck lacks the imported slides");
}

#[test]
fn deck_for_attaches_a_deck_to_a_lesson_already_in_the_course() {
    let c = TestCourse::new();
    import_builds(&c, "docx alone", &[("教案.docx", teachers_form("项目三 接待客户"))], &[]);
    let stdout = import_builds(
        &c,
        "deck --deck-for lessons/03-接待客户",
        &[("slides.pptx", deck("开场"))],
        &["--deck-for", "lessons/03-接待客户"],
    );
    assert!(stdout.contains("slides attached to the lesson content/lessons/03-接待客户.md"), "{stdout}");
    assert!(src(&c, "content/lessons/03-接待客户.md").contains("## 开场\n\n- 问候三要素"));
    assert!(!c.path("content/lessons/开场.md").exists() && !c.path("content/lessons/slides.md").exists());
    // A name that is no lesson: one error, nothing written.
    c.file("other.pptx", deck("别的"));
    let (code, _, stderr) = c.run_cli(&["import", "other.pptx", "--deck-for", "不存在的课"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--deck-for 不存在的课"), "{stderr}");
    assert!(!c.path("content/lessons/别的.md").exists());
}
