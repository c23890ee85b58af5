from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "asysta.intake"
    label = "intake"
    verbose_name = "Przyjęcie i przydział"

    def ready(self) -> None:
        from asysta.audit.registry import register
        from asysta.intake.models import Assignment, Referral

        register(Assignment)
        register(Referral)
