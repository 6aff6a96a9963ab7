"""The raw tables of a year and their validation rules (the data contract: ``data/README.md``).

:data:`TABEL` is the one list of a year's tables: reading and validation
(:mod:`lkip.inputs.tahun`), the new-year scaffold (:mod:`lkip.inputs.tahun_baru`) and the new
office's (:mod:`lkip.inputs.instansi_baru`) all follow it, so a new input file is one entry here.

Every rule carries its Indonesian explanation (``error=``) so that a failure can be shown to
the analyst as "what was expected" without a lookup table. Row-level rules that involve
several columns are dataframe checks whose ``name`` is the column the problem is reported on.
Numbers arrive already parsed by :func:`lkip.inputs.tahun.baca_tabel`: text columns are ``str`` with
missing cells as NaN, integer columns ``Int64``, other numeric columns ``float``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

__all__ = [
    "TABEL",
    "UNSUR_SKM",
    "Tabel",
    "anggaran",
    "dilaporkan",
    "idm",
    "kinerja",
    "pegawai",
    "periksa",
    "skm_unsur",
]

UNSUR_SKM = tuple(f"U{i}" for i in range(1, 10))

UNIK = "harus unik: nilai ini sudah dipakai di baris sebelumnya"


def periksa(skema: pa.DataFrameSchema, tabel: pd.DataFrame) -> None:
    """Check every rule of ``skema`` on ``tabel``; raises ``pa.errors.SchemaErrors`` listing
    every failing cell (lazy validation), never only the first."""
    _muat_backend()
    skema.validate(tabel, lazy=True)


_backend_dimuat = False
_kunci_backend = threading.Lock()


def _muat_backend() -> None:
    """Load pandera's pandas backends once, without Hypothesis.

    pandera imports Hypothesis (and trio) when its backends load, only to offer generating
    data from a schema (pandera issue #1644), which lkip never does: that import was most of
    the time a year's validation took. While the backends load, Hypothesis looks not
    installed to pandera; it stays importable for everything else afterwards. When it is
    already loaded (the test suite) there is nothing to save.
    """
    global _backend_dimuat
    with _kunci_backend:
        if _backend_dimuat:
            return
        sembunyi = "hypothesis" not in sys.modules
        if sembunyi:
            sys.modules["hypothesis"] = None  # an import of it now fails: "not installed"
        try:
            pa.DataFrameSchema({"x": pa.Column(int, pa.Check.ge(0))}).validate(
                pd.DataFrame({"x": [1]})
            )
        finally:
            if sembunyi:
                del sys.modules["hypothesis"]
        _backend_dimuat = True


def _teks(wajib: bool = True, **kwargs) -> pa.Column:
    return pa.Column(str, nullable=not wajib, required=True, **kwargs)


def _pilihan(nilai: tuple[str, ...], wajib: bool = True, required: bool = True) -> pa.Column:
    daftar = ", ".join(nilai)
    return pa.Column(
        str,
        pa.Check.isin(nilai, error=f"harus salah satu dari: {daftar}"),
        nullable=not wajib,
        required=required,
    )


def _indeks_0_1(wajib: bool = True, required: bool = True) -> pa.Column:
    return pa.Column(
        float,
        pa.Check.in_range(0, 1, error="harus antara 0 dan 1, misalnya 0,8156"),
        nullable=not wajib,
        required=required,
    )


def _tidak_negatif(dtype: str, wajib: bool = True, required: bool = True) -> pa.Column:
    return pa.Column(
        dtype,
        pa.Check.ge(0, error="tidak boleh negatif"),
        nullable=not wajib,
        required=required,
    )


def _cek_baris(kolom: str, syarat: Callable[[pd.DataFrame], pd.Series], error: str) -> pa.Check:
    """A row rule over several columns, reported on ``kolom``; passes if a column is missing
    (the missing column is reported on its own)."""

    def cek(df: pd.DataFrame) -> pd.Series | bool:
        try:
            return syarat(df)
        except KeyError:
            return True

    return pa.Check(cek, error=error, name=kolom)


# The range of a figure on each letter scale: a value outside has no letter (mutu, predikat).
RENTANG_SKALA = (
    (
        "ikm",
        25,
        100,
        "indikator berskala ikm: nilai IKM harus antara 25 dan 100 (PermenPANRB 14/2017), "
        "misalnya 88,75, tanpa tanda %",
    ),
    (
        "sakip",
        0,
        100,
        "indikator berskala sakip: nilai SAKIP harus antara 0 dan 100 (PermenPANRB 88/2021), "
        "misalnya 81,28",
    ),
)


def _dalam_skala(
    kolom: str, skala: str, bawah: float, atas: float
) -> Callable[[pd.DataFrame], pd.Series]:
    def cek(d: pd.DataFrame) -> pd.Series:
        return (d["skala"] != skala) | d[kolom].isna() | d[kolom].between(bawah, atas)

    return cek


def kinerja(lengkap: bool = True) -> pa.DataFrameSchema:
    """``lengkap`` = the report year: manual indicators need a realisasi, skm/idm ones must
    leave it empty because it is computed, and at least one target is set. History years have
    no survey or IDM files to compute from, so there the published figure may be typed (or left
    empty)."""
    checks = []
    if lengkap:
        checks = [
            # An empty target means "no target this year", but a year without any target is
            # an unfilled template: then every target is reported.
            _cek_baris(
                "target",
                lambda d: d["target"].notna() | d["target"].notna().any(),
                "wajib diisi: belum ada satu pun target tahun ini (kosongkan hanya target "
                "indikator yang memang tidak bertarget)",
            ),
            _cek_baris(
                "realisasi",
                lambda d: d["realisasi"].isna() | ~d["sumber"].isin(["skm", "idm"]),
                "harus dikosongkan bila sumber skm atau idm: realisasinya dihitung dari "
                "skm_unsur.csv atau idm.csv",
            ),
            _cek_baris(
                "realisasi",
                lambda d: d["realisasi"].notna() | (d["sumber"] != "manual"),
                "wajib diisi bila sumber manual",
            ),
        ]
    checks += [
        _cek_baris(kolom, _dalam_skala(kolom, skala, bawah, atas), pesan)
        for skala, bawah, atas, pesan in RENTANG_SKALA
        for kolom in ("target", "realisasi", "target_akhir")
    ]
    return pa.DataFrameSchema(
        {
            "kode": _teks(unique=True, report_duplicates="exclude_first"),
            "tingkat": _pilihan(("tujuan", "sasaran")),
            "sasaran": _teks(),
            "indikator": _teks(),
            "satuan": _teks(),
            "polaritas": _pilihan(("naik", "turun")),
            "target": pa.Column(float, nullable=True),
            "realisasi": pa.Column(float, nullable=True),
            "target_akhir": pa.Column(float, nullable=True),
            "sumber": _pilihan(("manual", "skm", "idm")),
            "skala": _pilihan(("ikm", "sakip"), wajib=False, required=False),
        },
        checks=checks,
        name="kinerja",
    )


def idm() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "desa": _teks(unique=True, report_duplicates="exclude_first"),
            "skor": _indeks_0_1(),
            "iks": _indeks_0_1(wajib=False, required=False),
            "ike": _indeks_0_1(wajib=False, required=False),
            "ikl": _indeks_0_1(wajib=False, required=False),
            "kode_desa": pa.Column(str, nullable=True, required=False),
        },
        name="idm",
    )


def skm_unsur() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "unsur": pa.Column(
                str,
                pa.Check.isin(UNSUR_SKM, error="harus salah satu dari U1 sampai U9"),
                unique=True,
                report_duplicates="exclude_first",
            ),
            "nama": _teks(),
            "nrr": pa.Column(
                float,
                pa.Check.in_range(1, 4, error="NRR harus antara 1 dan 4, misalnya 3,71"),
            ),
            "responden": _tidak_negatif("Int64", wajib=False, required=False),
        },
        name="skm_unsur",
    )


def anggaran(lengkap: bool = True) -> pa.DataFrameSchema:
    """``lengkap`` = the report year, where every sub kegiatan needs its realisasi."""
    return pa.DataFrameSchema(
        {
            "sasaran": _teks(),
            "program": _teks(),
            "kegiatan": _teks(),
            "sub_kegiatan": _teks(),
            "pagu": _tidak_negatif("Int64"),
            "realisasi": _tidak_negatif("Int64", wajib=lengkap),
        },
        checks=[
            _cek_baris(
                "realisasi",
                lambda d: (d["realisasi"] <= d["pagu"]).fillna(True).astype(bool),
                "realisasi tidak boleh melebihi pagu pada baris yang sama",
            )
        ],
        unique=["program", "kegiatan", "sub_kegiatan"],
        report_duplicates="exclude_first",
        name="anggaran",
    )


def pegawai() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "kelompok": _pilihan(("golongan", "jabatan", "pendidikan")),
            "kategori": _teks(),
            "jumlah": _tidak_negatif("Int64"),
        },
        unique=["kelompok", "kategori"],
        report_duplicates="exclude_first",
        name="pegawai",
    )


def dilaporkan() -> pa.DataFrameSchema:
    """The figures of a published report (``dilaporkan.csv``), one row per printed figure."""
    return pa.DataFrameSchema(
        {
            "metrik": pa.Column(
                str,
                pa.Check.str_matches(
                    r"^[^.\s][^.]*(\.[^.]+)+$",
                    error="harus berupa id bertitik, misalnya kinerja.S2.realisasi",
                ),
            ),
            "lokasi": pa.Column(str),
            "dilaporkan": pa.Column(str),
        },
        name="dilaporkan",
    )


@dataclass(frozen=True)
class Tabel:
    """One table of a year's raw input (``<nama>.csv``, ``.xlsx`` or a workbook sheet)."""

    skema: Callable[[bool], pa.DataFrameSchema]
    """Its rules; the argument is ``lengkap`` (the report year, not a history year)."""
    angka: dict[str, bool]
    """Numeric columns; True = integer-valued (rupiah, counts), see lkip.core.numbers."""
    wajib: bool = False
    """Required in the report year."""
    wajib_riwayat: bool = False
    """Required in a history year too (which only feeds comparisons)."""
    tahunan: tuple[str, ...] = ()
    """The year's figures, which ``new-year`` empties; every other column carries over."""
    petunjuk: str = ""
    """What the analyst fills in each year, for the new year's README."""
    sama_tiap_instansi: bool = False
    """Its rows are the same for every office: ``new-instansi`` keeps them, figures emptied."""


# Every raw table, in the order files are read and the new year's workbook lists its sheets.
TABEL: dict[str, Tabel] = {
    "kinerja": Tabel(
        kinerja,
        {"target": False, "realisasi": False, "target_akhir": False},
        wajib=True,
        wajib_riwayat=True,
        tahunan=("target", "realisasi"),
    ),
    "anggaran": Tabel(
        anggaran,
        {"pagu": True, "realisasi": True},
        wajib=True,
        tahunan=("pagu", "realisasi"),
        petunjuk="`pagu` dan `realisasi` tiap sub kegiatan (rupiah; realisasi ≤ pagu)",
    ),
    "idm": Tabel(
        lambda _lengkap: idm(),
        {"skor": False, "iks": False, "ike": False, "ikl": False},
        tahunan=("skor", "iks", "ike", "ikl"),
        petunjuk="`skor` IDM tiap desa (0–1; `iks`, `ike`, `ikl` bila ada), dari berkas "
        "Kemendesa tahun ini",
    ),
    "skm_unsur": Tabel(
        lambda _lengkap: skm_unsur(),
        {"nrr": False, "responden": True},
        tahunan=("nrr", "responden"),
        petunjuk="`nrr` tiap unsur (1–4) dari hasil SKM tahun ini",
        sama_tiap_instansi=True,
    ),
    "pegawai": Tabel(
        lambda _lengkap: pegawai(),
        {"jumlah": True},
        tahunan=("jumlah",),
        petunjuk="`jumlah` pegawai per kategori",
        sama_tiap_instansi=True,
    ),
}
