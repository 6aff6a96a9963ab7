"""The report's charts, each a function returning a ``matplotlib.figure.Figure``; a chart with
a row per indicator or program also comes cut into parts that each fit a page
(``*_per_halaman``, :func:`bagi_baris`).

Figures are built with ``Figure`` directly (not pyplot) so nothing is left open in a global
registry and no GUI backend is needed. Sizes fit an A4 text column (16 cm wide); every number on
them goes through ``lkip.core.fmt`` so charts read like the report's tables. Each figure's label
(``Figure.get_label``) states the data it shows in words: ``lkip.presentation.display.gambar``
makes it the chart's alt text, so a screen reader learns the values, not just the caption.
"""

from __future__ import annotations

import functools
import itertools
import math
import textwrap
from collections.abc import Callable
from typing import ParamSpec

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from lkip.core import fmt

LEBAR = 6.3
"""Figure width in inches: a 16 cm A4 text column."""
DPI = 150
"""Enough for sharp print at 16 cm without heavy PNGs."""
TINGGI_MAKS = 8.2
"""The tallest chart drawn, in inches (20,8 cm): an A4 page's text is 25 cm tall (the @page
margins of report.css), less a heading kept with the chart and the chart's caption. A chart
with a row per office, program or indicator is cut into parts that fit (:func:`bagi_baris`);
report.css scales down, to 21 cm, any chart that is taller still, so none runs off its page."""
UKURAN_CAPAIAN = (1.2, 0.55)
"""Height of a capaian chart in inches: fixed part, then per row (:func:`bagi_baris`)."""
UKURAN_SERAPAN = (1.3, 0.6)
"""Height of a serapan chart in inches: fixed part, then per row."""
UKURAN_TREN = (0.8, 2.3)
"""Height of a trend chart in inches: fixed part, then per row of two panels."""

PALET = {
    "utama": "#1f4e79",  # current year, realisasi
    "kedua": "#9dbbd9",  # previous year, pagu
    "tercapai": "#2e7d32",
    "belum": "#c0392b",
    "target": "#555555",
}

GAYA = {
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.labelsize": 8,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "figure.titlesize": 10,
    "figure.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
}

WARNA_MUTU = {"D": "#f4cccc", "C": "#fce5cd", "B": "#d9ead3", "A": "#b6d7a8"}

P = ParamSpec("P")


