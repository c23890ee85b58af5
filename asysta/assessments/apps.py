from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "asysta.assessments"
    label = "assessments"
    verbose_name = "Diagnoza i oceny sytuacji rodziny"

    def ready(self) -> None:
        from asysta.assessments import models
        from asysta.audit.registry import register

        for model in models.AUDITED:
            register(model)
