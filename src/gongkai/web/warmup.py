"""Templates parsed once in the server's master process (gunicorn preloads the application),
so that every worker forked from it starts with them compiled instead of parsing them on its
first requests. Nothing here touches the database, which must not be opened before the fork."""

from __future__ import annotations

import logging
from pathlib import Path

from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines

log = logging.getLogger(__name__)


def template_names() -> list[tuple[str, str]]:
    """(engine alias, template name) of every template the project ships."""
    names = []
    for engine in engines.all():
        folder = "jinja2" if engine.name == "jinja2" else "templates"
        suffix = ".jinja" if engine.name == "jinja2" else ".html"
        for root in _roots(folder):
            names += [
                (engine.name, path.relative_to(root).as_posix())
                for path in sorted(root.rglob(f"*{suffix}"))
            ]
    return names


def _roots(folder: str) -> list[Path]:
    web = Path(__file__).resolve().parent
    found = [web / folder] if (web / folder).is_dir() else []
    return found + sorted(p for p in web.glob(f"*/{folder}") if p.is_dir())


def load_templates() -> int:
    """Compile every template; returns how many. A template that fails is logged and left to
    fail where it is used, as it would without this."""
    loaded = 0
    for alias, name in template_names():
        try:
            engines[alias].get_template(name)
            loaded += 1
        except (TemplateDoesNotExist, TemplateSyntaxError) as error:
            log.warning("模板 %s 预编译失败：%s", name, error)
    return loaded
