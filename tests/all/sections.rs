//! The section hierarchy on the seed documents and on small realistic fixtures.

use zhengce::{parse, Document, Section, SectionStyle};

fn parse_file(path: &str) -> Document {
    let bytes = std::fs::read(path).unwrap();
    parse(&bytes).unwrap()
}

fn flatten(sections: &[Section], out: &mut Vec<(u32, SectionStyle, u32, String)>) {
    for s in sections {
        out.push((s.level, s.style, s.ordinal, s.heading.clone()));
        flatten(&s.children, out);
    }
}

fn all(doc: &Document) -> Vec<(u32, SectionStyle, u32, String)> {
    let mut out = Vec::new();
    flatten(&doc.sections, &mut out);
    out
}

fn codes(doc: &Document, prefix: &str) -> Vec<String> {
    doc.diagnostics
        .iter()
        .filter(|d| d.code.starts_with(prefix))
        .map(|d| d.code.clone())
        .collect()
}

#[test]
fn seed_002_runs_its_items_on_across_26_departments() {
    let doc = parse_file("fixtures/seeds/002_eae023f0dca5f179.txt");
    assert_eq!(doc.sections.len(), 1, "one part: the attachment");
    let label = &doc.sections[0];
    assert_eq!(
        label.style,
        SectionStyle::Attachment,
        "the leading 附件1 label heads the attachment the text is"
    );
    let top = &label.children;
    assert_eq!(top.len(), 26, "the attachment's 26 一、 sections");
    assert!(
        top.iter().all(|s| s.style == SectionStyle::ChineseDun),
        "its sections are the 一、 level"
    );
    let items: Vec<u32> = top
        .iter()
        .flat_map(|s| s.children.iter().map(|c| c.ordinal))
        .collect();
    assert_eq!(
        items,
        (1..=66).collect::<Vec<u32>>(),
        "items (一)…(六十六) run on in order"
    );
    assert!(
        codes(&doc, "heading").is_empty(),
        "running numbering is not a gap: {:?}",
        codes(&doc, "heading")
    );
    let first = &top[0].children[0];
    assert_eq!(
        first.heading, "组织2020年“质量月”活动启动仪式",
        "a run-in heading stops at 。"
    );
    assert!(
        first.text.starts_with("举办“质量月”现场活动"),
        "the rest of the paragraph is text"
    );
    assert_eq!(
        top[1].children[0].path, "附件1.2.24",
        "paths use the printed ordinals"
    );
}

#[test]
fn seed_003_has_seven_sections_with_items_under_the_right_parents() {
    let doc = parse_file("fixtures/seeds/003_b4600086fd213c1b.txt");
    assert_eq!(doc.sections.len(), 7, "seven 一、 sections");
    let counts: Vec<usize> = doc.sections.iter().map(|s| s.children.len()).collect();
    assert_eq!(
        counts,
        vec![0, 5, 3, 3, 4, 5, 4],
        "(一)…(二十四) under the right parents"
    );
    let last = doc.sections.last().unwrap().children.last().unwrap();
    assert_eq!(
        (last.ordinal, last.heading.as_str()),
        (24, "强化示范引领"),
        "the last item is (二十四)"
    );
    assert!(
        last.children.is_empty(),
        "the site's ① disclaimer is not part of the document"
    );
}

#[test]
fn seed_001_recovers_the_three_lost_markers() {
    let doc = parse_file("fixtures/seeds/001_f9e7f05a16ad2899.txt");
    let four = doc.sections.iter().find(|s| s.ordinal == 4).unwrap();
    let ords: Vec<u32> = four.children.iter().map(|c| c.ordinal).collect();
    assert_eq!(
        ords,
        vec![1, 2, 3, 4],
        "\")高质量完成\" and the next two are (二)…(四)"
    );
    assert_eq!(
        four.children[1].heading, "高质量完成2020年滨海新区质量攻关活动",
        "the heading is kept"
    );
    assert_eq!(
        codes(&doc, "heading_marker_repaired").len(),
        3,
        "each repair is flagged"
    );
}

