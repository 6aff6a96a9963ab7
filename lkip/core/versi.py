"""Versions of what shapes the output: Python, key packages, the lock file, the system fonts.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from importlib import metadata

from lkip.core.paths import PACKAGE_ROOT
from lkip.core.sidik import sidik

LOCK_FILE = PACKAGE_ROOT / "requirements.lock"


DEPENDENCIES = (
    "pandas",
    "numpy",
    "matplotlib",
    "babel",
    "pandera",
    "pyyaml",
    "mistune",
    "markupsafe",
    "jinja2",
    "beautifulsoup4",
    "nbformat",
    "nbconvert",
    "nbclient",
    "papermill",
    "ipykernel",
    "weasyprint",
    "pypdf",
    "pikepdf",
    "openpyxl",
    "python-docx",
    "cairosvg",
)


def versi_paket(nama: Iterable[str]) -> dict[str, str | None]:
    """Installed version of each package (None when it is not installed)."""
    versi: dict[str, str | None] = {}
    for n in nama:
        try:
            versi[n] = metadata.version(n)
        except metadata.PackageNotFoundError:
            versi[n] = None
    return versi


def versi_dependensi() -> dict[str, str | None]:
    """Versions of Python and of the packages that shape the output, the lock file, the fonts."""
    versi: dict[str, str | None] = {"python": sys.version, **versi_paket(DEPENDENCIES)}
    if LOCK_FILE.exists():
        versi["requirements.lock"] = sidik(LOCK_FILE.read_bytes())
    versi["huruf"] = sidik_huruf()
    return versi


def sidik_huruf() -> str:
    """Hash of the system fonts WeasyPrint may use (file and version, as fontconfig lists them).

    An updated font changes the PDF's layout while no Python package changes. "-" when
    fontconfig's ``fc-list`` is not installed and the fonts cannot be listed.
    """
    try:
        daftar = subprocess.run(
            ["fc-list", "--format", "%{file}|%{fontversion}\n"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "-"
    return sidik("\n".join(sorted(daftar.splitlines())).encode())
