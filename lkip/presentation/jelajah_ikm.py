"""The exploration notebook's IKM-change view and its controls (ipywidgets).

:func:`jelajahi` draws, for one choice of year pair, segment, service, unsur and quarter, the
same block the report prints (:func:`lkip.presentation.blok_ikm.perubahan`) plus verbatim
comment examples; :func:`panel` offers those choices as dropdowns and redraws on change. The
notebook calls :func:`jelajahi` once with its papermill parameters, so it executes top to bottom
unattended.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
from IPython.display import clear_output

from lkip.formulas.ikm import UNSUR
from lkip.formulas.ikm_waktu import NAMA_TRIWULAN
from lkip.model import ikm_rinci, skm_tahun
from lkip.model.sumber_skm import muat_sumber, tahun_sumber
from lkip.presentation import blok_ikm, kalimat_ikm, tabel_ikm_rinci
from lkip.presentation import display as d


def jelajahi(
    S: skm_tahun.SumberSkm,
    segmen: str = "kanal",
    rinci: str = "jenis_layanan",
    layanan: str = ikm_rinci.SEMUA,
    unsur: str | None = None,
    triwulan: int | None = None,
) -> None:
    """The change from ``S.tahun − 1`` to ``S.tahun`` for the chosen respondents."""
    t = S.tahun
    pilihan = []
    if layanan != ikm_rinci.SEMUA:
        pilihan.append(f"layanan {layanan}")
    if triwulan:
        pilihan.append(f"{NAMA_TRIWULAN[triwulan - 1]} kedua tahun")
    judul = f"Perubahan IKM dari tahun {t - 1} ke {t}"
    d.subbab(judul + (f" ({', '.join(pilihan)})" if pilihan else ""))
    if S.kini is None:
        d.kalimat(f"Tidak ada data SKM tahun {t}: tidak ada yang dapat dianalisis.")
        return
    if pilihan and S.kini.responden is None:
        d.kalimat("Pilihan layanan atau triwulan membutuhkan data per responden tahun ini.")
    try:
        p = ikm_rinci.pilihan(S, segmen, rinci, layanan, triwulan)
    except ValueError as e:  # e.g. a chosen service where some unsur got no answer
        d.kalimat(f"Pilihan ini tidak dapat dianalisis: {e}.")
        return
    blok_ikm.perubahan(p.ubah, p.tabel, p.rinci)
    if p.kini.responden is not None:
        if unsur and "ikm_sel" in p.tabel:
            sel = p.tabel["ikm_sel"]
            sel = sel[sel["unsur"] == unsur].sort_values("dalam")
            d.tabel(
                tabel_ikm_rinci.sel_turun(sel, t - 1, t),
                f"{kalimat_ikm.unsur(unsur)} menurut {kalimat_ikm.nama_kolom(rinci)}",
            )
        blok_ikm.contoh_komentar(p.kini.responden, p.kata_kunci, unsur)


def panel(
    tahun: int,
    sumber_data: str | Path | None = None,
    segmen: str = "kanal",
    rinci: str = "jenis_layanan",
) -> widgets.Widget:
    """Dropdowns for year, segment (Kitagawa), segment × unsur column, service, unsur and
    quarter; any change redraws :func:`jelajahi` below them."""
    S = muat_sumber(tahun, sumber_data)
    ada = [x.responden for x in (S.lalu, S.kini) if x is not None and x.responden is not None]
    kolom = skm_tahun.kolom_segmen(*ada) if ada else [segmen]
    layanan = [ikm_rinci.SEMUA]
    if S.kini is not None and S.kini.responden is not None and "jenis_layanan" in S.kini.responden:
        layanan += sorted(S.kini.responden["jenis_layanan"].dropna().unique().tolist())
    pilih = {
        "tahun": widgets.Dropdown(
            options=tahun_sumber(sumber_data), value=tahun, description="Tahun"
        ),
        "segmen": widgets.Dropdown(
            options=kolom, value=segmen if segmen in kolom else kolom[0], description="Segmen"
        ),
        "rinci": widgets.Dropdown(
            options=kolom, value=rinci if rinci in kolom else kolom[0], description="× unsur"
        ),
        "layanan": widgets.Dropdown(options=layanan, description="Layanan"),
        "unsur": widgets.Dropdown(
            options=[(ikm_rinci.SEMUA, None)] + [(f"{k} {n}", k) for k, n in UNSUR],
            description="Unsur",
        ),
        "triwulan": widgets.Dropdown(
            options=[("Sepanjang tahun", None)] + [(n, i) for i, n in enumerate(NAMA_TRIWULAN, 1)],
            description="Periode",
        ),
    }
    keluar = widgets.Output()

    def gambar_ulang(_: object = None) -> None:
        with keluar:
            clear_output(wait=True)
            nilai = {k: w.value for k, w in pilih.items()}
            jelajahi(muat_sumber(nilai.pop("tahun"), sumber_data), **nilai)

    for w in pilih.values():
        w.observe(gambar_ulang, names="value")
    baris = [widgets.HBox(list(pilih.values())[i : i + 3]) for i in (0, 3)]
    return widgets.VBox([*baris, keluar])
