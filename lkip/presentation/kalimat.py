"""Sentences of the report that contain figures: generated from the computed tables.

The prose in ``narasi.yaml`` is qualitative; every sentence carrying a number is built here so
that the text can never disagree with the tables.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from lkip.core import fmt
from lkip.formulas.capaian import KONVENSI_TEKS


def nilai_indikator(row: pd.Series, kolom: str) -> str:
    """A target or realisasi as printed: with its letter (A (82,4)) or unit (8 menit)."""
    huruf = row.get(f"huruf_{kolom}")
    if isinstance(row.get("skala"), str) and row.get("skala"):
        return fmt.dengan_huruf(huruf, row[kolom])
    return fmt.nilai(row[kolom], row["satuan"])


def nilai_lalu(row: pd.Series, kolom: str = "realisasi") -> str:
    """Last year's realisasi (or target) as printed, with its own letter."""
    lalu = row.copy()
    lalu[kolom], lalu[f"huruf_{kolom}"] = row[f"{kolom}_lalu"], row[f"huruf_{kolom}_lalu"]
    return nilai_indikator(lalu, kolom)


def status_target(row: pd.Series) -> str:
    """Whether the target was met, in words; independent of the capaian convention."""
    if pd.isna(row["target"]):
        return "tidak memiliki target"
    if pd.isna(row["realisasi"]):
        return "belum ada realisasi"
    return "mencapai target" if bool(row["tercapai"]) else "belum mencapai target"


def capaian_tahun(row: pd.Series, tahun: int) -> str:
    """E.g. "Pada tahun 2023, target 10 menit dan terealisasi 8 menit, capaian 125 % (...)"."""
    if pd.isna(row["target"]):
        return (
            f"Pada tahun {tahun} indikator ini tidak memiliki target; "
            f"realisasinya {nilai_indikator(row, 'realisasi')}."
        )
    return (
        f"Pada tahun {tahun}, target {nilai_indikator(row, 'target')} dan terealisasi "
        f"{nilai_indikator(row, 'realisasi')}, capaian {fmt.persen(row['capaian'])} "
        f"({status_target(row)})."
    )


def capaian_ringkas(row: pd.Series, tahun: int) -> str:
    """The Ikhtisar's line per sasaran."""
    return (
        f"Pada {row['tingkat']} {row['sasaran']} tahun {tahun}, target "
        f"{nilai_indikator(row, 'target')} dan terealisasi {nilai_indikator(row, 'realisasi')}, "
        f"capaian {fmt.persen(row['capaian'])} ({status_target(row)})."
    )


def banding_tahun_lalu(row: pd.Series, tahun: int) -> str | None:
    """How this year's realisasi compares with last year's, in the indicator's own direction."""
    kini, lalu = row["realisasi"], row.get("realisasi_lalu")
    if pd.isna(kini) or lalu is None or pd.isna(lalu):
        return None
    selisih = float(kini) - float(lalu)
    if selisih == 0:
        arah = "sama dengan"
    else:
        membaik = (selisih > 0) == (row["polaritas"] == "naik")
        arah = "lebih baik daripada" if membaik else "lebih buruk daripada"
    besar = fmt.nilai(abs(selisih), row["satuan"])
    teks = f"Realisasi tahun {tahun} {arah} tahun {tahun - 1} ({nilai_indikator(row, 'realisasi')}"
    teks += f" dibanding {nilai_lalu(row)}"
    return teks + (f", selisih {besar})." if selisih else ").")


def memburuk(row: pd.Series) -> bool:
    """True when realisasi moved the wrong way since last year (down for naik, up for turun)."""
    kini, lalu = row["realisasi"], row.get("realisasi_lalu")
    if fmt.kosong(kini) or fmt.kosong(lalu):
        return False
    return float(kini) < float(lalu) if row["polaritas"] == "naik" else float(kini) > float(lalu)


def konvensi_turun(konvensi: str) -> str:
    return KONVENSI_TEKS[konvensi]


