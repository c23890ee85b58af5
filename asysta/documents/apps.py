from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "asysta.documents"
    label = "documents"
    verbose_name = _("Dokumenty")

    def ready(self) -> None:
        from asysta.audit.registry import register
        from asysta.documents.models import DocumentTemplate, GeneratedDocument

        register(DocumentTemplate)
        # The recipient of a sent document may name a person; progress is not a change of record.
        register(GeneratedDocument, mask=["sent_to"], exclude=["progress", "task_id"])
        # Importing the package registers every document kind (see kinds/__init__.py).
        import_module("asysta.documents.kinds")
