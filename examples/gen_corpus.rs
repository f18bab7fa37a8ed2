//! A deterministic synthetic course for measuring and benchmarking coursesite:
//!
//!     cargo run --example gen_corpus -- N DIR [--seed S] [--terms T] [--mdbook]
//!
//! writes DIR/course.toml and DIR/content/ with N pages: 35 % lessons (教案, with
//! the full front matter), 35 % cases (company, 思考, 分析提示), 20 % call scripts
//! (branching node to node), 10 % self-check quizzes, plus a glossary of T terms
//! (default 500) with aliases. Pages are about 4 KB of Chinese,
//! with `##` headings, lists, glossary terms in the text and cross-links
//! (`[[cases/…]]`, lessons' `cases = [...]`). The same N and seed always give the
//! same bytes. With `--mdbook`, DIR/mdbook/ gets the same Markdown as an mdBook
//! (front matter removed, a SUMMARY.md listing every page) for side-by-side
//! benchmarks (scripts/bench.sh).
//!
//! The text is words drawn with a Zipf law from a vocabulary built out of the
//! 1,200 commonest characters of the sample course, so it compresses with gzip
//! about as real course text does (the sample's search index gzips to ~40 %; see
//! docs/search.md), not as a repeated paragraph would.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The sample course's commonest Han characters, most frequent first.
const CHARS: &[&str] = &[
    "的客户务服一是不要和理人需在度有个求业用了分时到来对同这提心上方中问为能以出说话意好解本后把次员企例接多通过就他目程买信",
    "法自得下会可课实么看做重工情待题成案学与最位定面们样听作常我什店关满项并你先动应层行生点电事经哪类机小感营回量也于让品四",
    "三五没里部进等家维地准再二大念表质还现每从见组合明间型性门认识价断产只少内语前别购确析标流或体发都开米考期种己而任态手子",
    "想主些请供清结厅及决处您按导新思当办观记向教反去几入步交受高正场倾基值售否容着诉口设息给真评改规调相站习示知力才被商比如",
    "很足顾往道之投技两专线论身年空讲打效键它特怎更使果注公训式建言系便其环件望住第写外优修据候饭永卖起取利赖东立由放适全送销",
    "天王台诚代却热化骤走句安完国格巧原日名形答所举范够持复则找达庆整直长谈选根超备西网堂潜访保忠象因节航吗师包归带者老管具快",
    "总单推留属声排序数境沟越张录份括预各费靠随段资路传称至差义楚查极察普觉加料低何退核照报易某座班运织握平告判换制帮货承又责",
    "错那区纳简队边然牌较争视号礼远马糖速南司含展收掌积指但参统条历周贵置美拿授难钱绝飞谁胎素音挑装卡良绪希气字仪弄已头餐计轮",
    "景施讨衡必转像硬软引诺失档负级短误角变鞋尔议读穿测消般眼终物缸该择友尊冰干检耐障柜笑介落团演源久顺续活竞强善斯此款宣车补",
    "酒光配沃玛围存培脚术述免水算权移双叫助阶洛秉余跟底坐房尺吃拒练月禁忌遇获互献钟词避近依半广询文旧滑绍山舒联限印貌席升百忘",
    "响坏连早太故共稳神贡十遍将逐临未画证础深针醒致促甚惯集六细泰既离挂赞熟抱无油市始愿树养绩况烦益典且固束背功姓呼释赛歉谢即",
    "验赢恰图乎停坚追填急微楼采概模试银政府额咨济社七刻添刚触遵替懂战布味食亲缺迅晰递斤轻另抓片约怨领诊卷占花许乐端众润充贺止",
    "岗际暗激征借首率拆馈缩涵阅究影切造弱慢守努假扣栏非悉构游今减仍架扮碍附驱措职笔链宽惠批控兴洁状喜虑渠露藏净跑订循显千捷冷",
    "孩锁茶须似色鉴列凭杂拉突儿碑疑颗旅映票欢迎独插精勤闭支暂麻媒监倒擦惊励兑命页护母累距救担宝版浏览静城划奶付迟夸令寄破折拖",
    "爱络纸异金尽愉元途防仅悄诿梯增薄码戏医符秒虚曼散犯姿稍编绕拟描详庭荐零协紧密趣辅隔纪忱尤龄偏摸忙执招局纠封午秘派铺压若磨",
    "混凡吸喝创乱缓仿休波衣策掉墙摆享左略袋菜群松冲氛严研除弯汇搜延旁脸板势秀唱桌脑窗夫洽饮士秤祝践偶督仁浅敞志搬讯胜材牢初吩",
    "咐烈廉英杆拨书牛巴淘猫旺灵史欧琢竟校漠淡疏章矩弥挖劳洗贴薪亮邀拜贯右尚睡隐杯季峰透万泼奔怕陪催园朋齐腰童她著兼截套伸敏潮",
    "省榜挤估宜缠彼畅八彻津曾串吵拍跳腔腻厨石院欠巾旦汗风灯李病刊华律宿铃吐耳抢聊玩歧纯辞恶嗯白扬漫寸频吧肯沉默摩瓶颈径北京井",
    "损稀奇剩谷末拼垄惰踪偿阿帝粉父盟匹腿奖屏壮谋槛剧涌荷矛盾壤谊朴赶厂纲倘坎饱财私挥科育毕碌智冻脏夏漂海焦忽滋皱眉殊播伴谨蹲",
    "居败徘徊委诵阐掏谓艺皮卫陌戒扰界辨染镜辩愁吆床垫熨绘浪患敬操框暴黑奏曲副殆呈馆尝碗凌沾泥胶佩戴爽昵沙俱审腹誉朝夕汽挽巩阵",
];

