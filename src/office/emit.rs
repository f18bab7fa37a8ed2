//! The Markdown writer shared by both importers: a flat list of [`Block`]s
//! (what Word paragraphs and PowerPoint shapes map to) becomes the page body,
//! and the 教案 fields become TOML front matter in the form's order.

use std::fmt::Write as _;

/// One block of a page as the importers see it.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, String),
    /// Inline Markdown, already escaped.
    Para(String),
    /// A list item; consecutive items form one list, `level` 0 is the outermost.
    Item {
        level: usize,
        marker: Marker,
        text: String,
    },
    /// Rows of cells (inline Markdown); the first row is the header.
    Table(Vec<Vec<String>>),
    /// Written as it is: HTML comments, fenced code, footnote definitions.
    Raw(String),
    /// `---`: a slide break.
    Break,
    /// A block quote (`> …`); a callout when the first paragraph is `[!kind] title`.
    Quote(Vec<Block>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Bullet(char),
    Ordered,
    Task(bool),
}

/// The body: blocks separated by blank lines, list items kept together.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    // Content width of the open items per level, for nesting and numbering.
    let mut widths: Vec<usize> = Vec::new();
    let mut numbers: Vec<usize> = Vec::new();
    let mut prev_item = false;
    for block in blocks {
        let is_item = matches!(block, Block::Item { .. });
        if !(out.is_empty() || is_item && prev_item) {
            out.push('\n');
        }
        if !is_item {
            widths.clear();
            numbers.clear();
        }
        prev_item = is_item;
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {}", "#".repeat((*level).clamp(1, 6) as usize), text);
            }
            Block::Para(text) => {
                out.push_str(text.trim_end());
                out.push('\n');
            }
            Block::Item { level, marker, text } => {
                let level = (*level).min(widths.len());
                widths.truncate(level);
                numbers.truncate(level + 1);
                if numbers.len() <= level {
                    numbers.push(0);
                }
                numbers[level] += 1;
                let indent: usize = widths.iter().sum();
                let mark = match marker {
                    Marker::Bullet(c) => format!("{c} "),
                    Marker::Ordered => format!("{}. ", numbers[level]),
                    Marker::Task(done) => format!("- [{}] ", if *done { 'x' } else { ' ' }),
                };
                let width = match marker {
                    Marker::Task(_) => 2,
                    _ => mark.chars().count(),
                };
                let _ = writeln!(out, "{}{mark}{}", " ".repeat(indent), text.trim());
                widths.push(width);
            }
            Block::Table(rows) => out.push_str(&table(rows)),
            Block::Raw(text) => {
                out.push_str(text.trim_end());
                out.push('\n');
            }
            Block::Break => out.push_str("---\n"),
            Block::Quote(inner) => {
                // `> [!思考]` and the callout's first paragraph sit on adjacent lines.
                let text = match inner.split_first() {
                    Some((Block::Para(m), rest))
                        if m.starts_with("[!") && matches!(rest.first(), Some(Block::Para(_) | Block::Item { .. })) =>
                    {
                        format!("{m}\n{}", markdown(rest))
                    }
                    _ => markdown(inner),
                };
                for line in text.lines() {
                    if line.is_empty() {
                        out.push_str(">\n");
                    } else {
                        let _ = writeln!(out, "> {line}");
                    }
                }
            }
        }
    }
    out
}

fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..cols {
            let cell = row.get(c).map_or("", |s| s.as_str());
            let _ = write!(out, " {} |", cell.replace('|', "\\|").replace('\n', " "));
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(cols));
            out.push('\n');
        }
    }
    out
}

/// Escape text from a Word run or a slide so Markdown shows it as written.
/// `[` and `]` are left alone: `[[wiki links]]` in an exported lesson must come
/// back as links, and a lone bracket is harmless in Markdown.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        match c {
            '\\' | '*' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '_' if i == 0 || !chars[i - 1].is_alphanumeric() || !next.is_alphanumeric() => out.push_str("\\_"),
            '<' if next.is_ascii_alphabetic() || "/!?".contains(next) => out.push_str("\\<"),
            _ => out.push(c),
        }
    }
    out
}

/// A paragraph's text must not turn into a heading, quote or list by accident.
pub fn guard_line_start(text: &str) -> String {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &t[digits..];
    let risky = t.starts_with('#')
        || t.starts_with('>')
        || t.starts_with("- ")
        || t.starts_with("+ ")
        || t.starts_with("---")
        || t.starts_with("===")
        || (digits > 0 && digits < 10 && (after_digits.starts_with(". ") || after_digits.starts_with(") ")));
    if !risky {
        return t.to_string();
    }
    if digits > 0 {
        format!("{}\\{}", &t[..digits], &t[digits..])
    } else {
        format!("\\{t}")
    }
}

/// A TOML string literal.
pub fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

