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
        for module in REPORT_MODULES:
            import_module(f"{self.name}.{module}")
