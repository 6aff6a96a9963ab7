import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lkip.core.errors import DataTidakValid, Masalah
from lkip.inputs.schemas import TABEL
from lkip.inputs.tahun import (
    NARASI_WAJIB,
    TahunMentah,
    baca_tabel,
    muat_tahun,
    periksa_kode,
    periksa_nama_desa,
)

KINERJA = """\
kode,tingkat,sasaran,indikator,satuan,polaritas,target,realisasi,target_akhir,sumber,skala
T1,tujuan,Meningkatnya akuntabilitas,Nilai SAKIP,nilai,naik,70,72.5,75,manual,sakip
S1,sasaran,Meningkatnya pembangunan desa,Persentase desa yang meningkat IDM-nya,%,naik,100,,100,idm,
S2,sasaran,Meningkatnya kepuasan masyarakat,IKM,indeks,naik,88,,90,skm,ikm
S3,sasaran,Cepatnya pelayanan,Waktu pelayanan,menit,turun,10,8,8,manual,
"""
IDM = """\
desa,skor,iks,ike,ikl
Peleyan,0.6846,0.7,0.6,0.75
Kilensari,0.8156,0.8,0.8,0.85
"""
SKM = "unsur,nama,nrr\n" + "".join(f"U{i},Unsur {i},3.{i}\n" for i in range(1, 10))
ANGGARAN = """\
sasaran,program,kegiatan,sub_kegiatan,pagu,realisasi
S1,Program A,Kegiatan 1,Sub 1,1000000,900000
S2,Program A,Kegiatan 1,Sub 2,2008940215,1935048994
S3,Program B,Kegiatan 2,Sub 1,500000,450000
"""
PEGAWAI = "kelompok,kategori,jumlah\ngolongan,III/a,4\njabatan,Camat,1\n"
PROFIL = """\
instansi: Kecamatan Panarukan
kabupaten: Situbondo
alamat: Jalan Raya Panarukan No. 02
periode_renstra: "2021-2026"
kepala:
  jabatan: Camat Panarukan
  nama: ALI MUNIR
  pangkat: Pembina Tingkat I
  nip: "197306021992031001"
penandatanganan:
  tempat: Panarukan
  tanggal: 2024-01-22
konvensi:
  capaian_turun: rasio
  batas_capaian: null
  bobot_ikm: eksak
"""
# The structured parts of narasi.yaml in their smallest valid shape; the rest is prose.
NARASI_BENTUK = {
    "tugas_fungsi": "\n- unit: Camat\n  tugas: Teks.\n  fungsi: [Teks.]",
    "struktur_kinerja": "\n- {jabatan: Camat, kinerja: Teks., indikator: Teks.}",
    "visi": "\n  pernyataan: Teks.\n  penjelasan:\n  - judul: Teks.\n    butir: [Teks.]",
    "misi": "\n- misi: Teks.\n  tujuan: Teks.",
    "iku": "\n- kode: S1\n  formula: Teks.",
    "analisis": "\n  S1:\n    uraian: [Teks.]",
    "analisis_penyebab": "\n  S1: [Teks.]",
}
NARASI = "".join(f"{k}: {NARASI_BENTUK.get(k, '[Teks.]')}\n" for k in NARASI_WAJIB)

