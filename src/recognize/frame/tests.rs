//! Frame tests over the seed documents and small cases.

use crate::model::{DocKind, Document};

fn seed(name: &str) -> Document {
    let path = format!("{}/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    crate::parse(&bytes).unwrap()
}

fn seed_prefix(prefix: &str) -> Document {
    let dir = format!("{}/fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    seed(&names[0])
}

fn texts(v: &[crate::model::TextSpan]) -> Vec<&str> {
    v.iter().map(|t| t.text.as_str()).collect()
}

#[test]
fn seed_003_frame() {
    let doc = seed_prefix("003_");
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("天津市市场监督管理委员会关于印发《天津市进一步提高产品、工程和服务质量行动实施方案(2023—2025年)》的通知"),
        "the title excludes the parenthesized number after it"
    );
    let n = doc.doc_number.as_ref().unwrap();
    assert_eq!(
        (
            n.normalized.as_str(),
            n.issuer_code.as_str(),
            n.year,
            n.serial
        ),
        ("津质量发〔2023〕3号", "津质量发", 2023, 3),
        "own doc number"
    );
    assert_eq!(
        doc.issuer.as_ref().map(|t| t.text.as_str()),
        Some("天津市市场监督管理委员会"),
        "issuer from the title"
    );
    assert_eq!(
        texts(&doc.recipients),
        ["市质量强市建设协调推进领导小组各成员单位", "各相关单位"],
        "recipients split in two"
    );
    assert_eq!(
        doc.dates.written.as_ref().map(|d| d.value.as_str()),
        Some("2023-09-04"),
        "written date under the notice"
    );
    assert_eq!(
        doc.dates.published.as_ref().map(|d| d.value.as_str()),
        Some("2023-09-07"),
        "published date from the page's 发布日期"
    );
    assert_eq!(
        doc.disclosure.as_ref().map(|t| t.text.as_str()),
        Some("此件公开发布"),
        "disclosure note without parentheses"
    );
    assert_eq!(doc.kind, DocKind::Notice, "a 印发 notice is a notice");
    assert_eq!(doc.embedded.len(), 1, "the plan is embedded");
    assert_eq!(
        doc.embedded[0].kind,
        DocKind::Plan,
        "the embedded document is a plan"
    );
    assert!(
        doc.embedded[0].title.starts_with("天津市进一步提高产品"),
        "the embedded plan's own title line"
    );
    let titles: Vec<_> = doc
        .references
        .iter()
        .filter_map(|r| r.title.as_deref())
        .collect();
    assert!(
        titles.contains(&"质量强国建设纲要"),
        "cites 《质量强国建设纲要》"
    );
    assert!(
        titles.contains(&"进一步提高产品、工程和服务质量行动方案(2022—2025年)"),
        "cites the national action plan"
    );
    assert!(
        doc.references.iter().all(|r| r
            .doc_number
            .as_ref()
            .is_none_or(|n| n.normalized != "津质量发〔2023〕3号")),
        "the own number is not a reference"
    );
    assert!(
        !titles.iter().any(|t| t.starts_with("天津市进一步提高产品")),
        "the plan the notice carries is not a citation"
    );
}

#[test]
fn seed_004_frame() {
    let doc = seed_prefix("004_");
    let cited: Vec<_> = doc
        .references
        .iter()
        .filter_map(|r| r.doc_number.as_ref())
        .map(|n| n.normalized.as_str())
        .collect();
    assert_eq!(
        cited,
        [
            "国市监质〔2021〕51号",
            "闽质强省办〔2021〕4号",
            "市强市办〔2021〕2号"
        ],
        "the three garbled citations are repaired"
    );
    assert!(
        doc.doc_number.is_none(),
        "the notice prints no number of its own"
    );
    assert_eq!(
        doc.dates.written.as_ref().map(|d| d.value.as_str()),
        Some("2021-09-10"),
        "garbled 2021910日 is the written date"
    );
    assert!(
        doc.diagnostics.iter().any(|d| d.code == "date_repaired"),
        "the date repair is reported"
    );
    assert_eq!(
        texts(&doc.signature),
        [
            "大田县质量强县工作领导小组办公室",
            "(大田县市场监督管理局代章)"
        ],
        "signature with its seal note"
    );
    assert_eq!(doc.attachments.len(), 1, "one attachment");
    assert_eq!(
        doc.attachments[0].title, "2021年大田县质量月活动口号",
        "attachment title"
    );
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("大田县质量强县工作领导小组办公室 关于开展2021年“质量月”活动的通知"),
        "title as printed"
    );
}

