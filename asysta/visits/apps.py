from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "asysta.visits"
    label = "visits"
    verbose_name = "Kontakty i wizyty"

    def ready(self) -> None:
        from asysta.audit.registry import register
        from asysta.visits.models import Contact, ContactAction, Correction, SafetyAlert

        # Free text (what happened, tasks, the safety description) is masked by the registry.
        register(Contact)
        register(ContactAction)
        register(Correction)
        register(SafetyAlert)
