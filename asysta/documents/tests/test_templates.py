"""The centre's own templates: upload (checked with the kind's sample data), each refusal named,
versions kept, one in use; generation uses the template in use."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from asysta.documents import libreoffice, services
from asysta.documents.checks import check_template
from asysta.documents.kinds import base
from asysta.documents.models import DocumentTemplate
from asysta.documents.services import DocumentError
from asysta.documents.tests.engine_fixtures import (
    SHEET,
    docx_template,
    kinds_fixture,  # noqa: F401 - the `kinds` fixture
)

GOOD = docx_template(
    "NASZ UKŁAD {{ centre.name }}",
    "Sprawa {{ family.case_number }}",
    rows=("{%tr for m in family.members %}|", "{{ m.name }}|{{ m.role }}", "{%tr endfor %}|"),
)


def _upload(people, content: bytes, name: str = "szablon.docx", by=None, **kw):
    return services.upload_template(
        centre=people.centre,
        kind=SHEET,
        file=SimpleUploadedFile(name, content),
        by=by or people.dorota,
        **kw,
    )


def _refused(people, content: bytes) -> str:
    with pytest.raises(DocumentError) as caught:
        _upload(people, content)
    assert not DocumentTemplate.objects.exists()  # nothing stored
    assert "file" in caught.value.error_dict  # shown next to the file field
    return caught.value.text


def test_a_good_template_is_stored_as_a_version_in_use(people, kinds):
    with set_actor(people.dorota):
        template = _upload(people, GOOD, name="../../Nasz szablon.docx")
    assert (template.version, template.is_active, template.kind) == (1, True, SHEET.code)
    assert template.original_name == "Nasz szablon.docx"  # no path from the user's name
    assert template.sha256 == hashlib.sha256(GOOD).hexdigest()
    with template.file.open("rb") as handle:
        assert handle.read() == GOOD
    assert "Nasz szablon" not in template.file.name
    entry = LogEntry.objects.get_for_object(template).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == people.dorota
    assert entry.additional_data["centre"] == people.centre.pk


def test_the_product_default_passes_its_own_check(people, kinds):
    assert _upload(people, SHEET.default_docx()).version == 1


def test_every_kinds_default_template_passes_the_upload_check():
    # The product's own templates are what a centre starts from: they must pass the check.
    checked = [k.code for k in base.REGISTRY.values() if not k.code.startswith("engine_test")]
    for code in checked:
        kind = base.get(code)
        check_template(kind.default_docx(), kind=kind)
    assert checked  # the kinds are registered when the app starts


def test_an_unclosed_tag_is_refused_naming_the_tag(people, kinds):
    message = _refused(
        people, docx_template("Członkowie: {% for m in family.members %}{{ m.name }}")
    )
    assert "{% for %}" in message and "{% endfor %}" in message
    assert "Członkowie" in message  # where it is


def test_an_unclosed_field_is_refused(people, kinds):
    message = _refused(people, docx_template("Sprawa {{ family.case_number"))
    assert "Niezamknięte pole" in message and "„}}”" in message
    assert "Sprawa {{ family.case_number" in message


def test_an_unknown_field_is_refused_by_its_full_path(people, kinds):
    message = _refused(people, docx_template("Sprawa {{ family.case_numbr }}"))
    assert "family.case_numbr" in message and "Nieznane pole" in message
    message = _refused(
        people, docx_template("{% for m in family.members %}{{ m.nme }}{% endfor %}")
    )
    assert "family.members[].nme" in message
    assert "rodzina" in _refused(people, docx_template("{{ rodzina.nazwisko }}"))


def test_a_loop_over_table_rows_without_tr_is_refused_saying_how_to_write_it(people, kinds):
    wrong = docx_template(
        "Członkowie:",
        rows=("{% for m in family.members %}|", "{{ m.name }}|{{ m.role }}", "{% endfor %}|"),
    )
    message = _refused(people, wrong)
    assert "{%tr for … %}" in message and "{%tr endfor %}" in message
    assert "Tabela 1, wiersz 1" in message


def test_a_file_that_is_not_a_docx_is_refused(people, kinds):
    for content in (b"%PDF-1.7 not a word file", b"MZ\x90\x00 executable", b""):
        assert "To nie jest plik Word" in _refused(people, content)
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "To nie jest plik Word" in _refused(people, odt.getvalue())


def test_a_template_with_macros_or_linked_files_is_refused(people, kinds):
    def patched(extra: dict[str, bytes]) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(GOOD))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for item in source.infolist():
                archive.writestr(item, extra.pop(item.filename, source.read(item.filename)))
            for name, data in extra.items():
                archive.writestr(name, data)
        return out.getvalue()

    assert "makra" in _refused(people, patched({"word/vbaProject.bin": b"\x00" * 10}))
    rels = zipfile.ZipFile(io.BytesIO(GOOD)).read("word/_rels/document.xml.rels").decode()
    linked = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="file:///etc/passwd" TargetMode="External"/></Relationships>',
    )
    message = _refused(people, patched({"word/_rels/document.xml.rels": linked.encode()}))
    assert "zewnętrznego pliku" in message and "file:///etc/passwd" in message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(people, kinds):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in zipfile.ZipFile(io.BytesIO(GOOD)).infolist():
            archive.writestr(item.filename, zipfile.ZipFile(io.BytesIO(GOOD)).read(item.filename))
        archive.writestr("word/media/huge.bin", b"\x00" * (20 * 1024 * 1024))
    assert "podejrzanie duży" in _refused(people, out.getvalue())


def test_only_the_head_or_administrator_uploads(people, kinds):
    with pytest.raises(DocumentError):
        _upload(people, GOOD, by=people.celina)
    with pytest.raises(DocumentError):
        _upload(people, GOOD, by=people.zofia)  # another centre's head
    assert _upload(people, GOOD, by=people.adam).version == 1


def test_versions_are_kept_and_any_can_be_used_again(people, family, kinds):
    first = _upload(people, GOOD)
    second = _upload(people, GOOD)
    first.refresh_from_db()
    assert (first.is_active, second.is_active, second.version) == (False, True, 2)
    with set_actor(people.dorota):
        services.activate_template(template=first, by=people.dorota)
    second.refresh_from_db()
    assert (services.active_template(centre=people.centre, kind=SHEET.code), second.is_active) == (
        first,
        False,
    )
    services.use_default_template(centre=people.centre, kind=SHEET.code, by=people.dorota)
    assert services.active_template(centre=people.centre, kind=SHEET.code) is None
    assert DocumentTemplate.objects.count() == 2  # nothing deleted


def test_generation_uses_the_template_in_use_and_records_it(people, family, kinds):
    template = _upload(people, GOOD)
    document = services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)
    with document.file.open("rb") as handle:
        text = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
    assert f"NASZ UKŁAD {people.centre.name}" in text
    assert document.template == template and "wersja 1" in document.template_label
    services.use_default_template(centre=people.centre, kind=SHEET.code, by=people.dorota)
    again = services.generate_document(kind=SHEET, source=family, fmt="docx", by=people.anna)
    assert again.template is None and "domyślny" in again.template_label


# --- the pages ----------------------------------------------------------------------------------


def test_upload_page_refuses_with_the_problem_next_to_the_field(people, login, kinds):
    client = login(people.dorota)
    bad = SimpleUploadedFile("zly.docx", docx_template("{{ family.case_numbr }}"))
    response = client.post(reverse("documents:template_upload"), {"kind": SHEET.code, "file": bad})
    assert response.status_code == 422
    assert "family.case_numbr" in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    good = SimpleUploadedFile("dobry.docx", GOOD)
    response = client.post(reverse("documents:template_upload"), {"kind": SHEET.code, "file": good})
    assert response.status_code == 302
    assert DocumentTemplate.objects.get().original_name == "dobry.docx"


def test_templates_page_lists_kinds_and_versions(people, login, kinds):
    template = _upload(people, GOOD, name="ośrodek.docx")
    response = login(people.adam).get(reverse("documents:templates"))
    assert response.status_code == 200
    html = response.content.decode()
    assert SHEET.label in html and "ośrodek.docx" in html
    assert reverse("documents:template_download", args=[template.pk]) in html


def test_default_and_version_downloads(people, login, kinds):
    template = _upload(people, GOOD)
    client = login(people.dorota)
    response = client.get(reverse("documents:template_default", args=[SHEET.code]))
    assert response.status_code == 200 and response.content == SHEET.default_docx()
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    response = client.get(reverse("documents:template_download", args=[template.pk]))
    assert response.content == GOOD
    assert client.get(reverse("documents:template_default", args=["nie_ma"])).status_code == 404


def test_other_centre_and_other_roles_cannot_reach_templates(people, login, kinds):
    template = _upload(people, GOOD)
    url = reverse("documents:template_download", args=[template.pk])
    assert login(people.zofia).get(url).status_code == 404
    activate = reverse("documents:template_activate", args=[template.pk])
    assert login(people.zofia).post(activate).status_code == 404
    assert login(people.anna).get(url).status_code == 403
    assert login(people.celina).get(reverse("documents:templates")).status_code == 403


def test_activate_and_back_to_default_pages(people, login, kinds):
    first = _upload(people, GOOD)
    _upload(people, GOOD)
    client = login(people.dorota)
    assert client.post(reverse("documents:template_activate", args=[first.pk])).status_code == 302
    assert services.active_template(centre=people.centre, kind=SHEET.code) == first
    url = reverse("documents:template_use_default", args=[SHEET.code])
    assert client.post(url).status_code == 302
    assert services.active_template(centre=people.centre, kind=SHEET.code) is None


def test_help_page_lists_each_kinds_fields_with_examples(people, login, kinds):
    response = login(people.anna).get(reverse("documents:help"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "family.members[].name" in html and "Jan Przykładowski" in html
    assert "centre.name" in html and "{%tr for m in members %}" in html


@pytest.mark.skipif(
    not libreoffice.libreoffice_available(),
    reason="LibreOffice (soffice) is not installed: `make document-tools` installs it",
)
def test_with_libreoffice_the_pdf_has_the_centres_layout_too(people, family, kinds):
    template = _upload(people, GOOD)
    document = services.generate_document(kind=SHEET, source=family, fmt="pdf", by=people.anna)
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert f"NASZ UKŁAD {people.centre.name}" in reader.pages[0].extract_text()
    assert document.template == template and document.template_label == template.label
