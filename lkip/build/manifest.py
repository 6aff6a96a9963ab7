"""Provenance of a rendered report: ``outputs/<year>/manifest.json``.

A reviewer must be able to tell how a report was made (which code, which data, which package
versions) and that the files they received are the ones that were rendered. The manifest records
all of it; the report's last page carries the commit and a short digest of the inputs, so the
printed report points back to its manifest.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from lkip.core.paths import PACKAGE_ROOT, instansi_aktif, raw_dir, relatif
from lkip.core.sidik import sidik_berkas, sidik_mentah
from lkip.core.versi import DEPENDENCIES, versi_paket

NAMA_MANIFEST = "manifest.json"
FORMAT_MANIFEST = 1
# Packages whose version can change a figure, a sentence or the layout of the report: the
# ones the cache keys on, and lkip itself.
PAKET_UTAMA = ("lkip", *DEPENDENCIES)
PANJANG_SIDIK = 12


def sha256_aliran(f: BinaryIO) -> str:
    """sha256 of a file read in blocks (a PDF or a zip entry need not fit in memory twice)."""
    h = hashlib.sha256()
    for blok in iter(lambda: f.read(1 << 20), b""):
        h.update(blok)
    return h.hexdigest()


def sidik_pendek(berkas: Mapping[str, str]) -> str:
    """First 12 hex of the sha256 over ``<sha256>  <path>`` lines sorted by path.

    The lines are what ``sha256sum`` prints, so the digest changes when a file is renamed or
    moved to another year, not only when its bytes change.
    """
    baris = "".join(f"{berkas[p]}  {p}\n" for p in sorted(berkas))
    return hashlib.sha256(baris.encode("utf-8")).hexdigest()[:PANJANG_SIDIK]


@dataclass(frozen=True)
class Asal:
    """Where one run's report comes from, read once per run: the sha256 of every raw input a
    report of ``tahun`` can depend on (by path under the office's ``data/raw/<instansi>/``) and
    the commit of the code.

    The cache key, the report model, the closing page and the manifest all take it from here,
    so the inputs are hashed and git is asked once.
    """

    instansi: str
    tahun: int
    mentah: dict[str, str]
    git: dict[str, Any]
    awalan: str  # the office's raw folder from the project root, "data/raw/panarukan/"

    @classmethod
    def baca(cls, tahun: int, root: Path | None = None) -> Asal:
        awalan = relatif(raw_dir(root), root) + "/"
        return cls(instansi_aktif(root), tahun, sidik_mentah(tahun, root), info_git(), awalan)

    @property
    def masukan(self) -> dict[str, str]:
        """Every raw input keyed by its project path (``data/raw/panarukan/2023/kinerja.csv``)."""
        return {self.awalan + p: h for p, h in self.mentah.items()}


def info_git(folder: Path = PACKAGE_ROOT) -> dict[str, Any]:
    """Commit of the checkout holding the code, and whether it had uncommitted changes.

    Both are None when ``folder`` is not in a git work tree (an installed package, an export)
    or git is not installed: the manifest then says so instead of failing the render.
    """
    try:
        commit = _git(folder, "rev-parse", "HEAD")
        status = _git(folder, "status", "--porcelain")
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "ada_perubahan": None}
    return {"commit": commit.strip(), "ada_perubahan": bool(status.strip())}


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, text=True
    ).stdout


def versi_paket_utama() -> dict[str, str | None]:
    """Installed version of lkip and each package that shapes the report (None if absent)."""
    return versi_paket(PAKET_UTAMA)


def keluaran(folder: Path) -> dict[str, str]:
    """sha256 of every output file below ``folder`` except the manifest itself."""
    return {p: h for p, h in sidik_berkas(folder).items() if p != NAMA_MANIFEST}


def buat_manifest(asal: Asal, folder: Path, parameter: Mapping[str, Any]) -> dict[str, Any]:
    """The manifest of the outputs in ``folder``; call it after every output is written."""
    return {
        "format": FORMAT_MANIFEST,
        "tahun": asal.tahun,
        "parameter": dict(parameter),
        "dibuat": datetime.now().astimezone().isoformat(timespec="seconds"),
        "git": asal.git,
        "python": platform.python_version(),
        "paket": versi_paket_utama(),
        "sidik_masukan": sidik_pendek(asal.masukan),
        "masukan": asal.masukan,
        "keluaran": keluaran(folder),
    }


def tulis_manifest(asal: Asal, folder: Path, parameter: Mapping[str, Any]) -> Path:
    """Write ``folder/manifest.json`` (e.g. the staging folder, once the outputs exist)."""
    path = folder / NAMA_MANIFEST
    path.write_text(teks_json(buat_manifest(asal, folder, parameter)), encoding="utf-8")
    return path


def teks_json(data: Mapping[str, Any]) -> str:
    """The one serialisation used for manifests: readable, stable key order, UTF-8."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def catatan_kaki(asal: Asal) -> str:
    """The provenance line printed on the report's last page."""
    if asal.git["commit"] is None:
        teks = "Dibuat di luar repositori git"
    else:
        teks = f"Dibuat dari commit {asal.git['commit'][:PANJANG_SIDIK]}"
        if asal.git["ada_perubahan"]:
            teks += " (ada perubahan belum di-commit)"
    return f"{teks} · sidik data masukan {sidik_pendek(asal.masukan)}"
