"""The import format: one row per person, grouped into families by the "klucz rodziny" column.

Family-level columns are read from the first row of each family; later rows of the same family
may repeat the same values or leave them blank. Headers are matched without regard to case,
Polish characters and surrounding spaces ("Miejscowosc" = "miejscowość"). This module also
builds the downloadable template (XLSX with an instruction sheet, and CSV for Excel).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.pl import pesel as stdnum_pesel

from asysta.core.text import normalize
from asysta.families.models import MemberRole, ReportingCategory, Sex
from asysta.intake.models import EndReason

FAMILY = "family"
PERSON = "person"

BASIS_CONSENT = "consent"
BASIS_COURT = "court"
BASIS_ZA_ZYCIEM = "za_zyciem"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    level: str
    required: bool
    help: str


COLUMNS: tuple[Column, ...] = (
    Column("key", "klucz rodziny", FAMILY, True, "dowolny znacznik wspólny dla osób z rodziny"),
    Column(
        "case_number",
        "numer sprawy",
        FAMILY,
        False,
        "np. AR.4011.12.2024; unikalny; puste: kolejny numer według wzoru ośrodka",
    ),
    Column("surname", "nazwisko rodziny", FAMILY, True, "np. Kowalscy"),
    Column("street", "ulica", FAMILY, False, "puste w miejscowości bez ulic"),
    Column("building", "nr domu", FAMILY, True, ""),
    Column("flat", "nr lokalu", FAMILY, False, ""),
    Column("postal_code", "kod pocztowy", FAMILY, True, "NN-NNN"),
    Column("locality", "miejscowość", FAMILY, True, ""),
    Column("gmina", "gmina", FAMILY, True, ""),
    Column("phone", "telefon", FAMILY, False, ""),
    Column("category", "kategoria sprawozdawcza", FAMILY, False, "problem / piecza / za życiem"),
    Column("basis", "podstawa", FAMILY, False, "zgoda / sąd / za życiem; wymagana przy asystencie"),
    Column("consent_on", "data zgody", FAMILY, False, "dla podstawy „zgoda” i „za życiem”"),
    Column("court", "sąd", FAMILY, False, "dla podstawy „sąd”"),
    Column("file_number", "sygnatura", FAMILY, False, "dla podstawy „sąd”, np. III Nsm 123/24"),
    Column("issued_on", "data postanowienia", FAMILY, False, "dla podstawy „sąd”"),
    Column("login", "login asystenta", FAMILY, False, "login konta asystenta w Asyście"),
    Column("started_on", "data rozpoczęcia", FAMILY, False, "początek pracy asystenta"),
    Column("ended_on", "data zakończenia", FAMILY, False, "tylko dla zakończonej współpracy"),
    Column("end_reason", "powód zakończenia", FAMILY, False, "gdy podano datę zakończenia"),
    Column("first_name", "imię", PERSON, True, ""),
    Column("last_name", "nazwisko", PERSON, True, ""),
    Column("role", "rola", PERSON, True, "rodzic / opiekun / dziecko / inna"),
    Column("sex", "płeć", PERSON, True, "K / M"),
    Column("birth_date", "data urodzenia", PERSON, True, "dd.mm.rrrr lub rrrr-mm-dd"),
    Column("pesel", "PESEL", PERSON, False, "11 cyfr; zgodny z datą urodzenia i płcią"),
    Column("notes", "uwagi", PERSON, False, "wymagane, gdy rodzic jest niepełnoletni"),
)
BY_KEY = {c.key: c for c in COLUMNS}
FAMILY_KEYS = tuple(c.key for c in COLUMNS if c.level == FAMILY and c.key != "key")
DATE_KEYS = frozenset({"consent_on", "issued_on", "started_on", "ended_on", "birth_date"})
# Model field -> import column, to report a model's validation error at the right column.
FIELD_TO_KEY = {
    "reporting_category_override": "category",
    "signed_on": "consent_on",
    "filed_on": "consent_on",
}


def header(key: str) -> str:
    return BY_KEY[key].header if key in BY_KEY else ""


def match_header(text: str) -> str | None:
    """The column key for a header cell, or None for a column we do not know."""
    wanted = normalize(text)
    for column in COLUMNS:
        if normalize(column.header) == wanted:
            return column.key
    return None


def _lookup(pairs: dict[str, str], choices: type[models.TextChoices]) -> dict[str, str]:
    """Accepted spellings -> code: the short words above, the codes, and the full labels."""
    table = {normalize(k): v for k, v in pairs.items()}
    for code, label in choices.choices:
        table.setdefault(normalize(code), code)
        table.setdefault(normalize(str(label)), code)
    return table


CATEGORIES = _lookup(
    {
        "problem": ReportingCategory.PROBLEM,
        "piecza": ReportingCategory.FOSTER_CARE,
        "za życiem": ReportingCategory.ZA_ZYCIEM,
    },
    ReportingCategory,
)
ROLES = _lookup(
    {
        "rodzic": MemberRole.PARENT,
        "opiekun": MemberRole.GUARDIAN,
        "dziecko": MemberRole.CHILD,
        "inna": MemberRole.OTHER,
    },
    MemberRole,
)
SEXES = _lookup({"k": Sex.FEMALE, "m": Sex.MALE, "f": Sex.FEMALE}, Sex)
END_REASONS = _lookup({}, EndReason)
BASES = {
    "zgoda": BASIS_CONSENT,
    "sad": BASIS_COURT,
    "postanowienie sadu": BASIS_COURT,
    "za zyciem": BASIS_ZA_ZYCIEM,
}

CHOICE_TABLES: dict[str, tuple[dict[str, str], object]] = {
    "category": (CATEGORIES, _("Nieznana kategoria: wpisz „problem”, „piecza” lub „za życiem”.")),
    "basis": (BASES, _("Nieznana podstawa: wpisz „zgoda”, „sąd” lub „za życiem”.")),
    "role": (ROLES, _("Nieznana rola: wpisz „rodzic”, „opiekun”, „dziecko” lub „inna”.")),
    "sex": (SEXES, _("Nieznana płeć: wpisz K lub M.")),
    "end_reason": (END_REASONS, _("Nieznany powód zakończenia (lista w arkuszu „Instrukcja”).")),
}


# --- the template -------------------------------------------------------------------------------


def _example_pesel(birth: date, *, female: bool) -> str:
    month = birth.month + (20 if birth.year >= 2000 else 0)
    first_ten = f"{birth:%y}{month:02d}{birth:%d}034{'2' if female else '1'}"
    return first_ten + stdnum_pesel.calc_check_digit(first_ten)


def example_rows() -> list[list[str]]:
    """One family of three, one row per person; family-level values on the first row only."""
    family = {
        "key": "1",
        "case_number": "AR.4011.1.2024",
        "surname": "Nowakowie",
        "street": "Polna",
        "building": "12",
        "flat": "3",
        "postal_code": "55-010",
        "locality": "Żórawina",
        "gmina": "Żórawina",
        "phone": "600 100 200",
        "category": "problem",
        "basis": "zgoda",
        "consent_on": "02.01.2024",
        "login": "jan.kowalski",
        "started_on": "15.01.2024",
    }
    people = [
        ("Anna", "Nowak", "rodzic", "K", date(1985, 4, 12), ""),
        ("Piotr", "Nowak", "rodzic", "M", date(1983, 11, 2), ""),
        ("Zuzanna", "Nowak", "dziecko", "K", date(2015, 6, 20), "klasa 4"),
    ]
    rows = []
    for index, (first, last, role, sex, born, notes) in enumerate(people):
        row = dict(family) if index == 0 else {"key": "1"}
        row.update(
            first_name=first,
            last_name=last,
            role=role,
            sex=sex,
            birth_date=born.strftime("%d.%m.%Y"),
            pesel=_example_pesel(born, female=sex == "K"),
            notes=notes,
        )
        rows.append([row.get(c.key, "") for c in COLUMNS])
    return rows


def template_csv() -> bytes:
    """The CSV template for Polish Excel: UTF-8 with BOM, ';' as the separator."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    writer.writerows(example_rows())
    return out.getvalue().encode("utf-8-sig")


