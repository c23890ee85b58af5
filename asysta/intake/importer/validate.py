"""Checking every row of an import file and planning what to create.

Nothing is written here. Each problem becomes an `Issue` (row number as in the spreadsheet,
column header, Polish message); a file with any error is rejected whole. The model's own rules
(PESEL checksum and agreement with the birth date and sex, a minor parent needs a note, postal
code format, field lengths) are applied by `full_clean()` on unsaved instances, so the import
and the forms can never disagree. Rules across rows — duplicates in the file and in the centre,
the statutory cap of 15 open families per assistant — are checked in `checks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from asysta.core.models import Centre
from asysta.families.models import CourtOrder, Family, Member
from asysta.intake.importer import columns as cols
from asysta.intake.importer.reader import Table

DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
FORMULA_START = ("=", "@")


@dataclass(frozen=True)
class Issue:
    row: int
    column: str
    message: str


@dataclass
class PersonPlan:
    row: int
    fields: dict[str, Any]


@dataclass
class FamilyPlan:
    key: str
    row: int
    fields: dict[str, Any]
    basis: str = ""
    consent_on: date | None = None
    court: dict[str, Any] = field(default_factory=dict)
    assistant: Any = None
    started_on: date | None = None
    ended_on: date | None = None
    end_reason: str = ""
    members: list[PersonPlan] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.assistant is not None and self.ended_on is None

    @property
    def signer(self) -> str:
        """Who signed the consent: the family's parents and guardians, as listed."""
        adults = [
            f"{m.fields['first_name']} {m.fields['last_name']}"
            for m in self.members
            if m.fields.get("role") in ("parent", "guardian")
        ]
        return (", ".join(adults) or _("rodzina %(s)s") % {"s": self.fields["surname"]})[:200]


