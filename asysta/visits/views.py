"""Pages of a family's contacts: the list, a note, the quick contact form, editing, corrections.

Every view starts with the family access helper; a contact is reached through its family (404
otherwise). There is no delete: a saved note is edited (logged) or corrected.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from asysta.audit.services import log_read
from asysta.core.http import AsystaRequest
from asysta.families.access import get_family_for
from asysta.families.models import Family
from asysta.families.views._common import add_errors, form_page
from asysta.visits import plan_link, queries, services
from asysta.visits.forms import ContactFilterForm, ContactForm, CorrectionForm
from asysta.visits.models import Contact

PAGE_SIZE = 25
# The session remembers which browser draft to forget after a successful save.
DRAFT_CLEAR_KEY = "visits_draft_clear"


def get_contact_for(user: Any, pk: int, contact_pk: int, *, write: bool = False) -> Contact:
    """Contact `contact_pk` of family `pk`: 404 unless the user sees the family (and the contact
    is the family's), 403 when `write` and the user may not change the family."""
    family = get_family_for(user, pk, write=write)
    contact = (
        family.contacts.select_related("assistant", "safety_alert__acknowledged_by")
        .filter(pk=contact_pk)
        .first()
    )
    if contact is None:
        raise Http404
    contact.family = family
    return contact


def draft_key(family: Family, user: Any, contact: Contact | None = None) -> str:
    """The browser-side draft of this form: one per family, user and note (or new note)."""
    return f"contact:{family.pk}:{user.pk}:{contact.pk if contact else 'new'}"


def _nka_message(contact: Contact) -> str:
    """What the NK-A action did to the family's Niebieska Karta, for the success message."""
    nka = services.nka_on_blue_card(contact)
    if nka is None:
        return ""
    card = nka.card
    dates = {
        "filled": f"{card.nka_filled_on:%d.%m.%Y}" if card.nka_filled_on else "",
        "due": f"{card.dispatch_due_on:%d.%m.%Y}" if card.dispatch_due_on else "",
        "ended": f"{card.ended_on:%d.%m.%Y}" if card.ended_on else "",
    }
    if nka.started:
        text = _(
            "Wszczęto procedurę „Niebieskie Karty” i zapisano w niej wypełnienie formularza "
            "NK-A (%(filled)s). Termin przekazania formularza zespołowi interdyscyplinarnemu: "
            "%(due)s."
        )
    elif nka.recorded:
        text = _(
            "W procedurze „Niebieskie Karty” zapisano wypełnienie formularza NK-A (%(filled)s). "
            "Termin przekazania formularza zespołowi interdyscyplinarnemu: %(due)s."
        )
    elif card.ended_on is not None:
        text = _(
            "Formularza NK-A nie zapisano w Niebieskiej Karcie: kontakt jest wcześniejszy niż "
            "zakończenie procedury (%(ended)s). W razie potrzeby popraw jej dane na karcie rodziny."
        )
    else:
        text = _(
            "Trwająca procedura „Niebieskie Karty” ma już zapisane wypełnienie formularza NK-A "
            "(%(filled)s) — nie zmieniono go."
        )
    return " " + text % dates


def _saved(request: AsystaRequest, contact: Contact, key: str, message: str) -> HttpResponse:
    request.session[DRAFT_CLEAR_KEY] = key
    messages.success(request, message + _nka_message(contact))
    return redirect("visits:contact_detail", pk=contact.family_id, contact_pk=contact.pk)


def contact_list(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    form = ContactFilterForm(request.GET or None)
    contacts = queries.contacts_of(family)
    if form.is_valid():
        contacts = form.filter(contacts)
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    context = {
        "family": family,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_record": services.may_record(request.user, family),
    }
    template = "visits/contact_list.html#results" if request.htmx else "visits/contact_list.html"
    return render(request, template, context)


def contact_detail(request: AsystaRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = get_contact_for(request.user, pk, contact_pk)
    log_read(user=request.user, obj=contact, section="contact", request=request)
    context = {
        "family": contact.family,
        "contact": contact,
        "members": list(contact.members_present.all()),
        "corrections": list(contact.corrections.select_related("by")),
        "addressed": plan_link.addressed_actions(contact),
        "may_record": services.may_record(request.user, contact.family),
        "may_edit": services.may_edit(request.user, contact),
        "may_acknowledge": hasattr(contact, "safety_alert")
        and services.may_acknowledge(request.user, contact.safety_alert),
        "draft_clear": request.session.pop(DRAFT_CLEAR_KEY, ""),
    }
    return render(request, "visits/contact_detail.html", context)


def _form_page(request: AsystaRequest, context: dict[str, Any]) -> HttpResponse:
    return form_page(request, "visits/contact_form.html", context)


def contact_create(request: AsystaRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk, write=True)
    instance = Contact(centre_id=family.centre_id, family=family, assistant=request.user)
    form = ContactForm(request.POST or None, instance=instance, family=family)
    progress = plan_link.ProgressForm(request.POST or None, family=family)
    # Both parts are validated (not short-circuited) so every error shows at once.
    if request.method == "POST" and all([form.is_valid(), progress.is_valid()]):
        try:
            contact = services.record_contact(
                family=family, by=request.user, **form.service_data(), **progress.service_data()
            )
        except services.VisitsError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return _saved(request, contact, draft_key(family, request.user), _("Zapisano kontakt."))
    context = {"family": family, "form": form, "progress": progress, "contact": None}
    return _form_page(request, context | {"draft_key": draft_key(family, request.user)})


def contact_edit(request: AsystaRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = get_contact_for(request.user, pk, contact_pk, write=True)
    if not services.may_edit(request.user, contact):
        raise PermissionDenied
    form = ContactForm(request.POST or None, instance=contact, family=contact.family)
    if request.method == "GET":  # the form shows the whole note
        log_read(user=request.user, obj=contact, section="contact", request=request)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact(contact=contact, by=request.user, **form.service_data())
        except services.VisitsError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            key = draft_key(contact.family, request.user, contact)
            return _saved(request, contact, key, _("Zapisano zmiany w notatce."))
    key = draft_key(contact.family, request.user, contact)
    context = {"family": contact.family, "form": form, "contact": contact, "draft_key": key}
    return _form_page(request, context)


def correction_add(request: AsystaRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = get_contact_for(request.user, pk, contact_pk, write=True)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["text"]
            services.add_correction(contact=contact, by=request.user, text=text)
        except services.VisitsError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Dodano korektę notatki."))
            url = reverse("visits:contact_detail", args=[contact.family_id, contact.pk])
            return redirect(f"{url}#korekty")
    context = {"family": contact.family, "contact": contact, "form": form}
    return form_page(request, "visits/correction_form.html", context)
