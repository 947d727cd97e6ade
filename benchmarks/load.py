"""Serving under load: the production server (gunicorn with src/gongkai/web/gunicorn_conf.py) on
a free loopback port, over a register of 100,000 applications, with concurrent logged-in users.

    .venv/bin/python benchmarks/load.py [--backend sqlite|postgres|both] [--users 50]
        [--seconds 60] [--cases 100000] [--quick]

The register is seeded by benchmarks/web_cases.py (imported, not copied). Each user is a
session of a staff member (a clerk of 临淄区民政局 or the district's supervisor), logged in
through the login form, who keeps requesting: the dashboard, the case list with filters, a case
page, the overdue list, the reports page, the public status lookup (tracking number and
password), and, for clerks, a procedure step through the real form (征求意见, with CSRF). Prints
p50/p95/p99 and the error rate per page, then checks that every write answered as done is in
the database exactly once and no other was made. Loopback only; the public lookup's per-address
limit is raised for the run (every user comes from 127.0.0.1). ``--quick``: 10,000 cases,
10 users, 15 s. PostgreSQL: DATABASE_URL or postgres://postgres@127.0.0.1:5432/gongkai_load.
``--workers N``: the server's processes (else its default). ``--keep DIR``: the seeded
register stays (DIR/sqlite, and the PostgreSQL database) and the next run with the same DIR and
``--cases`` starts from it. Besides the times, it prints the CPU a
request cost in the server's workers and in PostgreSQL: a figure that does not depend on what
else the machine is doing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web_cases
from cpu_meter import CpuMeter

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PG_URL = "postgres://postgres@127.0.0.1:5432/gongkai_load"
# the register as it stands today where the server is (its lists are of today's deadlines)
SEED_DAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()
PASSWORD = "gongkai-demo"  # the demo staff's (gongkai.web.demo.data)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PAGES = ("dashboard", "case list", "case page", "overdue list", "reports", "public lookup")
# the lookup form (a GET before each lookup) and the step form (a GET before each write) are
# timed too, as pages of their own
WEIGHTS = (15, 20, 25, 10, 10, 10)
WRITE_SHARE = 0.10  # of a clerk's requests
# the parties this run's writes name (a run on a kept register tells its own from earlier ones)
RUN = os.environ.get("GONGKAI_LOAD_RUN") or f"负载{os.getpid()}-"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed(count: int) -> None:
    """In the child: migrate and load the register; print the ids the users will visit."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    from gongkai.web.applications.models import Application

    started = time.perf_counter()
    web_cases.load(count, SEED_DAY, random.Random(1))
    if connection.vendor == "postgresql":
        # what autovacuum does after a bulk load: the visibility map set, so that counts read
        # their indexes alone, as on a live database (web_cases.load ran ANALYZE already)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"seeded {Application.objects.count():,} cases in {time.perf_counter() - started:.0f} s")


def census(party_prefix: str) -> None:
    """In the child: the parties of the consultations the run recorded, one per line."""
    import django

    django.setup()
    from gongkai.web.applications.models import CaseEvent

    rows = CaseEvent.objects.filter(kind="start_consultation", data__party__startswith=party_prefix)
    for party in rows.values_list("data__party", flat=True):
        print(f"PARTY {party}")


def child(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, cwd=ROOT, check=True, capture_output=True
    )
    return done.stdout.decode()


