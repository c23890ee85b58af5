from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "asysta.attachments"
    label = "attachments"
    verbose_name = _("Załączniki")

    def ready(self) -> None:
        from asysta.attachments.models import Attachment
        from asysta.audit.registry import register

        # The user's file name may name a person ("wyrok_Nowak.pdf"): only the fact it changed.
        register(Attachment, mask=["original_name"])
