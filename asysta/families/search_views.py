"""The search page: text search by GET (shareable, htmx), PESEL search by POST only.

A PESEL must never land in a URL (browser history, proxy and server logs, the Referer header):
the PESEL form is posted and its results are rendered straight from the POST. A `pesel`
parameter in a GET is ignored, and an 11-digit number typed into the text field is not searched
but answered with a pointer to the PESEL form.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asysta.accounts.roles import actor_for
from asysta.core.http import AsystaRequest
from asysta.families import search
from asysta.families.models import validate_pesel

PAGE_SIZE = 25
_PESEL_LIKE = re.compile(r"(?<!\d)\d{11}(?!\d)")


class TextSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Nazwisko, imię, numer sprawy lub adres"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Wielkość liter i polskie znaki nie mają znaczenia („Lodz” = „Łódź”)."
        ),
    )

    def clean_q(self) -> str:
        q = self.cleaned_data["q"].strip()
        if _PESEL_LIKE.search(q):
            raise forms.ValidationError(
                _("Numer PESEL wpisz w polu „PESEL” poniżej — nie jest on przesyłany w adresie.")
            )
        return q


class PeselSearchForm(forms.Form):
    pesel = forms.CharField(
        label=gettext_lazy("PESEL"),
        min_length=11,
        max_length=11,
        validators=[validate_pesel],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def _render(request: AsystaRequest, context: dict, status: int = 200) -> HttpResponse:
    template = "families/search.html"
    if request.htmx and not request.htmx.boosted:
        template = "families/search.html#results"
    return render(request, template, context, status=status)


def family_search(request: AsystaRequest) -> HttpResponse:
    """GET: text search; POST: exact PESEL search, logged without the number."""
    actor = actor_for(request.user)
    if request.method == "POST":
        return _pesel_search(request, actor.centre_pk)
    form = TextSearchForm(request.GET or None)
    page = None
    if form.is_valid() and form.cleaned_data["q"]:
        families = search.search_text(request.user, form.cleaned_data["q"])
        page = Paginator(families, PAGE_SIZE).get_page(request.GET.get("p"))
    context = {
        "form": form,
        "pesel_form": PeselSearchForm(),
        "page": page,
        "query": urlencode({"q": form.cleaned_data["q"]}) if page else "",
        # A PESEL in a GET is never searched (it should not have been put in the URL).
        "pesel_ignored": "pesel" in request.GET,
    }
    return _render(request, context, status=422 if form.errors else 200)


def _pesel_search(request: AsystaRequest, centre_id: int) -> HttpResponse:
    pesel_form = PeselSearchForm(request.POST)
    context: dict = {"form": TextSearchForm(), "pesel_form": pesel_form, "by_pesel": True}
    if not pesel_form.is_valid():
        return _render(request, context, status=422)
    families = list(search.search_pesel(request.user, pesel_form.cleaned_data["pesel"])[:PAGE_SIZE])
    search.log_pesel_search(
        user=request.user, centre_id=centre_id, results=len(families), request=request
    )
    context["page"] = Paginator(families, PAGE_SIZE).get_page(1)
    # The results page must not offer the number back: render the form empty.
    context["pesel_form"] = PeselSearchForm()
    return _render(request, context)
