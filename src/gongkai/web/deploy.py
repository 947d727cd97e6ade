"""Production-safe settings helpers: the secret key, the HTTPS switches and the PostgreSQL
connection's options.

The secret key comes from ``GONGKAI_SECRET_KEY`` or, when that is absent, from a file in the
data directory generated once with 0600 permissions. It is never a constant in the code; a key
that is too short, or a key file others may read, stops the application at start.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "secret_key"
MIN_KEY_LENGTH = 32


def _usable(key: str, where: str) -> str:
    key = key.strip()
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < 5:
        raise ImproperlyConfigured(
            f"{where} 中的密钥不可用：至少 {MIN_KEY_LENGTH} 个字符的随机字符串。"
        )
    return key


def secret_key(environ: dict[str, str] | os._Environ[str], data_dir: Path) -> str:
    """The secret key from the environment, or from ``data_dir/secret_key`` (made once)."""
    given = environ.get("GONGKAI_SECRET_KEY")
    if given is not None:
        return _usable(given, "GONGKAI_SECRET_KEY")
    path = data_dir / KEY_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise ImproperlyConfigured(
                f"密钥文件 {path} 的权限为 {mode:o}，其他用户可以读取：请改为 600。"
            ) from None
        return _usable(path.read_text(encoding="ascii", errors="replace"), str(path))
    with os.fdopen(fd, "w", encoding="ascii") as out:
        key = secrets.token_urlsafe(50)
        out.write(key)
    return key


def hosts(environ: dict[str, str] | os._Environ[str]) -> list[str]:
    """``GONGKAI_ALLOWED_HOSTS`` (comma separated), by default the local names only."""
    raw = environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
    return [h.strip() for h in raw.split(",") if h.strip()]


def proxy_ssl_header(environ: dict[str, str] | os._Environ[str]) -> tuple[str, str] | None:
    """``GONGKAI_PROXY_SSL_HEADER=X-Forwarded-Proto`` behind a proxy that terminates HTTPS."""
    name = environ.get("GONGKAI_PROXY_SSL_HEADER", "").strip()
    if not name:
        return None
    return "HTTP_" + name.upper().replace("-", "_"), "https"


def trusted_proxies(value: str) -> list[str]:
    """GONGKAI_TRUSTED_PROXIES: addresses or networks of the reverse proxies, comma-separated;
    an entry that is neither stops the application at start."""
    import ipaddress

    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as error:
            raise ImproperlyConfigured(
                f"GONGKAI_TRUSTED_PROXIES 中的“{entry}”不是IP地址或网段（如 10.0.0.2、10.0.0.0/24）。"
            ) from error
    return entries


def postgres_options(environ: dict[str, str] | os._Environ[str]) -> dict[str, object]:
    """The PostgreSQL connection's options: parameters bound by the server, and a statement a
    connection has run ``GONGKAI_DB_PREPARE_AFTER`` times (default 5) prepared, so PostgreSQL
    plans it once per connection rather than on every request (a quarter of its CPU under
    load, benchmarks/load.py). ``GONGKAI_DB_PREPARE_AFTER=0`` prepares nothing: for a
    connection pooler that cannot keep prepared statements (PgBouncer before 1.21 in
    transaction mode)."""
    raw = environ.get("GONGKAI_DB_PREPARE_AFTER", "").strip() or "5"
    if not raw.isdigit():
        raise ImproperlyConfigured(f"GONGKAI_DB_PREPARE_AFTER={raw!r}：须为非负整数")
    after = int(raw)
    return {"server_side_binding": True, "prepare_threshold": after or None}
