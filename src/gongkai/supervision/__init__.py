"""Supervision: a region's annual reports checked, compared, rolled up and scored.

A pure core like :mod:`gongkai.report`, which it builds on; it imports no web framework.
"""
