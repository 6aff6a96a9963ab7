"""The report's charts, each a function returning a ``matplotlib.figure.Figure``.

Figures are built with ``Figure`` directly (not pyplot) so nothing is left open in a global
registry and no GUI backend is needed. Sizes fit an A4 text column (16 cm wide); every number on
them goes through ``lkip.core.fmt`` so charts read like the report's tables.
"""

from __future__ import annotations

import functools
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
from matplotlib.transforms import blended_transform_factory

from lkip.core import fmt
from lkip.formulas.idm import IDM_2016
from lkip.formulas.ikm import pita_mutu_ni

LEBAR = 6.3
"""Figure width in inches: a 16 cm A4 text column."""
DPI = 150
"""Enough for sharp print at 16 cm without heavy PNGs."""

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
"""Text background so value labels stay legible where a reference line crosses them."""


def _bungkus_teks(teks: object, lebar: int) -> str:
    baris = textwrap.wrap(str(teks), lebar, break_long_words=False, break_on_hyphens=False)
    return "\n".join(baris) or str(teks)


def _ada(x: object) -> bool:
    return not fmt.kosong(x)


@_bergaya
def capaian_indikator(df: pd.DataFrame, judul: str = "Capaian Kinerja per Indikator") -> Figure:
    """Capaian (%) per indicator against the 100 % target; indicators without capaian get "–"."""
    data = df.reset_index(drop=True)
    n = len(data)
    label = [
        _bungkus_teks(f"{k} – {i}", 38)
        for k, i in zip(data["kode"], data["indikator"], strict=True)
    ]
    capaian = pd.to_numeric(data["capaian"], errors="coerce")
    ada = capaian.notna()
    y = np.arange(n)

    fig = Figure(figsize=(LEBAR, 1.2 + 0.55 * max(n, 1)), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    warna = [PALET["tercapai"] if c >= 100 else PALET["belum"] for c in capaian[ada]]
    ax.barh(y[ada], capaian[ada], height=0.6, color=warna)
    ax.axvline(100, color=PALET["target"], linestyle="--", linewidth=1, label="Target (100 %)")

    batas = max(100.0, capaian.max() if ada.any() else 0.0) * 1.18
    for yi, c in zip(y, capaian, strict=True):
        if pd.isna(c):
            ax.text(batas * 0.01, yi, fmt.KOSONG, va="center", ha="left", fontsize=10)
        else:
            ax.text(c + batas * 0.01, yi, fmt.persen(c), va="center", ha="left", bbox=_LATAR)

    ax.set_yticks(y, label)
    ax.set_ylim(n - 0.5, -0.5)  # top to bottom in table order, rows without a bar included
    ax.set_xlim(min(0.0, capaian.min() if ada.any() else 0.0), batas)
    ax.xaxis.set_major_formatter(fmt.sumbu_persen())
    ax.set_xlabel("Capaian kinerja")
    ax.set_title(judul)
    fig.legend(
        handles=[
            Patch(color=PALET["tercapai"], label="Tercapai (≥ 100 %)"),
            Patch(color=PALET["belum"], label="Belum tercapai"),
            Line2D([], [], color=PALET["target"], linestyle="--", label="Target (100 %)"),
        ],
        loc="outside lower center",
        ncols=3,
        frameon=False,
    )
    return fig


@_bergaya
def ikm_unsur(
    df: pd.DataFrame,
    ikm: float | None = None,
    judul: str = "Nilai Rata-rata per Unsur Pelayanan (SKM)",
) -> Figure:
    """NRR per unsur over the mutu bands A-D; ``ikm`` (0-100) adds the overall NI line."""
    data = df.assign(_no=df["unsur"].str[1:].astype(int)).sort_values("_no")
    nrr = pd.to_numeric(data["nrr"], errors="coerce").to_numpy()
    x = np.arange(len(data))
    label = [
        f"{u}\n{_bungkus_teks(nama, 11)}"
        for u, nama in zip(data["unsur"], data["nama"], strict=True)
    ]

    fig = Figure(figsize=(LEBAR, 4.0), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    legenda = []
    pita = pita_mutu_ni()  # each band is filled up to the next one's lowest NI: no gaps show
    for i, (mutu, bawah, atas) in enumerate(pita):
        puncak = pita[i + 1][1] if i + 1 < len(pita) else atas
        warna = WARNA_MUTU[mutu.huruf]
        ax.axhspan(bawah, puncak, color=warna, zorder=0, linewidth=0)
        rentang = f"{fmt.angka(bawah, 4, tetap=True)}–{fmt.angka(atas, 4, tetap=True)}"
        nama = f"Mutu {mutu.huruf} – {mutu.kinerja} ({rentang})"
        legenda.insert(0, Patch(color=warna, label=nama))

    ada = ~np.isnan(nrr)
    ax.bar(x[ada], nrr[ada], width=0.65, color=PALET["utama"], zorder=2)
    for xi, v in zip(x, nrr, strict=True):
        if np.isnan(v):
            ax.text(xi, 1.05, fmt.KOSONG, ha="center", va="bottom", fontsize=10, zorder=3)
        else:  # inside the bar top, clear of the average line
            teks = fmt.angka(v, 2, tetap=True)
            ax.text(xi, v - 0.04, teks, ha="center", va="top", color="white", zorder=3)

    if ikm is not None and _ada(ikm):
        ni = ikm / 25
        teks = f"Rata-rata NI {fmt.angka(ni, 2, tetap=True)} (IKM {fmt.angka(ikm, 2, tetap=True)})"
        # between the bars only (zorder below them), so it never crosses a value label
        ax.axhline(ni, color=PALET["belum"], linestyle="--", linewidth=1.2, zorder=1, label=teks)
        legenda.append(Line2D([], [], color=PALET["belum"], linestyle="--", label=teks))

    ax.set_xticks(x, label, fontsize=6.5)
    ax.set_ylim(1, 4)
    ax.set_yticks(np.arange(1, 4.01, 0.5))
    ax.yaxis.set_major_formatter(fmt.sumbu_angka(1))
    ax.set_ylabel("NRR (skala 1–4)")
    ax.set_title(judul)
    fig.legend(handles=legenda, loc="outside lower center", ncols=2, frameon=False)
    return fig


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

    for i, status in enumerate(data["status_kini"]):
        if not _ada(status):
            continue
        puncak = np.nanmax([lalu[i], kini[i], 0.0])
        teks = _bungkus_teks(status, 10)
        ax.text(i, puncak + 0.015, teks, ha="center", va="bottom", fontsize=6.5, bbox=_LATAR)

    ax.set_xticks(
        range(len(data)), list(data["desa"]), rotation=30, ha="right", rotation_mode="anchor"
    )
    ax.set_ylim(0, 1.08)
    ax.set_yticks(np.arange(0, 1.01, 0.2))
    ax.yaxis.set_major_formatter(fmt.sumbu_angka(1))
    ax.set_ylabel("Nilai IDM")
    ax.set_title(judul or f"Indeks Desa Membangun per Desa, {tahun_lalu} dan {tahun_kini}")
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return fig


@_bergaya
def serapan(df: pd.DataFrame, label_col: str, judul: str) -> Figure:
    """Pagu against realisasi per row of ``label_col`` (program, sasaran...), with serapan %."""
    data = df.reset_index(drop=True)
    n = len(data)
    pagu = pd.to_numeric(data["pagu"], errors="coerce").to_numpy(dtype=float)
    realisasi = pd.to_numeric(data["realisasi"], errors="coerce").to_numpy(dtype=float)
    y = np.arange(n)
    tebal = 0.38
    maks = np.nanmax(np.concatenate([pagu, realisasi, [0.0]]))

    fig = Figure(figsize=(LEBAR, 1.3 + 0.6 * max(n, 1)), layout="constrained", dpi=DPI)
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
    return fig


def _panel_tren(ax: Axes, panel: pd.DataFrame, tahun: list[int], lebar_judul: int) -> None:
    per_tahun = panel.groupby("tahun")[["target", "realisasi"]].last().reindex(tahun)
    realisasi = pd.to_numeric(per_tahun["realisasi"], errors="coerce").to_numpy(dtype=float)
    target = pd.to_numeric(per_tahun["target"], errors="coerce").to_numpy(dtype=float)
    satuan = str(panel["satuan"].dropna().iloc[0]) if panel["satuan"].notna().any() else ""

    # NaN breaks the line, so a year without a value is a gap rather than a zero.
    ax.plot(tahun, target, linestyle="--", color=PALET["target"], label="Target")
    ax.plot(tahun, realisasi, marker="o", ms=5, color=PALET["utama"], label="Realisasi", zorder=4)
    for t, v in zip(tahun, realisasi, strict=True):
        if not np.isnan(v):
            ax.annotate(
                fmt.nilai(v, satuan),
                (t, v),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
                color=PALET["utama"],
                bbox=_LATAR,
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


@_bergaya
def tren_indikator(
    df: pd.DataFrame, judul: str = "Tren Target dan Realisasi Indikator Kinerja"
) -> Figure:
    """One panel per indicator: realisasi over the years against the (dashed) target."""
    ada = df["tahun"].dropna().astype(int)
    tahun = list(range(ada.min(), ada.max() + 1))  # a year without data is a gap in the line
    kode = list(dict.fromkeys(df["kode"]))
    kolom = 1 if len(kode) == 1 else 2
    baris = math.ceil(len(kode) / kolom)

    fig = Figure(figsize=(LEBAR, 0.8 + 2.3 * baris), layout="constrained", dpi=DPI)
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
    return fig


@_bergaya
def waterfall_ikm(df: pd.DataFrame, judul: str = "Perubahan IKM menurut Unsur Pelayanan") -> Figure:
    """Last year's IKM, one step per unsur (its 25/9 × ΔNRR share), this year's IKM.

    ``df`` is :func:`lkip.model.ikm_perubahan.waterfall_unsur`'s table. The steps are tenths of a
    point on an index near 90, so the axis starts just below the lowest level and says so.
    """
    data = df.reset_index(drop=True)
    x = np.arange(len(data))
    total = data["jenis"].isin(["awal", "akhir"]).to_numpy()
    tingkat = np.concatenate([data["kumulatif"].to_numpy(float), data["nilai"][total].to_numpy()])
    bawah_data, atas_data = float(np.min(tingkat)), float(np.max(tingkat))
    jarak = max(atas_data - bawah_data, 0.5)
    bawah, atas = bawah_data - 0.35 * jarak, atas_data + 0.25 * jarak

    fig = Figure(figsize=(LEBAR, 3.6), layout="constrained", dpi=DPI)
    ax = fig.add_subplot()
    for i, r in data.iterrows():
        if r["jenis"] in ("awal", "akhir"):
            warna = PALET["kedua"] if r["jenis"] == "awal" else PALET["utama"]
            ax.bar(i, r["nilai"] - bawah, bottom=bawah, width=0.65, color=warna)
            teks, y = fmt.angka(r["nilai"], 2, tetap=True), r["nilai"]
        else:
            warna = PALET["belum"] if r["nilai"] < 0 else PALET["tercapai"]
            tinggi = max(r["puncak"] - r["dasar"], jarak * 0.004)  # a zero step stays visible
            ax.bar(i, tinggi, bottom=r["dasar"], width=0.65, color=warna)
            teks, y = fmt.bertanda(r["nilai"]), r["puncak"]
        ax.text(i, y + jarak * 0.03, teks, ha="center", va="bottom", fontsize=7, bbox=_LATAR)
    for i in range(len(data) - 1):  # connectors: each bar starts where the previous one ended
        level = data["kumulatif"].iloc[i]
        ax.plot([i + 0.33, i + 0.67], [level, level], color=PALET["target"], linewidth=0.6)

    ax.set_xticks(x, [_bungkus_teks(v, 9) for v in data["label"]])
    ax.set_ylim(bawah, atas)
    ax.yaxis.set_major_formatter(fmt.sumbu_angka(1))
    ax.set_ylabel(f"IKM (sumbu mulai {fmt.angka(bawah, 1, tetap=True)})")
    ax.set_title(judul)
    fig.legend(
        handles=[
            Patch(color=PALET["belum"], label="Unsur menurunkan IKM"),
            Patch(color=PALET["tercapai"], label="Unsur menaikkan IKM"),
        ],
        loc="outside lower center",
        ncols=2,
        frameon=False,
    )
    return fig


@_bergaya
def segmen_ikm(df: pd.DataFrame, tahun_lalu: int, tahun_kini: int, nama: str = "Kanal") -> Figure:
    """Per segment (e.g. kanal): share of respondents and IKM, last year against this year.

    ``df`` is one segment column's rows of :func:`lkip.model.ikm_perubahan.dekomposisi_segmen`. A
    group without respondents in a year gets no IKM bar ("–"): the table's stand-in IKM for
    that year is a bookkeeping device, not an observation.
    """
    data = df.reset_index(drop=True)
    y = np.arange(len(data))
    tebal = 0.38
    fig = Figure(figsize=(LEBAR, 1.4 + 0.5 * max(len(data), 1)), layout="constrained", dpi=DPI)
    kiri, kanan = fig.subplots(1, 2, sharey=True)
    diamati = [
        v
        for akhiran in ("lalu", "kini")
        for v, n in zip(data[f"ikm_{akhiran}"], data[f"n_{akhiran}"], strict=True)
        if n > 0
    ]
    batas_bawah = math.floor(min(diamati)) - 5 if diamati else 0
    for geser, akhiran, warna, tahun in (
        (-tebal / 2, "lalu", PALET["kedua"], tahun_lalu),
        (tebal / 2, "kini", PALET["utama"], tahun_kini),
    ):
        porsi = 100 * data[f"s_{akhiran}"].to_numpy(float)
        kiri.barh(y + geser, porsi, tebal, color=warna, label=str(tahun))
        for yi, v in zip(y, porsi, strict=True):
            kiri.text(v + 1, yi + geser, fmt.persen(v, 1), va="center", fontsize=6.5)
        ada = data[f"n_{akhiran}"].to_numpy() > 0
        nilai = data[f"ikm_{akhiran}"].to_numpy(float)
        kanan.barh((y + geser)[ada], nilai[ada] - batas_bawah, tebal, left=batas_bawah, color=warna)
        for yi, v, a in zip(y, nilai, ada, strict=True):
            x, teks = (v, fmt.angka(v, 2, tetap=True)) if a else (batas_bawah, fmt.KOSONG)
            kanan.text(x, yi + geser, f" {teks}", va="center", fontsize=6.5)
    kiri.set_yticks(y, [_bungkus_teks(v, 18) for v in data["segmen"]])
    kiri.invert_yaxis()
    kiri.set_xlim(0, 118)
    kiri.xaxis.set_major_formatter(fmt.sumbu_persen())
    kiri.set_title("Porsi responden", loc="left")
    kanan.set_xlim(batas_bawah, 101)
    kanan.xaxis.set_major_formatter(fmt.sumbu_angka(0))
    kanan.set_title(f"IKM (sumbu mulai {fmt.angka(batas_bawah, 0)})", loc="left")
    fig.suptitle(f"Porsi responden dan IKM menurut {nama.lower()}")
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return fig


@_bergaya
def profil_responden(
    df: pd.DataFrame,
    nama_kolom: dict[str, str] | None = None,
    judul: str = "Profil Responden SKM",
) -> Figure:
    """One panel per profile column: share (%) of respondents per category, with counts.

    ``df`` is long (kolom, kategori, jumlah, persen), as :func:`lkip.model.skm.profil` gives.
    """
    kolom = list(dict.fromkeys(df["kolom"]))
    lajur = 1 if len(kolom) == 1 else 2
    baris = max(math.ceil(len(kolom) / lajur), 1)
    terbanyak = max((int((df["kolom"] == k).sum()) for k in kolom), default=1)
    tinggi = 0.6 + baris * (0.45 + 0.17 * terbanyak)
    fig = Figure(figsize=(LEBAR, tinggi), layout="constrained", dpi=DPI)
    axes = fig.subplots(baris, lajur, squeeze=False).ravel()
    for ax, k in zip(axes, kolom, strict=False):
        bagian = df[df["kolom"] == k].reset_index(drop=True)
        y = np.arange(len(bagian))
        persen = bagian["persen"].to_numpy(float)
        ax.barh(y, persen, 0.65, color=PALET["utama"])
        for yi, p, j in zip(y, persen, bagian["jumlah"], strict=True):
            ax.text(p + 1, yi, f"{fmt.persen(p, 1)} ({int(j)})", va="center", fontsize=6.5)
        ax.set_yticks(y, [_bungkus_teks(v, 20) for v in bagian["kategori"]], fontsize=6.5)
        ax.set_ylim(len(bagian) - 0.5, -0.5)
        ax.set_xlim(0, max(100.0, float(np.nanmax(persen, initial=0))) * 1.05 + 25)
        ax.xaxis.set_major_formatter(fmt.sumbu_persen())
        ax.set_title((nama_kolom or {}).get(k, k.replace("_", " ").capitalize()), loc="left")
    for ax in axes[len(kolom) :]:
        fig.delaxes(ax)
    fig.suptitle(judul)
    return fig
