"""What a change of the calendar tells the apps above it.

:data:`calendar_changed` is sent inside the transaction that enters, replaces or deletes a
year's arrangement, with ``year``. The case register answers it by recomputing the stored
next-due index of the open cases that year can touch (a receiver's error undoes the change).
"""

from __future__ import annotations

from django.dispatch import Signal

calendar_changed = Signal()