#[test]
fn seed_004_recovers_the_two_empty_parentheses() {
    let doc = parse_file("fixtures/seeds/004_2b27367e13f698ba.txt");
    let top = doc
        .sections
        .iter()
        .filter(|s| s.style == SectionStyle::ChineseDun)
        .count();
    assert_eq!(top, 5, "five 一、 sections");
    let five = &doc.sections[4];
    let items: Vec<(u32, &str)> = five
        .children
        .iter()
        .map(|c| (c.ordinal, c.heading.as_str()))
        .collect();
    assert_eq!(
        items[..2],
        [(1, "高度重视,精心组织"), (2, "积极动员,广泛参与")],
        "\"()\" items are read as (一) and (二) from the (三) that follows"
    );
    assert_eq!(
        codes(&doc, "heading_marker_repaired").len(),
        2,
        "both repairs are flagged"
    );
    assert!(
        codes(&doc, "heading_gap").is_empty(),
        "(一)…(十三) under 四、 are complete: no gap reported"
    );
}

#[test]
fn a_regulation_nests_items_inside_articles_inside_chapters() {
    let doc = parse_file("fixtures/cases/sections_regulation.txt");
    let styles: Vec<SectionStyle> = doc.sections.iter().map(|s| s.style).collect();
    assert_eq!(
        styles,
        vec![SectionStyle::Chapter; 3],
        "three chapters at the top"
    );
    assert_eq!(doc.sections[0].heading, "总则", "chapter heading");
    let art3 = &doc.sections[0].children[2];
    assert_eq!(
        (art3.style, art3.ordinal),
        (SectionStyle::Article, 3),
        "第三条"
    );
    assert_eq!(art3.children.len(), 3, "(一)…(三) are items of 第三条");
    assert_eq!(
        art3.children[0].heading, "统筹规划、合理布局",
        "item heading without its ;"
    );
    assert_eq!(art3.children[0].path, "1.3.1", "dotted path");
    let flat = all(&doc);
    assert_eq!(
        flat.iter().filter(|h| h.1 == SectionStyle::Article).count(),
        6,
        "\"第九条修改为\" is a reference, not an article"
    );
    assert!(
        codes(&doc, "heading").is_empty(),
        "no spurious numbering diagnostics"
    );
}

#[test]
fn a_plan_uses_all_four_gbt_9704_levels() {
    let doc = parse_file("fixtures/cases/sections_four_levels.txt");
    assert_eq!(doc.sections.len(), 3, "三 一、 sections");
    let task = &doc.sections[1].children[0];
    assert_eq!(task.heading, "夯实数字基础设施", "(一) heading");
    assert_eq!(
        task.text, "加快5G网络建设,推进千兆光网覆盖。",
        "own text without children"
    );
    let net = &task.children[0];
    assert_eq!(
        (net.style, net.level),
        (SectionStyle::ArabicDot, 3),
        "1. is level 3"
    );
    assert_eq!(net.children.len(), 2, "(1) (2) under 1.");
    assert_eq!(net.children[1].path, "2.1.1.2", "level-4 path");
    let shi = &doc.sections[1].children[1].children[0].children;
    let shi: Vec<(SectionStyle, u32)> = shi.iter().map(|s| (s.style, s.ordinal)).collect();
    assert_eq!(
        shi,
        vec![(SectionStyle::EnumShi, 1), (SectionStyle::EnumShi, 2)],
        "一是/二是 items"
    );
    let last = doc.sections.last().unwrap();
    let sig = doc.sections.last().unwrap().span;
    let text = std::fs::read_to_string("fixtures/cases/sections_four_levels.txt").unwrap();
    assert!(
        !text[sig.start..sig.end].contains("2024年3月1日"),
        "the last section stops before the signature date ({})",
        last.heading
    );
}

