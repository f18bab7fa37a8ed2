//! The one table of UI strings. Every word the site shows that is not the
//! teacher's own comes from here; templates get it as `t`. Adding a language is
//! adding a column (and a [`Language`] variant).

use crate::config::Language;
use std::collections::BTreeMap;

/// (key, zh-CN, en)
const STRINGS: &[(&str, &str, &str)] = &[
    ("home", "首页", "Home"),
    ("prev", "上一页", "Previous"),
    ("next", "下一页", "Next"),
    ("contents", "目录", "Contents"),
    ("on_this_page", "本页内容", "On this page"),
    ("menu", "菜单", "Menu"),
    ("term_more", "查看术语表 →", "Open the glossary →"),
    ("start_learning", "开始学习 →", "Start learning →"),
    ("close_menu", "关闭菜单", "Close menu"),
    ("skip_to_content", "跳到正文", "Skip to content"),
    // The colour-scheme button in the top bar: its name says the scheme in use
    // (配色：浅色); a press moves on to the next, 跟随系统 → 浅色 → 深色.
    ("theme_label", "配色", "Colour scheme"),
    ("theme_system", "跟随系统", "System"),
    ("theme_light", "浅色", "Light"),
    ("theme_dark", "深色", "Dark"),
    ("breadcrumb", "位置", "Breadcrumb"),
    ("sections", "栏目", "Sections"),
    ("pages_in_section", "本栏目页面", "Pages in this section"),
    ("no_pages", "这里还没有页面。", "No pages here yet."),
    ("authors", "编者", "Authors"),
    ("back_to_top", "回到顶部", "Back to top"),
    ("built_with", "由 coursesite 生成", "Built with coursesite"),
    // Punctuation between UI words and the teacher's: Chinese uses full-width forms.
    ("colon", "：", ": "),
    ("list_sep", "、", ", "),
    ("count_paren", "（{n}）", " ({n})"),
    ("nav_all", "全部 {n} 篇 →", "All {n} pages →"),
    ("not_found_title", "页面不存在", "Page not found"),
    (
        "not_found_text",
        "找不到这个页面，它可能已被移动或删除。",
        "This page does not exist; it may have been moved or deleted.",
    ),
    ("kind_lesson", "教案", "Lesson plan"),
    ("kind_case", "案例", "Case study"),
    ("kind_script", "话术", "Call script"),
    ("kind_quiz", "测验", "Quiz"),
    ("kind_glossary", "术语表", "Glossary"),
    ("kind_page", "页面", "Page"),
    ("section_lesson", "教案", "Lesson plans"),
    ("section_case", "案例", "Case studies"),
    ("section_script", "话术", "Call scripts"),
    ("section_quiz", "测验", "Quizzes"),
    // The 教案 form, in the department's field order.
    ("lesson_form", "教案", "Lesson plan"),
    ("lesson_number", "序号", "No."),
    ("lesson_chapter", "章节名称", "Chapter"),
    ("lesson_aims", "教学目的和要求", "Aims and requirements"),
    ("lesson_knowledge", "知识目标", "Knowledge objectives"),
    ("lesson_ability", "能力目标", "Ability objectives"),
    ("lesson_content", "教学内容", "Content"),
    ("lesson_methods", "教学方法", "Teaching methods"),
    ("lesson_hours", "学时", "Class hours"),
    ("lesson_hours_unit", "学时", "periods"),
    ("lesson_deck", "教学课件名称", "Slide deck"),
    ("lesson_key_points", "教学重点", "Key points"),
    ("lesson_difficulties", "教学难点", "Difficulties"),
    ("lesson_cases", "使用案例", "Cases used"),
    ("lesson_design", "教学设计", "Teaching design"),
    ("lesson_step", "步骤", "Step"),
    // {n} is a Chinese numeral in zh-CN (步骤三), a digit in English (Step 3).
    ("lesson_step_n", "步骤{n}", "Step {n}"),
    ("lesson_sub", "【{s}】", "{s}"),
    ("lesson_minutes", "分钟", "min"),
    ("lesson_total", "合计", "Total"),
    ("lesson_homework", "作业", "Homework"),
    ("lesson_list_meta", "学时", "periods"),
    // Case studies.
    ("case_company", "企业", "Company"),
    ("case_source", "来源", "Source"),
    ("case_story", "案例正文", "The case"),
    ("case_questions", "思考", "Questions"),
    ("case_analysis", "分析提示", "Analysis"),
    // Cross-links and the glossary.
    ("backlinks", "被引用", "Referenced by"),
    ("glossary_index", "按字母检索", "Index by letter"),
    ("glossary_count", "共 {n} 个术语，按拼音排序。", "{n} terms, in pinyin order."),
    ("glossary_aliases", "又称", "Also called"),
    ("glossary_related", "相关术语", "Related terms"),
    ("glossary_used_in", "出现在", "Where used"),
    ("glossary_used_more", "另有 {n} 处，可用搜索查找", "{n} more: use search to find them"),
    ("glossary_more", "查看术语表", "Open in glossary"),
    // Search (the header box, its drop-down and search.html).
    ("search", "搜索", "Search"),
    ("search_placeholder", "搜索课程内容", "Search the course"),
    ("search_shortcut", "按 / 或 Ctrl+K 搜索", "Press / or Ctrl+K to search"),
    ("search_loading", "正在载入索引…", "Loading the index…"),
    ("search_failed", "搜索索引载入失败。", "The search index could not be loaded."),
    ("search_no_results", "没有找到与“{q}”相关的内容。", "No results for “{q}”."),
    ("search_count", "找到 {n} 条结果", "{n} results"),
    ("search_all", "查看全部 {n} 条结果", "See all {n} results"),
    ("search_all_more", "查看全部结果", "See all results"),
    ("search_count_more", "至少 {n} 条结果", "At least {n} results"),
    ("search_more", "更多结果", "More results"),
    ("search_title", "搜索结果", "Search results"),
    ("search_prompt", "输入关键词，例如“大客户”或“CRM 系统”。", "Type a word, e.g. “customer” or “CRM”."),
    ("search_kind_term", "术语", "Term"),
    ("search_results", "搜索结果列表", "Search results list"),
    // `coursesite serve`'s error overlay.
    (
        "serve_errors",
        "coursesite：最近一次保存有错误，页面显示的是上一个正确的版本",
        "coursesite: the last save has errors — showing the last good version",
    ),
    // The same overlay while no build has succeeded yet: there is no good version to show.
    (
        "serve_errors_no_good_version",
        "coursesite：课程有错误，还没有构建成功过，没有可以显示的正确版本",
        "coursesite: the course has errors — there is no good version to show yet",
    ),
    (
        "serve_not_built",
        "coursesite：课程有错误，还没有构建成功。",
        "coursesite: the course has errors and has not built yet.",
    ),
    // Callouts: GitHub alerts and the kinds Chinese teachers use.
    ("callout_note", "说明", "Note"),
    ("callout_tip", "提示", "Tip"),
    ("callout_important", "重要", "Important"),
    ("callout_warning", "警告", "Warning"),
    ("callout_caution", "当心", "Caution"),
    ("callout_key_points", "本讲重点", "Key points"),
    ("callout_summary", "小结", "Summary"),
    ("callout_example", "举例", "Example"),
    ("callout_think", "思考", "Think about it"),
    ("callout_class_question", "课堂小思考", "In-class question"),
    ("callout_attention", "注意", "Attention"),
    ("callout_notes", "讲稿", "Speaker notes"),
    // Slide decks.
    ("slides_open", "放映幻灯片", "Present as slides"),
    ("slides_back", "返回教案", "Back to the page"),
    ("slides_rotate", "横过手机观看更清楚，或", "Turn your phone sideways to watch, or"),
    ("slides_read_page", "在页面中阅读", "read it as a page"),
    ("zoom_close", "关闭大图", "Close the picture"),
    (
        "slides_help",
        "← → 翻页 · O 总览 · P 演讲者视图 · F 全屏 · B 黑屏",
        "← → move · O overview · P presenter · F fullscreen · B blank",
    ),
    ("slides_overview", "幻灯片总览", "Slide overview"),
    ("slides_presenter", "演讲者视图", "Presenter view"),
    ("slides_next", "下一张", "Next slide"),
    ("slides_end", "放映结束", "End of the deck"),
    ("slides_notes", "讲稿", "Notes"),
    ("slides_no_notes", "（本页无讲稿）", "(no notes for this slide)"),
    ("slides_clock", "时钟", "Clock"),
    ("slides_elapsed", "已用时间", "Elapsed"),
    ("slides_reset", "重新计时", "Restart timer"),
    ("slides_step", "当前步骤", "Current step"),
    ("slides_planned", "计划", "planned"),
    ("slides_window", "（第 {a}–{b} 分钟）", " (minutes {a}–{b})"),
    ("slides_ahead", "提前 {n} 分钟", "{n} min ahead"),
    ("slides_behind", "落后 {n} 分钟", "{n} min behind"),
    ("slides_on_time", "按计划进行", "on schedule"),
    ("slides_left", "本步骤还剩 {n} 分钟", "{n} min left in this step"),
    ("slides_no_step", "（不属于教学步骤）", "(not part of a teaching step)"),
    ("slides_objectives", "教学目标", "Objectives"),
    ("callout_teacher", "教师", "For the teacher"),
    // Teacher's edition.
    ("teacher_edition", "教师版", "Teacher's edition"),
    // The whole course as one printable book (print.html).
    ("print_book", "打印全书", "Print the whole course"),
    ("print_book_title", "全书", "The whole course"),
    ("print_button", "打印", "Print"),
    (
        "print_hint",
        "整门课程在这一页里，每页从新的一张纸开始：用浏览器的“打印”即可打印或存为 PDF。",
        "The whole course on one page, each page starting on a new sheet: print it, or save it as a PDF, from the browser.",
    ),
    // Call scripts.
    ("script_flowmap", "流程图", "Flow map"),
    // A stage direction is the teacher's own (Chinese) text: its full-width
    // brackets stay in every language, as they always were.
    ("script_direction", "（{text}）", "（{text}）"),
    ("script_list_meta", "{n} 个环节", "{n} steps"),
    ("quiz_list_meta", "{n} 题", "{n} questions"),
    // Between 答案 / Key and the key. Full-width in English too, as it has
    // always been (`colon` would be the consistent choice: a visible change).
    ("quiz_key_sep", "：", "："),
    (
        "script_flowmap_hint",
        "点选方框可跳到对应的通话环节；箭头上的文字是客户的反应。",
        "Select a box to jump to that part of the call; arrows are labelled with the customer's reaction.",
    ),
    ("script_flowmap_swipe", "← 左右滑动查看完整流程图 →", "← Swipe sideways to see the whole map →"),
    ("script_objections", "异议应对", "Objections and answers"),
    ("script_objection", "客户异议", "Customer says"),
    ("script_response", "应对话术", "Agent answers"),
    ("script_node", "环节", "Step"),
    ("script_end", "通话结束", "End of call"),
    ("script_bad", "反面示例", "Bad example"),
    ("script_next", "接着：", "Next: "),
    ("script_walk", "逐步演练", "Walk through"),
    ("script_show_all", "显示全部", "Show all"),
    ("script_practice", "练习模式", "Practice mode"),
    ("script_restart", "从头开始", "Start over"),
    ("script_reveal", "显示参考话术", "Show the model line"),
    (
        "script_your_turn",
        "轮到你了：先说出或写下你的回答，再看参考话术。",
        "Your turn: say or type your reply, then reveal the model line.",
    ),
    ("script_placeholder", "在这里写下你的回答（可不填）", "Type your reply here (optional)"),
    ("script_yours", "你的回答", "Your reply"),
    ("script_model", "参考话术", "Model line"),
    ("script_practised", "已练 {n}/{total}", "Practised {n}/{total}"),
    // Quizzes.
    ("quiz_check", "检查答案", "Check answers"),
    ("quiz_reset", "重新作答", "Start again"),
    ("quiz_right", "回答正确", "Correct"),
    ("quiz_wrong", "回答错误", "Not quite"),
    ("quiz_partial", "部分正确", "Partly correct"),
    ("quiz_unanswered", "未作答", "Not answered"),
    ("quiz_score", "得分：{score} / {total}", "Score: {score} / {total}"),
    ("quiz_self", "请对照参考答案自评", "Compare with the model answer"),
    (
        "quiz_confirm",
        "还有 {n} 道题未作答。现在检查会显示所有题目的答案，确定吗？",
        "{n} questions are not answered yet. Checking now shows every answer. Check anyway?",
    ),
    ("quiz_belongs", "应归入：{group}", "Belongs to: {group}"),
    ("quiz_true", "对", "True"),
    ("quiz_false", "错", "False"),
    ("quiz_pick", "请选择", "Choose"),
    ("quiz_your_answer", "写下你的答案", "Your answer"),
    ("quiz_key", "答案", "Key"),
    ("quiz_kind_tf", "判断题", "True or false"),
    ("quiz_kind_single", "单选题", "Single choice"),
    ("quiz_kind_multi", "多选题", "Multiple choice"),
    ("quiz_kind_sort", "分类题", "Classify"),
    ("quiz_kind_short", "简答题", "Short answer"),
    ("case_reveal", "先想一想，再看分析", "Think first, then open the analysis"),
];

