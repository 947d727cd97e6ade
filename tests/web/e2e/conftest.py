"""Headless Chromium (Debian's chromium and chromium-driver) driven by selenium; no browser
download. Skips when the system browser is missing (scripts/install-system-deps installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from gongkai.procedure.workdays import RestPeriod

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if not (CHROMIUM and DRIVER):
        pytest.skip("chromium and chromium-driver are not installed (scripts/install-system-deps)")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1360,1000",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.downloads = downloads
    driver.shots = Path(os.environ.get("GONGKAI_SCREENSHOTS", tmp_path / "shots"))
    driver.shots.mkdir(parents=True, exist_ok=True)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def office(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"  # the released documents are stored here
    from gongkai.web.agencies.services import create_agency, create_staff

    gov = create_agency(name="临淄区人民政府", kind="government")
    civil = create_agency(
        name="临淄区民政局",
        kind="department",
        parent=gov,
        phone="0533-7220364",
        address="临淄区齐兴路101号",
        review_body="临淄区人民政府",
    )
    create_staff(
        username="clerk", password="pw-clerk", agency=civil, role="clerk", display_name="张敏"
    )
    create_staff(
        username="approver",
        password="pw-approver",
        agency=civil,
        role="approver",
        display_name="王建国",
    )
    admin = create_staff(
        username="admin",
        password="pw-admin",
        agency=gov,
        role="administrator",
        display_name="赵立新",
    )
    _cover_next_year(admin)
    return civil


def _cover_next_year(admin) -> None:
    """The test runs on today's date: with a 40-working-day period the deadline can reach next
    year. When the package does not know it yet, enter a provisional arrangement (as an
    administrator would enter the State Council's notice)."""
    from gongkai.web.agencies.selectors import actor_for
    from gongkai.web.workdays.selectors import current_calendar
    from gongkai.web.workdays.services import enter_arrangement

    year = timezone.localdate().year + 1
    if year not in current_calendar().years:
        day = timezone.datetime(year, 1, 1).date()
        enter_arrangement(
            actor_for(admin.user),
            year=year,
            source="测试用安排",
            rest_periods=[RestPeriod("元旦", day, day)],
            makeup_workdays=[],
        )


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker(settings, tmp_path):
    """`gongkai-web db_worker` in its own process, on the test database."""
    settings.DATA_DIR = tmp_path / "data"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "GONGKAI_DATA_DIR": str(settings.DATA_DIR),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gongkai.web.cli",
            "db_worker",
            "--queue-name",
            "*",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "worker.log").open("w"),
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def supervisor(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from gongkai.web.agencies.services import create_agency, create_staff

    gov = create_agency(name="临淄区人民政府", kind="government")
    create_agency(name="临淄区民政局", kind="department", parent=gov)
    create_staff(
        username="supervisor",
        password="pw-supervisor",
        agency=gov,
        role="supervisor",
        display_name="李红梅",
    )
    return gov
