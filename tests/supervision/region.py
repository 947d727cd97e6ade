"""A small realistic region on disk, with known defects injected, for the supervision tests.

临淄区人民政府 (汇总) over four units, 张店区人民政府 (本级) over three; reports rendered from
canonical documents by gongkai's own renderers in mixed formats (HTML, DOCX, PDF, Markdown),
last year's report of 临淄区民政局 the seed report (tests/report/cases, seed 000, 2024).

Injected defects, each with what must be found (see test_region.py):
  1. 张店区自然资源局 publishes nothing                      → missing
  2. 张店区教育和体育局 signs its report 2026-02-10              → late by 10 days (signing date)
  3. a report of 临淄区文化和旅游局, not in the roster         → unassigned, never guessed
  4. 临淄区民政局's report uploaded twice (HTML and DOCX)       → one report, two sources
  5. 临淄区财政局 republished on 2026-02-15 with 予以公开 +2     → 发布后有变动, figures of v2,
                                                            timeliness of v1 (2026-01-20)
  6. 临淄区人民政府's 汇总 report: 行政许可 one more than the sum → AGG-SUM on that cell only
  7. 张店区人民政府 uploads its 2024 report in the 2025 folder  → wrong year
  8. a damaged PDF                                          → unreadable, listed
  9. 稷下街道办事处's report has no signing date, no manifest row → date unknown
 10. 张店区卫生健康局 files 张店区交通运输局's narrative, names changed
                                                            → SUP-COPY-PEER on both
 11. 张店区住房和城乡建设局 republishes its 2024 report as 2025's: the same text (year changed)
     and the same tables                                    → SUP-COPY-YEAR, SUP-PROBLEMS-REPEAT,
                                                              SUP-SAME-FIGURES, TEXT-COPY
 12. 张店区城市管理局 leaves section 五 empty                → SUP-PROBLEMS-EMPTY

Every unit writes its own section 五 (PROBLEMS below), so that a clean unit's narrative is its
own: the cross-unit copy detection must find (10) and nothing else.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.report.canonical import from_canonical
from gongkai.report.render import render
from gongkai.report.spec import APPLICANT_TYPES, FORMAT_2021
from tests.report.factories import clean_document

ROOT = Path(__file__).parents[2]
SEED_2024 = (
    ROOT / "tests/report/cases/convert-seed-000-linzi-civil-affairs-2024-pdftotext/source.txt"
)
YEAR = 2025

ROSTER_CSV = """单位名称,单位类型,上级单位,别名,报告范围,统一社会信用代码
临淄区人民政府,区县政府,,,汇总,11370305004000001A
临淄区民政局,政府部门,临淄区人民政府,区民政局；临淄民政,,11370305004000002B
临淄区财政局,政府部门,临淄区人民政府,区财政局,,
临淄区市场监督管理局,政府部门,临淄区人民政府,区市场监管局、临淄区市场监管局,,
齐都镇人民政府,乡镇街道,临淄区人民政府,齐都镇政府,,
张店区人民政府,区县政府,,,本级,
张店区自然资源局,政府部门,张店区人民政府,,,
张店区教育和体育局,政府部门,张店区人民政府,张店区教体局,,
稷下街道办事处,乡镇街道,张店区人民政府,稷下街道,,
张店区交通运输局,政府部门,张店区人民政府,,,
张店区卫生健康局,政府部门,张店区人民政府,张店区卫健局,,
张店区住房和城乡建设局,政府部门,张店区人民政府,张店区住建局,,
张店区城市管理局,政府部门,张店区人民政府,,,
"""

# each unit's own account of its year's work, in the overview (written by hand)
WORK = {
    "临淄区人民政府": "全区围绕优化营商环境、乡村振兴和民生保障三条主线，统筹推进决策、执行、管理、服务、"
    "结果公开，区政府常务会议审议事项会后及时发布，重点民生实事项目按季度通报进展。",
    "临淄区民政局": "本局聚焦低保、特困供养、临时救助和养老服务，公开救助标准调整文件和资金发放情况，"
    "在社区服务中心设置政策明白纸，为困难群众和老年人提供面对面的政策解答。",
    "临淄区财政局": "本局按照预算法要求在法定时限内公开本级预决算和部门预决算，细化到功能分类项级科目，"
    "同步公开政府债务限额余额和专项债券项目安排，回应人大代表对资金使用的关注。",
    "临淄区市场监督管理局": "本局围绕食品药品安全和特种设备安全，公开抽检计划和不合格产品处置结果，"
    "双随机抽查事项清单全部上网，企业年报公示提醒通过短信和窗口同步推送。",
    "齐都镇人民政府": "本镇依托便民服务中心和村务公开栏，公开惠农补贴、农村低保和宅基地审批事项，"
    "镇村两级公开目录同步更新，农忙季节组织干部进村入户讲解政策。",
    "张店区人民政府": "区政府本级围绕城市更新、营商环境和公共服务，公开重大行政决策事项目录、"
    "政府工作报告重点任务分解和年度财政资金安排，常务会议议定事项逐项跟踪公开落实情况。",
    "张店区教育和体育局": "本局公开义务教育招生划片范围、学位预警和民办学校收费标准，"
    "全民健身场地设施免费开放名单和开放时段在官网和公众号同步发布。",
    "稷下街道": "街道以社区为单元推进基层政务公开标准化，公开居民最低生活保障、"
    "残疾人两项补贴和就业援助办理流程，社区公开栏和居民群定期推送办事指南。",
    "张店区交通运输局": "本局公开公交线网优化方案、城市道路占用挖掘审批结果和出租汽车运价调整信息，"
    "重点交通工程建设项目在施工现场和门户网站同步公示工期、责任单位和监督电话。",
    "张店区城市管理局": "本局公开市容环境卫生责任区划分、户外广告设置审批和占道经营整治情况，"
    "垃圾分类示范小区名单和考核结果按月在门户网站发布。",
}

# each unit's own section 五: problems and measures in its own words (written by hand)
PROBLEMS = {
    "临淄区人民政府": "一是部分部门政策解读与文件同步发布落实不到位，解读材料以文字为主；二是基层政务公开"
    "标准目录更新滞后。下一步将建立解读材料随文件同步审核机制，组织镇街对照标准目录逐项梳理，"
    "年底前完成目录动态调整。同时把政务公开纳入年度绩效考核，对解读质量不高的部门进行通报并限期整改。",
    "临淄区民政局": "社会救助和养老服务信息更新不够及时，个别救助对象公示材料格式不统一。改进措施：按月"
    "更新低保特困人员名单，统一公示模板，安排专人每周检查养老机构等级评定结果公开情况。此外在婚姻登记大厅设置公开查阅点，方便老年群众现场查询。",
    "临淄区财政局": "预决算公开的部门覆盖面仍有缺口，个别单位三公经费说明过于简略；专项资金分配结果公开"
    "不够细化。我们将把预决算公开纳入绩效评价，逐一督促补充说明，专项资金按项目逐笔公开。对乡镇财政所开展业务辅导，确保惠民惠农资金发放信息全部上网。",
    "临淄区市场监督管理局": "食品抽检结果公开时效偏慢，行政处罚信息在网站与信用平台之间存在不同步的情况。"
    "今后抽检结果在出具报告后七个工作日内公开，处罚决定与信用信息实行一次录入、双向推送。对特种设备检验和计量器具检定结果也纳入主动公开范围。",
    "齐都镇人民政府": "村务公开栏内容更新不规范，群众关心的惠农补贴发放信息公开不够细致。本镇将统一"
    "村级公开栏版式，按季度张贴补贴发放明细，并由包村干部每月核查更新情况。对涉及土地征收的事项，坚持先公示后实施，公示期满无异议再推进。",
    "张店区人民政府": "重大行政决策预公开征求意见的反馈不够充分，部分意见采纳情况未予说明；政府网站"
    "专栏栏目设置分散。改进方向是在决策公布时同步发布意见采纳说明，整合专栏，方便群众查找。另外对依申请公开答复书实行法制审核，降低复议纠错风险。",
    "张店区教育和体育局": "招生入学政策咨询集中在春季，答复口径偶有不一致；校外培训机构白名单公开后更新"
    "不及时。将编制招生政策问答汇编统一口径，白名单实行变动即更新并注明更新日期。体育场馆免费开放时段也将在每学期开学前统一对外发布。",
    "稷下街道办事处": "社区网格员对政务公开要求掌握不够，居民议事协商结果公开不全面。街道将开展网格员"
    "专题培训，居民议事会结束后三日内在社区公开栏和微信群公布协商结果和办理进度。对老旧小区改造项目，施工前召开居民说明会并公开施工方案和工期。",
    "张店区交通运输局": "公交线路调整征求意见的时间偏短，出租汽车经营权配置信息公开不够完整；交通建设"
    "项目进度公开停留在开工竣工两个节点。下一步延长线路调整公示期，完整公开经营权配置方案和结果，"
    "按月公开重点项目形象进度和资金拨付情况，接受社会监督。",
    "张店区住房和城乡建设局": "保障性住房分配结果公示后群众咨询较多，工程建设项目招投标信息分布在多个平台，"
    "查询不便。我局将在分配公示中增加轮候排序说明，并在门户网站设立工程建设项目信息汇集专栏。物业服务企业信用评价结果也将每半年集中公开一次。",
}

CLEAN_UNITS = ("临淄区民政局", "临淄区市场监督管理局", "齐都镇人民政府", "张店区人民政府")


def _row(*values: int) -> dict[str, int]:
    return {**dict(zip(APPLICANT_TYPES, values, strict=True)), "total": sum(values)}


def unit_document(
    agency: str,
    signed: str | None,
    scale: int = 1,
    year: int = YEAR,
    problems: str | None = None,
) -> dict[str, Any]:
    """clean_document's tables times ``scale`` (identities hold), carried in 0 (so that X1
    holds against the seed, whose 结转 is 0), for ``agency``."""
    doc = clean_document(year)
    doc["agency"] = agency
    doc["published_on"] = signed
    apps = doc["applications"]
    apps["carried_in"] = _row(0, 0, 0, 0, 0, 0)
    for key, cells in apps.items():
        apps[key] = {c: v * scale for c, v in cells.items()}
    concluded, carried_out = apps["concluded_total"], apps["carried_out"]
    apps["received"] = {c: concluded[c] + carried_out[c] for c in concluded}
    doc["disputes"] = {
        g: {c: v * scale for c, v in cells.items()} for g, cells in doc["disputes"].items()
    }
    doc["sections"] = {
        k: (v.replace("本局", agency).replace("我局", agency) if v else v)
        for k, v in doc["sections"].items()
    }
    doc["sections"]["overview"] = (
        f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"共收到政府信息公开申请{apps['received']['total']}件，"
        f"办结{apps['concluded_total']['total']}件，结转下年度继续办理{apps['carried_out']['total']}件。"
        + WORK.get(agency, "")
    )
    doc["sections"]["problems_section"] = PROBLEMS.get(agency, "") if problems is None else problems
    return doc


def small_document(agency: str, signed: str | None) -> dict[str, Any]:
    """A township with 3 applications: below the ranking floor."""
    doc = unit_document(agency, signed)
    rows = {key: _row(0, 0, 0, 0, 0, 0) for key in FORMAT_2021.applications.row_keys}
    rows["received"] = _row(3, 0, 0, 0, 0, 0)
    rows["granted"] = _row(2, 0, 0, 0, 0, 0)
    rows["unavailable_not_held"] = _row(1, 0, 0, 0, 0, 0)
    rows["concluded_total"] = _row(3, 0, 0, 0, 0, 0)
    doc["applications"] = rows
    doc["disputes"] = {g: dict.fromkeys(cells, 0) for g, cells in doc["disputes"].items()}
    doc["sections"]["overview"] = f"{YEAR}年，{agency}共收到政府信息公开申请3件，办结3件。"
    return doc


def sum_documents(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The oracle of the aggregate report: every cell added up, by hand of the test."""
    out = copy.deepcopy(docs[0])
    for table in ("proactive", "applications", "disputes"):
        for row, cells in out[table].items():
            if isinstance(cells, dict):
                out[table][row] = {c: sum(d[table][row][c] for d in docs) for c in cells}
            else:
                out[table][row] = sum(d[table][row] for d in docs)
    return out