@dataclass
class Report:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    families: list[FamilyPlan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def persons(self) -> int:
        return sum(len(f.members) for f in self.families)

    @property
    def open_assignments(self) -> int:
        return sum(1 for f in self.families if f.is_open)

    @property
    def ended_assignments(self) -> int:
        return sum(1 for f in self.families if f.assistant is not None and f.ended_on)

    @property
    def error_rows(self) -> list[int]:
        return sorted({issue.row for issue in self.errors})

    def error(self, row: int, key: str, message: str) -> None:
        self.errors.append(Issue(row, cols.header(key), str(message)))


def parse_date(text: str) -> date | None:
    """dd.mm.rrrr or rrrr-mm-dd; None for anything else (also for a blank cell)."""
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return parsed if parsed.year >= 1900 else None
    return None


class RowReader:
    """Typed values of one row; each bad value is reported once, at its column."""

    def __init__(self, report: Report, row: int, values: dict[str, str]) -> None:
        self.report, self.row, self.values = report, row, values
        self.failed: set[str] = set()

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def fail(self, key: str, message: str) -> None:
        self.failed.add(key)
        self.report.error(self.row, key, message)

    def date(self, key: str, *, required: bool = False, past: bool = True) -> date | None:
        raw = self.text(key)
        if not raw:
            if required:
                self.fail(key, _("Podaj datę (dd.mm.rrrr)."))
            return None
        value = parse_date(raw)
        if value is None:
            self.fail(
                key, _("Nieprawidłowa data „%(v)s”: użyj dd.mm.rrrr lub rrrr-mm-dd.") % {"v": raw}
            )
        elif past and value > timezone.localdate():
            self.fail(key, _("Data nie może być w przyszłości."))
            return None
        return value

    def choice(self, key: str) -> str:
        raw = self.text(key)
        if not raw:
            return ""
        table, message = cols.CHOICE_TABLES[key]
        code = table.get(cols.normalize(raw))
        if code is None:
            self.fail(key, str(message))
            return ""
        return code

    def model_errors(self, exc: ValidationError) -> None:
        """A model's validation errors, each at the column of its field."""
        for name, messages in exc.message_dict.items():
            key = "" if name == NON_FIELD_ERRORS else cols.FIELD_TO_KEY.get(name, name)
            if key not in self.failed:
                self.fail(key, " ".join(messages))


def _full_clean(reader: RowReader, instance: Any, exclude: list[str]) -> None:
    try:
        instance.full_clean(
            exclude=exclude + sorted(reader.failed),
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        reader.model_errors(exc)


FAMILY_TEXT = (
    "case_number",
    "surname",
    "street",
    "building",
    "flat",
    "postal_code",
    "locality",
    "gmina",
    "phone",
)


def read_family(
    report: Report, key: str, row: int, values: dict[str, str], context: Any
) -> FamilyPlan | None:
    """The family-level columns of the family's first row, as a plan (None when invalid)."""
    reader = RowReader(report, row, values)
    data: dict[str, Any] = {k: reader.text(k) for k in FAMILY_TEXT}
    data["reporting_category_override"] = reader.choice("category")
    exclude = ["centre"]
    if not data["case_number"]:  # create_family gives the centre's next number
        exclude.append("case_number")
        if "{seq}" not in context.centre.case_number_pattern:
            reader.fail("case_number", _("Podaj numer sprawy (wzór ośrodka nie ma {seq})."))
    _full_clean(reader, Family(centre=context.centre, **data), exclude)
    plan = FamilyPlan(key=key, row=row, fields=data)
    _read_basis(reader, plan)
    _read_assignment(reader, plan, context.assistants)
    return None if reader.failed else plan


def _read_basis(reader: RowReader, plan: FamilyPlan) -> None:
    plan.basis = reader.choice("basis")
    plan.consent_on = reader.date("consent_on")
    court = {
        "court": reader.text("court"),
        "file_number": reader.text("file_number"),
        "issued_on": reader.date("issued_on"),
    }
    if plan.basis in (cols.BASIS_CONSENT, cols.BASIS_ZA_ZYCIEM) and not reader.text("consent_on"):
        reader.fail("consent_on", _("Podaj datę zgody (dla podstawy „zgoda” i „za życiem”)."))
    if plan.basis == cols.BASIS_COURT:
        for key in ("court", "file_number", "issued_on"):
            if not reader.text(key):
                reader.fail(key, _("Podaj sąd, sygnaturę i datę postanowienia."))
        if not reader.failed.intersection(court):
            order = CourtOrder(**court)
            _full_clean(reader, order, ["centre", "family"])
        plan.court = court
    elif not plan.basis and "basis" not in reader.failed:
        if any(reader.text(k) for k in ("consent_on", "court", "file_number", "issued_on")):
            reader.fail("basis", _("Podano dane zgody lub postanowienia — wpisz też podstawę."))


def _read_assignment(reader: RowReader, plan: FamilyPlan, assistants: dict[str, Any]) -> None:
    login = reader.text("login")
    plan.started_on = reader.date("started_on", required=bool(login))
    plan.ended_on = reader.date("ended_on")
    plan.end_reason = reader.choice("end_reason")
    if not login:
        if any(reader.text(k) for k in ("started_on", "ended_on", "end_reason")):
            reader.fail("login", _("Podano daty przydziału — wpisz też login asystenta."))
        return
    plan.assistant = assistants.get(login.lower())
    if plan.assistant is None:
        reader.fail("login", _("Nieznany login asystenta „%(l)s” w tym ośrodku.") % {"l": login})
    if reader.text("ended_on") and not reader.text("end_reason"):
        reader.fail("end_reason", _("Podaj powód zakończenia współpracy."))
    if reader.text("end_reason") and not reader.text("ended_on"):
        reader.fail("ended_on", _("Podano powód zakończenia — wpisz też datę zakończenia."))
    if plan.started_on and plan.ended_on and plan.ended_on < plan.started_on:
        reader.fail(
            "ended_on", _("Data zakończenia nie może być wcześniejsza niż data rozpoczęcia.")
        )
    if not plan.ended_on and not plan.basis and "basis" not in reader.failed:
        reader.fail(
            "basis", _("Rodzina z asystentem musi mieć podstawę: zgodę, sąd lub za życiem.")
        )


def read_person(report: Report, row: int, values: dict[str, str]) -> PersonPlan | None:
    """One person's columns (the model's rules included), as a plan (None when invalid)."""
    reader = RowReader(report, row, values)
    data: dict[str, Any] = {
        "first_name": reader.text("first_name"),
        "last_name": reader.text("last_name"),
        "role": reader.choice("role"),
        "sex": reader.choice("sex"),
        "birth_date": reader.date("birth_date", required=True),
        "pesel": pesel_text(reader.text("pesel")),
        "notes": reader.text("notes"),
    }
    _full_clean(reader, Member(**data), ["centre", "family"])
    return None if reader.failed else PersonPlan(row=row, fields=data)


def pesel_text(raw: str) -> str:
    """Spaces dropped; a PESEL that a spreadsheet turned into a number gets its leading 0s."""
    text = "".join(raw.split())
    if text.isdigit() and len(text) in (9, 10):
        return text.zfill(11)
    return text


def formula_warnings(report: Report, row: int, values: dict[str, str]) -> None:
    for key, value in values.items():
        if key in cols.BY_KEY and value.startswith(FORMULA_START):
            report.warnings.append(
                Issue(
                    row, cols.header(key), _("Wygląda jak formuła — zostanie zapisane jako tekst.")
                )
            )


def validate_table(table: Table, *, centre: Centre) -> Report:
    """Check the whole table; the report's `families` is the plan when it has no errors."""
    from asysta.intake.importer import checks

    report = Report()
    index = checks.map_headers(table.headers, report)
    if not report.ok:
        return report
    groups = checks.group_rows(table, index, report)
    context = checks.Context.for_centre(centre)
    plans = []
    for key, rows in groups.items():
        checks.check_agreement(report, rows)
        plan = read_family(report, key, *rows[0], context)
        members = [read_person(report, row, values) for row, values in rows]
        if plan is not None:
            plan.members = [m for m in members if m is not None]
            plans.append(plan)
    checks.check_duplicates(report, groups, context)
    checks.check_caps(report, plans, context)
    # Kept even when there are errors: the preview shows what the file would create.
    report.families = plans
    return report
