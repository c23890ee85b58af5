"""Sign-in security outside the sign-in flow: the admin site, the administrator's lack of case
data, password storage and strength, the art. 17 role rule and log redaction.

The lockout, second factor and session limits have their own modules (test_lockout.py,
test_mfa.py, test_sessions.py).
"""

from __future__ import annotations

import io
import logging
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.forms import MultiWidget
from django.test import RequestFactory
from django.urls import reverse

from asysta.accounts.admin import site
from asysta.accounts.models import Membership, Role
from asysta.accounts.services import RoleConflict, grant_role
from asysta.core import testing
from asysta.core.logging import RedactFilter
from asysta.core.testing import TEST_PASSWORD

ADMIN_INDEX = reverse("admin:index")
USER_LIST = reverse("admin:accounts_user_changelist")
PESEL = "44051401458"

# --- the admin site -----------------------------------------------------------------------------


def test_administrator_past_the_second_factor_manages_accounts(people, login):
    client = login(people.adam)
    assert client.get(ADMIN_INDEX).status_code == 200
    response = client.get(USER_LIST)
    assert response.status_code == 200
    assert "anna" in response.content.decode()


def test_administrator_can_open_a_colleagues_account(people, login):
    client = login(people.adam)
    url = reverse("admin:accounts_user_change", args=[people.anna.pk])
    assert client.get(url).status_code == 200


def test_administrator_without_the_second_factor_is_not_let_in(client, people):
    client.force_login(people.adam)  # password only
    for url in (ADMIN_INDEX, USER_LIST):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:mfa_setup")), url


def test_admin_site_itself_requires_the_second_factor(people):
    # Defence in depth: even if the MFA middleware were removed, the site says no.
    request = RequestFactory().get(ADMIN_INDEX)
    request.user = people.adam  # User.is_verified() is False outside django-otp's middleware
    assert site.has_permission(request) is False


def test_head_is_not_let_in_even_as_staff(people, login):
    people.dorota.is_staff = True
    people.dorota.save()
    client = login(people.dorota)
    response = client.get(ADMIN_INDEX, follow=True)
    # A clear refusal, not a redirect to a sign-in page she is already past (a loop).
    assert response.status_code == 403
    assert client.get(USER_LIST).status_code != 200


def test_anonymous_visitor_is_sent_to_our_sign_in_page(client, db):
    response = client.get(ADMIN_INDEX, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert response.status_code == 200


def test_administrator_reaches_the_admin_through_the_sign_in_pages(client, people):
    # The whole journey from a bookmark: sign-in page, second factor, back to the admin.
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=people.adam, name="Telefon", confirmed=True)
    login_page = client.get(ADMIN_INDEX, follow=True).redirect_chain[-1][0]
    response = client.post(login_page, {"username": "adam", "password": TEST_PASSWORD}, follow=True)
    verify_page = response.redirect_chain[-1][0]
    assert verify_page.startswith(reverse("accounts:mfa_verify"))
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    response = client.post(verify_page, {"token": code}, follow=True)
    assert response.redirect_chain[-1][0] == ADMIN_INDEX
    assert response.status_code == 200


def test_administrator_manages_only_their_own_centre(people, login):
    client = login(people.adam)
    listing = client.get(USER_LIST).content.decode()
    assert "anna" in listing
    assert "zofia" not in listing
    other = client.get(reverse("admin:accounts_user_change", args=[people.zofia.pk]))
    assert other.status_code != 200
    centres = client.get(reverse("admin:core_centre_changelist")).content.decode()
    assert people.centre.name in centres
    assert people.centre_b.name not in centres


def test_administrator_deletes_nothing(people, login):
    # Accounts are switched off (is_active), so audit rows and case records keep their author.
    client = login(people.adam)
    response = client.post(reverse("admin:accounts_user_delete", args=[people.bartek.pk]))
    assert response.status_code == 403
    assert type(people.bartek).objects.filter(pk=people.bartek.pk).exists()


def test_admin_site_registers_no_case_model():
    case_apps = {"families", "intake"}
    registered = {model._meta.app_label for model in site._registry}
    assert registered, "the registry is empty: the check below would prove nothing"
    assert not registered & case_apps
    for label in case_apps:
        for model in apps.get_app_config(label).get_models():
            assert model not in site._registry, model


