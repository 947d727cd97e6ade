"""内容雷同: the same unit against last year (per section, passages side by side) and the units
of one region-year against each other (clusters), on real seed texts with injected copying."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.report.canonical import from_canonical
from gongkai.report.model import Report
from gongkai.report.spec import SECTIONS
from gongkai.supervision.copies import repetition, year_copy_findings, year_repetition
from gongkai.supervision.copies_cluster import (
    ClusterSettings,
    cluster_narratives,
    jaccard,
    peer_copy_findings,
    shingle_hashes,
)
from gongkai.supervision.signals_base import SignalSettings, UnitPair, UnitReport
from gongkai.supervision.templatetext import Template, content

HERE = Path(__file__).parent
CASES = HERE.parent / "report" / "cases"
TEMPLATE = (HERE / "copies_cases" / "department-template.txt").read_text(encoding="utf-8")


def seed(prefix: str) -> Report:
    (path,) = CASES.glob(f"seed-{prefix}-*/expected.json")
    return from_canonical(json.loads(path.read_text(encoding="utf-8")))


SEEDS = {p: seed(p) for p in ("000", "001", "002", "003", "004")}
OVERVIEW = SEEDS["000"].sections["overview"] or ""  # 临淄区民政局 2024, section 一


# ---------------------------------------------------------------- against last year


def test_text_copied_with_the_year_changed_is_wholly_repeated() -> None:
    found = repetition(OVERVIEW, OVERVIEW.replace("2024", "2023"))
    assert found.ratio == 1.0
    longest = max(found.passages, key=lambda p: p.size)
    assert longest.current == OVERVIEW[longest.current_span[0] : longest.current_span[1]]
    assert longest.current.replace("2024", "2023") == longest.previous


def test_half_copied_section_is_about_half_repeated() -> None:
    half = len(OVERVIEW) // 2
    last = OVERVIEW[:half] + (SEEDS["004"].sections["overview"] or "")
    found = repetition(OVERVIEW, last)
    assert found.ratio is not None and 0.4 < found.ratio < 0.6
    shown = "".join(p.current for p in found.passages)
    assert OVERVIEW[100:200] in shown  # from the copied half
    assert OVERVIEW[-100:] not in shown  # not from the rest


def test_different_units_texts_share_little() -> None:
    for first, second in (("000", "001"), ("003", "004"), ("001", "002")):
        found = repetition(
            SEEDS[first].sections["overview"] or "", SEEDS[second].sections["overview"] or ""
        )
        assert found.ratio is not None and found.ratio < 0.1, (first, second)


def test_names_changed_still_repeat_when_the_names_are_known() -> None:
    renamed = OVERVIEW.replace("临淄区民政局", "临淄区退役军人事务局")
    assert repetition(OVERVIEW, renamed).ratio < 1.0  # type: ignore[operator]
    names = ("临淄区民政局", "临淄区退役军人事务局")
    assert repetition(OVERVIEW, renamed, names).ratio == 1.0


def test_empty_section_has_no_ratio() -> None:
    assert repetition("", OVERVIEW).ratio is None
    assert repetition("五、存在的主要问题及改进情况", OVERVIEW).ratio is None


def unit(report: Report, year: int, unit_id: str = "u1") -> UnitReport:
    return UnitReport(unit_id, report.agency or "某单位", year, replace(report, year=year))


def test_year_repetition_per_section_and_overall() -> None:
    gov = SEEDS["004"]
    last_sections = dict(gov.sections)
    last_sections["overview"] = SEEDS["000"].sections["overview"]  # rewritten
    last = replace(gov, sections=last_sections)  # sections 五 and 六 copied
    found = year_repetition(UnitPair(unit(gov, 2024), unit(last, 2023)))
    assert found is not None
    ratios = {s.section: s.ratio for s in found.sections}
    assert ratios["overview"] is not None and ratios["overview"] < 0.1
    assert ratios["problems_section"] == 1.0 and ratios["other_section"] == 1.0
    assert ratios["proactive_section"] is None  # no narrative of its own (a table)
    expected = sum(s.repetition.repeated for s in found.sections) / sum(
        s.repetition.size for s in found.sections
    )
    assert found.ratio == expected and 0.2 < expected < 0.6
    findings = year_copy_findings(UnitPair(unit(gov, 2024), unit(last, 2023)))
    assert (found.ratio > 0.5) == bool(findings)


def test_threshold_is_strictly_greater() -> None:
    gov = SEEDS["004"]
    pair = UnitPair(unit(gov, 2024), unit(gov, 2023))
    assert year_copy_findings(pair)  # 100 % > 50 %
    assert year_copy_findings(pair, SignalSettings(copy_threshold=1.0)) == []


def test_only_the_template_shared_is_not_copying() -> None:
    titles = [s.title for s in SECTIONS]
    preamble = (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府"
        "信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本年度报告中所列数据的"
        "统计期限自2024年1月1日起，至2024年12月31日止。"
    )
    first = [SEEDS["000"].sections[s.key] or "" for s in SECTIONS]
    second = [SEEDS["003"].sections[s.key] or "" for s in SECTIONS]
    a = preamble + "".join(t + "\n" + x for t, x in zip(titles, first, strict=True))
    b = preamble + "".join(t + "\n" + x for t, x in zip(titles, second, strict=True))
    kept = repetition(a, b, template=Template.empty()).ratio
    removed = repetition(a, b).ratio
    assert kept is not None and removed is not None and removed < kept and removed < 0.1


# ---------------------------------------------------------------- properties

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_TEXT_PIECE = st.one_of(
    st.text(_HAN, min_size=1, max_size=40),
    st.sampled_from(["，", "。", "\n", "2024年", "（一）", "12件", "；"]),
    st.sampled_from([s.title for s in SECTIONS]),
    st.sampled_from(["行政复议", "本年新收政府信息公开申请数量", "中华人民共和国政府信息公开条例"]),
)
_TEXTS = st.lists(_TEXT_PIECE, min_size=1, max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_a_text_against_itself_is_wholly_repeated(text: str) -> None:
    found = repetition(text, text)
    if content(text).size:
        assert found.ratio == 1.0
    else:
        assert found.ratio is None


def _random_text(seed: int, size: int) -> str:
    rng = random.Random(seed)
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(size))


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 2**32),
    st.integers(0, 2**32),
    st.integers(100, 800),
    st.integers(100, 800),
)
def test_unrelated_texts_share_almost_nothing(
    first_seed: int, second_seed: int, first_size: int, second_size: int
) -> None:
    """Unrelated: two texts of characters drawn independently (hypothesis itself would happily
    draw "一一一…" twice, which is not unrelated)."""
    assume(first_seed != second_seed)
    first = _random_text(first_seed, first_size)
    second = _random_text(second_seed, second_size)
    found = repetition(first, second)
    assert found.ratio is not None and found.ratio <= 0.05


_TEMPLATE_PIECES = st.sampled_from(
    [
        *(s.title for s in SECTIONS),
        "本年新收政府信息公开申请数量",
        "结转下年度继续办理",
        "行政复议",
        "本报告根据《中华人民共和国政府信息公开条例》要求编制。",
        "如对本报告有疑问，请与本机关联系。",
        "（一）存在的主要问题",
        "（二）改进情况",
    ]
)
# the units' own words from two separate ranges: they cannot share a passage
_OWN_A = st.text(st.characters(min_codepoint=0x5800, max_codepoint=0x6FFF), min_size=1, max_size=30)
_OWN_B = st.text(st.characters(min_codepoint=0x7000, max_codepoint=0x87FF), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_TEMPLATE_PIECES, _OWN_A, _OWN_B), min_size=1, max_size=12))
def test_removing_the_template_never_raises_the_ratio_of_template_only_sharing(
    parts: list[tuple[str, str, str]],
) -> None:
    a = "".join(t + x for t, x, _ in parts)
    b = "".join(t + y for t, _, y in parts)
    kept = repetition(a, b, template=Template.empty()).ratio or 0.0
    removed = repetition(a, b).ratio or 0.0
    assert removed <= kept


# ---------------------------------------------------------------- across units


def department(name: str, n: int, own: str) -> str:
    return TEMPLATE.format(name=name, n=n, own=own)


def narrative_unit(unit_id: str, name: str, text: str, base: Report | None = None) -> UnitReport:
    report = replace(base or SEEDS["001"], agency=name, sections={"overview": text})
    return UnitReport(unit_id, name, 2024, report)


DEPARTMENTS = (
    ("d1", "临淄区教育局", "全年组织开展教育政策解读活动，回应家长关切。"),
    ("d2", "临淄区财政局", "重点做好预决算公开和惠民惠农补贴资金公开。"),
    ("d3", "临淄区住房和城乡建设局", "围绕保障性住房分配和老旧小区改造加大公开力度。"),
    ("d4", "临淄区卫生健康局", "及时公开医疗机构执业登记和公共卫生服务项目信息。"),
)


def region() -> list[UnitReport]:
    units = [UnitReport(f"s{p}", r.agency or f"单位{p}", 2024, r) for p, r in SEEDS.items()]
    copy = SEEDS["000"]
    renamed = {
        k: (v or "").replace("临淄区民政局", "临淄区退役军人事务局")
        for k, v in copy.sections.items()
    }
    units.append(
        UnitReport(
            "copy-of-s000",
            "临淄区退役军人事务局",
            2024,
            replace(copy, agency="临淄区退役军人事务局", sections=renamed),
        )
    )
    for i, (unit_id, name, own) in enumerate(DEPARTMENTS):
        units.append(narrative_unit(unit_id, name, department(name, 10 + 7 * i, own)))
    return units


def test_region_clusters_are_exactly_the_injected_copies() -> None:
    units = region()
    found = cluster_narratives(units)
    assert [c.units for c in found.clusters] == [("d1", "d2", "d3", "d4"), ("copy-of-s000", "s000")]
    for cluster in found.clusters:
        assert cluster.similarity >= 0.5
        for pair in cluster.pairs:
            assert abs(pair.estimated - pair.similarity) < 0.2
    assert found.clusters[1].similarity == 1.0  # names replaced: the same text
    assert found.too_short == ()


def test_peer_findings_name_the_other_units() -> None:
    units = region()
    findings = peer_copy_findings(cluster_narratives(units), units)
    by_unit = {f.unit_id: f.finding for f in findings}
    assert sorted(by_unit) == ["copy-of-s000", "d1", "d2", "d3", "d4", "s000"]
    assert "临淄区退役军人事务局" in by_unit["s000"].message
    assert (
        "临淄区教育局" in by_unit["d4"].message and "临淄区卫生健康局" not in by_unit["d4"].message
    )
    assert by_unit["d1"].code == "SUP-COPY-PEER"


def test_a_large_cluster_is_verified_in_linear_work() -> None:
    units = [
        narrative_unit(f"d{i:02}", f"第{i}局", department(f"第{i}局", i, "")) for i in range(30)
    ]
    found = cluster_narratives(units)
    assert len(found.clusters) == 1 and len(found.clusters[0].units) == 30
    assert found.verified == 29  # one per member joining, not 435 pairs
    assert found.candidates >= 29


def test_short_narratives_are_left_out_and_listed() -> None:
    units = [narrative_unit(f"t{i}", f"乡镇{i}", "本年度无依申请公开。") for i in range(3)]
    found = cluster_narratives(units)
    assert found.clusters == () and found.too_short == ("t0", "t1", "t2")
    assert cluster_narratives(units, ClusterSettings(min_chars=1)).clusters[0].units == (
        "t0",
        "t1",
        "t2",
    )


def test_clustering_is_deterministic() -> None:
    assert cluster_narratives(region()) == cluster_narratives(list(reversed(region())))


def test_shingle_hashes_skip_boundaries_and_jaccard_is_exact() -> None:
    assert len(shingle_hashes("abcdefg", 5)) == 3
    assert len(shingle_hashes("abc|defg", 3)) == 3  # abc, def, efg
    assert len(shingle_hashes("ab", 5)) == 1
    one, two = shingle_hashes("abcdef", 3), shingle_hashes("bcdefg", 3)
    assert jaccard(one, two) == 3 / 5


def test_unit_ids_must_be_distinct() -> None:
    units = region()
    with pytest.raises(ValueError, match="distinct"):
        cluster_narratives([*units, units[0]])
