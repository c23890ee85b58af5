"""The demo centre's casework, built with the real services and dated from each family's first
meeting to today: initial diagnoses, work plans (with yearly revisions), contacts, periodic
assessments, a team meeting, court requests, closures with monitoring.

Some families are given a role so that the demo shows every stage of the cycle at once: a plan
still in preparation, an action past its deadline, an assessment waiting for the head, an
assessment overdue, a plan review overdue, a court opinion being written and one already sent, a
family in monitoring and one whose monitoring has ended.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from auditlog.context import set_actor

# Families with content of their own (court orders, foster care, blue card, Za życiem) are not
# given one of the roles below.
SPECIAL = {1, 3, 4, 5, 7, 12}
SUMMARIES = [
    "Omówiono plan dnia dzieci; matka prowadzi zeszyt obowiązków, dzieci kładą się o stałej porze.",
    "Wspólne zakupy i planowanie posiłków na tydzień; rozmowa o budżecie domowym.",
    "Rozmowa z rodzicami o frekwencji syna w szkole; ustalono kontakt z wychowawczynią.",
    "Pomoc w wypełnieniu wniosku o dodatek mieszkaniowy; rodzina zebrała zaświadczenia.",
    "Towarzyszenie matce w poradni psychologiczno-pedagogicznej; termin kolejnej wizyty ustalony.",
    "Rozmowa o sposobach reagowania na złość córki; ćwiczenie zasad i konsekwencji.",
    "Przegląd realizacji planu z rodziną; rodzice sami wskazali, co się udało.",
    "Wizyta nieudana — nikogo nie zastano; zostawiono informację o kolejnym terminie.",
]
NEXT_FAMILY = "Matka pilnuje zeszytu obowiązków; ojciec dzwoni do spółdzielni w sprawie raty."
NEXT_ASSISTANT = "Sprawdzić termin w poradni; przynieść wzór wniosku."


@dataclass
class Case:
    number: int
    family: Any
    assistant: Any
    username: str
    first_meeting: date

    def age(self, today: date) -> int:
        return (today - self.first_meeting).days


def choose_roles(cases: list[Case], today: date) -> dict[str, int]:
    """Which family plays which stage (by family number), from the families' real ages."""

    def pick(username: str, minimum: int, *, youngest: bool = False) -> int | None:
        rows = sorted(
            (c for c in cases if c.username == username and c.number not in SPECIAL),
            key=lambda c: c.first_meeting,
            reverse=youngest,
        )
        for case in rows:
            if case.number not in taken and case.age(today) >= minimum:
                taken.add(case.number)
                return case.number
        return None

    taken: set[int] = set()
    wanted = {
        "draft_plan": pick("asystent1", 0, youngest=True),
        "awaiting_ack": pick("asystent1", 220),
        "late_action": pick("asystent1", 90),
        "meeting": pick("asystent2", 60),
        "closed_ended": pick("asystent2", 260),
        "closed_monitoring": pick("asystent2", 150),
        "review_overdue": pick("asystent2", 400),
        "overdue_assessment": pick("asystent3", 220),
    }
    return {role: number for role, number in wanted.items() if number is not None}


