"""The processed year: the report model with its reviu, kept in ``data/processed/<year>/``.

``susun`` computes it from ``data/raw`` (the model, then the reviu of its printed figures);
``muat`` is what a notebook calls: the processed tables, rebuilt when the raw inputs or the
lkip sources changed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lkip.core.errors import DataTidakValid
from lkip.core.paths import available_years, processed_dir
from lkip.core.sidik import sidik_kode, sidik_mentah
from lkip.formulas import anggaran as agr
from lkip.formulas.pegawai import rekap_pegawai, total_konsisten
from lkip.inputs.tahun import muat_tahun, periksa_kode, periksa_nama_desa
from lkip.model.laporan import Konvensi, Laporan, _responden, hitung_kinerja, hitung_skm


def susun(tahun: int, root: Path | None = None) -> Laporan:
    """Compute the whole report content for ``tahun`` from ``data/raw``."""
    mentah = muat_tahun(tahun, root)
    konvensi = Konvensi.dari_profil(mentah.profil)
    tahun_ada = [t for t in available_years(root) if t < tahun]
    riwayat = {t: muat_tahun(t, root, wajib_lengkap=False) for t in tahun_ada}
    if tahun - 1 in riwayat:
        sebelum = riwayat[tahun - 1]
        if masalah := periksa_kode(sebelum, mentah) + periksa_nama_desa(sebelum, mentah):
            raise DataTidakValid(tahun, masalah)
    responden = {t: r for t in [*tahun_ada, tahun] if (r := _responden(t, root)) is not None}
    per_tahun: dict[int, pd.DataFrame] = {}
    for t in tahun_ada:
        per_tahun[t], _, _ = hitung_kinerja(
            riwayat[t], riwayat.get(t - 1), konvensi, responden.get(t)
        )
    kinerja, nilai, extra = hitung_kinerja(
        mentah, riwayat.get(tahun - 1), konvensi, responden.get(tahun)
    )
    per_tahun[tahun] = kinerja
    nilai_skm, extra_skm = hitung_skm(
        tahun, mentah, riwayat.get(tahun - 1), per_tahun, responden, konvensi
    )
    nilai |= nilai_skm
    extra |= extra_skm

    lalu = per_tahun.get(tahun - 1)
    if lalu is not None:
        kolom = ["target", "realisasi", "capaian", "huruf_target", "huruf_realisasi"]
        prev = lalu.set_index("kode")[kolom]
        prev.columns = [f"{c}_lalu" for c in kolom]
        kinerja = kinerja.merge(prev, left_on="kode", right_index=True, how="left")
    else:
        for c in ("target_lalu", "realisasi_lalu", "capaian_lalu"):
            kinerja[c] = float("nan")
        kinerja["huruf_target_lalu"] = kinerja["huruf_realisasi_lalu"] = None

    tren = pd.concat([df.assign(tahun=t) for t, df in sorted(per_tahun.items())], ignore_index=True)

    tabel: dict[str, pd.DataFrame] = {"kinerja": kinerja, "tren": tren} | extra
    rinci = mentah.anggaran.copy()
    tabel["anggaran_rinci"] = agr.rekap(rinci, ["sasaran", "program", "kegiatan", "sub_kegiatan"])
    tabel["anggaran_program"] = agr.rekap(rinci, ["program"])
    tabel["anggaran_sasaran"] = agr.rekap(rinci, ["sasaran"])
    tabel["anggaran_sasaran_program"] = agr.rekap(rinci, ["sasaran", "program"])
    tabel["anggaran_total"] = agr.rekap(rinci, [])
    if mentah.pegawai is not None:
        tabel["pegawai"] = mentah.pegawai
        tabel["pegawai_rekap"] = rekap_pegawai(mentah.pegawai).assign(
            konsisten=total_konsisten(mentah.pegawai)
        )
    nilai["tahun_tersedia"] = sorted(per_tahun)
    laporan = Laporan(
        tahun=tahun,
        profil=mentah.profil,
        narasi=mentah.narasi,
        konvensi=konvensi,
        tabel=tabel,
        nilai=nilai,
        sumber=sidik_mentah(tahun, root),
    )
    _tambah_reviu(laporan, root)
    return laporan


def _tambah_reviu(laporan: Laporan, root: Path | None) -> None:
    """The reviu of the printed figures (dilaporkan.csv, when there is one) and the internal
    checks, computed with everything else so the Lampiran and reviu.csv read the same table."""
    from lkip import reviu

    dilaporkan = reviu.baca_dilaporkan(laporan, root)
    laporan.tabel["reviu"] = reviu.reviu(laporan, dilaporkan)
    laporan.nilai["reviu_dilaporkan"] = dilaporkan is not None


def muat(tahun: int | None = None, root: Path | None = None) -> Laporan:
    """The report content for a notebook: processed tables, rebuilt if the raw inputs changed.

    ``tahun`` None means the latest year in ``data/raw``.
    """
    if tahun is None:
        tahun = available_years(root)[-1]
    folder = processed_dir(tahun, root)
    if (folder / "laporan.json").exists():
        laporan = Laporan.baca(folder)
        if laporan.sumber == sidik_mentah(tahun, root) and laporan.kode == sidik_kode():
            return laporan
    laporan = susun(tahun, root)
    laporan.simpan(folder)
    return Laporan.baca(folder)