#[test]
fn seed_001_frame() {
    let doc = seed_prefix("001_");
    assert_eq!(
        doc.doc_number.as_ref().map(|n| n.normalized.as_str()),
        Some("津滨质量组办〔2020〕5号"),
        "own number"
    );
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("关于印发《滨海新区2020年“质量月”活动总结》的通知"),
        "title joined from two lines"
    );
    assert_eq!(
        doc.dates.written.as_ref().map(|d| d.value.as_str()),
        Some("2020-10-19"),
        "written date"
    );
    assert_eq!(
        doc.disclosure.as_ref().map(|t| t.text.as_str()),
        Some("此件主动公开"),
        "disclosure"
    );
    assert_eq!(
        doc.embedded.first().map(|e| e.kind),
        Some(DocKind::Summary),
        "the issued summary is embedded"
    );
}

#[test]
fn colophon_and_attachments() {
    let doc = crate::parse_text(
        "某市人民政府办公室关于印发工作要点的通知\n各区人民政府,市政府各委、办、局:\n现印发给你们,请认真贯彻执行。\n附件:1.工作要点\n2.任务分工表\n某市人民政府办公室\n2023年3月1日\n(此件主动公开)\n抄送:市委办公厅,市人大常委会办公厅、市政协办公厅。\n某市人民政府办公室          2023年3月6日印发\n",
    );
    assert_eq!(
        texts(&doc.recipients),
        ["各区人民政府", "市政府各委、办、局"],
        "recipients split at commas, never at 、"
    );
    assert_eq!(
        doc.attachments
            .iter()
            .map(|a| (a.index, a.title.as_str()))
            .collect::<Vec<_>>(),
        [(1, "工作要点"), (2, "任务分工表")],
        "numbered attachments"
    );
    assert_eq!(
        texts(&doc.signature),
        ["某市人民政府办公室"],
        "signature line"
    );
    assert_eq!(
        texts(&doc.cc),
        ["市委办公厅", "市人大常委会办公厅", "市政协办公厅"],
        "抄送 units"
    );
    assert_eq!(
        doc.printed_by.as_ref().map(|t| t.text.as_str()),
        Some("某市人民政府办公室"),
        "印发机关"
    );
    assert_eq!(
        doc.dates.printed.as_ref().map(|d| d.value.as_str()),
        Some("2023-03-06"),
        "印发日期"
    );
    assert_eq!(
        doc.dates.written.as_ref().map(|d| d.value.as_str()),
        Some("2023-03-01"),
        "the 印发 date is not the written date"
    );
    assert_eq!(doc.kind, DocKind::Notice, "notice");
}

#[test]
fn never_panics_on_truncated_or_odd_input() {
    let dir = format!("{}/fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let text =
            String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap()).into_owned();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(97).collect();
        for &cut in &cuts {
            let doc = crate::parse_text(&text[..cut]);
            assert!(
                doc.title.as_ref().is_none_or(|t| !t.text.is_empty()),
                "no empty title"
            );
            let doc = crate::parse_text(&text[cut..]);
            assert!(
                doc.recipients.iter().all(|r| !r.text.is_empty()),
                "no empty recipient"
            );
        }
    }
    for odd in [
        "〔〔〔号号号",
        "国发〔",
        "国发〔2021",
        "国发〔20211111111111111号",
        "《《《《》",
        "附件:\n1.\n2.",
        ":\n:\n",
        "抄送:\n印发",
        "2021年13月40日\n二〇二三年十三月四十日",
        "——",
    ] {
        let doc = crate::parse_text(odd);
        assert!(doc.schema_version >= 1, "{odd:?} parses without panicking");
    }
}

