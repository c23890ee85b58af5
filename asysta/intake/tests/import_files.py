"""Import files generated for the tests (Faker pl_PL, seeded): valid rows, CSV and XLSX."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta

from faker import Faker

from asysta.intake.importer import columns

EXTRA_ASSISTANTS = ["ewa.k", "jan.n", "ola.p", "piotr.w"]
HEADERS = [c.header for c in columns.COLUMNS]


def _day(value: date, index: int) -> str:
    """Alternate the two accepted date formats."""
    return value.strftime("%d.%m.%Y") if index % 2 else value.isoformat()


def _family_values(fake: Faker, i: int, logins: list[str]) -> dict[str, str]:
    started = date.today() - timedelta(days=40 + 5 * i)
    basis = ["zgoda", "sąd", "za życiem"][i % 3]
    values = {
        "case_number": f"AR.4011.{i + 1}.2024",
        "surname": fake.last_name(),
        "street": fake.street_name(),
        "building": str(fake.building_number())[:10],
        "flat": str(i % 7 or ""),
        "postal_code": fake.postcode(),
        "locality": fake.city(),
        "gmina": fake.city(),
        "phone": fake.phone_number(),
        "category": ["problem", "piecza", "za życiem"][i % 3],
        "basis": basis,
        "login": logins[i % len(logins)],
        "started_on": _day(started, i),
    }
    if basis == "sąd":
        values.update(
            court="Sąd Rejonowy w Oławie",
            file_number=f"III Nsm {i + 1}/24",
            issued_on=_day(started - timedelta(days=10), i + 1),
        )
    else:
        values["consent_on"] = _day(started - timedelta(days=7), i + 1)
    if i % 4 == 3:  # past cooperation
        values["ended_on"] = _day(started + timedelta(days=20), i)
        values["end_reason"] = ["osiągnięcie celów planu", "moved_away", "Decyzja sądu"][i % 3]
    return values


def _person(fake: Faker, j: int, size: int, surname: str, pesels: set[str]) -> dict[str, str]:
    if j == 0 or (j == 1 and size == 3):
        female, role = j == 0, "rodzic"
        born = fake.date_of_birth(minimum_age=25, maximum_age=45)
    else:
        female, role = fake.boolean(), "dziecko"
        born = fake.date_of_birth(minimum_age=1, maximum_age=16)
    born_at = datetime.combine(born, time())
    pesel = fake.pesel(born_at, "F" if female else "M")
    while pesel in pesels:
        pesel = fake.pesel(born_at, "F" if female else "M")
    pesels.add(pesel)
    return {
        "first_name": fake.first_name_female() if female else fake.first_name_male(),
        "last_name": surname,
        "role": role,
        "sex": "K" if female else "M",
        "birth_date": _day(born, j),
        "pesel": pesel,
    }


def generate(logins: list[str], *, families: int = 80, persons: int = 200, seed: int = 7):
    """Rows (one per person) of a valid file; the first `persons - 2 * families` families
    have three people, the rest two."""
    fake = Faker("pl_PL")
    fake.seed_instance(seed)
    rows: list[dict[str, str]] = []
    pesels: set[str] = set()
    for i in range(families):
        size = 3 if i < persons - 2 * families else 2
        family = _family_values(fake, i, logins)
        for j in range(size):
            row = dict(family) if j == 0 else {}
            row["key"] = f"R{i + 1}"
            row.update(_person(fake, j, size, family["surname"], pesels))
            rows.append(row)
    return rows


def to_csv(rows, *, delimiter=";", encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows([row.get(c.key, "") for c in columns.COLUMNS] for row in rows)
    return out.getvalue().encode(encoding)


def to_xlsx(rows, *, numbers: bool = False) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        values: list[object] = [row.get(c.key, "") for c in columns.COLUMNS]
        if numbers and row.get("pesel"):  # what Excel does to a PESEL typed as a number
            values[HEADERS.index("PESEL")] = int(row["pesel"])
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
