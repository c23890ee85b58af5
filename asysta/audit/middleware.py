from auditlog.middleware import AuditlogMiddleware

from asysta.core.http import client_ip


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's actor/address context, with our proxy-aware client address."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)
