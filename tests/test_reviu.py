"""Reviu angka: parsing printed values, the comparison, the seed's known errors, the self-check."""

from __future__ import annotations

import dataclasses
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from lkip import reviu as R
from lkip.cli import KELUAR_REVIU, main
from lkip.core.errors import DataTidakValid
from lkip.core.numbers import AngkaTidakJelas
from lkip.model.laporan import Laporan
from lkip.presentation import tabel
from lkip.processed import susun
from tests.conftest import SHIPPED_RAW

# --- pure pieces, worked out by hand ----------------------------------------------------------


@pytest.mark.parametrize(
    ("cetak", "desimal", "hitung", "baku", "status", "ket"),
    [
        ("87.5", 1, 87.5, 2, R.SESUAI, ""),  # exact at fewer decimals loses nothing
        ("96.82", 2, 96.818561, 2, R.SESUAI, ""),  # the report's own rounding
        ("125", 0, 125.0, 2, R.SESUAI, ""),
        ("93", 0, 92.861111, 2, R.PEMBULATAN, "dibulatkan ke 0 desimal"),
        ("104", 0, 104.714830, 2, R.PEMBULATAN, "pembulatan ke bawah (dipotong) ke 0 desimal"),
        ("98.078", 3, 98.078863, 2, R.PEMBULATAN, "pembulatan ke bawah (dipotong) ke 3 desimal"),
        ("-4", 0, -4.71, 2, R.PEMBULATAN, "pembulatan ke bawah (dipotong) ke 0 desimal"),
        ("104.7", 1, 104.632238, 2, R.TIDAK_SESUAI, ""),  # rounding up is no convention
        ("2252576244", 0, 2252567244, 0, R.TIDAK_SESUAI, ""),
        ("100", 0, 87.5, 2, R.TIDAK_SESUAI, ""),
        # 41,3512 / 81,28 × 100 is exactly 50,875: half-up 50,88, whatever the binary float says
        ("50.88", 2, 41.3512 / 81.28 * 100, 2, R.SESUAI, ""),
        (
            "50.87",
            2,
            41.3512 / 81.28 * 100,
            2,
            R.PEMBULATAN,
            "pembulatan ke bawah (dipotong) ke 2 desimal",
        ),
    ],
)
def test_banding_angka(cetak, desimal, hitung, baku, status, ket):
    assert R.banding_angka(Decimal(cetak), desimal, hitung, baku) == (status, ket)


@pytest.mark.parametrize(
    ("teks", "bulat", "nilai", "desimal", "huruf"),
    [
        ("A ( 88, 75 )", False, "88.75", 2, "A"),
        ("A (88.68)", False, "88.68", 2, "A"),
        ("2.326.586.175,00", True, "2326586175", 2, None),
        ("Rp. 1.935.048.994", True, "1935048994", 0, None),
        ("104.7%", False, "104.7", 1, None),
        ("98,078 %", False, "98.078", 3, None),
        ("8 ment", False, "8", 0, None),
        ("3 (Tiga)", True, "3", 0, None),
        ("5 (lima) Program", True, "5", 0, None),
    ],
)
def test_baca_cetakan(teks, bulat, nilai, desimal, huruf):
    c = R.baca_cetakan(teks, bulat=bulat)
    assert (c.nilai, c.desimal, c.huruf) == (Decimal(nilai), desimal, huruf)


def test_baca_cetakan_refuses_ambiguous_and_empty():
    with pytest.raises(AngkaTidakJelas):
        R.baca_cetakan("1.500")  # 1500 or 1,5: not guessed
    with pytest.raises(ValueError):
        R.baca_cetakan("sangat baik")


def _m(jenis, nilai, **kw) -> R.Metrik:
    return R.Metrik("uji.x", jenis, nilai, "uji", **kw)


def test_letters_are_compared_with_the_number():
    sakip = _m("angka", 81.28, huruf="A", satuan="nilai")
    assert R.bandingkan(sakip, "A (81,28)").status == R.SESUAI
    salah = R.bandingkan(sakip, "B (81,28)")
    assert (salah.status, salah.keterangan) == (R.TIDAK_SESUAI, "huruf B, seharusnya A")
    bulat = R.bandingkan(_m("angka", 92.861111, huruf="A"), "A (93)")
    assert (bulat.status, bulat.dihitung, bulat.selisih) == (R.PEMBULATAN, "A (92,86)", "+0,14")
    tanpa = R.bandingkan(_m("persen", 101.377953), "A ( 101,4 %)")
    assert tanpa.status == R.PEMBULATAN
    assert "huruf A tidak berlaku" in tanpa.keterangan


