"""A family's documents (and an assistant's own), generating a new version, a document's page
(with its versions and the progress of a pending one), the download and the "sent" mark.

Each view starts with an access helper: a family's documents through `get_family_for`, a
document through `access.get_document_for` (404 when the user may not see it). A download is
logged as a read of the family record (section "documents"), without any value of it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from asysta.audit.services import log_read
from asysta.core.http import AsystaRequest
from asysta.documents import access, forms, libreoffice
from asysta.documents.models import DocumentStatus, GeneratedDocument
from asysta.documents.services import generate_document
from asysta.documents.services import mark_sent as mark_sent_service
from asysta.families.access import get_family_for
from asysta.families.views._common import apply_service, form_page

SECTION = "documents"
PAGE_SIZE = 25


def detail_url(document: GeneratedDocument) -> str:
    return reverse("documents:detail", args=[document.pk])


def family_list(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    documents = GeneratedDocument.objects.for_list().filter(family=family)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(request, "documents/family_list.html", {"family": family, "page": page})


def own_list(request: AsystaRequest) -> HttpResponse:
    documents = (
        access.documents_visible_to(request.user)
        .filter(family__isnull=True)
        .select_related("generated_by", "owner", "template")
        .order_by("-generated_at", "-pk")
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(request, "documents/own_list.html", {"page": page})


def _generated(request: AsystaRequest, form: forms._GenerateBase) -> HttpResponse | None:
    if not form.is_valid():
        return None
    document = apply_service(
        form,
        generate_document,
        kind=form.cleaned_data["kind_obj"],
        source=form.cleaned_data["source_obj"],
        fmt=form.cleaned_data["format"],
        by=request.user,
    )
    if document is None:
        return None
    if document.status == DocumentStatus.PENDING:
        messages.info(
            request,
            _("Dokument jest przygotowywany w tle — ta strona pokaże, kiedy będzie gotowy."),
        )
    else:
        messages.success(request, _("Wygenerowano dokument (nowa wersja)."))
    return redirect(detail_url(document))


@require_POST
def generate(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    form = forms.GenerateForm(request.POST, family=family)
    done = _generated(request, form)
    if done is not None:
        return done
    context = {"form": form, "family": family, "odt_note": _odt_note()}
    return render(request, "documents/generate_failed.html", context, status=422)


@require_POST
def generate_own(request: AsystaRequest) -> HttpResponse:
    form = forms.GenerateOwnForm(request.POST)
    done = _generated(request, form)
    if done is not None:
        return done
    context = {"form": form, "family": None, "odt_note": _odt_note()}
    return render(request, "documents/generate_failed.html", context, status=422)


def _odt_note() -> str:
    return "" if libreoffice.libreoffice_available() else libreoffice.unavailable_reason()


def detail(request: AsystaRequest, document_pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, document_pk)
    versions = (
        GeneratedDocument.objects.for_list()
        .filter(centre_id=document.centre_id, source_key=document.source_key)
        .order_by("-version")
    )
    context = {
        "document": document,
        "family": document.family,
        "versions": versions,
        "may_mark_sent": _may_change(request, document),
    }
    template = "documents/detail.html#status" if request.htmx else "documents/detail.html"
    return render(request, template, context)


def _may_change(request: AsystaRequest, document: GeneratedDocument) -> bool:
    if document.family_id is not None:
        return access.can_generate_for_family(request.user, document.family)
    return access.can_generate_for_owner(request.user, document.owner)


def download(request: AsystaRequest, document_pk: int) -> FileResponse:
    document = access.get_document_for(request.user, document_pk)
    if not document.is_ready or not document.file:
        raise Http404
    log_read(user=request.user, obj=document, section=SECTION, request=request)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.file_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def mark_sent(request: AsystaRequest, document_pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, document_pk, write=True)
    form = forms.MarkSentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = apply_service(
            form,
            mark_sent_service,
            document=document,
            by=request.user,
            on=data["on"],
            to=data["to"],
            how=data["how"],
        )
        if done is not None:
            messages.success(request, _("Oznaczono wersję jako wysłaną."))
            return redirect(detail_url(document))
    context = {"document": document, "family": document.family, "form": form}
    return form_page(request, "documents/mark_sent.html", context)
