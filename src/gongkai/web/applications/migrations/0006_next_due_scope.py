# ruff: noqa: RUF012
"""The next-due index carries each case's agency and receipt date (due_index.py), copied from
the cases already indexed, so that a scope's deadline lists are read from its indexes alone."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    application = apps.get_model("applications", "Application")
    next_due = apps.get_model("applications", "NextDue")
    case = application.objects.filter(pk=OuterRef("application_id"))
    next_due.objects.update(
        agency_id=Subquery(case.values("agency_id")[:1]),
        received_on=Subquery(case.values("received_on")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0003_apitoken_last_used"),
        ("applications", "0005_case_list_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="nextdue",
            name="agency",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="agencies.agency",
                verbose_name="受理机关",
            ),
        ),
        migrations.AddField(
            model_name="nextdue",
            name="received_on",
            field=models.DateField(blank=True, null=True, verbose_name="收到申请之日"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="nextdue",
            name="agency",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="agencies.agency",
                verbose_name="受理机关",
            ),
        ),
        migrations.AddIndex(
            model_name="nextdue",
            index=models.Index(
                fields=["agency", "kind", "overdue_from", "received_on", "application"],
                name="next_due_scope_late",
            ),
        ),
        migrations.AddIndex(
            model_name="nextdue",
            index=models.Index(
                fields=["agency", "kind", "due_on", "received_on", "application"],
                name="next_due_scope_due_on",
            ),
        ),
        migrations.AddIndex(
            model_name="nextdue",
            index=models.Index(
                fields=[
                    "kind",
                    "agency",
                    "final_from",
                    "moves_until",
                    "moves_from",
                    "remaining",
                    "overdue_from",
                    "received_on",
                    "application",
                ],
                name="next_due_paused",
            ),
        ),
    ]
