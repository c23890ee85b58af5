"""On PostgreSQL the database itself refuses overlapping assessment periods of one family.

An exclusion constraint over (family, daterange(period_from, period_to, '[]')) needs btree_gist
for the equality on the family. SQLite has no such constraint: there the service's check (under
a row lock on the family) is the only guard, as it is the first guard everywhere.
"""

import logging

from django.db import migrations, transaction

log = logging.getLogger(__name__)

TABLE = "assessments_periodicassessment"
NAME = "assessment_periods_do_not_overlap"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
            schema_editor.execute(
                f"ALTER TABLE {TABLE} ADD CONSTRAINT {NAME} EXCLUDE USING gist "
                "(family_id WITH =, daterange(period_from, period_to, '[]') WITH &&)"
            )
    except Exception:  # no rights to create the extension: the service check still applies
        log.warning("btree_gist is not available; assessment overlap is checked by the service")


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_diagnosis_assessments_meetings")]
    atomic = False

    operations = [migrations.RunPython(add_exclusion, drop_exclusion)]
