from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "asysta.families"
    label = "families"
    verbose_name = "Rodziny"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from asysta.families import models

        auditlog.register(models.Family, exclude_fields=["search_text"])
        # Values of special-category and identifying fields never enter the audit trail.
        auditlog.register(models.Member, mask_fields=["pesel", "health_notes", "disability"])
        for model in (
            models.Consent,
            models.CourtOrder,
            models.ZaZycieApplication,
            models.ChildPlacement,
            models.FamilyProblem,
        ):
            auditlog.register(model)
        auditlog.register(models.BlueCard, mask_fields=["details"])
