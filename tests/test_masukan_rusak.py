"""Issue 15: every broken input or faulty path ends in a clear Indonesian message, never a
traceback, and nothing invalid is accepted. Each test reproduces one reported failure on a
copy of the shipped 2023 data."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
import yaml

from lkip import cli
from lkip.build import pipeline
from lkip.core.errors import DataTidakValid, Masalah
from lkip.core.paths import ganti_folder, outputs_dir, processed_dir
from lkip.inputs.tahun import muat_tahun
from lkip.model.laporan import Laporan
from lkip.processed import susun

TAHUN = 2023


def raw(root: Path, nama: str) -> Path:
    return root / "data" / "raw" / "panarukan" / str(TAHUN) / nama


def ganti(root: Path, nama: str, lama: str, baru: str) -> None:
    path = raw(root, nama)
    isi = path.read_text(encoding="utf-8")
    assert lama in isi, f"test setup: {lama!r} not in {nama}"
    path.write_text(isi.replace(lama, baru, 1), encoding="utf-8")


def ubah_yaml(root: Path, nama: str, ubah) -> None:
    path = raw(root, nama)
    isi = yaml.safe_load(path.read_text(encoding="utf-8"))
    ubah(isi)
    path.write_text(yaml.safe_dump(isi, allow_unicode=True, sort_keys=False), encoding="utf-8")


def tambah_skala(root: Path, skala: str) -> None:
    baru = f"  bobot_ikm: eksak\n  skala_capaian: {skala}"
    ganti(root, "profil.yaml", "  bobot_ikm: eksak", baru)


def masalah(root: Path) -> list[Masalah]:
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(TAHUN, root)
    return info.value.masalah


def satu(root: Path, berkas: str) -> Masalah:
    daftar = masalah(root)
    assert [m.berkas for m in daftar] == [berkas], daftar
    return daftar[0]


# --- profil.yaml and narasi.yaml: accepted although invalid --------------------------------


@pytest.mark.parametrize(
    ("lama", "baru", "kata"),
    [
        ("tanggal: 2024-01-22", "tanggal: 20240122", "harus tanggal berformat YYYY-MM-DD"),
        ("batas_capaian: null", "batas_capaian: .nan", "harus berupa angka"),
        ("batas_capaian: null", "batas_capaian: 0", "harus angka positif"),
        ("instansi: Kecamatan Panarukan", "instansi: 123", "harus berupa teks"),
        ("  nip: '197306021992031001'", "  nip: 197306021992031001", "tanda kutip"),
        ("capaian_turun: rasio", "capaian_turun: [rasio]", "harus salah satu dari"),
        ("bobot_ikm: eksak", "bobot_ikm: 0.2", "harus salah satu dari: eksak, 0.111"),
        ("kepala:\n", "kepala: Camat\nkepala_lama:\n", 'kunci "kepala" harus berupa pasangan'),
        ("konvensi:\n", "skm: [1500]\nkonvensi:\n", 'kunci "skm" harus berupa pasangan'),
        ("konvensi:\n", "skm: {pengguna_layanan: '1.500'}\nkonvensi:\n", "bilangan bulat"),
    ],
)
def test_profil_values_of_the_wrong_type_are_named(root, lama, baru, kata):
    ganti(root, "profil.yaml", lama, baru)
    m = satu(root, "2023/profil.yaml")
    assert kata in m.pesan
    assert m.baris is not None


@pytest.mark.parametrize(
    "skala",
    [
        # ascending as written
        "[{batas_bawah: 51, label: Rendah}, {batas_bawah: 91, label: Tinggi}, {label: Kurang}]",
        # no floor: a capaian below 51 would have no predikat
        "[{batas_bawah: 91, label: Tinggi}, {batas_bawah: 51, label: Rendah}]",
        # two catch-alls
        "[{batas_bawah: 91, label: Tinggi}, {label: Rendah}, {label: Kurang}]",
    ],
)
def test_predikat_scale_must_descend_to_one_catch_all(root, skala):
    ganti(
        root, "profil.yaml", "  bobot_ikm: eksak", f"  bobot_ikm: eksak\n  skala_capaian: {skala}"
    )
    m = satu(root, "2023/profil.yaml")
    assert "dari batas_bawah tertinggi ke terendah" in m.pesan


def test_a_descending_scale_with_one_catch_all_is_accepted(root):
    skala = "[{batas_bawah: 91, label: Tinggi}, {batas_bawah: 51, label: Sedang}, {label: Rendah}]"
    ganti(
        root, "profil.yaml", "  bobot_ikm: eksak", f"  bobot_ikm: eksak\n  skala_capaian: {skala}"
    )
    assert muat_tahun(TAHUN, root).profil["konvensi"]["skala_capaian"][2] == {"label": "Rendah"}


@pytest.mark.parametrize(
    ("kunci", "nilai", "kata"),
    [
        ("kata_pengantar", 123, 'kunci "kata_pengantar" harus berupa teks atau daftar teks'),
        ("visi", "Mewujudkan Situbondo", 'kunci "visi" harus berupa pasangan kunci: nilai'),
        ("misi", ["Misi satu"], 'kunci "misi" butir ke-1 harus berupa pasangan kunci: nilai'),
        ("iku", [{"formula": "x"}], 'kunci "iku" butir ke-1, "kode" wajib diisi'),
        ("analisis", ["Teks."], 'kunci "analisis" harus berupa pasangan kunci: nilai'),
        ("lampiran", 5, 'kunci "lampiran" harus berupa teks atau daftar teks'),
        ("analisis_penyebab", {"T1": "satu teks"}, '"analisis_penyebab.T1" harus berupa daftar'),
    ],
)
def test_narasi_of_the_wrong_shape_is_named(root, kunci, nilai, kata):
    ubah_yaml(root, "narasi.yaml", lambda isi: isi.__setitem__(kunci, nilai))
    m = satu(root, "2023/narasi.yaml")
    assert kata in m.pesan, m.pesan
    assert m.baris is not None


def test_schema_problems_name_the_line_of_the_key(root):
    lama = "- misi: Membangun Pemerintahan yang Profesional, Bersih dan Tangguh"
    ganti(root, "narasi.yaml", lama, "- misi: [Profesional]")
    baris = raw(root, "narasi.yaml").read_text(encoding="utf-8").splitlines()
    m = satu(root, "2023/narasi.yaml")
    assert m.pesan == 'kunci "misi" butir ke-4, "misi" harus berupa teks'
    assert baris[m.baris - 1] == "- misi: [Profesional]"


def test_prose_with_braces_renders_as_written(root):
    laporan = susun(TAHUN, root)
    laporan.narasi["penutup"] = ["Tahun {tahun} {instansi}: target {belum} ditetapkan {", "}"]
    assert laporan.teks("penutup") == [
        "Tahun 2023 Kecamatan Panarukan: target {belum} ditetapkan {",
        "}",
    ]


def test_desa_and_kategori_named_na_stay_text(root, tmp_path):
    ganti(root, "idm.csv", "Peleyan", "NA")
    ganti(root, "pegawai.csv", "Golongan II,", "NaN,")
    laporan = susun(TAHUN, root)
    laporan.simpan(tmp_path / "p")
    dibaca = Laporan.baca(tmp_path / "p")
    assert "NA" in dibaca.tabel["idm"]["desa"].tolist()
    assert "NaN" in dibaca.tabel["pegawai"]["kategori"].tolist()


# --- YAML that would exhaust the machine -----------------------------------------------------


def test_alias_bomb_is_refused_before_expanding(root):
    bom = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n"
        for a, b in zip("abcdefg", "bcdefgh", strict=True)
    )
    raw(root, "narasi.yaml").write_text(bom, encoding="utf-8")
    m = satu(root, "2023/narasi.yaml")
    assert m.baris == 1
    assert "anchor dan alias" in m.pesan
    assert (
        not list((root / "data" / "processed").glob(".*"))
        if (root / "data" / "processed").exists()
        else True
    )


def test_deep_nesting_is_refused_without_recursion_error(root):
    raw(root, "profil.yaml").write_text("a: " + "[" * 20_000 + "]" * 20_000 + "\n")
    m = satu(root, "2023/profil.yaml")
    assert "bertingkat terlalu dalam" in m.pesan


@pytest.mark.parametrize(
    ("isi", "kata"),
    [
        ("instansi: Kecamatan: Panarukan\n", "titik dua diikuti spasi"),
        ("instansi: 'Kecamatan\n", "tanda kutip atau kurung tidak ditutup"),
        ("instansi:\n\t- a\n", "karakter tab"),
        ("instansi: !!python/object:os.system x\n", "tag YAML"),
    ],
)
def test_yaml_parser_messages_are_indonesian(root, isi, kata):
    raw(root, "profil.yaml").write_text(isi, encoding="utf-8")
    m = satu(root, "2023/profil.yaml")
    assert kata in m.pesan
    assert not any(w in m.pesan for w in ("mapping values", "found", "expected", "while"))


def test_binary_yaml(root):
    raw(root, "profil.yaml").write_bytes(b"\x00\xff\xfe binary")
    assert "biner" in satu(root, "2023/profil.yaml").pesan


# --- tables ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nama", ["kinerja.csv", "idm.csv", "skm_unsur.csv", "anggaran.csv", "pegawai.csv"]
)
def test_a_column_twice_in_any_table_is_a_message(root, nama):
    path = raw(root, nama)
    baris = path.read_text(encoding="utf-8").splitlines()
    pertama = baris[0].split(",")[0]
    path.write_text(
        "\n".join(f"{b},{b.split(',')[0] if i else pertama}" for i, b in enumerate(baris)) + "\n",
        encoding="utf-8",
    )
    m = satu(root, f"2023/{nama}")
    assert (m.baris, m.kolom) == (1, pertama)
    assert "lebih dari sekali" in m.pesan


def test_a_column_twice_in_dilaporkan(root):
    path = raw(root, "dilaporkan.csv")
    baris = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(f"{b},x" if i else f"{b},metrik" for i, b in enumerate(baris)) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DataTidakValid) as info:
        susun(TAHUN, root)
    [m] = info.value.masalah
    assert (m.berkas, m.baris, m.kolom) == ("2023/dilaporkan.csv", 1, "metrik")


def test_a_folder_where_a_table_belongs(root):
    raw(root, "pegawai.csv").unlink()
    raw(root, "pegawai.csv").mkdir()
    assert "ini sebuah folder" in satu(root, "2023/pegawai.csv").pesan


def test_links_to_a_folder_nowhere_and_a_device(root, tmp_path):
    raw(root, "kinerja.csv").unlink()
    raw(root, "kinerja.csv").symlink_to("/dev/zero")
    raw(root, "profil.yaml").unlink()
    raw(root, "profil.yaml").symlink_to(tmp_path / "tidak-ada.yaml")
    raw(root, "narasi.yaml").unlink()
    raw(root, "narasi.yaml").symlink_to(tmp_path)
    pesan = {m.berkas: m.pesan for m in masalah(root)}
    assert "bukan berkas biasa" in pesan["2023/kinerja.csv"]
    assert "tidak ada" in pesan["2023/profil.yaml"]
    assert "folder" in pesan["2023/narasi.yaml"]


def test_unreadable_file(root, monkeypatch):
    asli = Path.open

    def buka(self, *a, **k):
        if self.name == "anggaran.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return asli(self, *a, **k)

    monkeypatch.setattr(Path, "open", buka)
    assert "izin akses ditolak" in satu(root, "2023/anggaran.csv").pesan


def test_workbook_that_is_not_a_zip_and_a_missing_sheet(root):
    raw(root, "pegawai.csv").unlink()
    raw(root, "pegawai.xlsx").write_bytes(b"PK\x03\x04 rusak")
    buku = openpyxl.Workbook()
    buku.active.title = "lain"
    buku.create_sheet("juga_lain")
    raw(root, "idm.csv").unlink()
    buku.save(raw(root, "idm.xlsx"))
    pesan = {m.berkas: m.pesan for m in masalah(root)}
    assert "rusak" in pesan["2023/pegawai.xlsx"] and "zip file" not in pesan["2023/pegawai.xlsx"]
    assert 'harus memuat lembar kerja bernama "idm"' in pesan["2023/idm.xlsx"]


def test_separator_semicolon_and_excel_bom_are_read(root):
    path = raw(root, "pegawai.csv")
    teks = path.read_text(encoding="utf-8").replace(",", ";")
    path.write_bytes(b"\xef\xbb\xbf" + teks.encode("utf-8"))
    assert len(muat_tahun(TAHUN, root).pegawai) > 0


# --- faults of paths and runs ----------------------------------------------------------------


def test_outputs_being_a_file(root, monkeypatch, capsys):
    monkeypatch.setenv("LKIP_ROOT", str(root))
    (root / "outputs").write_text("bukan folder")
    assert cli.main(["validate", "--year", "2023"]) == cli.KELUAR_BERKAS
    err = capsys.readouterr().err
    assert "outputs" in err and "harus ada folder" in err and "Traceback" not in err


def test_lock_path_being_a_folder(root, monkeypatch, capsys):
    monkeypatch.setenv("LKIP_ROOT", str(root))
    (root / "outputs" / "panarukan" / f".{TAHUN}.lock").mkdir(parents=True)
    assert cli.main(["validate", "--year", "2023"]) == cli.KELUAR_BERKAS
    err = capsys.readouterr().err
    assert ".2023.lock adalah sebuah folder" in err


def test_read_only_processed_folder(root, monkeypatch, capsys):
    monkeypatch.setenv("LKIP_ROOT", str(root))

    def tidak_boleh(*a, **k):
        raise PermissionError(13, "Permission denied", str(root / "data" / "processed"))

    monkeypatch.setattr(Laporan, "simpan", tidak_boleh)
    assert cli.main(["validate", "--year", "2023"]) == cli.KELUAR_BERKAS
    err = capsys.readouterr().err
    assert "Tidak ada izin untuk membaca atau menulis" in err and "data/processed" in err


def test_a_missing_file_the_system_reports_is_told_by_its_path(root, monkeypatch, capsys):
    """A FileNotFoundError the system raised is told in the analyst's terms (pesan_galat), as
    report-all tells it, not as Python's "[Errno 2] No such file or directory"."""
    monkeypatch.setenv("LKIP_ROOT", str(root))
    hilang = root / "data" / "processed" / "panarukan" / "2023" / "laporan.json"

    def hilang_di_tengah(*a, **k):
        raise FileNotFoundError(2, "No such file or directory", str(hilang))

    monkeypatch.setattr(Laporan, "simpan", hilang_di_tengah)
    assert cli.main(["validate", "--year", "2023"]) == cli.KELUAR_DATA
    assert capsys.readouterr().err == f"{hilang} tidak ditemukan.\n"


