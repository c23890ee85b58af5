"""Document services: generating frozen versions, marking them sent, the centre's templates.

Every function takes keyword-only arguments, runs its writes in one transaction, is audited
(django-auditlog: both models are registered) and refuses with a `DocumentError` (a
ValidationError keyed by the argument it is about) that the views show next to the field.
"""

from asysta.documents.services._common import DocumentError
from asysta.documents.services.generation import (
    complete_generation,
    generate_document,
    mark_sent,
    resolve_source,
)
from asysta.documents.services.templates import (
    activate_template,
    active_template,
    upload_template,
    use_default_template,
)

__all__ = [
    "DocumentError",
    "activate_template",
    "active_template",
    "complete_generation",
    "generate_document",
    "mark_sent",
    "resolve_source",
    "upload_template",
    "use_default_template",
]
