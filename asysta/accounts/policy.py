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
    # families: Niebieska Karta NK-A steps (writers: the family's assistant, coordinator, head)
    "families:blue_card_nka": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:blue_card_dispatch": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:blue_card_receipt": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:blue_card_gdp": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "families:blue_card_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
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
    # plans: the work plan with the family (versions, goals, actions, its course); approval is
    # for the coordinator and head only
    "plans:list": {"GET": CASE_READERS},
    "plans:detail": {"GET": CASE_READERS},
    "plans:create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:goal_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:goal_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:goal_delete": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:action_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:action_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:action_delete": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:action_progress": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:consultation": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:agree": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:reopen": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:approve": {"GET": MANAGERS, "POST": MANAGERS},
    "plans:in_force": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:new_version": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "plans:discard": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    # deadlines: the statutory clock
    "deadlines:board": {"GET": frozenset({H, C, U})},
    "deadlines:mine": {"GET": frozenset({A})},
    # visits: contacts with the family, the monthly work card, child-safety alerts
    "visits:contact_list": {"GET": CASE_READERS},
    "visits:contact_detail": {"GET": CASE_READERS},
    "visits:contact_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "visits:contact_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "visits:correction_add": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "visits:work_card_current": {"GET": frozenset({H, C, A, U})},
    "visits:work_card": {"GET": frozenset({H, C, A, U})},
    "visits:alert_acknowledge": {"POST": MANAGERS},
    # assessments: initial diagnosis, periodic assessments, team meetings. Writing an assessment
    # is the family's assistant's and acknowledging it the head's or coordinator's: both rows
    # admit H, C, A so that someone else's family answers 404 to all of them; the view then
    # sends the other role of the centre back with a message.
    "assessments:diagnosis_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:diagnosis_detail": {"GET": CASE_READERS},
    "assessments:diagnosis_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:list": {"GET": CASE_READERS},
    "assessments:create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:detail": {"GET": CASE_READERS},
    "assessments:edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:rate": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:submit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:acknowledge": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:dispatch": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:meeting_list": {"GET": CASE_READERS},
    "assessments:meeting_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:meeting_detail": {"GET": CASE_READERS},
    "assessments:meeting_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:meeting_task_add": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "assessments:meeting_task_done": {"POST": CASE_EDITORS},
    # court: requests for an opinion, the opinion, notices to the court. Approving is the
    # head's; the row admits H, C, A so that someone else's family answers 404, and the view
    # sends the coordinator and the assistant back with a message.
    "court:list": {"GET": CASE_READERS},
    "court:request_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "court:request_detail": {"GET": CASE_READERS},
    "court:request_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "court:opinion_draft": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "court:opinion_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "court:opinion_approve": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "court:opinion_send": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "court:notices": {"GET": CASE_READERS},
    "court:notice_create": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    # closure and monitoring. Re-opening files a new request (the social worker's, the head's
    # or the coordinator's); the assistant is admitted so that someone else's family answers
    # 404, and the view sends the family's own assistant back with a message.
    "closure:close": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "closure:detail": {"GET": CASE_READERS},
    "closure:report_edit": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "closure:monitoring_add": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "closure:monitoring_end": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "closure:reopen": {"GET": frozenset({H, C, A, S}), "POST": frozenset({H, C, A, S})},
    # chronology: one timeline of every event of the family (read only)
    "chronology:family": {"GET": CASE_READERS},
    # attachments: scans and files of a family's record. Removal (with a reason, the row stays)
    # is the head's alone.
    "attachments:list": {"GET": CASE_READERS},
    "attachments:upload": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "attachments:download": {"GET": CASE_READERS},
    "attachments:remove": {"GET": frozenset({H}), "POST": frozenset({H})},
    # documents: a family's documents are read by whoever reads the family and made (and marked
    # sent) by whoever may change it; documents without a family (the monthly work card) are the
    # assistant's, the coordinator's and the head's; the centre's templates are the head's and
    # the administrator's; the help page of the fields holds fictional examples only.
    "documents:family_list": {"GET": CASE_READERS},
    "documents:generate": {"POST": CASE_EDITORS},
    "documents:own_list": {"GET": CASE_EDITORS},
    "documents:generate_own": {"POST": CASE_EDITORS},
    "documents:detail": {"GET": CASE_READERS},
    "documents:download": {"GET": CASE_READERS},
    "documents:mark_sent": {"GET": CASE_EDITORS, "POST": CASE_EDITORS},
    "documents:templates": {"GET": frozenset({H, D})},
    "documents:template_upload": {"GET": frozenset({H, D}), "POST": frozenset({H, D})},
    "documents:template_default": {"GET": frozenset({H, D})},
    "documents:template_use_default": {"POST": frozenset({H, D})},
    "documents:template_download": {"GET": frozenset({H, D})},
    "documents:template_activate": {"POST": frozenset({H, D})},
    "documents:help": {"GET": frozenset({H, C, A, S, D, U})},
    # audit
    "audit:log": {"GET": frozenset({H, U})},
    # reports: pages, figures, exports (reports/views.py)
    "reports:index": {"GET": frozenset({H, C, U})},
    "reports:report": {"GET": frozenset({H, C, U})},
    "reports:figure": {"GET": frozenset({H, C, U})},
    "reports:export": {"GET": frozenset({H, C, U})},
    # reports: submitted snapshots, reminders, background exports (reports/snapshot_views.py)
    "reports:submissions": {"GET": frozenset({H, C, U})},
    "reports:submit": {"GET": frozenset({H}), "POST": frozenset({H})},
    # a POST is an attempt to change a submitted report: the head gets the refusal (409)
    "reports:submission": {"GET": frozenset({H, C, U}), "POST": frozenset({H})},
    "reports:background_export_start": {"GET": frozenset({H, C, U}), "POST": frozenset({H, C, U})},
    "reports:background_export": {"GET": frozenset({H, C, U})},
    "reports:background_export_download": {"GET": frozenset({H, C, U})},
    # reports: dashboards (reports/dashboard_views.py)
    "reports:dashboard": {"GET": frozenset({H, C, U})},
    "reports:dashboard_mine": {"GET": frozenset({A})},
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
