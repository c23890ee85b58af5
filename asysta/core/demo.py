"""The demo centre: one GOPS, one user per role, about 25 fictional families (fixed seed)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.apps import apps
from django.db import transaction
from django.utils import timezone
from faker import Faker

from asysta.core.models import Centre, CentreKind

DEMO_TERC = "0223062"
DEMO_CENTRE = "Gminny Ośrodek Pomocy Społecznej w Zielonej Dolinie"
DEMO_PASSWORD = "Asysta-Demo-2025"  # noqa: S105  (documented in the README; demo only)
SEED = 20250601
FAMILY_COUNT = 35  # 24 with an assistant, 11 with a request in every other state


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first: str
    last: str
    roles: tuple[str, ...]
    fte: Decimal = Decimal("1.00")
    staff: bool = False


LOGINS = [
    DemoLogin("kierownik", "Dorota", "Wrzos", ("head",)),
    DemoLogin("koordynator", "Celina", "Jaskólska", ("coordinator",)),
    DemoLogin("asystent1", "Anna", "Borowiec", ("assistant",)),
    DemoLogin("asystent2", "Bartłomiej", "Lis", ("assistant",)),
    DemoLogin("asystent3", "Tomasz", "Kania", ("assistant",), fte=Decimal("0.50")),
    DemoLogin("pracownik", "Edward", "Sowa", ("social_worker",)),
    DemoLogin("kadry", "Halina", "Grab", ("hr",)),
    DemoLogin("admin", "Adam", "Dąb", ("admin",), staff=True),
    DemoLogin("audytor", "Urszula", "Modrzew", ("auditor",)),
]
ROLE_LABELS = {
    "head": "kierownik",
    "coordinator": "koordynator",
    "assistant": "asystent rodziny",
    "social_worker": "pracownik socjalny",
    "hr": "kadry i finanse",
    "admin": "administrator",
    "auditor": "audytor",
}
# How many families each demo assistant carries (the part-time one fewer); the rest wait.
CASELOADS = {"asystent1": 10, "asystent2": 9, "asystent3": 5}
LOCALITIES = [
    ("Zielona Dolina", "55-010", True),
    ("Brzezinka", "55-011", False),
    ("Kamionna", "55-012", False),
    ("Olszyny", "55-013", False),
]


def _surname_forms(male: str) -> tuple[str, str]:
    """The female form and the family's name: Kowalski -> Kowalska, Kowalscy; Nowak -> Nowakowie."""
    for ending, plural in (("dzki", "dzcy"), ("cki", "ccy"), ("ski", "scy")):
        if male.endswith(ending):
            return male[:-1] + "a", male[: -len(ending)] + plural
    if male.endswith("y"):  # Zalewny -> Zalewna, Zalewni
        return male[:-1] + "a", male[:-1] + "i"
    if male.endswith("a"):  # Ciężka -> Ciężkowie
        return male, male[:-1] + "owie"
    return male, male + "owie"


def demo_exists() -> bool:
    return Centre.objects.filter(terc=DEMO_TERC).exists()


@transaction.atomic
def remove_demo() -> None:
    """Delete the demo centre with everything it holds (its users and their audit trail too)."""
    from django.db.models import ProtectedError, RestrictedError

    from asysta.core.models import TenantModel

    centre = Centre.objects.filter(terc=DEMO_TERC).first()
    if centre is None:
        return
    users = apps.get_model("accounts", "User").objects.filter(memberships__centre=centre)
    user_ids = list(users.distinct().values_list("pk", flat=True))
    owned = [m for m in apps.get_models() if issubclass(m, TenantModel) and not m._meta.abstract]
    # Records that are never deleted one by one (submitted reports) go with the whole centre.
    for model in [m for m in owned if hasattr(m, "purge_centre")]:
        model.purge_centre(centre.pk)
        owned.remove(model)
    # Rows protect one another (a plan's action names a family member, a plan the version it
    # was copied from...): unlink the versions, delete what can be deleted, then the rest.
    for model in owned:
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is model and field.concrete and field.null:
                model._default_manager.filter(centre=centre).update(**{field.name: None})
    for _round in range(len(owned) + 1):
        left = []
        for model in owned:
            try:
                model._default_manager.filter(centre=centre).delete()
            except (ProtectedError, RestrictedError):
                left.append(model)
        owned = left
        if not owned:
            break
    LogEntry.objects.filter(additional_data__centre=centre.pk).delete()
    apps.get_model("accounts", "Membership").objects.filter(centre=centre).delete()
    apps.get_model("accounts", "User").objects.filter(pk__in=user_ids).delete()
    centre.delete()


def _users(centre: Centre) -> dict[str, Any]:
    from asysta.accounts.services import grant_role

    user_model = apps.get_model("accounts", "User")
    users = {}
    for login in LOGINS:
        user = user_model.objects.create_user(
            username=login.username,
            password=DEMO_PASSWORD,
            first_name=login.first,
            last_name=login.last,
            is_staff=login.staff,
            is_superuser=login.staff,
        )
        for role in login.roles:
            grant_role(user=user, centre=centre, role=role, fte=login.fte)
        users[login.username] = user
    return users


