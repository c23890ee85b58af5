"""`python -m bench.city --preset L`: build a benchmark preset, or reuse the database's build.

Options: --database-url (default BENCH_DATABASE_URL, else PostgreSQL asysta_bench_l / _xl for
L / XL and a temporary SQLite file for S), --rebuild (drop the database and build again),
--validate N (run N random rows of each model through full_clean), --terc (print the first
centre's TERC). A stale build of the same preset (an older generator) is built again; a database
holding anything else is left alone unless --rebuild.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.city import database  # noqa: E402
from bench.city.presets import PRESETS, terc_of  # noqa: E402


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.city", description=__doc__)
    parser.add_argument("--preset", choices=sorted(PRESETS), default="L")
    parser.add_argument("--database-url")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--validate", type=int, default=0, metavar="N")
    parser.add_argument("--terc", action="store_true")
    return parser.parse_args()


def _recreate(url: str) -> None:
    """Drop and create the database again (our own bench database: it has the marker)."""
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    database.prepare(url, rebuild=True)
    call_command("migrate", verbosity=0)


def main() -> int:
    args = _arguments()
    preset = PRESETS[args.preset]
    if args.terc:
        print(terc_of(preset, 0))
        return 0
    url = args.database_url or database.default_url(preset.name)
    database.prepare(url, rebuild=args.rebuild)
    database.setup_django(url)
    from django.core.management import call_command
    from django.utils import timezone

    from bench.city import build, summary, validate

    call_command("migrate", verbosity=0)
    centres = None if args.rebuild else build.existing(preset)
    if centres is not None:
        found = build.marker(preset) or {}
        took = found.get("seconds") or 0
        print(f"reusing {preset.name} built {found.get('built_at')} in {took:.0f} s")
        summary.report(centres, timezone.localdate())
    else:
        if build.holds_other_data():
            if build.presets_built() != [preset.name]:
                print("The database holds other data (not a build of this preset): nothing done.")
                print("Use --rebuild to drop it and build the preset there.")
                return 2
            print(f"The database holds an older build of {preset.name}: building it again.")
            _recreate(url)
        centres = build.build(preset)
    print(f"database: {url.rsplit('@', 1)[-1]}; centres: {', '.join(c.terc for c in centres)}")
    if args.validate and validate.sample(build.ORDER, centres, args.validate):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
