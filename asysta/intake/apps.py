from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "asysta.intake"
    label = "intake"
    verbose_name = "Przyjęcie i przydział"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from asysta.intake.models import Assignment, Referral

        auditlog.register(Assignment)
        auditlog.register(Referral)
