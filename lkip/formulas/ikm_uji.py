"""Is an IKM change between two years more than sampling noise: permutation test and the
smallest change the sample sizes could have detected. Pure computations on answer matrices
(respondents × unsur, NaN = blank), no I/O, no sentences.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from lkip.formulas.ikm import BobotIKM
from lkip.formulas.ikm_matriks import BENIH, ULANG, ikm_baris, ikm_matriks

ALFA = 0.05
"""Two-sided significance level of both the permutation test and the detectable change."""
DAYA = 0.80
"""Power of the minimum detectable change: the usual 80 % (Cohen 1988)."""


def uji_permutasi(
    x_lalu: np.ndarray,
    x_kini: np.ndarray,
    n: int = ULANG,
    seed: int = BENIH,
    bobot: BobotIKM = "eksak",
) -> dict:
    """Permutation test of "no change" between two years' IKM.

    Under no change the year a respondent belongs to is exchangeable: the pooled respondents
    are reassigned ``n`` times (same sizes, ``seed``), the IKM difference recomputed each time
    with the regulation's NRR formula, and the two-sided p = (1 + #{|Δ_perm| ≥ |Δ|}) / (n + 1).
    A reassignment in which a year lost every answer of some unsur is left out.
    """
    delta = ikm_matriks(x_kini, bobot) - ikm_matriks(x_lalu, bobot)
    x = np.vstack([x_lalu, x_kini])
    terisi = ~np.isnan(x)
    nilai = np.where(terisi, x, 0.0)
    n0, total = x_lalu.shape[0], x.shape[0]
    rng = np.random.default_rng(seed)
    kini = np.zeros((n, total))
    for i in range(n):
        kini[i, rng.permutation(total)[n0:]] = 1.0
    j1, b1 = kini @ nilai, kini @ terisi.astype(float)
    j0, b0 = nilai.sum(axis=0) - j1, terisi.sum(axis=0) - b1
    d = ikm_baris(j1, b1, bobot) - ikm_baris(j0, b0, bobot)
    d = d[~np.isnan(d)]
    lebih = int((np.abs(d) >= abs(delta) - 1e-12).sum())
    p = (1 + lebih) / (d.size + 1)
    return {"delta": delta, "p": p, "signifikan": p < ALFA, "n_permutasi": int(d.size)}


def perubahan_minimum(sd_lalu: float, n_lalu: int, sd_kini: float, n_kini: int) -> float:
    """Minimum detectable change of a difference of two independent means:

        MDC = (z₁₋α/₂ + z_daya) × √(σ₀²/n₀ + σ₁²/n₁)

    with α = 0,05 two-sided and power 0,80, i.e. (1,95996 + 0,84162) = 2,80158 standard
    errors. σ are the SD of respondent scores (IKM scale). A true change this large would be
    found significant four times in five; a smaller observed change may be noise.
    """
    z = NormalDist().inv_cdf(1 - ALFA / 2) + NormalDist().inv_cdf(DAYA)
    return z * math.sqrt(sd_lalu**2 / n_lalu + sd_kini**2 / n_kini)


def perubahan_minimum_skor(skor_lalu: np.ndarray, skor_kini: np.ndarray) -> float:
    """:func:`perubahan_minimum` from two years' respondent scores (SD with ddof 1; NaN, a
    respondent who answered nothing, left out)."""
    s0, s1 = skor_lalu[~np.isnan(skor_lalu)], skor_kini[~np.isnan(skor_kini)]
    return perubahan_minimum(float(np.std(s0, ddof=1)), s0.size, float(np.std(s1, ddof=1)), s1.size)
