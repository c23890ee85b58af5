"""A document or template whose row cannot be saved leaves no file in the files directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import IntegrityError

from asysta.documents.models import DocumentTemplate, GeneratedDocument
from asysta.documents.tests.builders import centre_template, document


def _files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _failing_save(model, monkeypatch):
    def broken(self, *args, **kwargs):
        raise IntegrityError("the database refused the row")

    monkeypatch.setattr(model, "save", broken)


def test_a_failed_save_of_a_generated_document_removes_its_file(
    people, family, settings, monkeypatch
):
    document(family, by=people.anna)  # a first version: its file stays
    kept = _files(settings)
    assert len(kept) == 1
    family.documents.all().delete()  # next call makes a new one
    _failing_save(GeneratedDocument, monkeypatch)
    with pytest.raises(IntegrityError):
        document(family, by=people.anna)
    assert _files(settings) == kept
    assert not GeneratedDocument.objects.exists()


def test_a_failed_save_of_a_centre_template_removes_its_file(people, family, settings, monkeypatch):
    _failing_save(DocumentTemplate, monkeypatch)
    with pytest.raises(IntegrityError):
        centre_template(family, by=people.dorota)
    assert _files(settings) == []
    assert not DocumentTemplate.objects.exists()


def test_a_successful_save_keeps_the_file(people, family, settings):
    made = document(family, by=people.anna)
    assert [p.name for p in _files(settings)] == [Path(made.file.name).name]