class Builder:
    """The casework of one family, step by step, each step credited to the person who did it."""

    def __init__(
        self, case: Case, users: dict[str, Any], today: date, role: str, rng: random.Random
    ) -> None:
        self.case, self.users, self.today, self.role, self.rng = case, users, today, role, rng
        self.family, self.by = case.family, case.assistant
        self.parents = list(self.family.members.filter(role="parent").order_by("pk"))
        self.end = today  # the last day of the assistant's work (the closure, if any)

    # --- diagnosis and plan ------------------------------------------------------------------

    def diagnosis(self, on: date) -> None:
        from asysta.assessments import services

        areas = {
            "childcare": {
                "strengths": "Silna więź rodziców z dziećmi.",
                "problems": "Brak stałego rytmu dnia, późne chodzenie spać.",
            },
            "household": {"strengths": "", "problems": "Zaległości w opłatach za mieszkanie."},
            "education": {"strengths": "Córka chętnie się uczy.", "problems": "Nieobecności syna."},
        }
        services.create_diagnosis(
            family=self.family,
            by=self.by,
            areas=areas,
            made_on=on,
            sources="Wywiad środowiskowy, rozmowy z rodzicami, informacja ze szkoły.",
            child_risk="none",
            family_view="Rodzice chcą uporządkować dzień dzieci i spłacić zaległości.",
            conclusions="Rodzina potrzebuje wsparcia w opiece nad dziećmi i w sprawach bytowych.",
            proposed_goals="Stały plan dnia dzieci, regularna nauka, spłata zaległości.",
        )

    def _plan_content(self, plan: Any, on: date) -> None:
        from asysta.plans import services

        mother = self.parents[0] if self.parents else None
        late = self.role == "late_action"
        care = services.add_goal(
            plan=plan,
            by=self.by,
            area="childcare",
            is_main=True,
            description="Dzieci mają stały rytm dnia i zapewnioną opiekę specjalistów.",
        )
        services.add_action(
            goal=care,
            by=self.by,
            what="Ustalenie z rodzicami stałego planu dnia dzieci.",
            responsible_kind="member" if mother else "assistant",
            responsible_member=mother,
            deadline=on + timedelta(days=60),
            expected_effect="Dzieci kładą się spać i wstają o stałych porach.",
            indicator="plan dnia na lodówce",
        )
        services.add_action(
            goal=care,
            by=self.by,
            what="Towarzyszenie matce w wizytach w poradni psychologiczno-pedagogicznej.",
            responsible_kind="assistant",
            deadline=self.today + timedelta(days=-12 if late else 45),
            expected_effect="Syn objęty opieką poradni.",
            indicator="zaświadczenie z poradni",
        )
        home = services.add_goal(
            plan=plan,
            by=self.by,
            area="material",
            description="Rodzina spłaca zaległości czynszowe i płaci na bieżąco.",
        )
        services.add_action(
            goal=home,
            by=self.by,
            what="Złożenie wniosku o dodatek mieszkaniowy.",
            responsible_kind="social_worker",
            deadline=on + timedelta(days=30),
            expected_effect="Decyzja o dodatku mieszkaniowym.",
        )
        services.add_action(
            goal=home,
            by=self.by,
            what="Spłata zaległości w ratach według porozumienia ze spółdzielnią.",
            responsible_kind="member" if mother else "assistant",
            responsible_member=mother,
            deadline=self.today + timedelta(days=120),
            expected_effect="Brak zaległości czynszowych.",
            indicator="zaświadczenie ze spółdzielni",
        )

    def _foster_care(self, plan: Any) -> None:
        from asysta.plans import services

        placement = self.family.placements.first()
        if placement is None:
            return
        services.update_plan(
            plan=plan,
            by=self.by,
            foster_coordinator=placement.coordinator,
            care_plan_child=placement.child,
            care_plan_pcpr=placement.pcpr,
            care_plan_date=placement.since + timedelta(days=30),
        )

    def _take_effect(self, plan: Any, on: date) -> Any:
        from asysta.plans import services

        services.record_consultation(
            plan=plan, social_worker=self.users["pracownik"], on=on, form="spotkanie", by=self.by
        )
        services.agree(plan=plan, on=on, members=self.parents, by=self.by)
        return services.put_in_force(plan=plan, on=on, by=self.by)

    def plan(self, on: date) -> Any:
        """The first plan: in force from `on`, or still a draft for the family in preparation."""
        from asysta.plans import services
        from asysta.plans.models import ActionStatus

        plan = services.create_draft(
            family=self.family,
            by=self.by,
            drawn_up_on=min(on, self.today),
            diagnosis_summary="Trudności w organizacji dnia dzieci i zaległości czynszowe.",
            resources="Zaangażowanie matki, wsparcie babci.",
            risks="Powrót ojca do nadużywania alkoholu.",
        )
        self._plan_content(plan, on)
        self._foster_care(plan)
        if self.role == "draft_plan" or on > self.today - timedelta(days=3):
            return None
        plan = self._take_effect(plan, on)
        for goal in plan.goals.all():
            for action in goal.actions.all():
                if action.deadline < self.end and action.responsible_kind != "assistant":
                    services.report_action_progress(
                        action=action, status=ActionStatus.DONE, note="Wykonane.", by=self.by
                    )
        return plan

    def revise(self, plan: Any, on: date) -> Any:
        from asysta.plans import services

        draft = services.new_version(plan=plan, by=self.by, drawn_up_on=on)
        return self._take_effect(draft, on)

    # --- assessments -------------------------------------------------------------------------

    def _scores(self, step: int) -> dict[str, dict[str, Any]]:
        base = {"childcare": 2, "household": 3, "material": 2, "education": 3, "safety": 4}
        return {
            area: {"score": min(5, value + min(step, 2)), "comment": ""}
            for area, value in base.items()
        }

    def assessment(
        self, start: date, end: date, made_on: date, step: int, acknowledge: bool
    ) -> None:
        from asysta.assessments import services

        with set_actor(self.by):
            made = services.create_assessment(
                family=self.family,
                by=self.by,
                scores=self._scores(step),
                period_from=start,
                period_to=end,
                made_on=made_on,
                changes="Dzieci mają stały plan dnia; rodzina płaci bieżące rachunki.",
                cooperation="Rodzina współpracuje, dotrzymuje ustaleń, sama proponuje cele.",
                institutions="Szkoła podstawowa, poradnia psychologiczno-pedagogiczna.",
                recommendation="continue",
                conclusions="Kontynuować pracę według planu.",
            )
            services.submit_assessment(assessment=made, by=self.by, on=made_on)
        on = made_on + timedelta(days=3)
        if acknowledge and on <= self.today:
            head = self.users["kierownik"]
            with set_actor(head):
                services.acknowledge_assessment(assessment=made, by=head, on=on)

    def assessments_and_revisions(self, plan: Any, start: date) -> None:
        """Six-monthly assessments from the plan's start; the plan revised after each second."""
        from asysta.assessments.schedule import due_after

        periods = []
        begin = anchor = start  # the clock runs from the previous period's last day
        while due_after(anchor) < self.end:
            anchor = due_after(anchor)
            periods.append((begin, anchor))
            begin = anchor + timedelta(days=1)
        if self.role == "overdue_assessment" and periods:
            periods.pop()  # its due date has passed with no assessment
        for step, (begin, end) in enumerate(periods, start=1):
            self.assessment(begin, end, end, step, acknowledge=True)
            revise_on = end + timedelta(days=7)
            if step % 2 == 0 and self.role != "review_overdue" and revise_on < self.end:
                plan = self.revise(plan, revise_on)
        if self.role == "awaiting_ack":
            begin = periods[-1][1] + timedelta(days=1) if periods else start
            self.assessment(
                begin,
                self.today - timedelta(days=3),
                self.today - timedelta(days=2),
                len(periods) + 1,
                acknowledge=False,
            )

    # --- contacts ----------------------------------------------------------------------------

    def contact(self, on: date, n: int, actions: list[Any], **extra: Any) -> None:
        from asysta.visits import services

        summary = SUMMARIES[n % len(SUMMARIES)]
        missed = summary.startswith("Wizyta nieudana")
        hour = self.rng.choice([9, 10, 12, 14, 16])
        services.record_contact(
            family=self.family,
            by=self.by,
            date=on,
            start_time=time(hour, 0),
            end_time=time(hour, 15) if missed else time(hour + 1, self.rng.choice([0, 30])),
            place="home",
            form="unsuccessful" if missed else "home_visit",
            members_present=[] if missed else self.parents,
            summary=summary,
            tasks_family="" if missed else NEXT_FAMILY,
            tasks_assistant=NEXT_ASSISTANT,
            kilometres=self.rng.choice([4, 6, 12, 18]),
            actions=[] if missed else actions,
            **extra,
        )

    def contacts(self) -> None:
        """The first meeting, then a contact about every two weeks in the last three months."""
        from asysta.plans.models import Action, ActionStatus, PlanStatus

        plan = self.family.workplans.filter(status=PlanStatus.IN_FORCE).first()
        escort = None
        if plan is not None:
            escort = Action.objects.filter(
                goal__plan=plan, what__startswith="Towarzyszenie"
            ).first()
        days = [self.case.first_meeting]
        day = max(self.case.first_meeting + timedelta(days=14), self.end - timedelta(days=84))
        while day <= self.end - timedelta(days=1):
            days.append(day)
            day += timedelta(days=self.rng.choice([12, 14, 14, 15]))
        for n, on in enumerate(days):
            addressed = []
            if escort is not None and on >= plan.starts_on and on == days[-1]:
                note = "Pierwsza wizyta w poradni odbyta; kolejna za miesiąc."
                addressed = [(escort, ActionStatus.IN_PROGRESS, note)]
            self.contact(on, n + self.case.number, addressed)

    def safety_contact(self, on: date) -> None:
        self.contact(
            on,
            2,
            [],
            child_safety=True,
            safety_actions=["intervention"],
            safety_description="Ojciec pod wpływem alkoholu; asystentka wezwała policję, "
            "dzieci u babci do rana.",
        )


