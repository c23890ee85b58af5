from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "asysta.families"
    label = "families"
    verbose_name = "Rodziny"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from asysta.families.models import Family, Member

        auditlog.register(Family)
        auditlog.register(Member, mask_fields=["pesel"])
