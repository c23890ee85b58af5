"""Simulated users of the load benchmark; `bench/load.py` runs this file with locust.

Every simulated person signs in once, through the real login form, as a distinct generated user
of their role (names in BENCH_USERS_FILE, one password in BENCH_PASSWORD), then works:

- an assistant opens "Moje rodziny", a family's page, its chronology, contacts and plans, their
  own deadlines, and records a contact (the real form, with its CSRF token);
- a coordinator opens the deadlines board and the family list;
- a head opens the start page, the indicators, a report and a report export;
- the floor: the start page of an HR user (a trivial signed-in page).

`TourUser` (the one-user phase) does all of it in one loop with four sessions, asking for the
floor page between every two pages, so the floor is measured as often as the rest.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, between, task
from locust.clients import HttpSession

USERS: dict[str, list[str]] = json.loads(Path(os.environ["BENCH_USERS_FILE"]).read_text())
PASSWORD = os.environ["BENCH_PASSWORD"]
WAIT = [float(x) for x in os.environ.get("BENCH_WAIT", "2,5").split(",")]
REPORT_YEAR = int(os.environ.get("BENCH_REPORT_YEAR", str(date.today().year - 1)))
FAMILY_LINK = re.compile(r'href="/rodziny/(\d+)/"')
FLOOR = "floor: HR start page"
SETTLE = (3.0, 6.0)
EXPORT = f"/sprawozdania/activity/pobierz/?rok={REPORT_YEAR}&format=csv"
_turns = {role: itertools.count() for role in USERS}


def _next_user(role: str) -> str:
    """Each simulated person of a role gets the next generated user of it (wrapping round)."""
    names = USERS[role]
    return names[next(_turns[role]) % len(names)]


def _ok(response: Any, expected: int = 200) -> None:
    if response.status_code != expected:
        response.failure(f"HTTP {response.status_code}")
    elif "/konto/logowanie/" in response.url and expected == 200:
        response.failure("signed out")
    else:
        response.success()


def get(client: Any, url: str, name: str) -> str:
    with client.get(url, name=name, catch_response=True, allow_redirects=False) as response:
        _ok(response)
        return response.text or ""


def sign_in(client: Any, role: str) -> None:
    username = _next_user(role)
    client.get("/konto/logowanie/", name="sign-in form")
    data = {
        "username": username,
        "password": PASSWORD,
        "csrfmiddlewaretoken": client.cookies.get("csrftoken", ""),
    }
    with client.post(
        "/konto/logowanie/", data=data, name="sign-in", catch_response=True, allow_redirects=False
    ) as response:
        _ok(response, 302)


class Desk:
    """One signed-in person's pages (shared by the role users and the tour)."""

    def __init__(self, client: Any, after: Any = None) -> None:
        self.client = client
        self.families: list[str] = []
        self.after = after  # the tour asks for the floor page after each page

    def page(self, url: str, name: str) -> str:
        text = get(self.client, url, name)
        if self.after is not None:
            self.after()
        return text

    def my_families(self) -> None:
        page = self.page("/rodziny/", "assistant: my families")
        self.families = sorted(set(FAMILY_LINK.findall(page))) or self.families

    def _family(self) -> str | None:
        if not self.families:
            self.my_families()
        return random.choice(self.families) if self.families else None

    def family_page(self, suffix: str, name: str) -> None:
        if (pk := self._family()) is not None:
            self.page(f"/rodziny/{pk}/{suffix}", name)

    def add_contact(self) -> None:
        pk = self._family()
        if pk is None:
            return
        url = f"/rodziny/{pk}/kontakty/nowy/"
        self.page(url, "assistant: contact form")
        hour = random.randint(8, 15)
        data = {
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            "date": date.today().isoformat(),
            "start_time": f"{hour:02d}:00",
            "end_time": f"{hour + 1:02d}:00",
            "form": "home_visit",
            "place": "home",
            "summary": "Wizyta w domu rodziny (benchmark).",
        }
        with self.client.post(
            url,
            data=data,
            name="assistant: add contact (POST)",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            _ok(response, 302)
        if self.after is not None:
            self.after()

    def assistant_round(self) -> None:
        self.my_families()
        self.family_page("", "assistant: family page")
        self.family_page("chronologia/", "assistant: chronology")
        self.family_page("kontakty/", "assistant: contact list")
        self.family_page("plany/", "assistant: plan list")
        self.page("/terminy/moje/", "assistant: my deadlines")
        self.add_contact()

    def coordinator_round(self) -> None:
        self.page("/terminy/", "coordinator: deadlines board")
        self.page("/rodziny/", "coordinator: family list")

    def head_round(self) -> None:
        self.page("/", "head: start page")
        self.page("/pulpit/", "head: indicators")
        self.page("/sprawozdania/semiannual/", "head: half-year report")
        self.page(EXPORT, "head: activity export (CSV)")


class RoleUser(HttpUser):
    abstract = True
    role = ""
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        sign_in(self.client, self.role)
        self.desk = Desk(self.client)
        # A person starts working a moment after signing in; the last sign-ins (Argon2, on
        # purpose slow) are then over before the pages being measured are asked for.
        gevent.sleep(random.uniform(*SETTLE))


class AssistantUser(RoleUser):
    role, weight = "assistant", 10

    @task(3)
    def families(self) -> None:
        self.desk.my_families()

    @task(3)
    def family(self) -> None:
        self.desk.family_page("", "assistant: family page")

    @task(2)
    def chronology(self) -> None:
        self.desk.family_page("chronologia/", "assistant: chronology")

    @task(2)
    def contacts(self) -> None:
        self.desk.family_page("kontakty/", "assistant: contact list")

    @task(1)
    def plans(self) -> None:
        self.desk.family_page("plany/", "assistant: plan list")

    @task(2)
    def deadlines(self) -> None:
        get(self.client, "/terminy/moje/", "assistant: my deadlines")

    @task(1)
    def contact(self) -> None:
        self.desk.add_contact()


class CoordinatorUser(RoleUser):
    role, weight = "coordinator", 4

    @task(3)
    def board(self) -> None:
        get(self.client, "/terminy/", "coordinator: deadlines board")

    @task(1)
    def families(self) -> None:
        get(self.client, "/rodziny/", "coordinator: family list")


class HeadUser(RoleUser):
    role, weight = "head", 3

    @task(3)
    def start_page(self) -> None:  # not `start`: that is locust's own method
        get(self.client, "/", "head: start page")

    @task(2)
    def indicators(self) -> None:
        get(self.client, "/pulpit/", "head: indicators")

    @task(1)
    def report(self) -> None:
        get(self.client, "/sprawozdania/semiannual/", "head: half-year report")

    @task(1)
    def export(self) -> None:
        get(self.client, EXPORT, "head: activity export (CSV)")


class FloorUser(RoleUser):
    role, weight = "hr", 3

    @task
    def start_page(self) -> None:
        get(self.client, "/", FLOOR)


class TourUser(HttpUser):
    """One person doing every role's pages in turn, the floor page after each of them."""

    wait_time = between(0, 0)

    def on_start(self) -> None:
        sessions = {}
        for role in ("assistant", "coordinator", "head", "hr"):
            sessions[role] = HttpSession(
                base_url=self.host, request_event=self.environment.events.request, user=self
            )
            sign_in(sessions[role], role)
        floor = sessions.pop("hr")
        self.desks = {
            role: Desk(session, after=lambda: get(floor, "/", FLOOR))
            for role, session in sessions.items()
        }

    @task
    def round(self) -> None:
        self.desks["assistant"].assistant_round()
        self.desks["coordinator"].coordinator_round()
        self.desks["head"].head_round()
