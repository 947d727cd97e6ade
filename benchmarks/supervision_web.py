"""The supervision pages at the size of a city: the coverage board and the dashboard of a region
of N units × Y years, on SQLite and on PostgreSQL, and an import of N files through the queue
with a real `db_worker` process.

    .venv/bin/python benchmarks/supervision_web.py [--units 1000] [--years 5] [--requests 40]
        [--database sqlite,postgres] [--import-files 1000] [--pdf-share 0.3]
        [--pg-url postgres://postgres@127.0.0.1:5432/gongkai_charts_bench]

Seeding (not timed as a page): a roster of N units under one government for each year, and a
finished run per year whose files carry the canonical JSON of consistent random reports
(gongkai.report.synthetic, as benchmarks/supervision.py), published between early January and
mid-February (some late, about 4 % missing). Then, per database:

* the first computation of each kept region-year (what a page pays once after a change);
* p50/p95 of GETs of the board and the dashboard (Django's test client, the whole middleware
  stack, templates rendered) while the kept figures are current;
* an import of ``--import-files`` files (rendered by gongkai, 30 % PDF) for a new year of a new
  region: upload (files kept, run queued), wait in the queue, read by the worker (reading,
  matching, storing), the worker's recomputation of the kept figures, and the first board GET.

Each database runs in its own process (Django's settings are per process). The PostgreSQL
database is dropped and created afresh.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

WORKER_OPTIONS = ("--queue-name", "*", "--interval", "0.2", "--no-startup-delay", "--no-reload")
PG_URL = "postgres://postgres@127.0.0.1:5432/gongkai_charts_bench"


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
        f"max {ordered[-1] * 1000:7.1f} ms  (n={len(ordered)})"
    )


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} cores"


def _setup_django(database: str, data_dir: Path, pg_url: str) -> None:
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    if database == "postgres":
        import psycopg

        name = pg_url.rsplit("/", 1)[1]
        admin = pg_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = pg_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed(units: int, years: list[int], seed: int) -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from gongkai.report.canonical import from_canonical
    from gongkai.report.synthetic import random_document
    from gongkai.supervision.corpus import content_hash
    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.agencies.services import create_agency, create_staff
    from gongkai.web.supervision.models import (
        FileStatus,
        ImportedFile,
        ImportRun,
        RosterUnit,
        RunStatus,
    )

    rng = random.Random(seed)
    gov = create_agency(name="示范区人民政府", kind="government")
    staff = create_staff(
        username="bench", password="pw-bench", agency=gov, role="supervisor", display_name="测试"
    )
    names = ["示范区人民政府"] + [f"示范区第{i + 1}局" for i in range(units)]
    for year in years:
        RosterUnit.objects.bulk_create(
            RosterUnit(
                region=gov,
                year=year,
                unit_id=name,
                name=name,
                type="区县政府" if row == 0 else "政府部门",
                parent_id="" if row == 0 else names[0],
                row=row + 1,
            )
            for row, name in enumerate(names)
        )
        run = ImportRun.objects.create(
            region=gov, year=year, status=RunStatus.DONE, label="种子数据", total=len(names)
        )
        files = []
        for name in names:
            if rng.random() < 0.04:
                continue  # published nothing
            doc = random_document(rng, "2021", year)
            doc["agency"] = name
            published = date(year + 1, 1, 3) + timedelta(days=rng.randint(0, 45))
            doc["published_on"] = published.isoformat()
            report = from_canonical(doc)
            files.append(
                ImportedFile(
                    run=run,
                    source=f"{year}/{name}.html",
                    status=FileStatus.MATCHED,
                    unit_id=name,
                    name_found=name,
                    report_year=year,
                    document=doc,
                    content_hash=content_hash(report),
                    published_on=published,
                    date_source="signature",
                )
            )
        ImportedFile.objects.bulk_create(files, batch_size=200)
    user = get_user_model().objects.get(pk=staff.user_id)
    return gov, actor_for(user)


def _pages(gov: Any, actor: Any, requests: int) -> None:
    from django.test import Client

    from gongkai.web.supervision import snapshots
    from gongkai.web.supervision.models import Snapshot
    from gongkai.web.supervision.selectors import roster_years

    years = roster_years(gov)
    started = time.perf_counter()
    snapshots.current(gov, years, "board")
    cold = time.perf_counter() - started
    per_year = {s.year: s.seconds for s in Snapshot.objects.filter(region=gov)}
    shown = ", ".join(f"{y}: {s:.1f} s" for y, s in sorted(per_year.items()) if s)
    print(f"  first computation of the kept figures, {len(years)} years: {cold:6.1f} s ({shown})")
    client = Client(HTTP_HOST="localhost")
    client.force_login(actor.staff.user)
    for label, url in (
        ("board", f"/supervision/{gov.pk}/"),
        ("board filtered", f"/supervision/{gov.pk}/?type=政府部门"),
        ("dashboard", f"/supervision/{gov.pk}/dashboard/"),
        (
            "units behind a figure",
            f"/supervision/{gov.pk}/{years[-1]}/figure/?figure=value:received",
        ),
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content)
        samples, cpu = [], []
        for _ in range(requests):
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            samples.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            assert response.status_code == 200
        print(f"  GET {label:<22} wall {_percentiles(samples)}  {size / 1024:.0f} KiB")
        print(f"      {'':<22} cpu  {_percentiles(cpu)}")


def _reports_zip(count: int, pdf_share: float, seed: int, year: int) -> tuple[bytes, str]:
    from benchmarks.supervision import generate

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        roster = generate(root, count, pdf_share, seed)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
            for path in sorted((root / "reports").iterdir()):
                z.write(path, f"reports/{path.name}")
        text = roster.read_text("utf-8")
    assert year == 2025  # benchmarks.supervision generates reports of 2025
    return out.getvalue(), text


def _import(actor: Any, files: int, pdf_share: float, seed: int, data_dir: Path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client

    from gongkai.web.agencies.services import create_agency
    from gongkai.web.supervision import services
    from gongkai.web.supervision.models import ImportRun, RunStatus, Snapshot

    year = 2025
    began = time.perf_counter()
    archive, roster = _reports_zip(files, pdf_share, seed, year)
    print(f"  generated {files} report files in {time.perf_counter() - began:.1f} s (not timed)")
    region = create_agency(name="示范区导入测试", kind="government", parent=actor.staff.agency)
    actor.staff.agency = region  # the supervisor of the new region
    actor.staff.save(update_fields=["agency"])
    services.import_roster(actor, region, year, SimpleUploadedFile("名单.csv", roster.encode()))
    db = connection.settings_dict
    url = (
        f"sqlite:///{db['NAME']}"
        if db["ENGINE"].endswith("sqlite3")
        else f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "GONGKAI_DATA_DIR": str(data_dir)}
    if url.startswith("sqlite"):
        env.pop("DATABASE_URL")
    log = (data_dir / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "gongkai.web.cli", "db_worker", *WORKER_OPTIONS],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        began = time.perf_counter()
        while time.perf_counter() - began < 600:  # the worker's start, and its refresh of the
            row = Snapshot.objects.filter(region=region, year=year).first()  # roster just loaded
            if row is not None and row.computed is not None and row.computed == row.generation:
                break
            time.sleep(0.2)
        print(
            f"  worker started and kept figures of the new roster computed in "
            f"{time.perf_counter() - began:.1f} s (not timed below)"
        )
        t0 = time.perf_counter()
        run = services.start_run(actor, region, year, [SimpleUploadedFile("报告.zip", archive)])
        t1 = time.perf_counter()
        deadline = t1 + 3600
        status = RunStatus.QUEUED
        started_at = None
        while status in (RunStatus.QUEUED, RunStatus.RUNNING) and time.perf_counter() < deadline:
            time.sleep(0.2)
            status = ImportRun.objects.values_list("status", flat=True).get(pk=run.pk)
            if status != RunStatus.QUEUED and started_at is None:
                started_at = time.perf_counter()
        t2 = time.perf_counter()
        assert status == RunStatus.DONE, status
        while time.perf_counter() < deadline:
            row = Snapshot.objects.filter(region=region, year=year).first()
            if row is not None and row.computed is not None and row.computed == row.generation:
                break
            time.sleep(0.2)
        t3 = time.perf_counter()
        client = Client(HTTP_HOST="localhost")
        client.force_login(actor.staff.user)
        response = client.get(f"/supervision/{region.pk}/")
        t4 = time.perf_counter()
        assert response.status_code == 200
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    done = ImportRun.objects.get(pk=run.pk)
    statuses: dict[str, int] = {}
    for status_ in done.files.values_list("status", flat=True):
        statuses[status_] = statuses.get(status_, 0) + 1
    queued = (started_at or t2) - t1
    print(f"  import of {files} files through the queue ({len(archive) / 2**20:.0f} MiB zip):")
    print(f"    upload (files kept, run queued)      {t1 - t0:8.2f} s")
    print(f"    waiting in the queue (poll 0.2 s)    {queued:8.2f} s")
    print(f"    read + match + store (worker)        {t2 - t1 - queued:8.2f} s")
    print(f"    kept figures recomputed (worker)     {t3 - t2:8.2f} s")
    print(f"    first board GET after                {t4 - t3:8.2f} s")
    print(f"    total                                {t4 - t0:8.2f} s; files: {statuses}")


def run_one(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(args.keep or folder)
        kept = args.keep and (data_dir / "gongkai.sqlite3").exists() and args.database == "sqlite"
        _setup_django(args.database, data_dir, args.pg_url)
        from django.db import connection

        print(f"== {connection.vendor} ({args.units} units × {args.years} years; {_load()})")
        years = list(range(2026 - args.years, 2026))
        began = time.perf_counter()
        if kept:  # --keep: the region seeded by an earlier run
            from gongkai.web.agencies.models import Agency, StaffMember
            from gongkai.web.agencies.selectors import actor_for

            gov = Agency.objects.get(name="示范区人民政府")
            actor = actor_for(StaffMember.objects.get(user__username="bench").user)
        else:
            gov, actor = _seed(args.units, years, args.seed)
            print(f"  seeded in {time.perf_counter() - began:.1f} s (not timed below)")
        _pages(gov, actor, args.requests)
        if args.import_files:
            _import(actor, args.import_files, args.pdf_share, args.seed, data_dir)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--database", default="sqlite,postgres")
    parser.add_argument("--import-files", type=int, default=1000)
    parser.add_argument("--pdf-share", type=float, default=0.3)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="SQLite only: keep the database in this folder, reuse it")
    args = parser.parse_args()
    databases = args.database.split(",")
    if len(databases) == 1:
        run_one(args)
        return
    for database in databases:
        command = [sys.executable, __file__, *sys.argv[1:], "--database", database]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