#[test]
fn circled_items_nest_under_arabic_items() {
    let doc = parse_file("fixtures/cases/sections_circled.txt");
    let item = &doc.sections[0].children[0];
    let circled: Vec<(SectionStyle, u32)> =
        item.children.iter().map(|c| (c.style, c.ordinal)).collect();
    assert_eq!(
        circled,
        vec![
            (SectionStyle::Circled, 1),
            (SectionStyle::Circled, 2),
            (SectionStyle::Circled, 3)
        ],
        "① ② ③ under 1."
    );
    assert_eq!(
        doc.sections[0].children[1].ordinal, 2,
        "2. closes the circled list"
    );
}

#[test]
fn a_document_may_start_at_paren_items() {
    let doc = parse_file("fixtures/cases/sections_paren_first.txt");
    let top: Vec<(SectionStyle, u32)> = doc.sections.iter().map(|s| (s.style, s.ordinal)).collect();
    assert_eq!(
        top,
        vec![
            (SectionStyle::ParenChinese, 1),
            (SectionStyle::ParenChinese, 2),
            (SectionStyle::ParenChinese, 3)
        ],
        "(一) is the top level when the document has no 一、"
    );
    assert_eq!(
        doc.sections[0].level, 1,
        "level counts in this document's own tree"
    );
    assert_eq!(doc.sections[1].children.len(), 2, "1. 2. under (二)");
    assert_eq!(
        doc.sections[2].text, "严格落实安全生产责任。",
        "the last section stops before 特此通知"
    );
}

#[test]
fn not_headings_numbers_dates_and_inline_enumerations() {
    let doc = zhengce::parse_text(
        "一、总体目标\n1.2万亿元的投资已经到位。\n2023年9月4日\n主要有三个方面:一是加强监管;二是优化服务。\n",
    );
    assert_eq!(
        all(&doc).len(),
        1,
        "only 一、 is a heading: {:?}",
        all(&doc)
    );
}

#[test]
fn an_attachment_after_the_signature_opens_its_own_part() {
    let doc = zhengce::parse_text(
        "一、工作要求\n请认真落实。\n某县人民政府办公室\n2025年5月18日\n附件1\n任务清单\n一、县示范区管委会牵头工作\n1.建设养殖基地。\n",
    );
    let top: Vec<SectionStyle> = doc.sections.iter().map(|s| s.style).collect();
    assert_eq!(
        top,
        vec![SectionStyle::ChineseDun, SectionStyle::Attachment],
        "附件1 is a top-level part"
    );
    assert_eq!(
        doc.sections[1].children[0].heading, "县示范区管委会牵头工作",
        "its 一、 are inside it"
    );
}

#[test]
fn outline_prints_the_tree() {
    let doc = zhengce::parse_text("一、总体要求\n(一)目标。正文\n");
    assert_eq!(
        zhengce::outline(&doc),
        "一、总体要求\n  (一)目标\n",
        "indented marker and heading"
    );
}

#[test]
fn broken_sequences_are_kept_as_printed_and_flagged() {
    let doc = zhengce::parse_text("一、总体要求\n二、主要任务\n二、保障措施\n五、工作要求\n");
    let ords: Vec<u32> = doc.sections.iter().map(|s| s.ordinal).collect();
    assert_eq!(ords, vec![1, 2, 2, 5], "ordinals are kept as printed");
    assert_eq!(
        codes(&doc, "heading"),
        vec!["heading_duplicate", "heading_gap"],
        "the repeated 二 and the jump to 五 are flagged"
    );
}

#[test]
fn articles_number_on_across_chapters_and_sections() {
    let doc = zhengce::parse_text(
        "第一章 总则\n第一条 为了规范管理,制定本办法。\n第二章 监督\n第一节 检查\n第二条 应当检查。\n第二节 处理\n第三条 应当处理。\n",
    );
    let art: Vec<u32> = all(&doc)
        .iter()
        .filter(|h| h.1 == SectionStyle::Article)
        .map(|h| h.2)
        .collect();
    assert_eq!(art, vec![1, 2, 3], "articles in document order");
    assert!(
        codes(&doc, "heading").is_empty(),
        "running article numbers are not gaps"
    );
    assert_eq!(
        doc.sections[1].children[1].children[0].path, "2.2.3",
        "第三条 under 第二章 第二节"
    );
}

