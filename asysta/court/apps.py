from django.apps import AppConfig


class CourtConfig(AppConfig):
    name = "asysta.court"
    label = "court"
    verbose_name = "Sąd: opinie i pisma"

    def ready(self) -> None:
        from asysta.audit.registry import register
        from asysta.court.models import CourtNotice, Opinion, OpinionRequest

        register(OpinionRequest)
        register(Opinion)
        register(CourtNotice)
