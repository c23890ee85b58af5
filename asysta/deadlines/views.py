from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from asysta.accounts.roles import actor_for
from asysta.core.http import AsystaRequest
from asysta.core.models import Centre
from asysta.deadlines import queries
from asysta.intake.caseload import assistants_of


def board(request: AsystaRequest) -> HttpResponse:
    """The overdue board: every late and soon-due statutory step of the centre."""
    centre = Centre.objects.get(pk=actor_for(request.user).centre_pk)
    raw = request.GET.get("asystent", "")
    assistant_pk = int(raw) if raw.isdigit() else None
    late, soon = queries.board(request.user, assistant_pk=assistant_pk)
    assistants = [m.user for m in assistants_of(centre).select_related("user")]
    context = {
        "late": late,
        "soon": soon,
        "notices": queries.notices(request.user),
        "today": timezone.localdate(),
        "centre": centre,
        "assistants": assistants,
        "assistant_pk": assistant_pk,
    }
    return render(request, "deadlines/board.html", context)


def mine(request: AsystaRequest) -> HttpResponse:
    """The assistant's own deadlines ("Moje terminy")."""
    items = queries.my_deadlines(request.user)
    return render(request, "deadlines/mine.html", {"items": items, "today": timezone.localdate()})
