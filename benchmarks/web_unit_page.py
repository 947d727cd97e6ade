"""Latency of the supervision unit page over a region of N units and two years.

    .venv/bin/python benchmarks/web_unit_page.py [--units 300] [--pages 10]

Builds, in a temporary SQLite database, a roster of N departments for 2024 and 2025 and one
report per unit and year (gongkai.report.synthetic, canonical JSON as a finished import run
keeps it); one unit in ten copies a shared narrative, so the copy detection has clusters to
show. Then times GET of the unit page of random units (the region's analysis, the tables of
both years side by side, the copy detection with the passages, the rates among same-type
peers and the findings), and the parts: the region's analysis (board.load, shared with the
coverage board) and the unit's own computation (unitview.unit_page). Prints p50/p95.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_cases import percentiles

ROOT = Path(__file__).resolve().parents[1]
SHARED = (
    "坚持以新时代中国特色社会主义思想为指导，全面贯彻落实关于全面推进政务公开工作的决策部署，"
    "围绕中心工作，聚焦群众关切，持续深化决策、执行、管理、服务、结果公开。一是健全工作机制，"
    "明确分管负责同志和具体经办人员，将政务公开纳入年度重点工作任务清单。二是规范主动公开，"
    "按照基层政务公开标准目录逐项梳理公开事项，建立公开内容审核台账。三是做好依申请公开，严格"
    "执行登记、审核、答复等环节规定，在法定期限内答复申请人。四是加强政策解读，坚持政策文件与"
    "解读材料同步组织、同步审签、同步发布。五是强化平台建设，及时更新政府网站信息公开专栏。"
)


def run_child(script: str, units: int, *options: str) -> None:
    """Run ``script --child`` in a fresh process on a temporary SQLite database (the region's
    benchmarks, this one and web_notice.py, seed the same region)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.web.settings", "GONGKAI_DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    with tempfile.TemporaryDirectory() as data_dir:
        env["GONGKAI_DATA_DIR"] = data_dir
        command = [sys.executable, script, "--child", "--units", str(units), *options]
        subprocess.run(command, env=env, cwd=ROOT, check=True)


def load(units: int, rng: random.Random) -> tuple[Any, list[str]]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.report.canonical import from_canonical
    from gongkai.report.synthetic import random_document
    from gongkai.supervision.corpus import content_hash
    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.agencies.services import create_agency, create_staff
    from gongkai.web.supervision import services
    from gongkai.web.supervision.models import FileStatus, ImportedFile, ImportRun, RunStatus

    gov = create_agency(name="示范区人民政府", kind="government")
    staff = create_staff(
        username="supervisor", password="pw", agency=gov, role="supervisor", display_name="督查"
    )
    actor = actor_for(staff.user)
    names = [f"示范区第{i + 1}局" for i in range(units)]
    roster = "单位名称,单位类型,上级单位\n示范区人民政府,区县政府,\n" + "".join(
        f"{n},政府部门,示范区人民政府\n" for n in names
    )
    for year in (2024, 2025):
        upload = SimpleUploadedFile("roster.csv", roster.encode("utf-8"))
        services.import_roster(actor, gov, year, upload)
        run = ImportRun.objects.create(region=gov, year=year, status=RunStatus.DONE, label="b")
        files = []
        for index, name in enumerate(names):
            doc = random_document(rng, "2021", year)
            doc["agency"] = name
            doc["published_on"] = f"{year + 1}-01-{rng.randint(5, 28):02d}"
            if index % 10 == 0:
                doc["sections"]["overview"] = f"{year}年，{name}{SHARED}"
            files.append(
                ImportedFile(
                    run=run,
                    source=f"{index:05d}.html",
                    status=FileStatus.MATCHED,
                    unit_id=name,
                    report_year=year,
                    document=doc,
                    content_hash=content_hash(from_canonical(doc)),
                    published_on=date.fromisoformat(doc["published_on"]),
                    date_source="signature",
                )
            )
        ImportedFile.objects.bulk_create(files, batch_size=500)
    return gov, names


def run(units: int, pages: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from gongkai.web.supervision import board, selectors, unitview

    started = time.perf_counter()
    gov, names = load(units, random.Random(1))
    print(f"loaded {units} units × 2 years in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(get_user_model().objects.get(username="supervisor"))
    rng = random.Random(2)
    chosen = [names[0]] + [rng.choice(names) for _ in range(pages - 1)]  # names[0] copies
    analysis, own, whole = [], [], []
    shown = []
    for name in chosen:
        t0 = time.perf_counter()
        data = board.load(gov)
        t1 = time.perf_counter()
        rows = list(selectors.roster_units(gov, 2024).filter(unit_id=name)) + list(
            selectors.roster_units(gov, 2025).filter(unit_id=name)
        )
        page = unitview.unit_page(data, name, rows)
        t2 = time.perf_counter()
        response = client.get(f"/supervision/{gov.pk}/unit/{name}/")
        t3 = time.perf_counter()
        assert response.status_code == 200, response.status_code
        shown.append(sum(1 for c in page.copies for m in c.matches if m.kind == "peer"))
        analysis.append(t1 - t0)
        own.append(t2 - t1)
        whole.append(t3 - t2)
    print(f"region analysis (board.load, shared with the board): {percentiles(analysis)}")
    print(f"the unit's own part (unitview.unit_page):            {percentiles(own)}")
    print(f"GET /supervision/<region>/unit/<unit>/ (all of it):   {percentiles(whole)}")
    print(f"(peer comparisons shown: {shown[0]} for {chosen[0]}, which copies; {shown[1:]} others)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run(args.units, args.pages)
        return
    run_child(__file__, args.units, "--pages", str(args.pages))


if __name__ == "__main__":
    main()