# --- the administrator and case data ------------------------------------------------------------


def test_administrator_gets_no_case_pages(people, family, login):
    client = login(people.adam)
    assert client.get(reverse("families:list")).status_code == 403
    assert client.get(reverse("families:detail", kwargs={"pk": family.pk})).status_code == 403


def test_administrator_sees_no_family(people, family):
    from asysta.families.models import Family

    assert Family.objects.filter(pk=family.pk).exists()
    assert not Family.objects.visible_to(people.adam).exists()


# --- passwords ----------------------------------------------------------------------------------


def test_production_hasher_is_argon2():
    # conftest swaps in MD5 for speed through the settings fixture; read the module itself.
    import asysta.settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0].endswith(".Argon2PasswordHasher")


def test_argon2_is_usable():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("Dlugie-haslo-2025", hasher.salt())
    assert encoded.startswith("argon2$")
    assert hasher.verify("Dlugie-haslo-2025", encoded)


@pytest.mark.parametrize("password", ["Kr0tk1e-has", "password1234"], ids=["11-chars", "common"])
def test_weak_passwords_are_rejected(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_long_strong_password_is_accepted():
    assert validate_password("Zielony-Rower-2025!") is None


# --- art. 17: an assistant is not a social worker -----------------------------------------------


@pytest.mark.parametrize(
    ("user_name", "new_role"),
    [("anna", Role.SOCIAL_WORKER), ("edward", Role.ASSISTANT)],
    ids=["assistant-to-social-worker", "social-worker-to-assistant"],
)
def test_grant_role_refuses_the_art_17_combination(people, user_name, new_role):
    user = getattr(people, user_name)
    with pytest.raises(RoleConflict, match=r"art\. 17"):
        grant_role(user=user, centre=people.centre, role=new_role)
    assert not Membership.objects.filter(user=user, role=new_role).exists()


def test_grant_role_refuses_a_second_centre(people):
    with pytest.raises(RoleConflict, match="innym ośrodku"):
        grant_role(user=people.anna, centre=people.centre_b, role=Role.HEAD)


def test_grant_role_allows_compatible_roles(people):
    grant_role(user=people.celina, centre=people.centre, role=Role.ASSISTANT)
    assert Membership.objects.filter(user=people.celina, role=Role.ASSISTANT).exists()


def _form_data(form) -> dict[str, object]:
    """What the browser would post back for `form` as rendered (its current values)."""
    data: dict[str, object] = {}
    for bound in form:
        value, widget = bound.value(), bound.field.widget
        if bound.field.disabled:
            continue
        if isinstance(widget, MultiWidget):  # e.g. date and time of date_joined
            for index, part in enumerate(widget.decompress(value) or []):
                data[f"{bound.html_name}_{index}"] = "" if part is None else part
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif value is not None:
            data[bound.html_name] = value
    return data


def _post_roles(client, user, new_roles: list[str], centre):
    """Post the admin's change page of `user` unchanged, plus one new inline row per role."""
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url).context
    formset = page["inline_admin_formsets"][0].formset
    data = {**_form_data(page["adminform"].form), **_form_data(formset.management_form)}
    for form in formset.forms[: formset.initial_form_count()]:
        data.update(_form_data(form))
    start = formset.initial_form_count()
    for index, role in enumerate(new_roles, start=start):
        row = f"{formset.prefix}-{index}"
        data.update({f"{row}-centre": centre.pk, f"{row}-role": role, f"{row}-fte": "1.00"})
        data[f"{row}-employment_form"] = "employment_contract"  # the select's preselected default
        data[f"{row}-is_active"] = "on"
    data[f"{formset.prefix}-TOTAL_FORMS"] = start + len(new_roles)
    data["_save"] = "Zapisz"
    return client.post(url, data)


def _role_errors(response) -> str:
    formset = response.context["inline_admin_formsets"][0].formset
    return " ".join(str(form.errors.get("role", "")) for form in formset.forms)


def test_admin_form_saves_a_compatible_role(people, login):
    # The control for the two tests below: the same post with an allowed role is saved.
    response = _post_roles(login(people.adam), people.celina, [Role.ASSISTANT], people.centre)
    assert response.status_code == 302
    assert Membership.objects.filter(user=people.celina, role=Role.ASSISTANT).exists()


