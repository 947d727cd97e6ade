"""The production server of scripts/serve: gunicorn with gongkai's settings serves the pages and
the static files with debugging off, and refuses a bad setting by name."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    return {**env, "GONGKAI_DATA_DIR": str(tmp_path), **extra}


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def server(tmp_path):
    env = _env(tmp_path, GONGKAI_WORKERS="2")
    subprocess.run(
        [BIN / "gongkai-web", "migrate", "--noinput"], env=env, check=True, capture_output=True
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            BIN / "gunicorn",
            "--config",
            "python:gongkai.web.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stdout.read().decode()) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_gunicorn_serves_pages_and_static_files_without_debugging(server):
    status, page = _get(f"{server}/apply/")
    assert status == 200 and 'lang="zh-Hans"' in page
    status, script = _get(f"{server}/static/gongkai/forms.js")
    assert status == 200 and "htmx" in script
    status, page = _get(f"{server}/no-such-page/")
    assert status == 404 and "Traceback" not in page and "您要访问的页面不存在" in page


def test_a_bad_worker_count_is_refused_by_name(tmp_path):
    result = subprocess.run(
        [BIN / "gunicorn", "--config", "python:gongkai.web.gunicorn_conf", "--check-config"],
        env=_env(tmp_path, GONGKAI_WORKERS="many"),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "GONGKAI_WORKERS" in result.stdout + result.stderr
