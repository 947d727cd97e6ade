"""Tracking numbers and the applicant's secret (hashed at rest with Django's password hasher)."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, make_password

# Crockford's base32 without I, L, O, U: nothing to misread on the phone.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_tracking_number(year: int) -> str:
    """``GK2026-7K3M9QX2``: the year, then 8 random characters (40 bits)."""
    return f"GK{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def new_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(10))


def hash_secret(secret: str) -> str:
    return make_password(secret.strip().upper())


def secret_matches(secret: str, hashed: str) -> bool:
    return bool(hashed) and check_password(secret.strip().upper(), hashed)