def _same_each_year(agency: str, signed: str, year: int) -> dict[str, Any]:
    """A unit that files the same report every year: no application carried over either
    way (so that the carry-over rule X1 holds with identical tables), the text the same but
    for the year."""
    doc = unit_document(agency, signed, year=year)
    apps = doc["applications"]
    apps["carried_out"] = _row(0, 0, 0, 0, 0, 0)
    apps["received"] = dict(apps["concluded_total"])
    doc["proactive"]["normative_docs"] = {"issued": 0, "repealed": 0, "in_force": 12}
    doc["sections"]["overview"] = (
        f"{year}年，{agency}坚持以公开为常态、不公开为例外，共收到政府信息公开申请"
        f"{apps['received']['total']}件，全部按期办结，无结转下年度办理的申请。"
        "全年围绕住房保障、城市更新和建筑市场监管等重点领域，主动公开各类政府信息，"
        "及时回应群众关切，公开工作总体平稳有序。"
    )
    return doc


@dataclass(frozen=True)
class Region:
    root: Path
    roster: Path
    reports: Path
    previous: Path
    manifest: Path
    documents: dict[str, dict[str, Any]]  # the current version of each unit's report


def _write(path: Path, doc: dict[str, Any], fmt: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(from_canonical(doc), fmt))


