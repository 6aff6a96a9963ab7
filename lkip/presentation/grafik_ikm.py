"""Charts of the detailed IKM-change analysis: the run chart of IKM per period and the heatmap
of NRR change by segment × unsur. Same style and number formats as
:mod:`lkip.presentation.charts`."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from lkip.core import fmt
from lkip.presentation.charts import _LATAR, DPI, LEBAR, PALET, _bergaya, _bungkus_teks


@_bergaya
def run_chart(
    periode: pd.DataFrame,
    ikm_tahun: float,
    titik: dict | None = None,
    judul: str = "IKM per periode",
) -> Figure:
    """IKM of each period (``lkip.model.ikm_rinci.ikm_per_periode``) with its bootstrap interval and
    respondent count, the year's IKM as the centre line, and (when significant) the level
    before and after the change month as dashed steps."""
    data = periode.dropna(subset=["ikm"]).reset_index(drop=True)
    x = np.arange(len(data))
    fig = Figure(figsize=(LEBAR, 3.4), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    bawah = data["ikm"] - data["bawah"]
    atas = data["atas"] - data["ikm"]
    ax.errorbar(
        x,
        data["ikm"],
        yerr=[bawah, atas],
        color=PALET["utama"],
        marker="o",
        markersize=4,
        linewidth=1.2,
        capsize=3,
        label="IKM periode (selang bootstrap)",
    )
    ax.axhline(
        ikm_tahun,
        color=PALET["target"],
        linewidth=0.8,
        linestyle=":",
        label=f"IKM setahun {fmt.angka(ikm_tahun, 2, tetap=True)}",
    )
    if titik is not None and titik.get("signifikan") and "periode_ubah" in titik:
        k = titik["periode_ubah"]  # index in ``data`` of the first period after the change
        ax.plot(
            [-0.3, k - 0.5],
            [titik["ikm_sebelum"]] * 2,
            color=PALET["belum"],
            linestyle="--",
            linewidth=1,
        )
        ax.plot(
            [k - 0.5, len(data) - 0.7],
            [titik["ikm_sesudah"]] * 2,
            color=PALET["belum"],
            linestyle="--",
            linewidth=1,
            label="IKM sebelum dan sesudah titik perubahan",
        )
        ax.axvline(k - 0.5, color=PALET["belum"], linewidth=0.6)
    for i, r in data.iterrows():
        ax.text(
            i,
            r["atas"],
            f"n={fmt.angka(r['n'], 0)}",
            ha="center",
            va="bottom",
            fontsize=6.5,
            bbox=_LATAR,
        )
    label = [str(v)[:3] if len(data) > 6 else str(v) for v in data["label"]]  # Jan … Des
    ax.set_xticks(x, label)
    ax.yaxis.set_major_formatter(fmt.sumbu_angka(0))
    ax.set_ylabel("IKM")
    ax.set_title(judul)
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return fig


@_bergaya
def heatmap_sel(matriks: pd.DataFrame, judul: str = "Perubahan NRR") -> Figure:
    """ΔNRR by segment (rows) × unsur (columns), red for a drop and green for a rise, the value
    written in each cell; a blank cell had no answers in one of the years."""
    nilai = matriks.to_numpy(dtype=float)
    batas = max(float(np.nanmax(np.abs(nilai))) if np.isfinite(nilai).any() else 0.1, 0.05)
    tinggi = 1.2 + 0.35 * len(matriks)
    fig = Figure(figsize=(LEBAR, tinggi), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    gambar = ax.imshow(
        np.ma.masked_invalid(nilai), cmap="RdYlGn", vmin=-batas, vmax=batas, aspect="auto"
    )
    for (i, j), v in np.ndenumerate(nilai):
        if np.isfinite(v):
            ax.text(j, i, fmt.bertanda(v), ha="center", va="center", fontsize=6.5)
    ax.set_xticks(np.arange(matriks.shape[1]), list(matriks.columns))
    ax.set_yticks(np.arange(len(matriks)), [_bungkus_teks(v, 28) for v in matriks.index])
    ax.spines[:].set_visible(False)
    ax.set_title(judul)
    warna = fig.colorbar(gambar, ax=ax, shrink=0.8)
    warna.ax.yaxis.set_major_formatter(fmt.sumbu_angka(2))
    warna.set_label("Perubahan NRR")
    return fig
