"""Charts of the recap across offices, in the style of the report's own charts
(lkip.presentation.charts)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from lkip.core import fmt
from lkip.formulas.ikm import MUTU
from lkip.presentation.charts import DPI, LEBAR, PALET, WARNA_MUTU, _bergaya, _bungkus_teks

IKM_MIN = 25.0


@_bergaya
def ikm_instansi(nama: list[str], ikm: list[float], judul: str) -> Figure:
    """IKM per office over the mutu bands of PermenPANRB 14/2017 (D, C, B, A)."""
    n = len(nama)
    fig = Figure(figsize=(LEBAR, 1.4 + 0.45 * max(n, 1)), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    kiri = max(IKM_MIN, min([*ikm, 65.0]) - 5)
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
    return fig


@_bergaya
def capaian_bersama(
    indikator: list[str], nama: list[str], capaian: list[list[float | None]], judul: str
) -> Figure:
    """Capaian of indicators several offices share: a group of bars per indicator.

    ``capaian[i][j]`` is office ``j``'s capaian of indicator ``i`` (None: the office does not
    measure it)."""
    n, m = len(indikator), len(nama)
    fig = Figure(figsize=(LEBAR, 1.6 + 0.35 * max(n * m, 1)), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    tebal = 0.8 / max(m, 1)
    warna = [PALET["utama"], PALET["kedua"], PALET["tercapai"], PALET["target"], PALET["belum"]]
    for j, instansi in enumerate(nama):
        nilai = [capaian[i][j] for i in range(n)]
        y = np.arange(n) - 0.4 + tebal * (j + 0.5)
        isi = [np.nan if v is None else v for v in nilai]
        ax.barh(y, isi, tebal, color=warna[j % len(warna)], label=instansi)
        for yi, v in zip(y, nilai, strict=True):
            teks = fmt.persen(v) if v is not None else "–"
            ax.text((v or 0) + 1, yi, teks, va="center", ha="left", fontsize=6.5)
    ax.axvline(100, color=PALET["target"], linestyle="--", linewidth=0.8)
    ax.set_yticks(np.arange(n), [_bungkus_teks(v, 30) for v in indikator])
    ax.invert_yaxis()
    maks = max([v for baris in capaian for v in baris if v is not None] + [100.0])
    ax.set_xlim(0, maks * 1.2)
    ax.xaxis.set_major_formatter(fmt.sumbu_persen())
    ax.set_xlabel("Capaian")
    ax.set_title(judul)
    fig.legend(loc="outside lower center", ncols=min(m, 4), frameon=False)
    return fig
