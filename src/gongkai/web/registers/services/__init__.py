"""Writes of the registers, by noun. Every write checks its input in full, runs in one
transaction and passes the year-end lock (records.py)."""
