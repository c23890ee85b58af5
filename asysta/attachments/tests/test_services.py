"""Adding and removing attachments: stored byte for byte under our own name, refused files leave
nothing behind, who may add and remove, records and signature files, the audit rows."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError

from asysta.attachments import services
from asysta.attachments.models import Attachment
from asysta.attachments.tests import files
from asysta.attachments.tests.builders import attachment
from asysta.audit.masking import MASK
from asysta.core import testing

STORED_NAME = re.compile(r"^attachments/\d+/\d+/[0-9a-f]{32}\.[a-z]+$")


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def add(family, by, name, data, **kwargs):
    return services.add_attachment(family=family, by=by, upload=files.upload(name, data), **kwargs)


def refused(family, by, name, data, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as err:
        add(family, by, name, data, **kwargs)
    assert not Attachment.objects.exists()
    assert stored_files() == []
    return err.value.message_dict


CORPUS = [
    ("skan.pdf", files.pdf, "pdf"),
    ("zdjecie.jpg", lambda: files.image("JPEG"), "jpeg"),
    ("mapa.png", files.image, "png"),
    ("pismo.docx", files.docx, "docx"),
    ("budzet.xlsx", files.xlsx, "xlsx"),
    ("notatka.odt", files.odt, "odt"),
    ("budzet.ods", files.ods, "ods"),
    ("wniosek.xades", files.xades, "signature"),
]


@pytest.mark.parametrize(("name", "build", "kind"), CORPUS)
def test_each_allowed_type_is_kept_byte_for_byte_under_our_own_name(
    people, family, name, build, kind
):
    data = build()
    row = add(family, people.anna, name, data, description="Od pedagoga")
    assert row.kind == kind and row.original_name == name and row.size == len(data)
    assert row.sha256 == hashlib.sha256(data).hexdigest()
    assert STORED_NAME.match(row.file.name) and name not in row.file.name
    assert row.file.name.startswith(f"attachments/{people.centre.pk}/{family.pk}/")
    with row.file.open("rb") as stored:
        assert stored.read() == data
    assert row.centre == people.centre and row.uploaded_by == people.anna
    assert row.uploaded_at == row.created_at and row.description == "Od pedagoga"
    assert stored_files() == [Path(row.file.path)]


def test_a_signed_pdf_is_marked_signed_and_kept_unchanged(people, family):
    data = files.pdf(signed=True)
    row = add(family, people.anna, "postanowienie.pdf", data)
    assert row.signed and row.file.read() == data
    assert not add(family, people.anna, "skan.pdf", files.pdf()).signed


def test_a_signature_file_next_to_the_signed_document(people, family):
    document = add(family, people.anna, "wniosek.pdf", files.pdf())
    signature = add(family, people.anna, "wniosek.pdf.xades", files.xades(), signature_of=document)
    assert signature.signed and signature.signature_of == document
    assert list(document.signatures.all()) == [signature]


@pytest.mark.parametrize(
    ("name", "build", "code"),
    [
        ("program.exe", lambda: files.EXE, "disallowed_type"),
        ("strona.html", lambda: files.HTML, "disallowed_type"),
        ("faktura.pdf", lambda: files.EXE, "executable"),
        ("faktura.pdf", lambda: files.HTML, "html"),
        ("pismo.docx", files.docx_with_zip_bomb, "zip_bomb"),
        (
            "pismo.docx",
            lambda: files.with_extra_entries(files.docx(), {"../x.sh": b"x"}),
            "unsafe_names",
        ),
        ("podpis.xades", lambda: files.BILLION_LAUGHS, "xml_dtd"),
        ("pismo.docx", files.plain_zip, "zip"),
    ],
)
def test_a_refused_file_leaves_no_row_and_no_file(people, family, name, build, code):
    with pytest.raises(ValidationError) as err:
        add(family, people.anna, name, build())
    assert err.value.error_dict["upload"][0].code == code
    assert not Attachment.objects.exists() and stored_files() == []


def test_a_file_over_the_centres_limit_is_refused(people, family):
    people.centre.attachment_max_mb = 1
    people.centre.save()
    family.refresh_from_db()
    big = files.pdf() + b"%" * (1024 * 1024)
    errors = refused(family, people.anna, "skan.pdf", big)
    assert "do 1 MB" in errors["upload"][0]


def test_a_name_with_traversal_is_sanitised_not_refused(people, family):
    row = add(family, people.anna, "..\\..\\..\\windows\\skan\x00.PDF", files.pdf())
    assert row.original_name == "skan.pdf"
    assert ".." not in row.file.name and STORED_NAME.match(row.file.name)
    assert Path(row.file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


@pytest.mark.parametrize("who", ["bartek", "edward", "urszula", "zofia"])
def test_only_those_who_write_the_family_add_attachments(people, family, who):
    errors = refused(family, getattr(people, who), "skan.pdf", files.pdf())
    assert "asystent rodziny, koordynator lub kierownik" in errors["upload"][0]


def test_the_head_and_coordinator_add_attachments_to_any_family(people, family):
    add(family, people.dorota, "a.pdf", files.pdf())
    add(family, people.celina, "b.pdf", files.pdf())
    assert Attachment.objects.filter(family=family).count() == 2


def test_an_attachment_of_one_of_the_familys_records(people, family):
    from asysta.plans.tests.builders import draft_with_content

    plan = draft_with_content(family, by=people.anna)
    row = add(family, people.anna, "plan_podpisany.pdf", files.pdf(), target=plan)
    assert row.target == plan and row.target_label
    assert services.resolve_target(family, services.target_ref(plan)) == plan


def test_a_record_of_another_family_or_app_is_refused(people, family):
    from asysta.plans.tests.builders import draft_with_content

    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    others_plan = draft_with_content(other, by=people.anna)
    errors = refused(family, people.anna, "a.pdf", files.pdf(), target=others_plan)
    assert "tej samej rodziny" in errors["target"][0]
    member = family.members.first()  # a record of the family, but not a document of the case
    assert "target" in refused(family, people.anna, "a.pdf", files.pdf(), target=member)
    for ref in ("plans.workplan:999999", "nie.ma:1", "families.member:x"):
        with pytest.raises(ValidationError):
            services.resolve_target(family, ref)


def test_a_signature_must_be_a_signature_file_of_a_document_of_the_same_family(people, family):
    document = add(family, people.anna, "wniosek.pdf", files.pdf())
    signature = add(family, people.anna, "wniosek.xades", files.xades(), signature_of=document)
    other = testing.make_family(centre=people.centre, by=people.dorota)
    testing.assign(family=other, assistant=people.anna, by=people.dorota)
    before = set(stored_files())
    for kwargs, data, name in (
        ({"signature_of": document}, files.pdf(), "drugi.pdf"),  # not a signature file
        ({"signature_of": signature}, files.xades(), "podpis2.xades"),  # a signature's signature
    ):
        with pytest.raises(ValidationError) as err:
            add(family, people.anna, name, data, **kwargs)
        assert "signature_of" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        add(other, people.anna, "podpis.xades", files.xades(), signature_of=document)
    assert "signature_of" in err.value.message_dict
    assert Attachment.objects.count() == 2 and set(stored_files()) == before


def test_a_failure_after_the_file_is_written_removes_the_file(people, family, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Attachment.objects, "create", broken)
    with pytest.raises(RuntimeError):
        add(family, people.anna, "skan.pdf", files.pdf())
    assert stored_files() == []


def test_adding_is_audited_without_the_description_or_the_name(people, family):
    with set_actor(people.anna):
        row = add(family, people.anna, "wyrok_Nowak.pdf", files.pdf(), description="Wyrok sądu")
    entry = LogEntry.objects.get_for_object(row).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == people.anna
    changes = entry.changes_dict
    assert changes["description"][1] == MASK and changes["original_name"][1] == MASK
    assert "Nowak" not in str(entry.changes) and "Wyrok" not in str(entry.changes)
    assert entry.additional_data["family"] == family.pk


# --- removal by the head ----------------------------------------------------------------------


def test_the_head_removes_an_attachment_with_its_signatures_keeping_the_trace(
    people, family, django_capture_on_commit_callbacks
):
    document = attachment(family, by=people.anna, description="Skan do złej rodziny")
    signature = add(family, people.anna, "podpis.xades", files.xades(), signature_of=document)
    with django_capture_on_commit_callbacks(execute=True), set_actor(people.dorota):
        services.remove_attachment(
            attachment=document, by=people.dorota, reason="Skan dodany do akt złej rodziny."
        )
    assert stored_files() == []
    for row in (document, signature):
        row.refresh_from_db()
        assert row.removed and row.removed_by == people.dorota and row.description == ""
        assert row.removal_reason == "Skan dodany do akt złej rodziny."
        assert row.sha256 and row.original_name  # what was removed is still known
    assert not Attachment.objects.present().exists()
    entry = LogEntry.objects.get_for_object(document).latest("pk")
    assert entry.action == LogEntry.Action.UPDATE and entry.actor == people.dorota
    assert entry.changes_dict["removal_reason"][1] == MASK and "removed_at" in entry.changes_dict


@pytest.mark.parametrize("who", ["anna", "celina", "zofia"])
def test_only_the_head_of_the_centre_removes(people, family, who):
    row = attachment(family, by=people.anna)
    with pytest.raises(ValidationError, match="tylko kierownik"):
        services.remove_attachment(attachment=row, by=getattr(people, who), reason="Pomyłka")
    row.refresh_from_db()
    assert not row.removed and stored_files() == [Path(row.file.path)]


def test_removal_needs_a_reason_and_happens_once(people, family):
    row = attachment(family, by=people.anna)
    with pytest.raises(ValidationError, match="Podaj powód"):
        services.remove_attachment(attachment=row, by=people.dorota, reason="  ")
    services.remove_attachment(attachment=row, by=people.dorota, reason="Pomyłka")
    with pytest.raises(ValidationError, match="już usunięty"):
        services.remove_attachment(attachment=row, by=people.dorota, reason="Pomyłka")