def daftar_nama(nama: list[str]) -> str:
    """Join names the Indonesian way: "A", "A dan B", "A, B dan C"."""
    if not nama:
        return ""
    if len(nama) == 1:
        return nama[0]
    return ", ".join(nama[:-1]) + " dan " + nama[-1]


def ringkasan_idm(idm: pd.DataFrame, tahun: int) -> list[str]:
    """Sentences on the desa table: how many rose, which changed status, which fell."""
    banding = idm[idm["meningkat"].notna()]
    naik = banding[banding["meningkat"].astype(bool)]
    kalimat = [
        f"Dari {fmt.terbilang_jumlah(len(banding))} desa yang memiliki skor IDM tahun "
        f"{tahun - 1} dan {tahun}, {fmt.terbilang_jumlah(len(naik))} desa meningkat IDM-nya."
    ]
    berubah = banding[banding["status_lalu"] != banding["status_kini"]]
    for (lama, baru), grup in berubah.groupby(["status_lalu", "status_kini"], sort=False):
        kalimat.append(
            f"Status Desa {daftar_nama(list(grup['desa']))} berubah dari {lama} pada tahun "
            f"{tahun - 1} menjadi {baru} pada tahun {tahun}."
        )
    turun = banding[~banding["meningkat"].astype(bool)]
    for r in turun.itertuples():
        kalimat.append(
            f"Skor IDM Desa {r.desa} tidak meningkat: {fmt.angka(r.skor_lalu, 4)} pada tahun "
            f"{tahun - 1} dan {fmt.angka(r.skor_kini, 4)} pada tahun {tahun}."
        )
    hanya = idm[idm["meningkat"].isna()]
    if len(hanya):
        kalimat.append(
            f"Desa {daftar_nama(list(hanya['desa']))} hanya memiliki skor pada salah satu tahun "
            "dan tidak ikut dihitung."
        )
    return kalimat


def efisiensi_keterangan(tercapai: Any, efisiensi: Any) -> str:
    """The seed's rule: a sasaran is efficient when its target was met with budget left over."""
    if pd.isna(efisiensi):
        return fmt.KOSONG
    if tercapai is True or (not pd.isna(tercapai) and bool(tercapai)):
        return f"Efisien {fmt.persen(efisiensi)}" if efisiensi > 0 else "Tidak ada sisa anggaran"
    return "Target kinerja belum tercapai"


JUDUL_ANALISIS = {
    "keberhasilan": "Faktor keberhasilan pada indikator {indikator}:",
    "penurunan": "Penyebab penurunan dibanding tahun sebelumnya:",
    "upaya": "Upaya yang akan dilakukan untuk mempertahankan dan meningkatkan capaian:",
    "program_pendukung": "Program dan kegiatan yang menunjang indikator ini:",
}
# The factors' heading (in place of JUDUL_ANALISIS["keberhasilan"]) when the target was
# missed, and when there was none to meet.
JUDUL_BELUM_TERCAPAI = "Faktor penyebab belum tercapainya target pada indikator {indikator}:"
JUDUL_TANPA_TARGET = "Faktor yang memengaruhi capaian indikator {indikator}:"


def judul_analisis(kunci: str, row: pd.Series) -> str:
    """The heading over one part of an indicator's analysis (narasi.yaml, ``analisis``).

    The factors (``keberhasilan``) are headed by what the figures say: success factors only
    when the target was met. An office's text may tell of success where the capaian computed
    from its data fell short; the heading then says so, and the analyst sees the two
    disagree.
    """
    judul = JUDUL_ANALISIS[kunci]
    if kunci == "keberhasilan":
        tercapai = row.get("tercapai")
        if fmt.kosong(tercapai):
            judul = JUDUL_TANPA_TARGET
        elif not bool(tercapai):
            judul = JUDUL_BELUM_TERCAPAI
    return judul.format(indikator=row["indikator"])


def anggaran_total(total: pd.Series, tahun: int) -> str:
    return (
        f"Pagu anggaran tahun {tahun} sebesar {fmt.rupiah(total['pagu'])} terealisasi "
        f"{fmt.rupiah(total['realisasi'])}, sehingga capaian kinerja anggaran (serapan) "
        f"{fmt.persen(total['serapan'])} dengan sisa anggaran {fmt.rupiah(total['sisa'])}."
    )


