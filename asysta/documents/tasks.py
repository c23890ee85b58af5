"""Background work of the documents app (django-tasks; the database backend's worker runs it,
`manage.py db_worker`; tests use the immediate backend)."""

from __future__ import annotations

from django_tasks import task


@task()
def generate_pending_document(document_id: int) -> None:
    """Make a document that `generate_document` left pending (a heavy one)."""
    from asysta.documents.services import complete_generation

    complete_generation(document_id=document_id)
