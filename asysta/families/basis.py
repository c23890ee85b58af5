"""The legal basis of work with a family: recording it and reading what is in force.

A request for an assistant may be decided only on a valid basis (domain.md §14 rule 1): an
active court order obliging the family (art. 109 § 2 pkt 1 KRO), or the family's consent that was
not withdrawn (a "Za życiem" application counts together with such a consent). Withdrawing the
consent of a court-obliged family does not remove the basis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.families.models import Consent, CourtOrder, Family, ZaZycieApplication

CONSENT_FIELDS = ("signed_by", "signed_on", "scope", "document_ref")
COURT_FIELDS = (
    "court",
    "file_number",
    "issued_on",
    "obligation",
    "obligation_note",
    "kurator",
    "ended_on",
)
ZZ_FIELDS = ("filed_on", "applicant", "pregnancy_week", "notes")


@dataclass(frozen=True)
class Basis:
    """What the work with the family rests on, on a given day."""

    court_order: CourtOrder | None
    consent: Consent | None
    za_zyciem: ZaZycieApplication | None

    @property
    def valid(self) -> bool:
        return self.court_order is not None or self.consent is not None

    @property
    def label(self) -> str:
        if self.court_order is not None:
            return _("postanowienie sądu: %(c)s") % {"c": self.court_order}
        if self.consent is not None and self.za_zyciem is not None:
            return _("wniosek „Za życiem” i zgoda rodziny")
        if self.consent is not None:
            return _("zgoda rodziny z %(d)s") % {"d": self.consent.signed_on.strftime("%d.%m.%Y")}
        return _("brak podstawy (ani zgody rodziny, ani postanowienia sądu)")


def current_basis(family: Family, on: date | None = None) -> Basis:
    """The basis in force on `on` (today by default). Three small queries."""
    return basis_among(
        court_orders=family.court_orders.all(),
        consents=family.consents.all(),
        za_zyciem=family.zz_applications.all(),
        on=on or timezone.localdate(),
    )


def basis_among(
    *,
    court_orders: Iterable[CourtOrder],
    consents: Iterable[Consent],
    za_zyciem: Iterable[ZaZycieApplication],
    on: date,
) -> Basis:
    """The basis in force on `on` among a family's records (a page that lists them already
    needs no more queries): the latest court order not ended before `on`, the latest consent
    not withdrawn by `on`, the latest Za życiem application filed by `on`."""

    def latest(rows: Iterable[Any], day: str) -> Any:
        return max(rows, key=lambda row: (getattr(row, day), row.pk), default=None)

    court = latest(
        (o for o in court_orders if o.issued_on <= on and not (o.ended_on and o.ended_on < on)),
        "issued_on",
    )
    consent = latest(
        (
            c
            for c in consents
            if c.signed_on <= on and not (c.withdrawn_on and c.withdrawn_on <= on)
        ),
        "signed_on",
    )
    zz = latest((z for z in za_zyciem if z.filed_on <= on), "filed_on")
    return Basis(court_order=court, consent=consent, za_zyciem=zz)


def _saved(instance: Any) -> Any:
    instance.full_clean(exclude=["centre", "family"])
    instance.save()
    return instance


@transaction.atomic
def add_consent(*, family: Family, by: Any, **fields: Any) -> Consent:
    """Record the family's written consent to work with an assistant."""
    data = {k: v for k, v in fields.items() if k in CONSENT_FIELDS}
    return _saved(Consent(centre_id=family.centre_id, family=family, **data))


@transaction.atomic
def withdraw_consent(*, consent: Consent, by: Any, on: date, note: str = "") -> Consent:
    """The family withdraws its consent. A court-obliged family keeps its basis (the court's)."""
    if consent.withdrawn_on is not None:
        raise ValidationError(_("Ta zgoda została już wycofana."))
    if on < consent.signed_on:
        raise ValidationError(
            {"withdrawn_on": _("Data wycofania nie może być wcześniejsza niż data zgody.")}
        )
    consent.withdrawn_on = on
    consent.withdrawal_note = note
    consent.save(update_fields=["withdrawn_on", "withdrawal_note"])
    return consent


@transaction.atomic
def add_court_order(*, family: Family, by: Any, **fields: Any) -> CourtOrder:
    """Record a court order obliging the family to work with an assistant."""
    data = {k: v for k, v in fields.items() if k in COURT_FIELDS}
    return _saved(CourtOrder(centre_id=family.centre_id, family=family, **data))


@transaction.atomic
def add_za_zyciem_application(*, family: Family, by: Any, **fields: Any) -> ZaZycieApplication:
    """Record a "Za życiem" application (the family's consent is recorded separately)."""
    data = {k: v for k, v in fields.items() if k in ZZ_FIELDS}
    return _saved(ZaZycieApplication(centre_id=family.centre_id, family=family, **data))
