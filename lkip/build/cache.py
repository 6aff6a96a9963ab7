"""A content-addressed cache of executed chapters, their HTML, laid-out PDF parts, the Word
copy's chart pictures and reports.

An entry is stored under the sha256 of everything its result depends on, so a lookup can only
hit when nothing that matters changed: a stale result would need a hash collision. Entries are
written to a temporary folder and renamed into place, so a reader never sees half an entry and
two runs filling the same entry at once cannot corrupt it. Each entry also lists its files with
their sha256, checked on every read, so a damaged entry is built again rather than published.

This module imports nothing heavy: a rebuild in which nothing changed is decided and served
from here without loading pandas, papermill or WeasyPrint.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

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


# Each entry lists its own files and their sha256 here, checked on every read.
DAFTAR = "_sidik.json"

# Checks a reader applies to an entry's verified files (name -> content) before using them:
# raising any exception marks the entry as unusable.
Periksa = Callable[[Mapping[str, bytes]], object]


class EntriRusak(Exception):
    """A cache entry that cannot be trusted; the message says why, in Indonesian."""


class Cache:
    """Entries of files by kind (``bab``, ``html``, ``pdf``, ``png``, ``laporan``), keyed by a hash.

    Every entry carries the list of its files with their sha256 and its own kind and key; a
    reader gets an entry's files only when they are exactly those, byte for byte. An entry that
    is damaged, truncated, empty, foreign (stored under another key) or unreadable is discarded,
    ``lapor`` says so, and the caller builds it again, as on a miss.
    """

    def __init__(self, folder: Path, lapor: Callable[[str], None] | None = None) -> None:
        self.folder = folder
        self.lapor = lapor or (lambda _: None)

    def _entri(self, jenis: str, kunci: str) -> Path:
        return self.folder / jenis / kunci

    def baca(
        self, jenis: str, kunci: str, periksa: Periksa | None = None
    ) -> dict[str, bytes] | None:
        """The entry's files (relative path -> content), verified; None on a miss.

        ``periksa`` is the reader's own check of the content (a JSON that parses, a PDF that
        ends): an entry that fails it is discarded too.
        """
        entri = self._entri(jenis, kunci)
        if not entri.exists() and not entri.is_symlink():
            return None
        try:
            isi = _isi_terverifikasi(entri, jenis, kunci)
            if periksa is not None:
                try:
                    periksa(isi)
                except Exception as e:  # any failure to interpret the entry makes it unusable
                    raise EntriRusak(f"isinya tidak dapat dipakai ({type(e).__name__})") from e
        except EntriRusak as e:
            self.buang(jenis, kunci, str(e))
            return None
        return isi

    def ambil(
        self, jenis: str, kunci: str, tujuan: Path, periksa: Periksa | None = None
    ) -> list[Path] | None:
        """Write the entry's verified files into ``tujuan`` (same relative paths); None on a miss.

        What is written is the content that was checked, so nothing unverified reaches ``tujuan``.
        """
        isi = self.baca(jenis, kunci, periksa)
        if isi is None:
            return None
        hasil = []
        for nama, data in isi.items():
            salinan = tujuan / nama
            salinan.parent.mkdir(parents=True, exist_ok=True)
            salinan.write_bytes(data)
            hasil.append(salinan)
        return hasil

    def buang(self, jenis: str, kunci: str, alasan: str) -> None:
        """Discard an untrustworthy entry (so it is built and stored again), and say so."""
        self.lapor(f"Cache {jenis} {kunci[:12]} rusak ({alasan}): dibuang dan dibuat ulang")
        entri = self._entri(jenis, kunci)
        try:
            if entri.is_dir() and not entri.is_symlink():
                # renamed first, so that a concurrent reader sees the entry whole or not at all
                sampah = Path(tempfile.mkdtemp(prefix=f".buang-{kunci[:12]}-", dir=entri.parent))
                entri.rename(sampah / "entri")
                shutil.rmtree(sampah, ignore_errors=True)
            else:
                entri.unlink(missing_ok=True)
        except OSError:  # already discarded by a concurrent run, or not removable: a miss anyway
            pass

    def simpan(self, jenis: str, kunci: str, berkas: Mapping[str, Path | bytes]) -> None:
        """Store ``berkas`` (relative path -> file or content) as one entry, all or nothing."""
        if DAFTAR in berkas:
            raise ValueError(f"{DAFTAR} is the entry's own list of files")
        entri = self._entri(jenis, kunci)
        if entri.is_dir():
            return
        entri.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{kunci[:12]}-", dir=entri.parent))
        try:
            daftar = {}
            for nama, sumber in berkas.items():
                data = sumber if isinstance(sumber, bytes) else Path(sumber).read_bytes()
                (tmp / nama).parent.mkdir(parents=True, exist_ok=True)
                (tmp / nama).write_bytes(data)
                daftar[Path(nama).as_posix()] = sidik(data)
            tanda = {"jenis": jenis, "kunci": kunci, "berkas": daftar}
            (tmp / DAFTAR).write_text(json.dumps(tanda, sort_keys=True), encoding="utf-8")
            tmp.rename(entri)
        except OSError:
            if not entri.is_dir():  # a concurrent run may have stored the same entry first
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _isi_terverifikasi(entri: Path, jenis: str, kunci: str) -> dict[str, bytes]:
    """The files of ``entri`` if they are exactly those its list names, with those hashes."""
    if entri.is_symlink() or not entri.is_dir():
        raise EntriRusak("bukan folder entri")
    try:
        tanda = json.loads((entri / DAFTAR).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EntriRusak("daftar sidiknya tidak ada") from None
    except (OSError, ValueError) as e:  # unreadable, not UTF-8, not JSON
        raise EntriRusak("daftar sidiknya tidak terbaca") from e
    daftar = tanda.get("berkas") if isinstance(tanda, dict) else None
    if not isinstance(daftar, dict) or not daftar:
        raise EntriRusak("daftar sidiknya kosong atau tidak sah")
    if tanda.get("jenis") != jenis or tanda.get("kunci") != kunci:
        raise EntriRusak("entri milik kunci lain")
    try:
        ada = {
            p.relative_to(entri).as_posix()
            for p in entri.rglob("*")
            if p.is_file() or p.is_symlink()
        } - {DAFTAR}
        if ada != set(daftar):
            lebih, kurang = sorted(ada - set(daftar)), sorted(set(daftar) - ada)
            raise EntriRusak(
                "berkas "
                + ", ".join([*(f"{n} hilang" for n in kurang), *(f"{n} asing" for n in lebih)])
            )
        isi = {}
        for nama in sorted(daftar):
            berkas = entri / nama
            if berkas.is_symlink():
                raise EntriRusak(f"{nama} berupa tautan")
            data = berkas.read_bytes()
            if sidik(data) != daftar[nama]:
                raise EntriRusak(f"sidik {nama} tidak cocok")
            isi[nama] = data
    except OSError as e:
        raise EntriRusak(f"tidak terbaca ({type(e).__name__})") from e
    return isi
