from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The modules that register report builders in `asysta.reports.base.REPORTS`.
REPORT_MODULES = ("semiannual", "activity", "workcards")


class ReportsConfig(AppConfig):
    name = "asysta.reports"
    label = "reports"
    verbose_name = _("Sprawozdania")

    def ready(self) -> None:
        from asysta.audit.registry import register
        from asysta.reports import models

        register(models.SemiannualRow)
        register(models.SupportingFamily, mask=["name", "address"])
        # Submissions: the frozen data (JSON) and the note are masked by the registry rule.
        register(models.ReportSubmission, mask=["note"])
        register(models.ReportExport, exclude=["progress", "task_id", "size"])
        self._register_reminders()
        for module in REPORT_MODULES:
            import_module(f"{self.name}.{module}")

    @staticmethod
    def _register_reminders() -> None:
        # The deadlines app shows centre notices without importing the reports app.
        from asysta.deadlines.clock import notice_provider
        from asysta.reports.services import report_reminders

        notice_provider(report_reminders)
