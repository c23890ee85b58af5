"""The legal-basis panel of the family page (and the family's requests for an assistant)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from asysta.families.basis import basis_among
from asysta.families.basis_views import handles_casework, may_record_basis
from asysta.families.models import Family
from asysta.families.record import za_zyciem_applications

register = template.Library()


@register.inclusion_tag("families/basis_panel_body.html", takes_context=True)
def basis_panel(context: template.Context, family: Family) -> dict[str, Any]:
    """The basis in force today, the ledger, and the requests (five small queries)."""
    user = context["request"].user
    may_record = may_record_basis(user, family)
    consents = list(family.consents.all())
    court_orders = list(family.court_orders.all())
    zz_applications = za_zyciem_applications(family)
    basis = basis_among(
        court_orders=court_orders,
        consents=consents,
        za_zyciem=zz_applications,
        on=timezone.localdate(),
    )
    return {
        "family": family,
        "basis": basis,
        "consents": consents,
        "court_orders": court_orders,
        "zz_applications": zz_applications,
        # Requests live in intake; the reverse relation keeps families free of that import.
        "referrals": list(family.referrals.all()),
        "may_record": may_record,
        "may_refer": handles_casework(user, family),
    }
