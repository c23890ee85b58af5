"""The documents pages: generate, a document's page, download (logged), the "sent" mark, the
family's panel and list; access for every role (Bartek and Zofia get 404)."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from asysta.core import testing
from asysta.documents import libreoffice, services
from asysta.documents.models import DocumentStatus, GeneratedDocument
from asysta.documents.tests.engine_fixtures import (
    HEAVY,
    MEMBER,
    OWN,
    SHEET,
    kinds_fixture,  # noqa: F401 - the `kinds` fixture
)


@pytest.fixture
def document(people, family, kinds):
    return services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)


def _generate(client, family, **data):
    payload = {"kind": SHEET.code, "source": "", "format": "docx", **data}
    return client.post(reverse("documents:generate", args=[family.pk]), payload)


def test_generate_makes_a_new_version_and_goes_to_its_page(people, family, login, kinds):
    client = login(people.anna)
    response = _generate(client, family)
    document = GeneratedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    _generate(client, family, format="pdf")
    assert list(GeneratedDocument.objects.values_list("version", "format")) == [
        (2, "pdf"),
        (1, "docx"),
    ]


def test_generate_refuses_bad_input_with_422(people, family, login, kinds):
    client = login(people.anna)
    assert _generate(client, family, format="exe").status_code == 422
    assert _generate(client, family, kind="nie_ma").status_code == 422
    other = testing.make_family(centre=people.centre, by=people.dorota)
    stranger = testing.make_member(family=other, by=people.dorota, first_name="Obcy")
    response = _generate(client, family, kind=MEMBER.code, source=str(stranger.pk))
    assert response.status_code == 422
    assert "Nie ma takiego rekordu w aktach tej rodziny" in response.content.decode()
    assert not GeneratedDocument.objects.exists()
    own = family.members.get()
    assert _generate(client, family, kind=MEMBER.code, source=str(own.pk)).status_code == 302


def test_bartek_and_zofia_get_404_on_annas_documents(people, family, login, document):
    urls = [
        reverse("documents:family_list", args=[family.pk]),
        reverse("documents:detail", args=[document.pk]),
        reverse("documents:download", args=[document.pk]),
        reverse("documents:mark_sent", args=[document.pk]),
    ]
    for user in (people.bartek, people.zofia):
        client = login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert _generate(client, family).status_code == 404
    assert GeneratedDocument.objects.count() == 1


def test_social_worker_and_auditor_read_but_do_not_generate(people, family, login, document):
    for user in (people.edward, people.urszula):
        client = login(user)
        assert client.get(reverse("documents:family_list", args=[family.pk])).status_code == 200
        assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
        assert client.get(reverse("documents:download", args=[document.pk])).status_code == 200
        assert _generate(client, family).status_code == 403
        assert client.get(reverse("documents:mark_sent", args=[document.pk])).status_code == 403


def test_hr_and_administrator_see_no_case_documents(people, family, login, document):
    for user in (people.halina, people.adam):
        client = login(user)
        assert client.get(reverse("documents:download", args=[document.pk])).status_code == 403
        assert client.get(reverse("documents:family_list", args=[family.pk])).status_code == 403


def test_download_is_an_attachment_and_is_logged_without_values(people, family, login, document):
    response = login(people.edward).get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert document.file_name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == document.content_type
    with document.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).get()
    assert entry.actor == people.edward
    assert entry.additional_data == {
        "centre": people.centre.pk,
        "document": document.pk,
        "family": family.pk,
        "case_number": family.case_number,
        "section": "documents",
    }
    assert entry.changes in ("", None, {})


def test_a_pending_document_polls_and_then_shows_it_is_ready(
    people, family, login, kinds, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = login(people.anna)
    client.post(
        reverse("documents:generate", args=[family.pk]),
        {"kind": HEAVY.code, "source": "", "format": "pdf"},
    )
    document = GeneratedDocument.objects.get()
    assert document.status == DocumentStatus.PENDING
    url = reverse("documents:detail", args=[document.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and "przygotowywany w tle" in page
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    services.complete_generation(document_id=document.pk)  # what the worker does
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Dokument jest gotowy" in partial and "hx-trigger" not in partial
    assert "<html" not in partial  # only the status part is swapped in


def test_mark_sent_page(people, family, login, document):
    client = login(people.anna)
    url = reverse("documents:mark_sent", args=[document.pk])
    assert client.post(url, {"on": "", "to": "", "how": "post"}).status_code == 422
    today = timezone.localdate().isoformat()
    response = client.post(url, {"on": today, "to": "PCPR w Testowie", "how": "epuap"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.sent_to == "PCPR w Testowie" and document.sent_how == "epuap"
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "PCPR w Testowie" in page


def test_detail_lists_every_version(people, family, login, document):
    second = services.generate_document(kind=SHEET, source=family, fmt="pdf", by=people.anna)
    page = login(people.anna).get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert reverse("documents:detail", args=[second.pk]) in page
    assert document.sha256 in page


def test_family_page_panel_offers_generating_and_hides_odt_without_libreoffice(
    people, family, login, document, monkeypatch
):
    monkeypatch.setattr(libreoffice, "libreoffice_available", lambda: False)
    page = login(people.anna).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert 'id="dokumenty"' in page and SHEET.label in page
    assert reverse("documents:download", args=[document.pk]) in page
    assert 'value="docx"' in page and 'value="pdf"' in page and 'value="odt"' not in page
    assert "wymaga programu LibreOffice" in page
    monkeypatch.setattr(libreoffice, "libreoffice_available", lambda: True)
    page = login(people.anna).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert 'value="odt"' in page


def test_panel_offers_no_generating_to_readers(people, family, login, document):
    page = login(people.edward).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert reverse("documents:download", args=[document.pk]) in page
    assert reverse("documents:generate", args=[family.pk]) not in page


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_of_the_panel_and_the_list_does_not_grow(people, family, login, document):
    client = login(people.anna)
    pages = [
        reverse("documents:family_list", args=[family.pk]),
        reverse("families:detail", args=[family.pk]),
    ]
    with_one = [_count(client, url) for url in pages]
    for _ in range(49):
        services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)
    assert family.documents.count() == 50
    assert [_count(client, url) for url in pages] == with_one
    listing = client.get(pages[0]).content.decode()
    assert "wersja 50<" in listing and "wersja 26<" in listing and "wersja 25<" not in listing


# --- documents without a family ------------------------------------------------------------------


def test_own_documents_are_the_assistants_coordinators_and_heads(people, login, kinds):
    ref = json.dumps({"assistant": people.anna.pk, "year": 2025, "month": 3})
    client = login(people.anna)
    response = client.post(
        reverse("documents:generate_own"), {"kind": OWN.code, "ref": ref, "format": "docx"}
    )
    assert response.status_code == 302
    document = GeneratedDocument.objects.get()
    assert document.owner == people.anna and document.family is None
    detail = reverse("documents:detail", args=[document.pk])
    download = reverse("documents:download", args=[document.pk])
    for user, status in (
        (people.anna, 200),
        (people.celina, 200),
        (people.dorota, 200),
        (people.bartek, 404),
        (people.edward, 404),
        (people.urszula, 404),
        (people.zofia, 404),
    ):
        client = login(user)
        assert client.get(detail).status_code == status, user
        assert client.get(download).status_code == status, user
    assert login(people.celina).get(reverse("documents:own_list")).status_code == 200
    page = login(people.bartek).get(reverse("documents:own_list")).content.decode()
    assert detail not in page


def test_bartek_cannot_make_annas_own_document(people, login, kinds):
    ref = json.dumps({"assistant": people.anna.pk, "year": 2025, "month": 3})
    response = login(people.bartek).post(
        reverse("documents:generate_own"), {"kind": OWN.code, "ref": ref, "format": "docx"}
    )
    assert response.status_code == 422
    bad = login(people.anna).post(
        reverse("documents:generate_own"), {"kind": OWN.code, "ref": "[1]", "format": "docx"}
    )
    assert bad.status_code == 422
    assert not GeneratedDocument.objects.exists()
