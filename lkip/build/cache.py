"""A content-addressed cache of executed chapters, their HTML, laid-out PDF parts and reports.

An entry is stored under the sha256 of everything its result depends on, so a lookup can only
hit when nothing that matters changed: a stale result would need a hash collision. Entries are
written to a temporary folder and renamed into place, so a reader never sees half an entry and
two runs filling the same entry at once cannot corrupt it.

This module imports nothing heavy: a rebuild in which nothing changed is decided and served
from here without loading pandas, papermill or WeasyPrint.
"""

from __future__ import annotations
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from lkip.core.paths import PACKAGE_ROOT, available_years, raw_dir
from lkip.core.sidik import sidik, sidik_json


def cache_dir(root: Path) -> Path:
    """``$LKIP_CACHE``, or ``.cache/lkip`` in the project root: never under ``outputs/``."""
    env = os.environ.get("LKIP_CACHE")
    return Path(env).resolve() if env else root / ".cache" / "lkip"


def bagian_olahan(folder: Path) -> dict[str, str]:
    """Hash of each part of a processed year: ``tabel:<name>`` per CSV, and each laporan.json key.

    A chapter's key uses only the parts it reads, so a change in one table re-executes only the
    chapters that read that table.
    """
    bagian = {f"tabel:{p.stem}": sidik(p.read_bytes()) for p in sorted(folder.glob("*.csv"))}
    meta = json.loads((folder / "laporan.json").read_text(encoding="utf-8"))
    bagian |= {kunci: sidik_json(nilai) for kunci, nilai in meta.items()}
    return bagian


class Cache:
    """Entries of files by kind (``bab``, ``html``, ``pdf``, ``laporan``), keyed by a hash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _entri(self, jenis: str, kunci: str) -> Path:
        return self.folder / jenis / kunci

    def ambil(self, jenis: str, kunci: str, tujuan: Path) -> list[Path] | None:
        """Copy the entry's files into ``tujuan`` (same relative paths); None if there is none."""
        entri = self._entri(jenis, kunci)
        files = sorted(p for p in entri.rglob("*") if p.is_file())
        if not files:
            return None
        hasil = []
        for p in files:
            salinan = tujuan / p.relative_to(entri)
            salinan.parent.mkdir(parents=True, exist_ok=True)
            hasil.append(Path(shutil.copyfile(p, salinan)))
        return hasil

    def simpan(self, jenis: str, kunci: str, berkas: Mapping[str, Path | bytes]) -> None:
        """Store ``berkas`` (relative path -> file or content) as one entry, all or nothing."""
        entri = self._entri(jenis, kunci)
        if entri.is_dir():
            return
        entri.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{kunci[:12]}-", dir=entri.parent))
        try:
            for nama, sumber in berkas.items():
                (tmp / nama).parent.mkdir(parents=True, exist_ok=True)
                if isinstance(sumber, bytes):
                    (tmp / nama).write_bytes(sumber)
                else:
                    shutil.copyfile(sumber, tmp / nama)
            tmp.rename(entri)
        except OSError:
            if not entri.is_dir():  # a concurrent run may have stored the same entry first
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def bersihkan(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
