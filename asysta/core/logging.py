"""A logging filter that keeps PESEL numbers and secrets out of application logs."""

from __future__ import annotations

import logging
import re

# Eleven digits standing alone: a PESEL (or something that looks like one) is never logged.
_PESEL = re.compile(r"(?<!\d)\d{11}(?!\d)")
_SECRET = re.compile(r"(?i)\b(password|passwd|hasło|token|secret|otp)(\s*[=:]\s*)\S+")
_FORMATTER = logging.Formatter()


def redact(text: str) -> str:
    text = _PESEL.sub("[PESEL]", text)
    return _SECRET.sub(r"\1\2[ukryte]", text)


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        # An exception's text (e.g. a validation error quoting a PESEL) is written after the
        # message; format it here, redacted, and the formatter reuses it as it is.
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
