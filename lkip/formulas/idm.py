"""Indeks Desa Membangun: status of each desa and change between two years.

IDM = (IKS + IKE + IKL) / 3 with status bands from Permendesa PDTT 2/2016. From 2025 the
ministry publishes a new Indeks Desa (Permendesa PDTT 9/2024) with other bands, so the
classifier is a value passed in (``klasifikasi``), not code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

KOLOM_PERUBAHAN = [
    "desa",
    "skor_lalu",
    "status_lalu",
    "skor_kini",
    "status_kini",
    "selisih",
    "meningkat",
]


@dataclass(frozen=True)
class KlasifikasiIDM:
    """Status bands of a village index: each (upper inclusive bound, status), lowest first.

    A score above the last bound gets ``status_teratas``. ``rentang`` is the valid score range,
    so a 0-100 index can reuse the class.
    """

    batas: tuple[tuple[float, str], ...]
    status_teratas: str
    nama: str
    regulasi: str
    rentang: tuple[float, float] = (0.0, 1.0)

    def __post_init__(self) -> None:
        bawah = [b for b, _ in self.batas]
        if bawah != sorted(set(bawah)):
            raise ValueError(f"batas {self.nama} harus naik tanpa duplikat: {bawah}")

    def ambang(self) -> tuple[tuple[float, str], ...]:
        """Each bound with the status of the scores above it (the chart's threshold lines)."""
        di_atas = [s for _, s in self.batas[1:]] + [self.status_teratas]
        return tuple((b, s) for (b, _), s in zip(self.batas, di_atas, strict=True))

    def status(self, skor: float) -> str:
        nilai = float(skor)
        lo, hi = self.rentang
        if math.isnan(nilai) or not lo <= nilai <= hi:
            raise ValueError(f"skor {self.nama} {skor} di luar rentang {lo}–{hi}")
        return next((s for b, s in self.batas if nilai <= b), self.status_teratas)


IDM_2016 = KlasifikasiIDM(
    batas=(
        (0.4907, "Sangat Tertinggal"),
        (0.5989, "Tertinggal"),
        (0.7072, "Berkembang"),
        (0.8155, "Maju"),
    ),
    status_teratas="Mandiri",
    nama="Indeks Desa Membangun (IDM)",
    regulasi="Peraturan Menteri Desa, PDT dan Transmigrasi Nomor 2 Tahun 2016",
)


def _skor_per_desa(data: pd.DataFrame, nama: str) -> pd.Series:
    hilang = {"desa", "skor"} - set(data.columns)
    if hilang:
        raise ValueError(f"data IDM {nama} tidak memiliki kolom {sorted(hilang)}")
    ganda = data["desa"][data["desa"].duplicated()].tolist()
    if ganda:
        raise ValueError(f"desa ganda dalam data IDM {nama}: {ganda}")
    return pd.Series(data["skor"].astype(float).to_numpy(), index=data["desa"].tolist())


def perubahan_idm(
    lalu: pd.DataFrame | None,
    kini: pd.DataFrame,
    klasifikasi: KlasifikasiIDM = IDM_2016,
) -> pd.DataFrame:
    """One row per desa in either year with both scores, statuses and whether IDM rose.

    Rows follow this year's order, then desa present only last year. ``meningkat`` is a
    nullable boolean: NA when the desa lacks a score in one of the years (new, merged or
    missing in the ministry's file), so it can be left out of the percentage rather than
    counted as not rising. ``lalu=None`` means no previous year is available.
    """
    skor_kini = _skor_per_desa(kini, "tahun ini")
    skor_lalu = pd.Series(dtype=float) if lalu is None else _skor_per_desa(lalu, "tahun lalu")
    desa = skor_kini.index.tolist() + [d for d in skor_lalu.index if d not in skor_kini.index]
    hasil = pd.DataFrame({"desa": desa})
    hasil["skor_lalu"] = skor_lalu.reindex(desa).to_numpy()
    hasil["skor_kini"] = skor_kini.reindex(desa).to_numpy()
    for tahun in ("lalu", "kini"):
        hasil[f"status_{tahun}"] = pd.Series(
            [None if pd.isna(s) else klasifikasi.status(s) for s in hasil[f"skor_{tahun}"]],
            dtype="str",
        )
    hasil["selisih"] = hasil["skor_kini"] - hasil["skor_lalu"]
    banding = hasil["skor_lalu"].notna() & hasil["skor_kini"].notna()
    meningkat = pd.Series(pd.NA, index=hasil.index, dtype="boolean")
    meningkat[banding] = hasil.loc[banding, "selisih"] > 0
    hasil["meningkat"] = meningkat
    return hasil[KOLOM_PERUBAHAN]


def persentase_meningkat(perubahan: pd.DataFrame) -> float | None:
    """Percentage of comparable desa whose IDM rose (indicator "desa yang meningkat IDM-nya").

    Only desa with a score in both years count in the denominator; an unchanged score is not a
    rise. None when no desa can be compared. Seed 2023: 7 of 8 rose = 87.5.
    """
    meningkat = perubahan["meningkat"].astype("boolean")
    banding = meningkat.notna()
    if not banding.any():
        return None
    return float(meningkat[banding].sum()) / int(banding.sum()) * 100