def rekonsiliasi(rek: pd.DataFrame) -> str:
    """Whether the per-program and per-sasaran groupings give the same grand total (the model's
    ``anggaran_rekonsiliasi`` table)."""
    per = rek.set_index("kelompok")
    program, sasaran = per.loc["program"], per.loc["sasaran"]
    if rek["sesuai"].all():
        return (
            "Jumlah per program dan jumlah per sasaran sama-sama berasal dari rincian sub "
            f"kegiatan yang sama: pagu {fmt.rupiah(program['pagu'])} dan realisasi "
            f"{fmt.rupiah(program['realisasi'])}."
        )
    return (
        f"PERHATIAN: jumlah per program (pagu {fmt.rupiah(program['pagu'])}, realisasi "
        f"{fmt.rupiah(program['realisasi'])}) tidak sama dengan jumlah per sasaran (pagu "
        f"{fmt.rupiah(sasaran['pagu'])}, realisasi {fmt.rupiah(sasaran['realisasi'])})."
    )


def pegawai(rekap: pd.DataFrame) -> str:
    """The headcount sentence from :func:`lkip.formulas.pegawai.rekap_pegawai`'s table."""
    per = rekap.set_index("kelompok")["jumlah"]
    jumlah = int(per.get("golongan", per.max()))
    teks = f"Jumlah seluruh pegawai sebanyak {jumlah} orang."
    if not rekap["konsisten"].all():
        rincian = ", ".join(f"{k} {int(v)} orang" for k, v in per.items())
        teks += f" Catatan: jumlah per kelompok tidak sama ({rincian})."
    return teks


def catatan_konvensi(konvensi: Any) -> str:
    teks = (
        "Capaian indikator dengan polaritas naik = realisasi / target × 100 %; "
        f"indikator dengan polaritas turun: {KONVENSI_TEKS[konvensi.capaian_turun]}"
    )
    if konvensi.batas_capaian:
        teks += f" Capaian dibatasi paling tinggi {fmt.persen(konvensi.batas_capaian)}."
    return teks


def ikm(nilai: dict[str, Any], bobot: str) -> str:
    rumus = "1/9" if bobot == "eksak" else bobot.replace(".", ",")
    return (
        f"Nilai IKM = 25 × Σ (NRR per unsur × {rumus}) = {fmt.angka(nilai['ikm'], 2)}, "
        f"mutu pelayanan {nilai['mutu_ikm']} ({nilai['kinerja_ikm']}) menurut PermenPANRB "
        "Nomor 14 Tahun 2017."
    )


def sakip(row: pd.Series) -> str:
    return (
        f"Nilai SAKIP {fmt.angka(row['realisasi'])} termasuk predikat {row['huruf_realisasi']} "
        f"({row['interpretasi_realisasi']}) menurut PermenPANRB Nomor 88 Tahun 2021."
    )


def rincian_sub_kegiatan(rinci: pd.DataFrame, kode: str) -> list[str]:
    baris = rinci[rinci["sasaran"] == kode]
    return [
        f"{r.program} — kegiatan {r.kegiatan}, sub kegiatan {r.sub_kegiatan}: pagu "
        f"{fmt.rupiah(r.pagu)}, realisasi {fmt.rupiah(r.realisasi)} ({fmt.persen(r.serapan)})"
        for r in baris.itertuples()
    ]


def label_sasaran(L: Any) -> pd.DataFrame:
    """Budget per sasaran labelled with its kode and statement, for charts."""
    per = L.tabel["anggaran_sasaran"].copy()
    nama = L.kinerja.set_index("kode")["sasaran"]
    per["sasaran"] = [f"{k}. {nama.get(k, k)}" for k in per["sasaran"]]
    return per


