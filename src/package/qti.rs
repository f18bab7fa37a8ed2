//! QTI 1.2.1 in the IMS Common Cartridge profile: one `<assessment>` per quiz
//! page, its questions as the profile's item types. The same file is a quiz
//! of the cartridge (`imscc`) and, alone, the `--quizzes qti` bank: one writer,
//! two uses.
//!
//! | quiz model        | cc_profile                                   |
//! |-------------------|----------------------------------------------|
//! | 判断 TrueFalse     | `cc.true_false.v0p1` (对/错 or True/False)    |
//! | 单选 Single        | `cc.multiple_choice.v0p1`                     |
//! | 多选 Multi         | `cc.multiple_response.v0p1` (all and only the right ones score) |
//! | 分类 Sort          | one `cc.multiple_choice.v0p1` per item, its groups the choices: the profile has no matching type |
//! | 简答 Short         | `cc.essay.v0p1`, the model answer as feedback: the site never scores a short answer, and a fill-in-the-blank would mark every wording but one wrong |
//!
//! Text is the author's Markdown as `text/plain`; the explanation is each
//! item's general feedback, shown whatever the answer.

use super::bank::{self, QuizPage};
use crate::i18n::t;
use crate::messages::Language;
use crate::model::quiz::{Answer, Question};
use crate::office::ooxml::esc;
use std::fmt::Write;

pub const NAMESPACE: &str = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2";
const SCHEMA: &str = "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd";

/// One question as the profile asks for it: a choice among labels, or free text.
struct Item<'a> {
    ident: String,
    title: String,
    profile: &'static str,
    stem: String,
    choices: Vec<&'a str>,
    /// Indexes of the right choices (empty for free text).
    right: Vec<usize>,
    explain: &'a str,
}

/// The assessment file of a quiz page; `ident` is unique within the cartridge.
pub fn assessment(page: &QuizPage, ident: &str, lang: Language) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<questestinterop xmlns=\"{NAMESPACE}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"{NAMESPACE} {SCHEMA}\">"
    );
    let _ = writeln!(x, "  <assessment ident=\"{ident}\" title=\"{}\">", esc(page.title));
    x.push_str("    <qtimetadata>\n");
    for (label, entry) in [
        ("cc_profile", "cc.exam.v0p1"),
        ("qmd_assessmenttype", "Examination"),
        ("qmd_scoretype", "Percentage"),
        ("qmd_feedbackpermitted", "Yes"),
        ("cc_maxattempts", "unlimited"),
    ] {
        let _ = writeln!(
            x,
            "      <qtimetadatafield><fieldlabel>{label}</fieldlabel><fieldentry>{entry}</fieldentry></qtimetadatafield>"
        );
    }
    x.push_str("    </qtimetadata>\n");
    let _ = writeln!(x, "    <section ident=\"{ident}_S\">");
    for q in page.quiz.questions() {
        for item in items(q, ident, lang) {
            write_item(&mut x, &item);
        }
    }
    x.push_str("    </section>\n  </assessment>\n</questestinterop>\n");
    x
}

/// The profile's items for one question (a classification gives one per item).
fn items<'a>(q: &'a Question, quiz: &str, lang: Language) -> Vec<Item<'a>> {
    let ident = format!("{quiz}_Q{}", q.number);
    let one = |profile, choices: Vec<&'a str>, right: Vec<usize>| Item {
        ident: ident.clone(),
        title: bank::name(q),
        profile,
        stem: bank::stem(q).to_string(),
        choices,
        right,
        explain: bank::feedback(q),
    };
    match &q.answer {
        Answer::TrueFalse(value) => {
            let labels = vec![t(lang, "quiz_true"), t(lang, "quiz_false")];
            vec![one("cc.true_false.v0p1", labels, vec![usize::from(!value)])]
        }
        Answer::Single { options, answer } => {
            vec![one("cc.multiple_choice.v0p1", options.iter().map(|o| o.trim()).collect(), vec![*answer])]
        }
        Answer::Multi { options, answers } => {
            vec![one("cc.multiple_response.v0p1", options.iter().map(|o| o.trim()).collect(), answers.clone())]
        }
        Answer::Short => vec![one("cc.essay.v0p1", Vec::new(), Vec::new())],
        Answer::Sort { groups, items } => items
            .iter()
            .enumerate()
            .map(|(i, (item, group))| Item {
                ident: format!("{ident}_{}", i + 1),
                title: format!("{}.{}", q.number, i + 1),
                profile: "cc.multiple_choice.v0p1",
                stem: format!("{} {}", bank::stem(q), item.trim()),
                choices: groups.iter().map(|g| g.trim()).collect(),
                right: vec![*group],
                explain: bank::feedback(q),
            })
            .collect(),
    }
}

fn mattext(x: &mut String, indent: &str, text: &str) {
    let _ = writeln!(x, "{indent}<material><mattext texttype=\"text/plain\">{}</mattext></material>", esc(text));
}

