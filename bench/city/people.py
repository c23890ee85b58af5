"""The centre and its people: heads, coordinators, social workers, HR, auditors, an
administrator and every assistant who ever held a post (former ones with their employment end).

Usernames say the role and the centre (`l1-asystent-007`), all share one password (hashed once
with the production hasher: the load tool signs in through the real form).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from asysta.accounts.models import EmploymentForm, FtePeriod, Membership, Role, User
from asysta.core.models import Centre
from bench.city import texts
from bench.city.presets import FIRST_DAY, PASSWORD, Preset, terc_of
from bench.city.timeline import Post
from bench.city.writer import Rows, stamp

# username word of each role (the load tool finds its users by role, not by these names)
ROLE_WORDS = {
    Role.HEAD: "kierownik",
    Role.COORDINATOR: "koordynator",
    Role.SOCIAL_WORKER: "pracownik",
    Role.HR: "kadry",
    Role.AUDITOR: "audytor",
    Role.ADMIN: "admin",
    Role.ASSISTANT: "asystent",
}


@dataclass
class Staff:
    centre: Centre
    prefix: str
    by_role: dict[str, list[int]] = field(default_factory=dict)
    assistants: dict[int, int] = field(default_factory=dict)  # assistant number -> user id

    def one(self, rng: random.Random, role: str) -> int:
        return texts.pick(rng, self.by_role[role])  # type: ignore[arg-type]


def make_centre(preset: Preset, index: int) -> Centre:
    return Centre.objects.create(
        name=f"{preset.kind} Benchmark {preset.name}{index + 1}",
        kind=preset.kind,
        terc=terc_of(preset, index),
        street="ul. Długa 1",
        postal_code="30-001",
        locality=f"Miasto {preset.name}{index + 1}",
    )


def _user(rows: Rows, rng: random.Random, username: str, password: str, joined: date) -> int:
    woman = rng.random() < 0.8  # most of the staff of social services are women
    surname = texts.pick(rng, texts.SURNAMES)  # type: ignore[arg-type]
    return rows.add(
        User,
        password=password,
        is_superuser=False,
        username=username,
        first_name=texts.pick(rng, texts.WOMEN if woman else texts.MEN),
        last_name=surname[1] if woman else surname[0],
        is_staff=False,
        is_active=True,
        date_joined=stamp(joined),
    )


def _membership(rows: Rows, staff: Staff, user_id: int, role: str, **extra: object) -> int:
    values = {"employed_from": FIRST_DAY, "created_at": stamp(FIRST_DAY), **extra}
    return rows.add(Membership, centre_id=staff.centre.pk, user_id=user_id, role=role, **values)


def _office(rows: Rows, rng: random.Random, staff: Staff, preset: Preset, password: str) -> None:
    counts = {
        Role.HEAD: preset.heads,
        Role.COORDINATOR: preset.coordinators,
        Role.SOCIAL_WORKER: preset.social_workers,
        Role.HR: preset.hr,
        Role.AUDITOR: preset.auditors,
        Role.ADMIN: 1,
    }
    for role, count in counts.items():
        ids = []
        for n in range(1, count + 1):
            name = f"{staff.prefix}-{ROLE_WORDS[role]}-{n:02d}"
            ids.append(_user(rows, rng, name, password, FIRST_DAY))
            _membership(rows, staff, ids[-1], role)
        staff.by_role[role] = ids


def _assistants(rows: Rows, rng: random.Random, staff: Staff, posts: list[Post], pw: str) -> None:
    current = []
    for post in posts:
        for holder in post.holders:
            name = f"{staff.prefix}-asystent-{holder.number:03d}"
            user_id = _user(rows, rng, name, pw, holder.start)
            staff.assistants[holder.number] = user_id
            civil = rng.random() < 0.12
            form = EmploymentForm.CIVIL_CONTRACT if civil else EmploymentForm.EMPLOYMENT_CONTRACT
            role_id = _membership(
                rows,
                staff,
                user_id,
                Role.ASSISTANT,
                fte=Decimal(holder.fte),
                employment_form=form,
                is_active=holder.end is None,
                employed_from=holder.start,
                employed_until=holder.end,
                created_at=stamp(holder.start),
            )
            if holder.fte == "0.75":  # started at three quarters, full time after a year
                raised = holder.start + timedelta(days=365)
                rows.add(FtePeriod, membership_id=role_id, fte=Decimal("1.00"), valid_from=raised)
            if holder.end is None:
                current.append(user_id)
    staff.by_role[Role.ASSISTANT] = current


def make_staff(preset: Preset, index: int, posts: list[Post], rows: Rows) -> Staff:
    """The centre row (through the ORM) and its people (queued in `rows`)."""
    rng = random.Random(f"{preset.seed}:{index}:people")
    staff = Staff(make_centre(preset, index), prefix=f"{preset.name.lower()}{index + 1}")
    password = make_password(PASSWORD)
    _office(rows, rng, staff, preset, password)
    _assistants(rows, rng, staff, posts, password)
    return staff
