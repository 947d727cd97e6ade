"""Readers: each turns one kind of source into the same raw form (:class:`RawDocument`)."""

from .base import RawDocument, RawLine

__all__ = ["RawDocument", "RawLine"]
