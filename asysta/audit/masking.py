"""Masking of sensitive values in the audit trail.

django-auditlog's default mask keeps the second half of a value, which for a PESEL would still
reveal six digits and for a health note half of it. The trail records only that such a field
changed, never any part of its value.
"""

MASK = "[ukryte]"


def mask_all(value: str) -> str:
    return MASK if value else value
