"""The access policy as data: URL name x HTTP method -> roles allowed.

Every URL name of the project has a row (a test fails otherwise). The `PolicyMiddleware` refuses
(403) any role not listed before the view runs; the view then asks the object's access helper
(e.g. `get_family_for`), which answers 404 for a family the user may not see and 403 for one they
may read but not change. A URL missing from this table is refused for everybody.
"""

from __future__ import annotations

from asysta.accounts.models import Role

H, C, A, S, R, D, U = (
    Role.HEAD,
    Role.COORDINATOR,
    Role.ASSISTANT,
    Role.SOCIAL_WORKER,
    Role.HR,
    Role.ADMIN,
    Role.AUDITOR,
)
ALL_ROLES = frozenset(Role)
CASE_READERS = frozenset({H, C, A, S, U})
CASE_EDITORS = frozenset({H, C, A})
MANAGERS = frozenset({H, C})

# Open to anyone (no sign-in needed).
PUBLIC = "public"
# Open to any signed-in user, whatever the role (their own account, the session).
SIGNED_IN = "signed-in"

POLICY: dict[str, object] = {
    # accounts
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:mfa_verify": SIGNED_IN,
    "accounts:mfa_setup": SIGNED_IN,
    "accounts:keepalive": SIGNED_IN,
    "accounts:session_expired": PUBLIC,
    # home page: each role gets its own
    "home": SIGNED_IN,
    # families
    "families:list": {"GET": CASE_READERS},
    "families:create": {"GET": MANAGERS, "POST": MANAGERS},
    "families:detail": {"GET": CASE_READERS},
    "families:edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:member_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:member_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:access_log": {"GET": frozenset({H, U})},
    # families: the family record (metryczka) — placements, problems, Niebieska Karta
    "families:placement_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:placement_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:placement_end": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:problems": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:blue_card_start": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:blue_card_end": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    # families: legal basis (consent, court order, Za życiem)
    "families:basis_consent": {"GET": frozenset({H, C, A, S}), "POST": frozenset({H, C, A, S})},
    "families:basis_withdraw": {"GET": frozenset({H, C, A, S}), "POST": frozenset({H, C, A, S})},
    "families:basis_court": {"GET": frozenset({H, C, A, S}), "POST": frozenset({H, C, A, S})},
    "families:basis_za_zyciem": {"GET": frozenset({H, C, A, S}), "POST": frozenset({H, C, A, S})},
    # families: search and import
    "families:search": {"GET": CASE_READERS, "POST": CASE_READERS},
    "intake:import": {"GET": MANAGERS, "POST": MANAGERS},
    "intake:import_confirm": {"POST": MANAGERS},
    "intake:import_template_xlsx": {"GET": MANAGERS},
    "intake:import_template_csv": {"GET": MANAGERS},
    # intake
    "intake:assign": {"GET": MANAGERS, "POST": MANAGERS},
    "intake:capacity": {"GET": frozenset({H, C, U})},
    # intake: requests (referrals), decisions, the queue
    "intake:queue": {"GET": frozenset({H, C, U})},
    "intake:referral_create": {"GET": frozenset({H, C, S}), "POST": frozenset({H, C, S})},
    "intake:referral_detail": {"GET": CASE_READERS},
    "intake:referral_schedule": {"GET": frozenset({H, C, S}), "POST": frozenset({H, C, S})},
    "intake:referral_interview": {"GET": frozenset({H, C, S}), "POST": frozenset({H, C, S})},
    "intake:referral_analysis": {"GET": frozenset({H, C, S}), "POST": frozenset({H, C, S})},
    "intake:referral_close": {"GET": frozenset({H, C, S}), "POST": frozenset({H, C, S})},
    "intake:referral_file": {"GET": frozenset({H, C, S}), "POST": frozenset({H, C, S})},
    "intake:referral_decide": {"GET": MANAGERS},
    "intake:referral_decide_assign": {"POST": MANAGERS},
    "intake:referral_decide_pass_on": {"POST": MANAGERS},
    "intake:referral_decide_queue": {"POST": MANAGERS},
    "intake:referral_decide_refuse": {"POST": MANAGERS},
    "intake:referral_assign_from_queue": {"GET": MANAGERS, "POST": MANAGERS},
    "intake:referral_first_meeting": {
        "GET": frozenset({H, C, A, S}),
        "POST": frozenset({H, C, A, S}),
    },
    # intake: hand-over
    "intake:handover": {"GET": MANAGERS, "POST": MANAGERS},
    "intake:first_contact": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    # audit
    "audit:log": {"GET": frozenset({H, U})},
}


def allowed_roles(url_name: str, method: str) -> frozenset[str] | str | None:
    """Roles allowed for `method` on `url_name`; PUBLIC / SIGNED_IN; None when there is no row."""
    row = POLICY.get(url_name)
    if row is None or isinstance(row, str):
        return row
    assert isinstance(row, dict)
    if method == "HEAD":
        method = "GET"
    return row.get(method, frozenset())