def test_unexpected_error_is_a_short_message_and_a_log(root, monkeypatch, capsys):
    monkeypatch.setenv("LKIP_ROOT", str(root))

    def rusak(*a, **k):
        raise ZeroDivisionError("bug di lkip")

    monkeypatch.setattr(cli, "proses", rusak)
    assert cli.main(["validate", "--year", "2023"]) == cli.KELUAR_GALAT
    err = capsys.readouterr().err
    assert "Traceback" not in err and "kesalahan tak terduga" in err
    [log] = (root / "outputs" / ".galat").glob("lkip-galat-*.log")
    assert str(log) in err
    assert "ZeroDivisionError: bug di lkip" in log.read_text(encoding="utf-8")


def test_leftovers_of_killed_runs_are_removed_by_the_next(root):
    keluaran = outputs_dir(TAHUN, root).parent
    (keluaran / f".{TAHUN}-sedang-abc").mkdir(parents=True)
    (keluaran / f".{TAHUN}-sedang-abc" / "lkip.html").write_text("setengah")
    (keluaran / f".{TAHUN}-lama-99999").write_text("berkas yang dulu menempati outputs/2023")
    diproses = processed_dir(TAHUN, root).parent
    (diproses / f".{TAHUN}-xyz").mkdir(parents=True)
    pipeline.proses(TAHUN, root)
    assert sorted(p.name for p in keluaran.iterdir()) == [f".{TAHUN}.lock"]
    assert not list(diproses.glob(".*"))


def test_a_file_where_the_outputs_folder_belongs_is_replaced_and_removed(tmp_path):
    target = tmp_path / "outputs" / "2023"
    target.parent.mkdir()
    target.write_text("berkas")
    baru = tmp_path / "outputs" / ".2023-sedang-x"
    baru.mkdir()
    ganti_folder(baru, target)
    assert target.is_dir()
    assert os.listdir(target.parent) == ["2023"]


def test_unreadable_year_folder(root, monkeypatch, capsys):
    monkeypatch.setenv("LKIP_ROOT", str(root))
    folder = root / "data" / "raw" / "2023"

    def tidak_boleh(_folder):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr("lkip.inputs.tahun._buku_kerja", tidak_boleh)
    assert cli.main(["validate", "--year", "2023"]) == cli.KELUAR_BERKAS
    err = capsys.readouterr().err
    assert f"Tidak ada izin untuk membaca atau menulis {folder}" in err
    assert "Traceback" not in err