def build(case: Case, users: dict[str, Any], today: date, role: str, rng: random.Random) -> None:
    """The whole casework of one family whose first meeting took place."""
    from asysta.core import demo_milestones as milestones

    builder = Builder(case, users, today, role, rng)
    if role == "closed_monitoring":
        builder.end = today - timedelta(days=40)
    elif role == "closed_ended":
        builder.end = today - timedelta(days=200)
    first = case.first_meeting
    with set_actor(case.assistant):
        if first + timedelta(days=10) <= today:
            builder.diagnosis(first + timedelta(days=10))
        plan_on = first + timedelta(days=21)
        plan = builder.plan(plan_on)
    if plan is not None:
        with set_actor(case.assistant):
            builder.assessments_and_revisions(plan, plan_on)
    with set_actor(case.assistant):
        builder.contacts()
        if case.number == 5:
            builder.safety_contact(today - timedelta(days=9))
        if case.number == 1:
            received = today - timedelta(days=9)
            milestones.court(
                builder, received=received, due=received + timedelta(days=21), sent=False
            )
        if case.number == 4:  # an opinion sent a few months ago (or lately, for a young case)
            received = max(first + timedelta(days=30), today - timedelta(days=120))
            if received + timedelta(days=21) <= today:
                milestones.court(
                    builder, received=received, due=received + timedelta(days=21), sent=True
                )
        if case.number == 7:  # court-obliged: the centre informs the court
            milestones.court_notice(
                builder, max(first + timedelta(days=7), today - timedelta(days=20))
            )
        if case.number == 3:  # the child in foster care (scenario 2)
            milestones.organiser_meeting(builder, today - timedelta(days=45))
        if role == "meeting":
            milestones.meeting(builder, today - timedelta(days=25))
        if role in ("closed_monitoring", "closed_ended"):
            milestones.close(builder, monitoring_ended=role == "closed_ended")


def run(cases: list[Case], users: dict[str, Any], today: date, seed: int) -> dict[str, int]:
    """Build the casework of every family with a first meeting; return the roles chosen."""
    rng = random.Random(seed)
    roles = choose_roles(cases, today)
    by_number = {number: role for role, number in roles.items()}
    for case in cases:
        build(case, users, today, by_number.get(case.number, ""), rng)
    return roles