/// The strings the theme's scripts read (`T("…")` in main.js, `str("…")` in
/// search.js). The build writes them once into the site's `strings.js`
/// ([`script`]) instead of into attributes of every page.
pub const SCRIPT_STRINGS: [&str; 20] = [
    "term_more",
    "quiz_score",
    "on_this_page",
    "back_to_top",
    "zoom_close",
    "theme_label",
    "colon",
    "theme_system",
    "theme_light",
    "theme_dark",
    "list_sep",
    "search_loading",
    "search_failed",
    "search_no_results",
    "search_count",
    "search_count_more",
    "search_all",
    "search_all_more",
    "search_more",
    "search_prompt",
];

/// The site's `strings.js`: [`SCRIPT_STRINGS`] in `lang`, for the theme's scripts.
pub fn script(lang: Language) -> String {
    let strings: BTreeMap<&str, &str> = SCRIPT_STRINGS.iter().map(|k| (*k, t(lang, k))).collect();
    let json = serde_json::to_string(&strings).unwrap_or_else(|_| "{}".into());
    format!("window.coursesiteStrings={json};\n")
}

/// Every language the table has a column for.
pub const LANGUAGES: [Language; 2] = [Language::ZhCn, Language::En];

/// All strings for `lang`, keyed for templates (`{{ t.next }}`).
pub fn table(lang: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS.iter().map(|(k, zh, en)| (*k, pick(lang, zh, en))).collect()
}

