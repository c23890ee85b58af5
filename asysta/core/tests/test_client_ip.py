import pytest
from django.test import RequestFactory

from asysta.core.http import client_ip


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.1"),  # no proxy: the header is anyone's to forge
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # nginx appended the real client
        (1, "", "10.0.0.1"),
        (2, "203.0.113.7, 192.0.2.1", "203.0.113.7"),
        (2, "192.0.2.1", "10.0.0.1"),  # fewer hops than trusted proxies: do not guess
    ],
)
def test_client_ip_trusts_exactly_the_configured_proxies(settings, count, forwarded, expected):
    settings.ASYSTA_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
