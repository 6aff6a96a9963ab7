"""Where the IKM changed: ΔIKM split over segment (e.g. jenis_layanan) × unsur cells.

Pure computation on two years' answer matrices (respondents × unsur, NaN = blank) and each
respondent's segment label; no I/O, no sentences (PermenPANRB 14/2017: IKM = 25 × weighted
mean of the nine NRR).

For segment l and unsur u, with s(l,u) the share of l among those who answered u, NRR(l,u)
the NRR of u within l, w the weight factor (25/9 exact; 25 × 0.111 rounded) and years 0, 1:

    dalam(l,u)     = w × (NRR₁(l,u) − NRR₀(l,u)) × (s₀(l,u) + s₁(l,u)) / 2
    komposisi(l,u) = w × (s₁(l,u) − s₀(l,u)) × (m(l,u) − M(u))

with m(l,u) the mean of NRR₀(l,u) and NRR₁(l,u) and M(u) the mean of NRR₀(u) and NRR₁(u).
Because NRR(u) = Σ_l s(l,u) NRR(l,u) exactly and Σ_l s(l,u) = 1 in each year, the terms of
one unsur add up to w × ΔNRR(u), and all terms to ΔIKM exactly, blanks or not. When everyone
answered every unsur, s(l,u) is the respondent share s(l) and Σ_u komposisi(l,u) is the
issue's (s₁(l) − s₀(l)) × (m(l) − M) with m, M on the IKM scale: a segment whose share moved but
whose IKM is average adds nothing. Under the 0.111 weight w is 25 × 0.111 = 2,775 instead of
25/9 = 2,7778: every term is 0,999 times its exact-weight value and they add up to the ΔIKM
computed with 0.111 (which is itself 0,999 × the exact ΔIKM).

A segment absent in a year (or whose members all skipped an unsur) has s = 0 there; its NRR in
that year is taken equal to the other year's, so nobody-observed change counts as composition
only, and the identity holds because the substituted value is multiplied by a share of zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from lkip.formulas.ikm import UNSUR, BobotIKM
from lkip.formulas.ikm_matriks import bobot_unsur, ikm_matriks

KOLOM_SEL = [
    "segmen", "unsur", "nama", "n_lalu", "n_kini", "s_lalu", "s_kini",
    "nrr_lalu", "nrr_kini", "delta_nrr", "dalam", "komposisi",
]  # fmt: skip


def _jumlah(x: np.ndarray, g: np.ndarray, nilai: list[str]) -> tuple[np.ndarray, ...]:
    """Answer sums and answer counts per (segment, unsur): two arrays segments × 9."""
    jumlah = np.zeros((len(nilai), x.shape[1]))
    banyak = np.zeros_like(jumlah)
    for i, v in enumerate(nilai):
        bagian = x[g == v]
        jumlah[i] = np.nansum(bagian, axis=0)
        banyak[i] = (~np.isnan(bagian)).sum(axis=0)
    return jumlah, banyak


def dekomposisi_sel(
    x_lalu: np.ndarray,
    segmen_lalu: Sequence[str],
    x_kini: np.ndarray,
    segmen_kini: Sequence[str],
    bobot: BobotIKM = "eksak",
) -> dict:
    """ΔIKM over segment × unsur cells (module docstring): ``sel`` (one row per cell, columns
    :data:`KOLOM_SEL`), ``segmen`` (per segment: respondents, shares, IKM, Σ dalam, Σ
    komposisi), ``delta`` and the IKM of both years. ``segmen_*`` label each respondent (row of
    ``x_*``); give blanks a label of their own so the shares add up to 1.
    """
    g0, g1 = np.asarray(segmen_lalu, dtype=object), np.asarray(segmen_kini, dtype=object)
    nilai = sorted(set(g0) | set(g1))
    j0, b0 = _jumlah(x_lalu, g0, nilai)
    j1, b1 = _jumlah(x_kini, g1, nilai)
    w = bobot_unsur(bobot)
    with np.errstate(invalid="ignore", divide="ignore"):
        s0, s1 = b0 / b0.sum(axis=0), b1 / b1.sum(axis=0)
        n0, n1 = j0 / b0, j1 / b1
        nrr_total0 = j0.sum(axis=0) / b0.sum(axis=0)
        nrr_total1 = j1.sum(axis=0) / b1.sum(axis=0)
    n0 = np.where(b0 > 0, n0, n1)
    n1 = np.where(b1 > 0, n1, n0)
    n0, n1 = np.nan_to_num(n0), np.nan_to_num(n1)  # nobody in either year: shares are 0
    dalam = w * (n1 - n0) * (s0 + s1) / 2
    komposisi = w * (s1 - s0) * ((n0 + n1) / 2 - (nrr_total0 + nrr_total1) / 2)
    baris = []
    for i, v in enumerate(nilai):
        for j, (kode, nama) in enumerate(UNSUR):
            baris.append(
                {
                    "segmen": v,
                    "unsur": kode,
                    "nama": nama,
                    "n_lalu": int(b0[i, j]),
                    "n_kini": int(b1[i, j]),
                    "s_lalu": float(s0[i, j]),
                    "s_kini": float(s1[i, j]),
                    "nrr_lalu": float(j0[i, j] / b0[i, j]) if b0[i, j] else math.nan,
                    "nrr_kini": float(j1[i, j] / b1[i, j]) if b1[i, j] else math.nan,
                    "delta_nrr": float(n1[i, j] - n0[i, j]) if b0[i, j] and b1[i, j] else math.nan,
                    "dalam": float(dalam[i, j]),
                    "komposisi": float(komposisi[i, j]),
                }
            )
    sel = pd.DataFrame(baris, columns=KOLOM_SEL)
    ikm0, ikm1 = ikm_matriks(x_lalu, bobot), ikm_matriks(x_kini, bobot)
    ringkas = []
    for v in nilai:
        bagian = sel[sel["segmen"] == v]
        r0, r1 = x_lalu[g0 == v], x_kini[g1 == v]
        ringkas.append(
            {
                "segmen": v,
                "n_lalu": r0.shape[0],
                "n_kini": r1.shape[0],
                "s_lalu": r0.shape[0] / x_lalu.shape[0],
                "s_kini": r1.shape[0] / x_kini.shape[0],
                "ikm_lalu": _ikm_atau_nan(r0, bobot),
                "ikm_kini": _ikm_atau_nan(r1, bobot),
                "dalam": math.fsum(bagian["dalam"]),
                "komposisi": math.fsum(bagian["komposisi"]),
            }
        )
    return {
        "sel": sel,
        "segmen": pd.DataFrame(ringkas),
        "ikm_lalu": ikm0,
        "ikm_kini": ikm1,
        "delta": ikm1 - ikm0,
    }


def _ikm_atau_nan(x: np.ndarray, bobot: BobotIKM) -> float:
    if x.shape[0] == 0:
        return math.nan
    try:
        return ikm_matriks(x, bobot)
    except ValueError:  # some unsur unanswered within this segment
        return math.nan


def sel_penurun(sel: pd.DataFrame, banyak: int = 3) -> pd.DataFrame:
    """The ``banyak`` cells whose within change pulled the IKM down most (``dalam`` < 0)."""
    turun = sel[sel["dalam"] < 0]
    return turun.sort_values(["dalam", "segmen", "unsur"], kind="stable").head(banyak)


def matriks_delta_nrr(sel: pd.DataFrame) -> pd.DataFrame:
    """ΔNRR as segments (rows) × unsur (columns), NaN where a year has no answers: the
    heatmap's data."""
    return sel.pivot(index="segmen", columns="unsur", values="delta_nrr")[[k for k, _ in UNSUR]]
