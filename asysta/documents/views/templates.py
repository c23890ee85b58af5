"""The centre's own templates (head, administrator): the list of kinds with the version in
use, upload (checked; a refusal names the problem), downloads of the default and of every
version, making a version the one in use; and the help page of the fields of each kind."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from asysta.accounts.roles import actor_for
from asysta.core.http import AsystaRequest
from asysta.core.models import Centre
from asysta.documents import access, engine
from asysta.documents.forms import TemplateUploadForm
from asysta.documents.kinds import base
from asysta.documents.models import CONTENT_TYPES, DocumentFormat, DocumentTemplate
from asysta.documents.services import activate_template, upload_template, use_default_template
from asysta.families.views._common import apply_service, form_page

DOCX = CONTENT_TYPES[DocumentFormat.DOCX]


def _centre(request: AsystaRequest) -> Centre:
    return Centre.objects.get(pk=actor_for(request.user).centre_pk)


def _kind(code: str) -> base.DocumentKind:
    try:
        return base.get(code)
    except KeyError:
        raise Http404 from None


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def template_list(request: AsystaRequest) -> HttpResponse:
    centre_id = actor_for(request.user).centre_pk
    versions = defaultdict(list)
    rows = DocumentTemplate.objects.filter(centre_id=centre_id).select_related("uploaded_by")
    for template in rows.order_by("kind", "-version"):
        versions[template.kind].append(template)
    kinds = [
        {
            "kind": kind,
            "versions": versions.get(kind.code, []),
            "active": next((t for t in versions.get(kind.code, []) if t.is_active), None),
        }
        for kind in base.REGISTRY.values()
    ]
    return render(request, "documents/templates.html", {"kinds": kinds})


def template_upload(request: AsystaRequest) -> HttpResponse:
    form = TemplateUploadForm(
        request.POST or None, request.FILES or None, initial={"kind": request.GET.get("rodzaj")}
    )
    if request.method == "POST" and form.is_valid():
        kind = _kind(form.cleaned_data["kind"])
        template = apply_service(
            form,
            upload_template,
            centre=_centre(request),
            kind=kind,
            file=form.cleaned_data["file"],
            by=request.user,
        )
        if template is not None:
            messages.success(
                request,
                _("Szablon sprawdzony i zapisany jako wersja %(v)s; od teraz jest używany.")
                % {"v": template.version},
            )
            return redirect("documents:templates")
    return form_page(request, "documents/template_upload.html", {"form": form})


def template_default(request: AsystaRequest, code: str) -> HttpResponse:
    kind = _kind(code)
    return _docx(kind.default_docx(), f"{kind.code}-domyslny.docx")


def template_download(request: AsystaRequest, template_pk: int) -> HttpResponse:
    template = access.get_template_for(request.user, template_pk)
    return _docx(engine.read_template(template), f"{template.kind}-v{template.version}.docx")


@require_POST
def template_activate(request: AsystaRequest, template_pk: int) -> HttpResponse:
    template = access.get_template_for(request.user, template_pk)
    activate_template(template=template, by=request.user)
    messages.success(request, _("Od teraz używana jest wersja %(v)s.") % {"v": template.version})
    return redirect("documents:templates")


@require_POST
def template_use_default(request: AsystaRequest, code: str) -> HttpResponse:
    kind = _kind(code)
    use_default_template(centre=_centre(request), kind=kind.code, by=request.user)
    messages.success(request, _("Od teraz używany jest domyślny szablon Asysty."))
    return redirect("documents:templates")


def fields_help(request: AsystaRequest) -> HttpResponse:
    context = {"kinds": list(base.REGISTRY.values()), "common": engine.common_fields()}
    return render(request, "documents/help.html", context)
