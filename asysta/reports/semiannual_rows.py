"""The rows of the half-year report (`default_rows`) and what a configurable row counts
(`SemiannualRow.counts`).

The exact rows of the CAS template are unconfirmed (domain.md §11.1 [U]), so besides the label
and the order a centre chooses *what* some rows count, without a code change:

* a row of ended work for one reason (`ended_<reason>`) may count other or more closure reasons
  (e.g. "no cooperation" and "no effects" merged into one row, the other row switched off);
* a centre's own row (code `own_…`) counts either families served in chosen categories
  (court-obliged, child in foster care, Za życiem, any) or ended work for chosen reasons.

A row counts the union of its sources: a family in two chosen categories is one item; ended
work is counted per closure (a family closed twice is two items), as in the total.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from asysta.accounts.models import EmploymentForm
from asysta.closure.models import REASON_CHOICES
from asysta.reports.base import Item

REASON = "reason:"
CATEGORY = "category:"
OWN_PREFIX = "own_"
OWN_CODE = re.compile(r"^own_[a-z0-9_]{1,56}$")

# category source -> the figure of the report whose families it takes
CATEGORY_FIGURES = {
    "category:any": "families_served",
    "category:court": "families_court",
    "category:foster_care": "families_foster_care",
    "category:za_zyciem": "families_za_zyciem",
}


# (code, upper bound in months or None, label)
DURATION_BUCKETS: tuple[tuple[str, int | None, str], ...] = (
    ("duration_upto_6m", 6, "czas współpracy: do 6 miesięcy"),
    ("duration_6_12m", 12, "czas współpracy: powyżej 6 do 12 miesięcy"),
    ("duration_12_24m", 24, "czas współpracy: powyżej 12 do 24 miesięcy"),
    ("duration_over_24m", None, "czas współpracy: powyżej 24 miesięcy"),
)


def default_rows(categories: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Every row of the report in its default order: (code, label). `categories` maps closure
    reasons to the centre's report categories (the defaults when not given)."""
    categories = categories or {}
    rows = [
        ("assistants_persons", _("Asystenci rodziny na koniec okresu — liczba osób")),
        ("assistants_fte", _("Asystenci rodziny na koniec okresu — liczba etatów")),
    ]
    rows += [
        (
            f"assistants_form_{value}",
            _("Asystenci rodziny na koniec okresu — %(form)s") % {"form": label},
        )
        for value, label in EmploymentForm.choices
    ]
    rows += [
        ("families_served", _("Rodziny korzystające z usług asystenta rodziny w okresie")),
        ("families_court", _("w tym rodziny zobowiązane przez sąd do pracy z asystentem")),
        ("families_foster_care", _("w tym rodziny z dzieckiem w pieczy zastępczej")),
        ("families_za_zyciem", _("w tym rodziny objęte ustawą „Za życiem”")),
        ("children", _("Dzieci w rodzinach korzystających z usług asystenta rodziny")),
        ("families_ended", _("Rodziny, z którymi zakończono pracę w okresie")),
    ]
    rows += [
        (f"ended_{reason}", categories.get(reason) or str(label))
        for reason, label in REASON_CHOICES
    ]
    rows += [(code, _(label)) for code, _months, label in DURATION_BUCKETS]
    rows += [
        ("supporting_families", _("Rodziny wspierające na koniec okresu")),
        (
            "supporting_families_helped",
            _("Rodziny, którym pomagają rodziny wspierające (na koniec okresu)"),
        ),
    ]
    return rows


def source_choices() -> list[tuple[str, str]]:
    """Every value a row may count, with its Polish label (for the admin's checkboxes)."""
    categories = [
        ("category:any", _("rodziny korzystające z usług asystenta — wszystkie")),
        ("category:court", _("rodziny zobowiązane przez sąd")),
        ("category:foster_care", _("rodziny z dzieckiem w pieczy zastępczej")),
        ("category:za_zyciem", _("rodziny objęte ustawą „Za życiem”")),
    ]
    reasons = [
        (f"{REASON}{value}", _("zakończenie pracy: %(r)s") % {"r": label})
        for value, label in REASON_CHOICES
    ]
    return categories + reasons


def counts_help_text() -> str:
    return _(
        "Co liczy wiersz: dla wiersza zakończeń z danego powodu — powody zakończenia (np. dwa "
        "powody w jednym wierszu); dla wiersza własnego — rodziny korzystające z usług w "
        "wybranych kategoriach albo zakończenia z wybranych powodów (nie jedno i drugie). "
        "Pozostałe wiersze liczą według stałej reguły i nie mają tu wyboru."
    )


def ended_codes() -> set[str]:
    return {f"ended_{value}" for value, _label in REASON_CHOICES}


def is_own(code: str) -> bool:
    return code.startswith(OWN_PREFIX)


def validate_row(code: str, counts: Any) -> None:
    """Refuse a row whose code or sources make no sense, with the message on the field."""
    known_codes = {c for c, _label in default_rows()}
    if code not in known_codes and not OWN_CODE.match(code or ""):
        raise ValidationError(
            {
                "code": _(
                    "Nieznany wiersz „%(c)s”: wybierz wiersz z listy albo podaj własny kod "
                    "zaczynający się od „own_” (małe litery, cyfry i podkreślenia)."
                )
                % {"c": code}
            }
        )
    if counts in (None, ""):
        counts = []
    if not isinstance(counts, list) or not all(isinstance(v, str) for v in counts):
        raise ValidationError({"counts": _("Podaj listę źródeł (np. „reason:moved_away”).")})
    known = dict(source_choices())
    unknown = [v for v in counts if v not in known]
    if unknown:
        raise ValidationError(
            {
                "counts": _("Nieznane źródło: %(v)s. Dozwolone: %(k)s.")
                % {"v": ", ".join(f"„{v}”" for v in unknown), "k": ", ".join(known)}
            }
        )
    reasons = [v for v in counts if v.startswith(REASON)]
    if code in ended_codes():
        if len(reasons) != len(counts):
            raise ValidationError(
                {"counts": _("Wiersz zakończeń pracy liczy tylko powody zakończenia.")}
            )
    elif is_own(code):
        if not counts:
            raise ValidationError({"counts": _("Wybierz, co ma liczyć wiersz własny.")})
        if reasons and len(reasons) != len(counts):
            raise ValidationError(
                {
                    "counts": _(
                        "Wiersz liczy albo rodziny korzystające z usług (kategorie), albo "
                        "zakończenia pracy (powody) — nie jedno i drugie."
                    )
                }
            )
    elif counts:
        raise ValidationError(
            {
                "counts": _(
                    "Ten wiersz liczy według stałej reguły; wybór źródeł mają tylko wiersze "
                    "zakończeń z danego powodu i wiersze własne."
                )
            }
        )


def row_items(
    counts: list[str], items: dict[str, list[Item]], closures: list[tuple[str, Item]]
) -> list[Item]:
    """The items of a row counting `counts`: `items` are the report's own figures by code,
    `closures` every closure of the period as (reason, item) in closure order. Values that are
    no longer known (a row saved past validation) count nothing rather than fail the report."""
    reasons = {v.removeprefix(REASON) for v in counts if v.startswith(REASON)}
    if reasons:
        return [item for reason, item in closures if reason in reasons]
    why: dict[int, list[str]] = defaultdict(list)
    for value in counts:
        for item in items.get(CATEGORY_FIGURES.get(value, ""), []):
            if item.reason not in why[item.pk]:
                why[item.pk].append(item.reason)
    return [
        replace(item, reason="; ".join(why[item.pk]), amount=None)
        for item in items.get("families_served", [])
        if item.pk in why
    ]