def build_region(root: Path) -> Region:
    reports, previous = root / "reports", root / "previous"
    reports.mkdir(parents=True)
    previous.mkdir(parents=True)
    roster = root / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8-sig")
    shutil.copy(SEED_2024, previous / "linzi-civil-affairs-2024.txt")

    docs: dict[str, dict[str, Any]] = {}
    docs["临淄区民政局"] = unit_document("临淄区民政局", "2026-01-20")
    _write(reports / "a/民政.html", docs["临淄区民政局"], "html")
    _write(reports / "b/copy-of-minzheng.docx", docs["临淄区民政局"], "docx")  # (4)

    finance_v1 = unit_document("临淄区财政局", None, scale=2)
    finance_v2 = copy.deepcopy(finance_v1)  # (5): two more granted, and two more received
    for row in ("granted", "concluded_total", "received"):
        finance_v2["applications"][row]["natural_person"] += 2
        finance_v2["applications"][row]["total"] += 2
    finance_v2["sections"]["overview"] = (
        finance_v2["sections"]["overview"]
        .replace(
            f"申请{finance_v1['applications']['received']['total']}件",
            f"申请{finance_v2['applications']['received']['total']}件",
        )
        .replace(
            f"办结{finance_v1['applications']['concluded_total']['total']}件",
            f"办结{finance_v2['applications']['concluded_total']['total']}件",
        )
    )
    _write(reports / "finance-first.md", finance_v1, "md")
    _write(reports / "finance-again.md", finance_v2, "md")
    docs["临淄区财政局"] = finance_v2

    docs["临淄区市场监督管理局"] = unit_document("临淄区市场监督管理局", "2026-01-29", scale=3)
    _write(reports / "scjg.pdf", docs["临淄区市场监督管理局"], "pdf")
    docs["齐都镇人民政府"] = small_document("齐都镇人民政府", "2026-01-10")
    _write(reports / "qidu.html", docs["齐都镇人民政府"], "html")

    government = sum_documents(
        [
            docs[n]
            for n in ("临淄区民政局", "临淄区财政局", "临淄区市场监督管理局", "齐都镇人民政府")
        ]
    )
    government["agency"] = "临淄区人民政府"
    government["published_on"] = "2026-03-20"
    government["proactive"]["licensing"] += 1  # (6)
    apps = government["applications"]
    government["sections"]["overview"] = (
        "本报告由临淄区人民政府办公室根据各部门、各镇政府信息公开工作年度报告汇总编制而成。"
        f"{YEAR}年，全区共收到政府信息公开申请{apps['received']['total']}件，"
        f"办结{apps['concluded_total']['total']}件，结转下年度继续办理{apps['carried_out']['total']}件。"
    )
    docs["临淄区人民政府"] = government
    _write(reports / "gov/linzi.docx", government, "docx")

    # 张店区
    zhangdian_2024 = unit_document("张店区人民政府", "2025-03-25", year=2024)
    _write(reports / "zhangdian.html", zhangdian_2024, "html")  # (7)
    docs["张店区教育和体育局"] = unit_document("张店区教育和体育局", "2026-02-10")  # (2)
    _write(reports / "jiaoti.pdf", docs["张店区教育和体育局"], "pdf")
    docs["稷下街道办事处"] = unit_document(  # (9): found by its alias
        "稷下街道", None, problems=PROBLEMS["稷下街道办事处"]
    )
    _write(reports / "jixia.md", docs["稷下街道办事处"], "md")
    _write(reports / "wenlv.html", unit_document("临淄区文化和旅游局", "2026-01-15"), "html")  # (3)
    (reports / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF")  # (8)

    docs["张店区交通运输局"] = unit_document("张店区交通运输局", "2026-01-22")
    _write(reports / "jiaotong.html", docs["张店区交通运输局"], "html")
    health = unit_document(  # (10): the transport bureau's narrative, names changed
        "张店区卫生健康局", "2026-01-23", problems=PROBLEMS["张店区交通运输局"]
    )
    health["sections"] = {
        k: (v.replace("张店区交通运输局", "张店区卫生健康局") if v else v)
        for k, v in docs["张店区交通运输局"]["sections"].items()
    }
    docs["张店区卫生健康局"] = health
    _write(reports / "weijian.docx", health, "docx")

    housing = _same_each_year("张店区住房和城乡建设局", "2026-01-26", YEAR)  # (11)
    docs["张店区住房和城乡建设局"] = housing
    _write(reports / "zhujian.html", housing, "html")
    _write(
        previous / "zhujian-2024.html",
        _same_each_year("张店区住房和城乡建设局", "2025-01-24", YEAR - 1),
        "html",
    )
    docs["张店区城市管理局"] = unit_document("张店区城市管理局", "2026-01-27", problems="")  # (12)
    _write(reports / "chengguan.md", docs["张店区城市管理局"], "md")

    manifest = root / "manifest.csv"
    manifest.write_text(
        "文件,单位,网址,发布日期\n"
        "finance-first.md,临淄区财政局,http://example.gov.cn/cz/1.html,2026-01-20\n"
        "finance-again.md,区财政局,http://example.gov.cn/cz/2.html,2026/2/15\n"
        "qidu.html,齐都镇人民政府,,2026年1月10日\n",
        encoding="utf-8",
    )
    return Region(root, roster, reports, previous, manifest, docs)
