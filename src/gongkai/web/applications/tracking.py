"""Tracking numbers and the applicant's secret (hashed at rest with Django's password hasher)."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, get_hasher, make_password

# Crockford's base32 without I, L, O, U: nothing to misread on the phone.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_tracking_number(year: int) -> str:
    """``GK2026-7K3M9QX2``: the year, then 8 random characters (40 bits)."""
    return f"GK{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def new_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(10))


def hash_secret(secret: str) -> str:
    return make_password(secret.strip().upper())


_DUMMIES: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash of a random secret made by the hasher in use, so that checking it costs what
    checking a real one does."""
    algorithm = str(get_hasher().algorithm)
    if algorithm not in _DUMMIES:
        _DUMMIES[algorithm] = make_password(new_secret())
    return _DUMMIES[algorithm]


def secret_matches(secret: str, hashed: str | None) -> bool:
    """Does ``secret`` match ``hashed``? With no hash (no such application) a dummy is
    checked all the same: a lookup takes as long whether the tracking number exists or not,
    so its time does not tell."""
    if not hashed:
        check_password(secret.strip().upper(), _dummy_hash())
        return False
    return check_password(secret.strip().upper(), hashed)
