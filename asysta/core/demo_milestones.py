"""Milestones of the demo casework: a court's request and its opinion, a team meeting, the
closure of the work with the monitoring that follows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from auditlog.context import set_actor

if TYPE_CHECKING:
    from asysta.core.demo_casework import Builder


def court(builder: Builder, *, received: date, due: date, sent: bool) -> None:
    from asysta.court import services

    order = builder.family.court_orders.order_by("pk").first()
    request = services.register_request(
        family=builder.family,
        by=builder.by,
        court=order.court,
        file_number=order.file_number,
        received_on=received,
        due_on=due,
        scope="Opinia o rodzinie: współpraca z asystentem, sytuacja dzieci, wnioski.",
    )
    opinion = services.draft_opinion(request=request, by=builder.by)
    if not sent:
        return
    services.update_opinion(
        opinion=opinion,
        by=builder.by,
        conclusions="Rodzice współpracują z asystentem; sytuacja dzieci poprawiła się.",
    )
    head = builder.users["kierownik"]
    with set_actor(head):
        services.approve_opinion(request=request, by=head, on=due - timedelta(days=4))
    services.send_opinion(request=request, by=builder.by, on=due - timedelta(days=3), how="post")


def meeting(builder: Builder, held_on: date) -> None:
    from asysta.assessments import services

    services.create_meeting(
        family=builder.family,
        by=builder.by,
        kind="assessment_team",
        held_on=held_on,
        participants=[builder.by, builder.users["pracownik"]],
        family_attended=True,
        members_present=builder.parents,
        external=[("Joanna Malec", "pedagog szkolny, Szkoła Podstawowa nr 1")],
        findings="Plan dnia dzieci realizowany; syn nadal opuszcza lekcje w poniedziałki.",
        decision="continue",
        tasks=[
            {
                "what": "Spotkanie z wychowawczynią syna",
                "owner_user": builder.by,
                "due_on": held_on + timedelta(days=35),
            },
            {
                "what": "Informacja o frekwencji syna co dwa tygodnie",
                "owner_text": "Joanna Malec (pedagog)",
                "due_on": held_on + timedelta(days=60),
            },
        ],
    )


def close(builder: Builder, *, monitoring_ended: bool) -> None:
    from asysta.closure import services

    closed = builder.end
    closure = services.close_case(
        family=builder.family,
        by=builder.by,
        closed_on=closed,
        reason="goals_achieved",
        goals_achieved="Cele planu osiągnięte: dzieci mają stały rytm dnia, zaległości spłacone.",
        final_situation={
            "childcare": "Rodzice samodzielnie organizują dzień dzieci.",
            "material": "Rodzina płaci rachunki na bieżąco, otrzymuje dodatek mieszkaniowy.",
        },
        recommendations="Kontakt rodziny z pedagogiem szkolnym; wsparcie pracownika socjalnego.",
        monitoring_until=closed + timedelta(days=182),
        monitoring_frequency="raz w miesiącu",
    )
    visits = [30, 120] if monitoring_ended else [30]
    for days in visits:
        on = closed + timedelta(days=days)
        if on <= builder.today:
            services.add_monitoring_contact(
                closure=closure,
                by=builder.by,
                contacted_on=on,
                form="home_visit",
                note="Rodzina radzi sobie samodzielnie; dzieci chodzą do szkoły.",
            )
    if monitoring_ended:
        services.end_monitoring(
            closure=closure,
            by=builder.by,
            on=closed + timedelta(days=182),
            summary="Monitoring zakończony; sytuacja rodziny stabilna.",
        )


def organiser_meeting(builder: Builder, held_on: date) -> None:
    """The foster-care organiser's child-assessment meeting the assistant was invited to."""
    from asysta.assessments import services

    placement = builder.family.placements.order_by("pk").first()
    if placement is None or held_on < placement.since:
        return
    services.create_meeting(
        family=builder.family,
        by=builder.by,
        kind="child_assessment",
        held_on=held_on,
        placement=placement,
        convened_by=f"{placement.pcpr} — organizator rodzinnej pieczy zastępczej",
        invited_on=held_on - timedelta(days=14),
        assistant_attended=True,
        participants=[builder.by],
        external=[(placement.coordinator.split(",")[0], "koordynator rodzinnej pieczy")],
        findings="Dziecko dobrze funkcjonuje u babci; matka odwiedza je co tydzień. Zespół "
        "uznał, że powrót do domu będzie możliwy po zakończeniu remontu mieszkania.",
        return_home_opinion="return_home",
        decision="",
    )


def court_notice(builder: Builder, sent_on: date) -> None:
    """A notice the centre sent to the court: a court-obliged family missing its meetings."""
    from asysta.court import services

    order = builder.family.court_orders.order_by("pk").first()
    services.send_notice(
        family=builder.family,
        by=builder.by,
        court=order.court,
        file_number=order.file_number,
        subject="informacja o przebiegu współpracy z rodziną",
        content="Rodzina dwukrotnie nie była obecna na umówionych wizytach; po rozmowie "
        "z asystentką spotkania odbywają się regularnie.",
        sent_on=sent_on,
        sent_how="epuap",
    )
