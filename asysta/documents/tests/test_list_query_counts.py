"""The documents' list pages cost the same number of queries with 1 row and with 50
(DESIGN.md §6): the own documents, the versions on a document's page, the centre's template
versions. The family's list has its own test beside the documents pages' tests."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from asysta.core import testing
from asysta.documents import services
from asysta.documents.tests.engine_fixtures import (
    OWN,
    SHEET,
    Month,
    kinds_fixture,  # noqa: F401 - the `kinds` fixture
)


def _own(user, months, *, start=0):
    for i in range(start, start + months):
        month = Month(user, 2020 + i // 12, i % 12 + 1)
        services.generate_document(kind=OWN, source=month, fmt="docx", by=user)


def test_own_documents_run_the_same_queries_for_1_and_50_rows(people, login, kinds):
    client = login(people.celina)
    url = reverse("documents:own_list")
    _own(people.anna, 1)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert page.count("Karta miesiąca (test)</a>") == 1 and "· Anna Asystentka" in page
    _own(people.anna, 24, start=1)
    _own(people.bartek, 25)
    many, page = testing.get_counted(client, url)
    assert page.count("Karta miesiąca (test)</a>") == 25 and "· Bartek Asystent" in page
    assert many == one
    second, page = testing.get_counted(client, url, {"p": 2})
    assert page.count("Karta miesiąca (test)</a>") == 25 and second == one


def test_document_versions_run_the_same_queries_for_1_and_50_rows(people, family, login, kinds):
    first = services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)
    client = login(people.anna)
    url = reverse("documents:detail", args=[first.pk])
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "wersja 1<" in page
    for _ in range(49):
        services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.celina)
    many, page = testing.get_counted(client, url)
    assert "wersja 50<" in page and "Celina Koordynatorka" in page
    assert many == one


def test_template_versions_run_the_same_queries_for_1_and_50_rows(people, login, kinds):
    def upload(n, by):
        for _ in range(n):
            docx = SimpleUploadedFile("szablon.docx", SHEET.default_docx())
            services.upload_template(centre=people.centre, kind=SHEET, file=docx, by=by)

    client = login(people.dorota)
    url = reverse("documents:templates")
    upload(1, people.dorota)
    client.get(url)
    one, page = testing.get_counted(client, url)
    assert "szablon.docx" in page and "Dorota Kierowniczka" in page
    upload(49, people.adam)
    many, page = testing.get_counted(client, url)
    assert page.count("<td>szablon.docx</td>") == 50 and "Adam Admin" in page
    assert many == one
