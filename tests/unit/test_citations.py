"""Cross-reference finding in running text."""

from itut_kb.extract.citations import recommendation_numbers, resolution_numbers

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
