"""Supervision: a region's annual reports checked, compared, rolled up and scored.

A pure core beside ``gongkai.report`` and ``gongkai.procedure``: it imports ``gongkai.report``
only, never Django or the web layer.
"""
