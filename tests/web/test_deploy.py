"""Production-safe defaults (issue 11 item 9): no technical pages, a secret that is never a
constant, Chinese error pages — the public ones without the staff navigation."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.web import deploy


def test_public_404_is_chinese_without_staff_nav(client: Any, db: Any) -> None:
    response = client.get("/apply/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "未找到" in page and "页面不存在" in page
    assert "public-head" in page  # the public frame
    assert "工作台" not in page and "登记簿" not in page  # no staff navigation
    assert "URLconf" not in page and "Traceback" not in page and "Not Found" not in page


def test_staff_404_keeps_staff_nav(client: Any, people: Any) -> None:
    client.login(username="clerk", password="pw-clerk")
    response = client.get("/no-such-staff-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "未找到" in page and "工作台" in page and "public-head" not in page


def test_500_page_is_chinese(client: Any, db: Any) -> None:
    from django.test import RequestFactory

    from gongkai.web.errors import server_error

    response = server_error(RequestFactory().get("/apply/x/"))
    assert response.status_code == 500
    assert "系统发生错误" in response.content.decode()


def test_settings_default_to_production(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    code = (
        "from django.conf import settings; import django; django.setup(); "
        "print(settings.DEBUG, settings.ALLOWED_HOSTS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
            "GONGKAI_SECRET_KEY": "k" * 20 + "abcdefghijklmnop",
            "GONGKAI_DATA_DIR": str(tmp_path),
        },
    ).stdout
    assert out.startswith("False") and "testserver" not in out and "*" not in out


def test_settings_refuse_a_short_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    done = subprocess.run(
        [sys.executable, "-c", "import gongkai.web.settings"],
        capture_output=True,
        text=True,
        env={**env, "GONGKAI_SECRET_KEY": "change-me", "GONGKAI_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode != 0 and "ImproperlyConfigured" in done.stderr


def test_secret_generated_once_private(tmp_path: Path) -> None:
    first = deploy.secret_key({}, tmp_path)
    path = tmp_path / deploy.KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= deploy.MIN_KEY_LENGTH
    assert deploy.secret_key({}, tmp_path) == first  # read back, not regenerated


def test_secret_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    deploy.secret_key({}, tmp_path)
    (tmp_path / deploy.KEY_FILE).chmod(0o644)
    with pytest.raises(ImproperlyConfigured):
        deploy.secret_key({}, tmp_path)


def test_empty_secret_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / deploy.KEY_FILE
    path.write_text("")
    path.chmod(0o600)
    with pytest.raises(ImproperlyConfigured):
        deploy.secret_key({}, tmp_path)


def test_https_switches(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    code = (
        "from gongkai.web import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SECURE_PROXY_SSL_HEADER)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={
            **env,
            "GONGKAI_HTTPS": "1",
            "GONGKAI_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "GONGKAI_DATA_DIR": str(tmp_path),
        },
    ).stdout
    assert out.strip() == "True True True ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_static_served_without_debug(client: Any, db: Any) -> None:
    response = client.get("/static/gongkai/style.css")
    assert response.status_code == 200


def test_postgres_options_prepare_after_five_runs_by_default() -> None:
    assert deploy.postgres_options({}) == {"server_side_binding": True, "prepare_threshold": 5}
    given = {"GONGKAI_DB_PREPARE_AFTER": "2"}
    assert deploy.postgres_options(given)["prepare_threshold"] == 2
    # 0: nothing prepared (a pooler that cannot keep prepared statements)
    assert deploy.postgres_options({"GONGKAI_DB_PREPARE_AFTER": "0"})["prepare_threshold"] is None


@pytest.mark.parametrize("value", ["-1", "five", "1.5"])
def test_postgres_options_refuse_a_bad_count(value: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_DB_PREPARE_AFTER"):
        deploy.postgres_options({"GONGKAI_DB_PREPARE_AFTER": value})


def test_postgres_plans_a_repeated_query_once(db: Any) -> None:
    """On PostgreSQL, a query the connection has run five times is prepared: the server plans
    it once, not on every request."""
    from django.db import connection

    from gongkai.web.agencies.models import Agency

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    for _ in range(6):
        list(Agency.objects.filter(name="临淄区民政局").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"agencies_agency"."name" = $1' in sql for sql in prepared), prepared
