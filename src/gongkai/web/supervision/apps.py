from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.web.supervision"
    label = "supervision"
    verbose_name = "年度报告监督"

    def ready(self) -> None:
        # the reports app asks whether a unit may publish through gongkai.web.reports.clearance
        from gongkai.web.reports import clearance
        from gongkai.web.supervision.clearance import SupervisionGate

        clearance.register_gate(SupervisionGate())

        # the reports app is below this one: a report saved there reaches the kept figures
        # through Django's signals (and, whatever the path, the fingerprint in snapshots)
        from django.db.models.signals import post_delete, post_save

        from gongkai.web.supervision import snapshots

        for signal in (post_save, post_delete):
            signal.connect(
                snapshots.report_saved,
                sender="reports.AnnualReport",
                dispatch_uid=f"supervision-snapshots-{signal is post_save}",
            )
