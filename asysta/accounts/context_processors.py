from django.conf import settings
from django.http import HttpRequest

from asysta.accounts.models import Role
from asysta.accounts.roles import actor_for


def asysta(request: HttpRequest) -> dict[str, object]:
    """The acting user's roles for navigation, and the session limits for the timeout warning."""
    user = getattr(request, "user", None)
    actor = actor_for(user) if user is not None else None
    return {
        "actor": actor,
        "Role": Role,
        "session_idle_seconds": settings.SESSION_IDLE_TIMEOUT,
        "asysta_demo": settings.DEMO,
    }
