"""Documents made by Asysta and the centres' own DOCX templates.

A generated document is frozen: the stored file, its SHA-256, the template it was made with and
the record it came from never change. Generating again makes a new row (a new version); only the
"sent" mark (to whom, how, when) is added to a version afterwards.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asysta.core.models import TenantModel


class DocumentFormat(models.TextChoices):
    DOCX = "docx", _("DOCX (Word, do edycji)")
    PDF = "pdf", _("PDF/A (do wysłania i archiwum)")
    ODT = "odt", _("ODT (LibreOffice, do edycji)")


CONTENT_TYPES = {
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.ODT: "application/vnd.oasis.opendocument.text",
}


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("w przygotowaniu")
    READY = "ready", _("gotowy")
    FAILED = "failed", _("nie udało się")


class SentHow(models.TextChoices):
    POST = "post", _("pocztą (list polecony)")
    EPUAP = "epuap", _("ePUAP / e-Doręczenia")
    EMAIL = "email", _("e-mailem")
    IN_PERSON = "in_person", _("osobiście")
    OTHER = "other", _("inaczej")


def _template_path(instance: DocumentTemplate, _filename: str) -> str:
    # The user's file name is kept in a field, never used in the path.
    return f"templates/{instance.centre_id}/{instance.kind}/{uuid.uuid4().hex}.docx"


def _document_path(instance: GeneratedDocument, _filename: str) -> str:
    day = timezone.localdate()
    return f"documents/{instance.centre_id}/{day:%Y/%m}/{uuid.uuid4().hex}.{instance.format}"


class DocumentTemplate(TenantModel):
    """One version of a centre's own DOCX template of a document kind."""

    kind = models.CharField(_("rodzaj dokumentu"), max_length=64)
    version = models.PositiveIntegerField(_("wersja"))
    file = models.FileField(_("plik"), upload_to=_template_path, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    original_name = models.CharField(_("nazwa wgranego pliku"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wgrał(a)"),
    )
    uploaded_at = models.DateTimeField(_("wgrano"), default=timezone.now)
    is_active = models.BooleanField(_("używany"), default=False)

    class Meta:
        verbose_name = _("szablon dokumentu ośrodka")
        verbose_name_plural = _("szablony dokumentów ośrodka")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "kind", "version"], name="doctemplate_version_unique"
            ),
            models.UniqueConstraint(
                fields=["centre", "kind"],
                condition=models.Q(is_active=True),
                name="doctemplate_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"

    @property
    def label(self) -> str:
        return str(
            _("szablon ośrodka, wersja %(version)s (%(name)s, %(day)s)")
            % {
                "version": self.version,
                "name": self.original_name,
                "day": timezone.localtime(self.uploaded_at).strftime("%d.%m.%Y"),
            }
        )


class GeneratedDocumentQuerySet(models.QuerySet["GeneratedDocument"]):
    def for_list(self) -> GeneratedDocumentQuerySet:
        return self.select_related("generated_by", "template").order_by("-generated_at", "-pk")


class GeneratedDocument(TenantModel):
    """One frozen version of a document, as it was generated (and perhaps sent)."""

    family = models.ForeignKey(
        "families.Family",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("rodzina"),
    )
    # A document that is not a family's (the assistant's monthly work card): whose it is.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dokument pracownika"),
    )
    kind = models.CharField(_("rodzaj dokumentu"), max_length=64)
    label = models.CharField(_("nazwa dokumentu"), max_length=200)
    format = models.CharField(_("format"), max_length=4, choices=DocumentFormat.choices)
    version = models.PositiveIntegerField(_("wersja"))
    file = models.FileField(_("plik"), upload_to=_document_path, blank=True, max_length=300)
    file_name = models.CharField(_("nazwa pliku do pobrania"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("rozmiar (bajty)"), default=0)
    template = models.ForeignKey(
        DocumentTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("szablon ośrodka"),
    )
    template_label = models.CharField(_("szablon"), max_length=300)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_ref = models.JSONField(_("rekord źródłowy"), default=dict, blank=True)
    # kind + source_ref, canonical: the versions of one document share it.
    source_key = models.CharField(max_length=300)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wygenerował(a)"),
    )
    generated_at = models.DateTimeField(_("wygenerowano"), default=timezone.now)
    status = models.CharField(
        _("stan"), max_length=8, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("postęp (%)"), default=0)
    error = models.TextField(_("błąd"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    sent_on = models.DateField(_("wysłano dnia"), null=True, blank=True)
    sent_to = models.CharField(_("do kogo"), max_length=300, blank=True)
    sent_how = models.CharField(_("jak"), max_length=12, choices=SentHow.choices, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oznaczył(a) jako wysłany"),
    )

    objects = GeneratedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("wygenerowany dokument")
        verbose_name_plural = _("wygenerowane dokumenty")
        ordering = ["-generated_at", "-pk"]
        indexes = [
            models.Index(fields=["centre", "family", "-generated_at"], name="gendoc_family_idx"),
            models.Index(fields=["centre", "owner", "-generated_at"], name="gendoc_owner_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "source_key", "version"], name="gendoc_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(family__isnull=False) | models.Q(owner__isnull=False),
                name="gendoc_family_or_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} v{self.version} ({self.format})"

    def get_additional_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"centre": self.centre_id, "document": self.pk}
        if self.family is not None:
            data["family"] = self.family_id
            data["case_number"] = self.family.case_number
        return data

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY

    @property
    def is_pending(self) -> bool:
        return self.status == DocumentStatus.PENDING

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[DocumentFormat(self.format)]
