"""Whether an IKM, or its change, exceeds sampling noise: percentile bootstrap over respondents.

Respondents, not answers, are resampled, because one person's nine answers move together.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lkip.formulas.ikm import BobotIKM
from lkip.formulas.ikm_matriks import BENIH, ULANG, ikm_baris
from lkip.formulas.skm import ikm_responden, matriks_jawaban

# Confidence level of the bootstrap intervals, in percent.
TINGKAT_SELANG = 95


def _ikm_ulang(x: np.ndarray, n: int, rng: np.random.Generator, bobot: BobotIKM) -> np.ndarray:
    """IKM of ``n`` resamples of the rows of ``x`` (respondents × unsur, NaN = blank).

    Each resample is a count per respondent, so NRR sums are one matrix product instead of a
    loop over resamples × respondents. A resample in which nobody answered some unsur has no
    IKM and is NaN (left out of the percentiles).
    """
    r = x.shape[0]
    if r == 0:
        raise ValueError("tidak ada responden untuk bootstrap")
    pilih = rng.integers(0, r, size=(n, r))
    hitung = np.bincount((pilih + np.arange(n)[:, None] * r).ravel(), minlength=n * r)
    hitung = hitung.reshape(n, r).astype(float)
    terisi = ~np.isnan(x)
    return ikm_baris(hitung @ np.where(terisi, x, 0.0), hitung @ terisi.astype(float), bobot)


def _selang(nilai: np.ndarray) -> tuple[float, float]:
    if np.isnan(nilai).all():
        raise ValueError("bootstrap gagal: tiap sampel ulang kehilangan jawaban suatu unsur")
    ekor = (100 - TINGKAT_SELANG) / 2
    bawah, atas = np.nanpercentile(nilai, [ekor, 100 - ekor])
    return float(bawah), float(atas)


def bootstrap_ikm(
    responden: pd.DataFrame, n: int = ULANG, seed: int = BENIH, bobot: BobotIKM = "eksak"
) -> tuple[float, float]:
    """95 % percentile interval of the IKM, resampling respondents with replacement.

    Respondents, not answers, are resampled because one person's nine answers move together.
    The same ``seed`` gives the same interval.
    """
    ikm_responden(responden, bobot)  # fails clearly when an unsur has no answer at all
    return _selang(_ikm_ulang(matriks_jawaban(responden), n, np.random.default_rng(seed), bobot))


def bootstrap_delta(
    resp_lalu: pd.DataFrame,
    resp_kini: pd.DataFrame,
    n: int = ULANG,
    seed: int = BENIH,
    bobot: BobotIKM = "eksak",
) -> tuple[float, float]:
    """95 % percentile interval of IKM_kini − IKM_lalu, the two samples resampled independently
    (different respondents each year)."""
    ikm_responden(resp_lalu, bobot)
    ikm_responden(resp_kini, bobot)
    rng = np.random.default_rng(seed)
    lalu = _ikm_ulang(matriks_jawaban(resp_lalu), n, rng, bobot)
    kini = _ikm_ulang(matriks_jawaban(resp_kini), n, rng, bobot)
    return _selang(kini - lalu)
