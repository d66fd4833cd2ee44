use super::*;

fn split(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    split_names_into(text.to_string(), &mut names);
    names
}

#[test]
fn numerals_in_both_styles() {
    assert_eq!(
        normalise_numerals("钢结构工程专业承包壹级"),
        "钢结构工程专业承包一级"
    );
    assert_eq!(
        normalise_numerals("贰级 貳级 叁级 參级 肆"),
        "二级 二级 三级 三级 四"
    );
    assert_eq!(normalise_numerals("第１类（Ａ）"), "第1类（Ａ）");
    assert_eq!(normalise_numerals(""), "");
}

#[test]
fn grades_from_names() {
    let cases = [
        ("建筑工程施工总承包特级", Grade::Special),
        ("钢结构工程专业承包一级", Grade::First),
        ("钢结构工程专业承包壹级", Grade::First),
        ("石油化工工程施工总承包二级", Grade::Second),
        ("石油化工工程施工总承包贰级", Grade::Second),
        ("环保工程专业承包三级", Grade::Third),
        ("环保工程专业承包叁级", Grade::Third),
        ("工程设计建筑行业（建筑工程）甲级", Grade::A),
        ("工程设计市政行业排水工程专业乙级", Grade::B),
        ("工程勘察专业类岩土工程丙级", Grade::C),
        ("工程设计综合资质", Grade::Comprehensive),
        ("工程设计综合资质甲级", Grade::A),
        ("施工劳务不分等级", Grade::Ungraded),
        ("工程勘察工程钻探劳务", Grade::Unknown),
        ("特种工程（结构补强）专业承包", Grade::Unknown),
        ("", Grade::Unknown),
    ];
    for (name, want) in cases {
        assert_eq!(grade_of(name), want, "{name}");
    }
}

#[test]
fn labels_rank_and_parse() {
    assert_eq!(Grade::Special.label_zh(), "特级");
    assert_eq!(Grade::A.label_zh(), "甲级");
    assert_eq!(Grade::Ungraded.label_zh(), "不分等级");
    assert_eq!(Grade::Unknown.label_zh(), "未知");
    assert!(Grade::Special.rank() > Grade::First.rank());
    assert!(Grade::A.rank() > Grade::B.rank());
    assert!(Grade::Ungraded.rank() > Grade::Unknown.rank());
    assert_eq!(Grade::parse("壹级"), Some(Grade::First));
    assert_eq!(Grade::parse(" 甲 "), Some(Grade::A));
    assert_eq!(Grade::parse("A"), Some(Grade::A));
    assert_eq!(Grade::parse("Ａ"), Some(Grade::A));
    assert_eq!(Grade::parse("second"), Some(Grade::Second));
    assert_eq!(Grade::parse("3"), Some(Grade::Third));
    assert_eq!(Grade::parse(""), None);
    assert_eq!(Grade::parse("五级"), None);
    for g in Grade::ALL {
        assert!(!g.label_en().is_empty());
        if g != Grade::Unknown {
            assert_eq!(Grade::parse(g.label_zh()), Some(g), "{g:?}");
        }
    }
}

#[test]
fn serializes_snake_case_matching_code() {
    for g in Grade::ALL {
        assert_eq!(serde_json::to_value(g).unwrap(), g.code());
    }
    assert_eq!(serde_json::to_value(Grade::A).unwrap(), "a");
    assert_eq!(
        serde_json::to_value(Grade::Comprehensive).unwrap(),
        "comprehensive"
    );
}

#[test]
fn splits_on_both_commas_and_semicolons() {
    assert_eq!(
        split("机电工程施工总承包一级,公路路基工程专业承包一级，市政公用工程施工总承包特级"),
        [
            "机电工程施工总承包一级",
            "公路路基工程专业承包一级",
            "市政公用工程施工总承包特级"
        ]
    );
    assert_eq!(split(" a ; b；c,, ，"), ["a", "b", "c"]);
    assert!(split("").is_empty());
    assert!(split(" ,，; ").is_empty());
}

#[test]
fn separators_inside_brackets_belong_to_the_name() {
    assert_eq!(
        split("工程设计建筑行业（建筑工程，人防工程）甲级,工程设计市政行业甲级"),
        [
            "工程设计建筑行业（建筑工程，人防工程）甲级",
            "工程设计市政行业甲级"
        ]
    );
    assert_eq!(split("a(b,c"), ["a(b", "c"]);
    assert_eq!(split("a)b,c"), ["a)b", "c"]);
    assert_eq!(split("甲、乙,丙"), ["甲、乙", "丙"]);
}

/// Names are appended after what the list holds; a lone name keeps its buffer.
#[test]
fn splitting_appends_and_moves_a_lone_name() {
    let mut names = vec!["kept".to_string()];
    let lone = "\u{3000}建筑工程施工总承包一级 ".to_string();
    split_names_into(lone, &mut names);
    split_names_into("a,b".to_string(), &mut names);
    assert_eq!(names, ["kept", "建筑工程施工总承包一级", "a", "b"]);
    let lone = "建筑工程施工总承包一级".to_string();
    let at = lone.as_ptr();
    let mut names = Vec::new();
    split_names_into(lone, &mut names);
    assert_eq!(names[0].as_ptr(), at);
}