const VOCABULARY: usize = 6000;

/// xorshift64*: small, fast, the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Index in 0..n, small ones far more often (Zipf, s ≈ 1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
    }
}

struct Gen {
    rng: Rng,
    chars: Vec<char>,
    words: Vec<String>,
    terms: Vec<(String, String)>,
}

impl Gen {
    fn new(seed: u64, n_terms: usize) -> Gen {
        let chars: Vec<char> = CHARS.concat().chars().collect();
        let mut g = Gen { rng: Rng(seed.max(1)), chars, words: Vec::new(), terms: Vec::new() };
        let mut seen = std::collections::BTreeSet::new();
        while g.words.len() < VOCABULARY {
            let len = [1, 2, 2, 2, 2, 2, 3, 3, 4][g.rng.below(9)];
            let w: String = (0..len).map(|_| g.chars[g.rng.zipf(g.chars.len())]).collect();
            if seen.insert(w.clone()) {
                g.words.push(w);
            }
        }
        let mut names = std::collections::BTreeSet::new();
        while g.terms.len() < n_terms {
            let name = format!("{}{}", g.words[g.rng.below(2000)], g.words[g.rng.below(2000)]);
            let alias = format!("{}{}", g.words[g.rng.below(2000)], g.words[g.rng.below(2000)]);
            if name.chars().count() >= 3 && name != alias && names.insert(name.clone()) && names.insert(alias.clone()) {
                g.terms.push((name, alias));
            }
        }
        g
    }

    fn sentence(&mut self, extra: &[String]) -> String {
        let mut s = String::new();
        let n = 6 + self.rng.below(14);
        for i in 0..n {
            if !extra.is_empty() && self.rng.below(25) == 0 {
                s.push_str(&extra[self.rng.below(extra.len())]);
            } else if !self.terms.is_empty() && self.rng.below(30) == 0 {
                let t = self.rng.below(self.terms.len());
                let (name, alias) = &self.terms[t];
                s.push_str(if self.rng.below(3) == 0 { alias } else { name });
            } else {
                s.push_str(&self.words[self.rng.zipf(self.words.len())]);
            }
            if i + 1 < n && self.rng.below(6) == 0 {
                s.push(['，', '、', '，', '；'][self.rng.below(4)]);
            }
        }
        s.push(['。', '。', '。', '？', '！'][self.rng.below(5)]);
        s
    }

