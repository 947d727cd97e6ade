"""Latency of the overdue list and of a case page over a register of 100,000 applications.

    .venv/bin/python benchmarks/web_cases.py [--cases 100000] [--backend sqlite|postgres|both]

Loads the applications with bulk_create (two years of receipts for one district's agencies:
older ones closed with a reply, the recent ones open, a share of them neglected and overdue),
each with the events the procedure core accepts (built with its pure ``transition``), and fills
the next-due index as the write path keeps it (due_index.due_values of each case's state). Then
times, with the real selectors and views: the overdue list and the due-soon list of a supervisor
who reads the whole district (from the index), the same lists derived from every open case's
events (the reference), and GET of a case page and of the dashboard. Prints p50/p95.
PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/gongkai_bench, recreated.
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
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
PG_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench"
TZ = ZoneInfo("Asia/Shanghai")


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms   (n={len(ordered)})"


def recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def load(count: int, today: date, rng: random.Random) -> None:
    from gongkai.procedure import events as ev
    from gongkai.procedure.events import event_to_data
    from gongkai.procedure.outcomes import REPLY_OUTCOMES
    from gongkai.procedure.state import CaseState
    from gongkai.procedure.workdays import add_workdays
    from gongkai.procedure.workflow import transition
    from gongkai.report.spec import APPLICANT_TYPES
    from gongkai.web.agencies.models import Agency
    from gongkai.web.applications.casefile import policy_for
    from gongkai.web.applications.due_index import NextDue, due_values
    from gongkai.web.applications.due_refresh import case_fields
    from gongkai.web.applications.models import Application, CaseEvent
    from gongkai.web.applications.tracking import hash_secret
    from gongkai.web.demo.data import WEIGHTS, create_people
    from gongkai.web.workdays.selectors import current_calendar

    create_people()
    calendar = current_calendar()
    # outcomes a reply can carry without more (a partial grant names the grounds withheld)
    OUTCOMES = [o for o in REPLY_OUTCOMES if o not in ("unavailable_unclear", "partially_granted")]
    agencies = [Agency.objects.get(name=n) for n, w in WEIGHTS.items() for _ in range(w)]
    secret = hash_secret("BENCH")
    batch_apps: list[Application] = []
    batch_events: list[list[tuple[ev.BaseEvent, str, tuple[str, ...]]]] = []
    batch_states: list[CaseState] = []

    def flush() -> None:
        made = Application.objects.bulk_create(batch_apps)
        NextDue.objects.bulk_create(
            NextDue(
                application_id=app.pk,
                **due_values(state, calendar, policy_for(app.agency)).as_fields(),
                **case_fields(app),
            )
            for app, state in zip(made, batch_states, strict=True)
        )
        rows = []
        for app, story in zip(made, batch_events, strict=True):
            for seq, (event, summary, warnings) in enumerate(story, 1):
                rows.append(
                    CaseEvent(
                        application_id=app.pk,
                        seq=seq,
                        kind=event.kind,
                        occurred_on=event.on,
                        actor_name=event.actor,
                        reason=event.reason,
                        summary=summary[:300],
                        warnings=list(warnings),
                        data=event_to_data(event),
                    )
                )
        CaseEvent.objects.bulk_create(rows, batch_size=5000)
        batch_apps.clear()
        batch_events.clear()
        batch_states.clear()

    for index in range(count):
        days_ago = int(rng.triangular(0, 730, 0))  # more recent than old: a growing register
        received = today - timedelta(days=days_ago)
        while not calendar.is_workday(received):
            received -= timedelta(days=1)
        kind = rng.choice(APPLICANT_TYPES)
        story = [
            ev.Register(
                on=received,
                actor="张敏",
                received_on=received,
                channel="in_person",
                applicant_type=kind,
                summary="基准测试申请",
            )
        ]
        due = add_workdays(calendar, received, 20).due
        if due < today and rng.random() < 0.99:  # nearly all old cases were answered
            reply_on = add_workdays(calendar, received, rng.randint(3, 22)).due
            if reply_on <= today:
                story.append(
                    ev.Reply(
                        on=reply_on,
                        actor="王建国",
                        outcome=rng.choice(OUTCOMES),
                        reason="所申请信息属于条例规定的情形，理由见答复书",
                        legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（三）项",
                    )
                )
        elif due >= today and rng.random() < 0.1:
            story.append(
                ev.StartConsultation(
                    on=received, actor="张敏", consultation="third_party", party="某公司"
                )
            )
        state, recorded = CaseState(), []
        for event in story:
            step = transition(state, event, calendar)
            state = step.state
            recorded.append((event, step.record.summary, step.record.warnings))
        batch_apps.append(
            Application(
                agency=agencies[index % len(agencies)],
                tracking_number=f"GKB{index:09d}",
                secret_hash=secret,
                channel="in_person",
                submitted_at=datetime.combine(received, dtime(10), TZ),
                received_on=state.received_on,
                applicant_type=kind,
                applicant_name=f"申请人{index}",
                phone="13900000000",
                description="基准测试：某年度某项资金发放情况",
                phase=state.phase.value,
                outcome=state.outcome or "",
                closed_on=state.closed_on,
            )
        )
        batch_events.append(recorded)
        batch_states.append(state)
        if len(batch_apps) >= 5000:
            flush()
    if batch_apps:
        flush()
    from django.db import connection

    with connection.cursor() as cursor:  # the planner's statistics, as a live database has them
        cursor.execute("ANALYZE")


def run(count: int, repeat: int, pages: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.applications import selectors
    from gongkai.web.applications.models import Application, CaseEvent

    backend = connection.vendor
    today = date(2026, 11, 24)
    started = time.perf_counter()
    load(count, today, random.Random(1))
    loaded = time.perf_counter() - started
    open_count = Application.objects.exclude(phase="closed").count()
    print(
        f"[{backend}] loaded {Application.objects.count():,} applications, "
        f"{CaseEvent.objects.count():,} events in {loaded:.1f} s; {open_count:,} open"
    )

    from gongkai.web.applications.casefile import memo_clear
    from gongkai.web.applications.due_rows import derived_rows

    supervisor = actor_for(get_user_model().objects.get(username="supervisor"))
    for name, listing in (
        ("overdue list", selectors.overdue_cases),
        ("due-soon list", selectors.due_soon_cases),
    ):
        timings, cpu, found = [], [], []
        for _ in range(repeat):
            memo_clear()
            t0, c0 = time.perf_counter(), time.process_time()
            found = listing(supervisor, today)
            timings.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        print(
            f"[{backend}] {name} from the index ({len(found):,} of {open_count:,} open): "
            f"{percentiles(timings)}"
        )
        # this process's CPU time alone: on a shared machine the wall clock also counts waiting
        print(f"[{backend}]   CPU time of this process: {percentiles(cpu)}")
    memo_clear()
    running = selectors.cases_readable(supervisor).filter(phase__in=selectors.RUNNING)
    t0 = time.perf_counter()
    replayed = derived_rows(running, today)
    took = time.perf_counter() - t0
    same_overdue = sorted(r.application.pk for r in replayed if r.clock.overdue) == sorted(
        r.application.pk for r in selectors.overdue_cases(supervisor, today)
    )
    same_soon = sorted(r.application.pk for r in replayed if r.clock.due_soon) == sorted(
        r.application.pk for r in selectors.due_soon_cases(supervisor, today)
    )
    print(
        f"[{backend}] reference: every running case replayed in {took * 1000:.0f} ms; "
        f"index agrees with the replay: overdue {same_overdue}, due soon {same_soon}"
    )

    client = Client()
    client.force_login(get_user_model().objects.get(username="supervisor"))
    ids = list(selectors.cases_readable(supervisor).values_list("pk", flat=True))
    rng = random.Random(2)
    timings = []
    for _ in range(pages):
        case_id = rng.choice(ids)
        t0 = time.perf_counter()
        response = client.get(f"/cases/{case_id}/")
        timings.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.status_code
    print(f"[{backend}] case page GET /cases/<id>/: {percentiles(timings)}")
    timings = []
    for _ in range(max(3, repeat // 2)):
        t0 = time.perf_counter()
        assert client.get("/").status_code == 200
        timings.append(time.perf_counter() - t0)
    print(f"[{backend}] dashboard GET / (overdue, due soon, paused): {percentiles(timings)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=10, help="runs of each list")
    parser.add_argument("--pages", type=int, default=200, help="case pages fetched")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run(args.cases, args.repeat, args.pages)
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
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
                "--repeat",
                str(args.repeat),
                "--pages",
                str(args.pages),
            ]
            subprocess.run(command, env=env, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
