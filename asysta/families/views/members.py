"""Adding and changing the people of a family. Special-category fields follow `privacy`."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from asysta.core.http import AsystaRequest
from asysta.families import privacy, services
from asysta.families.access import get_family_for
from asysta.families.forms import MemberForm
from asysta.families.models import Member
from asysta.families.views._common import apply_service, form_page, to_detail

TEMPLATE = "families/member_form.html"


def member_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    form = MemberForm(
        request.POST or None,
        instance=Member(centre_id=family.centre_id, family=family),
        initial={"last_name": family.surname},
        show_special=privacy.can_see_special(request.user, family),
    )
    if request.method == "POST" and form.is_valid():
        member = apply_service(
            form, services.add_member, family=family, by=request.user, **form.cleaned_data
        )
        if member is not None:
            messages.success(request, _("Dodano osobę do rodziny."))
            return to_detail(family, "czlonkowie")
    return form_page(request, TEMPLATE, {"form": form, "family": family, "member": None})


def member_edit(request: AsystaRequest, pk: int, member_pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    member = get_object_or_404(family.members, pk=member_pk)
    show_special = privacy.can_see_special(request.user, family)
    stored_special = show_special and privacy.has_special_values(member)
    form = MemberForm(request.POST or None, instance=member, show_special=show_special)
    if request.method == "POST" and form.is_valid():
        saved = apply_service(
            form, services.update_member, member=member, by=request.user, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("Zapisano zmiany."))
            return to_detail(family, "czlonkowie")
    if stored_special:  # the form shows the stored special-category values
        privacy.log_special_read(user=request.user, obj=member, request=request)
    context = {"form": form, "family": family, "member": member}
    return form_page(request, TEMPLATE, context)
