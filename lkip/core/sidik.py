"""Fingerprints (sha256) of bytes, JSON values, folders, the raw inputs and the lkip sources.

One place for every hash the cache keys, the report model and the manifest use, so they
agree on what "the same input" means.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from lkip.core.paths import PACKAGE_ROOT, raw_dir, tahun_tersedia

LKIP_DIR = PACKAGE_ROOT / "lkip"


def sidik(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sidik_json(obj: object) -> str:
    """Hash of a JSON-able value, independent of dict order."""
    return sidik(json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode())


def sidik_berkas(folder: Path, pola: Iterable[str] = ("**/*",)) -> dict[str, str]:
    """sha256 of every file matching ``pola`` below ``folder``, by relative path."""
    paths = {p for pat in pola for p in folder.glob(pat) if p.is_file()}
    return {
        p.relative_to(folder).as_posix(): sidik(p.read_bytes())
        for p in sorted(paths)
        if "__pycache__" not in p.parts
    }


def sidik_mentah(tahun: int, root: Path | None = None) -> dict[str, str]:
    """sha256 of every raw file a report for ``tahun`` can read (its year and earlier years)."""
    base = raw_dir(root)
    return {
        f"{t}/{rel}": h
        for t in tahun_tersedia(root)
        if t <= tahun
        for rel, h in sidik_berkas(base / str(t)).items()
    }


def sidik_kode(template: bool = False) -> str:
    """Hash of the lkip sources (and, for assembly, of the report template and stylesheet)."""
    pola = (
        ["**/*.py", "**/*.yaml", "build/templates/**/*"] if template else ["**/*.py", "**/*.yaml"]
    )
    return sidik_json(sidik_berkas(LKIP_DIR, pola))
