from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from asysta.accounts.roles import centre_of
from asysta.core.http import AsystaRequest, query_without
from asysta.deadlines import queries
from asysta.deadlines.forms import BoardFilterForm


def board(request: AsystaRequest) -> HttpResponse:
    """The centre's board: late and soon-due statutory steps, filtered and paged on the server."""
    centre = centre_of(request.user)
    form = BoardFilterForm(request.GET or None, centre_id=centre.pk)
    found = queries.board(
        request.user,
        form.chosen(),
        late_page=request.GET.get("po"),
        soon_page=request.GET.get("wk"),
    )
    context = {
        "form": form,
        "board": found,
        "notices": queries.notices(request.user),
        "today": timezone.localdate(),
        "centre": centre,
        "query": query_without(request, "po", "wk"),
    }
    status = 422 if form.is_bound and not form.is_valid() else 200
    template = "deadlines/board.html#results" if request.htmx else "deadlines/board.html"
    return render(request, template, context, status=status)


def mine(request: AsystaRequest) -> HttpResponse:
    """The assistant's own deadlines ("Moje terminy"), a page at a time."""
    page = queries.my_page(request.user, request.GET.get("p"))
    return render(request, "deadlines/mine.html", {"page": page, "today": timezone.localdate()})
