"""Answers remembered for the length of one request.

A page with many panels asks the same questions many times ("may this user change this
family?"): each panel asks for itself, so that it stays right wherever it is shown. Inside a
request (`RequestScopeMiddleware`), `remembered` computes each answer once; outside one — a
service called from a command, the worker or a test — it always computes. A change that may
alter an answer calls `forget` (the apps connect it to the records the answers depend on).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_answers: ContextVar[dict[Hashable, Any] | None] = ContextVar("asysta_answers", default=None)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per request for `key`."""
    answers = _answers.get()
    if answers is None:
        return compute()
    if key not in answers:
        answers[key] = compute()
    return answers[key]


def forget(*args: Any, **kwargs: Any) -> None:
    """Drop the answers of the current request (usable as a signal receiver)."""
    answers = _answers.get()
    if answers is not None:
        answers.clear()


class RequestScopeMiddleware:
    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        token = _answers.set({})
        try:
            return self.get_response(request)
        finally:
            _answers.reset(token)
