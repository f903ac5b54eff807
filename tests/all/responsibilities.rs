//! Responsibilities: department parentheticals and labelled clauses, per task.

use zhengce::model::{Document, Responsibility, Section, SectionStyle};
use zhengce::recognize::responsibility::headings;
use zhengce::Span;

fn parse(path: &str) -> Document {
    let bytes = std::fs::read(path).unwrap();
    zhengce::parse(&bytes).unwrap()
}

fn units(r: &Responsibility) -> Vec<&str> {
    r.departments.iter().map(String::as_str).collect()
}

fn all_units(doc: &Document) -> Vec<Vec<&str>> {
    doc.responsibilities.iter().map(units).collect()
}

#[test]
fn seed_003_every_task_carries_its_units() {
    let doc = parse("fixtures/seeds/003_b4600086fd213c1b.txt");
    let rs = &doc.responsibilities;
    assert_eq!(
        rs.len(),
        24,
        "all 24 tasks carry a responsibility parenthetical"
    );
    let first = &rs[0];
    assert_eq!(
        units(first),
        [
            "市农业农村委",
            "市市场监管委",
            "市供销合作总社",
            "市规划资源局",
            "市知识产权局",
            "各区人民政府"
        ],
        "等部门 is dropped and 及 separates 各区人民政府"
    );
    assert_eq!(
        first.phrase.as_deref(),
        Some("负责落实"),
        "the closing phrase"
    );
    assert_eq!(
        first.scope_note.as_deref(),
        Some("以下均需各区人民政府落实,不再列出"),
        "the standing instruction is the scope note"
    );
    assert!(
        first.implied.is_empty(),
        "the note's own task lists the unit itself"
    );
    for r in &rs[1..] {
        assert_eq!(
            r.implied,
            ["各区人民政府"],
            "every later task implies the note's unit: {}",
            r.raw
        );
        assert_eq!(
            r.phrase.as_deref(),
            Some("按职责分工负责"),
            "phrase of {}",
            r.raw
        );
        assert!(
            r.lead.is_empty() && r.support.is_empty(),
            "no lead is made up: {}",
            r.raw
        );
    }
    assert_eq!(
        units(&rs[1]),
        [
            "市工业和信息化局",
            "市发展改革委",
            "市市场监管委",
            "市粮食和物资局",
            "天津海关",
            "市卫生健康委",
            "市农业农村委",
            "市供销合作总社",
            "市知识产权局"
        ],
        "和 inside 市工业和信息化局 and 市粮食和物资局 does not split"
    );
    assert_eq!(
        units(&rs[3]).last().copied(),
        Some("市文化和旅游局"),
        "市文化和旅游局 is one unit"
    );
    assert_eq!(
        units(&rs[12]),
        [
            "人民银行天津分行",
            "天津银保监局",
            "市农业农村委",
            "市工业和信息化局",
            "市知识产权局"
        ],
        "分行 and 银保监局 end unit names"
    );
    assert_eq!(
        units(&rs[19]),
        ["市教委", "市总工会", "团市委", "市市场监管委", "市人社局"],
        "short forms such as 团市委 are units"
    );
    let text = std::fs::read_to_string("fixtures/seeds/003_b4600086fd213c1b.txt").unwrap();
    let printed = &text[first.span.start..first.span.end];
    assert!(
        printed.starts_with("(市农业农村委") && printed.ends_with("不再列出)"),
        "the span covers the parenthetical as printed: {printed}"
    );
}

#[test]
fn seeds_without_responsibilities_report_none() {
    for seed in [
        "fixtures/seeds/000_73918e8ef53f538b.txt",
        "fixtures/seeds/001_f9e7f05a16ad2899.txt",
    ] {
        let doc = parse(seed);
        assert!(
            doc.responsibilities.is_empty(),
            "{seed} has no responsibility clause, got {:?}",
            all_units(&doc)
        );
    }
}

#[test]
fn seed_004_reports_only_the_department_items_of_its_fourth_part() {
    let doc = parse("fixtures/seeds/004_2b27367e13f698ba.txt");
    assert_eq!(
        doc.responsibilities.len(),
        13,
        "one per department item of 四、县直相关部门主要活动: {:?}",
        all_units(&doc)
    );
    for r in &doc.responsibilities {
        let section = r.section.as_deref().unwrap_or_default();
        assert!(
            section.starts_with("4."),
            "{:?} should sit under 四、县直相关部门主要活动, not {section}",
            r.departments
        );
        assert_eq!(r.departments.len(), 1, "each item names one department");
    }
    assert_eq!(doc.responsibilities[0].departments, ["市场监管部门"]);
}