def _family_members(
    fake: Faker, rng: random.Random, surname_m: str, surname_f: str, today: date
) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    mother_birth = today - timedelta(days=rng.randint(22 * 365, 42 * 365))
    people.append(
        {
            "first_name": fake.first_name_female(),
            "last_name": surname_f,
            "role": "parent",
            "sex": "F",
            "birth_date": mother_birth,
        }
    )
    if rng.random() < 0.7:
        father_birth = mother_birth - timedelta(days=rng.randint(0, 6 * 365))
        people.append(
            {
                "first_name": fake.first_name_male(),
                "last_name": surname_m,
                "role": "parent",
                "sex": "M",
                "birth_date": father_birth,
            }
        )
    for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 4])):
        sex = rng.choice("FM")
        birth = today - timedelta(days=rng.randint(60, 17 * 365))
        first = fake.first_name_female() if sex == "F" else fake.first_name_male()
        people.append(
            {
                "first_name": first,
                "last_name": surname_f if sex == "F" else surname_m,
                "role": "child",
                "sex": sex,
                "birth_date": birth,
            }
        )
    for person in people:
        if rng.random() < 0.85:  # some PESELs are not known yet
            person["pesel"] = fake.pesel(date_of_birth=person["birth_date"], sex=person["sex"])
    return people


# Legal basis and record details of the assigned families, by their number (1-based).
BASIS_KINDS = {1: "court_no_consent", 4: "court", 7: "court", 12: "za_zyciem"}
DETAILS = {3: "foster_care", 5: "blue_card", 12: "za_zyciem"}


def _new_family(
    centre: Centre,
    head: Any,
    users: dict[str, Any],
    fake: Faker,
    rng: random.Random,
    number: int,
    today: date,
) -> Any:
    from asysta.families.services import add_member, create_family

    surname_m = fake.last_name_male()
    surname_f, plural = _surname_forms(surname_m)
    locality, postal, has_streets = LOCALITIES[number % len(LOCALITIES)]
    family = create_family(
        centre=centre,
        by=head,
        case_number="",
        surname=plural,
        street=fake.street_name() if has_streets else "",
        building=str(rng.randint(1, 80)),
        flat=str(rng.randint(1, 30)) if has_streets and rng.random() < 0.5 else "",
        postal_code=postal,
        locality=locality,
        gmina="Zielona Dolina",
        phone=fake.phone_number(),
        social_worker=users["pracownik"],
        difficulty=rng.choice([1, 1, 2, 2, 3]),
    )
    for person in _family_members(fake, rng, surname_m, surname_f, today):
        add_member(family=family, by=head, **person)
    return family


@transaction.atomic
def load_demo(today: date | None = None, *, casework: bool = True) -> Centre:
    """Create the demo centre with its users and families (call only when it does not exist).

    Without `casework` the assigned families stop after the first meeting (no diagnosis, plan,
    contact, assessment, court request or closure): the browser tests build their own.
    """
    from asysta.accounts.models import Membership
    from asysta.accounts.services import grant_role, set_fte
    from asysta.core import demo_cases, demo_casework, demo_reports

    today = today or timezone.localdate()
    fake = Faker("pl_PL")
    fake.seed_instance(SEED)
    rng = random.Random(SEED)
    centre = Centre.objects.create(
        name=DEMO_CENTRE,
        kind=CentreKind.GOPS,
        terc=DEMO_TERC,
        street="ul. Lipowa 3",
        postal_code="55-010",
        locality="Zielona Dolina",
        case_symbol="DAR.4011",
    )
    users = _users(centre)
    head = users["kierownik"]
    # The part-time assistant worked full time until three months ago.
    part_time = Membership.objects.get(user=users["asystent3"], role="assistant")
    set_fte(
        membership=part_time, fte=Decimal("0.50"), valid_from=today - timedelta(days=90), by=head
    )
    grant_role(user=users["asystent3"], centre=centre, role="assistant", fte=Decimal("1.00"))
    queue = [name for name, count in CASELOADS.items() for _ in range(count)]
    cases: list[demo_casework.Case] = []
    with set_actor(head):
        for number in range(1, FAMILY_COUNT + 1):
            family = _new_family(centre, head, users, fake, rng, number, today)
            if number <= len(queue):
                started = today - timedelta(days=rng.randint(20, 500))
                if number in demo_cases.AWAITING_FIRST_MEETING:
                    started = today - timedelta(days=number)  # assigned in the last days
                demo_cases.assigned_case(
                    family,
                    users,
                    users[queue[number - 1]],
                    started,
                    today,
                    BASIS_KINDS.get(number, "consent"),
                    number,
                )
                demo_cases.record_details(family, users, DETAILS.get(number, ""), today)
                if number not in demo_cases.AWAITING_FIRST_MEETING:
                    cases.append(
                        demo_casework.Case(
                            number=number,
                            family=family,
                            assistant=users[queue[number - 1]],
                            username=queue[number - 1],
                            first_meeting=started + timedelta(days=3),
                        )
                    )
            else:
                state = demo_cases.WAITING_STATES[number - len(queue) - 1]
                demo_cases.waiting_case(family, users, state, today, number)
        if casework:
            demo_casework.run(cases, users, today, SEED)
            demo_reports.run(centre, users, today)
    return centre


def logins_text() -> str:
    lines = [
        f"Demo: {DEMO_CENTRE} (TERC {DEMO_TERC})",
        f"Hasło dla wszystkich kont: {DEMO_PASSWORD}",
    ]
    for login in LOGINS:
        roles = ", ".join(ROLE_LABELS[r] for r in login.roles)
        extra = f", etat {login.fte}" if login.fte != 1 else ""
        lines.append(f"  {login.username:<12} {login.first} {login.last} — {roles}{extra}")
    return "\n".join(lines)
