"""The rest of the family record: children outside the family, problem areas, Niebieska Karta,
and the reporting category derived from them.

Each change runs in one transaction and is audited by django-auditlog (the models are registered
in `FamiliesConfig.ready`; the Niebieska Karta details are masked there).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from asysta.core.scope import remembered
from asysta.families.models import (
    ADULT_AGE,
    BlueCard,
    ChildPlacement,
    Family,
    FamilyProblem,
    Member,
    MemberRole,
    ProblemArea,
    ReportingCategory,
    ZaZycieApplication,
    age_on,
)

PLACEMENT_FIELDS = ("child", "kind", "carer", "pcpr", "coordinator", "since", "until", "court_file")
BLUE_CARD_FIELDS = ("started_on", "team", "details")


def _saved(instance: Any) -> Any:
    instance.full_clean(exclude=["centre", "family"])
    instance.save()
    return instance


def _check_not_before(*, field: str, start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationError(
            {field: _("Data zakończenia nie może być wcześniejsza niż data rozpoczęcia.")}
        )


# --- children living outside the family ------------------------------------------------------


def placeable_children(family: Family, on: date | None = None) -> QuerySet[Member]:
    """Members of `family` who may be placed outside it: minors, or anyone in the child role."""
    on = on or timezone.localdate()
    try:
        adult_born = on.replace(year=on.year - ADULT_AGE)
    except ValueError:  # 29 February
        adult_born = on.replace(year=on.year - ADULT_AGE, day=28)
    return family.members.filter(Q(role=MemberRole.CHILD) | Q(birth_date__gt=adult_born))


def _check_child(*, family: Family, child: Member | None) -> None:
    if child is None:
        raise ValidationError({"child": _("Wybierz dziecko.")})
    if child.family_id != family.pk:
        raise ValidationError({"child": _("To dziecko nie należy do tej rodziny.")})
    today = timezone.localdate()
    if child.role != MemberRole.CHILD and age_on(child.birth_date, today) >= ADULT_AGE:
        raise ValidationError(
            {"child": _("Poza rodziną można zapisać tylko dziecko (osobę małoletnią).")}
        )


@transaction.atomic
def add_placement(*, family: Family, by: Any, **fields: Any) -> ChildPlacement:
    """Record that a child of the family lives outside it (foster care, an institution)."""
    data = {k: v for k, v in fields.items() if k in PLACEMENT_FIELDS}
    placement = ChildPlacement(centre_id=family.centre_id, family=family, **data)
    _check_child(family=family, child=data.get("child"))
    _check_not_before(field="until", start=placement.since, end=placement.until)
    return _saved(placement)


@transaction.atomic
def update_placement(*, placement: ChildPlacement, by: Any, **fields: Any) -> ChildPlacement:
    """Correct a placement's data (the child stays a member of the same family)."""
    for name, value in fields.items():
        if name in PLACEMENT_FIELDS:
            setattr(placement, name, value)
    _check_child(family=placement.family, child=placement.child if placement.child_id else None)
    _check_not_before(field="until", start=placement.since, end=placement.until)
    return _saved(placement)


@transaction.atomic
def end_placement(*, placement: ChildPlacement, by: Any, until: date) -> ChildPlacement:
    """The child's stay outside the family ends on `until` (e.g. the child came home)."""
    if placement.until is not None:
        raise ValidationError(
            {"until": _("Ten pobyt ma już datę zakończenia — zmień ją w edycji.")}
        )
    _check_not_before(field="until", start=placement.since, end=until)
    placement.until = until
    placement.save(update_fields=["until"])
    return placement


def placement_in_force(placement: ChildPlacement, on: date | None = None) -> bool:
    on = on or timezone.localdate()
    return placement.since <= on and (placement.until is None or placement.until >= on)


# --- problem areas ---------------------------------------------------------------------------


