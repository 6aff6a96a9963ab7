"""Report tables and computed sentences on the 2023 data: what a reader of the LKIP sees."""

from __future__ import annotations

import pandas as pd
import pytest

from lkip.model.laporan import Laporan
from lkip.presentation import kalimat, tabel
from lkip.processed import susun


@pytest.fixture(scope="module")
def L() -> Laporan:
    return susun(2023)


def _row(L: Laporan, kode: str) -> pd.Series:
    return L.kinerja.set_index("kode").loc[kode].rename(kode).copy()


def test_capaian_sentence_for_lower_is_better(L: Laporan) -> None:
    assert kalimat.capaian_tahun(_row(L, "S1"), 2023) == (
        "Pada tahun 2023, target 10 menit dan terealisasi 8 menit, capaian 125 % (mencapai target)."
    )


def test_capaian_sentence_without_target() -> None:
    row = pd.Series(
        {"target": None, "realisasi": 10.0, "satuan": "menit", "skala": "", "tercapai": pd.NA}
    )
    assert kalimat.capaian_tahun(row, 2022) == (
        "Pada tahun 2022 indikator ini tidak memiliki target; realisasinya 10 menit."
    )


def test_scored_values_carry_their_letter(L: Laporan) -> None:
    assert kalimat.nilai_indikator(_row(L, "S3"), "target") == "A (81,28)"
    assert kalimat.nilai_indikator(_row(L, "T1"), "realisasi") == "A (92,86)"


def test_direction_of_change_follows_polarity(L: Laporan) -> None:
    assert kalimat.memburuk(_row(L, "T1"))  # IKM 94 -> 92,86
    assert not kalimat.memburuk(_row(L, "S1"))  # 10 -> 8 menit is better
    assert "lebih baik daripada tahun 2022" in kalimat.banding_tahun_lalu(_row(L, "S1"), 2023)


def test_conclusion_counts_met_targets(L: Laporan) -> None:
    (teks,) = kalimat.kesimpulan(L)
    assert teks.startswith("Dari 4 (empat) indikator kinerja tahun 2023, 3 (tiga) indikator")
    assert "1 (satu) indikator belum mencapai target (Persentase desa" in teks


def test_factors_are_headed_by_whether_the_target_was_met(L: Laporan) -> None:
    """Success factors only where the computed capaian met the target: the seed tells of
    success for the IDM indicator, whose 87,5 % missed its 100 %."""
    assert kalimat.judul_analisis("keberhasilan", _row(L, "S1")) == (
        "Faktor keberhasilan pada indikator Rata-rata lama Pelayanan PATEN Kecamatan:"
    )
    assert kalimat.judul_analisis("keberhasilan", _row(L, "S2")) == (
        "Faktor penyebab belum tercapainya target pada indikator Persentase desa di Kecamatan "
        "Panarukan yang meningkat IDM-nya:"
    )
    tanpa_target = _row(L, "S1").copy()
    tanpa_target["tercapai"] = pd.NA
    assert kalimat.judul_analisis("keberhasilan", tanpa_target) == (
        "Faktor yang memengaruhi capaian indikator Rata-rata lama Pelayanan PATEN Kecamatan:"
    )
    # the other parts' headings do not depend on it
    assert kalimat.judul_analisis("upaya", _row(L, "S2")) == kalimat.JUDUL_ANALISIS["upaya"]


def test_idm_summary_names_status_changes_and_the_desa_that_fell(L: Laporan) -> None:
    teks = kalimat.ringkasan_idm(L.tabel["idm"], 2023)
    assert teks[0] == (
        "Dari 8 (delapan) desa yang memiliki skor IDM tahun 2022 dan 2023, "
        "7 (tujuh) desa meningkat IDM-nya."
    )
    assert (
        "Status Desa Kilensari dan Alasmalang berubah dari Maju pada tahun 2022 menjadi "
        "Mandiri pada tahun 2023." in teks
    )
    assert any("Peleyan tidak meningkat: 0,6941" in t for t in teks)


def test_comparison_table_shows_dash_without_previous_target(L: Laporan) -> None:
    df = tabel.perbandingan(L, "sasaran")
    paten = df[df[("Indikator Kinerja", "")] == "Rata-rata lama Pelayanan PATEN Kecamatan"]
    assert paten[("Realisasi", "Tahun 2022")].item() == "10 menit"
    assert paten[("Capaian", "Tahun 2022")].item() == "–"
    assert paten[("Capaian", "Tahun 2023")].item() == "125 %"


def test_budget_plan_prints_each_sasaran_once_and_the_total(L: Laporan) -> None:
    df = tabel.rencana_anggaran(L)
    assert list(df["Sasaran"]).count("Meningkatnya kualitas Pemberdayaan Desa") == 1
    assert df.iloc[-1]["Sasaran"] == "Jumlah"
    assert df.iloc[-1]["Anggaran (Rp)"] == "2.326.586.175"


def test_efficiency_remark_needs_the_target_met(L: Laporan) -> None:
    df = tabel.kinerja_anggaran(L, efisiensi=True)
    ket = list(df[("Keterangan", "")])
    assert ket == ["Efisien 1,92 %", "Target kinerja belum tercapai", "Efisien 3,51 %"]


def test_pegawai_sentence_from_the_models_headcount(L: Laporan) -> None:
    # pegawai.csv 2023: golongan 2 + 10 + 1 + 11 = 24, pendidikan 1 + 14 + 1 + 8 = 24
    teks = kalimat.pegawai(L.tabel["pegawai_rekap"])
    assert teks == "Jumlah seluruh pegawai sebanyak 24 orang."
    beda = L.tabel["pegawai_rekap"].assign(konsisten=False)
    assert kalimat.pegawai(beda).endswith(
        "Catatan: jumlah per kelompok tidak sama (golongan 24 orang, jabatan 6 orang, "
        "pendidikan 24 orang)."
    )


def test_sakip_sentence_states_the_models_predikat(L: Laporan) -> None:
    # realisasi 82,4 lies in 80 < x ≤ 90: predikat A, "Memuaskan" (PermenPANRB 88/2021)
    assert kalimat.sakip(_row(L, "S3")) == (
        "Nilai SAKIP 82,4 termasuk predikat A (Memuaskan) menurut PermenPANRB Nomor 88 Tahun "
        "2021."
    )


def test_rekonsiliasi_sentence_from_the_models_totals(L: Laporan) -> None:
    # anggaran.csv 2023: the sub kegiatan rows sum to pagu 2.326.586.175 and realisasi
    # 2.252.567.244, whether grouped by program or by sasaran
    rek = L.tabel["anggaran_rekonsiliasi"]
    assert kalimat.rekonsiliasi(rek) == (
        "Jumlah per program dan jumlah per sasaran sama-sama berasal dari rincian sub kegiatan "
        "yang sama: pagu Rp 2.326.586.175 dan realisasi Rp 2.252.567.244."
    )
    beda = rek.assign(sesuai=False)
    beda.loc[beda["kelompok"] == "sasaran", "pagu"] = 1
    assert kalimat.rekonsiliasi(beda).startswith(
        "PERHATIAN: jumlah per program (pagu Rp 2.326.586.175, realisasi Rp 2.252.567.244) tidak "
        "sama dengan jumlah per sasaran (pagu Rp 1,"
    )
