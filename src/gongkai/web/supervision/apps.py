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
