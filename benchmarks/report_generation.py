"""Seconds to generate an agency-year's annual report from its registers.

    .venv/bin/python benchmarks/report_generation.py [--cases 100000] [--documents 10000]
                                                      [--backend sqlite|postgres|both]

Loads one agency with ``--cases`` applications received over 2021–2025 (each closed some days
after receipt with one outcome, or still open at the end of 2025; 1% with a fee notice and
payment event), ``--documents`` 规章 and 行政规范性文件 issued since 2000 (a fifth repealed or
expired), as many catalogue entries, 5,000 licensing/penalty/coercion decisions and 500
review and litigation cases. Then times, with the real code: ``generate`` of the 2025 report
(tables 二–四 counted, figures for the prose, the validator with last year's published
report) and a whole ``save`` (generate + store + revision). Prints the median of ``--repeat``
runs. PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/gongkai_bench, recreated.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from web_cases import PG_URL, recreate_postgres

ROOT = Path(__file__).resolve().parents[1]
TZ = ZoneInfo("Asia/Shanghai")
YEARS = range(2021, 2026)
END = date(2025, 12, 31)


def _day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def load(cases: int, documents: int, rng: random.Random) -> int:
    from gongkai.report.spec import APPLICANT_TYPES, OUTCOME_KEYS
    from gongkai.web.agencies.services import create_agency
    from gongkai.web.applications.models import Application, CaseEvent
    from gongkai.web.registers.models import (
        CatalogueEntry,
        Decision,
        Dispute,
        RegisteredDocument,
    )

    agency = create_agency(name="临淄区民政局", kind="department")
    weights = [30 if k in ("granted", "unavailable_not_held") else 2 for k in OUTCOME_KEYS]
    apps = []
    for i in range(cases):
        received = _day(rng, YEARS[i % len(YEARS)])
        closed: date | None = received + timedelta(days=rng.randint(1, 45))
        if closed > END:  # type: ignore[operator]
            closed = None
        apps.append(
            Application(
                agency=agency,
                tracking_number=f"B{i:08d}",
                channel="in_person",
                submitted_at=datetime(received.year, received.month, received.day, 10, tzinfo=TZ),
                received_on=received,
                applicant_type=rng.choice(APPLICANT_TYPES),
                applicant_name="申请人",
                description="所需信息",
                phase="closed" if closed else "processing",
                outcome=rng.choices(OUTCOME_KEYS, weights)[0] if closed else "",
                closed_on=closed,
            )
        )
    Application.objects.bulk_create(apps, batch_size=5000)
    ids = list(Application.objects.filter(agency=agency).values_list("pk", "received_on"))
    events = []
    for pk, received in rng.sample(ids, len(ids) // 100):
        on = received + timedelta(days=3)
        events.append(
            CaseEvent(
                application_id=pk,
                seq=2,
                kind="issue_fee_notice",
                occurred_on=on,
                data={"amount": "100"},
            )
        )
        events.append(
            CaseEvent(
                application_id=pk,
                seq=3,
                kind="receive_payment",
                occurred_on=on + timedelta(days=5),
                data={"amount": "100"},
            )
        )
    CaseEvent.objects.bulk_create(events, batch_size=5000)

    docs, entries = [], []
    for i in range(documents):
        issued = _day(rng, rng.randint(2000, 2025))
        ended = issued + timedelta(days=rng.randint(100, 3000)) if rng.random() < 0.2 else None
        docs.append(
            RegisteredDocument(
                agency=agency,
                kind="gov_rules" if i % 20 == 0 else "normative_docs",
                number=f"临民发〔{issued.year}〕{i}号",
                title=f"文件{i}",
                issued_on=issued,
                repealed_on=ended if i % 2 else None,
                expires_on=None if i % 2 else ended,
            )
        )
        created = _day(rng, rng.choice(YEARS))
        entries.append(
            CatalogueEntry(
                agency=agency,
                index_no=f"LZMZ-{i:06d}",
                title=f"信息{i}",
                created_on=created,
                published_on=created + timedelta(days=rng.randint(0, 40)),
            )
        )
    RegisteredDocument.objects.bulk_create(docs, batch_size=5000)
    CatalogueEntry.objects.bulk_create(entries, batch_size=5000)
    Decision.objects.bulk_create(
        [
            Decision(
                agency=agency,
                kind=rng.choice(("licensing", "penalty", "coercion")),
                year=(day := _day(rng, rng.choice(YEARS))).year,
                decided_on=day,
            )
            for _ in range(5000)
        ],
        batch_size=5000,
    )
    disputes = []
    for _ in range(500):
        filed = _day(rng, rng.choice(YEARS))
        concluded = filed + timedelta(days=rng.randint(30, 400))
        done = concluded <= END
        disputes.append(
            Dispute(
                agency=agency,
                path=rng.choice(("review", "lit_direct", "lit_after_review")),
                filed_on=filed,
                concluded_on=concluded if done else None,
                outcome=rng.choice(("upheld", "corrected", "other_outcome")) if done else "",
            )
        )
    Dispute.objects.bulk_create(disputes)
    return agency.pk


def run(cases: int, documents: int, repeat: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from gongkai.web.agencies.models import Agency
    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.agencies.services import create_staff
    from gongkai.web.reports import services
    from gongkai.web.reports.generate import generate

    started = time.perf_counter()
    agency_id = load(cases, documents, random.Random(7))
    print(
        f"{connection.vendor}: loaded {cases:,} applications, {documents:,} documents and "
        f"{documents:,} catalogue entries in {time.perf_counter() - started:.1f} s"
    )
    agency = Agency.objects.get(pk=agency_id)
    clerk = actor_for(
        create_staff(
            username="c", password="x", agency=agency, role="clerk", display_name="经办人"
        ).user
    )
    assert clerk is not None
    draft_2024 = services.open_draft(clerk, agency_id, 2024)  # last year's, for XYEAR checks
    from gongkai.web.reports.models import AnnualReport

    AnnualReport.objects.filter(pk=draft_2024.pk).update(status="published")
    report = services.open_draft(clerk, agency_id, 2025)
    timings: dict[str, list[float]] = {"generate": [], "save": []}
    for _ in range(repeat):
        t0 = time.perf_counter()
        generated = generate(agency, 2025, {})
        timings["generate"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        services.save(clerk, report.pk, {"problems_section": "一是……二是……"})
        timings["save"].append(time.perf_counter() - t0)
    total = generated.report.value("applications", "received", "total")
    carried = generated.report.value("applications", "carried_in", "total")
    errors = [f.code for f in generated.errors]
    print(
        f"{connection.vendor}: 2025 report: 本年新收 {total}, 上年结转 {carried}, "
        f"validator errors {errors or 'none'}"
    )
    for name, samples in timings.items():
        print(
            f"{connection.vendor}: {name:8s} median {statistics.median(samples):.3f} s   "
            f"max {max(samples):.3f} s   (n={len(samples)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run(args.cases, args.documents, args.repeat)
        return
    for backend in ["sqlite", "postgres"] if args.backend == "both" else [args.backend]:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.web.settings", "GONGKAI_DEBUG": "0"}
        with tempfile.TemporaryDirectory() as data_dir:
            env["GONGKAI_DATA_DIR"] = data_dir
            if backend == "postgres":
                env["DATABASE_URL"] = os.environ.get("DATABASE_URL", PG_URL)
                recreate_postgres(env["DATABASE_URL"])
            else:
                env.pop("DATABASE_URL", None)
            command = [
                sys.executable,
                __file__,
                "--child",
                "--cases",
                str(args.cases),
                "--documents",
                str(args.documents),
                "--repeat",
                str(args.repeat),
            ]
            subprocess.run(command, env=env, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
