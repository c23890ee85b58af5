"""What WeasyPrint may read while it makes a PDF: the product's own static files and the centre's
logo, nothing else.

The HTML of a document is rendered with the base URL `ASSET_BASE`, a name that cannot resolve
(`.invalid` is reserved). Every URL WeasyPrint asks for goes through `StaticOnlyFetcher.fetch`,
which answers only `ASSET_BASE + STATIC_URL + <a static file>` and `LOGO_URL`; anything else
(file://, http(s)://, data:, another host, a path that climbs out of the static directories) is
refused without opening it. WeasyPrint then leaves the image or font out and goes on.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSET_BASE = "https://asysta.invalid/"
LOGO_URL = ASSET_BASE + "letterhead/logo"


class RefusedURL(ValueError):
    """WeasyPrint asked for something outside the product's static files."""


def _static_prefix() -> str:
    return ASSET_BASE + settings.STATIC_URL.lstrip("/")


def static_path(url: str) -> Path | None:
    """The static file behind `url`, or None when `url` is not one of ours."""
    prefix = _static_prefix()
    split = urlsplit(url)
    if not url.startswith(prefix) or split.query or split.fragment:
        return None
    relative = unquote(url[len(prefix) :])
    normal = posixpath.normpath(relative)
    if normal != relative or normal.startswith(("/", "..")) or "\\" in normal or "\x00" in normal:
        return None
    found = finders.find(normal)
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / normal
        found = str(candidate) if candidate.is_file() else None
    if isinstance(found, list):  # finders.find(all=True) only; kept for the type checker
        found = found[0] if found else None
    return Path(found) if found else None


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves static files and the logo and refuses the rest.

    `served` and `refused` list the URLs asked for, so a test can see that nothing else was
    read.
    """

    def __init__(self, *, logo: bytes | None = None) -> None:
        super().__init__(timeout=1, allowed_protocols=["https"], allow_redirects=False)
        self._logo = logo
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url == LOGO_URL and self._logo:
            self.served.append(url)
            return URLFetcherResponse(url, self._logo, {"Content-Type": _image_type(self._logo)})
        path = static_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"not a static file of the product: {url[:200]}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def _image_type(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    return "application/octet-stream"
