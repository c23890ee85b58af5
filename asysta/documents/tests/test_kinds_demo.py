"""Every document kind built from the demo centre's records (the data the engine generates the
demo documents from): plain, documented, and the default DOCX template fills with it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from asysta.core.demo import load_demo
from asysta.court import services as court_services
from asysta.documents.kinds import CATALOGUE
from asysta.documents.kinds.workcard import WorkCardSource
from asysta.documents.tests.test_kinds import assert_plain_and_documented, render_docx


def _notice(centre):
    """The demo has no notice to the court: one by the assistant of a court-obliged family."""
    from asysta.families.models import CourtOrder

    order = CourtOrder.objects.filter(centre=centre, family__assignments__ended_on__isnull=True)
    order = order.select_related("family").order_by("pk").first()
    assistant = order.family.assignments.get(ended_on__isnull=True).assistant
    return court_services.send_notice(
        family=order.family,
        by=assistant,
        court=order.court,
        file_number=order.file_number,
        subject="informacja o przebiegu współpracy",
        content="Rodzina współpracuje z asystentem rodziny.",
        sent_on=timezone.localdate() - timedelta(days=1),
        sent_how="post",
    )


@pytest.mark.django_db
def test_every_kind_builds_from_the_demo_records():
    centre = load_demo()
    from asysta.accounts.models import User

    today = timezone.localdate()
    assistant = User.objects.get(username="asystent1")
    for kind in CATALOGUE:
        if kind.source is None:
            sources = [WorkCardSource(assistant, centre, today.year, today.month)]
        else:
            rows = kind.source._default_manager.filter(centre=centre).order_by("pk")
            sources = [rows.first(), rows.last()]
            if sources[0] is None and kind.code == "court_notice":
                sources = [_notice(centre)]
        assert sources[0] is not None, f"the demo has no record for {kind.code}"
        for source in sources:
            data = kind.build(source)
            assert_plain_and_documented(kind, data)
            text = render_docx(kind, data)
            family = kind.family_of(source)
            if family is not None:
                assert family.case_number in text, kind.code
