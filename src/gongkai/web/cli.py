"""``gongkai-web``: Django's management commands with gongkai's settings.

``gongkai-web demo`` migrates, loads the demo data and serves on 127.0.0.1:8000;
``gongkai-web migrate``, ``gongkai-web runserver`` and the rest work as in ``manage.py``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai-web", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
