"""Fixtures for the registers: a published annual report to lock a year, and sample files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def publish(tree: dict[str, Any]) -> Any:
    """Publish the annual report of ``agency`` (a key of ``tree``) for ``year``."""
    from gongkai.web.reports.models import AnnualReport

    def publish(year: int, agency: str = "civil") -> Any:
        return AnnualReport.objects.create(
            agency=tree[agency], year=year, origin="generated", status="published"
        )

    return publish


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()
