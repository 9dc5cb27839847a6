"""Cross-reference finding in running text."""

from itut_kb.extract.citations import bare_numbers, recommendation_numbers, resolution_numbers

WTSA = [1, 2, 20, 22, 50, 54, 99]
ASSEMBLIES = [(2016, "哈马马特"), (2022, "日内瓦"), (2024, "新德里")]


def test_recommendations_after_itu_t_and_before_jian_yi_shu() -> None:
    text = "有关ITU-T E.164建议书的规定以及A.8建议书和[ITU-T A.1]"
    assert recommendation_numbers(text) == ["E.164", "A.8", "A.1"]


def test_dual_numbers_and_sub_numbers_and_bis() -> None:
    text = "ITU-T G.820/I.351/Y.1501、ITU-T G.8275.1和ITU-T Q.933之二"
    assert recommendation_numbers(text) == ["G.820", "I.351", "Y.1501", "G.8275.1", "Q.933bis"]


def test_patterns_and_bare_numbers_are_not_recommendations() -> None:
    assert recommendation_numbers("ITU-T Q.10xx系列和第1.1节以及X.25接口") == []


def test_broken_itu_t_prefix_of_the_pdf_is_read() -> None:
    assert recommendation_numbers("ITU T G.710、ITU-T G.729") == ["G.710", "G.729"]


def test_wtsa_resolutions_with_wtsa_dates_or_no_date() -> None:
    text = (
        "WTSA第99号决议（2024年，新德里，修订版）和第22号决议以及本届全会第54号决议（2022年，日内瓦，修订版）"
    )
    assert resolution_numbers(text, WTSA, ASSEMBLIES) == [99, 22, 54]


def test_other_bodies_resolutions_are_not_wtsa_resolutions() -> None:
    text = "全权代表大会第208号决议（2018年，迪拜）；全权代表大会第22号决议；第59号决议（2022年，基加利，修订版）"
    assert resolution_numbers(text, [*WTSA, 59, 208], ASSEMBLIES) == []


def test_unknown_numbers_and_un_resolutions_are_skipped() -> None:
    assert resolution_numbers("联大第78/265号决议和第300号决议", WTSA, ASSEMBLIES) == []


def test_lists_of_resolutions_cite_each() -> None:
    assert resolution_numbers("WTSA第20和第22号决议以及第50、54号决议", WTSA, ASSEMBLIES) == [20, 22, 50, 54]
    assert resolution_numbers("全权代表大会第20和22号决议", WTSA, ASSEMBLIES) == []


def test_lists_with_hao_after_each_number_cite_each() -> None:
    assert resolution_numbers(
        "本届全会第44号和第54号决议（2024年，新德里，修订版）", [44, 54], ASSEMBLIES
    ) == [44, 54]
    assert resolution_numbers("第20、第22号决议和第50号及第54号决议", WTSA, ASSEMBLIES) == [20, 22, 50, 54]
    assert resolution_numbers("第54(MOD)、第99(MOD)号决议", WTSA, ASSEMBLIES) == [54, 99]


def test_bracketed_references_of_the_a_series_cite_wtsa_resolutions() -> None:
    text = "见[b-WTSA Res. 1]第2.1.5节，按照[WTSA Res.2]和[WTSA Res. 22]；[PP Res. 66]不是"
    assert resolution_numbers(text, [*WTSA, 66], ASSEMBLIES) == [1, 2, 22]


def test_a_parenthesis_closes_the_phrase_of_another_body() -> None:
    text = "其他现行WTSA/理事会/PP决议（特别是规定所有ITU-T研究组职责的第2号决议）"
    assert resolution_numbers(text, WTSA, ASSEMBLIES) == [2]
    # a closed parenthesis inside the phrase does not hide the body named before it
    assert resolution_numbers("理事会关于信息通信技术（ICT）的第22号决议", WTSA, ASSEMBLIES) == []


def test_series_heads_are_not_citations() -> None:
    assert recommendation_numbers("（ITU-T F.500和ITU-T X.500系列）、ITU-T X.660/ITU-T X.670系列") == [
        "F.500",
        "X.660",
    ]
    assert recommendation_numbers("ITU-T L.1020系列建议书") == []
    # 各系列 makes each number of the list before it a series head
    assert recommendation_numbers("ITU-T J.140、ITU-T J.240和ITU-T J.340各系列以及ITU-T J.185") == ["J.185"]


def test_range_bounds_are_not_citations() -> None:
    assert recommendation_numbers("ITU-T Y.1300 – ITU-T Y.1309、ITU-T Y.1501和ITU-T Y.1700系列") == ["Y.1501"]
    assert recommendation_numbers("ITU-T E.120 – ITU-T E.139（ITU-T E.129除外）") == ["E.129"]


def test_a_list_dash_is_not_a_range() -> None:
    assert recommendation_numbers("成果：\n– ITU-T A.1建议书（最新版）\n– ITU-T A.2建议书") == ["A.1", "A.2"]


def test_bare_numbers_where_they_can_be_recommendations() -> None:
    text = "登记管理E.164国家代码，E.164/URI转换，称为规范性参引的A.5理由"
    assert bare_numbers(text) == ["E.164", "A.5"]
    assert recommendation_numbers(text) == []


def test_bare_numbers_that_are_clause_figure_table_or_other_bodies_numbers() -> None:
    text = (
        "见第A.3款、第C.5.6和C.5.7款；图I.1说明；表I.2 – 模板；附件A的A.1.1；\n"
        "B.1 本附件为…；（A/HRC/20/L.13）；ITU-R M.2516-0号报告；ITU-R M.2160建议书；E.164系列"
    )
    assert bare_numbers(text) == ["A.1.1"]  # left to the proceedings-wide test: never cited as ITU-T A.1.1
    assert recommendation_numbers(text) == []