class User(threading.Thread):
    def __init__(
        self,
        number: int,
        base: str,
        seconds: float,
        start: threading.Barrier,
        targets: dict,
        think: float = 0.0,
    ) -> None:
        super().__init__(daemon=True)
        import requests

        self.number = number
        self.base = base
        self.seconds = seconds
        self.think = think  # mean pause between one answer and the next request (exponential)
        self.start_line = start
        self.targets = targets
        self.clerk = number % 2 == 0
        self.session = requests.Session()
        self.rng = random.Random(number)
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.written: list[str] = []  # parties of the consultations answered as recorded
        self.failed_writes = 0

    def login(self) -> None:
        page = self.session.get(f"{self.base}/login/", timeout=30)
        token = TOKEN.search(page.text)
        assert token, "no CSRF token on the login page"
        response = self.session.post(
            f"{self.base}/login/",
            data={
                "username": "clerk" if self.clerk else "supervisor",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1),
            },
            headers={"Referer": f"{self.base}/login/"},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 302, f"login refused: {response.status_code}"

    def run(self) -> None:
        try:
            self.login()
        except Exception:
            self.errors["login"] += 1
            self.start_line.wait()
            return
        self.start_line.wait()  # every user logged in: the measured time starts together
        until = time.monotonic() + self.seconds
        writes = 0
        while time.monotonic() < until:
            if self.think:
                time.sleep(min(self.rng.expovariate(1 / self.think), 4 * self.think))
            if self.clerk and self.rng.random() < WRITE_SHARE:
                writes += 1
                self.write(f"{RUN}{self.number:02d}-{writes:04d}")
                continue
            page = self.rng.choices(PAGES, WEIGHTS)[0]
            self.read(page)

    def _timed(self, page: str, call, ok: tuple[int, ...] = (200,)):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            response = call()
        except Exception:
            self.errors[page] += 1
            return None
        self.timings[page].append(time.perf_counter() - started)
        if response.status_code not in ok:
            self.errors[page] += 1
            return None
        return response

    def read(self, page: str) -> None:
        get, base, rng = self.session.get, self.base, self.rng
        if page == "dashboard":
            self._timed(page, lambda: get(f"{base}/", timeout=60))
        elif page == "case list":
            query = rng.choice(
                [
                    "phase=open",
                    "due=overdue",
                    "due=within&due_days=5",
                    "q=申请人1",
                    "applicant_type=natural_person&phase=closed",
                    "received_from=2026-01-01&received_to=2026-03-31",
                ]
            )
            self._timed(page, lambda: get(f"{base}/cases/?{query}", timeout=60))
        elif page == "case page":
            ids = self.targets["clerk_cases" if self.clerk else "cases"]
            self._timed(page, lambda: get(f"{base}/cases/{rng.choice(ids)}/", timeout=60))
        elif page == "overdue list":
            self._timed(page, lambda: get(f"{base}/deadlines/overdue/", timeout=60))
        elif page == "reports":
            self._timed(page, lambda: get(f"{base}/reports/", timeout=60))
        else:
            import requests

            anonymous = requests.Session()  # the applicant: a form, then the answer
            form = self._timed("lookup form", lambda: anonymous.get(f"{base}/apply/track/"))
            token = TOKEN.search(form.text) if form is not None else None
            number = rng.choice(self.targets["numbers"])
            self._timed(page, lambda: self.lookup(anonymous, number, token))

    def lookup(self, anonymous, number: str, token):  # type: ignore[no-untyped-def]
        response = anonymous.post(
            f"{self.base}/apply/track/",
            data={
                "tracking_number": number,
                "secret": "BENCH",
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.base}/apply/track/"},
            timeout=60,
        )
        if response.status_code == 200 and "申请编号或查询密码不正确" in response.text:
            response.status_code = 599  # an error: the seeded password must match
        return response

    def write(self, party: str) -> None:
        case_id = self.rng.choice(self.targets["writable"])
        url = f"{self.base}/cases/{case_id}/steps/consult/"
        form = self._timed("step form", lambda: self.session.get(url, timeout=60))
        token = TOKEN.search(form.text) if form is not None else None
        if token is None:
            self.failed_writes += 1
            return
        data = {
            "consultation": "third_party",
            "party": party,
            "on": SEED_DAY.isoformat(),  # the server's today (Asia/Shanghai)
            "reason": "负载测试",
            "csrfmiddlewaretoken": token.group(1),
        }
        response = self._timed(
            "step (write)",
            lambda: self.session.post(
                url, data=data, headers={"Referer": url}, allow_redirects=False, timeout=60
            ),
            ok=(302, 303),
        )
        if response is None:
            self.failed_writes += 1
        else:
            self.written.append(party)


def targets_of(env: dict[str, str]) -> dict[str, list]:
    out = child(env, "--targets-child")
    found: dict[str, list] = defaultdict(list)
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if key in ("cases", "clerk_cases", "writable"):
            found[key].append(int(value))
        elif key == "numbers":
            found[key].append(value)
    return found


def print_targets() -> None:
    """In the child: a sample of what the users visit (case ids, tracking numbers)."""
    import django

    django.setup()
    from gongkai.web.agencies.models import Agency
    from gongkai.web.applications.models import Application

    rng = random.Random(3)
    district = Agency.objects.get(name="临淄区人民政府").path  # the supervisor's
    ids = list(
        Application.objects.filter(agency__path__startswith=district).values_list("pk", flat=True)
    )
    for pk in rng.sample(ids, min(2000, len(ids))):
        print(f"cases {pk}")
    mine = Agency.objects.get(name="临淄区民政局")
    own = list(Application.objects.filter(agency=mine).values_list("pk", flat=True))
    for pk in rng.sample(own, min(2000, len(own))):
        print(f"clerk_cases {pk}")
    running = Application.objects.filter(agency=mine, phase__in=["registered", "in_progress"])
    for pk in running.values_list("pk", flat=True)[:300]:
        print(f"writable {pk}")
    numbers = Application.objects.values_list("tracking_number", flat=True)
    for number in rng.sample(list(numbers[:5000]), min(500, len(ids))):
        print(f"numbers {number}")


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(backend: str, users: list[User], seconds: float, cpu: tuple[float, float]) -> None:
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    for user in users:
        for page, samples in user.timings.items():
            timings[page] += samples
        for page, count in user.errors.items():
            errors[page] += count
    total = sum(len(s) for s in timings.values())
    print(f"[{backend}] {total:,} requests in {seconds:.0f} s ({total / seconds:.0f}/s)")
    workers, database = cpu
    print(
        f"[{backend}] CPU per request: {workers / max(1, total) * 1000:.1f} ms in the server's "
        f"workers, {database / max(1, total) * 1000:.1f} ms in PostgreSQL; "
        f"{(workers + database) / seconds:.2f} of the machine's {os.cpu_count()} cores busy "
        "serving"
    )
    print(f"[{backend}] {'page':<16}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>9}")
    for page in sorted(set(timings) | set(errors)):
        ordered = sorted(timings[page]) or [0.0]
        share = errors[page] / max(1, len(timings[page]))
        print(
            f"[{backend}] {page:<16}{len(timings[page]):>7}"
            f"{statistics.median(ordered) * 1000:>9.1f}{percentile(ordered, 0.95) * 1000:>9.1f}"
            f"{percentile(ordered, 0.99) * 1000:>9.1f}{share:>8.1%}"
        )


