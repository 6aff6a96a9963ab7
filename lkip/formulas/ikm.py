"""Indeks Kepuasan Masyarakat from a Survei Kepuasan Masyarakat (PermenPANRB 14/2017).

Nine unsur, answers 1-4, NRR per unsur, IKM = 25 × weighted mean of the NRR. An IKM computed
under the older Kepmenpan 25/2004 (14 unsur, other bands) is not comparable with these.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal, NamedTuple

import pandas as pd

from lkip.core.numbers import bulatkan, ke_desimal

UNSUR: tuple[tuple[str, str], ...] = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, Mekanisme, dan Prosedur"),
    ("U3", "Waktu Penyelesaian"),
    ("U4", "Biaya/Tarif"),
    ("U5", "Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "Kompetensi Pelaksana"),
    ("U7", "Perilaku Pelaksana"),
    ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
    ("U9", "Sarana dan Prasarana"),
)

BobotIKM = Literal["eksak", "0.111"]

NILAI_MIN, NILAI_MAX = 1.0, 4.0
KONVERSI = 25  # IKM = NI × 25 turns the 1-4 scale into 25-100


class Mutu(NamedTuple):
    huruf: str
    kinerja: str


# Upper bounds (inclusive) on the IKM scale rounded to 2 decimals, PermenPANRB 14/2017.
MUTU: tuple[tuple[Decimal, Mutu], ...] = (
    (Decimal("64.99"), Mutu("D", "Tidak Baik")),
    (Decimal("76.60"), Mutu("C", "Kurang Baik")),
    (Decimal("88.30"), Mutu("B", "Baik")),
    (Decimal("100.00"), Mutu("A", "Sangat Baik")),
)


def _cek_nrr(nrr: Sequence[float]) -> list[float]:
    nilai = [float(x) for x in nrr]
    if len(nilai) != len(UNSUR):
        raise ValueError(f"IKM butuh tepat {len(UNSUR)} NRR (U1..U9), bukan {len(nilai)}")
    for i, x in enumerate(nilai, start=1):
        if math.isnan(x) or not NILAI_MIN <= x <= NILAI_MAX:
            raise ValueError(f"NRR U{i} = {x} di luar rentang 1–4")
    return nilai


def ikm(nrr: Sequence[float], bobot: BobotIKM = "eksak") -> float:
    """IKM = 25 × Σ (NRR_i × w) over U1..U9 (PermenPANRB 14/2017).

    The regulation's weight is 1/9 (``eksak``, the default). Many spreadsheets use the rounded
    ``0.111``, which gives a slightly lower IKM (seed 2023: 92.86 vs 92.77); the option exists
    to reproduce such figures, and the report states which weight it used.
    """
    nilai = _cek_nrr(nrr)
    if bobot == "eksak":
        return KONVERSI * math.fsum(nilai) / len(UNSUR)
    if bobot == "0.111":
        return KONVERSI * math.fsum(x * 0.111 for x in nilai)
    raise ValueError(f"bobot IKM tidak dikenal: {bobot!r} (eksak | 0.111)")


def _mutu_skala_ikm(nilai: Decimal) -> Mutu:
    nilai = bulatkan(nilai, 2)
    if not Decimal(25) <= nilai <= Decimal(100):
        raise ValueError(f"nilai IKM {nilai} di luar rentang 25–100")
    return next(m for batas, m in MUTU if nilai <= batas)


def mutu(ikm_value: float) -> Mutu:
    """Mutu pelayanan (A-D) of an IKM, banded on the IKM rounded half-up to 2 decimals.

    PermenPANRB 14/2017: 25.00-64.99 D, 65.00-76.60 C, 76.61-88.30 B, 88.31-100 A. Rounding
    goes through the decimal text of the number so 88.305 becomes 88.31 as printed, not 88.30
    as binary floating point would have it.
    """
    return _mutu_skala_ikm(ke_desimal(float(ikm_value)))


def pita_mutu_ni() -> tuple[tuple[Mutu, float, float], ...]:
    """The mutu bands on the NI (1-4) scale as (mutu, lowest NI, highest NI).

    They are the IKM bands divided by 25, each starting 0.01 IKM above the previous band's top:
    1.00-2.5996 D, 2.60-3.064 C, 3.0644-3.532 B, 3.5324-4.00 A, as the regulation's table
    prints them (PermenPANRB 14/2017, lampiran).
    """
    pita, bawah = [], Decimal(KONVERSI) * Decimal(str(NILAI_MIN))
    for atas, m in MUTU:
        pita.append((m, float(bawah / KONVERSI), float(atas / KONVERSI)))
        bawah = atas + Decimal("0.01")
    return tuple(pita)


def mutu_unsur(nrr: float) -> Mutu:
    """Mutu of one unsur from its NRR (nilai interval, 1-4), PermenPANRB 14/2017.

    The published NI bands (1.00-2.5996 D, 2.60-3.064 C, 3.0644-3.532 B, 3.5324-4.00 A) are the
    IKM bands divided by 25 and leave gaps (e.g. 3.532-3.5324); banding NI × 25 on the IKM scale
    closes them consistently with :func:`mutu`.
    """
    nilai = float(nrr)
    if math.isnan(nilai) or not NILAI_MIN <= nilai <= NILAI_MAX:
        raise ValueError(f"NRR {nrr} di luar rentang 1–4")
    return _mutu_skala_ikm(ke_desimal(nilai) * KONVERSI)


def peringkat(nrr: pd.Series) -> pd.Series:
    """Rank of each unsur, 1 = highest NRR, as in the report's "peringkat" column.

    Ties are broken by unsur order (U1 before U9) so every unsur gets a distinct rank, as the
    seed does (U1, U3, U9 at 3.66 are 5, 6, 7). Labels that are not unsur codes keep their
    position in the series.
    """
    if nrr.isna().any():
        raise ValueError("NRR kosong tidak dapat diberi peringkat")
    urutan = {kode: i for i, (kode, _) in enumerate(UNSUR)}
    kunci = [urutan.get(label, len(UNSUR) + i) for i, label in enumerate(nrr.index)]
    nilai = nrr.astype(float).tolist()
    terurut = sorted(range(len(nilai)), key=lambda i: (-nilai[i], kunci[i]))
    rank = [0] * len(nilai)
    for posisi, i in enumerate(terurut, start=1):
        rank[i] = posisi
    return pd.Series(rank, index=nrr.index, name="peringkat", dtype="int64")


def nrr(jawaban: Sequence[float | None]) -> float | None:
    """NRR of one unsur = sum of answers / number who answered it (PermenPANRB 14/2017).

    Blank answers (None/NaN) are left out of both sum and count, so a skipped question does not
    pull the unsur down. None when nobody answered.
    """
    terisi = [float(x) for x in jawaban if x is not None and not pd.isna(x)]
    for x in terisi:
        if not NILAI_MIN <= x <= NILAI_MAX:
            raise ValueError(f"jawaban {x} di luar skala 1–4")
    if not terisi:
        return None
    return math.fsum(terisi) / len(terisi)


def ukuran_sampel(populasi: int) -> int:
    """Minimum respondents for a population of service users (Krejcie and Morgan, 1970).

    PermenPANRB 14/2017 points to the Krejcie-Morgan table, which is
    S = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)) with χ² = 3.841, P = 0.5, d = 0.05, rounded half-up:
    N = 100 gives 80, N = 1000 gives 278.
    """
    if isinstance(populasi, bool) or int(populasi) != populasi or populasi < 0:
        raise ValueError(f"populasi harus bilangan bulat ≥ 0, bukan {populasi!r}")
    chi2, p, d = 3.841, 0.5, 0.05
    s = chi2 * populasi * p * (1 - p) / (d**2 * (populasi - 1) + chi2 * p * (1 - p))
    return math.floor(s + 0.5)


def kontribusi_unsur(nrr_lalu: Sequence[float], nrr_kini: Sequence[float]) -> list[float]:
    """Each unsur's share of the IKM change: 25/9 × ΔNRR (PermenPANRB 14/2017 weights).

    With the exact 1/9 weight these add up to ΔIKM, which lets the report say which unsur moved
    the index between two years.
    """
    lalu, kini = _cek_nrr(nrr_lalu), _cek_nrr(nrr_kini)
    return [KONVERSI / len(UNSUR) * (k - x) for x, k in zip(lalu, kini, strict=True)]
