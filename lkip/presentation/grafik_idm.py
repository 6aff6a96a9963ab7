"""The IDM chart: each desa's Indeks Desa Membangun for two years against the status bands of
Permendesa PDTT 2/2016 (lkip.formulas.idm), this year's status written over its bars, in the
style of the report's other charts (lkip.presentation.charts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import blended_transform_factory

from lkip.core import fmt
from lkip.formulas.idm import IDM_2016
from lkip.presentation.charts import (
    _LATAR,
    DPI,
    LEBAR,
    PALET,
    _bergaya,
    _bungkus_teks,
    bagi_rata,
)

IDM_DESA_MAKS = 10
"""The most desa one IDM chart holds: with more, the status written over a desa's bars reaches
past its neighbours' (two levels no longer keep them apart) and the desa's names crowd."""


def idm_per_halaman(
    df: pd.DataFrame, tahun_lalu: int, tahun_kini: int, judul: str | None = None
) -> list[Figure]:
    """:func:`idm_desa` in as many charts as the desa need, at most :data:`IDM_DESA_MAKS` to
    a chart (the scale is the IDM's own, 0 to 1, in every one)."""
    data = df.reset_index(drop=True)
    return [
        idm_desa(data.iloc[list(r)], tahun_lalu, tahun_kini, judul)
        for r in bagi_rata(len(data), IDM_DESA_MAKS)
    ]


@_bergaya
def idm_desa(
    df: pd.DataFrame,
    tahun_lalu: int,
    tahun_kini: int,
    judul: str | None = None,
) -> Figure:
    """IDM score per desa for two years, with status thresholds and this year's status on top."""
    data = df.reset_index(drop=True)
    lalu = pd.to_numeric(data["skor_lalu"], errors="coerce").to_numpy()
    kini = pd.to_numeric(data["skor_kini"], errors="coerce").to_numpy()
    lebar = 0.38

    fig = Figure(figsize=(LEBAR, 3.9), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    x_lalu, x_kini = [], []
    for i, (a, b) in enumerate(zip(lalu, kini, strict=True)):
        geser = lebar / 2 if not (np.isnan(a) or np.isnan(b)) else 0.0  # a lone bar is centred
        if not np.isnan(a):
            x_lalu.append(i - geser)
        if not np.isnan(b):
            x_kini.append(i + geser)
    ax.bar(x_lalu, lalu[~np.isnan(lalu)], lebar, color=PALET["kedua"], label=str(tahun_lalu))
    ax.bar(x_kini, kini[~np.isnan(kini)], lebar, color=PALET["utama"], label=str(tahun_kini))

    di_kanan = blended_transform_factory(ax.transAxes, ax.transData)
    ambang_idm = IDM_2016.ambang()
    for ambang, status in ambang_idm:
        ax.axhline(ambang, color=PALET["target"], linestyle="--", linewidth=0.8, zorder=0)
        teks = f"{status}\n> {fmt.angka(ambang, 4)}"
        ax.text(1.01, ambang, teks, transform=di_kanan, va="bottom", fontsize=7)
    terendah, status_terendah = IDM_2016.batas[0]
    teks = f"{status_terendah}\n≤ {fmt.angka(terendah, 4)}"
    ax.text(1.01, terendah - 0.01, teks, transform=di_kanan, va="top", fontsize=7)

    label = []
    for i, status in enumerate(data["status_kini"]):
        if fmt.tanpa_teks(status):
            continue
        puncak = np.nanmax([lalu[i], kini[i], 0.0])
        teks = _bungkus_teks(status, 10)
        label.append(
            ax.text(i, puncak + 0.015, teks, ha="center", va="bottom", fontsize=6.5, bbox=_LATAR)
        )

    ax.set_xticks(
        range(len(data)), list(data["desa"]), rotation=30, ha="right", rotation_mode="anchor"
    )
    ax.set_ylim(0, 1.08)
    ax.set_yticks(np.arange(0, 1.01, 0.2))
    ax.yaxis.set_major_formatter(fmt.sumbu_angka(1))
    ax.set_ylabel("Nilai IDM")
    ax.set_title(judul or f"Indeks Desa Membangun per Desa, {tahun_lalu} dan {tahun_kini}")
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    _jauhkan(fig, ax, label)
    rincian = [
        f"{d} {fmt.angka(a, 4)} ({tahun_lalu}), {fmt.angka(b, 4)} ({tahun_kini})"
        + ("" if fmt.tanpa_teks(s) else f" {s}")
        for d, a, b, s in zip(data["desa"], lalu, kini, data["status_kini"], strict=True)
    ]
    fig.set_label(f"Nilai IDM per desa: {'; '.join(rincian)}.")
    return fig


def _jauhkan(fig: Figure, ax: Axes, label: list[Text]) -> None:
    """Lift a label over the bars that would run into its left neighbour above that one:
    neighbouring desa of about the same score and a long status ("Berkembang") would
    otherwise print one over the other. The axis grows upward when a lifted label would leave
    it (a label is never put over a bar: its white ground would hide the bar's top). With at
    most IDM_DESA_MAKS desa a label reaches only its neighbours: two levels suffice."""
    asal = [t.get_position() for t in label]
    jarak = 3 * _LATAR["pad"] * fig.dpi / 72  # px between texts: both white grounds and a gap
    for _ in range(3):  # the axis grown, the labels are placed again on the new scale
        for t, posisi in zip(label, asal, strict=True):
            t.set_position(posisi)
        fig.draw_without_rendering()
        ke_data = ax.transData.inverted()
        sebelum = None
        for t in label:
            kotak = t.get_window_extent()
            if (
                sebelum is not None
                and kotak.x0 < sebelum.x1 + jarak
                and kotak.y0 < sebelum.y1
                and sebelum.y0 < kotak.y1
            ):
                t.set_y(ke_data.transform((0, sebelum.y1 + jarak))[1])
                kotak = t.get_window_extent()
            sebelum = kotak
        sumbu = ax.get_window_extent()
        lebih = max((t.get_window_extent().y1 for t in label), default=0.0) - sumbu.y1
        if lebih <= 0:
            return
        bawah, atas = ax.get_ylim()
        ax.set_ylim(bawah, atas + (lebih + 4) * (atas - bawah) / sumbu.height)