def run_backend(backend: str, args: argparse.Namespace) -> bool:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    with contextlib.ExitStack() as stack:
        if args.keep:
            data_dir = str(Path(args.keep) / backend)
            Path(data_dir).mkdir(parents=True, exist_ok=True)
        else:
            data_dir = stack.enter_context(tempfile.TemporaryDirectory())
        seeded = Path(data_dir) / f"seeded-{args.cases}"
        env.update(
            DJANGO_SETTINGS_MODULE="gongkai.web.settings",
            GONGKAI_DATA_DIR=data_dir,
            GONGKAI_PUBLIC_RATE_LIMIT=str(10**9),
        )
        if backend == "postgres":
            env["DATABASE_URL"] = os.environ.get("DATABASE_URL", PG_URL)
            if not seeded.exists():
                web_cases.recreate_postgres(env["DATABASE_URL"])
        if seeded.exists():
            print(f"[{backend}] the register kept in {data_dir}, seeded before")
            subprocess.run(
                [BIN / "gongkai-web", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
            )
        else:
            out = child(env, "--seed-child", "--cases", str(args.cases)).strip()
            print(f"[{backend}] {out}")
            if args.keep:
                seeded.touch()
        targets = targets_of(env)
        port = free_port()
        server_env = {**env, "GONGKAI_BIND": f"127.0.0.1:{port}"}
        if args.workers:
            server_env["GONGKAI_WORKERS"] = str(args.workers)
        print(f"[{backend}] gunicorn with {args.workers or 'the default number of'} workers")
        log = open(Path(data_dir) / "server.log", "wb")  # noqa: SIM115
        server = subprocess.Popen(
            [BIN / "gunicorn", "--config", "python:gongkai.web.gunicorn_conf"],
            env=server_env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if server.poll() is not None:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.1)
            base = f"http://127.0.0.1:{port}"
            line = threading.Barrier(args.users + 1)
            users = [
                User(n, base, args.seconds, line, targets, args.think) for n in range(args.users)
            ]
            for user in users:
                user.start()
            postgres = backend == "postgres"
            line.wait()
            started = time.monotonic()
            meter = CpuMeter(server.pid, postgres)
            meter.start()
            client_before = sum(os.times()[:2])
            for user in users:
                user.join()
            used = meter.stop()
            report(backend, users, time.monotonic() - started, used)
            client = sum(os.times()[:2]) - client_before
            print(
                f"[{backend}] the users' own process (this one) used "
                f"{client / (time.monotonic() - started):.2f} cores"
            )
        finally:
            server.terminate()
            server.wait(timeout=60)
            log.close()
        recorded = [
            line.split(" ", 1)[1]
            for line in child({**env, "GONGKAI_LOAD_RUN": RUN}, "--census-child").splitlines()
            if line.startswith("PARTY ")
        ]
        answered = [party for user in users for party in user.written]
        failed = sum(user.failed_writes for user in users)
        lost = set(answered) - set(recorded)
        duplicated = {p for p in recorded if recorded.count(p) > 1}
        unanswered = set(recorded) - set(answered)
        print(
            f"[{backend}] writes: {len(answered)} answered as recorded, {failed} refused or "
            f"failed; in the database {len(recorded)}: lost {len(lost)}, duplicated "
            f"{len(duplicated)}, recorded without a done answer {len(unanswered)}"
        )
        return not lost and not duplicated and not unanswered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a user pauses between pages (0: every user requests without pause)",
    )
    parser.add_argument("--quick", action="store_true", help="10,000 cases, 10 users, 15 s")
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="keep the seeded register in DIR (and the PostgreSQL database) for the next run",
    )
    parser.add_argument(
        "--workers",
        type=int,
        help="the server's processes (GONGKAI_WORKERS; default the server's own: cores + 1)",
    )
    parser.add_argument("--seed-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--targets-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--census-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_child:
        seed(args.cases)
        return
    if args.targets_child:
        print_targets()
        return
    if args.census_child:
        census(RUN)
        return
    if args.quick:
        args.cases, args.users, args.seconds = 10_000, 10, 15.0
    # the users are threads of this process: a thread woken by its answer waits for the
    # interpreter's lock up to this long (5 ms by default) while another runs, which would be
    # counted in the server's times, and keeps the server's worker waiting for the connection
    # to close (gunicorn's sync worker drains it before taking the next request)
    sys.setswitchinterval(0.0005)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    consistent = [run_backend(backend, args) for backend in backends]
    if not all(consistent):
        raise SystemExit("a write was lost or duplicated")


if __name__ == "__main__":
    main()
