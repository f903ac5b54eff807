//! Quantities over a table of real phrasings (fixtures/cases/quantities.tsv) and over the
//! seed documents (fixtures/seeds/).

use zhengce::model::{Comparator, Direction, Quantity, QuantityKind};
use zhengce::Decimal;

const CASES: &str = include_str!("../../fixtures/cases/quantities.tsv");

fn comparator(s: &str) -> Comparator {
    match s {
        "=" => Comparator::Eq,
        ">=" => Comparator::Ge,
        ">" => Comparator::Gt,
        "<=" => Comparator::Le,
        "<" => Comparator::Lt,
        "~" => Comparator::Approx,
        other => panic!("unknown comparator {other} in the case table"),
    }
}

fn quantities(text: &str) -> Vec<Quantity> {
    zhengce::parse_text(text).quantities
}

/// What one row of the case table says of the first quantity of its sentence; `None` when
/// the row is read right.
fn row_failure(f: &[&str]) -> Option<String> {
    let text = f[0];
    let found = quantities(text);
    if f.get(1) == Some(&"none") {
        return (!found.is_empty())
            .then(|| format!("{text}: expected no quantity, found {:?}", found[0].raw));
    }
    assert!(
        (6..=7).contains(&f.len()),
        "case row {f:?} should have six or seven fields"
    );
    let Some(q) = found.first() else {
        return Some(format!("{text}: expected a quantity, found none"));
    };
    let mut out = Vec::new();
    let value = Decimal::parse(f[1]).expect("case value is a decimal");
    if q.value != value {
        out.push(format!("value {} != {}", q.value, f[1]));
    }
    let max = (f[2] != "-").then(|| Decimal::parse(f[2]).expect("case value_max"));
    if q.value_max != max {
        out.push(format!("value_max {:?} != {:?}", q.value_max, max));
    }
    let unit = (f[3] != "-").then_some(f[3]);
    if q.unit.as_deref() != unit {
        out.push(format!("unit {:?} != {unit:?}", q.unit));
    }
    if f[4] != "-" && q.comparator != comparator(f[4]) {
        out.push(format!("comparator {:?} != {}", q.comparator, f[4]));
    }
    let kind = match f[5] {
        "target" => Some(QuantityKind::Target),
        "statistic" => Some(QuantityKind::Statistic),
        _ => None,
    };
    if kind.is_some_and(|k| k != q.kind) {
        out.push(format!("kind {:?} != {}", q.kind, f[5]));
    }
    for check in f.get(6).map_or("", |s| *s).split_whitespace() {
        match check.split_once('=') {
            Some(("approximate", v)) => {
                if q.approximate.to_string() != v {
                    out.push(format!("approximate {} != {v}", q.approximate));
                }
            }
            Some(("direction", v)) => {
                let got = match q.direction {
                    Some(Direction::Up) => "up",
                    Some(Direction::Down) => "down",
                    None => "-",
                };
                if got != v {
                    out.push(format!("direction {got} != {v}"));
                }
            }
            _ => panic!("unknown check {check:?} in the case table"),
        }
    }
    (!out.is_empty()).then(|| format!("{text}: {}", out.join(", ")))
}

#[test]
fn case_table_reads_right() {
    // (class, rows, rows read right) in file order.
    let mut classes: Vec<(&str, usize, usize)> = Vec::new();
    let mut failures = Vec::new();
    let mut known_wrong = false;
    let mut checked = 0;
    for line in CASES.lines() {
        if let Some(class) = line.strip_prefix("# -- ") {
            classes.push((class.trim(), 0, 0));
            continue;
        }
        if line.starts_with("# known wrong:") {
            known_wrong = true;
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let failure = row_failure(&f);
        checked += 1;
        if let Some(c) = classes.last_mut() {
            c.1 += 1;
            c.2 += usize::from(failure.is_none());
        }
        match failure {
            Some(m) if !known_wrong => failures.push(m),
            Some(m) => println!("known wrong: {m}"),
            None => {}
        }
        known_wrong = false;
    }
    for (class, n, ok) in &classes {
        println!("{ok:4}/{n:<4} {class}");
    }
    let (n, ok) = classes
        .iter()
        .fold((0, 0), |(n, ok), c| (n + c.1, ok + c.2));
    println!("{ok:4}/{n:<4} all rows read exactly");
    assert!(
        checked >= 100,
        "the case table should hold at least 100 phrasings, has {checked}"
    );
    assert!(
        failures.is_empty(),
        "case table mismatches:\n{}",
        failures.join("\n")
    );
}

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(entry).unwrap()
}

fn find<'a>(qs: &'a [Quantity], value: &str, unit: &str) -> Option<&'a Quantity> {
    let v = Decimal::parse(value).unwrap();
    qs.iter()
        .find(|q| q.value == v && q.unit.as_deref() == Some(unit))
}

#[test]
fn seed_003_has_the_mtbf_target_and_nothing_from_its_footer() {
    let doc = zhengce::parse_text(&seed("003_"));
    let q = find(&doc.quantities, "60", "%").expect("seed 003 should yield the 60% target");
    assert_eq!(q.comparator, Comparator::Ge, "提高60%以上 is a floor");
    assert_eq!(
        q.kind,
        QuantityKind::Target,
        "the 60% figure is a plan target"
    );
    assert_eq!(
        q.deadline.as_deref(),
        Some("2025"),
        "the target is due by 2025"
    );
    assert!(
        doc.quantities
            .iter()
            .all(|q| q.unit.is_some() || q.value.to_string().len() < 7),
        "no phone or QQ number is read as an amount"
    );
}