#[test]
fn the_title_printed_again_at_the_foot_of_the_page_ends_the_last_section() {
    let text = "天津市市场监督管理委员会关于印发《天津市质量行动实施方案》的通知\n\n\
各相关单位:\n\n现将《天津市质量行动实施方案》印发给你们,请结合实际认真贯彻落实。\n\n2023年9月4日\n\n\
天津市质量行动实施方案\n\n一、强化实施保障\n\n(一)强化示范引领。推进质量强国标杆城市建设。\
(市市场监管委、市委宣传部等按职责分工负责)\n\n\
天津市市场监督管理委员会关于印发《天津市质量行动实施方案》的通知\n\n\
食品伙伴网提供标准法规解读、舆情监控、合规咨询、申报注册等服务。\n电询:0535-2129301\n";
    let doc = zhengce::parse_text(text);
    let item = &doc.sections[0].children[0];
    assert!(
        item.text.ends_with("等按职责分工负责)"),
        "the last item ends with its own text, not with the portal footer: {:?}",
        item.text
    );
    let embedded = &doc.embedded[0];
    assert!(
        text[embedded.span.start..embedded.span.end].ends_with("等按职责分工负责)"),
        "the embedded plan ends at its last line, before the repeated title"
    );
}

#[test]
fn the_attachment_note_before_the_signature_ends_the_last_section() {
    let text = "大田县质量强县工作领导小组办公室 关于开展2021年“质量月”活动的通知\n\n\
县发改局、县科技局,各有关企业:\n\n五、活动要求\n\n\
(一)扎实推进,确保实效。要坚持问题导向,有效提升产品、产业的质量水平。\n\n\
活动结束后,请县各有关部门认真总结。\n\n  附件:. 2021年大田县质量月活动口号 \n\n\
大田县质量强县工作领导小组办公室\n\n(大田县市场监督管理局代章)\n\n   2021年9月10日   \n";
    let doc = zhengce::parse_text(text);
    let item = &doc.sections[0].children[0];
    assert!(
        item.text.ends_with("请县各有关部门认真总结。"),
        "the 附件 note is not part of the last item: {:?}",
        item.text
    );
    assert_eq!(doc.attachments.len(), 1, "the attachment is still listed");
}

fn paths(sections: &[Section], out: &mut Vec<String>) {
    for s in sections {
        out.push(s.path.clone());
        paths(&s.children, out);
    }
}

#[test]
fn paths_are_unique_when_numbering_starts_over_and_in_attachments() {
    let text = "关于开展质量月活动的通知\n\n一、总体要求\n（一）工作目标。到2025年，全面完成。\n\
                二、主要任务\n加强监管。\n一、经验做法\n做法一。\n二、存在问题\n问题一。\n\n\
                天津市市场监督管理委员会\n2023年3月6日\n\n附件：1.活动方案\n2.任务清单\n\n\
                附件1\n活动方案\n一、活动内容\n内容。\n附件2\n任务清单\n一、任务\n任务。\n";
    let doc = zhengce::parse_text(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(
        got,
        [
            "1",
            "1.1",
            "2",
            "1~2",
            "2~2",
            "附件",
            "附件.1",
            "附件.2",
            "附件1",
            "附件1.1",
            "附件2",
            "附件2.1"
        ],
        "the body's dotted ordinals, the repeated list with ~2, attachments by their own name"
    );
}

#[test]
fn every_fixture_has_unique_section_paths() {
    let mut read = 0;
    for dir in ["fixtures/seeds", "fixtures/corpus"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let doc = parse_file(path.to_str().unwrap());
            let mut got = Vec::new();
            paths(&doc.sections, &mut got);
            let unique: std::collections::HashSet<&String> = got.iter().collect();
            assert_eq!(unique.len(), got.len(), "{}: {got:?}", path.display());
            read += 1;
        }
    }
    assert!(read >= 10, "the fixtures were read ({read})");
}
