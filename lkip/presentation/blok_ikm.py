"""The IKM-change block, rendered the same way in the report chapter (03) and the exploration
notebook: sentences, tables and charts of :mod:`lkip.model.ikm_perubahan` and
:mod:`lkip.model.ikm_rinci`.

Both callers pass the same plain values and tables (the report from ``Laporan``, the notebook
from the same model functions), so the two cannot drift apart. ``nomor`` (e.g. "3.2.1") numbers
the captions in the report; the notebook leaves it None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from lkip.formulas import ikm_sel, komentar
from lkip.inputs.kolom_skm import KOLOM_KOMENTAR
from lkip.model.ikm_perubahan import LABEL_SELANG
from lkip.presentation import display as d
from lkip.presentation import grafik_ikm, kalimat_ikm, tabel_ikm, tabel_ikm_rinci


def _judul(jenis: str, nomor: str | None, urut: int, teks: str) -> str:
    return f"{jenis} {nomor}.{urut} : {teks}" if nomor else teks


def perubahan(
    ubah: Mapping[str, Any],
    tabel: Mapping[str, pd.DataFrame],
    rinci: Mapping[str, Any] | None,
    nomor: str | None = None,
) -> None:
    """The whole block: total, per unsur, per segment (Kitagawa), bootstrap, then when, where,
    what people wrote and whether it is real, and finally what cannot be concluded."""
    lalu, kini = ubah["tahun_lalu"], ubah["tahun_kini"]
    catatan = [kalimat_ikm.beda_total(c) for c in ubah.get("catatan", [])]
    for k in [*kalimat_ikm.perubahan(ubah, tabel), *catatan]:
        d.kalimat(k)
    if "ikm_perubahan_unsur" in tabel:
        d.tabel(
            tabel_ikm.perubahan_unsur(tabel["ikm_perubahan_unsur"], lalu, kini),
            _judul(
                "Tabel",
                nomor,
                2,
                f"Sumbangan tiap unsur terhadap perubahan IKM tahun {lalu} ke {kini}",
            ),
            angka=[f"NRR {lalu}", f"NRR {kini}", "Perubahan NRR", "Sumbangan ke perubahan IKM"],
        )
        d.gambar(
            grafik_ikm.waterfall_ikm(tabel["ikm_waterfall"]),
            _judul(
                "Gambar",
                nomor,
                2,
                f"Perubahan IKM dari tahun {lalu} ke {kini} menurut unsur pelayanan",
            ),
        )
    for kolom, bagian in ubah.get("segmen", {}).items():
        seg = tabel["ikm_segmen"][tabel["ikm_segmen"]["kolom"] == kolom]
        nama = tabel_ikm.nama_kolom(kolom).lower()
        per_kelompok = tabel_ikm.segmen(seg, lalu, kini)
        d.tabel(
            per_kelompok,
            _judul("Tabel", nomor, 3, f"Responden dan IKM menurut {nama} tahun {lalu} dan {kini}"),
            angka=list(per_kelompok.columns[1:]),
            catatan=tabel_ikm.CATATAN_SEGMEN,
        )
        d.gambar(
            grafik_ikm.segmen_ikm(seg, lalu, kini, nama),
            _judul("Gambar", nomor, 3, f"Porsi responden dan IKM menurut {nama}"),
        )
        d.tabel(
            tabel_ikm.kitagawa(bagian),
            _judul(
                "Tabel",
                nomor,
                4,
                f"Dekomposisi perubahan IKM menurut {nama} "
                "(Kitagawa): komposisi dan perubahan di dalam kelompok",
            ),
            angka=["Poin"],
        )
    if ubah.get("selang_delta"):
        d.tabel(
            tabel_ikm.selang(ubah),
            _judul("Tabel", nomor, 5, f"IKM dan perubahannya dengan {LABEL_SELANG}"),
            angka=["Nilai"],
        )
    if rinci is not None:
        rincian(rinci, tabel, nomor)
    batasan = [kalimat_ikm.batasan_perubahan(b) for b in ubah["batasan"]]
    if rinci is not None:
        batasan += [
            kalimat_ikm.batasan(k, rinci["segmen"], rinci["tahun_lalu"]) for k in rinci["batasan"]
        ]
    if batasan:
        d.paragraf("**Yang tidak dapat disimpulkan dari data yang tersedia:**")
        d.daftar(batasan, bernomor=False)


def _posisi_ubah(periode: pd.DataFrame, titik: Mapping[str, Any], satuan: str) -> int | None:
    """Index in the charted periods of the first one after the change month; None when the
    change falls inside a quarter."""
    b = titik["bulan_ubah"]
    if satuan == "triwulan":
        if (b - 1) % 3:
            return None
        b = (b - 1) // 3 + 1
    data = periode.dropna(subset=["ikm"]).reset_index(drop=True)
    cocok = data.index[data["periode"] == b].tolist()
    return cocok[0] if cocok else None


def rincian(rinci: Mapping[str, Any], tabel: Mapping[str, pd.DataFrame], nomor: str | None) -> None:
    """When, where, what people wrote, is it real (:func:`lkip.model.ikm_rinci.analisis_rinci`)."""
    lalu, kini = rinci["tahun_lalu"], rinci["tahun_kini"]
    w = rinci.get("waktu")
    if w is not None and "ikm_periode" in tabel:
        satuan = "bulan" if w["satuan"] == "bulan" else "triwulan"
        d.paragraf(f"**Kapan IKM berubah: IKM per {satuan} tahun {kini}**")
        for k in kalimat_ikm.waktu(w, kini):
            d.kalimat(k)
        periode = tabel["ikm_periode"]
        d.tabel(
            tabel_ikm_rinci.periode(periode),
            _judul(
                "Tabel",
                nomor,
                6,
                f"IKM per {satuan} tahun {kini} dengan jumlah responden dan selang bootstrap",
            ),
            angka=["Responden", "IKM"],
        )
        titik = dict(w["titik"]) if w.get("titik") else None
        if titik is not None:
            posisi = _posisi_ubah(periode, titik, w["satuan"])
            if posisi is not None:
                titik["periode_ubah"] = posisi
        ikm_tahun = rinci["ikm_kini"]
        d.gambar(
            grafik_ikm.run_chart(periode, ikm_tahun, titik, f"IKM per {satuan} {kini}"),
            _judul("Gambar", nomor, 4, f"IKM per {satuan} tahun {kini} (run chart)"),
        )
    s = rinci.get("sel")
    if s is not None and "ikm_sel" in tabel:
        nama = kalimat_ikm.nama_kolom(s["kolom"])
        d.paragraf(f"**Di mana IKM berubah: {nama} × unsur**")
        for k in kalimat_ikm.sel(s, lalu, kini):
            d.kalimat(k)
        sel = tabel["ikm_sel"]
        d.gambar(
            grafik_ikm.heatmap_sel(ikm_sel.matriks_delta_nrr(sel), f"Perubahan NRR {lalu}–{kini}"),
            _judul("Gambar", nomor, 5, f"Perubahan NRR menurut {nama} dan unsur, {lalu} ke {kini}"),
        )
        turun = ikm_sel.sel_penurun(sel)
        if len(turun):
            d.tabel(
                tabel_ikm_rinci.sel_turun(turun, lalu, kini),
                _judul("Tabel", nomor, 7, f"Sel {nama} × unsur yang paling menurunkan IKM"),
                angka=[f"NRR {lalu}", f"NRR {kini}", "Perubahan NRR", "Sumbangan ke perubahan IKM"],
            )
        per_kelompok = tabel_ikm_rinci.sel_segmen(tabel["ikm_sel_segmen"], lalu, kini)
        d.tabel(
            per_kelompok,
            _judul(
                "Tabel",
                nomor,
                8,
                f"Perubahan IKM menurut {nama}: di dalam kelompok "
                "(jumlah seluruh unsur) dan pergeseran komposisi",
            ),
            angka=list(per_kelompok.columns[1:]),
        )
    k = rinci.get("komentar")
    if k is not None and "ikm_komentar" in tabel:
        d.paragraf(f"**Apa yang ditulis responden {kini}**")
        for teks in kalimat_ikm.komentar(k, kini):
            d.kalimat(teks)
        urut = 9
        for kolom, judul in (("periode", "periode"), ("jenis_layanan", "jenis layanan")):
            if (tabel["ikm_komentar"]["kolom"] == kolom).any():
                jumlah = tabel_ikm_rinci.komentar(tabel["ikm_komentar"], kolom)
                d.tabel(
                    jumlah,
                    _judul(
                        "Tabel",
                        nomor,
                        urut,
                        f"Jumlah komentar {kini} per unsur yang dibicarakan dan {judul}",
                    ),
                    angka=list(jumlah.columns[1:]),
                )
                urut += 1
    u = rinci.get("uji")
    if u is not None:
        d.paragraf("**Apakah perubahan ini nyata?**")
        for teks in kalimat_ikm.uji(u):
            d.kalimat(teks)
        d.tabel(
            tabel_ikm_rinci.uji(u),
            _judul("Tabel", nomor, 11, f"Uji perubahan IKM {lalu} ke {kini}"),
            angka=["Nilai"],
        )


def contoh_komentar(
    responden: pd.DataFrame,
    kata_kunci: Mapping[str, Any],
    unsur: str | None = None,
    banyak: int = 5,
) -> None:
    """A few comments as written (exploration only; the report states counts), each shown as
    escaped text, never as markup. ``unsur`` keeps those that speak of it."""
    if KOLOM_KOMENTAR not in responden.columns:
        d.kalimat("Data responden tidak memuat komentar.")
        return
    teks = responden[KOLOM_KOMENTAR].dropna().astype(str)
    teks = teks[teks.str.strip() != ""]
    if unsur is not None:
        teks = teks[[unsur in komentar.unsur_komentar(t, kata_kunci) for t in teks]]
    judul = f" tentang {kalimat_ikm.unsur(unsur)}" if unsur else ""
    d.paragraf(f"**Contoh komentar{judul}** ({len(teks)} komentar; ditampilkan apa adanya)")
    for t in teks.head(banyak):
        d.kalimat(f"“{t}”")
