"""Every template the project ships compiles, and the server's master compiles them all before
it forks its workers (wsgi.py), so a worker's first pages do not parse them."""

from __future__ import annotations

from django.template import engines

from gongkai.web import warmup


def test_every_template_compiles_once_and_is_then_cached() -> None:
    names = warmup.template_names()
    assert ("django", "base.html") in names
    assert ("django", "applications/dashboard.html") in names
    assert ("jinja2", "applications/case_rows.jinja") in names
    assert warmup.load_templates() == len(names)
    first = engines["django"].get_template("applications/dashboard.html")
    again = engines["django"].get_template("applications/dashboard.html")
    assert first.template is again.template  # the cached loader's compiled template


def test_the_wsgi_module_warms_the_templates(monkeypatch) -> None:
    import importlib
    import sys

    called = []
    monkeypatch.setattr(warmup, "load_templates", lambda: called.append(1) or 0)
    sys.modules.pop("gongkai.web.wsgi", None)
    importlib.import_module("gongkai.web.wsgi")
    assert called == [1]
