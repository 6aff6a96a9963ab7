"""When the IKM changed within a year: the period rule (month or quarter) and the change month.

Pure computations on respondents whose month (1-12) is already known; no I/O, no sentences.
The change month is searched on respondent scores (one number per respondent,
:func:`lkip.formulas.ikm_matriks.skor_responden`), the only level at which a mean before and
after a date is defined.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lkip.formulas.ikm_matriks import BENIH, ULANG

BATAS_PERIODE = 30
"""Fewest respondents a month needs to be shown on its own.

Tied to the project's sample-size rule: the Krejcie–Morgan minimum
(:func:`lkip.formulas.ikm.ukuran_sampel`) grows with the population and is already 30 for 32
service users, so a month with fewer than 30 respondents falls short of it for any month with at
least 32 users, i.e. any real month of a kecamatan's services. Below about 30 the percentile
bootstrap interval of a mean on a 1-4 scale is also too narrow, and one unusual respondent moves
a month's IKM by points. When any month with respondents has fewer, the whole year is shown by
quarter, so the run chart never mixes months and quarters.
"""

ALFA = 0.05
"""Significance level of the change-month permutation test."""

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
NAMA_TRIWULAN = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")


def satuan_periode(bulan: pd.Series, batas: int = BATAS_PERIODE) -> str:
    """``"bulan"`` when every month that has respondents has at least ``batas``, else
    ``"triwulan"`` (see :data:`BATAS_PERIODE`)."""
    jumlah = pd.Series(bulan).dropna().astype(int).value_counts()
    return "bulan" if len(jumlah) and (jumlah >= batas).all() else "triwulan"


def periode(bulan: pd.Series, satuan: str) -> pd.Series:
    """Period number of each respondent: the month (1-12) or the quarter (1-4)."""
    b = pd.Series(bulan).astype("Int64")
    if satuan == "bulan":
        return b
    if satuan == "triwulan":
        return (b - 1) // 3 + 1
    raise ValueError(f"satuan periode tidak dikenal: {satuan!r} (bulan | triwulan)")


def nama_periode(nomor: int, satuan: str) -> str:
    return NAMA_BULAN[nomor - 1] if satuan == "bulan" else NAMA_TRIWULAN[nomor - 1]


def _statistik(urut: np.ndarray, batas: np.ndarray) -> np.ndarray:
    """|mean before − mean after| × √(n₁n₂/(n₁+n₂)) for each split index in ``batas``, for every
    row of ``urut`` (samples × respondents in date order)."""
    n = urut.shape[-1]
    kumulatif = np.cumsum(urut, axis=-1)
    total = kumulatif[..., -1:]
    sebelum = kumulatif[..., batas - 1]
    rata_sebelum = sebelum / batas
    rata_sesudah = (total - sebelum) / (n - batas)
    return np.abs(rata_sebelum - rata_sesudah) * np.sqrt(batas * (n - batas) / n)


def titik_ubah(
    skor: np.ndarray, bulan: np.ndarray, n: int = ULANG, seed: int = BENIH
) -> dict | None:
    """The month from which the level changed, and whether that is more than chance.

    Splits are tried at every boundary between months that have respondents; the split
    maximising T = |x̄₁ − x̄₂| × √(n₁n₂/(n₁+n₂)) is the change (a two-sample z statistic up to
    the common SD, so a split near the year's edge needs a bigger gap to win). The p-value is a
    permutation test of "no change": scores are shuffled over the respondents (month counts
    kept) ``n`` times with ``seed``, the maximum T recomputed each time, and
    p = (1 + #{T_perm ≥ T}) / (n + 1), so the search over splits is paid for. Returns None with
    fewer than two months. ``bulan_ubah`` is the first month after the split.
    """
    skor = np.asarray(skor, dtype=float)
    bulan = np.asarray(bulan, dtype=float)
    sah = ~np.isnan(skor) & ~np.isnan(bulan)
    skor, bulan = skor[sah], bulan[sah].astype(int)
    urutan = np.argsort(bulan, kind="stable")
    skor, bulan = skor[urutan], bulan[urutan]
    daftar = np.unique(bulan)
    if len(daftar) < 2:
        return None
    batas = np.searchsorted(bulan, daftar[1:], side="left")
    t = _statistik(skor, batas)
    terbaik = int(np.argmax(t))
    k = int(batas[terbaik])
    rng = np.random.default_rng(seed)
    acak = rng.permuted(np.broadcast_to(skor, (n, skor.size)), axis=1)
    t_acak = _statistik(acak, batas).max(axis=1)
    lebih = int((t_acak >= t[terbaik] - 1e-12).sum())
    p = (1 + lebih) / (n + 1)
    return {
        "bulan_ubah": int(daftar[terbaik + 1]),
        "statistik": float(t[terbaik]),
        "p": p,
        "signifikan": p < ALFA,
        "n_sebelum": k,
        "n_sesudah": int(skor.size - k),
        "rata_sebelum": float(skor[:k].mean()),
        "rata_sesudah": float(skor[k:].mean()),
    }
