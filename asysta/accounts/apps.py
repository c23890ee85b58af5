from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "asysta.accounts"
    label = "accounts"
    verbose_name = "Konta i role"
