"""Requests from the public counted per client address, for the rate limit (in the database,
so every server process sees the same count)."""

from __future__ import annotations

from django.db import models


class PublicAttempt(models.Model):
    bucket = models.CharField(max_length=20)  # "submit" or "lookup"
    client = models.CharField(max_length=64)  # the client address
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = (models.Index(fields=["bucket", "client", "at"]),)