#[test]
fn lead_and_support_labels() {
    let doc = parse("fixtures/cases/responsibility_lead_support.txt");
    let rs = &doc.responsibilities;
    assert_eq!(rs.len(), 4, "four labelled clauses: {:?}", all_units(&doc));
    assert_eq!(rs[0].lead, ["省发展改革委"], "牵头单位 is the lead");
    assert_eq!(
        rs[0].support,
        ["省财政厅", "省通信管理局", "国网某某省电力公司"],
        "配合单位 are support"
    );
    assert_eq!(
        rs[0].departments.len(),
        4,
        "departments list lead and support"
    );
    assert_eq!(rs[1].lead, ["省数据局"], "X牵头 labels the lead");
    assert_eq!(
        rs[1].support,
        ["省财政厅", "省市场监管局"],
        "Y配合 labels support"
    );
    assert_eq!(
        rs[1].phrase.as_deref(),
        Some("牵头"),
        "the first role phrase"
    );
    assert_eq!(
        rs[2].lead,
        ["省工业和信息化厅"],
        "labelled lines without brackets"
    );
    assert_eq!(
        rs[2].support,
        ["省科技厅", "各市人民政府"],
        "a 配合部门 line right after a 牵头部门 line belongs to the same task"
    );
    assert_eq!(rs[3].lead, ["省统计局"], "labels separated by a space");
    assert_eq!(
        rs[3].support,
        ["省发展改革委"],
        "the second label after a space"
    );
}

#[test]
fn units_with_parentheses_in_their_names() {
    let doc = parse("fixtures/cases/responsibility_unit_parentheses.txt");
    assert_eq!(
        all_units(&doc),
        [
            vec![
                "中国(滨海新区)知识产权保护中心",
                "国家税务总局天津市税务局",
                "区委组织部(区公务员局)"
            ],
            vec!["市政务服务办", "各街镇(园区)"],
        ],
        "inner parentheses stay inside the unit name"
    );
}

#[test]
fn full_half_width_and_tortoise_shell_brackets() {
    let doc = parse("fixtures/cases/responsibility_brackets.txt");
    assert_eq!(
        all_units(&doc),
        [
            vec!["市发展改革委", "市商务局"],
            vec!["市市场监管局", "市政务服务办"],
            vec!["省市场监管局", "省发展改革委"],
            vec!["市交通运输委", "市邮政管理局"],
        ],
        "（）, (), 〔〕 and 【】 clauses are all read"
    );
    assert_eq!(
        doc.responsibilities[2].phrase.as_deref(),
        Some("责任单位"),
        "the label is the phrase"
    );
    let text = std::fs::read_to_string("fixtures/cases/responsibility_brackets.txt").unwrap();
    let first = &doc.responsibilities[0];
    assert_eq!(
        &text[first.span.start..first.span.end],
        "（市发展改革委、市商务局按职责分工负责）",
        "the span maps back to the full-width brackets as printed"
    );
}

#[test]
fn clause_without_brackets_at_paragraph_end() {
    let doc = parse("fixtures/cases/responsibility_trailing_clause.txt");
    let rs = &doc.responsibilities;
    assert_eq!(
        all_units(&doc),
        [
            vec!["省科技厅", "省财政厅"],
            vec!["各区人民政府"],
            vec!["各区人民政府"]
        ],
        "closing sentences and a labelled line are read"
    );
    assert_eq!(rs[0].lead, ["省科技厅"], "牵头 without brackets");
    assert_eq!(rs[0].support, ["省财政厅"], "配合 without brackets");
    assert_eq!(
        rs[0].raw, "省科技厅牵头,省财政厅配合",
        "raw is the sentence without its 。"
    );
}

#[test]
fn other_parentheses_are_not_responsibilities() {
    let doc = parse("fixtures/cases/responsibility_not_responsibility.txt");
    assert!(
        doc.responsibilities.is_empty(),
        "（试行）, years, disclosure notes, doc numbers and abbreviations are not reported: {:?}",
        all_units(&doc)
    );
}

#[test]
fn tortoise_shell_scope_note_implies_units() {
    let doc = parse("fixtures/corpus/055.txt");
    let rs = &doc.responsibilities;
    assert_eq!(rs.len(), 2, "two 〔责任单位:…〕 clauses");
    assert_eq!(
        units(&rs[0]),
        ["省发展改革委", "省市场监管局", "商务厅", "省大数据中心"],
        "按职责分工负责 is dropped"
    );
    assert!(
        rs[0]
            .scope_note
            .as_deref()
            .is_some_and(|n| n.contains("下同")),
        "the 下同 note"
    );
    assert_eq!(
        rs[1].implied,
        ["相关市(州)人民政府"],
        "the note's unit is implied later"
    );
}