BERKAS = {
    "kinerja.csv": KINERJA,
    "idm.csv": IDM,
    "skm_unsur.csv": SKM,
    "anggaran.csv": ANGGARAN,
    "pegawai.csv": PEGAWAI,
    "profil.yaml": PROFIL,
    "narasi.yaml": NARASI,
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A minimal valid data/raw/2023 that each test breaks in one way."""
    folder = tmp_path / "data" / "raw" / "panarukan" / "2023"
    folder.mkdir(parents=True)
    for nama, isi in BERKAS.items():
        (folder / nama).write_text(isi, encoding="utf-8")
    return tmp_path


def berkas(root: Path, nama: str) -> Path:
    return root / "data" / "raw" / "panarukan" / "2023" / nama


def ganti(root: Path, nama: str, lama: str, baru: str) -> None:
    path = berkas(root, nama)
    isi = path.read_text(encoding="utf-8")
    assert lama in isi, f"test setup: {lama!r} not in {nama}"
    path.write_text(isi.replace(lama, baru, 1), encoding="utf-8")


def masalah(root: Path, **kwargs) -> list[Masalah]:
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2023, root, **kwargs)
    assert info.value.tahun == 2023
    return info.value.masalah


def tempat(daftar: list[Masalah]) -> list[tuple]:
    return [(m.berkas, m.baris, m.kolom, m.nilai) for m in daftar]


def test_valid_year_loads_with_typed_columns(root):
    tahun = muat_tahun(2023, root)
    kinerja = tahun.kinerja.set_index("kode")
    assert kinerja.loc["T1", "realisasi"] == 72.5
    assert pd.isna(kinerja.loc["S2", "realisasi"])
    assert pd.isna(kinerja.loc["S1", "skala"])
    assert kinerja["target"].dtype == "float64"
    assert tahun.anggaran["pagu"].dtype == "Int64"
    assert tahun.anggaran["realisasi"].sum() == 900000 + 1935048994 + 450000
    assert list(tahun.skm_unsur["unsur"]) == [f"U{i}" for i in range(1, 10)]
    assert tahun.idm["skor"].tolist() == [0.6846, 0.8156]
    assert tahun.pegawai["jumlah"].sum() == 5
    assert tahun.profil["kepala"]["nip"] == "197306021992031001"
    assert tahun.narasi["saran"] == ["Teks."]
    assert sorted(tahun.files) == sorted(BERKAS)
    assert tahun.files["anggaran.csv"] == berkas(root, "anggaran.csv")


def test_loading_writes_nothing(root):
    sebelum = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    muat_tahun(2023, root)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == sebelum


def test_missing_year_folder(tmp_path):
    (tmp_path / "data" / "raw" / "panarukan").mkdir(parents=True)
    [m] = masalah(tmp_path)
    assert m.berkas == "2023/"
    assert "data/raw/panarukan/2023" in m.pesan


def test_missing_required_file(root):
    berkas(root, "anggaran.csv").unlink()
    [m] = masalah(root)
    assert tempat([m]) == [("2023/anggaran.csv", None, None, None)]
    assert "tidak ditemukan" in m.pesan and "pagu" in m.pesan


def test_missing_column(root):
    ganti(root, "kinerja.csv", ",polaritas", "")
    for baris in ("naik,", "turun,"):
        isi = berkas(root, "kinerja.csv").read_text()
        berkas(root, "kinerja.csv").write_text(isi.replace(baris, ""))
    [m] = masalah(root)
    assert tempat([m]) == [("2023/kinerja.csv", None, "polaritas", None)]
    assert "kolom wajib tidak ada" in m.pesan


def test_bad_number_names_line_column_and_value(root):
    ganti(root, "anggaran.csv", "1935048994", "abc")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/anggaran.csv", 3, "realisasi", "abc")]
    assert "harus berupa angka" in m.pesan
    assert str(m).startswith('2023/anggaran.csv, baris 3, kolom "realisasi": nilai "abc" — ')


def test_ambiguous_number_in_decimal_column(root):
    ganti(root, "kinerja.csv", "turun,10,8,8", "turun,10,8,8.000")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/kinerja.csv", 5, "target_akhir", "8.000")]
    assert "8000" in m.pesan and "8,0" in m.pesan


def test_dots_in_rupiah_columns_are_thousands(root):
    ganti(root, "anggaran.csv", "1000000,900000", '"Rp 1.000.000","900.000"')
    assert muat_tahun(2023, root).anggaran["realisasi"].iloc[0] == 900000


def test_unknown_polaritas(root):
    ganti(root, "kinerja.csv", "menit,turun", "menit,menurun")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/kinerja.csv", 5, "polaritas", "menurun")]
    assert m.pesan == "harus salah satu dari: naik, turun"


def test_duplicate_kode_reports_the_repeated_line(root):
    ganti(
        root, "kinerja.csv", "8,manual,\n", "8,manual,\nS1,sasaran,Lain,Lain,%,naik,1,1,1,manual,\n"
    )
    [m] = masalah(root)
    assert tempat([m]) == [("2023/kinerja.csv", 6, "kode", "S1")]
    assert "unik" in m.pesan


def test_duplicate_sub_kegiatan_within_program_and_kegiatan(root):
    ganti(root, "anggaran.csv", "Kegiatan 1,Sub 2", "Kegiatan 1,Sub 1")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/anggaran.csv", 3, "sub_kegiatan", "Sub 1")]
    assert "program, kegiatan, sub_kegiatan" in m.pesan


def test_realisasi_above_pagu(root):
    ganti(root, "anggaran.csv", "500000,450000", "500000,500001")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/anggaran.csv", 4, "realisasi", "500001")]
    assert "melebihi pagu" in m.pesan


def test_nrr_out_of_range(root):
    ganti(root, "skm_unsur.csv", "U4,Unsur 4,3.4", "U4,Unsur 4,5")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/skm_unsur.csv", 5, "nrr", "5")]
    assert "antara 1 dan 4" in m.pesan


def test_idm_score_out_of_range(root):
    ganti(root, "idm.csv", "Kilensari,0.8156", "Kilensari,1.2")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/idm.csv", 3, "skor", "1.2")]
    assert "antara 0 dan 1" in m.pesan


def test_anggaran_sasaran_must_be_a_kinerja_kode(root):
    ganti(root, "anggaran.csv", "S3,Program B", "S9,Program B")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/anggaran.csv", 4, "sasaran", "S9")]
    assert "S1, S2, S3, T1" in m.pesan


def test_typed_realisasi_with_computed_source(root):
    ganti(root, "kinerja.csv", "88,,90,skm", "88,92.86,90,skm")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/kinerja.csv", 4, "realisasi", "92.86")]
    assert "dikosongkan" in m.pesan


def test_manual_realisasi_is_required_in_the_report_year(root):
    ganti(root, "kinerja.csv", "70,72.5,75", "70,,75")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/kinerja.csv", 2, "realisasi", None)]


def test_empty_required_text_cell(root):
    ganti(root, "kinerja.csv", "Waktu pelayanan,menit", "Waktu pelayanan,")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/kinerja.csv", 5, "satuan", None)]
    assert m.pesan == "wajib diisi"


def test_computed_source_needs_its_file(root):
    berkas(root, "idm.csv").unlink()
    [m] = masalah(root)
    assert tempat([m]) == [("2023/idm.csv", None, None, None)]
    assert "S1" in m.pesan


def test_survey_must_cover_all_nine_unsur(root):
    ganti(root, "skm_unsur.csv", "U7,Unsur 7,3.7\n", "")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/skm_unsur.csv", None, "unsur", None)]
    assert m.pesan.endswith("belum ada: U7")


def test_semicolon_bom_and_indonesian_numbers_read_like_the_plain_file(root):
    biasa = muat_tahun(2023, root)
    berkas(root, "anggaran.csv").write_bytes(
        (
            "\ufeffsasaran;program;kegiatan;sub_kegiatan;pagu;realisasi\r\n"
            "S1;Program A;Kegiatan 1;Sub 1;Rp 1.000.000;900.000\r\n"
            "S2;Program A;Kegiatan 1;Sub 2;2.008.940.215;Rp. 1.935.048.994,00\r\n"
            "S3;Program B;Kegiatan 2;Sub 1;500000;450.000\r\n"
        ).encode()
    )
    berkas(root, "idm.csv").write_bytes(
        "\ufeffdesa;skor;iks;ike;ikl\nPeleyan;0,6846;0,7;0,6;0,75\nKilensari;0,8156;0,8;0,8;0,85\n".encode()
    )
    indonesia = muat_tahun(2023, root)
    pd.testing.assert_frame_equal(indonesia.anggaran, biasa.anggaran)
    pd.testing.assert_frame_equal(indonesia.idm, biasa.idm)


def test_several_problems_are_reported_together(root):
    ganti(root, "anggaran.csv", "1935048994", "abc")
    ganti(root, "kinerja.csv", "menit,turun", "menit,menurun")
    ganti(root, "idm.csv", "Kilensari,0.8156", "Kilensari,1.2")
    berkas(root, "narasi.yaml").unlink()
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2023, root)
    assert sorted(tempat(info.value.masalah)) == [
        ("2023/anggaran.csv", 3, "realisasi", "abc"),
        ("2023/idm.csv", 3, "skor", "1.2"),
        ("2023/kinerja.csv", 5, "polaritas", "menurun"),
        ("2023/narasi.yaml", None, None, None),
    ]
    teks = str(info.value).splitlines()
    assert teks[0] == "Data tahun 2023 belum bisa diproses: 4 masalah ditemukan"
    assert len(teks) == 5


def test_unreadable_number_is_not_reported_twice(root):
    ganti(root, "idm.csv", "Kilensari,0.8156", "Kilensari,tinggi")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/idm.csv", 3, "skor", "tinggi")]


def test_yaml_syntax_error_names_the_line(root):
    ganti(root, "profil.yaml", "  nama: ALI MUNIR", "  nama: [ALI MUNIR")
    [m] = masalah(root)
    assert m.berkas == "2023/profil.yaml"
    assert m.baris in (7, 8)
    assert "YAML" in m.pesan


def test_required_profil_key_and_convention_values(root):
    ganti(root, "profil.yaml", "  nama: ALI MUNIR\n", "")
    ganti(root, "profil.yaml", "capaian_turun: rasio", "capaian_turun: persen")
    daftar = masalah(root)
    assert [m.pesan for m in daftar] == [
        'kunci "kepala.nama" wajib diisi',
        'kunci "konvensi.capaian_turun" harus salah satu dari: rasio, selisih',
    ]
    assert daftar[1].nilai == "persen"


def test_misspelled_konvensi_key_is_not_silently_ignored(root):
    ganti(root, "profil.yaml", "  capaian_turun: rasio", "  capain_turun: selisih")
    [m] = masalah(root)
    assert m.berkas == "2023/profil.yaml"
    assert m.pesan.startswith('kunci "konvensi.capain_turun" tidak dikenal (salah ketik?)')
    assert "capaian_turun" in m.pesan


@pytest.mark.parametrize("tanggal", ["22 Januari 2024", "22-01-2024", '"2024-1-22"'])
def test_signing_date_must_be_a_date(root, tanggal):
    ganti(root, "profil.yaml", "tanggal: 2024-01-22", f"tanggal: {tanggal}")
    [m] = masalah(root)
    assert m.berkas == "2023/profil.yaml"
    assert m.pesan.startswith('kunci "penandatanganan.tanggal" harus tanggal berformat YYYY-MM-DD')
    assert m.nilai == tanggal.strip('"')


def test_quoted_iso_signing_date_is_accepted(root):
    ganti(root, "profil.yaml", "tanggal: 2024-01-22", 'tanggal: "2024-01-22"')
    assert muat_tahun(2023, root).profil["penandatanganan"]["tanggal"] == "2024-01-22"


@pytest.mark.parametrize("tanggal", ["2024-13-22", "2024-02-30"])
def test_a_date_not_in_the_calendar_is_an_error_not_a_crash(root, tanggal):
    ganti(root, "profil.yaml", "tanggal: 2024-01-22", f"tanggal: {tanggal}")
    [m] = masalah(root)
    assert m.berkas == "2023/profil.yaml"
    assert m.pesan.startswith("ada tanggal yang tidak ada di kalender")


def test_narasi_per_indicator_must_name_a_kinerja_kode(root):
    ganti(
        root,
        "narasi.yaml",
        "analisis_penyebab: \n  S1: [Teks.]",
        "analisis_penyebab:\n  S4: [Teks.]",
    )
    [m] = masalah(root)
    assert m.berkas == "2023/narasi.yaml"
    assert m.pesan == (
        'kunci "analisis_penyebab.S4": kode S4 tidak ada di kolom kode kinerja.csv '
        "(S1, S2, S3, T1); teksnya tidak akan tampil di laporan"
    )


def test_missing_narasi_key(root):
    ganti(root, "narasi.yaml", "saran: [Teks.]\n", "")
    [m] = masalah(root)
    assert m.pesan == 'kunci "saran" wajib diisi'


def test_history_year_needs_only_kinerja(root):
    for nama in ("anggaran.csv", "profil.yaml", "narasi.yaml", "skm_unsur.csv", "idm.csv"):
        berkas(root, nama).unlink()
    ganti(root, "kinerja.csv", "70,72.5,75", "70,,75")
    ganti(root, "kinerja.csv", "88,,90,skm", "88,92.86,90,skm")
    tahun = muat_tahun(2023, root, wajib_lengkap=False)
    assert tahun.anggaran is None and tahun.profil == {} and tahun.idm is None
    assert tahun.kinerja.set_index("kode").loc["S2", "realisasi"] == 92.86
    assert sorted(tahun.files) == ["kinerja.csv", "pegawai.csv"]


def test_history_year_still_checks_what_it_has(root):
    berkas(root, "kinerja.csv").unlink()
    ganti(root, "idm.csv", "Kilensari,0.8156", "Kilensari,1.2")
    assert sorted(tempat(masalah(root, wajib_lengkap=False))) == [
        ("2023/idm.csv", 3, "skor", "1.2"),
        ("2023/kinerja.csv", None, None, None),
    ]


def test_row_with_too_many_cells(root):
    ganti(root, "kinerja.csv", "menit,turun,10,8,8", "menit,turun,10,8,8,5")
    daftar = masalah(root)
    assert tempat(daftar)[0] == ("2023/kinerja.csv", 5, None, None)
    assert "12 sel" in daftar[0].pesan and "tanda kutip" in daftar[0].pesan
    # the shifted cells are misread, and said so
    assert ("2023/kinerja.csv", 5, "sumber", "5") in tempat(daftar)


def test_blank_rows_are_skipped_without_shifting_line_numbers(root):
    ganti(root, "anggaran.csv", "S2,", ",,,,,\n\nS2,")
    ganti(root, "anggaran.csv", "500000,450000", "500000,500001")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/anggaran.csv", 6, "realisasi", "500001")]


def test_file_not_in_utf8(root):
    berkas(root, "pegawai.csv").write_bytes(
        "kelompok,kategori,jumlah\njabatan,Kasi Pem\xe9,1\n".encode("cp1252")
    )
    [m] = masalah(root)
    assert tempat([m]) == [("2023/pegawai.csv", 2, None, None)]
    assert "UTF-8" in m.pesan


def test_unclosed_quote_names_the_line_it_starts_on(root):
    # an unclosed quote would otherwise swallow the rest of the file into one cell
    isi = 'kelompok,kategori,jumlah\njabatan,Camat,1\njabatan,"Kasi,1\njabatan,Lurah,2\n'
    berkas(root, "pegawai.csv").write_text(isi)
    [m] = masalah(root)
    assert tempat([m]) == [("2023/pegawai.csv", 3, None, None)]
    assert "tidak bisa dibaca sebagai CSV" in m.pesan and "tanda kutip" in m.pesan


def test_a_long_text_cell_is_data_not_an_unreadable_csv(root):
    isi = 'kelompok,kategori,jumlah\njabatan,"' + "x" * 200_000 + '",1\n'
    berkas(root, "pegawai.csv").write_text(isi)
    assert muat_tahun(2023, root).pegawai["kategori"].str.len().tolist() == [200_000]


def test_header_only_table(root):
    berkas(root, "pegawai.csv").write_text("kelompok,kategori,jumlah\n")
    [m] = masalah(root)
    assert m.berkas == "2023/pegawai.csv" and "belum ada baris data" in m.pesan


def test_header_names_are_normalised(root):
    ganti(root, "pegawai.csv", "kelompok,kategori,jumlah", " Kelompok ,KATEGORI,Jumlah")
    assert list(muat_tahun(2023, root).pegawai.columns) == ["kelompok", "kategori", "jumlah"]


def test_baca_tabel_reports_every_bad_cell(root):
    ganti(root, "anggaran.csv", "1000000,900000", "satu juta,900000")
    ganti(root, "anggaran.csv", "500000,450000", "500000,45%x")
    with pytest.raises(DataTidakValid) as info:
        baca_tabel(berkas(root, "anggaran.csv"), "anggaran", TABEL["anggaran"].angka)
    assert tempat(info.value.masalah) == [
        ("2023/anggaran.csv", 2, "pagu", "satu juta"),
        ("2023/anggaran.csv", 4, "realisasi", "45%x"),
    ]


def test_xlsx_sheet_reads_like_csv(root):
    biasa = muat_tahun(2023, root).anggaran
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.title = "anggaran"
    lembar.append(["sasaran", "program", "kegiatan", "sub_kegiatan", "pagu", "realisasi"])
    lembar.append(["S1", "Program A", "Kegiatan 1", "Sub 1", 1000000, 900000.0])
    lembar.append(["S2", "Program A", "Kegiatan 1", "Sub 2", 2008940215, "1.935.048.994"])
    lembar.append(["S3", "Program B", "Kegiatan 2", "Sub 1", 500000, 450000])
    berkas(root, "anggaran.csv").unlink()
    buku.save(berkas(root, "anggaran.xlsx"))
    tahun = muat_tahun(2023, root)
    pd.testing.assert_frame_equal(tahun.anggaran, biasa)
    assert "anggaran.xlsx" in tahun.files


def test_xlsx_percent_formatted_cells_read_as_shown(root):
    """A cell showing 100 % stores 1; the analyst means 100, as "100%" typed as text reads."""
    biasa = muat_tahun(2023, root).kinerja
    buku = openpyxl.Workbook()
    lembar = buku.active
    baris = list(csv.reader(io.StringIO(KINERJA)))
    lembar.append(baris[0])
    for r in baris[1:]:
        lembar.append([float(v) if v.replace(".", "").isdigit() else v for v in r])
    target_s1 = lembar.cell(row=3, column=baris[0].index("target") + 1)
    target_s1.value, target_s1.number_format = 1, "0%"  # shows 100%
    realisasi_t1 = lembar.cell(row=2, column=baris[0].index("realisasi") + 1)
    realisasi_t1.value, realisasi_t1.number_format = 0.725, "0.0%"  # shows 72.5%
    berkas(root, "kinerja.csv").unlink()
    buku.save(berkas(root, "kinerja.xlsx"))
    pd.testing.assert_frame_equal(muat_tahun(2023, root).kinerja, biasa)


def test_xlsx_formula_without_a_stored_result_is_named_as_such(root):
    buku = openpyxl.Workbook()  # openpyxl, like many scripts, stores formulas without results
    lembar = buku.active
    lembar.title = "anggaran"
    lembar.append(["sasaran", "program", "kegiatan", "sub_kegiatan", "pagu", "realisasi"])
    lembar.append(["S1", "Program A", "Kegiatan 1", "Sub 1", 1000000, "=E2*0.9"])
    lembar.append(["S2", "Program A", "Kegiatan 1", "Sub 2", 2008940215, 1935048994])
    berkas(root, "anggaran.csv").unlink()
    buku.save(berkas(root, "anggaran.xlsx"))
    [m] = masalah(root)  # and no "wajib diisi" for the same cell
    assert tempat([m]) == [("2023/anggaran.xlsx", 2, "realisasi", "=E2*0.9")]
    assert m.pesan.startswith("berisi rumus tanpa hasil tersimpan")


def test_xlsx_fractional_rupiah_is_reported(root):
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(["kelompok", "kategori", "jumlah"])
    lembar.append(["jabatan", "Camat", 1.5])
    berkas(root, "pegawai.csv").unlink()
    buku.save(berkas(root, "pegawai.xlsx"))
    [m] = masalah(root)
    assert tempat([m]) == [("2023/pegawai.xlsx", 2, "jumlah", "1.5")]


def test_masalah_text_without_line_or_value():
    m = Masalah("2023/idm.csv", None, None, None, "berkas wajib tidak ditemukan")
    assert str(m) == "2023/idm.csv: berkas wajib tidak ditemukan"
    m = Masalah("2023/kinerja.csv", 3, "satuan", None, "wajib diisi")
    assert str(m) == '2023/kinerja.csv, baris 3, kolom "satuan": wajib diisi'


def buku_dari_csv(root: Path, nama_buku: str, tabel: list[str], judul=str) -> Path:
    """Move the given tables of the fixture into one workbook, a sheet per table; figures
    become Excel numbers as when typed in Excel."""
    buku = openpyxl.Workbook()
    buku.remove(buku.active)
    for nama in tabel:
        lembar = buku.create_sheet(judul(nama))
        isi = list(csv.reader(io.StringIO(berkas(root, f"{nama}.csv").read_text())))
        lembar.append(isi[0])
        for baris in isi[1:]:
            lembar.append(
                [
                    (float(v) if v else None) if k in TABEL[nama].angka else v
                    for k, v in zip(isi[0], baris, strict=True)
                ]
            )
        berkas(root, f"{nama}.csv").unlink()
    path = berkas(root, nama_buku)
    buku.save(path)
    return path


def test_one_workbook_with_a_sheet_per_table(root):
    biasa = muat_tahun(2023, root)
    semua = ["kinerja", "anggaran", "idm", "skm_unsur", "pegawai"]
    buku_dari_csv(root, "Data LKIP 2023.xlsx", semua, judul=lambda n: f" {n.title()} ")
    dari_buku = muat_tahun(2023, root)
    for nama in semua:
        pd.testing.assert_frame_equal(getattr(dari_buku, nama), getattr(biasa, nama))
    assert "Data LKIP 2023.xlsx" in dari_buku.files


def test_problems_in_a_workbook_name_the_sheet(root):
    buku_dari_csv(root, "lkip-2023.xlsx", ["anggaran", "idm"])
    buku = openpyxl.load_workbook(berkas(root, "lkip-2023.xlsx"))
    buku["anggaran"]["F4"] = 500001  # realisasi above pagu on line 4
    buku.save(berkas(root, "lkip-2023.xlsx"))
    [m] = masalah(root)
    assert tempat([m]) == [("2023/lkip-2023.xlsx (lembar anggaran)", 4, "realisasi", "500001")]


def test_table_in_csv_and_workbook_must_agree(root):
    buku_dari_csv(root, "lkip-2023.xlsx", ["idm"])
    berkas(root, "idm.csv").write_text(IDM, encoding="utf-8")
    assert muat_tahun(2023, root).files["idm.csv"] == berkas(root, "idm.csv")  # same content
    ganti(root, "idm.csv", "0.8156", "0.8157")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/idm.csv", None, None, None)]
    assert "lkip-2023.xlsx (lembar idm)" in m.pesan and "isi berbeda" in m.pesan


def test_damaged_workbook_and_excel_lock_file(root):
    berkas(root, "lkip-2023.xlsx").write_bytes(b"bukan excel")
    berkas(root, "~$lkip-2023.xlsx").write_bytes(b"lock file")
    [m] = masalah(root)
    assert tempat([m]) == [("2023/lkip-2023.xlsx", None, None, None)]
    assert "bukan buku kerja Excel .xlsx" in m.pesan


def test_a_year_without_any_target_lists_each_one(root):
    for lama, baru in (("naik,70,", "naik,,"), ("naik,100,", "naik,,"), ("naik,88,", "naik,,")):
        ganti(root, "kinerja.csv", lama, baru)
    ganti(root, "kinerja.csv", "turun,10,", "turun,,")
    daftar = masalah(root)
    assert tempat(daftar) == [("2023/kinerja.csv", b, "target", None) for b in range(2, 6)]
    assert daftar[0].pesan.startswith("wajib diisi: belum ada satu pun target tahun ini")


def test_one_empty_target_means_no_target_that_year(root):
    ganti(root, "kinerja.csv", "turun,10,", "turun,,")
    assert pd.isna(muat_tahun(2023, root).kinerja.set_index("kode").loc["S3", "target"])


def test_missing_profil_and_narasi_say_where_to_get_them(root):
    berkas(root, "profil.yaml").unlink()
    berkas(root, "narasi.yaml").unlink()
    daftar = masalah(root)
    assert tempat(daftar) == [
        ("2023/profil.yaml", None, None, None),
        ("2023/narasi.yaml", None, None, None),
    ]
    assert all("salin dari folder tahun sebelumnya" in m.pesan for m in daftar)


def test_missing_year_folder_points_at_new_year(tmp_path):
    (tmp_path / "data" / "raw" / "panarukan").mkdir(parents=True)
    [m] = masalah(tmp_path)
    assert "make new-year YEAR=2023" in m.pesan


def _idm(tahun: int, *desa: str) -> TahunMentah:
    idm = pd.DataFrame({"desa": list(desa), "skor": [0.7] * len(desa)})
    return TahunMentah(
        tahun=tahun,
        tabel={"kinerja": pd.DataFrame(), "idm": idm},
        label={"idm": f"{tahun}/idm.csv"},
    )


@pytest.mark.parametrize("salah", ["Pelleyan", "peleyan ", "PELEYAN"])
def test_a_desa_spelt_differently_from_last_year_is_an_error(salah):
    lalu = _idm(2022, "Paowan", "Peleyan", "Kilensari")
    kini = _idm(2023, "Paowan", salah, "Kilensari")
    [m] = periksa_nama_desa(lalu, kini)
    assert tempat([m]) == [("2023/idm.csv", 3, "desa", salah)]
    assert 'tidak ada di data IDM 2022, yang memuat "Peleyan"' in m.pesan


def test_new_or_gone_desa_are_not_typos():
    lalu = _idm(2022, "Paowan", "Sumberrejo", "Gelung")  # Gelung is gone in 2023
    kini = _idm(2023, "Paowan", "Sumberrejo", "Sumberejo", "Wringinanom")  # two new desa
    assert periksa_nama_desa(lalu, kini) == []


def _kinerja(tahun: int, *baris: tuple[str, str]) -> TahunMentah:
    kinerja = pd.DataFrame(baris, columns=["kode", "indikator"])
    return TahunMentah(
        tahun=tahun, tabel={"kinerja": kinerja}, label={"kinerja": f"{tahun}/kinerja.csv"}
    )


def test_an_indicator_whose_kode_changed_is_an_error():
    lalu = _kinerja(2022, ("T1", "Nilai IKM"), ("S1", "Rata-rata lama pelayanan PATEN"))
    kini = _kinerja(2023, ("T1", "Nilai IKM"), ("S01", "Rata-rata  lama pelayanan paten"))
    [m] = periksa_kode(lalu, kini)
    assert tempat([m]) == [("2023/kinerja.csv", 3, "kode", "S01")]
    assert m.pesan.startswith("indikator ini berkode S1 di kinerja 2022")


def test_new_indicators_of_a_new_renstra_are_not_renames():
    lalu = _kinerja(2022, ("T1", "Nilai IKM"), ("S1", "Rata-rata lama pelayanan PATEN"))
    kini = _kinerja(2023, ("T1", "Nilai IKM"), ("S4", "Persentase layanan daring"))
    assert periksa_kode(lalu, kini) == []
