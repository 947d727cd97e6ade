"""What the office's write path tells the apps above it.

:data:`event_recorded` is sent inside the step's transaction, after the event is appended and
the case updated, with ``application``, ``row`` (the :class:`CaseEvent`) and ``today``. The
letters app answers it by freezing the letter the event calls for (a legal act, in the same
transaction: a receiver's error undoes the step). The apps that listen connect in their
``AppConfig.ready``, so this app never imports them.
"""

from __future__ import annotations

from django.dispatch import Signal

event_recorded = Signal()