#[test]
fn frame_time_is_linear_in_lines() {
    let line = "各单位:\n《关于开展工作的通知》(国发〔2021〕3号)\n2021年9月4日\n";
    let big = line.repeat(5000);
    let start = std::time::Instant::now();
    let doc = crate::parse_text(&big);
    assert!(
        !doc.references.is_empty(),
        "references are found in a large input"
    );
    assert!(
        start.elapsed().as_secs() < 20,
        "15000 lines parse in well under 20 s (no quadratic rescans)"
    );
}

#[test]
fn kind_from_the_title_genre_word_and_the_closing_formula() {
    let kind = |t: &str| crate::parse_text(t).kind;
    assert_eq!(
        kind("关于2023年3月政务新媒体检查情况的通报\n各单位:\n现将情况通报如下。\n"),
        DocKind::Report,
        "通报 is a report, not a 通告"
    );
    assert_eq!(
        kind("关于做好防汛工作的通告\n各单位:\n请遵照执行。\n"),
        DocKind::Notice,
        "通告 is a notice"
    );
    assert_eq!(
        kind("某某县实施细则(试行)\n第一条 为了规范管理,制定本细则。\n"),
        DocKind::Regulation,
        "a trailing (试行) does not hide the genre word"
    );
    assert_eq!(
        kind("各单位:\n请按要求报送材料,确保按时完成各项工作任务。\n特此通知。\n"),
        DocKind::Notice,
        "without a title, the closing formula 特此通知 names the kind"
    );
}

#[test]
fn red_header_layout_and_wrapped_recipients() {
    let doc = crate::parse_text(
        "某政发〔2023〕1号\n某市人民政府\n关于加强安全生产工作的通知\n各县(市、区)人民政府,市政府各委、\n办、局:\n现就有关事项通知如下:\n一、提高认识\n内容。\n某市人民政府\n2023年1月5日\n",
    );
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("某市人民政府关于加强安全生产工作的通知"),
        "the issuer line above a 关于 line joins the title"
    );
    assert_eq!(
        doc.doc_number.as_ref().map(|n| n.normalized.as_str()),
        Some("某政发〔2023〕1号"),
        "number above the title is the own number"
    );
    assert_eq!(
        texts(&doc.recipients),
        ["各县(市、区)人民政府", "市政府各委、办、局"],
        "a recipients line wrapped after 、 is joined"
    );
    assert_eq!(
        doc.issuer.as_ref().map(|t| t.text.as_str()),
        Some("某市人民政府"),
        "issuer from the title"
    );
    assert_eq!(
        doc.dates.written.as_ref().map(|d| d.value.as_str()),
        Some("2023-01-05"),
        "written date"
    );
}

#[test]
fn embedded_title_that_adds_de_or_guanyu() {
    let doc = crate::parse_text(
        "广东省人民政府办公厅关于印发广东省\n进一步加鼎力度支持民间投资生长\n实行方案的通知\n粤府办〔2023〕5号\n各地级以上市人民政府,省政府各部门、各直属机构:\n《广东省进一步加鼎力度支持民间投资生长的实行方案》已经省人民政府赞成,现印发给你们。\n广东省人民政府办公厅\n2023年3月17日\n广东省进一步加鼎力度支持民间\n投资生长的实行方案\n一、施展重大项目牵引和政府投资撬动作用\n",
    );
    assert_eq!(
        doc.embedded.first().map(|e| e.title.as_str()),
        Some("广东省进一步加鼎力度支持民间投资生长的实行方案"),
        "the carried plan's title may add 的 to the notice's wording"
    );
    let doc = crate::parse_text(
        "上海市宝山区人民政府办公室关于印发贯彻《上海市生活垃圾管理条例》推进全程分类体系建设实施方案的通知\n各镇人民政府,各街道办事处:\n现印发给你们,请认真按照执行。\n上海市宝山区人民政府办公室\n2019年5月5日\n关于贯彻《上海市生活垃圾管理条例》\n推进全程分类体系建设的实施方案\n一、指导思想\n",
    );
    assert_eq!(
        doc.embedded.first().map(|e| (e.title.as_str(), e.kind)),
        Some((
            "关于贯彻《上海市生活垃圾管理条例》推进全程分类体系建设的实施方案",
            DocKind::Plan
        )),
        "a law named inside the carried title is not the carried title; 关于 and 的 may be added"
    );
}

