"""Writing a checked import plan through the real services, all or nothing.

Every family, person, consent, court order, "Za życiem" application and assignment is created by
the same service the pages use (`create_family`, `add_member`, `add_consent`, `add_court_order`,
`add_za_zyciem_application`, `assign_assistant`, `end_assignment`), so the audit trail, the
search column and the caseload cap behave exactly as for a family typed in by hand. All of it runs
in one `transaction.atomic()`: if any service refuses, nothing stays written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asysta.accounts.roles import actor_for
from asysta.core.models import Centre
from asysta.families import basis, services
from asysta.families.models import Family
from asysta.intake import services as intake_services
from asysta.intake.importer import columns as cols
from asysta.intake.importer.reader import ImportFileError, read_table
from asysta.intake.importer.validate import FamilyPlan, Issue, Report, validate_table

FILE_ROW = 0  # an issue about the whole file, not one of its rows


class LoadError(Exception):
    """A service refused a planned row; the transaction is rolled back."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


class _DryRunRollback(Exception):
    pass


@dataclass
class ImportOutcome:
    report: Report
    loaded: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.report.ok


def _call(row: int, service: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return service(**kwargs)
    except ValidationError as exc:
        messages = exc.messages
    except intake_services.AssignmentError as exc:
        messages = [str(exc)]
    raise LoadError(Issue(row, "", " ".join(messages)))


def _load_basis(plan: FamilyPlan, family: Family, by: Any) -> None:
    if plan.basis in (cols.BASIS_CONSENT, cols.BASIS_ZA_ZYCIEM):
        _call(
            plan.row,
            basis.add_consent,
            family=family,
            by=by,
            signed_by=plan.signer,
            signed_on=plan.consent_on,
            document_ref=_("import z arkusza"),
        )
    if plan.basis == cols.BASIS_ZA_ZYCIEM:
        _call(
            plan.row,
            basis.add_za_zyciem_application,
            family=family,
            by=by,
            filed_on=plan.consent_on,
            applicant=plan.signer,
        )
    if plan.basis == cols.BASIS_COURT:
        _call(plan.row, basis.add_court_order, family=family, by=by, **plan.court)


def _load_assignment(plan: FamilyPlan, family: Family, by: Any) -> None:
    if plan.assistant is None:
        return
    if plan.ended_on:
        _call(
            plan.row,
            intake_services.record_past_assignment,
            family=family,
            assistant=plan.assistant,
            started_on=plan.started_on,
            ended_on=plan.ended_on,
            end_reason=plan.end_reason,
            by=by,
        )
        return
    _call(
        plan.row,
        intake_services.assign_assistant,
        family=family,
        assistant=plan.assistant,
        by=by,
        started_on=plan.started_on,
        reason=_("import z arkusza"),
    )


def load_family(plan: FamilyPlan, *, centre: Centre, by: Any) -> Family:
    family = _call(plan.row, services.create_family, centre=centre, by=by, **plan.fields)
    for person in plan.members:
        _call(person.row, services.add_member, family=family, by=by, **person.fields)
    _load_basis(plan, family, by)
    _load_assignment(plan, family, by)
    return family


@transaction.atomic
def load(report: Report, *, centre: Centre, by: Any) -> None:
    """Create everything the report plans, in one transaction."""
    if not report.ok:
        raise ValueError("a report with errors is never loaded")
    for plan in sorted(report.families, key=lambda p: p.is_open):
        load_family(plan, centre=centre, by=by)


def _may_import(by: Any, centre: Centre) -> bool:
    actor = actor_for(by)
    return actor.centre_id == centre.pk and actor.writes_whole_centre


def run_import(
    data: bytes,
    filename: str,
    *,
    centre: Centre,
    by: Any,
    write: bool = True,
    dry_run: bool = False,
) -> ImportOutcome:
    """Read, check and (with `write`) load a file. `dry_run` loads and then rolls back, to prove
    that the services accept every row; `write=False` only checks (the upload preview)."""
    if not _may_import(by, centre):
        report = Report()
        message = _("Import rodzin wykonuje kierownik lub koordynator ośrodka.")
        report.errors.append(Issue(FILE_ROW, "", message))
        return ImportOutcome(report)
    try:
        table = read_table(data, filename)
    except ImportFileError as exc:
        report = Report()
        report.errors.append(Issue(FILE_ROW, "", str(exc)))
        return ImportOutcome(report)
    report = validate_table(table, centre=centre)
    if not report.ok or not (write or dry_run):
        return ImportOutcome(report)
    try:
        with transaction.atomic():
            load(report, centre=centre, by=by)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        return ImportOutcome(report, dry_run=True)
    except LoadError as exc:
        report.errors.append(exc.issue)
        return ImportOutcome(report)
    return ImportOutcome(report, loaded=True)
