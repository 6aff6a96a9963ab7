"""Where the project keeps its data and outputs.

Every path derives from one root so that tests and analysts can point the whole pipeline at
another folder (``LKIP_ROOT``) without touching code.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
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


def tahun_terakhir(root: Path | None = None) -> int:
    """The latest year with a folder in ``data/raw/``: what every command renders by default.

    A folder of data/raw that is not a year ("2O23" typed with a letter O) stops it: silently
    taking the latest proper year would render last year's report.
    """
    aneh = odd_folders(root)
    if aneh:
        daftar = ", ".join(f"data/raw/{n}" for n in aneh)
        raise FileNotFoundError(
            f"{daftar} bukan folder tahun (harus empat angka, misalnya 2024): ganti namanya, "
            "atau sebutkan tahunnya (make report YEAR=2024)."
        )
    tahun_ada = available_years(root)
    if not tahun_ada:
        raise FileNotFoundError("Belum ada folder tahun di data/raw/ (misalnya data/raw/2023/).")
    return tahun_ada[-1]


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
        shutil.rmtree(lama, ignore_errors=True)