def _bergaya(buat: Callable[P, Figure]) -> Callable[P, Figure]:
    """Build the figure under the report's style without changing global rcParams."""

    @functools.wraps(buat)
    def bungkus(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with rc_context(GAYA):
            return buat(*args, **kwargs)

    return bungkus


_LATAR = {"facecolor": "white", "edgecolor": "none", "pad": 1.0}
"""Text background so value labels stay legible near a reference line."""

TANDA_TERCAPAI, TANDA_BELUM = "✓", "✗"
"""Marks on capaian labels: pass/fail is told by a sign and a hatch, not by colour alone."""
ARSIR_BELUM = "////"


def _bungkus_teks(teks: object, lebar: int) -> str:
    baris = textwrap.wrap(str(teks), lebar, break_long_words=False, break_on_hyphens=False)
    return "\n".join(baris) or str(teks)


def _ada(x: object) -> bool:
    return not fmt.kosong(x)


def bagi_baris(n: int, tetap: float, per_baris: float) -> list[range]:
    """Rows 0..n-1 of a chart ``tetap + per_baris × rows`` inches tall, in the fewest runs that
    each fit :data:`TINGGI_MAKS`, as even as they can be (17 rows, 15 to a chart: 9 and 8)."""
    # 1e-9: in floating point 8,2 − 1,2 is just under 7, and rows that fill the page exactly fit
    muat = max(1, math.floor((TINGGI_MAKS - tetap) / per_baris + 1e-9))
    return bagi_rata(n, muat)


def bagi_rata(n: int, muat: int) -> list[range]:
    """0..n-1 in the fewest runs of at most ``muat``, as even as they can be (one empty run
    when ``n`` is 0: the one chart there always was)."""
    jumlah = max(1, math.ceil(n / muat))
    ukuran, lebih = divmod(n, jumlah)
    batas = [0]
    for k in range(jumlah):
        batas.append(batas[-1] + ukuran + (1 if k < lebih else 0))
    return [range(a, b) for a, b in itertools.pairwise(batas)]


def capaian_per_halaman(
    df: pd.DataFrame, judul: str = "Capaian Kinerja per Indikator"
) -> list[Figure]:
    """:func:`capaian_indikator` in as many charts as its indicators need to fit a page
    (:func:`bagi_baris`), all on one scale."""
    data = df.reset_index(drop=True)
    maks = capaian_terbesar(pd.to_numeric(data["capaian"], errors="coerce"))
    return [
        capaian_indikator(data.iloc[list(r)], judul, maks)
        for r in bagi_baris(len(data), *UKURAN_CAPAIAN)
    ]


def capaian_terbesar(capaian: pd.Series) -> float:
    """The largest capaian, 0 when none has one: what a capaian chart's axis is drawn for."""
    return float(capaian.max()) if capaian.notna().any() else 0.0


@_bergaya
def capaian_indikator(
    df: pd.DataFrame, judul: str = "Capaian Kinerja per Indikator", maks: float | None = None
) -> Figure:
    """Capaian (%) per indicator against the 100 % target; indicators without capaian get "–".
    ``maks``: as :func:`grafik_capaian`."""
    data = df.reset_index(drop=True)
    label = [
        _bungkus_teks(f"{k} – {i}", 38)
        for k, i in zip(data["kode"], data["indikator"], strict=True)
    ]
    capaian = pd.to_numeric(data["capaian"], errors="coerce")
    fig = grafik_capaian(label, capaian, judul, maks)
    rincian = [
        f"{k} {i}: " + (fmt.KOSONG if pd.isna(c) else f"{fmt.persen(c)}, {_status_capaian(c)}")
        for k, i, c in zip(data["kode"], data["indikator"], capaian, strict=True)
    ]
    fig.set_label(f"Capaian per indikator, target 100 %. {'; '.join(rincian)}.")
    return fig


def grafik_capaian(
    label: list[str],
    capaian: pd.Series,
    judul: str,
    maks: float | None = None,
    ukuran: tuple[float, float] = UKURAN_CAPAIAN,
) -> Figure:
    """Capaian (%) per row against the 100 % target, a row per ``label``, without capaian "–";
    the axis reaches past ``maks`` (default: the largest capaian here), so that the parts of
    one chart cut by :func:`bagi_baris` share their scale. Drawn under the report's style by
    the caller, which also gives the figure its label (the alt text). ``ukuran``: its height,
    as :data:`UKURAN_CAPAIAN`."""
    n = len(label)
    ada = capaian.notna()
    y = np.arange(n)
    tetap, per_baris = ukuran
    fig = Figure(figsize=(LEBAR, tetap + per_baris * max(n, 1)), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    warna = [PALET["tercapai"] if c >= 100 else PALET["belum"] for c in capaian[ada]]
    batang = ax.barh(y[ada], capaian[ada], height=0.6, color=warna, edgecolor="white", linewidth=0)
    for b, c in zip(batang, capaian[ada], strict=True):
        if c < 100:
            b.set_hatch(ARSIR_BELUM)
    ax.axvline(100, color=PALET["target"], linestyle="--", linewidth=1, label="Target (100 %)")

    batas = max(100.0, capaian_terbesar(capaian) if maks is None else maks) * 1.22
    for yi, c in zip(y, capaian, strict=True):
        if pd.isna(c):
            ax.text(batas * 0.01, yi, fmt.KOSONG, va="center", ha="left", fontsize=10)
        else:
            tanda = TANDA_BELUM if c < 100 else TANDA_TERCAPAI
            teks = f"{fmt.persen(c)} {tanda}"
            ax.text(c + batas * 0.01, yi, teks, va="center", ha="left", bbox=_LATAR, zorder=5)

    ax.set_yticks(y, label)
    ax.set_ylim(n - 0.5, -0.5)  # top to bottom in table order, rows without a bar included
    ax.set_xlim(min(0.0, capaian.min() if ada.any() else 0.0), batas)
    ax.xaxis.set_major_formatter(fmt.sumbu_persen())
    ax.set_xlabel("Capaian kinerja")
    ax.set_title(judul)
    fig.legend(
        handles=[
            Patch(color=PALET["tercapai"], label=f"{TANDA_TERCAPAI} Tercapai (≥ 100 %)"),
            Patch(
                facecolor=PALET["belum"],
                edgecolor="white",
                hatch=ARSIR_BELUM,
                label=f"{TANDA_BELUM} Belum tercapai",
            ),
            Line2D([], [], color=PALET["target"], linestyle="--", label="Target (100 %)"),
        ],
        loc="outside lower center",
        ncols=3,
        frameon=False,
    )
    return fig


def _status_capaian(c: float) -> str:
    return "tercapai" if c >= 100 else "belum tercapai"


def serapan_per_halaman(
    df: pd.DataFrame, label_col: str, judul: str, ukuran: tuple[float, float] = UKURAN_SERAPAN
) -> list[Figure]:
    """:func:`serapan` in as many charts as its rows need to fit a page (:func:`bagi_baris`),
    all on one scale."""
    data = df.reset_index(drop=True)
    maks = _rupiah_terbesar(data)
    return [
        serapan(data.iloc[list(r)], label_col, judul, maks, ukuran)
        for r in bagi_baris(len(data), *ukuran)
    ]


def _rupiah_terbesar(df: pd.DataFrame) -> float:
    """The largest pagu or realisasi of ``df``, 0 when it has none: a serapan chart's scale."""
    jumlah = [pd.to_numeric(df[k], errors="coerce").to_numpy(float) for k in ("pagu", "realisasi")]
    return float(np.nanmax(np.concatenate([*jumlah, [0.0]])))


@_bergaya
def serapan(
    df: pd.DataFrame,
    label_col: str,
    judul: str,
    maks: float | None = None,
    ukuran: tuple[float, float] = UKURAN_SERAPAN,
) -> Figure:
    """Pagu against realisasi per row of ``label_col`` (program, sasaran...), with serapan %;
    the rupiah axis is drawn for ``maks`` (default: the largest amount here), so that the
    parts of one chart cut by :func:`bagi_baris` share their scale. ``ukuran``: its height, as
    :data:`UKURAN_SERAPAN`."""
    data = df.reset_index(drop=True)
    n = len(data)
    pagu = pd.to_numeric(data["pagu"], errors="coerce").to_numpy(dtype=float)
    realisasi = pd.to_numeric(data["realisasi"], errors="coerce").to_numpy(dtype=float)
    y = np.arange(n)
    tebal = 0.38
    if maks is None:
        maks = _rupiah_terbesar(data)

    tetap, per_baris = ukuran
    fig = Figure(figsize=(LEBAR, tetap + per_baris * max(n, 1)), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    ax.barh(y - tebal / 2, pagu, tebal, color=PALET["kedua"], label="Pagu")
    ax.barh(y + tebal / 2, realisasi, tebal, color=PALET["utama"], label="Realisasi")
    jarak = (maks or 1.0) * 0.01
    for yi, p, r, s in zip(y, pagu, realisasi, data["serapan"], strict=True):
        ujung = np.nanmax([p, r, 0.0])
        ax.text(ujung + jarak, yi, f"Serapan {fmt.persen(s)}", va="center", ha="left")

    ax.set_yticks(y, [_bungkus_teks(v, 34) for v in data[label_col]])
    ax.invert_yaxis()
    ax.set_xlim(0, (maks or 1.0) * 1.3)
    ax.xaxis.set_major_formatter(fmt.sumbu_rupiah(maks))
    _, singkatan = fmt.skala_rupiah(maks)
    nama_satuan = {"T": "triliun", "M": "miliar", "jt": "juta"}.get(singkatan)
    ax.set_xlabel(f"Anggaran ({singkatan} = {nama_satuan} rupiah)" if nama_satuan else "Rupiah")
    ax.set_title(judul)
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    rincian = [
        f"{nama}: pagu {fmt.rupiah(p)}, realisasi {fmt.rupiah(r)}, serapan {fmt.persen(s)}"
        for nama, p, r, s in zip(data[label_col], pagu, realisasi, data["serapan"], strict=True)
    ]
    fig.set_label(f"{'; '.join(rincian)}.")
    return fig


def _panel_tren(ax: Axes, panel: pd.DataFrame, tahun: list[int], lebar_judul: int) -> None:
    per_tahun = panel.groupby("tahun")[["target", "realisasi"]].last().reindex(tahun)
    realisasi = pd.to_numeric(per_tahun["realisasi"], errors="coerce").to_numpy(dtype=float)
    target = pd.to_numeric(per_tahun["target"], errors="coerce").to_numpy(dtype=float)
    satuan = str(panel["satuan"].dropna().iloc[0]) if panel["satuan"].notna().any() else ""

    # NaN breaks the line, so a year without a value is a gap rather than a zero.
    ax.plot(tahun, target, linestyle="--", color=PALET["target"], label="Target")
    ax.plot(tahun, realisasi, marker="o", ms=5, color=PALET["utama"], label="Realisasi", zorder=4)
    for i, (t, v) in enumerate(zip(tahun, realisasi, strict=True)):
        if not np.isnan(v):
            ax.annotate(
                fmt.nilai(v, satuan),
                (t, v),
                textcoords="offset points",
                fontsize=7,
                color=PALET["utama"],
                bbox=_LATAR,
                zorder=5,
                **_letak_label(realisasi, i),
            )
    if np.isnan(realisasi).all() and np.isnan(target).all():
        ax.text(0.5, 0.5, "Data belum tersedia", transform=ax.transAxes, ha="center")
        ax.set_yticks([])
    else:
        ax.yaxis.set_major_formatter(fmt.sumbu_angka(2))
        ax.margins(y=0.25)
    ax.set_xticks(tahun, [str(t) for t in tahun])
    ax.set_xlim(tahun[0] - 0.5, tahun[-1] + 0.5)
    ax.set_ylabel(satuan if satuan.strip().lower() not in {"", "nilai", "indeks"} else "Nilai")
    kode, indikator = panel["kode"].iloc[0], panel["indikator"].iloc[0]
    ax.set_title(_bungkus_teks(f"{kode} – {indikator}", lebar_judul), loc="left", fontsize=8)


def _letak_label(nilai: np.ndarray, i: int) -> dict[str, object]:
    """Where point ``i``'s label goes so the line through it does not cross it: below a point
    its neighbours lie above, above one they lie below, beside one the line passes through."""
    tetangga = [nilai[j] for j in (i - 1, i + 1) if 0 <= j < len(nilai) and not np.isnan(nilai[j])]
    lebih_tinggi = [t > nilai[i] for t in tetangga]
    if tetangga and all(lebih_tinggi):
        return {"xytext": (0, -8), "ha": "center", "va": "top"}
    if not any(lebih_tinggi):
        return {"xytext": (0, 8), "ha": "center", "va": "bottom"}
    # the line goes on through the point: its upper-left and lower-right (rising) or lower-left
    # and upper-right (falling) quadrants are free
    naik = i > 0 and not np.isnan(nilai[i - 1]) and nilai[i - 1] < nilai[i]
    return (
        {"xytext": (-6, 6), "ha": "right", "va": "bottom"}
        if naik
        else {
            "xytext": (6, 6),
            "ha": "left",
            "va": "bottom",
        }
    )


def tren_per_halaman(
    df: pd.DataFrame, judul: str = "Tren Target dan Realisasi Indikator Kinerja"
) -> list[Figure]:
    """:func:`tren_indikator` in as many charts as its rows of panels need to fit a page
    (:func:`bagi_baris`), over the same years."""
    kode = list(dict.fromkeys(df["kode"]))
    baris = bagi_baris(math.ceil(len(kode) / 2), *UKURAN_TREN)
    bagian = [kode[2 * r.start : 2 * r.stop] for r in baris]
    ada = df["tahun"].dropna().astype(int)
    return [tren_indikator(df[df["kode"].isin(k)], judul, (ada.min(), ada.max())) for k in bagian]


@_bergaya
def tren_indikator(
    df: pd.DataFrame,
    judul: str = "Tren Target dan Realisasi Indikator Kinerja",
    rentang: tuple[int, int] | None = None,
) -> Figure:
    """One panel per indicator: realisasi over the years against the (dashed) target; the
    years of ``rentang`` (first, last; default: those of ``df``)."""
    ada = df["tahun"].dropna().astype(int)
    awal, akhir = rentang or (ada.min(), ada.max())
    tahun = list(range(awal, akhir + 1))  # a year without data is a gap in the line
    kode = list(dict.fromkeys(df["kode"]))
    kolom = 1 if len(kode) == 1 else 2
    baris = math.ceil(len(kode) / kolom)

    tetap, per_baris = UKURAN_TREN
    fig = Figure(figsize=(LEBAR, tetap + per_baris * baris), layout="constrained", dpi=DPI)
    axes = fig.subplots(baris, kolom, squeeze=False).ravel()
    for ax, k in zip(axes, kode, strict=False):
        _panel_tren(ax, df[df["kode"] == k], tahun, 80 if kolom == 1 else 38)
    for ax in axes[len(kode) :]:
        fig.delaxes(ax)
    fig.suptitle(judul)
    fig.legend(
        handles=[
            Line2D([], [], marker="o", color=PALET["utama"], label="Realisasi"),
            Line2D([], [], linestyle="--", color=PALET["target"], label="Target"),
        ],
        loc="outside lower center",
        ncols=2,
        frameon=False,
    )
    rincian = []
    for k in kode:
        baris = df[df["kode"] == k].sort_values("tahun")
        satuan = str(baris["satuan"].dropna().iloc[0]) if baris["satuan"].notna().any() else ""
        tiap = [
            f"{int(r.tahun)} realisasi {fmt.nilai(r.realisasi, satuan)}, "
            f"target {fmt.nilai(r.target, satuan)}"
            for r in baris.itertuples()
        ]
        rincian.append(f"{k} {baris['indikator'].iloc[0]}: {', '.join(tiap)}")
    fig.set_label(f"{'; '.join(rincian)}.")
    return fig
