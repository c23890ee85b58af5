from django.core.management.base import BaseCommand

from asysta.core import demo


class Command(BaseCommand):
    help = "Wczytuje ośrodek demonstracyjny (bez zmian, jeśli istnieje; --reset: od nowa)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="usuń i wczytaj ponownie")

    def handle(self, *args, reset: bool = False, **options):
        if reset:
            demo.remove_demo()
        if demo.demo_exists():
            self.stdout.write(
                "Ośrodek demonstracyjny już istnieje (użyj --reset, aby go odtworzyć)."
            )
        else:
            demo.load_demo()
            self.stdout.write(self.style.SUCCESS("Wczytano ośrodek demonstracyjny."))
        self.stdout.write(demo.logins_text())
