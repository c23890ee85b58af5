from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from stdnum.pl import pesel

from asysta.accounts.models import Membership
from asysta.core import demo, demo_reports
from asysta.families.models import Family, Member
from asysta.intake.caseload import fte_on
from asysta.intake.services import capacity_table
from asysta.reports.models import ReportSubmission, SupportingFamily


@pytest.mark.django_db
def test_demo_shows_every_intake_state_and_the_special_families():
    from asysta.families.record import reporting_category
    from asysta.intake.models import Referral, ReferralStatus

    demo.load_demo(casework=False)  # the casework does not touch the requests
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(ReferralStatus.values)
    assert Referral.objects.filter(status=ReferralStatus.QUEUED).count() == 3
    families = Family.objects.all()
    categories = {str(reporting_category(f)) for f in families}
    assert categories == {"problem", "foster_care", "za_zyciem"}
    court_only = families.filter(court_orders__isnull=False, consents__isnull=True)
    assert court_only.exists()  # scenario 1: court-ordered, no consent
    assert families.filter(blue_cards__isnull=False, blue_cards__ended_on__isnull=True).count() == 1


@pytest.mark.django_db
def test_demo_is_idempotent_realistic_and_shows_the_casework_at_every_stage(capsys):
    """Plans in force and in preparation, contacts, assessments acknowledged, awaiting the head
    and overdue, a team meeting, a court opinion being written and one sent, a family in
    monitoring and one whose monitoring ended, a late plan action — and the board shows them."""
    from django.utils import timezone

    from asysta.assessments.models import AssessmentStatus, PeriodicAssessment, TeamMeeting
    from asysta.closure.models import Closure
    from asysta.court.models import OpinionRequest, RequestStatus
    from asysta.deadlines import clock, store
    from asysta.plans.models import PlanStatus, WorkPlan
    from asysta.visits.models import Contact, SafetyAlert

    call_command("demo")
    call_command("demo")  # the second run changes nothing
    out = capsys.readouterr().out
    assert "już istnieje" in out
    for login in (
        "kierownik",
        "koordynator",
        "asystent1",
        "asystent2",
        "asystent3",
        "pracownik",
        "kadry",
        "admin",
        "audytor",
    ):
        assert login in out
    assert demo.DEMO_PASSWORD in out
    centre = Family.objects.get(case_number__startswith="DAR.4011.1.").centre
    assert centre.terc == demo.DEMO_TERC
    assert Family.objects.filter(centre=centre).count() == demo.FAMILY_COUNT
    for member in Member.objects.exclude(pesel=""):
        pesel.validate(member.pesel)
        assert pesel.get_birth_date(member.pesel) == member.birth_date
        assert pesel.get_gender(member.pesel) == member.sex
    rows = capacity_table(centre)
    assert all(row.open_families <= 15 for row in rows)
    part_time = Membership.objects.get(user__username="asystent3", role="assistant")
    assert fte_on(part_time, date.today()) == Decimal("0.50")  # since three months
    assert fte_on(part_time, date.today() - timedelta(days=120)) == Decimal("1.00")

    # the casework
    today = timezone.localdate()
    plans_before = list(WorkPlan.objects.values_list("status", flat=True))
    plans = set(plans_before)
    assert plans == {
        PlanStatus.DRAFT,
        PlanStatus.IN_FORCE,
        PlanStatus.SUPERSEDED,
        PlanStatus.CLOSED,
    }
    assert not Contact.objects.filter(date__gt=today).exists()
    assert Contact.objects.values("family").distinct().count() == 22  # every first meeting held
    assert SafetyAlert.objects.filter(acknowledged_at__isnull=True).count() == 1
    statuses = set(PeriodicAssessment.objects.values_list("status", flat=True))
    assert statuses == {AssessmentStatus.SUBMITTED, AssessmentStatus.ACKNOWLEDGED}
    assert not PeriodicAssessment.objects.exclude(late_reason="").exists()
    meetings = {m.kind: m for m in TeamMeeting.objects.all()}
    assert set(meetings) == {"assessment_team", "child_assessment"}
    assert meetings["assessment_team"].tasks.count() == 2
    assert meetings["child_assessment"].placement.family == meetings["child_assessment"].family
    requests = OpinionRequest.objects.order_by("received_on")
    assert [r.status for r in requests] == [RequestStatus.SENT, RequestStatus.DRAFTED]
    closures = Closure.objects.order_by("closed_on")
    assert [c.monitoring_ended_on is not None for c in closures] == [True, False]
    assert closures[1].monitoring_contacts.count() == 1
    late = {d.kind for d in clock.overdue(centre, today)}
    assert {"assessment", "plan_review", "plan_action"} <= late
    soon = {d.kind for d in clock.upcoming(centre, today)}
    assert {"first_meeting", "court_opinion"} <= soon
    # every record the demo wrote kept the clock's table equal to the providers' view
    assert store.differences(centre) == 0
    rows = {row.assistant.username: row.open_families for row in capacity_table(centre)}
    assert rows["asystent1"] == 10  # the journeys and the guide count on it
    # the reporting record: the last due half-year submitted, its figures frozen, a supporting
    # family in force, the assistants' employment known
    submitted = ReportSubmission.objects.get(centre=centre)
    assert (submitted.period_start, submitted.period_end) == demo_reports.last_due_half_year(today)
    frozen = {f["code"]: f["value"] for f in submitted.data["figures"]}
    assert frozen["families_served"] > 0 and frozen["assistants_persons"] == 3
    assert frozen["assistants_form_civil_contract"] == 1
    assert SupportingFamily.objects.filter(centre=centre, ended_on__isnull=True).count() == 1

    # --reset removes everything the casework made and builds the same centre again
    first = set(Family.objects.values_list("case_number", flat=True))
    call_command("demo", "--reset")
    assert set(Family.objects.values_list("case_number", flat=True)) == first
    assert Family.objects.count() == demo.FAMILY_COUNT
    assert WorkPlan.objects.count() == len(plans_before)
    assert ReportSubmission.objects.count() == 1  # the frozen report went with the old centre
    assert store.differences(Family.objects.first().centre) == 0
