"""The API against its own OpenAPI description (issue 17): schemathesis runs every check on a
live test server with a clerk's token, through its examples, coverage, fuzzing and stateful
phases (register a case, read it, take steps by the links of the description). It must find
no server error, no status or body the description does not name, and no request valid by the
description that is refused (a refusal by the case's state is 409, which the check allows).

Bounded to about two minutes (GONGKAI_CONFORMANCE_EXAMPLES, default 10 examples an operation).
The clerk's run meets the supervision endpoints as a role they refuse (403); a second, shorter
run reads them with a supervisor's token over a region with a roster and imported reports,
following the links from the list of regions.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from gongkai.web.agencies.services import create_api_token

EXAMPLES = os.environ.get("GONGKAI_CONFORMANCE_EXAMPLES", "10")
RUNNER = Path(sys.executable).parent / "schemathesis"


@pytest.mark.skipif(not RUNNER.exists(), reason="schemathesis is in the dev extra")
def test_the_api_conforms_to_its_description(
    live_server: Any, people: dict[str, Any], case: Any, tmp_path: Path
) -> None:
    token = create_api_token(
        get_user_model().objects.get(pk=people["approver"].user_id), label="conformance"
    )
    _run(live_server.url, token, tmp_path, "150")


@pytest.mark.skipif(not RUNNER.exists(), reason="schemathesis is in the dev extra")
def test_the_supervision_api_conforms_to_its_description(
    live_server: Any, people: dict[str, Any], tree: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.web.supervision import services
    from tests.web.supervision.region import ROSTER_CSV, YEAR, region_zip

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DATA_DIR = tmp_path / "data"
    supervisor = people["supervisor"]
    services.import_roster(
        supervisor, tree["gov"], YEAR, SimpleUploadedFile("名单.csv", ROSTER_CSV.encode())
    )
    services.start_run(supervisor, tree["gov"], YEAR, [SimpleUploadedFile("区.zip", region_zip())])
    token = create_api_token(
        get_user_model().objects.get(pk=supervisor.user_id), label="conformance"
    )
    _run(live_server.url, token, tmp_path, "60", "--include-tag", "supervision")


def _run(url: str, token: str, tmp_path: Path, seconds: str, *only: str) -> None:
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.web.conformance.hooks",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    command = [
        str(RUNNER),
        "run",
        f"{url}/api/openapi.json",
        *only,
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        EXAMPLES,
        "--seed",
        "17",
        "--workers",
        "1",
        "--request-timeout",
        "20",
        "--generation-database",
        "none",
        "--max-time",
        seconds,
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=400, check=False
    )
    output = done.stdout + done.stderr
    (tmp_path / "schemathesis.txt").write_text(output)
    assert done.returncode == 0, output[-20000:]
