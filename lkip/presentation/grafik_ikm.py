"""The IKM charts: NRR per unsur over the mutu bands, respondent profile, the IKM-change
waterfall and segments, the run chart of IKM per period and the heatmap of NRR change by
segment × unsur. Same style and number formats as :mod:`lkip.presentation.charts`."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from lkip.core import fmt
from lkip.formulas.ikm import pita_mutu_ni
from lkip.presentation.charts import (
    _LATAR,
    DPI,
    LEBAR,
    PALET,
    WARNA_MUTU,
    _ada,
    _bergaya,
    _bungkus_teks,
)
from lkip.presentation.tabel_ikm import nama_kolom

HURUF_KATEGORI = 6.5
"""Point size of the profile chart's category labels, which its rows are sized for."""


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
            warna_teks = _teks_di_atas(gambar.cmap(gambar.norm(v)))
            ax.text(j, i, fmt.bertanda(v), ha="center", va="center", fontsize=6.5, color=warna_teks)
    ax.set_xticks(np.arange(matriks.shape[1]), list(matriks.columns))
    ax.set_yticks(np.arange(len(matriks)), [_bungkus_teks(v, 28) for v in matriks.index])
    ax.spines[:].set_visible(False)
    ax.set_title(judul)
    warna = fig.colorbar(gambar, ax=ax, shrink=0.8)
    warna.ax.yaxis.set_major_formatter(fmt.sumbu_angka(2))
    warna.set_label("Perubahan NRR")
    return fig


def _teks_di_atas(latar: tuple[float, float, float, float]) -> str:
    """Black or white, whichever stands out more from ``latar`` (WCAG contrast: white from a
    relative luminance below 0,18): black on the heatmap's deepest red, a drop of most of a
    point, could hardly be read in print."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in latar[:3])
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18 else "black"


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
    ni = ikm / 25 if ikm is not None and _ada(ikm) else None
    # Value labels sit at the foot of the bars, far from the average line near their tops;
    # only an average in that foot band (NI < 1,5: IKM < 37,5) moves them to the top of the axis.
    di_pangkal = ni is None or ni >= 1.5
    for xi, v in zip(x, nrr, strict=True):
        if np.isnan(v):
            ax.text(xi, 1.05, fmt.KOSONG, ha="center", va="bottom", fontsize=10, zorder=3)
        elif di_pangkal:
            teks = fmt.angka(v, 2, tetap=True)
            ax.text(xi, 1.04, teks, ha="center", va="bottom", color="white", zorder=3)
        else:
            teks = fmt.angka(v, 2, tetap=True)
            ax.text(xi, 3.96, teks, ha="center", va="top", bbox=_LATAR, zorder=3)

    if ni is not None:
        teks = f"Rata-rata NI {fmt.angka(ni, 2, tetap=True)} (IKM {fmt.angka(ikm, 2, tetap=True)})"
        ax.axhline(ni, color=PALET["belum"], linestyle="--", linewidth=1.2, zorder=1, label=teks)
        legenda.append(Line2D([], [], color=PALET["belum"], linestyle="--", label=teks))

    ax.set_xticks(x, label, fontsize=6.5)
    ax.set_ylim(1, 4)
    ax.set_yticks(np.arange(1, 4.01, 0.5))
    ax.yaxis.set_major_formatter(fmt.sumbu_angka(1))
    ax.set_ylabel("NRR (skala 1–4)")
    ax.set_title(judul)
    fig.legend(handles=legenda, loc="outside lower center", ncols=2, frameon=False)
    rincian = [
        f"{u} {nama} {fmt.angka(v, 2, tetap=True)}"
        for u, nama, v in zip(data["unsur"], data["nama"], nrr, strict=True)
    ]
    rata = f" Rata-rata NI {fmt.angka(ni, 2, tetap=True)}." if ni is not None else ""
    fig.set_label(f"NRR per unsur (skala 1–4): {'; '.join(rincian)}.{rata}")
    return fig


@_bergaya
def waterfall_ikm(df: pd.DataFrame, judul: str = "Perubahan IKM menurut Unsur Pelayanan") -> Figure:
    """Last year's IKM, one step per unsur (its 25/9 × ΔNRR share), this year's IKM.

    ``df`` is :func:`lkip.formulas.ikm_dekomposisi.waterfall_unsur`'s table. The steps are
    tenths of a point on an index near 90, so the axis starts just below the lowest level and
    says so.
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

    ``df`` is one segment column's rows of
    :func:`lkip.formulas.ikm_dekomposisi.dekomposisi_segmen`. A group without respondents in a
    year gets no IKM bar ("–"): the table's stand-in IKM for that year is a bookkeeping device,
    not an observation.
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
def profil_responden(df: pd.DataFrame, judul: str = "Profil Responden SKM") -> Figure:
    """One panel per profile column: share (%) of respondents per category, with counts.

    ``df`` is long (kolom, kategori, jumlah, persen), as :func:`lkip.model.skm_tahun.profil` gives.
    """
    kolom = list(dict.fromkeys(df["kolom"]))
    lajur = 1 if len(kolom) == 1 else 2
    baris = max(math.ceil(len(kolom) / lajur), 1)
    label = {k: [_bungkus_teks(v, 20) for v in df.loc[df["kolom"] == k, "kategori"]] for k in kolom}
    panel = max((_tinggi_kategori(v) for v in label.values()), default=0.17)
    tinggi = 0.6 + baris * (0.45 + panel)
    fig = Figure(figsize=(LEBAR, tinggi), layout="constrained", dpi=DPI)
    axes = fig.subplots(baris, lajur, squeeze=False).ravel()
    for ax, k in zip(axes, kolom, strict=False):
        bagian = df[df["kolom"] == k].reset_index(drop=True)
        y = np.arange(len(bagian))
        persen = bagian["persen"].to_numpy(float)
        ax.barh(y, persen, 0.65, color=PALET["utama"])
        for yi, p, j in zip(y, persen, bagian["jumlah"], strict=True):
            ax.text(p + 1, yi, f"{fmt.persen(p, 1)} ({int(j)})", va="center", fontsize=6.5)
        ax.set_yticks(y, label[k], fontsize=HURUF_KATEGORI)
        ax.set_ylim(len(bagian) - 0.5, -0.5)
        ax.set_xlim(0, max(100.0, float(np.nanmax(persen, initial=0))) * 1.05 + 25)
        ax.xaxis.set_major_formatter(fmt.sumbu_persen())
        ax.set_title(nama_kolom(k), loc="left")
    for ax in axes[len(kolom) :]:
        fig.delaxes(ax)
    fig.suptitle(judul)
    return fig


def _tinggi_kategori(label: list[str]) -> float:
    """Inches a profile panel needs for these wrapped category labels: every row as tall as
    the longest label's lines (:data:`HURUF_KATEGORI` points, matplotlib's 1,2 line spacing),
    at least 0,17 in. A fixed 0,17 in a row printed two- and three-line labels (long
    occupations) over their neighbours'."""
    baris_teks = max((t.count("\n") + 1 for t in label), default=1)
    return len(label) * max(0.17, baris_teks * HURUF_KATEGORI * 1.2 / 72 + 0.05)