def kinerja_anggaran(L: Any) -> list[str]:
    per = L.tabel["anggaran_sasaran"].set_index("sasaran")
    hasil = []
    for _, r in L.kinerja[L.kinerja["tingkat"] == "sasaran"].iterrows():
        teks = f"{r['sasaran']}: {capaian_tahun(r, L.tahun)}"
        if r["kode"] in per.index:
            a = per.loc[r["kode"]]
            teks += (
                f" Anggaran yang digunakan sebesar {fmt.rupiah(a['pagu'])} dengan realisasi "
                f"{fmt.rupiah(a['realisasi'])} ({fmt.persen(a['serapan'])})."
            )
        hasil.append(teks)
    return hasil


def efisiensi(L: Any) -> str:
    per = L.tabel["anggaran_sasaran"].set_index("sasaran")
    sasaran = L.kinerja[L.kinerja["tingkat"] == "sasaran"]
    bagian = []
    for _, r in sasaran.iterrows():
        if r["kode"] in per.index:
            ket = efisiensi_keterangan(r["tercapai"], per.loc[r["kode"], "efisiensi"])
            bagian.append(f"sasaran {r['sasaran']}: {ket.lower()}")
    return "Berdasarkan perhitungan efisiensi di atas, " + "; ".join(bagian) + "."


def kesimpulan(L: Any) -> list[str]:
    """Which indicators met their target, counted from the table, never typed."""
    k = L.kinerja
    ada_target = k[k["target"].notna() & k["realisasi"].notna()]
    capai = ada_target[ada_target["tercapai"].astype(bool)]
    belum = ada_target[~ada_target["tercapai"].astype(bool)]
    teks = [
        f"Dari {fmt.terbilang_jumlah(len(k))} indikator kinerja tahun {L.tahun}, "
        f"{fmt.terbilang_jumlah(len(capai))} indikator mencapai atau melampaui target"
        + (f" ({daftar_nama(list(capai['indikator']))})" if len(capai) else "")
        + (
            f" dan {fmt.terbilang_jumlah(len(belum))} indikator belum mencapai target "
            f"({daftar_nama(list(belum['indikator']))})."
            if len(belum)
            else "; tidak ada indikator yang belum mencapai target."
        )
    ]
    tanpa = k[k["target"].isna() | k["realisasi"].isna()]
    if len(tanpa):
        teks.append(
            f"Indikator tanpa target atau realisasi: {daftar_nama(list(tanpa['indikator']))}."
        )
    return teks


def skala_capaian(skala: Any) -> str:
    """The predikat scale of capaian, in words: "≥ 91 % Sangat Tinggi; ≥ 76 % Tinggi; ..."."""
    tingkat = [
        f"≥ {fmt.persen(batas)} {label}" if batas != float("-inf") else f"di bawahnya {label}"
        for batas, label in skala.tingkat
    ]
    return f"Predikat capaian ({skala.nama}): " + "; ".join(tingkat) + "."


def metode(konvensi: Any) -> list[str]:
    """The conventions and regulations behind every computed figure."""
    bobot = "1/9 (eksak)" if konvensi.bobot_ikm == "eksak" else konvensi.bobot_ikm
    return [
        catatan_konvensi(konvensi),
        f"IKM = 25 × Σ (NRR × bobot), bobot tiap unsur {bobot}; NRR = jumlah nilai jawaban / "
        "jumlah responden yang menjawab unsur itu (PermenPANRB Nomor 14 Tahun 2017).",
        "Status desa menurut skor IDM: Sangat Tertinggal ≤ 0,4907 < Tertinggal ≤ 0,5989 < "
        "Berkembang ≤ 0,7072 < Maju ≤ 0,8155 < Mandiri (Permendesa PDTT Nomor 2 Tahun 2016). "
        "Persentase desa yang meningkat IDM-nya dihitung dari desa yang memiliki skor pada "
        "kedua tahun.",
        "Predikat nilai SAKIP menurut PermenPANRB Nomor 88 Tahun 2021.",
        skala_capaian(konvensi.skala()),
        "Serapan = realisasi / pagu × 100 %; sisa = pagu − realisasi; tingkat efisiensi = sisa "
        "/ pagu × 100 %. Jumlah per program dan per sasaran dihitung dari rincian sub kegiatan.",
        "Angka dibulatkan setengah ke atas pada jumlah desimal yang ditampilkan.",
    ]
