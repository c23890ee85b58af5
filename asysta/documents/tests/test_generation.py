"""Generating: frozen versions, the record they came from, the "sent" mark, heavy documents in
the background worker (immediate backend in tests), documents without a family."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import timedelta

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from asysta.documents import access, libreoffice, services
from asysta.documents.models import DocumentStatus, GeneratedDocument, SentHow
from asysta.documents.services import DocumentError
from asysta.documents.tests.engine_fixtures import (
    HEAVY,
    OWN,
    SHEET,
    Month,
    kinds_fixture,  # noqa: F401 - the `kinds` fixture
)
from asysta.families.models import Family
from asysta.families.services import update_family


def _read(document: GeneratedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return bytes(handle.read())


def test_generation_stores_the_file_its_hash_and_where_it_came_from(people, family, kinds):
    with set_actor(people.anna):
        document = services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)
    content = _read(document)
    assert document.status == DocumentStatus.READY and document.progress == 100
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert (document.family, document.owner, document.generated_by) == (family, None, people.anna)
    assert document.source_type == ContentType.objects.get_for_model(Family)
    assert (document.source_id, document.source_ref) == (family.pk, {"pk": family.pk})
    assert document.template is None and "domyślny" in document.template_label
    assert document.file_name == f"Karta-testowa-rodziny_{family.case_number}_v1.docx"
    assert family.case_number in "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    entry = LogEntry.objects.get_for_object(document).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == people.anna
    assert entry.additional_data["family"] == family.pk


def test_every_generation_is_a_new_frozen_version(people, family, kinds):
    first = services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)
    before = _read(first)
    update_family(family=family, by=people.anna, other_services="kurator od 2025")
    family.refresh_from_db()
    second = services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)
    pdf = services.generate_document(kind=SHEET, source=family, fmt="pdf", by=people.celina)
    assert first.pk != second.pk and (first.version, second.version, pdf.version) == (1, 2, 3)
    first.refresh_from_db()
    assert _read(first) == before  # the earlier version is untouched
    assert hashlib.sha256(_read(first)).hexdigest() == first.sha256
    assert hashlib.sha256(_read(second)).hexdigest() == second.sha256 != first.sha256
    assert first.file.name != second.file.name
    assert "kurator od 2025" in PdfReader(io.BytesIO(_read(pdf))).pages[0].extract_text()
    assert pdf.template_label.startswith("szablon PDF")


def test_only_writers_of_the_family_generate(people, family, kinds):
    for user in (people.bartek, people.edward, people.urszula, people.zofia):
        with pytest.raises(DocumentError):
            services.generate_document(kind=SHEET, source=family, fmt="docx", by=user)
    assert not GeneratedDocument.objects.exists()
    for user in (people.celina, people.dorota):
        services.generate_document(kind=SHEET, source=family, fmt="docx", by=user)
    assert GeneratedDocument.objects.count() == 2


def test_odt_is_refused_without_libreoffice(people, family, kinds, monkeypatch):
    monkeypatch.setattr(libreoffice, "libreoffice_available", lambda: False)
    with pytest.raises(DocumentError) as caught:
        services.generate_document(kind=SHEET, source=family, fmt="odt", by=people.anna)
    assert "LibreOffice" in caught.value.text
    with pytest.raises(DocumentError):
        services.generate_document(kind=SHEET, source=family, fmt="exe", by=people.anna)
    assert not GeneratedDocument.objects.exists()


@pytest.mark.skipif(
    not libreoffice.libreoffice_available(),
    reason="LibreOffice (soffice) is not installed: `make document-tools` installs it",
)
def test_odt_is_made_through_libreoffice(people, family, kinds):
    document = services.generate_document(kind=SHEET, source=family, fmt="odt", by=people.anna)
    assert _read(document).startswith(b"PK") and document.file_name.endswith(".odt")


def test_a_failure_stores_nothing_and_says_so(people, family, kinds):
    def broken(_source):
        raise RuntimeError("PESEL 12345678901 in a traceback")

    kind = replace(SHEET, build=broken)
    with pytest.raises(DocumentError) as caught:
        services.generate_document(kind=kind, source=family, fmt="docx", by=people.anna)
    assert "RuntimeError" in caught.value.text and "12345678901" not in caught.value.text
    assert not GeneratedDocument.objects.exists()


def test_mark_sent_records_when_to_whom_and_how(people, family, kinds):
    document = services.generate_document(kind=SHEET, source=family, fmt="pdf", by=people.anna)
    today = timezone.localdate()
    with set_actor(people.anna):
        services.mark_sent(
            document=document, by=people.anna, on=today, to="Sąd Rejonowy", how=SentHow.POST
        )
    document.refresh_from_db()
    assert (document.sent_on, document.sent_to, document.sent_how, document.sent_by) == (
        today,
        "Sąd Rejonowy",
        SentHow.POST,
        people.anna,
    )
    entry = LogEntry.objects.get_for_object(document).latest("pk")
    assert entry.action == LogEntry.Action.UPDATE and entry.actor == people.anna
    assert set(entry.changes_dict) == {"sent_on", "sent_to", "sent_how", "sent_by"}
    assert "Sąd" not in str(entry.changes)  # the recipient is masked in the trail


def test_mark_sent_refusals(people, family, kinds):
    document = services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)
    today = timezone.localdate()
    cases = [
        ({"on": today + timedelta(days=1)}, "on"),
        ({"on": today - timedelta(days=1)}, "on"),  # before it was generated
        ({"to": "  "}, "to"),
        ({"how": "pigeon"}, "how"),
    ]
    for change, field in cases:
        args = {"on": today, "to": "PCPR", "how": SentHow.EMAIL, **change}
        with pytest.raises(DocumentError) as caught:
            services.mark_sent(document=document, by=people.anna, **args)
        assert field in caught.value.error_dict
    with pytest.raises(DocumentError):
        services.mark_sent(document=document, by=people.bartek, on=today, to="X", how="post")
    document.refresh_from_db()
    assert document.sent_on is None


def test_a_heavy_document_is_made_by_the_worker(people, family, kinds):
    with set_actor(people.anna):
        document = services.generate_document(kind=HEAVY, source=family, fmt="pdf", by=people.anna)
    # The immediate backend ran the task at once; a real worker does it in the background.
    assert document.task_id
    assert document.status == DocumentStatus.READY and document.progress == 100
    assert _read(document).startswith(b"%PDF")
    assert LogEntry.objects.get_for_object(document).latest("pk").actor == people.anna


def test_a_heavy_document_waits_for_the_worker_and_can_fail(people, family, kinds, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    document = services.generate_document(kind=HEAVY, source=family, fmt="docx", by=people.anna)
    assert document.status == DocumentStatus.PENDING and not document.file
    # The record went away before the worker came to it.
    GeneratedDocument.objects.filter(pk=document.pk).update(source_ref={"pk": 0})
    failed = services.complete_generation(document_id=document.pk)
    assert failed is not None and failed.status == DocumentStatus.FAILED
    assert "Nie ma już rekordu" in failed.error
    assert services.complete_generation(document_id=document.pk) is None  # not pending now


def test_a_document_without_a_family_is_its_assistants(people, kinds):
    month = Month(people.anna, 2025, 3)
    document = services.generate_document(kind=OWN, source=month, fmt="docx", by=people.anna)
    assert (document.family, document.owner, document.centre) == (None, people.anna, people.centre)
    assert document.source_ref == {"assistant": people.anna.pk, "year": 2025, "month": 3}
    assert document.source_type is None and document.source_id is None
    text = "\n".join(p.text for p in Document(io.BytesIO(_read(document))).paragraphs)
    assert "Karta 03.2025" in text and "Anna Asystentka" in text
    # The coordinator makes one for Anna; Bartek may not, nor can anyone of another centre.
    services.generate_document(kind=OWN, source=month, fmt="pdf", by=people.celina)
    for user in (people.bartek, people.zofia, people.edward):
        with pytest.raises(DocumentError):
            services.generate_document(kind=OWN, source=month, fmt="docx", by=user)
    visible = {
        user.username: access.documents_visible_to(user).count()
        for user in (people.anna, people.bartek, people.celina, people.dorota, people.urszula)
    }
    assert visible == {"anna": 2, "bartek": 0, "celina": 2, "dorota": 2, "urszula": 0}
