"""``get_FOO_display`` without rebuilding the field's choices on every call.

Django's own version turns a field's whole list of choices into a dict each time it is asked
for one label: a list of fifty cases asks 150 times (phase, applicant type, outcome). A model
that inherits :class:`ChoiceLabels` builds each field's dict once; the labels are the same.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict[models.Field[Any, Any], dict[Any, Any]] = {}


def labels_of(field: models.Field[Any, Any]) -> dict[Any, Any]:
    """The field's choices as a dict, built on first use (choices are fixed at class creation)."""
    found = _LABELS.get(field)
    if found is None:
        found = _LABELS[field] = dict(make_hashable(field.flatchoices))
    return found


class ChoiceLabels(models.Model):
    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:
        value = getattr(self, field.attname)
        return force_str(labels_of(field).get(make_hashable(value), value), strings_only=True)