#[test]
fn key_chars_are_exactly_the_alphanumeric_chars() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        assert_eq!(
            super::is_key_char(c),
            c.is_alphanumeric(),
            "the fast letter test agrees with char::is_alphanumeric on U+{:04X}",
            c as u32
        );
    }
}

#[test]
fn streaming_loose_match_agrees_with_the_loose_key() {
    use super::{loose_key, loose_match, LooseMatch};
    let want = loose_key("关于贯彻《条例》推进垃圾分类的实施方案");
    let cases: [&[&str]; 8] = [
        &["关于贯彻《条例》推进垃圾分类的实施方案"],
        &["贯彻《条例》推进", "垃圾分类实施方案"],
        &["关", "于贯彻《条例》"],
        &["**关于贯彻**"],
        &["", "  "],
        &["关于关于贯彻"],
        &["贯彻《条例》推进垃圾分类的实施方案(试行)"],
        &["的的贯彻"],
    ];
    for parts in cases {
        let k = loose_key(&parts.concat());
        let expected = if k == want {
            LooseMatch::Equal
        } else if want.starts_with(&k) {
            LooseMatch::Prefix
        } else {
            LooseMatch::Differ
        };
        assert_eq!(
            loose_match(parts, &want),
            expected,
            "the streaming comparison of {parts:?} gives the loose key's answer"
        );
    }
}

#[test]
fn title_key_matches_as_the_collected_key() {
    let title = "天津市市场监督管理委员会关于印发《实施方案(2023—2025年)》的通知";
    let key = super::TitleKey::new(title);
    for line in [
        title,
        "# 天津市市场监督管理委员会关于印发实施方案(2023-2025年)的通知",
        "天津市市场监督管理委员会关于印发《实施方案(2023—2025年)》",
        "天津市市场监督管理委员会关于印发《实施方案(2023—2025年)》的通知。附",
        "",
    ] {
        assert_eq!(
            key.repeated_by(line),
            super::key(line) == super::key(title),
            "the streaming title match of {line:?} gives the collected key's answer"
        );
    }
    assert!(
        !super::TitleKey::new("通知").repeated_by("通知"),
        "a title of under 8 letters never matches"
    );
}

#[test]
fn no_cjk_ideograph_is_numeric() {
    let numeric: Vec<char> = ('\u{4E00}'..='\u{9FFF}')
        .filter(|c| c.is_numeric())
        .collect();
    assert!(
        numeric.is_empty(),
        "no CJK Unified Ideograph is numeric, as the year prefilter assumes: {numeric:?}"
    );
}

#[test]
fn datelines_need_a_year_at_the_start() {
    use super::closing::dateline;
    use super::Line;
    let line = |text| Line {
        text,
        span: crate::span::Span::new(0, text.len()),
        chrome: false,
    };
    for (text, expected) in [
        ("——2023年2月2日在全市工作会议上", Some("2023-02-02")),
        ("一九五○年一月十日通过", Some("1950-01-10")),
        ("二00八年九月七日通过", Some("2008-09-07")),
        ("2021910日通过", Some("2021-09-10")),
        ("2023.9.4 通过", Some("2023-09-04")),
        ("2023年全市工作会议通过", None),
        ("一是加强领导", None),
        ("1.加强领导", None),
    ] {
        assert_eq!(
            dateline(&line(text)).map(|d| d.value),
            expected.map(String::from),
            "dateline reading of {text}"
        );
    }
}
