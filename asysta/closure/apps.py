from django.apps import AppConfig


class ClosureConfig(AppConfig):
    name = "asysta.closure"
    label = "closure"
    verbose_name = "Zakończenie pracy i monitoring"

    def ready(self) -> None:
        from asysta.audit.registry import register
        from asysta.closure.models import Closure, MonitoringContact, ReportCategoryMap

        register(Closure)
        register(MonitoringContact)
        register(ReportCategoryMap)
