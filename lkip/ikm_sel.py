"""Where the IKM changed: ΔIKM split over segment (e.g. jenis_layanan) × unsur cells.

Pure computation on two years' respondent tables; no I/O, no sentences (PermenPANRB 14/2017:
IKM = 25 × weighted mean of the nine NRR).

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

import numpy as np
import pandas as pd

from lkip.ikm import KONVERSI, UNSUR, BobotIKM
from lkip.ikm_change import _faktor_bobot
from lkip.skm import KOLOM_UNSUR, TIDAK_DIISI, ikm_responden

KOLOM_SEL = [
    "segmen", "unsur", "nama", "n_lalu", "n_kini", "s_lalu", "s_kini",
    "nrr_lalu", "nrr_kini", "delta_nrr", "dalam", "komposisi",
]  # fmt: skip


def _grup(responden: pd.DataFrame, kolom: str) -> pd.Series:
    if kolom not in responden.columns:
        raise KeyError(f"kolom segmen {kolom!r} tidak ada pada data responden")
    return responden[kolom].astype("string").fillna(TIDAK_DIISI)


def _jumlah(responden: pd.DataFrame, grup: pd.Series, nilai: list[str]) -> tuple[np.ndarray, ...]:
    """Answer sums and answer counts per (segment, unsur): two arrays segments × 9."""
    x = responden[list(KOLOM_UNSUR)].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    g = grup.to_numpy()
    jumlah = np.zeros((len(nilai), len(KOLOM_UNSUR)))
    banyak = np.zeros_like(jumlah)
    for i, v in enumerate(nilai):
        bagian = x[g == v]
        jumlah[i] = np.nansum(bagian, axis=0)
        banyak[i] = (~np.isnan(bagian)).sum(axis=0)
    return jumlah, banyak


def dekomposisi_sel(
    resp_lalu: pd.DataFrame, resp_kini: pd.DataFrame, kolom: str, bobot: BobotIKM = "eksak"
) -> dict:
    """ΔIKM over ``kolom`` × unsur cells (module docstring): ``sel`` (one row per cell, columns
    :data:`KOLOM_SEL`), ``segmen`` (per segment: respondents, shares, IKM, Σ dalam, Σ
    komposisi), ``delta`` and the IKM of both years. Blank segment values are "(tidak diisi)".
    """
    g0, g1 = _grup(resp_lalu, kolom), _grup(resp_kini, kolom)
    nilai = sorted(set(g0) | set(g1))
    j0, b0 = _jumlah(resp_lalu, g0, nilai)
    j1, b1 = _jumlah(resp_kini, g1, nilai)
    w = KONVERSI / len(UNSUR) * _faktor_bobot(bobot)
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
    ikm0, ikm1 = ikm_responden(resp_lalu, bobot), ikm_responden(resp_kini, bobot)
    ringkas = []
    for v in nilai:
        bagian = sel[sel["segmen"] == v]
        r0, r1 = resp_lalu[(g0 == v).to_numpy()], resp_kini[(g1 == v).to_numpy()]
        ringkas.append(
            {
                "segmen": v,
                "n_lalu": len(r0),
                "n_kini": len(r1),
                "s_lalu": len(r0) / len(resp_lalu),
                "s_kini": len(r1) / len(resp_kini),
                "ikm_lalu": _ikm_atau_nan(r0, bobot),
                "ikm_kini": _ikm_atau_nan(r1, bobot),
                "dalam": math.fsum(bagian["dalam"]),
                "komposisi": math.fsum(bagian["komposisi"]),
            }
        )
    return {
        "kolom": kolom,
        "sel": sel,
        "segmen": pd.DataFrame(ringkas),
        "ikm_lalu": ikm0,
        "ikm_kini": ikm1,
        "delta": ikm1 - ikm0,
    }


def _ikm_atau_nan(responden: pd.DataFrame, bobot: BobotIKM) -> float:
    if responden.empty:
        return math.nan
    try:
        return ikm_responden(responden, bobot)
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