def test_numbers_report_difference_and_precision():
    total = R.bandingkan(_m("rupiah", 2252567244, desimal=0), "2.252.576.244,00")
    assert (total.status, total.selisih, total.dihitung) == (
        R.TIDAK_SESUAI,
        "+9.000",
        "2.252.567.244",
    )
    serapan = R.bandingkan(_m("persen", 98.078863), "98,078 %")
    assert (serapan.dihitung, serapan.selisih) == ("98,079 %", "-0,001")
    assert R.bandingkan(_m("persen", None), "–").status == R.SESUAI
    assert R.bandingkan(_m("persen", None), "100%").keterangan == "tidak dapat dihitung dari data"


@pytest.mark.parametrize(
    ("teks", "nilai", "status"),
    [
        ("telah melebihi target", True, R.SESUAI),
        ("Keberhasilan pencapaian target", True, R.SESUAI),
        ("belum mencapai target, kategori belum berhasil", True, R.TIDAK_SESUAI),
        ("dikategorikan memenuhi target", False, R.TIDAK_SESUAI),
        ("Target kinerja belum tercapai", False, R.SESUAI),
    ],
)
def test_statements(teks, nilai, status):
    m = _m("status", nilai, pilihan=("tercapai", "belum tercapai"))
    assert R.bandingkan(m, teks).status == status


def test_statement_words():
    with pytest.raises(ValueError):
        R.bandingkan(_m("status", True), "lihat tabel")
    assert R.bandingkan(_m("arah", "menurun"), "mengalami penurunan").status == R.SESUAI
    assert R.bandingkan(_m("arah", "meningkat"), "mengalami penurunan").status == R.TIDAK_SESUAI
    # "Baik" is inside "Sangat Baik": labels are compared whole
    assert R.bandingkan(_m("label", "Sangat Baik"), "kategori baik").status == R.TIDAK_SESUAI
    assert R.bandingkan(_m("label", "Sangat Baik"), "Sangat baik").status == R.SESUAI
    assert R.bandingkan(_m("label", "A"), "kategori A").status == R.SESUAI
    nama = _m("nama", "Kecamatan Panarukan")
    assert R.bandingkan(nama, "Kecamatan Mangaran").status == R.TIDAK_SESUAI
    assert R.bandingkan(_m("nama", "Situbondo"), "Kabupaten Situbondo").status == R.SESUAI


def test_daftar_desa():
    m = _m("daftar", ("Kilensari", "Alasmalang"))
    assert R.bandingkan(m, "Desa Kilensari dan Desa Alasmalang").status == R.SESUAI
    kurang = R.bandingkan(m, "Desa Kilensari")
    assert (kurang.status, kurang.keterangan) == (R.TIDAK_SESUAI, "tidak tercantum: alasmalang")


def test_rumus():
    iku = "Jumlah waktu pelayanan PATEN / jumlah pemohon pelayanan PATEN di Kecamatan Panarukan"
    seed = "Jumlah pemohon pelayanan Paten di Kec. Panarukan / Jumlah Waktu pelayanan"
    assert R.banding_rumus(seed, iku) == (R.TIDAK_SESUAI, "pembilang dan penyebut tertukar")
    assert R.banding_rumus(iku, iku) == (R.SESUAI, "")
    assert R.banding_rumus("Total waktu layanan PATEN / banyaknya pemohon", iku)[0] == R.SESUAI
    assert R.banding_rumus("Jumlah desa tertib / jumlah desa", iku)[0] == R.TIDAK_SESUAI


# --- on the shipped data --------------------------------------------------------------------


