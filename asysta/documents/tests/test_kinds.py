"""The document kinds: data built from real records (through the real services) is plain, fully
documented and of the same shape as the sample; the default DOCX template fills with it
(docxtpl in a strict sandbox) and the PDF's HTML template renders it, with the key values in."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import docx
import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from docxtpl import DocxTemplate
from faker import Faker
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from asysta.assessments import services as assessment_services
from asysta.assessments.tests import builders as assessment_builders
from asysta.closure import services as closure_services
from asysta.closure.tests.builders import closed
from asysta.core import testing
from asysta.court import services as court_services
from asysta.court.tests.builders import approved_request
from asysta.documents.kinds import CATALOGUE, base
from asysta.documents.kinds._common import RESERVED_KEYS, dmy
from asysta.documents.kinds.workcard import WorkCardSource
from asysta.families import record as family_record
from asysta.intake import referrals
from asysta.intake.tests.builders import filed_referral
from asysta.plans.models import Action
from asysta.plans.tests.builders import plan_in_force
from asysta.visits import services as visit_services
from asysta.visits.tests.builders import contact as make_contact

COMMON = {
    "centre": {
        "name": "GOPS w Testowie",
        "kind": "Gminny Ośrodek Pomocy Społecznej",
        "street": "ul. Lipowa 3",
        "postal_code": "55-010",
        "locality": "Testowo",
        "terc": "0223062",
        "phone": "71 000 00 00",
        "email": "gops@testowo.pl",
        "logo": "",
    },
    "today": "01.07.2025",
    "author": {"name": "Anna Asystentka", "role": "asystent rodziny"},
    "document": {"label": "Dokument", "generated_at": "01.07.2025 10:00"},
}

# --- the data's shape --------------------------------------------------------------------------


def leaf_paths(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """path -> one value at that path (lists of dicts walked through every element)."""
    found: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            found.update(leaf_paths(value, f"{path}."))
        elif isinstance(value, list):
            for item in value:
                assert isinstance(item, dict), f"{path}: a list holds rows (dicts) only"
                found.update(leaf_paths(item, f"{path}[]."))
        else:
            found[path] = value
    return found


def resolves(data: Any, parts: list[str]) -> bool:
    """Whether the path resolves in `data` (through every element of a list; an empty list
    resolves)."""
    if not parts:
        return not isinstance(data, dict | list)
    head, *rest = parts
    if not isinstance(data, dict):
        return False
    if head.endswith("[]"):
        items = data.get(head[:-2])
        return isinstance(items, list) and all(resolves(item, rest) for item in items)
    return head in data and resolves(data[head], rest)


def keys_of(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for value in data.values() for k in keys_of(value)}
    if isinstance(data, list):
        return {k for item in data for k in keys_of(item)}
    return set()


def assert_plain_and_documented(kind: base.DocumentKind, data: dict[str, Any]) -> None:
    documented = {f.path for f in kind.fields}
    sample = kind.sample()
    assert set(data) == set(sample), "the same top-level keys as the sample"
    assert not set(data) & base.COMMON_KEYS, "the engine adds the common part"
    assert not keys_of(data) & RESERVED_KEYS, "a key a Jinja template would read as a method"
    for path in documented:
        assert resolves(data, path.split(".")), f"{kind.code}: {path} does not resolve"
    sample_leaves = leaf_paths(sample)
    for path, value in leaf_paths(data).items():
        assert path in documented, f"{kind.code}: {path} is not documented"
        assert type(value) in (str, int, bool), f"{kind.code}: {path} is {type(value)}"
        assert type(value) is type(sample_leaves[path]), f"{kind.code}: {path} type differs"


# --- rendering ---------------------------------------------------------------------------------


def docx_text(content: bytes) -> str:
    """Every paragraph of the document, also inside (nested) tables."""
    document = docx.Document(io.BytesIO(content))
    lines: list[str] = []

    def walk(container: Any) -> None:
        lines.extend(p.text for p in container.paragraphs)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    return "\n".join(lines)


def render_docx(kind: base.DocumentKind, data: dict[str, Any]) -> str:
    template = DocxTemplate(io.BytesIO(kind.default_docx()))
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    template.render({**data, **COMMON}, env, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return docx_text(out.getvalue())


def render_html(kind: base.DocumentKind, data: dict[str, Any]) -> str:
    try:
        get_template("documents/pdf/base.html")
    except TemplateDoesNotExist:
        pytest.skip("documents/pdf/base.html (the document engine's) is not there yet")
    return render_to_string(kind.html_template, {**data, **COMMON})


# --- the records -------------------------------------------------------------------------------


@dataclass
class World:
    # (kind code, the record it is built from, values the document must contain)
    cases: list[tuple[str, Any, list[str]]]

    def source(self, code: str, n: int = 0) -> Any:
        return [source for kind, source, _values in self.cases if kind == code][n]


def _members(family: Any, by: Any, today: date) -> dict[str, Any]:
    pesel = Faker("pl_PL").pesel(date_of_birth=datetime(1991, 5, 14), sex="F")
    mother = testing.make_member(
        family=family,
        by=by,
        first_name="Ewa",
        role="parent",
        relationship="mother",
        sex="F",
        birth_date=date(1991, 5, 14),
        pesel=pesel,
        parental_authority="full",
        occupation="sprzedawczyni",
        disability="umiarkowany stopień",
        health_notes="Notatka o zdrowiu, której nie ma w żadnym dokumencie.",
    )
    son = testing.make_member(
        family=family,
        by=by,
        first_name="Kuba",
        role="child",
        relationship="son",
        birth_date=today - timedelta(days=10 * 365),
        school="Szkoła Podstawowa nr 2",
    )
    daughter = testing.make_member(
        family=family,
        by=by,
        first_name="Zosia",
        role="child",
        relationship="daughter",
        sex="F",
        birth_date=today - timedelta(days=5 * 365),
        lives_in_household=False,
    )
    return {"mother": mother, "son": son, "daughter": daughter, "pesel": pesel}


def _assessments(family: Any, people: Any, plan: Any, t: date) -> tuple[Any, Any]:
    first = assessment_builders.assessment(
        family, by=people.anna, period_from=t - timedelta(190), period_to=t - timedelta(100)
    )
    assessment_services.submit_assessment(assessment=first, by=people.anna, on=t - timedelta(100))
    second = assessment_services.create_assessment(
        family=family,
        by=people.anna,
        scores=assessment_builders.scores(4, childcare=5),
        period_from=t - timedelta(99),
        period_to=t - timedelta(10),
        made_on=t - timedelta(10),
        changes="Dzieci chodzą regularnie do szkoły.",
        cooperation="Matka aktywnie współpracuje.",
        institutions="Szkoła Podstawowa nr 2.",
        recommendation="continue",
        conclusions="Kontynuować pracę według planu.",
    )
    goal = plan.goals.order_by("order", "pk")[0]
    action = goal.actions.order_by("order", "pk")[0]
    assessment_services.rate_plan(
        assessment=second,
        by=people.anna,
        goals={goal.pk: {"achievement": "partly", "comment": "Posiłki nieregularne w weekend."}},
        actions={action.pk: {"achievement": "achieved", "comment": ""}},
    )
    assessment_services.submit_assessment(assessment=second, by=people.anna, on=t - timedelta(10))
    assessment_services.acknowledge_assessment(
        assessment=second, by=people.dorota, on=t - timedelta(9), note="Przyjęto bez uwag."
    )
    return first, second


def _family_record(people: Any, t: date) -> dict[str, Any]:
    """A family with members, a child in foster care, problems, a Niebieska Karta, a consent
    and a request for an assistant decided by the head (Anna assigned 200 days ago)."""
    dorota, edward = people.dorota, people.edward
    family = testing.make_family(
        centre=people.centre, by=dorota, social_worker=edward, surname="Nowakowie"
    )
    who = _members(family, dorota, t)
    placement = family_record.add_placement(
        family=family,
        by=dorota,
        child=who["daughter"],
        kind="kinship",
        carer="Halina Nowak",
        pcpr="PCPR w Oleśnicy",
        coordinator="Jan Lis",
        since=t - timedelta(300),
        court_file="III Nsm 45/24",
    )
    family_record.set_problems(
        family=family, by=dorota, areas={"income": "zaległości czynszowe", "addiction": ""}
    )
    family_record.start_blue_card(family=family, by=dorota, started_on=t - timedelta(250))
    referral = filed_referral(family, social_worker=edward, on=t - timedelta(200))
    referral = referrals.decide_assign(
        referral=referral, assistant=people.anna, by=dorota, on=t - timedelta(200)
    )
    return {"family": family, **who, "placement": placement, "referral": referral}


def _casework(people: Any, r: dict[str, Any], t: date) -> None:
    """The diagnosis, the plan in force (with the child's care plan), a contact, two
    assessments and two meetings."""
    anna, family = people.anna, r["family"]
    r["diagnosis"] = assessment_builders.diagnosis(family, by=anna, on=t - timedelta(195))
    r["plan"] = plan = plan_in_force(
        family,
        people=people,
        on=t - timedelta(190),
        goals=2,
        actions=2,
        foster_coordinator="Jan Lis, PCPR w Oleśnicy",
        care_plan_child=r["daughter"],
        care_plan_pcpr="PCPR w Oleśnicy",
        care_plan_date=t - timedelta(280),
    )
    r["action"] = action = Action.objects.filter(goal__plan=plan).order_by("pk")[0]
    r["contact"] = contact = make_contact(
        family,
        by=anna,
        on=t - timedelta(100),
        members_present=[r["mother"], r["son"]],
        actions=[(action, "in_progress", "Jadłospis wisi na lodówce.")],
        kilometres=Decimal("12.5"),
        others_present="pedagog szkolny",
        tasks_family="Zapisać syna na zajęcia.",
    )
    visit_services.add_correction(contact=contact, by=anna, text="Obecny był też wujek.")
    r["first"], r["second"] = _assessments(family, people, plan, t)
    r["meeting"] = assessment_builders.meeting(family, by=anna, held_on=t - timedelta(8))
    r["organiser"] = assessment_builders.child_assessment(
        family, by=anna, placement=r["placement"], held_on=t - timedelta(20)
    )


def _ending(people: Any, r: dict[str, Any], t: date) -> None:
    """The court's opinion, a notice to the court, the closure with a monitoring contact, and
    another family that moved away."""
    anna, family = people.anna, r["family"]
    r["opinion"] = approved_request(family, people=people, on=t - timedelta(7))
    r["notice"] = court_services.send_notice(
        family=family,
        by=anna,
        court="Sąd Rejonowy w Oławie",
        file_number="III Nsm 45/24",
        subject="zmiana sytuacji dziecka",
        content="Uprzejmie zawiadamiam o poprawie sytuacji rodziny.",
        sent_on=t - timedelta(6),
        sent_how="post",
    )
    r["closure"] = closed(family, by=anna, on=t - timedelta(5))
    closure_services.add_monitoring_contact(
        closure=r["closure"],
        by=anna,
        contacted_on=t - timedelta(2),
        form="phone",
        note="Rodzina radzi sobie; syn chodzi na zajęcia.",
    )
    r["moved"] = _moved_away_family(people, t)


def build_world(people: Any) -> World:
    t = timezone.localdate()
    r = _family_record(people, t)
    _casework(people, r, t)
    _ending(people, r, t)
    contact, case, pesel = r["contact"], r["family"].case_number, r["pesel"]
    card = WorkCardSource(people.anna, people.centre, contact.date.year, contact.date.month)
    ago = {n: dmy(t - timedelta(n)) for n in (2, 5, 10, 99, 100, 190, 195, 200)}
    summary = "Rozmowa z matką o planie dnia dzieci."
    # fmt: off
    return World([
        ("family_record", r["family"], [case, "Ewa Nowakowie", pesel, "umiarkowany stopień",
         "Halina Nowak", "ubóstwo, niskie dochody", "Anna Asystentka", "III Nsm 45/24"]),
        ("assistant_request", r["referral"], [case, ago[200], "Edward Pracownik",
         "Wsparcie w opiece nad dziećmi.", "Anna Asystentka"]),
        ("assignment_letter", r["referral"].assignment, [case, "Ewa Nowakowie",
         "Anna Asystentka", ago[200]]),
        ("consent", r["family"], [case, "Ewa Nowakowie", "Kuba Nowakowie", "02.01.2020"]),
        ("work_plan", r["plan"], [case, "Działanie 1.1", "Działanie 2.2", ago[190],
         dmy(r["action"].deadline), "Dzieci jedzą trzy posiłki dziennie.",
         "Jan Lis, PCPR w Oleśnicy", "Zosia Nowakowie", "Edward Pracownik"]),
        ("contact_record", contact, [case, dmy(contact.date), summary, "12,5",
         "Jadłospis wisi na lodówce.", "Obecny był też wujek.", "Ewa Nowakowie, Kuba Nowakowie"]),
        ("visit_diary", r["family"], [case, dmy(contact.date), summary]),
        ("work_card", card, [case, "Anna Asystentka", "1:00", "12,5"]),
        ("initial_diagnosis", r["diagnosis"], [case, ago[195], "Więź z dziećmi.",
         "Nieobecności w szkole.", "Kuba Nowakowie"]),
        ("periodic_assessment", r["second"], [case, ago[99], ago[10], "Przyjęto bez uwag.",
         "Matka aktywnie współpracuje.", "Działanie 1.1", "częściowo"]),
        ("periodic_assessment", r["first"], [case, ago[190], ago[100]]),
        ("team_meeting", r["meeting"], [case, "Anna Asystentka", dmy(r["meeting"].held_on),
         "Joanna Pedagog", "Rozmowa z wychowawcą"]),
        ("team_meeting", r["organiser"], [case, "Zosia Nowakowie", "Jan Lis",
         "posiedzenie zespołu ds. okresowej oceny"]),
        ("court_opinion", r["opinion"], [case, "III Nsm 123/25", "Dorota Kierowniczka",
         "Rodzina współpracuje z asystentem.", pesel]),
        ("closing_report", r["closure"], [case, ago[5], "Cel 2",
         "dzieci regularnie chodzą do szkoły", "Kontakt z pedagogiem szkolnym."]),
        ("monitoring_card", r["closure"], [case, ago[2], "syn chodzi na zajęcia"]),
        ("court_notice", r["notice"], [case, "zmiana sytuacji dziecka", "III Nsm 45/24",
         "o poprawie sytuacji rodziny"]),
        ("new_centre_letter", r["moved"], [r["moved"].family.case_number, "MOPS w Oleśnicy",
         "art. 15 UWR", "Piotr Zielińscy"]),
    ])
    # fmt: on


def _moved_away_family(people: Any, t: date) -> Any:
    family = testing.make_family(centre=people.centre, by=people.dorota, surname="Zielińscy")
    testing.make_member(family=family, by=people.dorota, first_name="Piotr")
    testing.assign(
        family=family, assistant=people.anna, by=people.dorota, started_on=t - timedelta(60)
    )
    return closed(
        family,
        by=people.anna,
        on=t - timedelta(3),
        reason="moved_away",
        monitoring_until=None,
        monitoring_frequency="",
        no_monitoring_reason="Rodzina przeprowadziła się do innej gminy.",
        new_centre="MOPS w Oleśnicy",
        new_centre_letter_on=t - timedelta(3),
        disclosure_basis="art. 15 UWR",
    )


@pytest.fixture
def world(people) -> World:
    return build_world(people)


# --- the tests ---------------------------------------------------------------------------------


def test_the_catalogue_registers_every_kind_once_in_order():
    codes = [k.code for k in CATALOGUE]
    assert len(set(codes)) == 16
    assert [code for code in base.REGISTRY if code in codes] == codes
    assert all(base.get(k.code) is k for k in CATALOGUE)
    for kind in CATALOGUE:
        assert kind.html_template == f"documents/pdf/{kind.code}.html"
        assert len({f.path for f in kind.fields}) == len(kind.fields), "a path documented twice"


@pytest.mark.parametrize("kind", CATALOGUE, ids=lambda k: k.code)
def test_sample_is_the_documented_shape_and_fills_both_templates(kind):
    sample = kind.sample()
    documented = {f.path for f in kind.fields}
    assert set(leaf_paths(sample)) == documented
    assert_plain_and_documented(kind, sample)
    text = render_docx(kind, sample)
    assert COMMON["centre"]["name"] in text
    assert f"{COMMON['centre']['locality']}, {COMMON['today']}" in text
    assert "{%" not in text and "{{" not in text
    html = render_html(kind, sample)
    assert "<h1>" in html


@pytest.mark.parametrize("kind", CATALOGUE, ids=lambda k: k.code)
def test_default_template_passes_the_upload_check(kind):
    checks = pytest.importorskip("asysta.documents.checks")
    checks.check_template(kind.default_docx(), kind=kind)


def test_every_kind_from_real_records(world):
    assert {code for code, _source, _values in world.cases} == {k.code for k in CATALOGUE}
    for code, source, values in world.cases:
        kind = base.get(code)
        data = kind.build(source)
        assert_plain_and_documented(kind, data)
        text = render_docx(kind, data)
        html = render_html(kind, data)
        for value in values:
            assert value in text, f"{code}: {value!r} missing in the DOCX"
            assert value in html, f"{code}: {value!r} missing in the PDF's HTML"