    fn paragraph(&mut self, bytes: usize, extra: &[String]) -> String {
        let mut p = String::new();
        while p.len() < bytes {
            p.push_str(&self.sentence(extra));
        }
        p
    }

    fn title(&mut self) -> String {
        (0..2 + self.rng.below(3)).map(|_| self.words[self.rng.zipf(800)].clone()).collect()
    }
}

const ORDINALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!("usage: gen_corpus N DIR [--seed S] [--terms T] [--mdbook]");
        std::process::exit(2)
    };
    let n: usize = args.first().and_then(|a| a.parse().ok()).filter(|&n| n > 0).unwrap_or_else(|| usage());
    let dir = PathBuf::from(args.get(1).unwrap_or_else(|| usage()));
    let seed = match args.iter().position(|a| a == "--seed") {
        Some(i) => args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or_else(|| usage()),
        None => 8,
    };
    let terms = match args.iter().position(|a| a == "--terms") {
        Some(i) => args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or_else(|| usage()),
        None => 500,
    };
    let mut result = generate(n, &dir, seed, terms);
    if result.is_ok() && args.iter().any(|a| a == "--mdbook") {
        result = mdbook(&dir);
    }
    if let Err(e) = result {
        eprintln!("gen_corpus: {e}");
        std::process::exit(1);
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

fn generate(n: usize, dir: &Path, seed: u64, n_terms: usize) -> std::io::Result<()> {
    let mut g = Gen::new(seed, n_terms.max(1));
    let lessons = (n * 7 / 20).max(1);
    let cases = (n * 7 / 20).max(1);
    let quizzes = n / 10;
    let scripts = n.saturating_sub(lessons + cases + quizzes);
    write(
        &dir.join("course.toml"),
        &format!(
            "title = \"生成的课程（{n} 页）\"\nlanguage = \"zh-CN\"\nnav = [\"lessons\", \"cases\", \"scripts\", \"quizzes\"]\n"
        ),
    )?;
    let content = dir.join("content");
    write(&content.join("index.md"), "# 生成的课程\n\n用于测量和基准测试的合成课程。\n")?;

    let case_titles: Vec<String> = (0..cases).map(|_| g.title()).collect();
    for (i, title) in case_titles.iter().enumerate() {
        let mut md = format!(
            "+++\ntitle = \"{title}\"\ncompany = \"{}公司\"\nsource = \"合成案例\"\nsummary = \"{}\"\n+++\n\n",
            g.title(),
            g.sentence(&[])
        );
        for _ in 0..4 {
            let _ = writeln!(md, "{}\n", g.paragraph(500, &[]));
        }
        let other = g.rng.below(cases);
        let _ = writeln!(md, "延伸阅读：[[cases/c{:04}]]。\n\n## 思考\n", other + 1);
        for q in 1..=3 {
            let _ = writeln!(md, "{q}. {}", g.sentence(&[]));
        }
        let _ = writeln!(md, "\n## 分析提示\n\n{}", g.paragraph(600, &[]));
        write(&content.join(format!("cases/c{:04}.md", i + 1)), &md)?;
    }

    for i in 0..lessons {
        let title = g.title();
        let used: Vec<String> = (0..2).map(|_| format!("\"cases/c{:04}\"", g.rng.below(cases) + 1)).collect();
        let mut used_unique = used.clone();
        used_unique.dedup();
        let list = |g: &mut Gen, k: usize| -> String {
            (0..k).map(|_| format!("\"{}\"", g.sentence(&[]))).collect::<Vec<_>>().join(", ")
        };
        let mut md = format!(
            "+++\nnumber = {}\nchapter = \"项目{} {title}\"\nhours = 2\ncontent = [{}]\nmethods = [\"讲授\", \"讨论\"]\nkey_points = [{}]\ndifficulties = [{}]\ncases = [{}]\nhomework = [{}]\n\n[objectives]\nknowledge = [{}]\nability = [{}]\n",
            i + 1,
            i + 1,
            list(&mut g, 2),
            list(&mut g, 2),
            list(&mut g, 1),
            used_unique.join(", "),
            list(&mut g, 1),
            list(&mut g, 2),
            list(&mut g, 2),
        );
        let steps = [("组织教学", 5), ("案例导入", 15), ("新课讲解", 50), ("归纳总结", 10), ("布置作业", 10)];
        for (name, minutes) in steps {
            let _ = write!(md, "\n[[steps]]\nname = \"{name}\"\nminutes = {minutes}\n");
        }
        md.push_str("+++\n\n");
        for (k, (name, _)) in steps.iter().enumerate() {
            let _ = writeln!(md, "## 步骤{} {name}\n", ORDINALS[k]);
            let links = vec![format!("[[{}]]", used[0].trim_matches('"'))];
            let _ = writeln!(md, "{}\n", g.paragraph(if k == 2 { 900 } else { 250 }, &links));
            if k == 2 {
                for _ in 0..3 {
                    let _ = writeln!(md, "- {}", g.sentence(&[]));
                }
                md.push('\n');
            }
        }
        write(&content.join(format!("lessons/{:04}.md", i + 1)), &md)?;
    }

    for i in 0..scripts {
        let mut md = format!("+++\ntitle = \"话术：{}\"\n+++\n\n", g.title());
        // Four nodes, each but the last branching on to the next or to the end,
        // so every node is reachable and the call always ends.
        for (k, ordinal) in ORDINALS[..4].iter().enumerate() {
            let _ = writeln!(
                md,
                "## 第{}轮 {{#r{}}}\n\n客户：{}\n\n客服：{}\n",
                ordinal,
                k + 1,
                g.paragraph(250, &[]),
                g.paragraph(500, &[])
            );
            if k < 3 {
                let _ =
                    writeln!(md, "? 客户的反应\n- {} -> #r{}\n- {} -> #r4\n", g.sentence(&[]), k + 2, g.sentence(&[]));
            }
        }
        write(&content.join(format!("scripts/s{:04}.md", i + 1)), &md)?;
    }

    for i in 0..quizzes {
        let mut md = format!(
            "+++\ntitle = \"自检：{}\"\n+++\n\n先作答，再检查答案。相关内容见 [[lessons/{:04}]]。\n\n",
            g.title(),
            i % lessons + 1
        );
        for q in 1..=12 {
            let mark = if g.rng.below(2) == 0 { "对" } else { "错" };
            let _ = writeln!(md, "{q}. {}（{mark}）\n   > 解析：{}", g.sentence(&[]), g.paragraph(150, &[]));
        }
        write(&content.join(format!("quizzes/q{:04}.md", i + 1)), &md)?;
    }

    let mut glossary = String::from("+++\ntitle = \"术语表\"\n+++\n\n");
    let terms = g.terms.clone();
    for (name, alias) in &terms {
        let _ = writeln!(glossary, "## {name}\n{{ aliases = [\"{alias}\"] }}\n\n{}\n", g.paragraph(150, &[]));
    }
    write(&content.join("glossary.md"), &glossary)?;
    Ok(())
}

/// The same Markdown as an mdBook: DIR/mdbook/book.toml, src/SUMMARY.md (every
/// page, by section) and the pages without their front matter.
fn mdbook(dir: &Path) -> std::io::Result<()> {
    let book = dir.join("mdbook");
    let src = book.join("src");
    let _ = std::fs::remove_dir_all(&book);
    write(&book.join("book.toml"), "[book]\ntitle = \"generated\"\nlanguage = \"zh\"\n\n[output.html]\n")?;
    let content = dir.join("content");
    let mut summary = String::from("# Summary\n\n");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![content.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files {
        let rel = path.strip_prefix(&content).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&path)?;
        let body = match text.strip_prefix("+++\n").and_then(|rest| rest.split_once("\n+++\n")) {
            Some((_, body)) => body.to_string(),
            None => text,
        };
        let title = body.lines().find_map(|l| l.strip_prefix("# ")).unwrap_or(&rel).to_string();
        let _ = writeln!(summary, "- [{}]({rel})", title.replace(['[', ']'], ""));
        write(&src.join(&rel), &body)?;
    }
    write(&src.join("SUMMARY.md"), &summary)
}
