"""Requests from the public counted per client address, for the rate limit (in the database,
so every server process sees the same count)."""

from __future__ import annotations

from django.db import models


class PublicAttempt(models.Model):
    # "submit", "lookup" (per address), "secret" (per tracking number), "login-account",
    # "login-address"
    bucket = models.CharField(max_length=20)
    client = models.CharField(max_length=64)  # the client address, tracking number or account
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = (models.Index(fields=["bucket", "client", "at"]),)


class RateStripe(models.Model):
    """Rows to lock (``SELECT … FOR UPDATE``) so that counting and recording an attempt is one
    step even when requests come at the same moment: a (bucket, client) pair always locks the
    same one of :data:`~gongkai.web.public.ratelimit.STRIPES` rows (unrelated pairs sharing a
    row only wait for each other a moment), so the table never grows."""

    id = models.PositiveIntegerField(primary_key=True)