def test_admin_form_shows_the_art_17_error_next_to_the_role(people, login):
    client = login(people.adam)
    response = _post_roles(client, people.anna, [Role.SOCIAL_WORKER], people.centre)
    assert response.status_code == 200
    assert "art. 17" in _role_errors(response)
    assert not Membership.objects.filter(user=people.anna, role=Role.SOCIAL_WORKER).exists()


def test_admin_form_refuses_both_roles_added_at_once(people, login):
    # Each new row alone is fine against the database; together they break the rule.
    client = login(people.adam)
    newcomer = type(people.anna).objects.create_user("nowa", password=TEST_PASSWORD)
    roles = [Role.ASSISTANT, Role.SOCIAL_WORKER]
    response = _post_roles(client, newcomer, roles, people.centre)
    assert response.status_code == 200
    assert "art. 17" in _role_errors(response)
    assert not Membership.objects.filter(user=newcomer).exists()


def test_admin_form_offers_only_the_administrators_centre(people, login):
    response = _post_roles(login(people.adam), people.celina, [Role.ASSISTANT], people.centre_b)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=people.celina, centre=people.centre_b).exists()


# --- log redaction -----------------------------------------------------------------------------


@pytest.fixture
def log_output():
    """The text the configured console handler (settings.LOGGING) writes."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactFilter) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.parametrize(
    ("message", "args", "secret"),
    [
        ("Nie znaleziono osoby o numerze PESEL %s", (PESEL,), PESEL),
        ("Wyszukiwanie: %s", (f"q={PESEL}&strona=2",), PESEL),
        ("Błąd logowania: %s", ("password=secret",), "secret"),
        ("Nieudane logowanie: hasło: %s", ("Tajne-123",), "Tajne-123"),
    ],
    ids=["pesel", "pesel-in-url", "password", "haslo"],
)
def test_log_records_are_redacted(log_output, message, args, secret):
    logging.getLogger("asysta.test").warning(message, *args)
    written = log_output.getvalue()
    assert written, "nothing reached the handler: the check below would prove nothing"
    assert secret not in written


def test_exception_text_in_logs_is_redacted(log_output):
    try:
        raise ValueError(f"Nieprawidłowy PESEL {PESEL}")
    except ValueError:
        logging.getLogger("asysta.test").exception("Import nie powiódł się")
    written = log_output.getvalue()
    assert "ValueError" in written
    assert PESEL not in written


def test_case_numbers_and_dates_are_not_masked(log_output):
    # Only 11 digits standing alone look like a PESEL; a 12-digit number or a date stays.
    logging.getLogger("asysta.test").warning("Sprawa AR.0001.2025 z 01.02.2025, nr 123456789012")
    assert "AR.0001.2025 z 01.02.2025, nr 123456789012" in log_output.getvalue()


def test_administrator_resets_a_lost_second_factor(people, login):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from asysta.accounts.services import new_recovery_codes

    TOTPDevice.objects.create(user=people.anna, name="telefon", confirmed=True)
    new_recovery_codes(user=people.anna)
    client = login(people.adam)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [people.anna.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=people.anna).exists()
    assert not StaticDevice.objects.filter(user=people.anna).exists()
    assert TOTPDevice.objects.filter(user=people.adam).exists()  # only the selected account


def test_administrator_records_an_fte_change_for_own_centre_only(people, login):
    from asysta.accounts.models import FtePeriod, Membership

    client = login(people.adam)
    own = Membership.objects.get(user=people.anna, role="assistant")
    response = client.post(
        reverse("admin:accounts_fteperiod_add"),
        {"membership": own.pk, "fte": "0.50", "valid_from": "01.07.2025"},
    )
    assert response.status_code == 302
    assert FtePeriod.objects.get(membership=own).fte == Decimal("0.50")
    other = testing.make_user("obcy", centre=people.centre_b, roles=["assistant"])
    foreign = Membership.objects.get(user=other)
    response = client.post(
        reverse("admin:accounts_fteperiod_add"),
        {"membership": foreign.pk, "fte": "0.50", "valid_from": "01.07.2025"},
    )
    assert response.status_code == 200  # the form refuses another centre's assistant
    assert not FtePeriod.objects.filter(membership=foreign).exists()