/// One string; an unknown key gives a visible `[?]` instead of a crash.
pub fn t(lang: Language, key: &str) -> &'static str {
    STRINGS.iter().find(|(k, _, _)| *k == key).map_or("[?]", |(_, zh, en)| pick(lang, zh, en))
}

fn pick(lang: Language, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::ZhCn => zh,
        Language::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut seen = std::collections::HashSet::new();
        for (k, zh, en) in STRINGS {
            assert!(seen.insert(k), "duplicate key {k}");
            assert!(!zh.is_empty() && !en.is_empty(), "{k}");
        }
        assert_eq!(t(Language::ZhCn, "next"), "下一页");
        assert_eq!(t(Language::En, "next"), "Next");
    }

    /// Every key the theme's scripts ask for is in `strings.js`, and every
    /// key there is one of the table's: a key missing from either would show
    /// an empty label.
    #[test]
    fn the_scripts_strings_are_the_ones_they_read() {
        let scripts = [
            ("main.js", include_str!("../themes/default/static/main.js"), "T(\""),
            ("search.js", include_str!("../themes/default/static/search.js"), "str(\""),
        ];
        for (name, text, call) in scripts {
            let asked: Vec<&str> =
                text.split(call).skip(1).filter_map(|rest| rest.split('"').next()).filter(|k| !k.is_empty()).collect();
            assert!(asked.len() > 3, "{name}: no {call}…\") found");
            for key in asked.iter().filter(|k| !k.ends_with('_')) {
                assert!(SCRIPT_STRINGS.contains(key), "{name} reads {key}, which strings.js lacks");
            }
        }
        for key in SCRIPT_STRINGS {
            assert_ne!(t(Language::En, key), "[?]", "{key}");
        }
        let js = script(Language::ZhCn);
        assert!(js.starts_with("window.coursesiteStrings={") && js.contains("\"theme_dark\":\"深色\""), "{js}");
    }
}