fn write_item(x: &mut String, item: &Item) {
    let _ = writeln!(x, "      <item ident=\"{}\" title=\"{}\">", item.ident, esc(&item.title));
    // An essay is marked by the teacher: the profile asks to say so (qmd_computerscored).
    let marked = if item.choices.is_empty() {
        "<qtimetadatafield><fieldlabel>qmd_computerscored</fieldlabel><fieldentry>No</fieldentry></qtimetadatafield>"
    } else {
        ""
    };
    let _ = writeln!(
        x,
        "        <itemmetadata><qtimetadata><qtimetadatafield><fieldlabel>cc_profile</fieldlabel><fieldentry>{}</fieldentry></qtimetadatafield>{marked}</qtimetadata></itemmetadata>",
        item.profile
    );
    x.push_str("        <presentation>\n");
    mattext(x, "          ", &item.stem);
    if item.choices.is_empty() {
        x.push_str("          <response_str ident=\"response1\" rcardinality=\"Single\"><render_fib><response_label ident=\"answer1\" rshuffle=\"No\"/></render_fib></response_str>\n");
    } else {
        let cardinality = if item.profile == "cc.multiple_response.v0p1" { "Multiple" } else { "Single" };
        let _ = writeln!(x, "          <response_lid ident=\"response1\" rcardinality=\"{cardinality}\">");
        x.push_str("            <render_choice>\n");
        for (i, choice) in item.choices.iter().enumerate() {
            let _ = writeln!(x, "              <response_label ident=\"{}_C{i}\">", item.ident);
            mattext(x, "                ", choice);
            x.push_str("              </response_label>\n");
        }
        x.push_str("            </render_choice>\n          </response_lid>\n");
    }
    x.push_str("        </presentation>\n");
    write_processing(x, item);
    if !item.explain.is_empty() {
        x.push_str("        <itemfeedback ident=\"general_fb\"><flow_mat>");
        let _ = write!(x, "<material><mattext texttype=\"text/plain\">{}</mattext></material>", esc(item.explain));
        x.push_str("</flow_mat></itemfeedback>\n");
    }
    x.push_str("      </item>\n");
}

/// Score 100 for the right choice(s), the explanation shown whatever the answer.
fn write_processing(x: &mut String, item: &Item) {
    x.push_str("        <resprocessing>\n");
    x.push_str("          <outcomes><decvar varname=\"SCORE\" vartype=\"Decimal\" minvalue=\"0\" maxvalue=\"100\"/></outcomes>\n");
    if !item.explain.is_empty() {
        x.push_str("          <respcondition continue=\"Yes\"><conditionvar><other/></conditionvar><displayfeedback feedbacktype=\"Response\" linkrefid=\"general_fb\"/></respcondition>\n");
    }
    if item.choices.is_empty() {
        // Nothing to score, but the profile needs one condition.
        if item.explain.is_empty() {
            x.push_str(
                "          <respcondition continue=\"No\"><conditionvar><other/></conditionvar></respcondition>\n",
            );
        }
    } else {
        let is = |i: usize| format!("<varequal respident=\"response1\">{}_C{i}</varequal>", item.ident);
        let condition = if item.profile == "cc.multiple_response.v0p1" {
            let all: String = (0..item.choices.len())
                .map(|i| if item.right.contains(&i) { is(i) } else { format!("<not>{}</not>", is(i)) })
                .collect();
            format!("<and>{all}</and>")
        } else {
            item.right.first().map(|&i| is(i)).unwrap_or_default()
        };
        let _ = writeln!(
            x,
            "          <respcondition continue=\"No\"><conditionvar>{condition}</conditionvar><setvar action=\"Set\" varname=\"SCORE\">100</setvar></respcondition>"
        );
    }
    x.push_str("        </resprocessing>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quiz::Quiz;

    fn quiz(body: &str) -> Quiz {
        crate::model::quiz::parse(body, 1, std::path::Path::new("q.md"), body, &mut Vec::new())
    }

    #[test]
    fn a_classification_is_one_choice_per_item_and_multi_needs_exactly_the_right_ones() {
        let q = quiz(
            "1. 分类：\n   - 定期：保养、体检\n   - 不定期：抢修\n2. 哪些？\n   - [x] 甲\n   - [ ] 乙\n   - [x] 丙\n",
        );
        let page = QuizPage { id: "quizzes/a", title: "测验", display: std::path::Path::new("a.md"), quiz: &q };
        let xml = assessment(&page, "QUIZ1", Language::ZhCn);
        assert_eq!(xml.matches("<fieldentry>cc.multiple_choice.v0p1</fieldentry>").count(), 3, "{xml}");
        assert!(xml.contains("<mattext texttype=\"text/plain\">分类： 抢修</mattext>"), "{xml}");
        let multi = "<and><varequal respident=\"response1\">QUIZ1_Q2_C0</varequal><not><varequal respident=\"response1\">QUIZ1_Q2_C1</varequal></not><varequal respident=\"response1\">QUIZ1_Q2_C2</varequal></and>";
        assert!(xml.contains(multi), "{xml}");
    }

    #[test]
    fn true_false_uses_the_courses_words_and_an_essay_is_teacher_marked() {
        let q = quiz("1. 对吗？（错）\n2. 简述。\n");
        let page = QuizPage { id: "quizzes/a", title: "测验", display: std::path::Path::new("a.md"), quiz: &q };
        let xml = assessment(&page, "QUIZ1", Language::En);
        assert!(xml.contains(">True</mattext>") && xml.contains(">False</mattext>"), "{xml}");
        assert!(xml.contains("<varequal respident=\"response1\">QUIZ1_Q1_C1</varequal>"), "false is right: {xml}");
        assert!(xml.contains("<fieldlabel>qmd_computerscored</fieldlabel><fieldentry>No</fieldentry>"), "{xml}");
        assert!(xml.contains("<conditionvar><other/></conditionvar></respcondition>"), "{xml}");
    }
}