@pytest.fixture(scope="module")
def root_modul(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reviu")
    shutil.copytree(SHIPPED_RAW, root / "data" / "raw" / "panarukan")
    return root


@pytest.fixture(scope="module")
def laporan(root_modul) -> Laporan:
    return susun(2023, root_modul)


@pytest.fixture(scope="module")
def hasil_seed(root_modul, laporan) -> pd.DataFrame:
    return R.reviu(laporan, R.baca_dilaporkan(laporan, root_modul))


def _baris(hasil: pd.DataFrame, metrik: str, lokasi: str) -> pd.Series:
    cocok = hasil[(hasil["metrik"] == metrik) & hasil["lokasi"].str.contains(lokasi, regex=False)]
    assert len(cocok) == 1, (metrik, lokasi, cocok)
    return cocok.iloc[0]


@pytest.mark.parametrize(
    ("metrik", "lokasi", "dilaporkan", "dihitung", "selisih", "status"),
    [
        # domain.md "Known inconsistencies"
        ("kinerja.S2.realisasi", "Tabel 3.1.2.1", "100%", "87,5 %", "+12,5", R.TIDAK_SESUAI),
        ("kinerja.S2.realisasi", "Ikhtisar", "87,5 %", "87,5 %", "", R.SESUAI),
        ("anggaran.total.realisasi", "§3.3 alokasi", "2.252.576.244,00", "2.252.567.244",
         "+9.000", R.TIDAK_SESUAI),
        ("anggaran.sasaran.S3.serapan", "Tabel Pencapaian", "96,82 %", "96,49 %", "+0,33",
         R.TIDAK_SESUAI),
        ("cek.anggaran.sasaran.S3.serapan", "Tabel Pencapaian", "96,82 %", "96,32 %", "+0,5",
         R.TIDAK_SESUAI),
        ("anggaran.sasaran.S2.pagu", "Tabel Pencapaian", "204.674.835", "204.674.830", "+5",
         R.TIDAK_SESUAI),
        ("jumlah.anggaran.sasaran.realisasi", "Tabel Pencapaian", "2.249.119.244",
         "2.252.567.244", "-3.448.000", R.TIDAK_SESUAI),
        ("jumlah.anggaran.program.realisasi", "per program", "2.252.567.244", "2.252.567.244",
         "", R.SESUAI),
        # the others a careful reviewer finds
        ("kinerja.T1.target", "Tabel 3.1.1.2", "A ( 88,63 )", "A (88,68)", "-0,05",
         R.TIDAK_SESUAI),
        ("kinerja.S3.target", "paragraf LHE", "81,54", "A (81,28)", "+0,26", R.TIDAK_SESUAI),
        ("kinerja.S3.tercapai", "Kesimpulan, paragraf 3",
         "belum mencapai target, kategori belum berhasil", "tercapai", "", R.TIDAK_SESUAI),
        ("ikm.nilai", "Analisis Penyebab", "93", "A (92,86)", "+0,14", R.PEMBULATAN),
        ("kinerja.T1.capaian", "Tabel 3.1.1.1", "104%", "104,71 %", "-0,71", R.PEMBULATAN),
        ("ikm.kinerja", "Analisis Penyebab", "kategori baik", "Sangat Baik", "", R.TIDAK_SESUAI),
        ("teks.instansi", "Efisiensi Penggunaan Sumber Daya, baris 1", "Kecamatan Mangaran",
         "Kecamatan Panarukan", "", R.TIDAK_SESUAI),
        ("teks.instansi", "kesimpulan efisiensi", "Kecamatan Jangkar", "Kecamatan Panarukan",
         "", R.TIDAK_SESUAI),
        ("cek.kinerja.S1.capaian_akhir", "kedua", "100 %", "125 %", "-25", R.TIDAK_SESUAI),
        ("kinerja.T1.capaian_akhir", "3.1.1.3 (indikator tujuan", "104.7%", "104,63 %", "+0,07",
         R.TIDAK_SESUAI),
        ("anggaran.sasaran.S2.efisien", "Tabel Efisiensi", "Effisien 0,69%", "tidak efisien", "",
         R.TIDAK_SESUAI),
        ("idm.Peleyan.skor_kini", "tabel IDM", "0,6846", "0,6846", "", R.SESUAI),
        ("idm.berubah_status", "uraian desa", "Desa Kilensari dan Desa Alasmalang",
         "Kilensari, Alasmalang", "", R.SESUAI),
    ],
)  # fmt: skip
def test_seed_findings(hasil_seed, metrik, lokasi, dilaporkan, dihitung, selisih, status):
    r = _baris(hasil_seed, metrik, lokasi)
    assert (r["dilaporkan"], r["dihitung"], r["selisih"], r["status"]) == (
        dilaporkan,
        dihitung,
        selisih,
        status,
    )


def test_seed_keterangan(hasil_seed):
    assert _baris(hasil_seed, "iku.S1.formula", "IKU")["keterangan"] == (
        "pembilang dan penyebut tertukar"
    )
    assert (
        "sama dengan kinerja.T1.target_lalu"
        in _baris(hasil_seed, "kinerja.T1.target", "Tabel 3.1.1.2")["keterangan"]
    )
    assert (
        "sama dengan anggaran.total.serapan"
        in _baris(hasil_seed, "anggaran.sasaran.S3.serapan", "Tabel Pencapaian")["keterangan"]
    )
    assert "dipotong" in _baris(hasil_seed, "kinerja.T1.capaian", "Tabel 3.1.1.1")["keterangan"]
    assert list(hasil_seed.columns) == R.KOLOM


def test_internal_checks_pass_on_consistent_data(laporan):
    hasil = R.reviu(laporan, None)
    assert len(hasil) > 20 and set(hasil["status"]) == {R.SESUAI}
    assert set(hasil["lokasi"]) == {R.LOKASI_INTERNAL}


def test_internal_checks_catch_a_tampered_table(laporan):
    tabel_baru = dict(laporan.tabel)
    total = tabel_baru["anggaran_total"].copy()
    total.loc[0, "realisasi"] = 2252576244  # the seed's transposed total
    tabel_baru["anggaran_total"] = total
    L = Laporan(laporan.tahun, laporan.profil, laporan.narasi, laporan.konvensi, tabel_baru,
                laporan.nilai, laporan.sumber)  # fmt: skip
    hasil = R.reviu(L, None).set_index("metrik")
    r = hasil.loc["cek.anggaran.program.realisasi"]
    assert (r["status"], r["selisih"]) == (R.TIDAK_SESUAI, "-9.000")
    sisa = hasil.loc["cek.anggaran.total.sisa"]
    assert (sisa["status"], sisa["selisih"]) == (R.TIDAK_SESUAI, "-9.000")
    # 96,8189 % and 96,8186 % print alike: a share is judged at the printed precision
    assert hasil.loc["cek.anggaran.total.serapan", "status"] == R.SESUAI


# --- item 5: the project's own report passes its own reviu --------------------------------


def test_self_check_every_registry_figure(laporan):
    dilaporkan = R.cetakan_laporan(laporan)
    assert len(dilaporkan) > 150
    hasil = R.reviu(laporan, dilaporkan)
    assert (hasil["status"] != R.TIDAK_SESUAI).all(), hasil[hasil["status"] == R.TIDAK_SESUAI]


def _dari_tabel_laporan(L: Laporan) -> pd.DataFrame:
    """Figures as the report's own tables (lkip.presentation.tabel, what the notebooks show)
    print them."""
    rows = []

    def add(metrik: str, lokasi: str, nilai: str) -> None:
        rows.append({"metrik": metrik, "lokasi": lokasi, "dilaporkan": nilai})

    for tingkat in ("tujuan", "sasaran"):
        kode = L.kinerja.loc[L.kinerja["tingkat"] == tingkat, "kode"].tolist()
        for k, (_, r) in zip(kode, tabel.pengukuran(L, tingkat).iterrows(), strict=True):
            for kolom, f in (("Target", "target"), ("Realisasi", "realisasi"),
                             ("Capaian", "capaian")):  # fmt: skip
                add(f"kinerja.{k}.{f}", f"Pengukuran {tingkat}", r[kolom])
        for k, (_, r) in zip(kode, tabel.terhadap_target_akhir(L, tingkat).iterrows(), strict=True):
            add(f"kinerja.{k}.target_akhir", f"RPJMD {tingkat}", r["Target Akhir Renstra/RPJMD"])
            add(f"kinerja.{k}.capaian_akhir", f"RPJMD {tingkat}",
                r["Capaian terhadap Target Akhir"])  # fmt: skip
    for nama, label, awal in (("anggaran_program", "Program", "program"),
                              ("anggaran_sasaran", "Sasaran", "sasaran")):  # fmt: skip
        kunci = L.tabel[nama].iloc[:, 0].tolist()
        df = tabel.anggaran_per(L, nama, label)
        for i, (_, r) in enumerate(df.iterrows()):
            id_ = "anggaran.total" if i == len(kunci) else f"anggaran.{awal}.{kunci[i]}"
            for kolom, f in (("Pagu (Rp)", "pagu"), ("Realisasi (Rp)", "realisasi"),
                             ("Sisa (Rp)", "sisa"), ("Serapan", "serapan")):  # fmt: skip
                add(f"{id_}.{f}", f"Anggaran per {awal}", r[kolom])
    kode = L.kinerja.loc[L.kinerja["tingkat"] == "sasaran", "kode"].tolist()
    for k, (_, r) in zip(kode, tabel.kinerja_anggaran(L, efisiensi=True).iterrows(), strict=True):
        add(f"anggaran.sasaran.{k}.pagu", "Efisiensi", r[("Anggaran", "Alokasi")])
        add(f"anggaran.sasaran.{k}.sisa", "Efisiensi", r[("Anggaran", "Sisa")])
        add(f"anggaran.sasaran.{k}.efisiensi", "Efisiensi", r[("Tingkat Efisiensi", "")])
        add(f"kinerja.{k}.realisasi", "Efisiensi", r[("Kinerja", "Realisasi")])
    for _, r in tabel.unsur_ikm(L).iterrows():
        for kolom, f in (("Nilai Rata-rata (NRR)", "nrr"), ("Mutu", "mutu"),
                         ("Kinerja", "kinerja"), ("Peringkat", "peringkat")):  # fmt: skip
            add(f"ikm.{r['No.']}.{f}", "Unsur SKM", r[kolom])
    t = L.tahun
    for _, r in tabel.idm_desa(L).iterrows():
        for kolom, f in ((f"Skor IDM {t - 1}", "skor_lalu"), (f"Status {t - 1}", "status_lalu"),
                         (f"Skor IDM {t}", "skor_kini"), (f"Status {t}", "status_kini"),
                         ("Perubahan", "meningkat")):  # fmt: skip
            add(f"idm.{r['Desa']}.{f}", "Tabel IDM", r[kolom])
    return pd.DataFrame(rows)


def test_self_check_report_tables(laporan):
    dilaporkan = _dari_tabel_laporan(laporan)
    assert len(dilaporkan) > 100
    hasil = R.reviu(laporan, dilaporkan)
    assert (hasil["status"] != R.TIDAK_SESUAI).all(), hasil[hasil["status"] == R.TIDAK_SESUAI]
    tercetak = hasil.iloc[: len(dilaporkan)]
    assert (tercetak["status"] == R.SESUAI).all(), tercetak[tercetak["status"] != R.SESUAI]


# --- the file, the registry, the outputs ------------------------------------------------------


def test_lookup_is_forgiving_but_not_ambiguous(laporan):
    daftar = R.daftar_metrik(laporan)
    assert daftar.cari("KINERJA.s2.Realisasi").id == "kinerja.S2.realisasi"
    p = daftar.cari("anggaran.program.penunjang.pagu")
    assert p.nilai == 2023499465
    assert daftar.cari("idm.weringin anom.skor_kini").nilai == pytest.approx(0.8359)
    lengkap = daftar.cari("anggaran.program.Program Penunjang Urusan Pemerintahan Daerah.pagu")
    assert lengkap is p
    dua = R.DaftarMetrik(
        [R.Metrik("anggaran.program.penunjang_a.pagu", "rupiah", 1, "a", 0),
         R.Metrik("anggaran.program.penunjang_b.pagu", "rupiah", 2, "b", 0)]
    )  # fmt: skip
    with pytest.raises(R.MetrikTidakDikenal, match="ambigu"):
        dua.cari("anggaran.program.penunjang.pagu")
    with pytest.raises(R.MetrikTidakDikenal, match="tidak dikenal"):
        daftar.cari("anggaran.program.pe.pagu")  # whole words only
    with pytest.raises(R.MetrikTidakDikenal, match="tidak dikenal"):
        daftar.cari("kinerja.S9.realisasi")
    assert daftar.cari("sakip.nilai").nilai == pytest.approx(82.4)
    tanpa_sakip = R.DaftarMetrik(m for m in daftar if not m.id.startswith("sakip."))
    with pytest.raises(R.MetrikTidakDikenal, match=r"isi kolom skala kinerja\.csv dengan sakip"):
        tanpa_sakip.cari("sakip.nilai")


def test_bad_dilaporkan_names_line_and_value(root, laporan):
    path = root / "data" / "raw" / "panarukan" / "2023" / "dilaporkan.csv"
    path.write_text(
        "metrik;lokasi;dilaporkan\n"
        "kinerja.S2.realisasi;Tabel 3.1.2.1;100%\n"
        "kinerja.S2.realisas;Tabel 3.1.2.1;100%\n"
        "anggaran.total.pagu;§3.3;1.2.3\n"
        "kinerja.S1.target;;10 menit\n",
        encoding="utf-8",
    )
    with pytest.raises(DataTidakValid) as e:
        R.baca_dilaporkan(laporan, root)
    pesan = str(e.value)
    assert pesan.count("\n- ") == 1  # schema first: the empty lokasi
    assert 'baris 5, kolom "lokasi"' in pesan
    path.write_text(path.read_text().replace("kinerja.S1.target;;", "kinerja.S1.target;x;"))
    with pytest.raises(DataTidakValid) as e:
        R.baca_dilaporkan(laporan, root)
    masalah = {(m.baris, m.kolom, m.nilai) for m in e.value.masalah}
    assert masalah == {(3, "metrik", "kinerja.S2.realisas"), (4, "dilaporkan", "1.2.3")}


def test_no_dilaporkan_file(root, laporan):
    (root / "data" / "raw" / "panarukan" / "2023" / "dilaporkan.csv").unlink()
    assert R.baca_dilaporkan(laporan, root) is None
    tanpa = susun(2023, root)
    assert tanpa.nilai["reviu_dilaporkan"] is False
    path = R.tulis_reviu(tanpa, root / "keluar")
    hasil = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(hasil.columns) == R.KOLOM
    assert set(hasil["status"]) == {R.SESUAI}


def test_tulis_reviu_and_table(root_modul, laporan, tmp_path):
    path = R.tulis_reviu(laporan, tmp_path)
    hasil = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(hasil, laporan.tabel["reviu"], check_dtype=False)
    assert (hasil["status"] == R.TIDAK_SESUAI).sum() > 20
    temuan = R.tabel_temuan(hasil)
    assert len(temuan) == (hasil["status"] != R.SESUAI).sum()
    assert temuan["Status"].iloc[0].startswith(R.TIDAK_SESUAI)  # worst first
    assert R.ringkasan(hasil).startswith(f"Dari {len(hasil)} angka")


def test_cli_reviu(root, monkeypatch, capsys):
    monkeypatch.setenv("LKIP_ROOT", str(root))
    assert main(["reviu", "--year", "2023"]) == 0
    keluar = capsys.readouterr().out
    assert "anggaran.total.realisasi: dilaporkan 2.252.576.244,00" in keluar
    assert "selisih +9.000" in keluar
    assert main(["reviu", "--year", "2023", "--ketat"]) == KELUAR_REVIU


def test_sasaran_are_counted_once_however_many_indicators_they_have(laporan):
    daftar = R.daftar_metrik(laporan)
    assert daftar.cari("kinerja.jumlah_sasaran").nilai == 3
    assert daftar.cari("kinerja.jumlah_indikator").nilai == 3
    k = laporan.kinerja
    kedua = k[k["kode"] == "S3"].assign(kode="S4", indikator="Indikator kedua sasaran S3")
    tabel_dua = laporan.tabel | {"kinerja": pd.concat([k, kedua], ignore_index=True)}
    dua = dataclasses.replace(laporan, tabel=tabel_dua)
    daftar = R.daftar_metrik(dua)
    assert daftar.cari("kinerja.jumlah_sasaran").nilai == 3
    assert daftar.cari("kinerja.jumlah_indikator").nilai == 4


def test_a_report_without_printed_figures_says_so_naming_the_file() -> None:
    assert R.tanpa_dilaporkan(2024) == (
        "Tidak ada daftar angka tercetak (berkas dilaporkan.csv tahun 2024) untuk tahun 2024, "
        "sehingga hanya pemeriksaan internal yang dilakukan."
    )