@transaction.atomic
def set_problems(*, family: Family, by: Any, areas: dict[str, str]) -> list[FamilyProblem]:
    """Make the family's problem areas exactly `areas` (area code -> note).

    Areas no longer chosen are deleted, new ones created, changed notes updated; each of these
    is one audit entry. Unknown area codes are refused.
    """
    unknown = set(areas) - set(ProblemArea.values)
    if unknown:
        raise ValidationError(_("Nieznany obszar problemowy: %(a)s") % {"a": ", ".join(unknown)})
    current = {p.area: p for p in family.problems.all()}
    for area, dropped in current.items():
        if area not in areas:
            dropped.delete()
    for area, note in areas.items():
        note = (note or "").strip()
        problem = current.get(area)
        if problem is None:
            _saved(FamilyProblem(centre_id=family.centre_id, family=family, area=area, note=note))
        elif problem.note != note:
            problem.note = note
            _saved(problem)
    return list(family.problems.order_by("area"))


# --- Niebieska Karta -------------------------------------------------------------------------


def active_blue_card(family: Family) -> BlueCard | None:
    return family.blue_cards.filter(ended_on__isnull=True).first()


@transaction.atomic
def start_blue_card(*, family: Family, by: Any, **fields: Any) -> BlueCard:
    """Record that a Niebieska Karta procedure was started for the family (one at a time)."""
    # Lock the family row so two starts at once cannot both pass the check below.
    Family.objects.select_for_update().filter(pk=family.pk).first()
    if active_blue_card(family) is not None:
        raise ValidationError(
            _("Procedura „Niebieskie Karty” już trwa — zakończ ją, zanim zapiszesz nową.")
        )
    data = {k: v for k, v in fields.items() if k in BLUE_CARD_FIELDS}
    if data.get("started_on") and data["started_on"] > timezone.localdate():
        raise ValidationError({"started_on": _("Data wszczęcia nie może być w przyszłości.")})
    return _saved(BlueCard(centre_id=family.centre_id, family=family, **data))


@transaction.atomic
def end_blue_card(*, blue_card: BlueCard, by: Any, ended_on: date) -> BlueCard:
    """Record that the Niebieska Karta procedure ended on `ended_on`."""
    if blue_card.ended_on is not None:
        raise ValidationError(_("Ta procedura została już zakończona."))
    _check_not_before(field="ended_on", start=blue_card.started_on, end=ended_on)
    blue_card.ended_on = ended_on
    blue_card.save(update_fields=["ended_on"])
    return blue_card


# --- Niebieska Karta: the NK-A form, dispatch to the team, the group's first meeting ---------

# The steps in order: (field, the previous step's field; None = the start of the procedure).
NKA_STEPS = (
    ("nka_filled_on", None),
    ("dispatched_on", "nka_filled_on"),
    ("team_received_on", "dispatched_on"),
    ("gdp_first_meeting_on", "team_received_on"),
)
_PREVIOUS = dict(NKA_STEPS)
_MISSING = {
    "dispatched_on": _l("Najpierw zapisz wypełnienie formularza „Niebieska Karta – A”."),
    "team_received_on": _l("Najpierw zapisz przekazanie formularza do zespołu."),
    "gdp_first_meeting_on": _l("Najpierw zapisz otrzymanie formularza przez zespół."),
}
_TOO_EARLY = {
    "nka_filled_on": _l("Formularz nie mógł być wypełniony przed wszczęciem procedury."),
    "dispatched_on": _l("Przekazanie nie może być wcześniejsze niż wypełnienie formularza NK-A."),
    "team_received_on": _l("Zespół nie mógł otrzymać formularza przed jego przekazaniem."),
    "gdp_first_meeting_on": _l("Posiedzenie nie mogło się odbyć przed otrzymaniem formularza."),
}