def _instruction_rows() -> list[list[str]]:
    rows = [
        ["Jeden wiersz to jedna osoba. Usuń przykładowe wiersze z arkusza „Osoby” przed importem."],
        [],
        ["kolumna", "dotyczy", "wymagana", "opis"],
    ]
    for c in COLUMNS:
        level = "rodziny" if c.level == FAMILY else "osoby"
        rows.append([c.header, level, "tak" if c.required else "nie", c.help])
    rows.append([])
    rows.append(["powody zakończenia (wpisz nazwę lub kod):"])
    rows.extend([[str(label), code] for code, label in EndReason.choices])
    return rows


def template_xlsx() -> bytes:
    """The XLSX template: sheet "Osoby" (text-formatted columns) and sheet "Instrukcja"."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Osoby"
    sheet.append([c.header for c in COLUMNS])
    for row in example_rows():
        sheet.append(row)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index).font = Font(bold=True)
        # Text format: Excel must not turn a PESEL into a number (losing a leading 0).
        sheet.column_dimensions[letter].number_format = "@"
        sheet.column_dimensions[letter].width = max(12, len(column.header) + 2)
    sheet.freeze_panes = "B2"
    help_sheet = book.create_sheet("Instrukcja")
    for row in _instruction_rows():
        help_sheet.append(row)
    help_sheet.column_dimensions["A"].width = 28
    help_sheet.column_dimensions["D"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
