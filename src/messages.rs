//! The terminal's words: every diagnostic, hint, note and summary line is a
//! [`Msg`] (a key into [`MESSAGES`] and named arguments), not a sentence. A
//! diagnostic is made deep in the pipeline, often before course.toml (and so the
//! course's language) is known, or when course.toml itself is what failed; it is
//! put into words only at the edge (terminal, serve's overlay) in the
//! [`Language`] chosen there: `--lang`, else course.toml's `language`, else
//! zh-CN. One table holds both languages, as `i18n` does for the site's UI.

use serde::{Deserialize, Serialize};
use std::fmt::Display;
use std::path::Path;

/// The language of a course: its UI words and its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }

    /// `zh-CN` or `en` (as course.toml and `--lang` write them); `zh` and case
    /// differences are forgiven, anything else is no language.
    pub fn from_tag(tag: &str) -> Option<Language> {
        match tag.trim().to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" | "zh_cn" => Some(Language::ZhCn),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// A message as data: rendered in a language only when shown. Serializable so
/// the build cache can keep a page's diagnostics. One pointer wide, so a
/// `Diagnostic` (message and hint) stays small to move around in `Result`s.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Msg(Box<MsgData>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
struct MsgData {
    key: String,
    args: Vec<(String, Arg)>,
}

/// One argument: text shown as written (the teacher's words, file names, keys,
/// numbers), a list (joined with the language's separator), or a message of its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Arg {
    Text(String),
    List(Vec<String>),
    Msg(Box<Msg>),
}

/// What may be a message's argument: anything shown as text, a list, a message.
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

impl<T: Display> IntoArg for T {
    fn into_arg(self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl IntoArg for Msg {
    fn into_arg(self) -> Arg {
        Arg::Msg(Box::new(self))
    }
}

impl IntoArg for &Msg {
    fn into_arg(self) -> Arg {
        Arg::Msg(Box::new(self.clone()))
    }
}

impl IntoArg for Arg {
    fn into_arg(self) -> Arg {
        self
    }
}

/// A list argument: `a、b、c` in Chinese, `a, b, c` in English.
pub fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Arg {
    Arg::List(items.into_iter().map(|s| s.as_ref().to_string()).collect())
}

/// A path argument, shown as the user should see it.
pub fn path(p: &Path) -> Arg {
    Arg::Text(p.display().to_string())
}

/// A file-system error: the system's own text (English, with its error number,
/// for searching), explained in the reader's language for the common kinds.
pub fn io_error(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::NotFound => "io_not_found",
        K::PermissionDenied => "io_permission_denied",
        K::AlreadyExists => "io_already_exists",
        K::IsADirectory => "io_is_a_folder",
        K::NotADirectory => "io_not_a_folder",
        K::StorageFull => "io_storage_full",
        K::ReadOnlyFilesystem => "io_read_only",
        _ => "io_other",
    };
    Msg::new(key).arg("os", e)
}

/// What [`count`] counts: (name, key for one, key for several). Chinese has one
/// form; English needs the plural.
const COUNTED: &[(&str, &str, &str)] = &[
    ("page", "count_page_one", "count_page_other"),
    ("file", "count_file_one", "count_file_other"),
    ("index", "count_index_one", "count_index_other"),
    ("asset", "count_asset_one", "count_asset_other"),
    ("error", "count_error_one", "count_error_other"),
    ("warning", "count_warning_one", "count_warning_other"),
    ("kind_lesson", "count_lesson_one", "count_lesson_other"),
    ("kind_case", "count_case_one", "count_case_other"),
    ("kind_script", "count_script_one", "count_script_other"),
    ("kind_quiz", "count_quiz_one", "count_quiz_other"),
    ("kind_glossary", "count_glossary_one", "count_glossary_other"),
    ("kind_page", "count_kind_page_one", "count_kind_page_other"),
];

/// `n` things (`what` one of [`COUNTED`]: `3 pages`, `3 页`); an unknown
/// `what` shows as the bare number rather than failing.
pub fn count(n: usize, what: &str) -> Msg {
    let key = COUNTED.iter().find(|(w, _, _)| *w == what).map(|&(_, one, other)| if n == 1 { one } else { other });
    Msg::new(key.unwrap_or("count_bare")).arg("n", n)
}

/// `msg!("key", name = value, other)`: a [`Msg`]; a bare name is `name = name`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::messages::Msg::new($key)$(.arg(stringify!($name), $crate::__msg_value!($name $(, $value)?)))*
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __msg_value {
    ($name:ident) => {
        $name
    };
    ($name:ident, $value:expr) => {
        $value
    };
}

impl Msg {
    /// Takes only a `'static` key: a message is always one of the table's.
    pub fn new(key: &'static str) -> Msg {
        Msg(Box::new(MsgData { key: key.to_string(), args: Vec::new() }))
    }

    pub fn arg(mut self, name: &str, value: impl IntoArg) -> Msg {
        self.0.args.push((name.to_string(), value.into_arg()));
        self
    }

    /// The message in English: for tests' assertions (the terminal always
    /// renders in the chosen language).
    pub fn en(&self) -> String {
        self.render(Language::En)
    }

    /// The message in `lang`; an unknown key shows as `[?key]` instead of a crash.
    pub fn render(&self, lang: Language) -> String {
        let MsgData { key, args } = &*self.0;
        let Some(template) = template(lang, key) else {
            return format!("[?{key}]");
        };
        fill(template, |name| args.iter().find(|(n, _)| n == name).map(|(_, a)| render_arg(a, lang)))
    }
}

fn render_arg(arg: &Arg, lang: Language) -> String {
    match arg {
        Arg::Text(t) => t.clone(),
        Arg::List(items) => items.join(t(lang, "list_sep")),
        Arg::Msg(m) => m.render(lang),
    }
}

/// The template of `key` in `lang`.
fn template(lang: Language, key: &str) -> Option<&'static str> {
    MESSAGES.iter().find(|(k, _, _)| *k == key).map(|(_, zh, en)| match lang {
        Language::ZhCn => *zh,
        Language::En => *en,
    })
}

/// A fixed word of the table (no arguments).
pub fn t(lang: Language, key: &str) -> &'static str {
    template(lang, key).unwrap_or("[?]")
}

