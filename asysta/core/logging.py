"""A logging filter that keeps PESEL numbers and secrets out of application logs."""

from __future__ import annotations

import logging
import re

# Eleven digits standing alone: a PESEL (or something that looks like one) is never logged.
_PESEL = re.compile(r"(?<!\d)\d{11}(?!\d)")
_SECRET = re.compile(r"(?i)\b(password|passwd|hasło|token|secret|otp)(\s*[=:]\s*)\S+")


def redact(text: str) -> str:
    text = _PESEL.sub("[PESEL]", text)
    return _SECRET.sub(r"\1\2[ukryte]", text)


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
