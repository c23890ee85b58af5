from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.audit.services import entries_for_family, log_read
from asysta.core.http import AsystaRequest
from asysta.families import services
from asysta.families.access import can_write, get_family_for
from asysta.families.forms import FamilyFilterForm, FamilyForm, MemberForm
from asysta.families.models import Family, Member

PAGE_SIZE = 25


def _open_assignments():
    from django.apps import apps

    assignment = apps.get_model("intake", "Assignment")
    return Prefetch(
        "assignments",
        queryset=assignment.objects.filter(ended_on__isnull=True).select_related("assistant"),
        to_attr="open_assignments",
    )


def family_list(request: AsystaRequest) -> HttpResponse:
    actor = actor_for(request.user)
    form = FamilyFilterForm(request.GET or None, centre_id=actor.centre_pk)
    families = Family.objects.visible_to(request.user).prefetch_related(_open_assignments())
    if form.is_valid():
        if q := form.cleaned_data["q"].strip():
            families = families.filter(Q(surname__icontains=q) | Q(case_number__icontains=q))
        if assistant := form.cleaned_data["assistant"]:
            families = families.filter(
                assignments__assistant=assistant, assignments__ended_on__isnull=True
            )
    page = Paginator(families.order_by("surname", "pk"), PAGE_SIZE).get_page(request.GET.get("p"))
    template = "families/list.html#results" if request.htmx else "families/list.html"
    return render(request, template, {"page": page, "form": form})


def _apply(form, service, **kwargs):
    try:
        return service(**kwargs, **form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


def family_create(request: AsystaRequest) -> HttpResponse:
    actor = actor_for(request.user)
    form = FamilyForm(
        request.POST or None, instance=Family(centre_id=actor.centre_pk), centre_id=actor.centre_pk
    )
    if request.method == "POST" and form.is_valid():
        from asysta.core.models import Centre

        centre = Centre.objects.get(pk=actor.centre_pk)
        family = _apply(form, services.create_family, centre=centre, by=request.user)
        if family is not None:
            messages.success(request, _("Zapisano rodzinę %(f)s.") % {"f": family})
            return redirect("families:detail", pk=family.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "families/form.html", {"form": form, "family": None}, status=status)


def family_detail(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_read(user=request.user, obj=family, request=request)
    context = {
        "family": family,
        "members": family.members.all(),
        "assignment": family.assignments.filter(ended_on__isnull=True)
        .select_related("assistant")
        .first(),
        "assignments": family.assignments.select_related("assistant").order_by("-started_on"),
        "can_write": can_write(request.user, family),
    }
    return render(request, "families/detail.html", context)


def family_edit(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    form = FamilyForm(request.POST or None, instance=family, centre_id=family.centre_id)
    if request.method == "POST" and form.is_valid():
        if _apply(form, services.update_family, family=family, by=request.user):
            messages.success(request, _("Zapisano zmiany."))
            return redirect("families:detail", pk=family.pk)
        family.refresh_from_db()
    status = 422 if request.method == "POST" else 200
    return render(request, "families/form.html", {"form": form, "family": family}, status=status)


def member_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    form = MemberForm(
        request.POST or None,
        instance=Member(centre_id=family.centre_id, family=family),
        initial={"last_name": family.surname},
    )
    if request.method == "POST" and form.is_valid():
        if _apply(form, services.add_member, family=family, by=request.user):
            messages.success(request, _("Dodano osobę do rodziny."))
            return redirect("families:detail", pk=family.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "family": family, "member": None}
    return render(request, "families/member_form.html", context, status=status)


def member_edit(request: AsystaRequest, pk: int, member_pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    member = family.members.filter(pk=member_pk).first()
    if member is None:
        raise Http404
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        if _apply(form, services.update_member, member=member, by=request.user):
            messages.success(request, _("Zapisano zmiany."))
            return redirect("families:detail", pk=family.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "family": family, "member": member}
    return render(request, "families/member_form.html", context, status=status)


def access_log(request: AsystaRequest, pk: int) -> HttpResponse:
    """Who opened or changed this family's record, newest first."""
    family = get_family_for(request.user, pk)
    entries = entries_for_family(centre_id=family.centre_id, family_id=family.pk)
    page = Paginator(entries, 50).get_page(request.GET.get("p"))
    return render(request, "families/access_log.html", {"family": family, "page": page})
