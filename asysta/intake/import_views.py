"""The import pages: templates to download, upload with a preview, confirm.

Between the preview and the confirmation the uploaded file waits in a private file under
VAR_DIR/import/ (mode 0600), named by a random token that only the uploader's session knows.
It is checked again on confirmation (the centre may have changed meanwhile), deleted after a
successful import, and swept away after an hour. Its rows are personal data: nothing of it goes
into the session itself, the URL or the logs.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from asysta.accounts.roles import actor_for
from asysta.core.http import AsystaRequest
from asysta.core.models import Centre
from asysta.intake.importer import ImportOutcome, columns, run_import
from asysta.intake.importer.reader import MAX_BYTES

SESSION_KEY = "asysta_import"
MAX_AGE = 3600
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Plik z rodzinami (XLSX lub CSV)"),
        help_text=gettext_lazy("Najwyżej 5 MB. Użyj wzoru — nagłówki kolumn muszą się zgadzać."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Plik jest za duży (limit 5 MB)."))
        return upload


def _import_dir() -> Path:
    path = Path(settings.VAR_DIR) / "import"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _sweep(directory: Path) -> None:
    limit = time.time() - MAX_AGE
    for stale in directory.glob("*.bin"):
        if stale.stat().st_mtime < limit:
            stale.unlink(missing_ok=True)


def _store(request: AsystaRequest, data: bytes, name: str, centre_id: int) -> str:
    _discard(request)
    directory = _import_dir()
    _sweep(directory)
    token = secrets.token_urlsafe(24)
    fd = os.open(directory / f"{token}.bin", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    request.session[SESSION_KEY] = {
        "token": token,
        "name": name[:200],
        "centre": centre_id,
        "at": time.time(),
    }
    return token


def _stored(request: AsystaRequest, token: str, centre_id: int) -> tuple[bytes, str] | None:
    """The file previewed in this session under `token`, if still there and not too old."""
    info = request.session.get(SESSION_KEY) or {}
    if not token or info.get("token") != token or info.get("centre") != centre_id:
        return None
    if time.time() - info.get("at", 0) > MAX_AGE:
        return None
    try:
        return (_import_dir() / f"{info['token']}.bin").read_bytes(), info["name"]
    except OSError:
        return None


def _discard(request: AsystaRequest) -> None:
    info = request.session.pop(SESSION_KEY, None)
    if info:
        (_import_dir() / f"{info['token']}.bin").unlink(missing_ok=True)


def _preview(
    request: AsystaRequest, outcome: ImportOutcome, name: str, token: str = ""
) -> HttpResponse:
    context = {"report": outcome.report, "name": name, "token": token}
    status = 200 if outcome.ok else 422
    return render(request, "intake/import_preview.html", context, status=status)


def import_upload(request: AsystaRequest) -> HttpResponse:
    """Upload a file and see what it would create (nothing is written yet)."""
    centre = Centre.objects.get(pk=actor_for(request.user).centre_pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        outcome = run_import(data, upload.name, centre=centre, by=request.user, write=False)
        token = _store(request, data, upload.name, centre.pk) if outcome.ok else ""
        return _preview(request, outcome, upload.name, token)
    status = 422 if request.method == "POST" else 200
    return render(request, "intake/import.html", {"form": form}, status=status)


@require_POST
def import_confirm(request: AsystaRequest) -> HttpResponse:
    """Check the previewed file again and load it, all or nothing."""
    centre = Centre.objects.get(pk=actor_for(request.user).centre_pk)
    stored = _stored(request, request.POST.get("token", ""), centre.pk)
    if stored is None:
        messages.error(
            request, _("Podgląd importu wygasł lub dotyczy innego pliku — wgraj plik ponownie.")
        )
        return redirect("intake:import")
    data, name = stored
    outcome = run_import(data, name, centre=centre, by=request.user)
    if not outcome.loaded:
        return _preview(request, outcome, name)
    _discard(request)
    report = outcome.report
    messages.success(
        request,
        _("Zaimportowano rodziny: %(f)d, osoby: %(p)d.")
        % {"f": len(report.families), "p": report.persons},
    )
    return redirect("families:list")


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def import_template_xlsx(request: AsystaRequest) -> HttpResponse:
    return _download(columns.template_xlsx(), "asysta-import-wzor.xlsx", XLSX_TYPE)


def import_template_csv(request: AsystaRequest) -> HttpResponse:
    return _download(columns.template_csv(), "asysta-import-wzor.csv", "text/csv; charset=utf-8")
