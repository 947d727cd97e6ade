"""Tracking numbers and the applicant's secret, hashed at rest.

The secret is 10 random characters of a 32-letter alphabet (50 bits), drawn by the system, never
chosen by a person; a lookup is limited per address and per tracking number (a few wrong
secrets, then the number is locked). A user's password needs Django's 1,000,000 PBKDF2 rounds
(about 0.4 s of CPU) because people choose guessable ones; a random 50-bit secret does not: at
:data:`SECRET_HASH_ITERATIONS` rounds, guessing one from a stolen database costs about 2⁴⁹ × 20,000
HMAC-SHA256 computations (decades of a GPU), while a lookup costs a few milliseconds, so the
public form no longer holds a server process for half a second. Hashes made before (Django's
default hasher) are still checked, and replaced by the lighter one when their secret is given.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password

# Crockford's base32 without I, L, O, U: nothing to misread on the phone.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SECRET_HASH_ITERATIONS = 20_000


class ApplicantSecretHasher(PBKDF2PasswordHasher):
    """PBKDF2-SHA256 under a name of its own, so that a secret's hash is never taken for a
    user's password hash (and the reverse)."""

    algorithm = "gongkai_secret_pbkdf2_sha256"
    iterations = SECRET_HASH_ITERATIONS


HASHER = ApplicantSecretHasher()


def new_tracking_number(year: int) -> str:
    """``GK2026-7K3M9QX2``: the year, then 8 random characters (40 bits)."""
    return f"GK{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def new_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(10))


def _iterations() -> int:
    # tests lower it (GONGKAI_SECRET_HASH_ITERATIONS) as they lower the password hasher's cost
    return int(getattr(settings, "GONGKAI_SECRET_HASH_ITERATIONS", SECRET_HASH_ITERATIONS))


def hash_secret(secret: str) -> str:
    return HASHER.encode(_normal(secret), HASHER.salt(), _iterations())


_DUMMIES: dict[int, str] = {}


def _dummy_hash() -> str:
    """A hash of a random secret, made as new hashes are, so that checking it costs what
    checking a real one does."""
    iterations = _iterations()
    if iterations not in _DUMMIES:
        _DUMMIES[iterations] = hash_secret(new_secret())
    return _DUMMIES[iterations]


def secret_matches(secret: str, hashed: str | None) -> bool:
    """Does ``secret`` match ``hashed``? With no hash (no such application) a dummy is
    checked all the same: a lookup takes as long whether the tracking number exists or not,
    so its time does not tell."""
    if not hashed:
        HASHER.verify(_normal(secret), _dummy_hash())
        return False
    if is_current(hashed):
        return bool(HASHER.verify(_normal(secret), hashed))
    return check_password(_normal(secret), hashed)  # made by an earlier version


def is_current(hashed: str) -> bool:
    """Was ``hashed`` made the way new hashes are (else it is replaced once the secret is
    given: :func:`hash_secret`)?"""
    return hashed.startswith(f"{ApplicantSecretHasher.algorithm}$")


def _normal(secret: str) -> str:
    return secret.strip().upper()
