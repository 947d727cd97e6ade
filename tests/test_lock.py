"""requirements/dev.lock, which scripts/bootstrap installs, pins every dependency pyproject.toml
names, each with hashes: a dependency added without ./scripts/lock fails here, not on a fresh
machine."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group(0)).lower()


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    lock = (ROOT / "requirements" / "dev.lock").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9._-]+)==(\S+) \\$", lock, re.MULTILINE))
    pinned = {_name(name) for name in pins}
    assert wanted - pinned == set()
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2])
    assert all("--hash=sha256:" in entry for entry in entries if "==" in entry)
    assert "torch" not in pinned  # the converters' extras must not pull in a model runtime
    assert "index-url" not in lock and "://" not in lock