#[test]
fn spun_repost_still_reads_units() {
    let doc = parse("fixtures/corpus/031.txt");
    assert_eq!(
        all_units(&doc),
        [
            vec!["省生长改造委"],
            vec![
                "省生长改造委",
                "交通运输厅",
                "水利厅",
                "住房城乡建设厅",
                "能源局",
                "各地级以上市人民政府"
            ],
        ],
        "等省有关部门 is dropped and 和 separates the last unit"
    );
    assert_eq!(
        doc.responsibilities[0].lead,
        ["省生长改造委"],
        "牵头 labels the lead"
    );
}

#[test]
fn flattened_task_table_gives_lead_and_support() {
    let doc = parse("fixtures/corpus/064.txt");
    let rs = &doc.responsibilities;
    assert_eq!(rs.len(), 39, "one responsibility per task row");
    assert_eq!(rs[0].lead, ["区政府办公室"], "牵头部门 column");
    assert_eq!(rs[0].support, ["各联席会议成员单位"], "配合部门 column");
    assert_eq!(
        rs[1].lead,
        ["区委组织部(区公务员局)"],
        "a unit with a parenthetical"
    );
    let joined = rs
        .iter()
        .find(|r| r.lead.len() == 4 && r.support.is_empty())
        .expect("a lead cell continued over two lines with a trailing 、");
    assert_eq!(
        joined.lead,
        ["区政府办公室", "区绿化市容局", "区规划资源局", "区重大办"],
        "a cell ending in 、 goes on in the next cell"
    );
}

fn section(path: &str, level: u32, heading: &str, span: Span, children: Vec<Section>) -> Section {
    Section {
        path: path.to_string(),
        level,
        style: SectionStyle::ChineseDun,
        marker: String::new(),
        ordinal: 1,
        heading: heading.to_string(),
        text: String::new(),
        span,
        children,
    }
}

#[test]
fn department_headings_make_units_responsible() {
    let text =
        "一、市市场监管委开展的活动\n(一)组织启动仪式。\n二、市国资委开展的活动\n(二)开展培训。\n";
    let s1 = text.find("一、").unwrap();
    let s2 = text.find("二、").unwrap();
    let sections = vec![
        section("1", 1, "市市场监管委开展的活动", Span::new(s1, s2), vec![]),
        section(
            "2",
            1,
            "市国资委开展的活动",
            Span::new(s2, text.len()),
            vec![],
        ),
    ];
    let rs = headings::recognize(text, &sections);
    assert_eq!(rs.len(), 2, "one responsibility per department heading");
    assert_eq!(rs[0].departments, ["市市场监管委"], "the heading's unit");
    assert_eq!(
        zhengce::assemble::section_path_at(&sections, rs[0].span.start),
        Some("1"),
        "the assembler attaches it to the heading's section"
    );
    assert_eq!(rs[0].phrase.as_deref(), Some("开展"), "phrase 开展");
    assert_eq!(
        &text[rs[1].span.start..rs[1].span.end],
        "市国资委开展的活动",
        "span is the heading"
    );
}

#[test]
fn department_items_under_a_group_heading() {
    let text = std::fs::read_to_string("fixtures/seeds/004_2b27367e13f698ba.txt").unwrap();
    let norm = text.clone();
    let start = norm.find("四、县直相关部门主要活动").unwrap();
    let end = norm.find("五、活动要求").unwrap();
    let item = |marker: &str, heading: &str, path: &str| {
        let s = norm[start..end].find(marker).unwrap() + start;
        section(path, 2, heading, Span::new(s, s + marker.len()), vec![])
    };
    let children = vec![
        item("(一)市场监管部门", "市场监管部门", "4.1"),
        item("(二)工信部门", "工信部门", "4.2"),
        item("(十三)金融部门", "金融部门", "4.13"),
    ];
    let parent = section(
        "4",
        1,
        "县直相关部门主要活动",
        Span::new(start, end),
        children,
    );
    let sections = [parent];
    let rs = headings::recognize(&norm, &sections);
    let got: Vec<(&str, Vec<&str>)> = rs
        .iter()
        .map(|r| {
            let path = zhengce::assemble::section_path_at(&sections, r.span.start);
            (path.unwrap(), units(r))
        })
        .collect();
    assert_eq!(
        got,
        [
            ("4.1", vec!["市场监管部门"]),
            ("4.2", vec!["工信部门"]),
            ("4.13", vec!["金融部门"])
        ],
        "each department item of the group heading is that unit's, not the group's"
    );
}

