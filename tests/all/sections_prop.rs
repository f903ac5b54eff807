//! Property: a document generated from a random valid hierarchy — a random style per
//! level, random depth and breadth, running text between headings, headings alone on
//! their line or running on into their paragraph — parses back to exactly that tree.

use proptest::prelude::*;
use zhengce::{Section, SectionStyle};

/// A generated section: heading word index, run-in or alone, children.
#[derive(Debug, Clone)]
struct Node {
    word: usize,
    run_in: bool,
    body: bool,
    children: Vec<Node>,
}

const WORDS: &[&str] = &[
    "加强组织领导",
    "推进产业发展",
    "完善体制机制",
    "强化资金保障",
    "优化营商环境",
    "提升服务质量",
    "深化改革创新",
];

const TEXT: &[&str] = &[
    "各单位要高度重视,认真抓好落实。",
    "到2025年,全区覆盖率达到100%,新增企业1.2万家。",
    "建立健全工作机制,形成工作合力。",
];

const STYLES: &[SectionStyle] = &[
    SectionStyle::Part,
    SectionStyle::Chapter,
    SectionStyle::Section,
    SectionStyle::Article,
    SectionStyle::ChineseDun,
    SectionStyle::ParenChinese,
    SectionStyle::ArabicDot,
    SectionStyle::ArabicDun,
    SectionStyle::ParenArabic,
    SectionStyle::Circled,
];

fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        _ => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
    }
}

fn marker(style: SectionStyle, n: u32, variant: bool) -> String {
    match style {
        SectionStyle::Part => format!("第{}部分 ", chinese(n)),
        SectionStyle::Chapter => format!("第{}章 ", chinese(n)),
        SectionStyle::Section => format!("第{}节 ", chinese(n)),
        SectionStyle::Article => format!("第{}条 ", chinese(n)),
        SectionStyle::ChineseDun => format!("{}、", chinese(n)),
        SectionStyle::ParenChinese if variant => format!("（{}）", chinese(n)),
        SectionStyle::ParenChinese => format!("({})", chinese(n)),
        SectionStyle::ArabicDot if variant => format!("{n}．"),
        SectionStyle::ArabicDot => format!("{n}."),
        SectionStyle::ArabicDun => format!("{n}、"),
        SectionStyle::ParenArabic if variant => format!("（{n}）"),
        SectionStyle::ParenArabic => format!("({n})"),
        SectionStyle::Circled => char::from_u32(0x2460 + n - 1).unwrap().to_string(),
        _ => unreachable!("not generated"),
    }
}

fn node(depth: u32) -> BoxedStrategy<Node> {
    let leaf =
        (0..WORDS.len(), any::<bool>(), any::<bool>()).prop_map(|(word, run_in, body)| Node {
            word,
            run_in,
            body,
            children: Vec::new(),
        });
    if depth == 0 {
        return leaf.boxed();
    }
    (
        0..WORDS.len(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(node(depth - 1), 0..4),
    )
        .prop_map(|(word, run_in, body, children)| Node {
            word,
            run_in,
            body,
            children,
        })
        .boxed()
}

fn write(nodes: &[Node], level: usize, styles: &[SectionStyle], variant: bool, out: &mut String) {
    for (i, n) in nodes.iter().enumerate() {
        let style = styles[level];
        let heading = WORDS[n.word];
        let text = TEXT[n.word % TEXT.len()];
        out.push_str(&marker(style, i as u32 + 1, variant));
        out.push_str(heading);
        if n.run_in {
            out.push('。');
            out.push_str(text);
        }
        out.push('\n');
        if n.body {
            out.push_str(text);
            out.push_str("\n\n");
        }
        write(&n.children, level + 1, styles, variant, out);
    }
}

fn expected(
    nodes: &[Node],
    level: usize,
    styles: &[SectionStyle],
    out: &mut Vec<(usize, SectionStyle, u32, String)>,
) {
    for (i, n) in nodes.iter().enumerate() {
        out.push((
            level + 1,
            styles[level],
            i as u32 + 1,
            WORDS[n.word].to_string(),
        ));
        expected(&n.children, level + 1, styles, out);
    }
}

fn flatten(sections: &[Section], out: &mut Vec<(usize, SectionStyle, u32, String)>) {
    for s in sections {
        out.push((s.level as usize, s.style, s.ordinal, s.heading.clone()));
        flatten(&s.children, out);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_hierarchies_round_trip(
        roots in prop::collection::vec(node(3), 1..5),
        styles in Just(STYLES.to_vec()).prop_shuffle(),
        variant in any::<bool>(),
    ) {
        let styles = &styles[..4];
        let mut doc_text = String::from("关于推进工作的实施方案\n\n为推进工作,制定本方案。\n\n");
        write(&roots, 0, styles, variant, &mut doc_text);
        let doc = zhengce::parse_text(&doc_text);
        let mut want = Vec::new();
        expected(&roots, 0, styles, &mut want);
        let mut got = Vec::new();
        flatten(&doc.sections, &mut got);
        prop_assert_eq!(got, want, "the tree read back is the tree written:\n{}", doc_text);
        let numbering: Vec<&str> = doc
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .filter(|c| c.starts_with("heading"))
            .collect();
        prop_assert!(numbering.is_empty(), "a valid numbering gives no diagnostics: {:?}", numbering);
    }
}

fn check_nesting(
    sections: &[Section],
    outer: zhengce::Span,
    len: usize,
) -> Result<(), TestCaseError> {
    let mut prev_end = outer.start;
    for s in sections {
        prop_assert!(
            s.span.start <= s.span.end && s.span.end <= len,
            "span inside the text"
        );
        prop_assert!(outer.contains(s.span), "a child lies inside its parent");
        prop_assert!(s.span.start >= prev_end, "siblings do not overlap");
        prev_end = s.span.end;
        check_nesting(&s.children, s.span, len)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_gives_a_well_nested_tree(
        lines in prop::collection::vec(
            prop::sample::select(vec![
                "一、", "(一)", "（二）", "1.", "2、", "(3)", "①", "第一章 ", "第二条", "附件1", "附件:1.",
                ")", "()", "一是", "。二是", "2023年9月4日", "1.2万亿元", "加强管理", "。", ":", "**", "#",
                "二〇二三", "十", "九十九", "", " ",
            ]),
            0..40,
        ),
        breaks in prop::collection::vec(any::<bool>(), 40),
    ) {
        let mut text = String::new();
        for (i, piece) in lines.iter().enumerate() {
            text.push_str(piece);
            if breaks[i] {
                text.push('\n');
            }
        }
        let doc = zhengce::parse_text(&text);
        check_nesting(&doc.sections, zhengce::Span::new(0, text.len()), text.len())?;
    }
}