#[test]
fn seed_002_has_the_sampling_floor_as_a_target() {
    let doc = zhengce::parse_text(&seed("002_"));
    let q = find(&doc.quantities, "5000", "批次").expect("seed 002 should yield 5000 批次");
    assert_eq!(q.comparator, Comparator::Ge, "不低于 is a floor");
    assert_eq!(q.kind, QuantityKind::Target, "不低于5000批次 is a target");
}

#[test]
fn seed_001_has_its_targets_and_statistics() {
    let doc = zhengce::parse_text(&seed("001_"));
    let qs = &doc.quantities;
    let rates: Vec<_> = qs
        .iter()
        .filter(|q| q.unit.as_deref() == Some("%") && q.value == Decimal::from_int(100))
        .collect();
    assert_eq!(rates.len(), 3, "seed 001 has three 100% rates");
    for q in &rates {
        assert_eq!(
            q.kind,
            QuantityKind::Target,
            "{:?} is a stated goal",
            q.subject
        );
    }
    let subjects: Vec<_> = rates.iter().filter_map(|q| q.subject.as_deref()).collect();
    for s in ["企业检查覆盖率", "问题隐患整改率", "违法行为查处率"] {
        assert!(
            subjects.contains(&s),
            "the rate {s} is named as its subject"
        );
    }
    for (v, u) in [
        ("1379", "人次"),
        ("1391", "户次"),
        ("112", "人次"),
        ("76", "家次"),
        ("80", "批次"),
        ("1320", "人次"),
        ("310", "家"),
        ("6985", "人"),
        ("800", "家"),
        ("10000", "人次"),
        ("700", "张"),
        ("4000", "份"),
        ("14", "项"),
    ] {
        let q = find(qs, v, u).unwrap_or_else(|| panic!("seed 001 should yield {v} {u}"));
        assert_eq!(q.kind, QuantityKind::Statistic, "{v}{u} is a reported fact");
    }
    let q = find(qs, "1379", "人次").unwrap();
    assert_eq!(
        q.subject.as_deref(),
        Some("执法人员"),
        "1379人次 counts 执法人员"
    );
}

#[test]
fn seed_004_reads_nothing_from_dates_or_hotlines() {
    let doc = zhengce::parse_text(&seed("004_"));
    for q in &doc.quantities {
        assert!(
            q.unit.as_deref() != Some("年") || q.value.to_f64() < 1900.0,
            "no year is a quantity: {}",
            q.raw
        );
        assert!(
            !q.raw.contains("12315"),
            "a hotline is not a quantity: {}",
            q.raw
        );
    }
}

mod no_panic {
    use proptest::prelude::*;

    /// Characters that meet in quantities, dates, codes and titles, to mix at random.
    const ALPHABET: &[&str] = &[
        "1",
        "0",
        "2025",
        ".",
        ",",
        "-",
        "~",
        "%",
        "万",
        "亿",
        "一",
        "两",
        "十",
        "百",
        "千",
        "零",
        "〇",
        "○",
        "点",
        "成",
        "分之",
        "百分之",
        "余",
        "多",
        "近",
        "约",
        "以上",
        "以下",
        "至",
        "到",
        "年",
        "底前",
        "个",
        "个百分点",
        "元",
        "/",
        "吨",
        "日",
        "人次",
        "第",
        "《",
        "》",
        "“",
        "”",
        "，",
        "。",
        "；",
        "\n",
        " ",
        "壹",
        "陆",
        "廿",
        "不低于",
        "达到",
        "共",
        "力争",
        "十四五",
        "期间",
        "等",
        "部门",
        "(",
        "1.",
        "、",
    ];

    proptest! {
        #[test]
        fn any_mix_parses_with_spans_in_bounds(parts in prop::collection::vec(0..ALPHABET.len(), 0..60)) {
            let text: String = parts.iter().map(|&k| ALPHABET[k]).collect();
            let doc = zhengce::parse_text(&text);
            for q in &doc.quantities {
                prop_assert!(q.span.end <= text.len(), "a quantity span stays inside the text");
                prop_assert!(q.span.start <= q.span.end, "a quantity span is ordered");
                prop_assert!(!q.raw.is_empty(), "a quantity keeps its raw text");
            }
        }
    }
}

#[test]
fn a_figure_that_counts_a_list_names_the_noun_after_it() {
    let subject = |text: &str| {
        quantities(text)
            .first()
            .and_then(|q| q.subject.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        subject("组织修订《天津质量奖管理办法》和《天津质量奖卓越模式》、《天津质量奖评审规程》2项地方标准，启动评选工作。"),
        "地方标准",
        "a figure after a list of titles counts the noun after it"
    );
    assert_eq!(
        subject(
            "每个组别分别设计算机网络管理员、机床装调维修工、模具工（冲压）等3个竞赛职业（工种）。"
        ),
        "竞赛职业",
        "a figure after a list closed by 等 counts the noun after it"
    );
    assert_eq!(
        subject("区委宣传部、区市场监管局等21个部门联合开展了“质量月”活动。"),
        "区市场监管局等",
        "an organisers count keeps its organisers: the unit already names the noun"
    );
}

#[test]
fn a_list_stays_the_subject_when_the_words_after_run_on_into_a_predicate() {
    let q = quantities("县区高质量发展、粮食安全、六大强农等11项工作获得省政府真抓实干督查激励。");
    let q = q
        .iter()
        .find(|q| q.raw == "11项")
        .expect("11项 is a quantity");
    assert_eq!(
        q.subject.as_deref(),
        Some("六大强农等"),
        "a long run after the figure is a predicate, not the counted noun"
    );
}
