"""The API against its own OpenAPI description (issue 17): schemathesis runs every check on a
live test server with a clerk's token, through its examples, coverage, fuzzing and stateful
phases (register a case, read it, take steps by the links of the description). It must find
no server error, no status or body the description does not name, and no request valid by the
description that is refused (a refusal by the case's state is 409, which the check allows).

Bounded to about two minutes (GONGKAI_CONFORMANCE_EXAMPLES, default 10 examples an operation).
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
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.web.conformance.hooks",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    command = [
        str(RUNNER),
        "run",
        f"{live_server.url}/api/openapi.json",
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
        "150",
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
