"""Attachments: scans and files added to a family's record, kept byte for byte as uploaded."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from asysta.attachments.validation import FileKind
from asysta.families.models._base import FamilyOwned


class AttachmentQuerySet(models.QuerySet["Attachment"]):
    def present(self) -> AttachmentQuerySet:
        """Attachments whose file is still kept (not removed by the head)."""
        return self.filter(removed_at__isnull=True)


class Attachment(FamilyOwned):
    """A file of a family's record, optionally of one record of it (a plan, a contact, ...).

    The stored file name is ours (`attachments/<centre>/<family>/<random>.<ext>`); the user's
    name is kept, sanitised, in `original_name`. The bytes are never changed after upload;
    `sha256` lets anyone check that. A removed attachment keeps its row (who, when, why) but not
    its file.
    """

    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rodzaj dokumentu sprawy"),
    )
    target_id = models.PositiveBigIntegerField(_("dokument sprawy"), null=True, blank=True)
    # A plan, contact, assessment, meeting, court request, closure or generated document:
    # generic, so the lower apps and the documents app need not know about attachments.
    target = GenericForeignKey("target_type", "target_id")
    file = models.FileField(_("plik"), upload_to="attachments/", max_length=200)
    original_name = models.CharField(_("nazwa pliku"), max_length=130)
    kind = models.CharField(_("rodzaj pliku"), max_length=10, choices=FileKind.choices)
    content_type = models.CharField(_("typ zawartości"), max_length=100)
    size = models.PositiveBigIntegerField(_("rozmiar (bajty)"))
    sha256 = models.CharField(_("skrót SHA-256"), max_length=64)
    signed = models.BooleanField(_("podpisany elektronicznie"), default=False)
    signature_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("podpis do pliku"),
    )
    description = models.TextField(_("opis"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dodał(a)"),
    )
    removed_at = models.DateTimeField(_("usunięto"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("usunął (usunęła)"),
    )
    removal_reason = models.TextField(_("powód usunięcia"), blank=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("załącznik")
        verbose_name_plural = _("załączniki")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["centre", "family", "-created_at"], name="attachment_family_idx"),
            models.Index(
                fields=["centre", "target_type", "target_id"], name="attachment_target_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_type__isnull=True, target_id__isnull=True)
                | models.Q(target_type__isnull=False, target_id__isnull=False),
                name="attachment_target_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(removed_at__isnull=True) | ~models.Q(removal_reason=""),
                name="attachment_removal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def uploaded_at(self) -> datetime:
        """When the file was added (the row's creation time)."""
        return self.created_at

    @property
    def target_label(self) -> str:
        """What kind of record the attachment belongs to ("plan pracy", ...); no query when
        `target_type` is selected with the row."""
        model = self.target_type.model_class() if self.target_type is not None else None
        return str(model._meta.verbose_name) if model is not None else ""

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_signature_file(self) -> bool:
        return self.kind == FileKind.SIGNATURE