def _record_step(*, blue_card: BlueCard, field: str, on: date) -> BlueCard:
    """Write one NK-A step's date after checking the order of the steps (one audit entry)."""
    card = BlueCard.objects.select_for_update().get(pk=blue_card.pk)
    if card.ended_on is not None:
        raise ValidationError(_("Ta procedura została już zakończona."))
    if getattr(card, field) is not None:
        raise ValidationError({field: _("Ten krok procedury jest już zapisany.")})
    if on > timezone.localdate():
        raise ValidationError({field: _("Data nie może być w przyszłości.")})
    previous = _PREVIOUS[field]
    start = getattr(card, previous) if previous else card.started_on
    if start is None:
        raise ValidationError(_MISSING[field])
    if on < start:
        raise ValidationError({field: _TOO_EARLY[field]})
    setattr(card, field, on)
    card.save(update_fields=[field])
    setattr(blue_card, field, on)
    return card


@transaction.atomic
def record_nka(
    *,
    filled_on: date,
    by: Any,
    blue_card: BlueCard | None = None,
    family: Family | None = None,
    **fields: Any,
) -> BlueCard:
    """The assistant filled in the NK-A form on `filled_on` (for `blue_card`, or the family's
    running procedure, started on `filled_on` when none is running — then `fields` (team,
    details) go to the new procedure as in `start_blue_card`)."""
    if blue_card is None:
        if family is None:
            raise TypeError("record_nka needs blue_card or family")
        if filled_on > timezone.localdate():
            raise ValidationError({"nka_filled_on": _("Data nie może być w przyszłości.")})
        blue_card = active_blue_card(family) or start_blue_card(
            family=family, by=by, started_on=filled_on, **fields
        )
    return _record_step(blue_card=blue_card, field="nka_filled_on", on=filled_on)


@transaction.atomic
def record_dispatch_to_team(*, blue_card: BlueCard, on: date, by: Any) -> BlueCard:
    """The NK-A form was sent to the interdisciplinary team (due 5 working days after filling)."""
    return _record_step(blue_card=blue_card, field="dispatched_on", on=on)


@transaction.atomic
def record_team_receipt(*, blue_card: BlueCard, on: date, by: Any) -> BlueCard:
    """The interdisciplinary team received the NK-A form (the group's 5 working days start)."""
    return _record_step(blue_card=blue_card, field="team_received_on", on=on)


@transaction.atomic
def record_gdp_first_meeting(*, blue_card: BlueCard, on: date, by: Any) -> BlueCard:
    """The diagnostic-and-support group held its first meeting on `on`."""
    return _record_step(blue_card=blue_card, field="gdp_first_meeting_on", on=on)


# --- Niebieska Karta: correcting a procedure -------------------------------------------------

BLUE_CARD_EDIT_FIELDS = (*BLUE_CARD_FIELDS, *(field for field, _previous in NKA_STEPS))
_TOO_LATE = {
    "started_on": _l("Procedura nie mogła być wszczęta po wypełnieniu formularza NK-A."),
    "nka_filled_on": _l("Formularz nie mógł być wypełniony po jego przekazaniu do zespołu."),
    "dispatched_on": _l("Przekazanie nie mogło nastąpić po otrzymaniu formularza przez zespół."),
    "team_received_on": _l("Zespół nie mógł otrzymać formularza po pierwszym posiedzeniu grupy."),
}
_CLEARED = _l("Tej daty nie można usunąć, bo zapisano już późniejszy krok procedury.")


def _card_date_errors(card: BlueCard, was: dict[str, Any]) -> dict[str, list[Any]]:
    """The order rules of `_record_step` for every date of `card` at once (`was`: before the
    change). A broken pair is reported next to the date that was changed."""
    errors: dict[str, list[Any]] = {}
    today = timezone.localdate()
    for field in ("started_on", *_PREVIOUS):
        if (getattr(card, field) or today) > today:
            errors.setdefault(field, []).append(_("Data nie może być w przyszłości."))
    if card.ended_on and card.started_on and card.started_on > card.ended_on:
        errors.setdefault("started_on", []).append(
            _("Data wszczęcia nie może być późniejsza niż zakończenie procedury.")
        )
    for field, previous in NKA_STEPS:
        on, prev_field = getattr(card, field), previous or "started_on"
        start = getattr(card, prev_field)
        if on is None or errors.get(field) or errors.get(prev_field):
            continue
        if start is None:  # only a step (never the start) can be missing
            cleared = was[prev_field] is not None
            key, message = (prev_field, _CLEARED) if cleared else (field, _MISSING[field])
            errors.setdefault(key, []).append(message)
        elif on < start:
            changed = on != was[field]
            key = field if changed else prev_field
            errors.setdefault(key, []).append(_TOO_EARLY[field] if changed else _TOO_LATE[key])
    return errors


