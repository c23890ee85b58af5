"""Attachment pages under a family: the list, the upload, the download and the head's removal.

Each view starts with the family's access helper (404 for a family the user may not see, 403
when they may read but not write); an attachment is reached through its family. Opening the list
and downloading a file are logged as reads of the family's record (section "attachments").
"""

from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from asysta.attachments import forms as af
from asysta.attachments import services, validation
from asysta.attachments.models import Attachment
from asysta.attachments.queries import family_attachments
from asysta.attachments.uploads import SizeLimitHandler
from asysta.audit.services import log_read
from asysta.core.http import AsystaRequest
from asysta.families.access import can_write, get_family_for
from asysta.families.models import Family
from asysta.families.views._common import apply_service, form_page

SECTION = "attachments"
PAGE_SIZE = 25
SAFE_TYPES = frozenset(validation.MIME_TYPES.values())


def get_attachment_for(
    user: Any, pk: int, attachment_pk: int, *, write: bool = False
) -> Attachment:
    """Attachment `attachment_pk` of family `pk`: 404 unless the user sees the family and the
    attachment is the family's."""
    family = get_family_for(user, pk, write=write)
    found = (
        Attachment.objects.filter(family=family, pk=attachment_pk)
        .select_related("uploaded_by", "removed_by", "signature_of")
        .first()
    )
    if found is None:
        raise Http404
    found.family = family
    return found


def list_url(family: Family) -> str:
    return reverse("attachments:list", args=[family.pk])


def attachment_list(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_read(user=request.user, obj=family, section=SECTION, request=request)
    rows = family_attachments(family, include_removed=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    context = {
        "family": family,
        "page": page,
        "may_upload": can_write(request.user, family),
        "may_remove": services.may_remove(request.user, family.centre_id),
    }
    return render(request, "attachments/list.html", context)


@csrf_exempt  # the CSRF check reads the body; the size limit must be in place first
def upload(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    limiter = SizeLimitHandler(request, limit=family.centre.attachment_max_mb * validation.MB)
    request.upload_handlers.insert(0, limiter)
    return _upload(request, family, limiter)


@csrf_protect
def _upload(request: AsystaRequest, family: Family, limiter: SizeLimitHandler) -> HttpResponse:
    posted = request.method == "POST"
    form = af.UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        family=family,
        too_big=bool(limiter.too_big),
        initial={"target": request.GET.get("do", "")},
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        attachment = apply_service(
            form,
            services.add_attachment,
            family=family,
            by=request.user,
            upload=data["upload"],
            target=form.target_record,
            description=data["description"],
            signature_of=data["signature_of"],
        )
        if attachment is not None:
            messages.success(request, _("Dodano załącznik „%s”.") % attachment.original_name)
            return redirect(list_url(family))
    target = form.target_record if posted else _initial_target(family, request.GET.get("do", ""))
    label = target._meta.verbose_name if target is not None else ""
    context = {"family": family, "form": form, "target_label": label}
    return form_page(request, "attachments/upload.html", context)


def _initial_target(family: Family, ref: str) -> Any:
    try:
        return services.resolve_target(family, ref)
    except ValidationError:  # a bad link: the form's own check says so when it is posted
        return None


def download(request: AsystaRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = get_attachment_for(request.user, pk, attachment_pk)
    if attachment.removed:
        raise Http404
    log_read(user=request.user, obj=attachment, section=SECTION, request=request)
    content_type = attachment.content_type
    if content_type not in SAFE_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(attachment.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser still try to show it, nothing in it may run.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def content_disposition(name: str) -> str:
    """`attachment`, an ASCII fallback name and the real name in RFC 5987 form."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join(ch for ch in ascii_name if ch.isprintable() and ch not in '"\\;')
    fallback = ascii_name.strip() or "zalacznik"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def remove(request: AsystaRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """The head removes an attachment, with a reason (the row stays as the trace)."""
    attachment = get_attachment_for(request.user, pk, attachment_pk)
    family = attachment.family
    if not services.may_remove(request.user, attachment.centre_id) or attachment.removed:
        messages.error(request, _("Tego załącznika nie można usunąć."))
        return redirect(list_url(family))
    form = af.RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if apply_service(
            form, services.remove_attachment, attachment=attachment, by=request.user, reason=reason
        ):
            messages.success(request, _("Usunięto załącznik „%s”.") % attachment.original_name)
            return redirect(list_url(family))
    context = {"family": family, "attachment": attachment, "form": form}
    return form_page(request, "attachments/remove.html", context)
