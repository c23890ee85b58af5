from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "asysta.families"
    label = "families"
    verbose_name = "Rodziny"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from asysta.audit.registry import register
        from asysta.core.scope import forget
        from asysta.families import models

        # Who may change a family follows the assignments (remembered within a request).
        post_save.connect(forget, sender="intake.Assignment", dispatch_uid="access-assigned")
        post_delete.connect(forget, sender="intake.Assignment", dispatch_uid="access-unassigned")
        # So do the "Za życiem" applications (`record.za_zyciem_applications`).
        post_save.connect(forget, sender=models.ZaZycieApplication, dispatch_uid="record-zz")
        post_delete.connect(forget, sender=models.ZaZycieApplication, dispatch_uid="record-zz-del")

        register(models.Family, exclude=["search_text"])
        # Identifying and special-category values never enter the audit trail (free text too).
        register(models.Member, mask=["pesel", "disability"])
        for model in (
            models.Consent,
            models.CourtOrder,
            models.ZaZycieApplication,
            models.ChildPlacement,
            models.FamilyProblem,
        ):
            register(model)
        # The team's name is shown only to those who may see the procedure's details.
        register(models.BlueCard, mask=["team"])
