"""The cached choice labels say what Django's own get_FOO_display says, for every choice of
every field with choices, and give an unknown value back as it is."""

from __future__ import annotations

from django.db.models import Model

from gongkai.web.applications.models import Application, CaseEvent


def test_labels_equal_djangos_for_every_choice_and_unknown_values_pass_through() -> None:
    for model in (Application, CaseEvent):
        fields = [f for f in model._meta.concrete_fields if f.choices]
        assert fields, model
        for field in fields:
            for value, _ in [*field.flatchoices, ("no-such-value", None)]:
                case = model(**{field.attname: value})
                ours = getattr(case, f"get_{field.name}_display")()
                assert ours == Model._get_FIELD_display(case, field), (field, value)
                assert ours != "" or value == ""
    assert Application(phase="no-such-value").get_phase_display() == "no-such-value"
    assert Application(phase="closed").get_phase_display() == "已办结"
