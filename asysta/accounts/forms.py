from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Login"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Hasło"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Nieprawidłowy login lub hasło. Po kilku nieudanych próbach konto zostanie "
            "czasowo zablokowane."
        ),
        "inactive": _("To konto jest nieaktywne. Skontaktuj się z administratorem ośrodka."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kod z aplikacji lub kod zapasowy"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "").strip()
