"""One way to show a refusal on the form that caused it.

A service or the procedure core refuses with a :class:`~gongkai.web.errors.WebError` (which
may carry a message per field) or a :class:`~gongkai.procedure.errors.ProcedureError` (which may name a
field); :func:`bind_refusal` puts each message beside its field, or at the top of the form.
"""

from __future__ import annotations

from django import forms

from gongkai.procedure.errors import ProcedureError
from gongkai.web.errors import Forbidden, NotFound, WebError, as_web_error


def bind_refusal(
    form: forms.BaseForm, error: Exception, aliases: dict[str, str] | None = None
) -> None:
    """A service's or the core's refusal as the form's errors: beside the field it names when
    the form has that field (``aliases`` maps the service's name to the form's), otherwise at
    the top of the form. Not found and forbidden are not refusals of the input: re-raised."""
    if isinstance(error, NotFound | Forbidden):
        raise error
    aliases = aliases or {}
    fields: dict[str, str] = {}
    if isinstance(error, WebError):
        fields = dict(error.fields)
    elif isinstance(error, ProcedureError) and (field := str(getattr(error, "field", ""))):
        fields = {field: str(error)}
    placed = False
    for name, message in fields.items():
        name = aliases.get(name, name)
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed:
        web = as_web_error(error)
        form.add_error(None, web.message if web is not None else str(error))
