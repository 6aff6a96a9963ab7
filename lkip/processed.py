"""The processed year: the report model with its reviu, kept in ``data/processed/<year>/``.

``susun`` computes it from ``data/raw`` (the model, then the reviu of its printed figures);
``muat`` is what a notebook calls: the processed tables, rebuilt when the raw inputs or the
lkip sources changed.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lkip.core.heap import frozen
from lkip.core.paths import processed_dir, tahun_terakhir
from lkip.core.sidik import sidik_kode, sidik_mentah
from lkip.model.laporan import Laporan


@frozen()
def susun(tahun: int, root: Path | None = None, sumber: dict[str, str] | None = None) -> Laporan:
    """The processed year computed from ``data/raw``: the model, then the reviu of its figures.

    ``sumber`` is the fingerprint of the raw inputs when the caller has already taken it.
    """
    from lkip.model.hitung import hitung_laporan  # the inputs layer: only to compute

    laporan = hitung_laporan(tahun, root, sumber or sidik_mentah(tahun, root))
    _tambah_reviu(laporan, root)
    return laporan


def _tambah_reviu(laporan: Laporan, root: Path | None) -> None:
    """The reviu of the printed figures (dilaporkan.csv, when there is one) and the internal
    checks, computed with everything else so the Lampiran and reviu.csv read the same table."""
    from lkip import reviu

    dilaporkan = reviu.baca_dilaporkan(laporan, root)
    laporan.tabel["reviu"] = reviu.reviu(laporan, dilaporkan)
    laporan.nilai["reviu_dilaporkan"] = dilaporkan is not None


def muat(tahun: int | None = None, root: Path | None = None) -> Laporan:
    """The report content for a notebook: processed tables, rebuilt if the raw inputs changed.

    ``tahun`` None means the latest year in ``data/raw``.
    """
    if tahun is None:
        tahun = tahun_terakhir(root)
    folder = processed_dir(tahun, root)
    if (folder / "laporan.json").exists():
        laporan = _baca(folder)
        if laporan.sumber == sidik_mentah(tahun, root) and laporan.kode == sidik_kode():
            return laporan
    laporan = susun(tahun, root)
    laporan.simpan(folder)
    return _baca(folder)


# A chapter kernel runs several chapters of one office in a row (lkip.build.kernel), each
# reading the same processed year: the last folder read is kept, with what its files' stat
# says of them (replaced or rewritten, they differ), and every caller gets a copy of its own.
_terakhir: tuple[object, Laporan] | None = None


def _baca(folder: Path) -> Laporan:
    """``Laporan.baca(folder)``, read again only when the folder's files changed."""
    global _terakhir
    jejak = (
        str(folder.resolve()),
        sorted((p.name, *_stat(p)) for p in folder.iterdir()),
    )
    if _terakhir is None or _terakhir[0] != jejak:
        _terakhir = (jejak, Laporan.baca(folder))
    return copy.deepcopy(_terakhir[1])


def _stat(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, st.st_size
