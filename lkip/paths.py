"""Where the project keeps its data and outputs.

Every path derives from one root so that tests and analysts can point the whole pipeline at
another folder (``LKIP_ROOT``) without touching code.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
YEAR_PATTERN = re.compile(r"^\d{4}$")


def project_root() -> Path:
    """The folder holding ``data/`` and ``outputs/``: ``$LKIP_ROOT`` or the checkout."""
    return Path(os.environ.get("LKIP_ROOT", PACKAGE_ROOT)).resolve()


def raw_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "raw"


def raw_year_dir(year: int, root: Path | None = None) -> Path:
    return raw_dir(root) / str(year)


def processed_dir(year: int, root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "processed" / str(year)


def outputs_dir(year: int, root: Path | None = None) -> Path:
    return (root or project_root()) / "outputs" / str(year)


def notebooks_dir() -> Path:
    return PACKAGE_ROOT / "notebooks"


def available_years(root: Path | None = None) -> list[int]:
    """Years that have a folder in ``data/raw/``, oldest first."""
    base = raw_dir(root)
    if not base.is_dir():
        return []
    return sorted(int(p.name) for p in base.iterdir() if p.is_dir() and YEAR_PATTERN.match(p.name))


def odd_folders(root: Path | None = None) -> list[str]:
    """Folders in ``data/raw/`` that are not a year ("2O23", "2024 baru"), hidden ones aside."""
    base = raw_dir(root)
    if not base.is_dir():
        return []
    return sorted(
        p.name
        for p in base.iterdir()
        if p.is_dir() and not p.name.startswith(".") and not YEAR_PATTERN.match(p.name)
    )


def ganti_folder(baru: Path, target: Path) -> None:
    """Put the folder ``baru`` in place of ``target``, removing the old one only afterwards.

    Both renames stay on one file system, so a reader sees the old folder or the new one, and a
    run killed between the two renames leaves ``.<name>-lama-<pid>`` for the next run to restore.
    """
    lama = None
    if target.exists():
        lama = target.with_name(f".{target.name}-lama-{os.getpid()}")
        target.rename(lama)
    baru.rename(target)
    if lama is not None:
        hapus(lama)


def hapus(path: Path) -> None:
    """Remove a folder tree, a file or a link, whichever ``path`` is; nothing if absent."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
