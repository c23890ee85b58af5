"""Test people and small builders, used by the test suite (see DESIGN.md §6).

Centre A: Anna (assistant of the family), Bartek (assistant with other families), Celina
(coordinator), Dorota (head), Edward (social worker), plus Halina (HR), Adam (administrator) and
Urszula (auditor). Centre B: Zofia (head) for tenant isolation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps

from asysta.core.models import Centre, CentreKind

TEST_PASSWORD = "Asysta-test-2025!"  # noqa: S105


def make_centre(
    *, terc: str = "0223062", name: str = "GOPS Testowo", kind: str = CentreKind.GOPS
) -> Centre:
    centre, _ = Centre.objects.get_or_create(terc=terc, defaults={"name": name, "kind": kind})
    return centre


def make_user(
    username: str,
    *,
    centre: Centre,
    roles: list[str],
    first: str = "",
    last: str = "",
    fte: Decimal | None = None,
    staff: bool = False,
) -> Any:
    """A user with roles in `centre`, through the same service the admin uses."""
    from asysta.accounts.services import grant_role

    user_model = apps.get_model("accounts", "User")
    user = user_model.objects.create_user(
        username=username,
        password=TEST_PASSWORD,
        first_name=first or username.title(),
        last_name=last,
        is_staff=staff,
    )
    for role in roles:
        grant_role(user=user, centre=centre, role=role, fte=fte)
    return user


@dataclass
class People:
    centre: Centre
    centre_b: Centre
    anna: Any
    bartek: Any
    celina: Any
    dorota: Any
    edward: Any
    halina: Any
    adam: Any
    urszula: Any
    zofia: Any

    def by_role(self) -> dict[str, Any]:
        """One user per role in centre A (Anna stands for the assistant of the family)."""
        return {
            "head": self.dorota,
            "coordinator": self.celina,
            "assistant": self.anna,
            "social_worker": self.edward,
            "hr": self.halina,
            "admin": self.adam,
            "auditor": self.urszula,
        }


def make_people() -> People:
    centre = make_centre()
    centre_b = make_centre(terc="1465011", name="OPS Dzielnica B", kind=CentreKind.OPS)
    return People(
        centre=centre,
        centre_b=centre_b,
        anna=make_user("anna", centre=centre, roles=["assistant"], first="Anna", last="Asystentka"),
        bartek=make_user(
            "bartek", centre=centre, roles=["assistant"], first="Bartek", last="Asystent"
        ),
        celina=make_user(
            "celina", centre=centre, roles=["coordinator"], first="Celina", last="Koordynatorka"
        ),
        dorota=make_user(
            "dorota", centre=centre, roles=["head"], first="Dorota", last="Kierowniczka"
        ),
        edward=make_user(
            "edward", centre=centre, roles=["social_worker"], first="Edward", last="Pracownik"
        ),
        halina=make_user("halina", centre=centre, roles=["hr"], first="Halina", last="Kadrowa"),
        adam=make_user(
            "adam", centre=centre, roles=["admin"], first="Adam", last="Admin", staff=True
        ),
        urszula=make_user(
            "urszula", centre=centre, roles=["auditor"], first="Urszula", last="Audytorka"
        ),
        zofia=make_user(
            "zofia", centre=centre_b, roles=["head"], first="Zofia", last="Kierowniczka"
        ),
    )


_counter = {"n": 0}


def make_family(
    *, centre: Centre, by: Any, social_worker: Any = None, consent: bool = True, **fields: Any
) -> Any:
    """A family through the real service, with sensible defaults. By default the family has
    signed a consent (a legal basis for work with an assistant); `consent=False` leaves it
    without any basis."""
    from asysta.families.basis import add_consent
    from asysta.families.services import create_family

    _counter["n"] += 1
    data = {
        "case_number": f"AR.{_counter['n']:04d}.2025",
        "surname": "Kowalscy",
        "building": "12",
        "postal_code": "55-010",
        "locality": "Testowo",
        "gmina": "Testowo",
        "social_worker": social_worker,
    }
    data.update(fields)
    family = create_family(centre=centre, by=by, **data)
    if consent:
        add_consent(family=family, by=by, signed_by="rodzice", signed_on=date(2020, 1, 2))
    return family


def make_member(*, family: Any, by: Any, **fields: Any) -> Any:
    from asysta.families.services import add_member

    data = {
        "first_name": "Marek",
        "last_name": family.surname,
        "role": "parent",
        "sex": "M",
        "birth_date": date(1991, 5, 14),
    }
    data.update(fields)
    return add_member(family=family, by=by, **data)


def assign(*, family: Any, assistant: Any, by: Any, started_on: date | None = None) -> Any:
    from asysta.intake.services import assign_assistant

    return assign_assistant(family=family, assistant=assistant, by=by, started_on=started_on)


def login(client: Any, user: Any) -> None:
    """Sign `client` in as `user`, past the second factor (a confirmed TOTP device)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def without_basis(family: Any, *, by: Any) -> Any:
    """Withdraw the consents the family signed (a family that lost its legal basis)."""
    from asysta.families.basis import withdraw_consent

    for consent in family.consents.filter(withdrawn_on__isnull=True):
        withdraw_consent(consent=consent, by=by, on=max(consent.signed_on, date(2020, 2, 1)))
    return family


def get_counted(client: Any, url: str, data: dict[str, Any] | None = None) -> tuple[int, str]:
    """GET `url` (which must answer 200): the number of SQL queries it ran and the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return len(ctx.captured_queries), response.content.decode()
