"""The demo data: the seed reports' agencies, every role, every outcome code and phase."""

from __future__ import annotations

from datetime import date

from django.core.management import call_command

from gongkai.report.spec import OUTCOME_KEYS
from gongkai.web.agencies.models import Agency, StaffMember
from gongkai.web.applications.models import Application
from gongkai.web.demo import data


def test_demo_data_covers_every_outcome_and_phase(db):
    phases = data.load(140, today=date(2026, 11, 24))
    names = set(Agency.objects.values_list("name", flat=True))
    assert {
        "临淄区人民政府",
        "临淄区人民政府办公室",
        "临淄区民政局",
        "临淄区齐都镇人民政府",
        "台儿庄区人民政府",
        "台儿庄区民政局",
    } == names
    assert Agency.objects.get(name="临淄区民政局").parent.name == "临淄区人民政府"
    assert {"clerk", "approver", "supervisor", "administrator"} <= set(
        StaffMember.objects.values_list("role", flat=True)
    )
    outcomes = set(Application.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert outcomes == set(OUTCOME_KEYS)
    assert {
        "new",
        "registered",
        "awaiting_correction",
        "consulting",
        "awaiting_fee",
        "closed",
    } <= set(phases)
    assert Application.objects.count() == 143  # and three public submissions


def test_demo_command_loads_once_without_serving(db, capsys):
    call_command("demo", "--no-serve", "--count", "5")
    call_command("demo", "--no-serve", "--count", "5")
    out = capsys.readouterr().out
    assert "已存在" in out and "clerk" in out and "supervisor" in out and "gongkai-demo" in out
    assert Application.objects.count() == 8


def test_migrations_match_the_models(db):
    """Choices come from the cores' labels: a change there needs a migration here."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
