"""The family list, the family record page and the family form."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.audit.services import entries_for_family, log_read
from asysta.core.http import AsystaRequest
from asysta.core.models import Centre
from asysta.families import search, services
from asysta.families.access import get_family_for
from asysta.families.forms import FamilyFilterForm, FamilyForm
from asysta.families.models import Family
from asysta.families.views._common import apply_service, form_page, to_detail
from asysta.families.views.detail import detail_context

PAGE_SIZE = 25


def family_list(request: AsystaRequest) -> HttpResponse:
    actor = actor_for(request.user)
    form = FamilyFilterForm(request.GET or None, centre_id=actor.centre_pk)
    families: QuerySet[Family] = Family.objects.visible_to(request.user)
    pesel_ignored = False
    if form.is_valid():
        # A PESEL never filters a GET list (it would sit in the URL); the search page takes it.
        pesel_ignored = search.looks_like_pesel(form.cleaned_data["q"])
        if not pesel_ignored:
            families = search.matching(families, form.cleaned_data["q"])
        if assistant := form.cleaned_data["assistant"]:
            families = families.filter(
                assignments__assistant=assistant, assignments__ended_on__isnull=True
            )
    families = search.with_current_assistant(families)
    page = Paginator(families, PAGE_SIZE).get_page(request.GET.get("p"))
    template = "families/list.html#results" if request.htmx else "families/list.html"
    return render(request, template, {"page": page, "form": form, "pesel_ignored": pesel_ignored})


def _case_number_example(centre: Centre) -> str:
    if "{seq}" not in centre.case_number_pattern:
        return ""
    year = timezone.localdate().year
    return services.format_case_number(centre=centre, seq=_("[kolejny numer]"), year=year)


def family_create(request: AsystaRequest) -> HttpResponse:
    centre = get_object_or_404(Centre, pk=actor_for(request.user).centre_pk)
    form = FamilyForm(
        request.POST or None,
        instance=Family(centre=centre),
        centre_id=centre.pk,
        case_number_example=_case_number_example(centre),
    )
    if request.method == "POST" and form.is_valid():
        family = apply_service(
            form, services.create_family, centre=centre, by=request.user, **form.cleaned_data
        )
        if family is not None:
            messages.success(request, _("Zapisano rodzinę %(f)s.") % {"f": family})
            return to_detail(family)
    return form_page(request, "families/form.html", {"form": form, "family": None})


def family_detail(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_read(user=request.user, obj=family, request=request)
    return render(request, "families/detail.html", detail_context(request, family))


def family_edit(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    form = FamilyForm(request.POST or None, instance=family, centre_id=family.centre_id)
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form, services.update_family, family=family, by=request.user, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("Zapisano zmiany."))
            return to_detail(family)
    if request.method == "POST":
        family = Family.objects.get(pk=family.pk)  # the heading shows the saved name
    return form_page(request, "families/form.html", {"form": form, "family": family})


def access_log(request: AsystaRequest, pk: int) -> HttpResponse:
    """Who opened or changed this family's record, newest first."""
    family = get_family_for(request.user, pk)
    entries = entries_for_family(centre_id=family.centre_id, family_id=family.pk)
    page = Paginator(entries, 50).get_page(request.GET.get("p"))
    return render(request, "families/access_log.html", {"family": family, "page": page})
