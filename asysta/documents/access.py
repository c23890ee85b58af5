"""Who may see, generate and send documents, and manage the centre's templates.

A family's document is part of the family's record: whoever may read the family may read its
documents (`families.access`); whoever may change the family (its assistant, the coordinator,
the head) may generate and mark them sent. A document without a family (the assistant's monthly
work card) is seen and made only by that assistant, the coordinator and the head of their centre.
The centre's own templates are the head's and the administrator's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from asysta.accounts.models import Membership, Role
from asysta.accounts.roles import actor_for
from asysta.documents.models import DocumentTemplate, GeneratedDocument
from asysta.families.access import can_write, get_family_for
from asysta.families.models import Family

TEMPLATE_ROLES = (Role.HEAD, Role.ADMIN)
OWN_DOCUMENT_MANAGERS = (Role.HEAD, Role.COORDINATOR)


def documents_visible_to(user: Any) -> Any:
    """The documents the user may read: their families' documents, and the documents without
    a family that are theirs (assistant) or their centre's (coordinator, head)."""
    actor = actor_for(user)
    if actor.centre_id is None:
        return GeneratedDocument.objects.none()
    families = Family.objects.visible_to(user).values("pk")
    own = Q(family__isnull=True, owner=user)
    if actor.has(*OWN_DOCUMENT_MANAGERS):
        own = Q(family__isnull=True)
    return GeneratedDocument.objects.filter(centre_id=actor.centre_id).filter(
        Q(family__in=families) | own
    )


def may_see_own_document(user: Any, *, owner_id: int, centre_id: int) -> bool:
    actor = actor_for(user)
    if actor.centre_id != centre_id:
        return False
    return owner_id == user.pk or actor.has(*OWN_DOCUMENT_MANAGERS)


def get_document_for(user: Any, pk: int, *, write: bool = False) -> GeneratedDocument:
    """The document `pk`: 404 when the user may not see it, 403 when `write` and they may
    read but not change it (a family's document, through the family's access helper)."""
    document = (
        GeneratedDocument.objects.select_related("family", "generated_by", "template", "owner")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    if document.family_id is not None:
        document.family = get_family_for(user, document.family_id, write=write)
        return document
    assert document.owner_id is not None  # a document has a family or an owner (constraint)
    if not may_see_own_document(user, owner_id=document.owner_id, centre_id=document.centre_id):
        raise Http404
    return document


def can_generate_for_family(user: Any, family: Family | None) -> bool:
    return family is not None and can_write(user, family)


def can_generate_for_owner(user: Any, owner: Any) -> bool:
    """An assistant for themselves; the head or the coordinator for an assistant of their
    centre."""
    actor = actor_for(user)
    if actor.centre_id is None:
        return False
    if owner.pk == user.pk:
        return actor.has(Role.ASSISTANT, *OWN_DOCUMENT_MANAGERS)
    if not actor.has(*OWN_DOCUMENT_MANAGERS):
        return False
    return Membership.objects.filter(user=owner, centre_id=actor.centre_id, is_active=True).exists()


def manages_templates(user: Any) -> bool:
    return actor_for(user).has(*TEMPLATE_ROLES)


def get_template_for(user: Any, pk: int) -> DocumentTemplate:
    """A template version of the user's centre (head, administrator), else 404."""
    actor = actor_for(user)
    if actor.centre_id is None or not actor.has(*TEMPLATE_ROLES):
        raise Http404
    found = (
        DocumentTemplate.objects.select_related("uploaded_by")
        .filter(pk=pk, centre_id=actor.centre_id)
        .first()
    )
    if found is None:
        raise Http404
    return found
