"""Charts of the recap across offices, in the style of the report's own charts
(lkip.presentation.charts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from lkip.core import fmt
from lkip.formulas.ikm import MUTU
from lkip.presentation.charts import (
    DPI,
    LEBAR,
    PALET,
    WARNA_MUTU,
    _bergaya,
    _bungkus_teks,
    bagi_baris,
    capaian_terbesar,
    grafik_capaian,
)

IKM_MIN = 25.0


# Heights of the recap's charts in inches, a fixed part then a row per office
# (charts.bagi_baris): rows closer than the report's own charts, which have a few programs or
# indicators, so that a kabupaten's offices (Situbondo's 17 kecamatan) fit one chart.
UKURAN_IKM = (1.4, 0.36)
UKURAN_SERAPAN = (1.3, 0.4)
UKURAN_CAPAIAN = (1.2, 0.38)


def ikm_per_halaman(nama: list[str], ikm: list[float], judul: str) -> list[Figure]:
    """:func:`ikm_instansi` in as many charts as the offices need to fit a page
    (:func:`lkip.presentation.charts.bagi_baris`), all on one scale."""
    return [
        ikm_instansi([nama[i] for i in r], [ikm[i] for i in r], judul, ikm)
        for r in bagi_baris(len(nama), *UKURAN_IKM)
    ]


@_bergaya
def ikm_instansi(
    nama: list[str], ikm: list[float], judul: str, semua: list[float] | None = None
) -> Figure:
    """IKM per office over the mutu bands of PermenPANRB 14/2017 (D, C, B, A); the axis is
    drawn for the IKM values ``semua`` (default: ``ikm``), so that the parts of one chart cut
    by :func:`lkip.presentation.charts.bagi_baris` share their scale."""
    n = len(nama)
    tetap, per_baris = UKURAN_IKM
    fig = Figure(figsize=(LEBAR, tetap + per_baris * max(n, 1)), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    kiri = max(IKM_MIN, min([*(ikm if semua is None else semua), 65.0]) - 5)
    bawah = IKM_MIN
    for batas, mutu in MUTU:
        atas = float(batas) + 0.01 if float(batas) < 100 else 100.0
        ax.axvspan(bawah, atas, color=WARNA_MUTU[mutu.huruf], zorder=0)
        tengah = (max(bawah, kiri) + atas) / 2
        ax.text(tengah, -0.9, mutu.huruf, ha="center", va="center", fontweight="bold")
        bawah = atas
    y = np.arange(n)
    ax.barh(y, ikm, 0.55, color=PALET["utama"], zorder=2)
    for yi, v in zip(y, ikm, strict=True):
        ax.text(v + 0.4, yi, fmt.angka(v, 2), va="center", ha="left", zorder=3)
    ax.set_yticks(y, [_bungkus_teks(v, 30) for v in nama])
    ax.set_ylim(n - 0.5, -1.4)
    ax.set_xlim(kiri, 100)
    ax.xaxis.set_major_formatter(fmt.sumbu_angka())
    ax.set_xlabel("Nilai IKM")
    ax.set_title(judul)
    fig.legend(
        handles=[
            Patch(color=WARNA_MUTU[m.huruf], label=f"{m.huruf} ({m.kinerja})") for _, m in MUTU
        ],
        loc="outside lower center",
        ncols=4,
        frameon=False,
    )
    rincian = [f"{nm} {fmt.angka(v, 2)}" for nm, v in zip(nama, ikm, strict=True)]
    fig.set_label(f"IKM per instansi. {'; '.join(rincian)}.")
    return fig


def capaian_per_halaman(
    nama: list[str], capaian: list[float | None], judul: str
) -> list[Figure]:
    """:func:`capaian_instansi` in as many charts as the offices need to fit a page, all on
    one scale."""
    maks = capaian_terbesar(pd.Series(capaian, dtype=float))
    return [
        capaian_instansi([nama[i] for i in r], [capaian[i] for i in r], judul, maks)
        for r in bagi_baris(len(nama), *UKURAN_CAPAIAN)
    ]


@_bergaya
def capaian_instansi(
    nama: list[str], capaian: list[float | None], judul: str, maks: float | None = None
) -> Figure:
    """Each office's capaian of one indicator several offices share, a row per office, as the
    report draws its own indicators (:func:`lkip.presentation.charts.grafik_capaian`); no
    capaian prints "–". ``judul`` is the indicator; ``maks`` the largest capaian of every part
    of the chart."""
    nilai = pd.Series([np.nan if c is None else c for c in capaian], dtype=float)
    label = [_bungkus_teks(n, 38) for n in nama]
    fig = grafik_capaian(label, nilai, _bungkus_teks(judul, 70), maks, UKURAN_CAPAIAN)
    rincian = [
        f"{n} " + (fmt.KOSONG if c is None else fmt.persen(c))
        for n, c in zip(nama, capaian, strict=True)
    ]
    fig.set_label(f"Capaian per instansi, target 100 %. {'; '.join(rincian)}.")
    return fig
