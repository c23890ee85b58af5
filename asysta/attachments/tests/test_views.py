"""Attachment pages: access (404 for someone else's family), the upload form and its refusals
(422, nothing stored), the size limit while the upload arrives, the download (headers, logged
read), the head's removal, the family panel and constant query counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from asysta.attachments.models import Attachment
from asysta.attachments.tests import files
from asysta.attachments.tests.builders import attachment
from asysta.core import testing


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload_url(family, query: str = "") -> str:
    return reverse("attachments:upload", args=[family.pk]) + query


def post_file(client, family, name, data, **fields):
    payload = {"description": "", "signature_of": "", "target": "", **fields}
    payload["upload"] = files.upload(name, data)
    return client.post(upload_url(family), payload)


@pytest.mark.parametrize("who", ["bartek", "zofia"])
def test_someone_elses_family_is_404_on_every_attachment_url(people, family, login, who):
    row = attachment(family, by=people.anna)
    client = login(getattr(people, who))
    args = [family.pk, row.pk]
    for url in (
        reverse("attachments:list", args=[family.pk]),
        upload_url(family),
        reverse("attachments:download", args=args),
    ):
        assert client.get(url).status_code == 404, url
    assert post_file(client, family, "skan.pdf", files.pdf()).status_code == 404
    remove = reverse("attachments:remove", args=args)
    expected = 404 if who == "zofia" else 403  # removal is the head's: the policy stops Bartek
    assert client.get(remove).status_code == expected
    assert client.post(remove, {"reason": "x"}).status_code == expected
    assert Attachment.objects.count() == 1 and len(stored_files()) == 1
    user = getattr(people, who)
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=user).exists()


def test_an_attachment_of_another_family_is_404_through_this_family(people, family, login):
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    row = attachment(other, by=people.anna)
    client = login(people.anna)
    assert client.get(reverse("attachments:download", args=[family.pk, row.pk])).status_code == 404


def test_the_social_worker_reads_but_may_not_upload(people, family, login):
    attachment(family, by=people.anna)
    client = login(people.edward)
    assert client.get(reverse("attachments:list", args=[family.pk])).status_code == 200
    assert client.get(upload_url(family)).status_code == 403


def test_uploading_through_the_page(people, family, login):
    client = login(people.anna)
    page = client.get(upload_url(family)).content.decode()
    assert 'enctype="multipart/form-data"' in page and ".xades" in page
    response = post_file(
        client, family, "Zaświadczenie szkolne.pdf", files.pdf(), description="Od pedagoga"
    )
    assert response.status_code == 302
    row = Attachment.objects.get()
    assert row.original_name == "Zaświadczenie szkolne.pdf" and row.description == "Od pedagoga"
    listing = client.get(response["Location"]).content.decode()
    assert "Zaświadczenie szkolne.pdf" in listing and "Od pedagoga" in listing


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        ("faktura.pdf", lambda: files.EXE, "plik wykonywalny"),
        ("faktura.pdf", lambda: files.HTML, "strona HTML"),
        ("program.exe", lambda: files.EXE, "Pliki typu .exe nie są przyjmowane"),
        ("pismo.docx", files.docx_with_zip_bomb, "bomby zip"),
        ("podpis.xades", lambda: files.BILLION_LAUGHS, "DTD"),
    ],
)
def test_a_refused_upload_is_422_with_the_message_by_the_field(
    people, family, login, name, build, message
):
    client = login(people.anna)
    response = post_file(client, family, name, build(), description="Mój opis pliku")
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_upload_error"' in page and message in page
    assert "Mój opis pliku" in page  # what the user typed stays
    assert not Attachment.objects.exists() and stored_files() == []


def test_no_file_chosen_is_422(people, family, login):
    response = login(people.anna).post(upload_url(family), {"description": "x"})
    assert response.status_code == 422 and "Wybierz plik" in response.content.decode()


def test_a_file_over_the_limit_is_cut_off_while_it_arrives(people, family, login, monkeypatch):
    from asysta.attachments import services

    people.centre.attachment_max_mb = 1
    people.centre.save()
    monkeypatch.setattr(services, "add_attachment", pytest.fail)  # never reaches the service
    big = files.pdf() + b"%" * (3 * 1024 * 1024 // 2)
    response = post_file(login(people.anna), family, "skan.pdf", big, description="Duży skan")
    assert response.status_code == 422
    page = response.content.decode()
    assert "większy niż 1 MB" in page and 'id="id_upload_error"' in page and "Duży skan" in page
    assert not Attachment.objects.exists() and stored_files() == []


def test_the_upload_keeps_its_csrf_check(people, family):
    client = Client(enforce_csrf_checks=True)
    testing.login(client, people.anna)
    response = client.post(upload_url(family), {"upload": files.upload("a.pdf", files.pdf())})
    assert response.status_code == 403 and not Attachment.objects.exists()


def test_an_attachment_of_a_plan_through_the_link(people, family, login):
    from asysta.attachments.services import target_ref
    from asysta.plans.tests.builders import draft_with_content

    plan = draft_with_content(family, by=people.anna)
    client = login(people.anna)
    query = "?do=" + target_ref(plan)
    page = client.get(upload_url(family, query)).content.decode()
    assert "do dokumentu: plan pracy" in page.lower() and target_ref(plan) in page
    response = post_file(client, family, "plan.pdf", files.pdf(), target=target_ref(plan))
    assert response.status_code == 302 and Attachment.objects.get().target == plan
    bad = post_file(client, family, "plan.pdf", files.pdf(), target="plans.workplan:999999")
    assert bad.status_code == 422 and "Nie ma takiego dokumentu" in bad.content.decode()
    assert Attachment.objects.count() == 1


def test_a_signature_file_next_to_its_document_through_the_page(people, family, login):
    document = attachment(family, by=people.anna, name="wniosek.pdf")
    client = login(people.anna)
    response = post_file(
        client, family, "wniosek.pdf.xades", files.xades(), signature_of=str(document.pk)
    )
    assert response.status_code == 302
    signature = Attachment.objects.get(signature_of=document)
    assert signature.signed
    listing = client.get(reverse("attachments:list", args=[family.pk])).content.decode()
    assert "podpis do: wniosek.pdf" in listing


def test_the_download_is_an_attachment_with_safe_headers_and_a_logged_read(people, family, login):
    data = files.pdf(signed=True)
    row = attachment(family, by=people.anna, name="Zaświadczenie szkolne.pdf", data=data)
    client = login(people.edward)  # the family's social worker reads it
    response = client.get(reverse("attachments:download", args=[family.pk, row.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        'attachment; filename="Zaswiadczenie szkolne.pdf"; '
        "filename*=UTF-8''Za%C5%9Bwiadczenie%20szkolne.pdf"
    )
    assert "sandbox" in response["Content-Security-Policy"]
    read = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=people.edward).get()
    assert read.additional_data["section"] == "attachments"
    assert read.additional_data["family"] == family.pk and read.object_pk == str(row.pk)
    assert not read.changes  # no values in the log


def test_listing_the_attachments_is_a_logged_read_of_the_family(people, family, login):
    attachment(family, by=people.anna)
    login(people.urszula).get(reverse("attachments:list", args=[family.pk]))
    read = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=people.urszula).get()
    assert read.additional_data["section"] == "attachments"
    assert read.additional_data["family"] == family.pk and read.object_pk == str(family.pk)


def test_the_head_removes_an_attachment_with_a_reason(
    people, family, login, django_capture_on_commit_callbacks
):
    row = attachment(family, by=people.anna, name="zla_rodzina.pdf")
    client = login(people.dorota)
    url = reverse("attachments:remove", args=[family.pk, row.pk])
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 422 and 'id="id_reason_error"' in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Skan innej rodziny."}).status_code == 302
    row.refresh_from_db()
    assert row.removed and stored_files() == []
    listing = client.get(reverse("attachments:list", args=[family.pk])).content.decode()
    assert "Skan innej rodziny." in listing
    download = reverse("attachments:download", args=[family.pk, row.pk])
    assert client.get(download).status_code == 404


def test_the_family_page_panel(people, family, login):
    attachment(family, by=people.anna, name="skan_szkola.pdf")
    anna = login(people.anna).get(reverse("families:detail", args=[family.pk])).content.decode()
    assert 'id="zalaczniki"' in anna and "skan_szkola.pdf" in anna
    assert upload_url(family) in anna
    edward = login(people.edward).get(reverse("families:detail", args=[family.pk]))
    assert "skan_szkola.pdf" in edward.content.decode()
    assert upload_url(family) not in edward.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_and_the_family_page_query_counts_do_not_grow(people, family, login):
    from asysta.plans.tests.builders import draft_with_content

    plan = draft_with_content(family, by=people.anna)
    first = attachment(family, by=people.anna, target=plan)
    attachment(family, by=people.anna, name="p.xades", data=files.xades(), signature_of=first)
    client = login(people.dorota)
    pages = [
        reverse("attachments:list", args=[family.pk]),
        reverse("families:detail", args=[family.pk]),
    ]
    before = [_queries(client, url) for url in pages]
    for i in range(30):
        attachment(family, by=people.anna, name=f"skan{i}.png", data=files.image(), target=plan)
    assert [_queries(client, url) for url in pages] == before