/// Replace each `{name}` (letters, digits, `_`) by its argument; anything else
/// in braces (`{#id}`, `{% raw %}`) and names without an argument stay as written.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let name = &after[..name_len];
        match value(name).filter(|_| !name.is_empty() && after[name_len..].starts_with('}')) {
            Some(v) => {
                out.push_str(&v);
                rest = &after[name_len + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Every key of the table (for tests that check the code uses only these).
pub fn keys() -> impl Iterator<Item = &'static str> {
    MESSAGES.iter().map(|(k, _, _)| *k)
}

/// The placeholders of `key`'s template (both columns have the same), or None
/// for a key the table lacks (for tests that check each `msg!` names them).
pub fn placeholders_of(key: &str) -> Option<Vec<&'static str>> {
    template(Language::En, key).map(placeholders)
}

/// (key, zh-CN, en). Chinese is for teachers: plain words, full-width
/// punctuation; quoted teacher text, file names and keys stay as written.
const MESSAGES: &[(&str, &str, &str)] = &[
    // The frame of a diagnostic.
    ("sev_error", "错误：", "error: "),
    ("sev_warning", "警告：", "warning: "),
    ("sev_help", "帮助：", "help: "),
    ("list_sep", "、", ", "),
    ("did_you_mean", "是不是想写 '{best}'？", "did you mean '{best}'?"),
    // File-system errors: the system's text ({os}) kept for searching.
    ("io_not_found", "文件或文件夹不存在（{os}）", "{os}"),
    ("io_permission_denied", "没有权限（{os}）", "{os}"),
    ("io_already_exists", "已经存在（{os}）", "{os}"),
    ("io_is_a_folder", "这是一个文件夹，不是文件（{os}）", "{os}"),
    ("io_not_a_folder", "这不是文件夹（{os}）", "{os}"),
    ("io_storage_full", "磁盘已满（{os}）", "{os}"),
    ("io_read_only", "磁盘是只读的（{os}）", "{os}"),
    ("io_other", "系统报告：{os}", "{os}"),
    // Writing the site.
    ("io_cannot_read_out", "无法读取输出文件夹：{error}", "cannot read output folder: {error}"),
    (
        "out_not_ours",
        "输出文件夹已经存在，而且不是 coursesite 生成的；为避免覆盖，不写入",
        "output folder exists and was not made by coursesite; refusing to replace it",
    ),
    (
        "out_not_ours_hint",
        "换一个 --out，或者自己清空/删除这个文件夹",
        "choose another --out, or empty/delete this folder yourself",
    ),
    ("out_not_folder", "输出路径已经存在，但不是文件夹", "output path exists and is not a folder"),
    (
        "out_not_folder_hint",
        "删除或重命名那个文件，或者换一个 --out",
        "delete or rename that file, or choose another --out",
    ),
    ("interrupted", "已中断", "interrupted"),
    ("io_cannot_create_folder", "无法创建文件夹：{error}", "cannot create folder: {error}"),
    ("io_cannot_create_staging", "无法创建临时文件夹：{error}", "cannot create staging folder: {error}"),
    ("io_cannot_write", "无法写入：{error}", "cannot write: {error}"),
    ("io_cannot_copy", "无法复制：{error}", "cannot copy: {error}"),
    ("io_cannot_read", "无法读取：{error}", "cannot read: {error}"),
    ("io_cannot_read_file", "无法读取文件：{error}", "cannot read file: {error}"),
    (
        "internal_clean_reused",
        "内部错误：全新生成时复用了旧文件",
        "internal error: a clean build reused a file",
    ),
    ("io_cannot_move_old", "无法把上一版网站移开：{error}", "cannot move the previous site aside: {error}"),
    ("io_cannot_move_new", "无法把新网站放到位：{error}", "cannot move the new site into place: {error}"),
    // The build cache.
    ("cache_unreadable", "无法读取它：{error}", "cannot read it: {error}"),
    ("cache_damaged", "它已损坏", "it is damaged"),
    ("cache_other_site", "{out} 不是生成这份缓存的那次构建写入的", "{out} was not written by the build that made it"),
    ("cache_file_missing", "{out} 中缺少 {missing}", "{missing} is missing from {out}"),
    ("cache_other_binary", "它是另一个版本的 coursesite 生成的", "it was made by another coursesite binary"),
    (
        "cache_inputs_changed",
        "course.toml、主题或构建选项有改动",
        "course.toml, the theme or the build's options changed",
    ),
    ("cache_cannot_encode", "无法编码构建缓存：{error}", "cannot encode the build cache: {error}"),
    ("cache_cannot_create", "无法创建 {dir}：{error}", "cannot create {dir}: {error}"),
    ("cache_cannot_write", "无法写入 {path}：{error}", "cannot write {path}: {error}"),
    ("cache_no_marker", "{out} 中没有 {marker}", "{out} has no {marker}"),
    ("cache_not_saved", "构建缓存没有保存：{why}", "build cache not saved: {why}"),
    (
        "cache_not_saved_hint",
        "下次构建会全部重新生成；`--no-cache` 可以不用缓存",
        "the next build will build everything; `--no-cache` skips the cache",
    ),
    (
        "cache_note_clean",
        "coursesite：提示：没有使用构建缓存（{why}），全部重新生成",
        "coursesite: note: the build cache was not used ({why}): everything was built anew",
    ),
    // Finding the course and the output folder.
    ("config_unreadable", "无法读取 course.toml：{error}", "cannot read course.toml: {error}"),
    (
        "not_a_course_hint",
        "请在课程文件夹（有 course.toml 和 content/ 的文件夹）中运行 coursesite，或用 `coursesite new DIR` 新建一个课程",
        "run coursesite in a course folder (one with course.toml and content/), or create one with `coursesite new DIR`",
    ),
    ("out_contains_course", "输出文件夹会把课程本身包含进去", "the output folder would contain the course itself"),
    ("out_inside_content", "输出文件夹在 content/ 里面", "the output folder is inside content/"),
    ("out_refused", "不能写入 '{out}'：{why}", "refusing to write to '{out}': {why}"),
    ("out_refused_hint", "换一个 --out，例如默认的 DIR/site", "choose another --out, e.g. the default DIR/site"),
    // fix-encoding.
    (
        "fix_not_gb18030",
        "这个文件不是 UTF-8 编码，也不是 GBK/GB18030 编码的中文",
        "not UTF-8, and not GBK/GB18030 Chinese text either",
    ),
    (
        "fix_not_gb18030_hint",
        "用能显示编码的编辑器打开它（VS Code：看底部状态栏），另存为 UTF-8",
        "open it in an editor that shows its encoding (VS Code: the status bar) and re-save it as UTF-8",
    ),
    ("fix_backup_exists", "{backup} 已经存在", "{backup} exists already"),
    (
        "fix_backup_exists_hint",
        "请先把之前的备份移走：这个命令从不覆盖备份",
        "move the earlier copy away first: this command never overwrites a backup",
    ),
    // new.
    ("new_not_empty", "文件夹已经存在，而且不是空的", "folder exists and is not empty"),
    (
        "new_not_empty_hint",
        "换一个新的文件夹名，例如 coursesite new my-course",
        "choose a new folder name, e.g. coursesite new my-course",
    ),
    // The command line.
    ("bad_profile", "未知的 --profile '{name}'", "unknown --profile '{name}'"),
    (
        "bad_profile_hint",
        "用 --profile student（默认，学生版）或 teacher（教师版）",
        "use --profile student (the default) or teacher",
    ),
    ("bad_base_path_arg", "--base-path '{raw}' 无效：{why}", "invalid --base-path '{raw}': {why}"),
    ("bad_base_path_arg_hint", "例如 --base-path /my-course/", "e.g. --base-path /my-course/"),
    // course.toml.
    ("bad_base_path", "base_path '{raw}' 无效：{why}", "invalid base_path '{raw}': {why}"),
    (
        "bad_base_path_hint",
        "写一个网址路径，例如 \"/\" 或 \"/my-course/\"",
        "use a URL path such as \"/\" or \"/my-course/\"",
    ),
    ("base_path_is_url", "这里要写路径，不是完整的网址", "it must be a path, not a full URL"),
    (
        "base_path_bad_segment",
        "只能是用 '/' 分隔的普通文件夹名",
        "it may only hold plain folder names separated by '/'",
    ),
    ("bad_theme_name", "主题名 '{name}' 无效", "invalid theme name '{name}'"),
    (
        "bad_theme_name_hint",
        "写 themes/ 下的一个文件夹名，例如 theme = \"default\"",
        "name a folder under themes/, e.g. theme = \"default\"",
    ),
    ("theme_not_found", "找不到主题 '{name}'", "theme '{name}' not found"),
    (
        "theme_not_found_hint",
        "新建 themes/{name}/，或者删掉 `theme` 这一行，使用内置主题",
        "create themes/{name}/ or remove the `theme` key to use the built-in theme",
    ),
    ("theme_folder_unreadable", "无法读取主题文件夹：{error}", "cannot read theme folder: {error}"),
    ("theme_file_unreadable", "无法读取主题文件：{error}", "cannot read theme file: {error}"),
    // serve.
    ("serve_no_config", "{root} 中没有 course.toml", "no course.toml in {root}"),
    (
        "serve_no_config_hint",
        "请在课程文件夹（有 course.toml 和 content/ 的文件夹）中运行 coursesite serve，或用 `coursesite new DIR` 新建一个课程",
        "run coursesite serve in a course folder (one with course.toml and content/), or create one with `coursesite new DIR`",
    ),
    ("serve_cannot_listen", "无法在 {bind}:{port} 上监听：{error}", "cannot listen on {bind}:{port}: {error}"),
    (
        "serve_port_in_use",
        "端口 {port} 已被占用；用 --port 换一个，例如 --port {next}",
        "port {port} is in use; choose another with --port, e.g. --port {next}",
    ),
    ("serve_check_bind", "检查 --bind 和 --port", "check --bind and --port"),
    ("serve_cannot_watch", "无法监视课程文件夹的变化：{error}", "cannot watch the course: {error}"),
    (
        "serve_cannot_watch_hint",
        "试试 --poll（网络驱动器、容器中）",
        "try --poll (network drives, containers)",
    ),
    // TOML (course.toml, front matter, glossary terms).
    // Latin names keep a space before the Chinese that follows them.
    ("where_front_matter", "front matter ", "front matter"),
    ("where_course_toml", "course.toml ", "course.toml"),
    ("where_glossary_term", "术语条目", "glossary term"),
    (
        "toml_unknown_key_best",
        "{what}中有未知的键 '{field}'；是不是想写 '{best}'？",
        "unknown key '{field}' in {what}; did you mean '{best}'?",
    ),
    ("toml_unknown_key", "{what}中有未知的键 '{field}'", "unknown key '{field}' in {what}"),
    ("toml_remove_key", "删掉这个键", "remove this key"),
    ("toml_valid_keys", "这里可以用的键：{keys}", "valid keys here: {keys}"),
    ("toml_missing_key", "{what}中缺少键 '{field}'", "missing key '{field}' in {what}"),
    ("toml_add_key", "加一行 `{field} = …`", "add a line `{field} = …`"),
    ("toml_wrong_type_key", "{what}中 '{key}' 的值类型不对：{raw}", "wrong type for '{key}' in {what}: {raw}"),
    ("toml_wrong_type", "{what}中有值的类型不对：{raw}", "wrong type in {what}: {raw}"),
    (
        "toml_wrong_type_hint",
        "检查这个值的引号、方括号和数字",
        "check the value's quotes, brackets and numbers",
    ),
    (
        "toml_unknown_value",
        "{what}中的值 '{given}' 无效；可以写：{expected}",
        "unknown value '{given}' in {what}; expected one of: {expected}",
    ),
    ("toml_invalid", "{what}不是有效的 TOML：{raw}", "invalid TOML in {what}: {raw}"),
    (
        "toml_invalid_hint",
        "TOML 的文字要加 \"引号\"，列表要加 [方括号]；参见 https://toml.io",
        "TOML strings need \"quotes\", lists need [brackets]; see https://toml.io",
    ),
    // Reading content/.
    ("no_content", "没有 content/ 文件夹：课程的页面都放在 content/ 里", "no content/ folder: a course keeps its pages in content/"),
    (
        "no_content_hint",
        "新建 content/ 并至少放一个 .md 文件，或者运行 `coursesite new DIR` 生成一个示例课程",
        "create content/ with at least one .md file, or run `coursesite new DIR` for a starter course",
    ),
    ("file_unreadable", "无法读取这个文件：{error}", "cannot read this file: {error}"),
    ("page_too_big", "页面有 {size} MB，超过了 {limit} MB 的上限", "page is {size} MB, over the {limit} MB limit"),
    ("page_too_big_hint", "把它拆成几个页面", "split it into several pages"),
    ("empty_page", "空白页面", "empty page"),
    ("empty_page_hint", "写点内容，或者删掉这个文件", "write something, or delete the file"),
    ("template_tag_shown", "模板标记 '{tag}' 会原样显示为文字", "template tag '{tag}' is shown as text"),
    (
        "template_tag_shown_hint",
        "coursesite 不运行 Jekyll 或 Hugo 模板：删掉这个标记，或者把要原样显示的花括号放在 {% raw %}…{% endraw %} 里",
        "coursesite does not run Jekyll or Hugo templates: delete the tag, or wrap literal braces in {% raw %}…{% endraw %}",
    ),
    ("walk_entry_unreadable", "无法读取这个文件夹项：{error}", "cannot read this folder entry: {error}"),
    ("walk_name_not_utf8", "文件名不是有效的 UTF-8", "file name is not valid UTF-8"),
    ("walk_name_not_utf8_hint", "用 UTF-8 字符重新命名这个文件", "rename the file using UTF-8 characters"),
    (
        "walk_link_skipped",
        "跳过了指向 '{target}' 的符号链接（coursesite 不跟随链接）",
        "skipped symbolic link to '{target}' (coursesite does not follow links)",
    ),
    ("walk_link_skipped_hint", "把文件或文件夹直接复制到 content/ 里", "copy the file or folder into content/ instead"),
    ("walk_link_outside", "符号链接指向课程文件夹之外：'{target}'", "symbolic link points outside the course: '{target}'"),
    (
        "walk_link_outside_hint",
        "如果要发布这个文件，把它复制到 content/ 里",
        "copy the file into content/ if it should be published",
    ),
    ("walk_special", "'{name}' 是{kind}，不是普通文件；已跳过", "'{name}' is {kind}, not a file; skipped"),
    (
        "walk_special_hint",
        "coursesite 只发布普通文件：删掉它，或者换成真正的文件",
        "coursesite publishes only regular files: delete it, or put the real file in its place",
    ),
    ("special_fifo", "命名管道（FIFO）", "a named pipe (FIFO)"),
    ("special_socket", "套接字", "a socket"),
    ("special_block", "块设备", "a block device"),
    ("special_char", "字符设备", "a character device"),
    ("special_file", "特殊文件", "a special file"),
    // Encoding.
    ("utf8_invalid", "第 {bad} 个字节（0x{byte}）不是有效的 UTF-8", "invalid UTF-8 at byte {bad} (0x{byte})"),
    (
        "utf8_is_gbk_hint",
        "这个文件是 GBK/GB18030 编码的中文：运行 `coursesite fix-encoding {path}` 可以把它转成 UTF-8（原文件保留为 .bak）",
        "the file is GBK/GB18030 Chinese text: `coursesite fix-encoding {path}` converts it to UTF-8 (keeping the original as .bak)",
    ),
    (
        "utf8_resave_hint",
        "把文件另存为 UTF-8 编码（它看起来是别的编码，例如 Word 或记事本保存的 GBK）",
        "re-save the file as UTF-8 (it looks like another encoding, e.g. GBK from Word or Notepad)",
    ),
    // Front matter.
    ("fm_never_closed", "这里开始的 {what} front matter 没有结束", "{what} front matter opened here is never closed"),
    (
        "fm_never_closed_hint",
        "在 front matter 后面加一行，只写 `{delim}`",
        "add a line with just `{delim}` after the front matter",
    ),
    (
        "fm_late_rule",
        "空行之后的 `---` 会被当作分隔线，而不是 YAML front matter",
        "`---` after blank lines is read as a horizontal rule, not as YAML front matter",
    ),
    (
        "fm_late_rule_hint",
        "如果这是 front matter，删掉上面的空行，让它从第 1 行开始，并用一行 `---` 结束",
        "if it is front matter, delete the blank lines above it so it starts on line 1 and close it with a `---` line",
    ),
    (
        "yaml_tab_hint",
        "YAML 不允许用 Tab 缩进：把这一行开头的 Tab 换成空格",
        "YAML does not allow tabs for indentation: replace the tab at the start of this line with spaces",
    ),
    ("yaml_pairs_hint", "YAML 要写成 `键: 值`，每行一对", "YAML needs `key: value` pairs, one per line"),
    ("yaml_invalid", "front matter 不是有效的 YAML：{raw}", "invalid YAML in front matter: {raw}"),
    (
        "yaml_not_map",
        "YAML front matter 必须是一组 `键: 值`",
        "YAML front matter must be a list of `key: value` pairs",
    ),
    ("yaml_ignored_key", "忽略了 YAML front matter 中的键 '{key}'", "ignored key '{key}' in YAML front matter"),
    ("yaml_keys_read", "coursesite 读取的键：{keys}", "coursesite reads: {keys}"),
    (
        "yaml_wrong_value_key",
        "YAML front matter 中 '{key}' 的值不对：{raw}",
        "wrong value for '{key}' in YAML front matter: {raw}",
    ),
    ("yaml_wrong_value", "YAML front matter 中有值不对：{raw}", "wrong value in YAML front matter: {raw}"),
    // Includes.
    (
        "include_short_file",
        "文件只有 {lines} 行，插入却从第 {from} 行开始",
        "the file has {lines} lines, the include starts at line {from}",
    ),
    ("include_what_anchor", "锚点", "anchor"),
    ("include_what_fragment", "片段", "fragment"),
    ("include_what_region", "#region 区域", "#region"),
    ("include_no_part", "文件中没有{what} '{name}'", "no {what} '{name}' in the file"),
    (
        "include_no_part_known",
        "文件中没有{what} '{name}'（文件里有：{known}）",
        "no {what} '{name}' in the file (it has: {known})",
    ),
    (
        "include_select_hint",
        "用 `// ANCHOR: name` 和 `// ANCHOR_END: name` 两行标出要插入的部分，或者写成 `文件:起始行:结束行`",
        "mark the part with `// ANCHOR: name` and `// ANCHOR_END: name` lines, or give lines as `file:from:to`",
    ),
    ("include_itself", "'{path}' 插入了它自己", "'{path}' includes itself"),
    ("include_itself_hint", "删掉造成循环的那个插入", "remove the include that closes the circle"),
    ("include_too_deep", "插入嵌套超过了 {max} 层", "includes nested more than {max} deep"),
    ("include_too_deep_hint", "直接插入那个文件", "include the file directly"),
    ("include_unreadable", "无法读取 '{path}'：{error}", "cannot read '{path}': {error}"),
    (
        "include_too_big",
        "插入这个文件后，页面超过了大小上限",
        "the page grows over the size limit with this include",
    ),
    ("include_too_big_hint", "把页面拆开", "split the page"),
    ("include_outside", "'{path}' 在课程文件夹之外", "'{path}' is outside the course folder"),
    (
        "include_outside_hint",
        "把文件复制到课程文件夹里，再从那里插入",
        "copy the file into the course folder and include it from there",
    ),
    ("include_missing", "无法插入 '{path}'：没有文件 {file}", "cannot include '{path}': no file {file}"),
    (
        "include_missing_hint",
        "路径从页面所在的文件夹算起（以 / 开头时从 content/ 算起）",
        "paths are relative to the page's folder (from content/ when they start with /)",
    ),
    // Pages and the course.
    ("unknown_kind", "未知的页面类型 '{name}'", "unknown page kind '{name}'"),
    ("kinds_best", "是不是想写 '{best}'？可用的类型：{kinds}", "did you mean '{best}'? kinds: {kinds}"),
    ("kinds", "可用的类型：{kinds}", "kinds: {kinds}"),
    ("bad_slug", "slug '{slug}' 无效：{why}", "invalid slug '{slug}': {why}"),
    (
        "bad_slug_hint",
        "slug 是一个不含文件夹的文件名，例如 slug = \"客户分类\"",
        "a slug is one file name without folders, e.g. slug = \"客户分类\"",
    ),
    ("slug_empty", "它是空的", "it is empty"),
    ("slug_folder", "它含有文件夹分隔符", "it contains a folder separator"),
    ("slug_dot", "它以点开头", "it starts with a dot"),
    (
        "slug_char",
        "它含有文件名或网址中不允许的字符",
        "it contains a character that is not allowed in file names or URLs",
    ),
    (
        "nav_unknown",
        "nav 中写了 '{name}'，但 content/ 中没有这个文件夹或页面",
        "nav names '{name}', which is not a folder or page in content/",
    ),
    (
        "nav_unknown_hint",
        "列出 content/ 下的顶层文件夹（例如 \"lessons\"）或根目录下的页面（例如 \"about\"）",
        "list top-level folders of content/ (e.g. \"lessons\") or root pages (e.g. \"about\")",
    ),
    (
        "navfile_no_page",
        "{file} 中列出了 '{target}'，但 content/ 中没有这个页面",
        "{file} lists '{target}', which is no page in content/",
    ),
    (
        "navfile_no_page_hint",
        "写出页面在 content/ 下的路径，例如 lessons/01-理解客户服务.md",
        "write the page's path under content/, e.g. lessons/01-理解客户服务.md",
    ),
    (
        "navfile_missing",
        "有 {n} 个页面不在 {file} 中，排在其中页面的后面：{pages}",
        "{n} page(s) not in {file}, listed after its pages: {pages}",
    ),
    ("navfile_missing_hint", "把它们加到 {file} 里，就能安排位置", "add them to {file} to place them"),
    ("case_not_found", "找不到案例 '{name}'", "case '{name}' not found"),
    (
        "case_ambiguous_hint",
        "有几个案例都叫这个名字；请写其中一个：{cases}",
        "several cases are named so; write one of: {cases}",
    ),
    (
        "case_not_found_hint",
        "按案例在 content/ 下的路径（不带 .md）列出，例如 \"cases/东方饭店\"",
        "list cases by their path under content/ without .md, e.g. \"cases/东方饭店\"",
    ),
    ("teacher_field", "'{name}' 不能设为仅教师可见", "'{name}' cannot be teacher-only"),
    (
        "teacher_field_best",
        "是不是想写 '{best}'？可以设为仅教师可见的字段：{fields}",
        "did you mean '{best}'? fields that can be: {fields}",
    ),
    (
        "teacher_field_hint",
        "可以设为仅教师可见的字段：{fields}；或者写 `teacher_only = true`，让整页仅教师可见",
        "fields that can be: {fields}; or `teacher_only = true` for the whole page",
    ),
    // Lesson plans.
    (
        "lesson_missing_fields",
        "教案缺少必填字段：{names}",
        "lesson plan is missing required field(s): {names}",
    ),
    (
        "lesson_missing_fields_hint",
        "在 front matter 中加上：{examples}；如果这不是教案，请写 kind = \"page\"",
        "add to the front matter: {examples}; or set kind = \"page\" if this is not a 教案",
    ),
    (
        "lesson_minutes",
        "教学步骤合计 {total} 分钟（{breakdown}），但 {hours} 学时 × {per_hour} = {planned} 分钟（允许 ±10 %）",
        "teaching steps add up to {total} minutes ({breakdown}), but {hours} 学时 × {per_hour} = {planned} minutes (±10 %)",
    ),
    ("lesson_minutes_hint", "调整各步骤的分钟数，或者教案的学时", "adjust the steps' minutes or the lesson's hours"),
    // Quizzes.
    ("quiz_empty", "这个测验里没有题目", "this quiz has no questions"),
    (
        "quiz_empty_hint",
        "每道题写成一个编号列表项：`1. 内部客户也是客户。（对）`",
        "write each question as a numbered list item: `1. 内部客户也是客户。（对）`",
    ),
    ("quiz_no_correct", "第 {number} 题没有标出正确选项", "question {number} has no correct option"),
    (
        "quiz_no_correct_hint",
        "用 [x] 标出正确选项：`- [x] {example}`",
        "mark the right option(s) with [x]: `- [x] {example}`",
    ),
    ("quiz_one_group", "分类题第 {number} 题只有一个类别", "classification question {number} has only one group"),
    (
        "quiz_one_group_hint",
        "至少列出两个类别：`- 定期服务：…` 和 `- 不定期服务：…`",
        "list two groups or more: `- 定期服务：…` and `- 不定期服务：…`",
    ),
    ("quiz_no_items", "分类题第 {number} 题没有要分类的项目", "classification question {number} has no items"),
    ("quiz_no_items_hint", "例如：`- 定期服务：季度保养、年度体检`", "`- 定期服务：季度保养、年度体检`"),
    (
        "quiz_no_key",
        "第 {number} 题{why}，但没有答案：它会显示为简答题",
        "question {number} {why} but has no key: it is shown as a 简答题",
    ),
    ("quiz_why_bracket", "以判断题答案那样的括号结尾", "ends with a bracket like a 判断题's key"),
    ("quiz_why_heading", "在“判断题”标题下", "is under a 判断题 heading"),
    (
        "quiz_no_key_hint",
        "在题目末尾写上答案：（对）或（错）（也可以写（√）/（×）、（正确）/（错误））",
        "end the question with its key: （对） or （错） (also （√）/（×）, （正确）/（错误）)",
    ),
    // The glossary.
    ("glossary_second", "又一个术语表页面；术语表是 {first}", "a second glossary page; the glossary is {first}"),
    (
        "glossary_second_hint",
        "把所有术语都放在一个 glossary.md 里，或者在这里写 kind = \"page\"",
        "keep every term in one glossary.md, or set kind = \"page\" here",
    ),
    ("glossary_term", "术语", "term"),
    ("glossary_alias", "别名", "alias"),
    (
        "glossary_duplicate",
        "{what} '{name}' 已经由术语 '{other}' 定义过了（第 {line} 行）",
        "{what} '{name}' is already defined by term '{other}' (line {line})",
    ),
    (
        "glossary_duplicate_hint",
        "术语表中每个术语和别名只能出现一次；合并这两个条目，或者去掉这个别名",
        "each term and alias may appear once in the glossary; merge the entries or drop the alias",
    ),
    ("glossary_related_missing", "相关术语 '{name}' 不在术语表中", "related term '{name}' is not in the glossary"),
    (
        "glossary_meta_hint",
        "术语下面的一行可以写 { aliases = [\"…\"], en = \"…\", pinyin = \"…\", related = [\"…\"] }",
        "the line under a term may hold { aliases = [\"…\"], en = \"…\", pinyin = \"…\", related = [\"…\"] }",
    ),
    // Call scripts.
    ("script_empty", "这个话术是空的", "this call script is empty"),
    (
        "script_empty_hint",
        "把对话写成 `坐席：台词` 的形式，通话的每一步用一个标题开始：`## 开场 {#open}`",
        "write the dialogue as `坐席：台词` lines, and start each step of the call with a heading: `## 开场 {#open}`",
    ),
    ("script_choice_no_target", "这个分支选项没有写跳转目标", "branch choice has no target"),
    (
        "script_choice_no_target_hint",
        "在选项末尾写上它跳转到的节点：`- 我现在很忙。 -> #busy`",
        "end the choice with the node it leads to: `- 我现在很忙。 -> #busy`",
    ),
    ("script_no_choices", "分支 '{prompt}' 下面没有选项", "branch point '{prompt}' has no choices"),
    (
        "script_no_choices_hint",
        "在它下面列出客户可能的反应：`- 我现在很忙。 -> #busy`",
        "list the customer's reactions below it: `- 我现在很忙。 -> #busy`",
    ),
    ("script_unknown_role", "未知的角色 '{name}'", "unknown role '{name}'"),
    (
        "script_role_best",
        "是不是想写 '{best}'？这个话术的角色是 {roles}（在 front matter 中用 agent = \"…\" 和 customer = \"…\" 设置）",
        "did you mean '{best}'? this script's roles are {roles} (set agent = \"…\" and customer = \"…\" in the front matter)",
    ),
    (
        "script_role_hint",
        "这个话术的角色是 {roles}；其他角色请在 front matter 中用 agent = \"…\" 和 customer = \"…\" 命名，或者去掉句子开头的 `名字：`",
        "this script's roles are {roles}; name others with agent = \"…\" and customer = \"…\" in the front matter, or write the sentence without a leading `名字：`",
    ),
    ("script_duplicate_id", "节点 id '#{id}' 重复了", "duplicate node id '#{id}'"),
    (
        "script_duplicate_id_hint",
        "第 {line} 行的节点已经用了这个 id；给这个节点换一个 {#id}",
        "the id is already used by the node on line {line}; give this one another {#id}",
    ),
    ("script_theme_id", "节点 id '#{id}' 和页面布局用的 id 重名", "node id '#{id}' is also an id of the page layout"),
    (
        "script_theme_id_hint",
        "给节点换一个 id：`## {title} {#{id}-node}`",
        "give the node another id: `## {title} {#{id}-node}`",
    ),
    ("script_missing_node", "跳转到了不存在的节点 '#{id}'", "branch to a missing node '#{id}'"),
    ("script_nodes_best", "是不是想写 '#{best}'？节点有：{nodes}", "did you mean '#{best}'? nodes: {nodes}"),
    ("script_nodes", "节点有：{nodes}", "nodes: {nodes}"),
    ("script_unreachable", "从通话开始无法到达节点 '#{id}'", "node '#{id}' cannot be reached from the start of the call"),
    (
        "script_unreachable_hint",
        "加一个分支选项或一个通向这里的 `-> #{id}`，或者删掉这个节点",
        "add a branch choice or a `-> #{id}` that leads here, or remove the node",
    ),
    ("script_loop", "通话可能永远循环：{nodes} 都走不到结束", "the call can loop forever: {nodes} never lead to an end"),
    (
        "script_loop_hint",
        "给其中一个节点加一个选项，通向没有分支的节点（通话的结束）",
        "give one of these nodes a choice that leads to a node without branches (the end of the call)",
    ),
    // Links.
    ("link_what_image", "图片", "image"),
    ("link_what_link", "链接", "link"),
    ("link_outside", "{what} '{url}' 指向课程文件夹之外", "{what} '{url}' points outside the course folder"),
    ("link_outside_hint", "被链接的文件要放在 content/ 里", "keep linked files inside content/"),
    ("link_file_missing", "在 content/ 中找不到{what} '{target}'", "{what} '{target}' not found in content/"),
    (
        "link_file_missing_hint",
        "把文件放到 content/ 里，和页面放在一起，或者放在它下面的文件夹里",
        "put the file inside content/, next to the page or in a folder below it",
    ),
    ("link_no_folder", "链接 '{url}'：content/ 中没有文件夹 '{target}'", "link '{url}': no folder '{target}' in content/"),
    ("link_target_missing", "找不到链接目标 '{target}'", "link target '{target}' not found"),
    ("short_ambiguous", "[[{name}]] 有歧义：有 {n} 个页面都叫 '{name}'", "[[{name}]] is ambiguous: {n} pages are named '{name}'"),
    ("short_ambiguous_hint", "写出页面 id：{ids}", "write the page id: {ids}"),
    ("short_missing", "[[{name}]] 找不到页面 '{name}'", "no page '{name}' for [[{name}]]"),
    ("short_did_you_mean", "是不是想写 [[{best}]]？", "did you mean [[{best}]]?"),
    (
        "short_missing_hint",
        "写页面 id（它在 content/ 下的路径，不带 .md），例如 [[cases/东方饭店]]",
        "write a page id (its path under content/ without .md), e.g. [[cases/东方饭店]]",
    ),
    (
        "link_teacher_only",
        "学生能看到的页面链接到了仅教师可见的页面 '{id}'",
        "link to the teacher-only page '{id}' from a page students see",
    ),
    (
        "link_teacher_only_hint",
        "把链接放进 `> [!{callout}]` 块里，或者去掉那个页面的 `teacher_only = true`",
        "put the link inside a `> [!{callout}]` block, or drop `teacher_only = true` from that page",
    ),
    // Markdown.
    ("unsafe_link", "已删除不安全的链接 '{url}'", "unsafe link '{url}' removed"),
    (
        "unsafe_link_hint",
        "链接可以用 http:、https:、mailto:、tel:，或者课程中某个文件的路径",
        "links may use http:, https:, mailto:, tel: or a path to a file of the course",
    ),
    ("html_removed", "HTML 代码：已删除{what}", "raw HTML: removed {what}"),
    (
        "html_removed_hint",
        "HTML 代码只保留排版用的标签（<u>、<sup>、<details>、<img src>、<table> …）和安全的属性；其余的请用 Markdown 写，或者如果你信任每一位作者，在 course.toml 的 [markdown] 下写 raw_html = \"trust\"",
        "raw HTML keeps presentational tags (<u>, <sup>, <details>, <img src>, <table> …) and safe attributes; write the rest in Markdown, or set raw_html = \"trust\" under [markdown] if you trust every author",
    ),
    ("html_unfinished", "没有写完的 <{tag}> 标签", "unfinished <{tag}> tag"),
    ("html_with_content", "<{tag}> 及其内容", "<{tag}> with its content"),
    ("html_tag", " <{tag}>", "<{tag}>"),
    ("html_attribute", " <{tag}> 的属性 `{attr}`", "attribute `{attr}` of <{tag}>"),
    ("html_unsafe_url", " <{tag}> 的 `{attr}` 中不安全的网址", "unsafe URL in `{attr}` of <{tag}>"),
    ("html_stray_end", "没有开始标签的 </{tag}>", "</{tag}> without its start tag"),
    ("raw_html_shown", "HTML 代码会原样显示为文字", "raw HTML is shown as text"),
    (
        "raw_html_shown_hint",
        "用 Markdown 来写，或者在 course.toml 的 [markdown] 下写 `raw_html = \"sanitize\"`（保留安全的标签）或 `\"trust\"`",
        "write it in Markdown, or set `raw_html = \"sanitize\"` (safe tags kept) or `\"trust\"` under [markdown] in course.toml",
    ),
    ("math_not_rendered", "公式没有排版：{message}", "math not rendered: {message}"),
    (
        "math_not_rendered_hint",
        "TeX 原样显示；支持哪些写法见 README（Markdown → Math）",
        "the TeX is shown as written; see README (Markdown → Math) for what is supported",
    ),
    ("markdown_failed", "无法排版这个页面的 Markdown", "could not render this page's Markdown"),
    ("heading_id_taken", "标题 id '#{id}' 在本页已经用过了", "heading id '#{id}' is already taken on this page"),
    (
        "heading_id_taken_hint",
        "给这个标题换一个 `{#id}`；原来的标题保留自己的 id",
        "give the heading another `{#id}`; it keeps its own id",
    ),
    // Templates and rendering.
    ("template_not_utf8", "模板不是有效的 UTF-8", "template is not valid UTF-8"),
    ("template_error", "模板有错误：{error}", "template error: {error}"),
    ("template_syntax_hint", "修改模板中的 Tera 语法", "fix the template's Tera syntax"),
    (
        "template_names_hint",
        "检查模板中 {% extends %}、{% import %}、宏和块的名称",
        "check the templates' {% extends %}, {% import %}, macro and block names",
    ),
    ("template_failed", "模板 '{name}' 出错：{error}", "template '{name}' failed: {error}"),
    (
        "template_macro_hint",
        "检查宏的名称、参数和它读取的字段",
        "check the macro's name, arguments and the fields it reads",
    ),
    ("template_data", "无法准备模板数据：{error}", "cannot prepare template data: {error}"),
    ("template_vars_hint", "检查模板用到的变量和块", "check the variables and blocks the template uses"),
    // The print book (print.html) and `build --pdf`.
    (
        "print_no_article",
        "{n} 页没有收进 print.html：页面模板里没有 <article class=\"page\">",
        "{n} page(s) left out of print.html: their template has no <article class=\"page\">",
    ),
    (
        "print_no_article_hint",
        "主题的 base.html 要像内置主题那样，用 <article class=\"page\"> 包住页面自己的内容",
        "the theme's base.html must wrap a page's own content in <article class=\"page\">, as the built-in theme does",
    ),
    (
        "pdf_no_browser",
        "没有生成 course.pdf：找不到 Chromium 或 Chrome（{env} 没有指向浏览器程序，PATH 里也没有 {names}）",
        "course.pdf not written: Chromium or Chrome not found ({env} names no browser program, and PATH has none of {names})",
    ),
    (
        "pdf_no_browser_hint",
        "安装 Chromium（Debian/Ubuntu：sudo apt-get install chromium）或 Google Chrome，或把 {env} 设为浏览器程序的路径；网站已经生成，也可以在浏览器里打开 print.html 打印成 PDF",
        "install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or Google Chrome, or set {env} to the browser's program; the site was built, and print.html prints to PDF from any browser",
    ),
    ("pdf_failed", "没有生成 course.pdf：{browser} 打印失败：{why}", "course.pdf not written: {browser} failed to print: {why}"),
    (
        "pdf_failed_hint",
        "网站已经生成；在浏览器里打开 print.html 打印成 PDF，或检查浏览器能否以无界面模式运行（chromium --headless --version）",
        "the site was built; print print.html to PDF from a browser, or check that the browser runs headless (chromium --headless --version)",
    ),
    ("pdf_exit", "退出码 {code}：{stderr}", "exit code {code}: {stderr}"),
    ("pdf_timeout", "{seconds} 秒内没有完成，已停止", "it did not finish within {seconds} s and was stopped"),
    ("pdf_io", "无法运行：{error}", "cannot run it: {error}"),
    (
        "pdf_taken",
        "没有生成 course.pdf：content/ 里已经有同名文件会发布在同一位置",
        "course.pdf not written: a file of content/ is published at that path",
    ),
    ("pdf_taken_hint", "给 content/ 里的 course.pdf 改个名字", "rename the course.pdf in content/"),
    (
        "pdf_no_book",
        "没有生成 course.pdf：本课程没有全书打印页 print.html（超过 {max} 页的课程默认不生成）",
        "course.pdf not written: the course has no print.html (not made by default for a course of more than {max} pages)",
    ),
    ("pdf_no_book_hint", "在 course.toml 中加上 [print] book = true", "add [print] book = true to course.toml"),
    ("pdf_written", "coursesite：已生成 {path}（{size} KB）", "coursesite: wrote {path} ({size} KB)"),
    (
        "internal_markdown",
        "排版这个页面的 Markdown 时发生内部错误",
        "internal error while rendering this page's Markdown",
    ),
    (
        "internal_markdown_hint",
        "请把这个文件报告给 coursesite 的开发者；在此之前，请减少其中最深的嵌套",
        "please report this file to the coursesite developers; meanwhile simplify its deepest nesting",
    ),
    (
        "internal_slides",
        "生成这个页面的幻灯片时发生内部错误",
        "internal error while building this page's slide deck",
    ),
    (
        "internal_slides_hint",
        "请把这个文件报告给 coursesite 的开发者；在此之前，请在它的 front matter 中写 `slides = false`",
        "please report this file to the coursesite developers; meanwhile set `slides = false` in its front matter",
    ),
    (
        "internal_sidebar",
        "内部错误：无法组合侧边栏的条目",
        "internal error: the sidebar's items could not be put together",
    ),
    (
        "slide_too_full",
        "本页幻灯片的第 {number} 张内容太多，用最小的字号也放不下（约 {lines} 行，只能放 {room} 行）",
        "slide {number} of this page's deck is too full to fit even at the smallest text size (about {lines} lines, room for {room})",
    ),
    (
        "slide_too_full_hint",
        "用一行 `---` 或 `<!-- slides: break -->` 把它分开，把细节移到 `> [!{notes}]` 里，或者用 `<!-- slides: skip -->` 让某一块不上幻灯片",
        "split it with a `---` line or `<!-- slides: break -->`, move detail into `> [!{notes}]`, or keep a block off the slides with `<!-- slides: skip -->`",
    ),
    ("collision", "{n} 个文件会写到同一个 '{path}'：{names}", "{n} files would be written to '{path}': {names}"),
    (
        "collision_hint",
        "给其中一个改名，或者在它的 front matter 中写一个不同的 `slug`（只有大小写不同的文件名在 Windows 和 macOS 上会冲突）",
        "rename one of them, or give one a different `slug` in its front matter (names differing only in letter case collide on Windows and macOS)",
    ),
    ("anchor_missing", "在 '{page}' 中找不到锚点 '#{fragment}'", "anchor '#{fragment}' not found in '{page}'"),
    ("anchor_did_you_mean", "是不是想写 '#{best}'？", "did you mean '#{best}'?"),
    (
        "anchor_missing_hint",
        "锚点就是标题文字，空格换成 '-'，去掉标点；'{page}' 中有：{anchors}",
        "anchors are heading texts with spaces as '-' and punctuation removed; '{page}' has: {anchors}",
    ),
    ("anchor_no_headings", "没有标题", "no headings"),
    // Lint.
    ("lint_skip_kind", "[lint] skip_kinds：未知的页面类型 '{name}'", "[lint] skip_kinds: unknown page kind '{name}'"),
    (
        "lint_silence",
        "{hint}（不想看到这条提示：在 front matter 中写 `lint = false`，或者在 course.toml 的 [lint] 下写 `{check} = false`）",
        "{hint} (silence: `lint = false` in the front matter, or `{check} = false` under [lint] in course.toml)",
    ),
    ("lint_boilerplate", "下载网站附带的声明（{phrase}）", "download-site boilerplate ({phrase})"),
    (
        "lint_boilerplate_hint",
        "删掉这一行：它是文件从文档分享网站带来的，不是教学内容",
        "delete this line: it came with the file from a document-sharing site, not from the teaching material",
    ),
    ("lint_pinyin", "'{after}' 后面括号里有拼音：{reading}", "pinyin in parentheses after '{after}': {reading}"),
    (
        "lint_pinyin_hint",
        "删掉注音：它是转换下载文件时留下的杂质（如果读音重要，用注音标注或写进术语表）",
        "delete the reading: it is noise from a converted download (write ruby or a glossary entry if the reading matters)",
    ),
    ("lint_half_width", "中文里用了半角的 '{c}'", "half-width '{c}' inside Chinese text"),
    ("lint_half_width_n", "中文里用了半角的 '{c}'（这一行有 {n} 处）", "half-width '{c}' inside Chinese text ({n} on this line)"),
    ("lint_half_width_hint", "中文句子要用全角标点：{fixes}", "Chinese sentences take full-width punctuation: {fixes}"),
    ("lint_zh_course", "简体中文（zh-CN）课程", "a simplified (zh-CN) course"),
    ("lint_zh_page", "简体页面", "a simplified page"),
    ("lint_traditional", "{place}中出现了繁体字：{pairs}", "traditional characters in {place}: {pairs}"),
    (
        "lint_traditional_hint",
        "这段文字可能是从下载文件错误转换来的；请把它转成简体中文",
        "the text was probably converted badly from a download; convert it to simplified Chinese",
    ),
    ("lint_simplified", "繁体页面中出现了简体字：{pairs}", "simplified characters in a traditional page: {pairs}"),
    ("lint_simplified_hint", "把整个页面统一成简体或繁体", "convert the page to one script"),
    ("lint_more", "本页还有 {n} 行有同样的 {check} 问题", "{n} more lines with the same {check} problem on this page"),
    ("lint_more_hint", "用同样的方法修改上面那些", "fix the ones above the same way"),
    // import and export.
    ("import_no_files", "这个文件夹里没有 .docx 或 .pptx 文件", "no .docx or .pptx files in this folder"),
    ("import_failed", "无法导入：{detail}", "{detail}"),
    (
        "import_failed_hint",
        "import 读取 Word .docx 和 PowerPoint .pptx 文件（Office 2007 或更新版本）",
        "import reads Word .docx and PowerPoint .pptx files (Office 2007 or later)",
    ),
    (
        "office_exists",
        "文件已经存在，没有用 {source} 覆盖它",
        "file exists; not overwritten with {source}",
    ),
    (
        "office_exists_hint",
        "要替换它，加上 --force；如果它来自另一份文件（比如同一章节的另一份教案），先把它改名或移走",
        "to replace it, pass --force; if it came from a different file (another 教案 of the same chapter), rename or move it first",
    ),
    ("import_cannot_write", "无法写入：{error}；什么都没有导入", "cannot write: {error}; nothing was imported"),
    ("export_no_lessons", "没有可以导出的教案", "no lessons to export"),
    ("export_no_lessons_hint", "在课程文件夹中运行，或者加上 -C DIR", "run in a course folder, or pass -C DIR"),
    ("export_no_lesson", "没有教案 '{want}'", "no lesson '{want}'"),
    (
        "export_no_lesson_hint",
        "用页面 id（lessons/01-理解客户服务）、文件名（01-理解客户服务）或路径指定它",
        "name it by page id (lessons/01-理解客户服务), file stem (01-理解客户服务) or path",
    ),
    ("export_failed", "无法导出：{detail}", "{detail}"),
    // learning-platform packages (issue 22)
    ("package_no_quizzes", "课程里没有测验，无法导出题库", "the course has no quizzes to export as a question bank"),
    (
        "package_no_quizzes_hint",
        "测验是 content/quizzes/ 里的页面（或 kind = \"quiz\" 的页面），每道题是一个编号列表项",
        "a quiz is a page in content/quizzes/ (or with kind = \"quiz\"), each question a numbered list item",
    ),
    ("package_failed", "无法生成导出文件：{detail}", "cannot make the package: {detail}"),
    ("package_cannot_read", "无法读取 {path}：{error}", "cannot read {path}: {error}"),
    // export --scorm (issue 22)
    (
        "scorm_reserved_name",
        "站点里的 {path} 与 SCORM 包自己的文件（清单和模式文件）同名",
        "the site's {path} has the name of a file the SCORM package needs for itself (its manifest and schemas)",
    ),
    ("scorm_reserved_name_hint", "在 content/ 中给它改个名字，或者移到子文件夹里", "rename it in content/, or move it into a folder"),
    // office import (issue 21)
    ("import_fields_found", "  读入的字段：{names}", "  fields found: {names}"),
    ("import_fields_dropped", "  缺少或丢掉的：{names}", "  missing or dropped: {names}"),
    ("import_fields_complete", "  缺少或丢掉的：无", "  missing or dropped: none"),
    ("import_unlabelled_cells", "{n} 个没有已知标签的单元格", "{n} cell(s) without a known label"),
    (
        "import_summary_ignored",
        "文档属性中的说明“{text}”是生成它的程序写的，不是摘要：已忽略",
        "the document description “{text}” was written by the program that made the file, not a summary: ignored",
    ),
    (
        "import_renamed",
        "{first} 和 {second} 都会成为 {path}：后者已改名为 {renamed}",
        "{first} and {second} both map to {path}: the second is named {renamed}",
    ),
    ("import_deck_attached", "幻灯片已并入教案 {lesson}（课件：{title}）", "slides attached to the lesson {lesson} (deck: {title})"),
    (
        "import_deck_for_unknown",
        "--deck-for {want}：本次导入和 content/lessons/ 中都没有这个教案",
        "--deck-for {want}: no such lesson in this import or in content/lessons/",
    ),
    (
        "import_deck_for_unknown_hint",
        "写教案页面的路径（lessons/03-接待客户）或它的章节名称",
        "give the lesson page's path (lessons/03-接待客户) or its 章节名称",
    ),
    // Counting (the summary line). Chinese has one form for one and many.
    ("count_bare", "{n}", "{n}"),
    ("count_page_one", "{n} 页", "{n} page"),
    ("count_page_other", "{n} 页", "{n} pages"),
    ("count_file_one", "{n} 个文件", "{n} file"),
    ("count_file_other", "{n} 个文件", "{n} files"),
    ("count_index_one", "{n} 个索引页", "{n} generated index"),
    ("count_index_other", "{n} 个索引页", "{n} generated indexes"),
    ("count_asset_one", "{n} 个资源", "{n} asset"),
    ("count_asset_other", "{n} 个资源", "{n} assets"),
    ("count_error_one", "{n} 个错误", "{n} error"),
    ("count_error_other", "{n} 个错误", "{n} errors"),
    ("count_warning_one", "{n} 个警告", "{n} warning"),
    ("count_warning_other", "{n} 个警告", "{n} warnings"),
    ("count_lesson_one", "教案 {n}", "{n} lesson"),
    ("count_lesson_other", "教案 {n}", "{n} lessons"),
    ("count_case_one", "案例 {n}", "{n} case"),
    ("count_case_other", "案例 {n}", "{n} cases"),
    ("count_script_one", "话术 {n}", "{n} script"),
    ("count_script_other", "话术 {n}", "{n} scripts"),
    ("count_quiz_one", "测验 {n}", "{n} quiz"),
    ("count_quiz_other", "测验 {n}", "{n} quizzes"),
    ("count_glossary_one", "术语表 {n}", "{n} glossary"),
    ("count_glossary_other", "术语表 {n}", "{n} glossaries"),
    ("count_kind_page_one", "页面 {n}", "{n} page"),
    ("count_kind_page_other", "页面 {n}", "{n} pages"),
    // The summary line and notes of build and check.
    (
        "summary_ok",
        "coursesite：{verb} {pages}（{kinds}）+ {indexes} + {assets}{place}，用时 {ms} ms；{warnings}",
        "coursesite: {verb} {pages} ({kinds}) + {indexes} + {assets}{place} in {ms} ms; {warnings}",
    ),
    ("verb_built", "已生成", "built"),
    ("verb_checked", "已检查", "checked"),
    ("summary_into", "，输出到 {out}", " into {out}"),
    (
        "summary_cached",
        "{place}（使用构建缓存：重新生成 {rendered}，写入 {written}）",
        "{place} from the build cache ({rendered} rendered again, {written} written)",
    ),
    (
        "summary_failed",
        "coursesite：失败，{errors}、{warnings}，用时 {ms} ms{untouched}",
        "coursesite: failed with {errors}, {warnings} in {ms} ms{untouched}",
    ),
    ("summary_untouched", "；上一次的输出保持不变", "; the previous output was left untouched"),
    (
        "note_ignored_keys",
        "coursesite：提示：忽略了其他工具使用的 front matter 键：{keys}",
        "coursesite: note: ignored front-matter keys other tools read: {keys}",
    ),
    ("note_ignored_key", "{key}（{pages}）", "{key} ({pages})"),
    (
        "new_created",
        "coursesite：已在 {dir} 中创建 {files} 个文件；下一步：cd {dir} && coursesite build",
        "coursesite: created {files} files in {dir}; next: cd {dir} && coursesite build",
    ),
    ("office_created", "已创建 {path}（来自 {source}）", "created {path} (from {source})"),
    ("office_wrote", "已写入 {path}（来自 {source}）", "wrote {path} (from {source})"),
    ("office_cleaned", "  已清理：{change}", "  cleaned: {change}"),
    ("office_check", "  请检查：{note}", "  check: {note}"),
    ("nothing_written", "coursesite：什么都没有写入", "coursesite: nothing written"),
    (
        "fix_converted",
        "已转换 {file}（GB18030 → UTF-8）；原文件是 {backup}",
        "converted {file} (GB18030 → UTF-8); the original is {backup}",
    ),
    ("fix_left", "{file} 保持不变：已经是 UTF-8", "left {file} as it was: already UTF-8"),
    // serve's terminal lines.
    (
        "serve_exposed",
        "coursesite：警告：正在 {bind} 上提供服务——网络上的其他电脑也能看到课程",
        "coursesite: warning: serving on {bind} — other machines on the network can read the course",
    ),
    ("serve_serving", "coursesite：正在预览 {root}，地址 {url}（按 Ctrl-C 停止）", "coursesite: serving {root} at {url} (Ctrl-C to stop)"),
    ("serve_built", "coursesite：已生成 {n} 页，用时 {ms} ms{list}", "coursesite: built {n} page(s) in {ms} ms{list}"),
    ("serve_rebuilt", "coursesite：已重新生成 {n} 页，用时 {ms} ms{list}", "coursesite: rebuilt {n} page(s) in {ms} ms{list}"),
    ("serve_list", "：{names}", ": {names}"),
    ("serve_more", "{names}……还有 {n} 页", "{names}, … {n} more"),
    (
        "serve_failed_none",
        "coursesite：构建失败，用时 {ms} ms；还没有可以预览的正确版本——改正错误后保存",
        "coursesite: build failed in {ms} ms; there is no good version to serve yet — fix the errors and save",
    ),
    (
        "serve_failed_kept",
        "coursesite：构建失败，用时 {ms} ms；仍在预览上一个正确的版本",
        "coursesite: build failed in {ms} ms; still serving the last good version",
    ),
    ("serve_no_browser", "coursesite：无法打开浏览器；请访问 {url}", "coursesite: could not open a browser; visit {url}"),
    ("list_pair", "{before}、{item}", "{before}, {item}"),
    ("clean_dropped", "删掉了{what}：{line}", "dropped {what}: {line}"),
    ("clean_removed", "删掉了{what}", "removed {what}"),
    ("pptx_no_part", "演示文稿中列出的一张幻灯片没有内容部件；已跳过", "a slide listed in the deck has no part; skipped"),
    ("pptx_part_missing", "缺少幻灯片部件 {part}；已跳过", "slide part {part} is missing; skipped"),
    (
        "pptx_dialogue",
        "这个演示文稿是一段对话（{agent} / {customer}）：已导入为话术",
        "the deck is a dialogue ({agent} / {customer}): imported as a call script",
    ),
    (
        "docx_minutes_spread",
        "文档中有 {missing} 个步骤没有写分钟数：已把剩下的 {left} 分钟平均分给它们；请检查 [[steps]]",
        "the document gives no minutes for {missing} step(s): {left} minutes spread over them; check [[steps]]",
    ),
    (
        "docx_property_not_toml",
        "文档属性 coursesite 不是 TOML（{error}）；已忽略",
        "the coursesite document property is not TOML ({error}); ignored",
    ),
    (
        "docx_case_split",
        "案例“{title}”已拆分到 cases/{stem}.md，并从教案中链接过去",
        "case “{title}” split out into cases/{stem}.md and linked from the lesson",
    ),
    ("docx_form_missing", "教案表格中没有{name}：生成网站前请补上", "the form has no {name}: fill it in before building"),
    (
        "docx_image_missing",
        "在教案旁边找不到图片 {url}；保留为文字",
        "image {url} not found next to the lesson; left as text",
    ),
    ("clean_line", "第 {line} 行：{change}", "line {line}: {change}"),
    // Word and PowerPoint files.
    (
        "ooxml_old_format",
        "文件设了密码，或者是旧的 .doc/.ppt 格式；请另存为 .docx/.pptx",
        "password-protected or old .doc/.ppt format; save as .docx/.pptx",
    ),
    (
        "ooxml_not_zip",
        "不是 Word 或 PowerPoint 文件（.docx/.pptx）：它不是 zip 包",
        "not a Word or PowerPoint file (.docx/.pptx): it is not a zip package",
    ),
    (
        "ooxml_corrupt_zip",
        "文件已损坏：无法按 zip 包读取（{error}）",
        "corrupt file: cannot read it as a zip package ({error})",
    ),
    (
        "ooxml_password",
        "文件设了密码；请在 Office 中去掉密码后重新保存",
        "password-protected file; remove the password in Office and save again",
    ),
    ("ooxml_part_too_big", "部件 {name} 超过 {mb} MB", "part {name} is larger than {mb} MB"),
    ("ooxml_too_big", "文件解压后超过 {mb} MB", "package is larger than {mb} MB uncompressed"),
    ("ooxml_corrupt_part", "文件已损坏：部件 {name}：{error}", "corrupt file: part {name}: {error}"),
    ("ooxml_not_utf8", "文件已损坏：部件 {name} 不是 UTF-8 的 XML", "corrupt file: part {name} is not UTF-8 XML"),
    (
        "ooxml_not_office",
        "这是 zip 文件，但不是 Word 或 PowerPoint 文档（没有 word/document.xml 或 ppt/presentation.xml）",
        "a zip file, but not a Word or PowerPoint document (no word/document.xml or ppt/presentation.xml)",
    ),
    ("ooxml_no_part", "文件中没有 {part}", "no {part}"),
    // office export (issue 21)
    (
        "bad_period_minutes",
        "[lesson] period_minutes = {minutes} 不是学校常用的课时长度",
        "[lesson] period_minutes = {minutes} is not a class period schools use",
    ),
    (
        "bad_period_minutes_hint",
        "一学时写 40、45 或 50 分钟，例如 period_minutes = 45（默认）",
        "a class period is 40, 45 or 50 minutes, e.g. period_minutes = 45 (the default)",
    ),
    ("pptx_image_missing", "幻灯片上的图片 {url} 找不到，保留为文字", "picture {url} on a slide not found; kept as text"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated_with_the_same_placeholders() {
        let mut seen = std::collections::HashSet::new();
        for (k, zh, en) in MESSAGES {
            assert!(seen.insert(k), "duplicate key {k}");
            assert!(!zh.is_empty() && !en.is_empty(), "{k} lacks a language");
            assert_eq!(placeholders(zh), placeholders(en), "{k}: placeholders differ between zh-CN and en");
        }
    }

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        assert_eq!(fill("a {x} {#id} {% raw %} {y}", |n| (n == "x").then(|| "1".into())), "a 1 {#id} {% raw %} {y}");
        assert_eq!(fill("{", |_| None), "{");
        assert_eq!(fill("{x", |_| Some("v".into())), "{x");
        assert_eq!(placeholders("{b} {a} {#c} {a}"), ["a", "b"]);
    }

    #[test]
    fn a_message_survives_the_build_cache_as_data() {
        let m = msg!("navfile_missing", n = 2, file = "SUMMARY.md", pages = list(["a.md", "b.md"]));
        let nested = msg!("cache_not_saved", why = m);
        let bytes = postcard::to_stdvec(&nested).expect("encode");
        let back: Msg = postcard::from_bytes(&bytes).expect("decode");
        assert_eq!(back, nested);
        assert_eq!(
            back.render(Language::ZhCn),
            "构建缓存没有保存：有 2 个页面不在 SUMMARY.md 中，排在其中页面的后面：a.md、b.md"
        );
        assert_eq!(back.en(), "build cache not saved: 2 page(s) not in SUMMARY.md, listed after its pages: a.md, b.md");
    }

    #[test]
    fn a_file_system_error_is_explained_and_keeps_the_system_words() {
        let e = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied (os error 13)");
        let m = msg!("io_cannot_write", error = io_error(&e));
        assert_eq!(m.render(Language::ZhCn), "无法写入：没有权限（Permission denied (os error 13)）");
        assert_eq!(m.en(), "cannot write: Permission denied (os error 13)");
        assert_eq!(count(1, "page").en(), "1 page");
        assert_eq!(count(2, "page").en(), "2 pages");
        assert_eq!(count(2, "kind_lesson").render(Language::ZhCn), "教案 2");
        assert_eq!(count(3, "no such thing").en(), "3");
    }

    #[test]
    fn a_message_renders_in_either_language() {
        let m = msg!("sev_error");
        assert_eq!(m.render(Language::ZhCn), "错误：");
        assert_eq!(m.render(Language::En), "error: ");
        assert_eq!(msg!("no_such_key_anywhere").render(Language::En), "[?no_such_key_anywhere]");
        // A Latin name keeps its space before Chinese, a Chinese one none.
        let unknown = |place| msg!("toml_unknown_key", field = "x", what = Msg::new(place)).render(Language::ZhCn);
        assert_eq!(unknown("where_front_matter"), "front matter 中有未知的键 'x'");
        assert_eq!(unknown("where_glossary_term"), "术语条目中有未知的键 'x'");
        assert_eq!(render_arg(&list(["a", "b"]), Language::ZhCn), "a、b");
        assert_eq!(render_arg(&list(["a", "b"]), Language::En), "a, b");
    }
}
