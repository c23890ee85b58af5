"""Converting a DOCX with headless LibreOffice (to ODT, and to PDF/A in the centre's layout).

LibreOffice is optional: without it Asysta makes DOCX and (WeasyPrint) PDF, and the pages hide
the ODT option and say why. Each conversion runs in its own temporary profile
(`-env:UserInstallation`), so parallel conversions (the worker next to the web server) do not
fight over one profile and nothing of a user's desktop LibreOffice is touched; a hung conversion
is killed after `ASYSTA_LIBREOFFICE_TIMEOUT` seconds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

# PDF/A-2b (SelectPdfVersion 2) from LibreOffice's writer_pdf_Export; JSON options need 7.4+.
PDF_A2_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
TARGETS = {"odt": "odt", "pdf": PDF_A2_FILTER}
DEFAULT_TIMEOUT = 120
CANDIDATES = ("soffice", "libreoffice")

logger = logging.getLogger(__name__)


class ConversionError(Exception):
    """LibreOffice is missing, failed or took too long."""


def soffice_path() -> str | None:
    """The LibreOffice program, from ASYSTA_SOFFICE or the PATH (None: not installed)."""
    configured = getattr(settings, "ASYSTA_SOFFICE", "") or os.environ.get("ASYSTA_SOFFICE", "")
    if configured:
        return configured if shutil.which(configured) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def libreoffice_available() -> bool:
    return soffice_path() is not None


def unavailable_reason() -> str:
    return _(
        "Format ODT wymaga programu LibreOffice na serwerze, a nie jest on zainstalowany "
        "(administrator: pakiet libreoffice-writer-nogui, zob. podręcznik administratora)."
    )


def convert(docx: bytes, *, to: str) -> bytes:
    """`docx` converted to `to` ("odt" or "pdf" — PDF/A-2b)."""
    program = soffice_path()
    if program is None:
        raise ConversionError(unavailable_reason())
    target = TARGETS[to]
    timeout = int(getattr(settings, "ASYSTA_LIBREOFFICE_TIMEOUT", DEFAULT_TIMEOUT))
    with tempfile.TemporaryDirectory(prefix="asysta-lo-") as work:
        root = Path(work)
        source = root / "document.docx"
        source.write_bytes(docx)
        profile = (root / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(root / "out"),
            str(source),
        ]
        env = {**os.environ, "HOME": work, "SAL_USE_VCLPLUGIN": "svp"}
        returncode, stderr = _run(command, env=env, timeout=timeout)
        produced = root / "out" / f"document.{to}"
        if returncode != 0 or not produced.is_file():
            # LibreOffice's own words (English, with server paths) go to the log only.
            logger.warning(
                "LibreOffice conversion to %s failed (%s): %s",
                to,
                returncode,
                stderr.decode("utf-8", "replace").strip()[-300:],
            )
            raise ConversionError(
                _(
                    "LibreOffice nie przekonwertował dokumentu. Spróbuj formatu DOCX albo PDF; "
                    "jeśli to się powtarza, zgłoś to administratorowi."
                )
            )
        return produced.read_bytes()


def _run(command: list[str], *, env: dict[str, str], timeout: int) -> tuple[int, bytes]:
    """Run LibreOffice in its own process group, so a timeout kills soffice.bin too (the
    `soffice` launcher is a shell script that starts it as a child)."""
    process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        _out, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ConversionError(
            _("LibreOffice nie skończył konwersji w ciągu %(s)s s.") % {"s": timeout}
        ) from exc
    return process.returncode, stderr
