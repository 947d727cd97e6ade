"""Latency of the 通报 pages over a region of N units and two years, and of the roll-up export.

    .venv/bin/python benchmarks/web_notice.py [--units 300] [--rounds 5]

Builds the region of benchmarks/web_unit_page.py (a roster of N departments for 2024 and 2025,
one synthetic report per unit and year) in a temporary SQLite database, confirms every third
issue found in 2025, then times, round by round: a new draft (POST), the editor (GET), the
preview (GET), the DOCX of the draft (every figure filled from the data now), issuing (POST),
the DOCX of the issued notice (frozen: no analysis) and the region's roll-up as XLSX and DOCX.
Prints p50/p95 and the size of the DOCX.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_unit_page import load, percentiles, run_child


def run(units: int, rounds: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from gongkai.web.supervision import board
    from gongkai.web.supervision.models import Decision, FindingReview, Notice

    started = time.perf_counter()
    gov, _ = load(units, random.Random(1))
    rows = [r for r in board.load(gov).findings[2025] if r.item.is_issue]
    FindingReview.objects.bulk_create(
        FindingReview(
            region=gov,
            year=2025,
            unit_id=r.item.unit_id,
            key=r.item.key,
            code=r.item.finding.code,
            decision=Decision.CONFIRMED,
            actor_name="督查",
        )
        for r in rows[::3]
    )
    print(
        f"loaded {units} units × 2 years, {len(rows[::3])} of {len(rows)} issues confirmed, "
        f"in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="supervisor"))
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    base = f"/supervision/{gov.pk}"
    timings: dict[str, list[float]] = {}
    size = 0

    def timed(label: str, method: str, url: str, data: dict[str, str] | None = None) -> bytes:
        t0 = time.perf_counter()
        response = client.post(url, data or {}) if method == "POST" else client.get(url)
        timings.setdefault(label, []).append(time.perf_counter() - t0)
        assert response.status_code in (200, 302), (url, response.status_code)
        return bytes(response.content)

    for _ in range(rounds):
        timed(
            "new draft (POST)",
            "POST",
            f"{base}/notices/new/",
            {"year": "2025", "deadline": deadline},
        )
        pk = Notice.objects.latest("pk").pk
        timed("editor (GET)", "GET", f"{base}/notices/{pk}/edit/")
        timed("preview (GET)", "GET", f"{base}/notices/{pk}/")
        size = len(timed("draft DOCX", "GET", f"{base}/notices/{pk}/download/docx/"))
        timed("issue (POST)", "POST", f"{base}/notices/{pk}/issue/")
        timed("issued DOCX (frozen)", "GET", f"{base}/notices/{pk}/download/docx/")
        timed("roll-up XLSX", "GET", f"{base}/2025/rollup/xlsx/")
        timed("roll-up DOCX", "GET", f"{base}/2025/rollup/docx/")
    for label, samples in timings.items():
        print(f"{label:<22} {percentiles(samples)}")
    print(f"draft DOCX size: {size / 1024:.1f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run(args.units, args.rounds)
        return
    run_child(__file__, args.units, "--rounds", str(args.rounds))


if __name__ == "__main__":
    main()
