"""Account services: roles in a centre and the second factor."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from asysta.accounts.models import FtePeriod, Membership, Role, User
from asysta.core.models import Centre

RECOVERY_CODE_COUNT = 10

# art. 17 of the Act on family support: an assistant may not also be a social worker.
INCOMPATIBLE_ROLES = {
    Role.ASSISTANT: {Role.SOCIAL_WORKER},
    Role.SOCIAL_WORKER: {Role.ASSISTANT},
}


class RoleConflict(Exception):
    pass


def role_conflict(roles: list[tuple[int, str]]) -> str | None:
    """Why one person may not hold all these (centre id, role) pairs at once, or None."""
    if len({centre for centre, _role in roles}) > 1:
        return _("Użytkownik ma już role w innym ośrodku.")
    held = {role for _centre, role in roles}
    if any(INCOMPATIBLE_ROLES.get(Role(role), set()) & held for role in held):
        return _(
            "Asystent rodziny nie może jednocześnie pełnić funkcji pracownika socjalnego "
            "(art. 17 ustawy o wspieraniu rodziny)."
        )
    return None


def check_role_compatible(*, user: User, centre: Centre, role: str) -> None:
    """Raise RoleConflict when `role` cannot be held together with the user's other roles."""
    held = Membership.objects.filter(user=user, is_active=True).values_list("centre_id", "role")
    message = role_conflict([*held, (centre.pk, role)])
    if message:
        raise RoleConflict(message)


@transaction.atomic
def grant_role(*, user: User, centre: Centre, role: str, fte: Decimal | None = None) -> Membership:
    """Give `user` a role in `centre`, refusing combinations the law forbids."""
    check_role_compatible(user=user, centre=centre, role=role)
    membership, _created = Membership.objects.update_or_create(
        user=user,
        centre=centre,
        role=role,
        defaults={"is_active": True, "fte": fte if fte is not None else Decimal("1.00")},
    )
    return membership


def start_totp_enrolment(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device for the user (reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Aplikacja", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_enrolment(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a first code; returns fresh recovery codes, or None if wrong."""
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user=device.user)


@transaction.atomic
def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new single-use ones, shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Kody zapasowe", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def reset_second_factor(*, user: User) -> None:
    """Forget the user's authenticator apps and recovery codes (a lost or replaced phone)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def set_fte(*, membership: Membership, fte: Decimal, valid_from: Any, by: Any) -> FtePeriod:
    """Change an assistant's working time from `valid_from` on (earlier days keep the old FTE,
    so the caseload rules and the programme settlements read the FTE in force on each day)."""
    period = FtePeriod.objects.filter(membership=membership, valid_from=valid_from).first()
    period = period or FtePeriod(membership=membership, valid_from=valid_from)
    period.fte = fte
    period.full_clean()
    period.save()
    return period