#[test]
fn markdown_pipe_table_columns() {
    let doc = parse("fixtures/cases/responsibility_pipe_table.txt");
    let rs = &doc.responsibilities;
    assert_eq!(rs.len(), 2, "one responsibility per table row");
    assert_eq!(rs[0].lead, ["市发展改革委"], "the 牵头单位 column");
    assert_eq!(
        rs[0].support,
        ["市财政局", "市通信管理局"],
        "the 配合单位 column, split"
    );
    assert_eq!(
        rs[0].phrase.as_deref(),
        Some("牵头单位"),
        "the first unit column's label"
    );
    assert_eq!(
        rs[1].departments,
        ["市数据局", "市市场监管局"],
        "second row"
    );
}

#[test]
fn label_and_phrase_variants() {
    let text = "（一）甲。（市发展改革委牵头，市财政局、市商务局等按职责分工负责）\n\
                （二）乙。（责任单位：市发展改革委，配合单位：市财政局）\n\
                （三）丙。（责任单位：市科委；完成时限：2024年底前）\n\
                （四）丁。（市科委、市经济信息化委按职责分工负责；各区政府配合）\n\
                （五）戊。（市教委、市人力资源社会保障局分别负责）\n";
    let doc = zhengce::parse(text.as_bytes()).unwrap();
    let rs = &doc.responsibilities;
    assert_eq!(
        all_units(&doc),
        [
            vec!["市发展改革委", "市财政局", "市商务局"],
            vec!["市发展改革委", "市财政局"],
            vec!["市科委"],
            vec!["市科委", "市经济信息化委", "各区政府"],
            vec!["市教委", "市人力资源社会保障局"],
        ],
        "units of each variant"
    );
    assert_eq!(rs[0].lead, ["市发展改革委"], "X牵头 before a duty clause");
    assert!(rs[0].support.is_empty(), "按职责分工负责 is not support");
    assert_eq!(rs[1].support, ["市财政局"], "a second label after a comma");
    assert_eq!(rs[3].support, ["各区政府"], "配合 after a semicolon");
    assert_eq!(
        rs[4].phrase.as_deref(),
        Some("分别负责"),
        "the qualifier is part of the phrase"
    );
}

#[test]
fn role_notes_and_unusual_names_in_brackets() {
    let text = "（一）甲。（责任单位：市发展改革委（牵头）、市财政局）\n\
                （二）乙。（市通信管理局、中国联通、中国铁塔等按职责分工负责）\n\
                （三）丙。（企业自主负责）\n";
    let doc = zhengce::parse(text.as_bytes()).unwrap();
    let rs = &doc.responsibilities;
    assert_eq!(
        rs.len(),
        2,
        "企业自主负责 names no unit: {:?}",
        all_units(&doc)
    );
    assert_eq!(
        rs[0].departments,
        ["市发展改革委", "市财政局"],
        "the (牵头) note is not part of the name"
    );
    assert_eq!(
        rs[0].lead,
        ["市发展改革委"],
        "(牵头) after a unit labels it the lead"
    );
    assert_eq!(
        rs[1].departments,
        ["市通信管理局", "中国联通", "中国铁塔"],
        "names without a unit suffix pass inside a bracketed list led by a unit"
    );
}

#[test]
fn seed_002_every_department_heading_is_a_unit() {
    // Sections come from the sections recognizer; here they are built from the 一、 lines.
    let text = std::fs::read_to_string("fixtures/seeds/002_eae023f0dca5f179.txt").unwrap();
    let numerals = "一二三四五六七八九十";
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let head = line.split('、').next().unwrap_or_default();
        if line.contains('、') && !head.is_empty() && head.chars().all(|c| numerals.contains(c)) {
            starts.push((
                offset,
                line.trim_end()[head.len() + '、'.len_utf8()..].to_string(),
            ));
        }
        offset += line.len();
    }
    let sections: Vec<Section> = starts
        .iter()
        .enumerate()
        .map(|(i, (start, heading))| {
            let end = starts.get(i + 1).map_or(text.len(), |s| s.0);
            section(
                &(i + 1).to_string(),
                1,
                heading,
                Span::new(*start, end),
                vec![],
            )
        })
        .collect();
    assert_eq!(sections.len(), 26, "the seed has 26 department headings");
    let rs = headings::recognize(&text, &sections);
    let got: Vec<&str> = rs.iter().map(|r| r.departments[0].as_str()).collect();
    assert_eq!(
        got.len(),
        26,
        "every department heading is recognized: {got:?}"
    );
    assert_eq!(got[0], "市市场监管委", "first heading's unit");
    assert_eq!(got[9], "市文化和旅游局", "和 inside a heading's unit");
    assert_eq!(got[16], "国家税务总局天津税务局", "a long unit name");
    assert_eq!(got[22], "团市委", "a short form");
    assert!(
        rs.iter().all(|r| r.phrase.as_deref() == Some("开展")),
        "phrase is 开展"
    );
}