@transaction.atomic
def update_blue_card(*, blue_card: BlueCard, by: Any, **fields: Any) -> BlueCard:
    """Correct a procedure: its start, team and details, and the dates of its NK-A steps.

    Only the fields given change (a user who may not see the details passes neither `team` nor
    `details`). Every date keeps the rules of recording the steps — not in the future, not
    before the previous step (the start of the procedure for the NK-A form); a step's date may
    be cleared only while no later step is recorded. All errors come at once, keyed by field,
    and nothing is saved. One audit entry (the details text masked).
    """
    card = BlueCard.objects.select_for_update().get(pk=blue_card.pk)
    was = {name: getattr(card, name) for name in BLUE_CARD_EDIT_FIELDS}
    for name in BLUE_CARD_EDIT_FIELDS:
        if name in fields:
            setattr(card, name, fields[name])
    if card.started_on is None:
        raise ValidationError({"started_on": _("Podaj datę wszczęcia procedury.")})
    errors = _card_date_errors(card, was)
    if errors:
        raise ValidationError(errors)
    _saved(card)
    for name in BLUE_CARD_EDIT_FIELDS:
        setattr(blue_card, name, getattr(card, name))
    return card


# --- reporting category ----------------------------------------------------------------------


def _placements_in_force(on: date) -> Q:
    return Q(since__lte=on) & (Q(until__isnull=True) | Q(until__gte=on))


def za_zyciem_applications(family: Family) -> list[ZaZycieApplication]:
    """The family's "Za życiem" applications, read once per request (the basis panel and the
    reporting category ask for them); a change forgets them (`FamiliesConfig.ready`)."""
    return remembered(("zz-applications", family.pk), lambda: list(family.zz_applications.all()))


def derived_reporting_category(
    family: Family, on: date | None = None, *, placements: list[ChildPlacement] | None = None
) -> ReportingCategory:
    """The category the data gives, ignoring the override (two small queries; one when the
    caller has the family's `placements` already)."""
    on = on or timezone.localdate()
    if za_zyciem_applications(family):
        return ReportingCategory.ZA_ZYCIEM
    if placements is not None:
        placed = any(placement_in_force(p, on) for p in placements)
    else:
        placed = family.placements.filter(_placements_in_force(on)).exists()
    return ReportingCategory.FOSTER_CARE if placed else ReportingCategory.PROBLEM


def reporting_category(
    family: Family, on: date | None = None, *, placements: list[ChildPlacement] | None = None
) -> ReportingCategory:
    """The family's group for the half-year report (domain.md §4.1).

    The override set by hand wins; otherwise "Za życiem" when the family has a Za życiem
    application, "child in foster care" when a child's placement is in force on `on` (today),
    else "problem family".
    """
    if family.reporting_category_override:
        return ReportingCategory(family.reporting_category_override)
    return derived_reporting_category(family, on, placements=placements)


def with_reporting_category(families: QuerySet[Family], on: date | None = None) -> QuerySet:
    """`families` annotated with `reporting_category` (the same rule, in SQL, for reports)."""
    on = on or timezone.localdate()
    zz = ZaZycieApplication.objects.filter(family=OuterRef("pk"))
    placed = ChildPlacement.objects.filter(_placements_in_force(on), family=OuterRef("pk"))
    return families.annotate(
        reporting_category=Case(
            When(~Q(reporting_category_override=""), then="reporting_category_override"),
            When(Exists(zz), then=Value(ReportingCategory.ZA_ZYCIEM.value)),
            When(Exists(placed), then=Value(ReportingCategory.FOSTER_CARE.value)),
            default=Value(ReportingCategory.PROBLEM.value),
            output_field=CharField(),
        )
    )
