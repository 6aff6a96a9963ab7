"""Computing a year's report content from its raw files (and earlier years', for comparisons).

Kept apart from :mod:`lkip.model.laporan` (the result, and reading it back), so that a notebook
reading the processed tables does not load the inputs layer (pandera, pydantic, the
spreadsheet readers).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from lkip.core.errors import DataTidakValid, Masalah
from lkip.core.paths import folder_tahun, tahun_tersedia
from lkip.formulas import anggaran as agr
from lkip.formulas import ikm as ikm_mod
from lkip.formulas.capaian import capaian, tercapai
from lkip.formulas.idm import IDM_2016, persentase_meningkat, perubahan_idm
from lkip.formulas.pegawai import rekap_pegawai, total_konsisten
from lkip.formulas.predikat import predikat_capaian
from lkip.formulas.skm import kecukupan_sampel
from lkip.inputs.ikm_rinci import baca_kata_kunci
from lkip.inputs.responden import baca_responden, berkas_responden
from lkip.inputs.tahun import TahunMentah, muat_tahun, periksa_kode, periksa_nama_desa
from lkip.model import ikm_rinci, skm_tahun
from lkip.model.laporan import Konvensi, Laporan, huruf_skala, predikat_skala


def _ikm_tahun(
    mentah: TahunMentah, konvensi: Konvensi, responden: pd.DataFrame | None = None
) -> tuple[float | None, pd.DataFrame | None]:
    """IKM and unsur table from respondents when given, else from ``skm_unsur.csv``."""
    unsur = skm_tahun.tabel_unsur(responden, mentah.skm_unsur, mentah.tahun)
    if unsur is None:
        return None, None
    return ikm_mod.ikm(unsur["nrr"].tolist(), bobot=konvensi.bobot_ikm), unsur


def _realisasi(row: pd.Series, ikm_nilai: float | None, persen_idm: float | None) -> float | None:
    if row["sumber"] == "skm":
        return ikm_nilai
    if row["sumber"] == "idm":
        return persen_idm
    v = row["realisasi"]
    return None if pd.isna(v) else float(v)


def hitung_kinerja(
    mentah: TahunMentah,
    lalu: TahunMentah | None,
    konvensi: Konvensi,
    responden: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, Any], dict[str, pd.DataFrame]]:
    """The indicator table of one year, with computed realisasi, capaian and letters.

    ``responden`` (``skm_responden.*``) replaces ``skm_unsur.csv`` as the IKM source.
    """
    ikm_nilai, unsur = _ikm_tahun(mentah, konvensi, responden)
    idm_tabel = None
    persen_idm = None
    if mentah.idm is not None:
        idm_lalu = lalu.idm if lalu is not None else None
        idm_tabel = perubahan_idm(idm_lalu, mentah.idm, IDM_2016)
        persen_idm = persentase_meningkat(idm_tabel)

    k = mentah.kinerja.copy()
    if "skala" not in k.columns:
        k["skala"] = None
    k["realisasi"] = [_realisasi(r, ikm_nilai, persen_idm) for _, r in k.iterrows()]
    k["capaian"] = [
        capaian(_f(r.target), _f(r.realisasi), r.polaritas, konvensi.capaian_turun,
                konvensi.batas_capaian)
        for r in k.itertuples()
    ]  # fmt: skip
    skala = konvensi.skala()
    k["predikat"] = [predikat_capaian(_f(v), skala) for v in k["capaian"]]
    k["tercapai"] = pd.array(
        [tercapai(_f(r.target), _f(r.realisasi), r.polaritas) for r in k.itertuples()],
        dtype="boolean",
    )
    k["capaian_akhir"] = [
        capaian(_f(r.target_akhir), _f(r.realisasi), r.polaritas, konvensi.capaian_turun,
                konvensi.batas_capaian)
        for r in k.itertuples()
    ]  # fmt: skip
    for kolom in ("target", "realisasi", "target_akhir"):
        k[f"huruf_{kolom}"] = [
            huruf_skala(s, _f(v)) for s, v in zip(k["skala"], k[kolom], strict=True)
        ]
    k["interpretasi_realisasi"] = [
        None if (p := predikat_skala(s, _f(v))) is None else p[1]
        for s, v in zip(k["skala"], k["realisasi"], strict=True)
    ]
    nilai = {"ikm": ikm_nilai, "persen_idm_meningkat": persen_idm}
    if ikm_nilai is not None:
        m = ikm_mod.mutu(ikm_nilai)
        nilai |= {"mutu_ikm": m.huruf, "kinerja_ikm": m.kinerja}
    extra = {}
    if unsur is not None:
        extra["skm_unsur"] = unsur
    if idm_tabel is not None:
        extra["idm"] = idm_tabel
    return k, nilai, extra


def _f(v: Any) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _responden(tahun: int, root: Path | None) -> pd.DataFrame | None:
    path = berkas_responden(folder_tahun(tahun, root))
    return None if path is None else baca_responden(path)


def hitung_skm(
    tahun: int,
    mentah: TahunMentah,
    lalu: TahunMentah | None,
    per_tahun: dict[int, pd.DataFrame],
    responden: dict[int, pd.DataFrame],
    konvensi: Konvensi,
    root: Path | None = None,
) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """Respondent count, profile and sample adequacy, and the IKM change since last year
    (with respondents: when, where, comments and tests, :mod:`lkip.model.ikm_rinci`).

    Last year contributes whatever it has: respondents, unsur NRR, or only the IKM indicator's
    total (2022: 94); :func:`lkip.model.ikm_perubahan.analisis_perubahan` says what cannot be
    concluded.
    """
    nilai: dict[str, Any] = {}
    tabel: dict[str, pd.DataFrame] = {}
    resp = responden.get(tahun)
    if resp is not None:
        nilai["skm_responden"] = len(resp)
        populasi = skm_tahun.pengguna_layanan(mentah.profil, tahun)
        nilai["skm_kecukupan"] = kecukupan_sampel(len(resp), populasi)
        tabel["skm_profil"] = skm_tahun.profil(resp)
    kini = skm_tahun.data_skm(tahun, resp, mentah.skm_unsur, per_tahun.get(tahun))
    if kini is None:
        return nilai, tabel
    nilai["skm_sumber"] = kini.tingkat
    sebelum = (
        skm_tahun.data_skm(
            tahun - 1, responden.get(tahun - 1), lalu.skm_unsur, per_tahun.get(tahun - 1)
        )
        if lalu is not None
        else None
    )
    h = skm_tahun.analisis(sebelum, kini, ("kanal",), konvensi.bobot_ikm)
    nilai["ikm_perubahan"] = skm_tahun.ringkas(h, sebelum, kini, tahun - 1)
    nilai["ikm_perubahan"]["catatan"] = [
        c
        for d in (sebelum, kini)
        if d is not None and (c := skm_tahun.beda_total(d, konvensi.bobot_ikm))
    ]
    tabel |= ikm_rinci.tabel_perubahan(h)
    if kini.responden is not None:
        nilai["ikm_rinci"], tabel_rinci = ikm_rinci.analisis_rinci(
            sebelum,
            kini,
            baca_kata_kunci(folder_tahun(tahun, root)),
            bobot=konvensi.bobot_ikm,
            berkas=f"{tahun}/{berkas_responden(folder_tahun(tahun, root)).name}",
        )
        tabel |= tabel_rinci
    return nilai, tabel


def baca_masukan(
    tahun: int, root: Path | None = None
) -> tuple[TahunMentah, dict[int, TahunMentah], dict[int, pd.DataFrame]]:
    """The raw inputs a report of ``tahun`` reads: the year itself, every earlier year found
    (history, for comparisons) and each year's SKM respondents. The report and the IKM
    exploration both read ``data/raw`` through here.

    Every file's problems are reported at once: each reader's are gathered, then raised
    together."""
    masalah: list[Masalah] = []

    def kumpul(baca: Callable[[], Any]) -> Any:
        try:
            return baca()
        except DataTidakValid as e:
            masalah.extend(e.masalah)
            return None

    tahun_ada = [t for t in tahun_tersedia(root) if t < tahun]
    mentah = kumpul(lambda: muat_tahun(tahun, root))
    riwayat = {
        t: r
        for t in tahun_ada
        if (r := kumpul(lambda t=t: muat_tahun(t, root, wajib_lengkap=False))) is not None
    }
    responden = {
        t: r
        for t in [*tahun_ada, tahun]
        if (r := kumpul(lambda t=t: _responden(t, root))) is not None
    }
    if mentah is not None and tahun - 1 in riwayat:
        sebelum = riwayat[tahun - 1]
        masalah += periksa_kode(sebelum, mentah) + periksa_nama_desa(sebelum, mentah)
    if masalah or mentah is None:
        raise DataTidakValid(tahun, masalah)
    return mentah, riwayat, responden


def _rekonsiliasi(anggaran: pd.DataFrame) -> pd.DataFrame:
    """The program and sasaran groupings' totals, and whether both give the grand total
    (:func:`lkip.formulas.anggaran.rekonsiliasi`), as the report states it."""
    rek = agr.rekonsiliasi(anggaran)
    baris = [
        {"kelompok": k, "pagu": int(rek[f"per_{k}"]["pagu"].sum()),
         "realisasi": int(rek[f"per_{k}"]["realisasi"].sum())}
        for k in ("program", "sasaran")
    ]  # fmt: skip
    return pd.DataFrame(baris).assign(sesuai=rek["sesuai"])


def hitung_laporan(tahun: int, root: Path | None, sumber: dict[str, str]) -> Laporan:
    """Compute the whole report content for ``tahun`` from ``data/raw`` (``sumber``: the
    fingerprint of the raw inputs it was computed from, kept to tell when it is stale)."""
    mentah, riwayat, responden = baca_masukan(tahun, root)
    konvensi = Konvensi.dari_profil(mentah.profil)
    per_tahun: dict[int, pd.DataFrame] = {}
    for t in riwayat:
        per_tahun[t], _, _ = hitung_kinerja(
            riwayat[t], riwayat.get(t - 1), konvensi, responden.get(t)
        )
    kinerja, nilai, extra = hitung_kinerja(
        mentah, riwayat.get(tahun - 1), konvensi, responden.get(tahun)
    )
    per_tahun[tahun] = kinerja
    nilai_skm, extra_skm = hitung_skm(
        tahun, mentah, riwayat.get(tahun - 1), per_tahun, responden, konvensi, root
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
    tabel["anggaran_rekonsiliasi"] = _rekonsiliasi(rinci)
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
        sumber=sumber,
    )
    return laporan
