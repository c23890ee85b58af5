"""The whole suite runs on one calendar day, whatever the clock says.

Many tests compute "today" when their module is imported while the services read it when they
run; a run that crossed midnight (Europe/Warsaw) would see two different days. Before any test
module is imported, the clock is moved to a fixed working day at 10:00 in Warsaw and keeps
ticking from there, so a run of any length stays on that day. `ASYSTA_TEST_NOW` (ISO date and
time with an offset) runs the suite on another moment, to look for date-dependent mistakes.
"""

import os
from datetime import datetime

import time_machine

os.environ.setdefault("ASYSTA_TESTING", "1")

TEST_NOW = os.environ.get("ASYSTA_TEST_NOW", "2026-11-18T10:00:00+01:00")

_traveller = time_machine.travel(datetime.fromisoformat(TEST_NOW), tick=True)


def pytest_configure(config):
    _traveller.start()


def pytest_unconfigure(config):
    _traveller.stop()