pub fn toml_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// A TOML value on one line (tables inline).
pub fn toml_inline(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(t) => {
            let parts: Vec<String> = t.iter().map(|(k, v)| format!("{} = {}", toml_key(k), toml_inline(v))).collect();
            format!("{{ {} }}", parts.join(", "))
        }
        toml::Value::Array(a) => format!("[{}]", a.iter().map(toml_inline).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

pub fn toml_key(k: &str) -> String {
    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        k.to_string()
    } else {
        toml_str(k)
    }
}

/// A 教案's front matter, in the form's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LessonFront {
    pub title: String,
    pub number: Option<u32>,
    pub chapter: String,
    pub hours: Option<u32>,
    pub summary: Option<String>,
    pub content: Vec<String>,
    pub methods: Vec<String>,
    pub key_points: Vec<String>,
    pub difficulties: Vec<String>,
    pub deck: Option<String>,
    pub cases: Vec<String>,
    pub homework: Vec<String>,
    pub knowledge: Vec<String>,
    pub ability: Vec<String>,
    pub steps: Vec<(String, u32)>,
    /// 课程名称, 授课教师, 授课班级, 授课时间: rows some departments' forms have.
    pub course: Option<String>,
    pub teacher: Option<String>,
    pub class: Option<String>,
    pub taught: Option<String>,
    /// Keys the form has no field for (weight, slug, teacher_only …), carried
    /// through an exported .docx in a custom document property.
    pub extra: toml::Table,
}

impl LessonFront {
    pub fn to_toml(&self) -> String {
        let mut out = String::from("+++\n");
        let mut line = |k: &str, v: String| {
            let _ = writeln!(out, "{k} = {v}");
        };
        line("title", toml_str(&self.title));
        if let Some(n) = self.number {
            line("number", n.to_string());
        }
        line("chapter", toml_str(&self.chapter));
        if let Some(h) = self.hours {
            line("hours", h.to_string());
        }
        if let Some(s) = &self.summary {
            line("summary", toml_str(s));
        }
        for (k, v) in
            [("course", &self.course), ("teacher", &self.teacher), ("class", &self.class), ("taught", &self.taught)]
        {
            if let Some(v) = v {
                line(k, toml_str(v));
            }
        }
        for (k, v) in [("content", &self.content), ("methods", &self.methods), ("key_points", &self.key_points)] {
            if !v.is_empty() {
                line(k, toml_list(v));
            }
        }
        if !self.difficulties.is_empty() {
            line("difficulties", toml_list(&self.difficulties));
        }
        if let Some(d) = &self.deck {
            line("deck", toml_str(d));
        }
        for (k, v) in [("cases", &self.cases), ("homework", &self.homework)] {
            if !v.is_empty() {
                line(k, toml_list(v));
            }
        }
        for (k, v) in &self.extra {
            line(&toml_key(k), toml_inline(v));
        }
        out.push_str("\n[objectives]\n");
        let _ = writeln!(out, "knowledge = {}", toml_list(&self.knowledge));
        let _ = writeln!(out, "ability = {}", toml_list(&self.ability));
        for (name, minutes) in &self.steps {
            let _ = write!(out, "\n[[steps]]\nname = {}\nminutes = {minutes}\n", toml_str(name));
        }
        out.push_str("+++\n");
        out
    }
}

/// Front matter of a simple page: `title` plus string keys, in the given order.
pub fn simple_front(pairs: &[(&str, &str)], lists: &[(&str, &[String])]) -> String {
    let mut out = String::from("+++\n");
    for (k, v) in pairs {
        let _ = writeln!(out, "{k} = {}", toml_str(v));
    }
    for (k, v) in lists {
        if !v.is_empty() {
            let _ = writeln!(out, "{k} = {}", toml_list(v));
        }
    }
    out.push_str("+++\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_lists_and_numbering() {
        let item = |level, marker, text: &str| Block::Item { level, marker, text: text.into() };
        let md = markdown(&[
            Block::Para("导语".into()),
            item(0, Marker::Ordered, "一"),
            item(1, Marker::Bullet('-'), "甲"),
            item(1, Marker::Bullet('-'), "乙"),
            item(0, Marker::Ordered, "二"),
            item(0, Marker::Task(false), "任务"),
        ]);
        assert_eq!(md, "导语\n\n1. 一\n   - 甲\n   - 乙\n2. 二\n- [ ] 任务\n");
    }

    #[test]
    fn tables_quotes_and_escapes() {
        let md = markdown(&[
            Block::Table(vec![vec!["类型".into(), "说明".into()], vec!["a|b".into(), "c".into()]]),
            Block::Quote(vec![Block::Para("[!思考]".into()), Block::Para("为什么？".into())]),
        ]);
        assert_eq!(md, "| 类型 | 说明 |\n| --- | --- |\n| a\\|b | c |\n\n> [!思考]\n> 为什么？\n");
        assert_eq!(escape("a*b <div> snake_case _x_ [[链接]]"), "a\\*b \\<div> snake_case \\_x\\_ [[链接]]");
        assert_eq!(guard_line_start("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(guard_line_start("# 不是标题"), "\\# 不是标题");
    }

    #[test]
    fn lesson_front_parses_back() {
        let f = LessonFront {
            title: "项目一".into(),
            number: Some(1),
            chapter: "项目一".into(),
            hours: Some(2),
            content: vec!["内容".into()],
            methods: vec!["讲授".into()],
            knowledge: vec!["k \"引号\"".into()],
            ability: vec!["a".into()],
            steps: vec![("组织教学".into(), 90)],
            extra: toml::from_str("weight = 3\nslides = { split = \"hr\" }").unwrap(),
            ..LessonFront::default()
        };
        let text = f.to_toml() + "正文\n";
        let parsed = crate::load::frontmatter::parse(&text, std::path::Path::new("a.md")).unwrap();
        assert_eq!(parsed.front.number, Some(1));
        assert_eq!(parsed.front.weight, Some(3));
        assert_eq!(parsed.front.objectives.unwrap().knowledge, vec!["k \"引号\""]);
        assert_eq!(parsed.front.steps[0].minutes, 90);
    }
}
