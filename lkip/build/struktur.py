"""The structure of the report, read from ``notebooks/struktur_laporan.yml``.

The chapter order, each chapter's heading, where the Daftar Isi goes and what each chapter
reads live in that one declarative file, so that a non-programmer can read and change the
book's structure, and the pipeline and the tests agree with it by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from lkip.core.paths import notebooks_dir

NAMA_BERKAS = "struktur_laporan.yml"


@dataclass(frozen=True)
class Bab:
    notebook: str
    judul: str
    membaca: frozenset[str]


@dataclass(frozen=True)
class Struktur:
    bab: tuple[Bab, ...]
    daftar_isi_setelah: int  # how many chapters come before the Daftar Isi

    @property
    def notebook(self) -> tuple[str, ...]:
        return tuple(b.notebook for b in self.bab)

    @property
    def bacaan(self) -> dict[str, frozenset[str]]:
        return {b.notebook: b.membaca for b in self.bab}


def baca_struktur(path: Path | None = None) -> Struktur:
    """Read and check the structure file; a mistake in it is a developer's, so it raises."""
    path = path or notebooks_dir() / NAMA_BERKAS
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bab = tuple(
        Bab(str(b["notebook"]), str(b["judul"]), frozenset(map(str, b["membaca"])))
        for b in data["bab"]
    )
    nama = [b.notebook for b in bab]
    if len(set(nama)) != len(nama):
        raise ValueError(f"{path}: a chapter is listed twice")
    for n in nama:
        if not (path.parent / f"{n}.ipynb").is_file():
            raise ValueError(f"{path}: no notebook {n}.ipynb beside it")
    setelah = data["daftar_isi_setelah"]
    if setelah not in nama:
        raise ValueError(f"{path}: daftar_isi_setelah names no listed chapter: {setelah}")
    return Struktur(bab, nama.index(setelah) + 1)
