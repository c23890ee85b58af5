"""Importing a centre's caseload from a spreadsheet (XLSX or CSV), all or nothing.

`columns` describes the format (and builds the downloadable template), `reader` turns a file
into rows of text, `validate` checks every row and plans what to create, `load` writes the plan
through the real services in one transaction. `run_import` ties them together for the upload
page and the `import_families` command.
"""

from asysta.intake.importer.load import ImportOutcome, run_import

__all__ = ["ImportOutcome", "run_import"]
