"""Areas of the family's functioning (domain.md §4.2) and the 1–5 scale with written anchors.

The codes match `plans.GoalArea`, so a goal of the plan and a score of the assessment speak of
the same area. Each level of each area has a written anchor: two assistants scoring the same
family should reach the same number, and the family can follow why.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise

SCORE_MIN, SCORE_MAX = 1, 5
SCORES = range(SCORE_MIN, SCORE_MAX + 1)


class Area(models.TextChoices):
    CHILDCARE = "childcare", _("opieka i wychowanie dzieci")
    HOUSEHOLD = "household", _("prowadzenie gospodarstwa domowego")
    MATERIAL = "material", _("sytuacja materialna i mieszkaniowa")
    EMPLOYMENT = "employment", _("zatrudnienie i kwalifikacje zawodowe")
    HEALTH = "health", _("zdrowie (w tym uzależnienia i zdrowie psychiczne)")
    RELATIONS = "relations", _("relacje w rodzinie i aktywność społeczna")
    SAFETY = "safety", _("bezpieczeństwo dzieci")
    EDUCATION = "education", _("edukacja i rozwój dzieci")


# Short names for score summaries (lists, the family page).
SHORT: dict[str, StrOrPromise] = {
    Area.CHILDCARE: _("opieka"),
    Area.HOUSEHOLD: _("dom"),
    Area.MATERIAL: _("byt"),
    Area.EMPLOYMENT: _("praca"),
    Area.HEALTH: _("zdrowie"),
    Area.RELATIONS: _("relacje"),
    Area.SAFETY: _("bezpieczeństwo"),
    Area.EDUCATION: _("edukacja"),
}


class RiskLevel(models.TextChoices):
    """Risk to the children's safety seen in the initial diagnosis."""

    NONE = "none", _("brak zagrożenia")
    LOW = "low", _("niskie")
    MEDIUM = "medium", _("średnie")
    HIGH = "high", _("wysokie")


# Levels that need a written description of the risk.
RISK_NEEDS_DESCRIPTION = (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)

# 1 = serious difficulties or a threat, 5 = the family copes on its own in this area.
ANCHORS: dict[str, dict[int, StrOrPromise]] = {
    Area.CHILDCARE: {
        1: _("Podstawowe potrzeby dzieci nie są zaspokajane; rodzice nie sprawują opieki."),
        2: _("Opieka doraźna i niekonsekwentna; częste zaniedbania, brak reakcji na uwagi."),
        3: _("Podstawowe potrzeby zaspokojone; trudności wychowawcze, rodzice szukają pomocy."),
        4: _("Opieka i wychowanie prawidłowe, drobne trudności rozwiązywane z pomocą."),
        5: _("Rodzice samodzielnie i konsekwentnie opiekują się dziećmi i je wychowują."),
    },
    Area.HOUSEHOLD: {
        1: _("Brak organizacji domu: zaległości, brak posiłków, rażące zaniedbania higieny."),
        2: _("Gospodarstwo prowadzone chaotycznie; budżet nieplanowany, zaległości rosną."),
        3: _("Podstawowe sprawy domu załatwiane, budżet planowany z pomocą asystenta."),
        4: _("Rodzina planuje budżet i obowiązki, sporadycznie potrzebuje wsparcia."),
        5: _("Rodzina samodzielnie prowadzi dom, planuje wydatki i nie ma zaległości."),
    },
    Area.MATERIAL: {
        1: _("Brak środków na podstawowe potrzeby lub zagrożenie utratą mieszkania."),
        2: _("Dochód niewystarczający, duże zadłużenie, warunki mieszkaniowe złe."),
        3: _("Dochód pokrywa podstawowe potrzeby przy wsparciu ośrodka; warunki znośne."),
        4: _("Sytuacja stabilna, zadłużenie spłacane, mieszkanie odpowiednie."),
        5: _("Rodzina samodzielnie zapewnia sobie byt i odpowiednie warunki mieszkaniowe."),
    },
    Area.EMPLOYMENT: {
        1: _("Nikt w rodzinie nie pracuje ani nie szuka pracy; brak motywacji."),
        2: _("Prace dorywcze; rejestracja w urzędzie pracy bez aktywnego szukania pracy."),
        3: _("Aktywne szukanie pracy, udział w szkoleniach lub pracach społecznie użytecznych."),
        4: _("Zatrudnienie podjęte, ale niestabilne (okres próbny, umowa krótkoterminowa)."),
        5: _("Stałe zatrudnienie lub stałe źródło dochodu, kwalifikacje podnoszone."),
    },
    Area.HEALTH: {
        1: _("Poważne problemy zdrowotne lub uzależnienie bez leczenia, zagrażające rodzinie."),
        2: _("Problemy zdrowotne lub uzależnienie; leczenie podejmowane i przerywane."),
        3: _("Leczenie podjęte i kontynuowane, wizyty i szczepienia dzieci z przypomnieniem."),
        4: _("Rodzina dba o zdrowie, leczenie kontynuowane, sporadyczne trudności."),
        5: _("Rodzina samodzielnie dba o zdrowie swoich członków; brak uzależnień."),
    },
    Area.RELATIONS: {
        1: _("Konflikty lub przemoc w rodzinie; rodzina izolowana od otoczenia."),
        2: _("Częste konflikty, słaba komunikacja; nieliczne kontakty poza rodziną."),
        3: _("Konflikty rozwiązywane z pomocą; rodzina utrzymuje kontakty z bliskimi."),
        4: _("Relacje dobre, rodzina korzysta z oferty środowiska (zajęcia, grupy)."),
        5: _("Relacje wspierające; rodzina aktywna społecznie i korzysta z sieci wsparcia."),
    },
    Area.SAFETY: {
        1: _("Bezpośrednie zagrożenie życia lub zdrowia dziecka; potrzebna interwencja."),
        2: _("Poważne ryzyko dla bezpieczeństwa dzieci (np. przemoc, opieka pod wpływem)."),
        3: _("Ryzyko umiarkowane, monitorowane; rodzice współpracują w jego ograniczaniu."),
        4: _("Ryzyko niewielkie, rodzice rozpoznają zagrożenia i im zapobiegają."),
        5: _("Dzieci są bezpieczne; brak sygnałów zagrożenia."),
    },
    Area.EDUCATION: {
        1: _("Dzieci nie realizują obowiązku szkolnego; brak kontaktu rodziców ze szkołą."),
        2: _("Częste nieobecności i zaległości; kontakt ze szkołą tylko na jej wezwanie."),
        3: _("Obowiązek szkolny realizowany, trudności w nauce; rodzice współpracują ze szkołą."),
        4: _("Dzieci uczą się systematycznie, rodzice wspierają naukę i rozwój."),
        5: _("Dzieci rozwijają się prawidłowo, rodzice aktywnie wspierają ich edukację."),
    },
}


def anchor(area: str, score: int) -> str:
    """The written meaning of `score` in `area` (empty for an unknown pair)."""
    return str(ANCHORS.get(area, {}).get(score, ""))
