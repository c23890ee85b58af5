"""The sizes of the benchmark centres.

A preset describes one centre (XL repeats it twenty times in one database, each centre with its
own TERC code and its own people). The history starts on 1 January 2017 and ends today; the
number of assistant posts grows over it (`posts_first` -> `posts_now`, `growth` > 1 means most
posts were opened in recent years, as the city programmes grew). How many families passed
through the posts is calibrated to `assigned_families` (see `timeline.calibrate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# One password for every generated user: the load tool signs in with it through the real form.
PASSWORD = "Bench-City-2026!"  # noqa: S105 - a benchmark account on a throw-away database
# Bump when the generated data changes, so an old build is not reused by mistake.
GENERATOR_VERSION = 3
FIRST_DAY = date(2017, 1, 1)


@dataclass(frozen=True)
class Preset:
    name: str
    centres: int
    kind: str  # CentreKind
    posts_now: int  # assistant posts today
    posts_first: int  # posts on the first day of the history
    growth: float  # 1 = posts opened evenly over the years, 2 = mostly in recent years
    slots: int  # families in active work one full-time assistant can carry (hard cap 15)
    part_time_share: float  # posts at half time (they carry about half as many families)
    assigned_families: int  # families that had an assistant at some time (per centre)
    intake_families: int  # families whose request never led to an assignment
    contacts_per_week: float  # mean contacts with a family in active work
    heads: int
    coordinators: int
    social_workers: int
    hr: int
    auditors: int
    seed: int = 2026

    @property
    def families(self) -> int:
        return self.assigned_families + self.intake_families


S = Preset(
    name="S",
    centres=1,
    kind="GOPS",
    posts_now=3,
    posts_first=2,
    growth=1.0,
    slots=7,
    part_time_share=0.0,
    assigned_families=108,
    intake_families=12,
    contacts_per_week=1.6,
    heads=1,
    coordinators=1,
    social_workers=3,
    hr=1,
    auditors=1,
)

L = Preset(
    name="L",
    centres=1,
    kind="MOPS",
    posts_now=200,
    posts_first=45,
    growth=2.2,
    slots=15,
    part_time_share=0.08,
    assigned_families=10_800,
    intake_families=1_200,
    contacts_per_week=2.1,
    heads=5,
    coordinators=14,
    social_workers=60,
    hr=6,
    auditors=2,
)

# Twenty L centres in one database (run on demand: about 30 M rows).
XL = Preset(**{**L.__dict__, "name": "XL", "centres": 20})

PRESETS = {p.name: p for p in (S, L, XL)}

# TERC codes of the generated centres: real-looking (7 digits, gmina type 1 = urban), unused
# by the test people (0223062, 1465011) and by the demo.
TERC_BASE = 1_261_011


def terc_of(preset: Preset, index: int) -> str:
    """The TERC code of the preset's centre number `index` (0-based)."""
    offset = {"S": 500_000, "L": 0, "XL": 0}[preset.name]
    return f"{TERC_BASE + offset + index * 10_000:07d}"
