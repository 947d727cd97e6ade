"""A region over two years for the unit page, its reports put straight into the database (as a
finished run leaves them): 民政局 reports both years with the same narrative (a copy of its own
previous year) and one cell that was 0 and became null; 财政局 copies 民政局's 2025 narrative with
its own name; 齐都镇 has 3 applications (below the ranking floor); 文化旅游局 reports nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.report.canonical import from_canonical
from gongkai.supervision.corpus import content_hash
from gongkai.web.agencies.models import Agency
from gongkai.web.supervision import services
from gongkai.web.supervision.models import FileStatus, ImportedFile, ImportRun, RunStatus
from tests.supervision.region import small_document, unit_document
from tests.web.supervision.region import ROSTER_CSV

YEARS = (2024, 2025)
CIVIL, FINANCE, TOWN, CULTURE = (
    "临淄区民政局",
    "临淄区财政局",
    "临淄区齐都镇人民政府",
    "临淄区文化旅游局",
)

SHARED = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务"
    "公开工作的决策部署，围绕中心工作，聚焦群众关切，持续深化决策、执行、管理、服务、结果公开。"
    "一是健全工作机制，调整充实政务公开工作领导小组，明确分管负责同志和具体经办人员，将政务公开"
    "纳入年度重点工作任务清单，每季度召开专题会议研究部署。二是规范主动公开，按照基层政务公开标准"
    "目录逐项梳理公开事项，建立公开内容审核台账，做到应公开尽公开。三是做好依申请公开，严格执行"
    "登记、审核、答复等环节规定，规范答复文书格式，在法定期限内答复申请人。四是加强政策解读，坚持"
    "政策文件与解读材料同步组织、同步审签、同步发布，采用图表图解、问答等形式增强解读效果。五是强化"
    "平台建设，及时更新政府网站信息公开专栏，做好政务新媒体日常维护，畅通政民互动渠道，对网民留言"
    "做到件件有回复。六是加强监督保障，将政务公开纳入绩效考核内容，开展业务培训两次，提升工作人员"
    "依法公开的意识和能力。"
)


def narrative_document(agency: str, year: int, signed: str) -> dict[str, Any]:
    doc = unit_document(agency, signed, year=year)
    doc["sections"]["overview"] = f"{year}年，{agency}" + SHARED
    return doc


def documents() -> dict[tuple[str, int], dict[str, Any]]:
    civil_2025 = narrative_document(CIVIL, 2025, "2026-01-20")
    civil_2025["proactive"]["gov_rules"]["issued"] = None  # 0 in 2024: null now, never 0
    return {
        (CIVIL, 2024): narrative_document(CIVIL, 2024, "2025-01-20"),
        (CIVIL, 2025): civil_2025,
        (FINANCE, 2025): narrative_document(FINANCE, 2025, "2026-01-22"),
        (TOWN, 2025): small_document(TOWN, "2026-01-10"),
    }


URLS = {
    (CIVIL, 2025): "https://www.linzi.gov.cn/minzheng/2025.html",
    (CIVIL, 2024): "javascript:alert(1)",
}


def build(actor: Any, region: Agency) -> None:
    for year in YEARS:
        services.import_roster(
            actor, region, year, SimpleUploadedFile("名单.csv", ROSTER_CSV.encode("utf-8"))
        )
    for (unit_id, year), doc in documents().items():
        run = ImportRun.objects.create(region=region, year=year, status=RunStatus.DONE, label="t")
        ImportedFile.objects.create(
            run=run,
            source=f"{unit_id}{year}.html",
            status=FileStatus.MATCHED,
            unit_id=unit_id,
            report_year=year,
            document=doc,
            content_hash=content_hash(from_canonical(doc)),
            published_on=date.fromisoformat(doc["published_on"]),
            date_source="signature",
            url=URLS.get((unit_id, year), ""),
        )
