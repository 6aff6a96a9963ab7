"""Reading and validating one year's raw input (``data/raw/<year>/``).

The analyst fixes the data, not the code, so loading never stops at the first problem: every
file is read, every cell parsed and every rule checked, and all problems are raised together
as :class:`~lkip.core.errors.DataTidakValid`. Nothing here writes to disk.

Row labels of the returned tables are record numbers (first data row = 0) with blank rows
dropped, so ``index + 2`` is always the line the analyst sees in a spreadsheet.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from lkip.core.errors import DataTidakValid, Masalah
from lkip.core.numbers import AngkaTidakValid, baca_angka
from lkip.core.paths import folder_tahun, relatif
from lkip.inputs import schemas
from lkip.inputs.berkas_mentah import (
    baris_tabel,
    daftar_lembar,
    label_berkas,
    susun_kolom,
    teks_sel,
)
from lkip.inputs.berkas_mentah import nama_kolom as _nama_kolom
from lkip.inputs.responden import berkas_responden
from lkip.inputs.skema_yaml import Narasi, Profil, periksa_yaml
from lkip.inputs.yaml_aman import Yaml, baca_yaml

__all__ = ["TahunMentah", "baca_tabel", "muat_tahun", "periksa_kode", "periksa_nama_desa"]

# Parts of narasi.yaml holding one text per indicator, keyed by its kode in kinerja.csv.
NARASI_PER_KODE = ("analisis", "analisis_penyebab")
NARASI_WAJIB = tuple(n for n, f in Narasi.model_fields.items() if f.is_required())


@dataclass
class TahunMentah:
    """One year's validated raw input: ``tabel`` holds each table of :data:`schemas.TABEL`
    whose file is present (``kinerja`` always).

    A table is also an attribute, ``None`` when absent (``mentah.idm``). Required tables,
    ``profil`` and ``narasi`` may be absent only for history years (``wajib_lengkap=False``);
    ``files`` maps each file name read to its path, for provenance.
    """

    tahun: int
    tabel: dict[str, pd.DataFrame]
    profil: dict[str, Any] = field(default_factory=dict)
    narasi: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)  # table -> its place, for problems

    def __getattr__(self, nama: str) -> pd.DataFrame | None:
        if nama not in schemas.TABEL:
            raise AttributeError(nama)
        return self.__dict__.get("tabel", {}).get(nama)


def _tahun_dari(path: Path) -> int | None:
    nama = path.parent.name
    return int(nama) if nama.isdigit() else None


def baca_tabel(path: Path, nama: str, kolom_angka: dict[str, bool]) -> pd.DataFrame:
    """Read one table (CSV, or sheet ``nama`` of an ``.xlsx`` workbook) with its numbers parsed.

    ``kolom_angka`` maps numeric columns to ``bulat`` (integer-valued, see
    :func:`lkip.core.numbers.baca_angka`). Raises :class:`DataTidakValid` listing every unreadable
    cell; the schema rules are not checked here (see :func:`muat_tahun`).
    """
    tabel, _, masalah = _baca_tabel(path, nama, kolom_angka)
    if masalah or tabel is None:
        raise DataTidakValid(_tahun_dari(path), masalah)
    return tabel


def _baca_tabel(
    path: Path, nama: str, kolom_angka: dict[str, bool], berkas: str | None = None
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[Masalah]]:
    """Parse a table and also return its cells as typed (for quoting values in problems).

    ``berkas`` is how problems name the place (default: the file's label).
    """
    berkas = berkas or label_berkas(path)
    baris, masalah = baris_tabel(path, nama, berkas)
    if baris is None:
        return None, None, masalah

    judul, isi, masalah_bentuk = susun_kolom(baris, berkas)
    masalah += masalah_bentuk
    terisi = [i for i, sel in enumerate(isi) if any(v != "" for v in sel)]
    asli = pd.DataFrame([isi[i] for i in terisi], index=terisi, columns=judul, dtype=object)

    tabel = pd.DataFrame(index=asli.index)
    for kolom in asli.columns:
        if kolom in kolom_angka:
            tabel[kolom], salah = _kolom_angka(asli[kolom], kolom_angka[kolom], berkas)
            masalah += salah
        else:
            teks = asli[kolom].map(teks_sel)
            tabel[kolom] = teks.where(teks != "").astype("str")
    asli_teks = asli.map(teks_sel)
    return tabel, asli_teks, masalah


def _kolom_angka(sel: pd.Series, bulat: bool, berkas: str) -> tuple[pd.Series, list[Masalah]]:
    nilai: list[float | int | None] = []
    masalah = []
    for indeks, isi in sel.items():
        try:
            nilai.append(_angka(isi, bulat))
        except AngkaTidakValid as exc:
            nilai.append(None)
            masalah.append(Masalah(berkas, int(indeks) + 2, str(sel.name), str(isi), str(exc)))
    return pd.Series(nilai, index=sel.index, dtype="Int64" if bulat else "float64"), masalah


def _angka(isi: Any, bulat: bool) -> float | int | None:
    """Excel cells may already be numbers; only text goes through :func:`baca_angka`."""
    if isinstance(isi, bool) or not isinstance(isi, int | float):
        return baca_angka(str(isi), bulat=bulat)
    if isinstance(isi, float) and math.isnan(isi):
        return None
    if not bulat:
        return float(isi)
    if not float(isi).is_integer():
        raise AngkaTidakValid("harus berupa bilangan bulat, misalnya 1500000 atau 1.500.000")
    return int(isi)


def _periksa_skema(
    tabel: pd.DataFrame, asli: pd.DataFrame, skema: pa.DataFrameSchema, berkas: str
) -> list[Masalah]:
    """Validate lazily and turn each pandera failure case into a :class:`Masalah`."""
    try:
        schemas.periksa(skema, tabel)
    except pa.errors.SchemaErrors as err:
        return _terjemahkan(err.failure_cases, asli, skema, berkas)
    return []


def _terjemahkan(
    gagal: pd.DataFrame, asli: pd.DataFrame, skema: pa.DataFrameSchema, berkas: str
) -> list[Masalah]:
    """One Masalah per failing cell, quoting the cell as the analyst typed it."""
    wajib = ", ".join(n for n, c in skema.columns.items() if c.required)
    masalah = []
    dilaporkan: set[tuple[str, int | None]] = set()
    for kasus in gagal.itertuples(index=False):
        kolom, cek, indeks = kasus.column, str(kasus.check), kasus.index
        baris = None if indeks is None or pd.isna(indeks) else int(indeks) + 2
        if cek == "column_in_dataframe":
            kolom = str(kasus.failure_case)
            pesan = f"kolom wajib tidak ada; baris 1 harus memuat: {wajib}"
        elif cek == "not_nullable":
            pesan = "wajib diisi"
        elif cek == "field_uniqueness":
            pesan = schemas.UNIK
        elif cek == "multiple_fields_uniqueness":
            kolom = skema.unique[-1]
            pesan = f"gabungan {', '.join(skema.unique)} harus unik: sudah ada di baris sebelumnya"
        elif kasus.schema_context == "DataFrameSchema" and kasus.check_number is not None:
            # A row rule lists every non-empty cell of its row; report it on the column it
            # names, whose cell may be the empty one.
            aturan = skema.checks[int(kasus.check_number)]
            kolom, pesan = aturan.name, aturan.error
        else:
            pesan = cek
        if (kolom, baris, pesan) in dilaporkan:
            continue
        dilaporkan.add((kolom, baris, pesan))
        nilai = None
        if baris is not None and kolom in asli.columns:
            nilai = asli.at[int(indeks), kolom] or None
        masalah.append(Masalah(berkas, baris, kolom, nilai, pesan))
    # Column by column, top to bottom: the order in which the analyst fixes a spreadsheet.
    urutan = {k: i for i, k in enumerate(asli.columns)}
    return sorted(masalah, key=lambda m: (urutan.get(m.kolom, -1), m.baris or 0))


def _baca_yaml(path: Path, berkas: str) -> tuple[Yaml | None, list[Masalah]]:
    dokumen, masalah = baca_yaml(path, berkas)
    if dokumen is not None and not isinstance(dokumen.isi, dict):
        return None, [
            Masalah(berkas, None, None, None, "isinya harus berupa pasangan kunci: nilai")
        ]
    return dokumen, masalah


def _buku_kerja(folder: Path) -> list[Path]:
    """Workbooks holding several tables (one sheet per table), e.g. ``lkip-2024.xlsx``.

    A workbook named after one table (``kinerja.xlsx``) is that table alone; Excel's lock files
    (``~$...``) are not workbooks.
    """
    return sorted(
        p
        for p in folder.glob("*.xlsx")
        if p.is_file()
        and not p.name.startswith(("~$", "."))
        and _nama_kolom(p.stem) not in schemas.TABEL
    )


def _daftar_lembar(path: Path) -> tuple[list[str], list[Masalah]]:
    """The table names of a workbook's sheets, or a problem if it cannot be opened."""
    return daftar_lembar(path, label_berkas(path))


def _cari_tabel(folder: Path, nama: str, buku: dict[Path, list[str]]) -> list[tuple[Path, str]]:
    """Every place table ``nama`` is found, as (path, label for problems)."""
    tempat = []
    for akhiran in (".csv", ".xlsx"):
        path = folder / f"{nama}{akhiran}"
        if path.exists() or path.is_symlink():  # a folder or bad link: the reader says so
            tempat.append((path, label_berkas(path)))
    for path, lembar in buku.items():
        if nama in lembar:
            tempat.append((path, f"{label_berkas(path)} (lembar {nama})"))
    return tempat


def _bacaan_sama(bacaan: list[tuple[pd.DataFrame | None, ...]]) -> bool:
    """Whether a table found in several places (CSV and workbook) has the same content."""
    tabel = [b[0] for b in bacaan]
    if any(t is None for t in tabel):
        return False
    pertama = tabel[0].reset_index(drop=True)
    return all(pertama.equals(t.reset_index(drop=True)) for t in tabel[1:])


def muat_tahun(tahun: int, root: Path | None = None, wajib_lengkap: bool = True) -> TahunMentah:
    """Read and validate every input file of ``tahun``; raise all problems together.

    Each table is ``<nama>.csv``, ``<nama>.xlsx`` or the sheet ``<nama>`` of a workbook in the
    year's folder (as ``lkip new-year`` makes). A table found in two places must have the same
    content in both, so that filling one and forgetting the other cannot go unnoticed.

    ``wajib_lengkap=False`` is for history years, which only feed comparisons: then only
    ``kinerja.csv`` is required, anggaran/profil/narasi are optional and empty target or
    realisasi are accepted.
    """
    folder = folder_tahun(tahun, root)
    if not folder.is_dir():
        pesan = (
            f"folder {relatif(folder, root)} tidak ditemukan; buat folder itu dari tahun "
            f"sebelumnya dengan: make new-year YEAR={tahun}"
        )
        raise DataTidakValid(tahun, [Masalah(f"{tahun}/", None, None, None, pesan)])

    masalah: list[Masalah] = []
    tabel: dict[str, pd.DataFrame] = {}
    label: dict[str, str] = {}
    files: dict[str, Path] = {}
    buku: dict[Path, list[str]] = {}
    for path in _buku_kerja(folder):
        buku[path], salah = _daftar_lembar(path)
        masalah += salah
    for nama, jenis in schemas.TABEL.items():
        tempat = _cari_tabel(folder, nama, buku)
        if not tempat:
            if jenis.wajib_riwayat or (jenis.wajib and wajib_lengkap):
                skema = jenis.skema(wajib_lengkap)
                kolom = ", ".join(n for n, c in skema.columns.items() if c.required)
                pesan = (
                    f'berkas wajib tidak ditemukan (atau lembar "{nama}" di buku Excel); '
                    f"kolomnya: {kolom}"
                )
                masalah.append(Masalah(f"{tahun}/{nama}.csv", None, None, None, pesan))
            continue
        files.update({path.name: path for path, _ in tempat})
        label[nama] = tempat[0][1]
        bacaan = [_baca_tabel(path, nama, jenis.angka, lbl) for path, lbl in tempat]
        if len(bacaan) > 1 and not _bacaan_sama(bacaan):
            lain = "; ".join(lbl for _, lbl in tempat[1:])
            pesan = (
                f"tabel {nama} juga ada di {lain} dengan isi berbeda; isi di satu tempat saja "
                "dan hapus yang lain (berkas CSV atau lembar di buku Excel)"
            )
            masalah.append(Masalah(label[nama], None, None, None, pesan))
            continue
        hasil, asli, salah = bacaan[0]
        masalah += salah
        if hasil is None or asli is None:
            continue
        berkas = label[nama]
        if hasil.empty:
            masalah.append(
                Masalah(berkas, None, None, None, "belum ada baris data di bawah baris judul")
            )
        sudah = {(m.baris, m.kolom) for m in salah}
        masalah += [
            m
            for m in _periksa_skema(hasil, asli, jenis.skema(wajib_lengkap), berkas)
            if (m.baris, m.kolom) not in sudah
        ]
        tabel[nama] = hasil

    yaml_isi: dict[str, dict[str, Any]] = {}
    for nama, model in (("profil", Profil), ("narasi", Narasi)):
        path = folder / f"{nama}.yaml"
        if not path.exists() and not path.is_symlink():
            if wajib_lengkap:
                pesan = (
                    "berkas wajib tidak ditemukan; salin dari folder tahun sebelumnya lalu "
                    f"sesuaikan (make new-year YEAR={tahun} menyalinnya untuk folder baru)"
                )
                masalah.append(Masalah(f"{tahun}/{nama}.yaml", None, None, None, pesan))
            continue
        files[path.name] = path
        dokumen, salah = _baca_yaml(path, label_berkas(path))
        masalah += salah
        if dokumen is None:
            continue
        if wajib_lengkap or nama == "profil":
            salah = periksa_yaml(model, dokumen, label_berkas(path))
            masalah += salah
            if salah:
                continue
        yaml_isi[nama] = dokumen.isi

    if wajib_lengkap and "narasi" in yaml_isi and "kinerja" in tabel and "kode" in tabel["kinerja"]:
        kode = set(tabel["kinerja"]["kode"].dropna())
        masalah += _periksa_narasi_kode(yaml_isi["narasi"], kode, f"{tahun}/narasi.yaml")
    ada_responden = berkas_responden(folder) is not None
    masalah += _periksa_antar_berkas(tahun, tabel, label, wajib_lengkap, ada_responden)

    if masalah or "kinerja" not in tabel:
        raise DataTidakValid(tahun, masalah)
    return TahunMentah(
        tahun=tahun,
        tabel=tabel,
        profil=yaml_isi.get("profil", {}),
        narasi=yaml_isi.get("narasi", {}),
        files=files,
        label=label,
    )


def periksa_nama_desa(lalu: TahunMentah, kini: TahunMentah) -> list[Masalah]:
    """A desa whose name is spelt differently in two years, most often a typo.

    Such a desa has a score in one year only, so it silently drops out of the percentage of
    desa whose IDM rose. Only a name of this year missing last year that resembles a name of
    last year missing this year is flagged; a desa that really is new or gone is left to the
    report, which names it.
    """
    if lalu.idm is None or kini.idm is None:
        return []
    nama_lalu = [str(d) for d in lalu.idm["desa"].dropna()]
    nama_kini = {str(d) for d in kini.idm["desa"].dropna()}
    hilang = [d for d in nama_lalu if d not in nama_kini]
    masalah = []
    for indeks, desa in kini.idm["desa"].dropna().items():
        if str(desa) in nama_lalu:
            continue
        mirip = difflib.get_close_matches(_kunci_nama(desa), map(_kunci_nama, hilang), 1, 0.8)
        if mirip:
            asli = next(n for n in hilang if _kunci_nama(n) == mirip[0])
            pesan = (
                f'nama desa tidak ada di data IDM {lalu.tahun}, yang memuat "{asli}"; samakan '
                "penulisannya agar skor kedua tahun dapat dibandingkan"
            )
            masalah.append(Masalah(kini.label["idm"], int(indeks) + 2, "desa", desa, pesan))
    return masalah


def periksa_kode(lalu: TahunMentah, kini: TahunMentah) -> list[Masalah]:
    """An indicator whose kode changed between two years (S1 last year, S01 this year).

    Indicators are compared across years by kode, so a renamed one loses its comparison with
    last year. Flagged when this year's new kode carries the indicator text of last year's kode
    that is gone; a new Renstra with new indicators has no such pairs.
    """
    if not {"kode", "indikator"} <= set(lalu.kinerja.columns) or "kode" not in kini.kinerja:
        return []
    kode_kini = set(kini.kinerja["kode"].dropna())
    hilang = {
        _kunci_nama(r.indikator): r.kode
        for r in lalu.kinerja.itertuples()
        if r.kode not in kode_kini and isinstance(r.indikator, str)
    }
    kode_lalu = set(lalu.kinerja["kode"].dropna())
    masalah = []
    for indeks, r in kini.kinerja.iterrows():
        lama = hilang.get(_kunci_nama(r["indikator"])) if r["kode"] not in kode_lalu else None
        if lama is not None:
            pesan = (
                f"indikator ini berkode {lama} di kinerja {lalu.tahun}; pakai kode yang sama agar "
                "perbandingan dengan tahun lalu terisi"
            )
            masalah.append(
                Masalah(kini.label["kinerja"], int(indeks) + 2, "kode", r["kode"], pesan)
            )
    return masalah


def _kunci_nama(nama: str) -> str:
    return " ".join(str(nama).lower().split())


def _periksa_narasi_kode(narasi: dict[str, Any], kode: set[str], berkas: str) -> list[Masalah]:
    """Texts per indicator must name a kode of kinerja.csv, or the report silently drops them."""
    masalah = []
    daftar = ", ".join(sorted(kode))
    for bagian in NARASI_PER_KODE:
        isi = narasi.get(bagian)
        if not isinstance(isi, dict):
            continue
        for k in isi:
            if str(k) not in kode:
                pesan = (
                    f'kunci "{bagian}.{k}": kode {k} tidak ada di kolom kode kinerja.csv '
                    f"({daftar}); teksnya tidak akan tampil di laporan"
                )
                masalah.append(Masalah(berkas, None, None, None, pesan))
    return masalah


def _periksa_antar_berkas(
    tahun: int,
    tabel: dict[str, pd.DataFrame],
    nama_file: dict[str, str],
    wajib_lengkap: bool,
    ada_responden: bool,
) -> list[Masalah]:
    """Rules that tie files together: budget rows point at known sasaran, computed
    realisasi has its source file, and a survey covers all nine unsur.

    ``nama_file`` maps each table found to its label in problems."""
    masalah = []
    kinerja = tabel.get("kinerja")
    anggaran = tabel.get("anggaran")
    if kinerja is not None and anggaran is not None and "kode" in kinerja and "sasaran" in anggaran:
        kode = set(kinerja["kode"].dropna())
        daftar = ", ".join(sorted(kode))
        for indeks, nilai in anggaran["sasaran"].dropna().items():
            if nilai not in kode:
                pesan = f"harus berupa kode yang ada di kolom kode kinerja.csv ({daftar})"
                masalah.append(
                    Masalah(nama_file["anggaran"], int(indeks) + 2, "sasaran", nilai, pesan)
                )

    if wajib_lengkap and kinerja is not None and {"kode", "sumber"} <= set(kinerja.columns):
        for sumber, nama in (("idm", "idm"), ("skm", "skm_unsur")):
            pemakai = kinerja.loc[kinerja["sumber"] == sumber, "kode"].dropna()
            if nama == "skm_unsur" and ada_responden:
                continue  # the IKM comes from skm_responden instead (lkip.inputs.responden)
            if len(pemakai) and nama not in nama_file:
                kode = ", ".join(pemakai)
                pesan = (
                    f"berkas wajib ada karena indikator {kode} di kinerja.csv bersumber {sumber}"
                )
                masalah.append(Masalah(f"{tahun}/{nama}.csv", None, None, None, pesan))

    skm = tabel.get("skm_unsur")
    if skm is not None and "unsur" in skm:
        kurang = [u for u in schemas.UNSUR_SKM if u not in set(skm["unsur"].dropna())]
        if kurang:
            pesan = f"harus memuat kesembilan unsur U1 sampai U9; belum ada: {', '.join(kurang)}"
            masalah.append(Masalah(nama_file["skm_unsur"], None, "unsur", None, pesan))
    return masalah
