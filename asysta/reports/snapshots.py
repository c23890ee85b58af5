"""The difference between a submitted report and the same report computed from today's record.

Both sides are `Report.as_dict()` data: the frozen one of a `ReportSubmission` and a fresh one
from the same builder. Per figure: the submitted value, today's value, the difference, and the
families / assistants counted today but not then (added) and then but not today (removed),
matched by kind and id. A figure a centre added or switched off since is shown with the other
side empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

Key = tuple[str, int]


@dataclass(frozen=True)
class ItemRef:
    kind: str
    pk: int
    label: str


@dataclass
class FigureDiff:
    code: str
    label: str
    submitted: Any  # None when the figure was not in the submitted report
    today: Any  # None when it is not in today's report
    added: list[ItemRef] = field(default_factory=list)
    removed: list[ItemRef] = field(default_factory=list)

    @property
    def difference(self) -> Decimal | int | None:
        """today − submitted; a count stays an int, a sum (FTE, children) a Decimal."""
        if isinstance(self.submitted, int) and isinstance(self.today, int):
            return self.today - self.submitted
        old, new = _number(self.submitted), _number(self.today)
        if old is None or new is None:
            return None
        return new - old

    @property
    def changed(self) -> bool:
        if self.submitted is None or self.today is None:
            return True
        return bool(self.added or self.removed) or bool(self.difference)


def _number(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _items(figure: dict[str, Any] | None) -> dict[Key, ItemRef]:
    if figure is None:
        return {}
    out: dict[Key, ItemRef] = {}
    for item in figure.get("items", []):
        key = (str(item["kind"]), int(item["pk"]))
        out.setdefault(key, ItemRef(key[0], key[1], str(item.get("label", ""))))
    return out


def diff(submitted_data: dict[str, Any], today_data: dict[str, Any]) -> list[FigureDiff]:
    """Per figure (in the submitted order, then any figure only today has): the submitted and
    today's values, their difference, and the items added and removed since."""
    old = {f["code"]: f for f in submitted_data.get("figures", [])}
    new = {f["code"]: f for f in today_data.get("figures", [])}
    codes = [*old, *(code for code in new if code not in old)]
    out = []
    for code in codes:
        before, after = old.get(code), new.get(code)
        old_items, new_items = _items(before), _items(after)
        out.append(
            FigureDiff(
                code=code,
                label=str((before or after or {}).get("label", code)),
                submitted=before["value"] if before is not None else None,
                today=after["value"] if after is not None else None,
                added=[new_items[k] for k in new_items if k not in old_items],
                removed=[old_items[k] for k in old_items if k not in new_items],
            )
        )
    return out


def changed_count(diffs: list[FigureDiff]) -> int:
    return sum(1 for d in diffs if d.changed)
