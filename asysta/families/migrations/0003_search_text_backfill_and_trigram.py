"""Fill the search column of existing families; on PostgreSQL add a trigram index for it."""

import logging

from django.db import migrations, transaction

log = logging.getLogger(__name__)


def backfill(apps, schema_editor):
    from asysta.core.text import normalize

    Family = apps.get_model("families", "Family")
    Member = apps.get_model("families", "Member")
    for family in Family.objects.all().iterator():
        names = Member.objects.filter(family=family).values_list("first_name", "last_name")
        parts = [
            family.surname,
            family.case_number,
            family.street,
            family.building,
            family.locality,
        ] + [f"{first} {last}" for first, last in names]
        family.search_text = normalize(" ".join(p for p in parts if p))[:1000]
        family.save(update_fields=["search_text"])


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS family_search_trgm ON families_family "
                "USING gin (search_text gin_trgm_ops)"
            )
    except Exception:  # no rights to create the extension: search still works, only slower
        log.warning("pg_trgm is not available; family search runs without a trigram index")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS family_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("families", "0002_family_record_basis_placements_problems_blue_card")]
    atomic = False

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
