"""Pages of the registers: common.py (shared list, edit, delete), pages.py (the six registers), decisions.py (entries, totals, CSV import), index.py."""
