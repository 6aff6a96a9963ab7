"""A new year's folder from the latest earlier year (``lkip new-year``)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from lkip import cli
from lkip.core.errors import DataTidakValid
from lkip.inputs.schemas import TABEL
from lkip.inputs.tahun import baca_tabel, muat_tahun
from lkip.inputs.tahun_baru import TahunBaruGagal, buat_tahun_baru
from tests.conftest import sidik_folder


def baca_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def baru(root: Path) -> Path:
    buat_tahun_baru(2024, root)
    return root / "data" / "raw" / "panarukan" / "2024"


def test_keeps_names_and_codes_and_empties_the_figures(root: Path, baru: Path) -> None:
    kinerja = baca_csv(baru / "kinerja.csv")
    lama = baca_csv(root / "data" / "raw" / "panarukan" / "2023" / "kinerja.csv")
    tetap = ("kode", "tingkat", "sasaran", "indikator", "satuan", "polaritas", "target_akhir")
    assert [{k: r[k] for k in tetap} for r in kinerja] == [{k: r[k] for k in tetap} for r in lama]
    assert [r["sumber"] for r in kinerja] == ["skm", "manual", "idm", "manual"]
    assert [r["target_akhir"] for r in kinerja] == ["88.75", "10", "100", "81.54"]
    assert all(r["target"] == "" and r["realisasi"] == "" for r in kinerja)

    idm = baca_csv(baru / "idm.csv")
    assert [r["desa"] for r in idm][:2] == ["Paowan", "Sumberkolak"] and len(idm) == 8
    assert {r["skor"] for r in idm} == {""}
    skm = baca_csv(baru / "skm_unsur.csv")
    assert [r["unsur"] for r in skm] == [f"U{i}" for i in range(1, 10)]
    assert skm[1]["nama"] == "Sistem, Mekanisme, dan Prosedur" and {r["nrr"] for r in skm} == {""}
    anggaran = baca_csv(baru / "anggaran.csv")
    assert len(anggaran) == 7 and [r["sasaran"] for r in anggaran].count("S2") == 4
    assert anggaran[1]["sub_kegiatan"].startswith("Monitoring, Evaluasi")
    assert {(r["pagu"], r["realisasi"]) for r in anggaran} == {("", "")}
    pegawai = baca_csv(baru / "pegawai.csv")
    assert len(pegawai) == 12 and {r["jumlah"] for r in pegawai} == {""}
    # plain CSV as shipped: no BOM, comma separator
    assert (baru / "kinerja.csv").read_bytes().startswith(b"kode,tingkat,")


def test_workbook_holds_the_same_tables(baru: Path) -> None:
    buku = openpyxl.load_workbook(baru / "lkip-2024.xlsx")
    assert buku.sheetnames == ["petunjuk", "kinerja", "anggaran", "idm", "skm_unsur", "pegawai"]
    lembar = buku["kinerja"]
    assert [c.value for c in lembar[1]][:3] == ["kode", "tingkat", "sasaran"]
    assert lembar["I2"].value == 88.75  # target_akhir stays a number
    assert lembar["G2"].value is None  # target to fill in
    for nama in ("kinerja", "anggaran", "idm", "skm_unsur", "pegawai"):
        pd.testing.assert_frame_equal(
            baca_tabel(baru / "lkip-2024.xlsx", nama, TABEL[nama].angka),
            baca_tabel(baru / f"{nama}.csv", nama, TABEL[nama].angka),
        )


def test_workbook_alone_gives_the_same_list_with_sheet_names(baru: Path) -> None:
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2024, baru.parents[3])
    dari_csv = [(m.berkas, m.baris, m.kolom) for m in info.value.masalah]
    for p in baru.glob("*.csv"):
        p.unlink()
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2024, baru.parents[3])
    dari_buku = [(m.berkas, m.baris, m.kolom) for m in info.value.masalah]
    assert dari_buku[0] == ("2024/lkip-2024.xlsx (lembar kinerja)", 2, "target")
    ganti = {f"2024/{n}.csv": f"2024/lkip-2024.xlsx (lembar {n})" for n in TABEL}
    assert dari_buku == [(ganti.get(b, b), baris, k) for b, baris, k in dari_csv]


def test_profil_and_narasi_are_copied_with_the_date_left_empty(root: Path, baru: Path) -> None:
    lama = root / "data" / "raw" / "panarukan" / "2023"
    profil = yaml.safe_load((baru / "profil.yaml").read_text(encoding="utf-8"))
    profil_lama = yaml.safe_load((lama / "profil.yaml").read_text(encoding="utf-8"))
    assert profil["penandatanganan"] == {"tempat": "Panarukan", "tanggal": None}
    assert {k: v for k, v in profil.items() if k != "penandatanganan"} == {
        k: v for k, v in profil_lama.items() if k != "penandatanganan"
    }
    narasi = (baru / "narasi.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(narasi) == yaml.safe_load((lama / "narasi.yaml").read_text("utf-8"))
    petunjuk = (baru / "README-TAHUN-BARU.md").read_text(encoding="utf-8")
    assert "`realisasi` untuk S1, S3" in petunjuk
    # the README points at the copied narasi's own line numbers
    nomor = next(i for i, b in enumerate(narasi.splitlines(), 1) if "SK IKU OPD Tahun 2023" in b)
    assert f"baris {nomor}: - SK IKU OPD Tahun 2023" in petunjuk


def test_unfilled_template_lists_every_empty_figure_and_nothing_else(baru: Path) -> None:
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2024, baru.parents[3])
    tempat = [(m.berkas, m.kolom, m.baris) for m in info.value.masalah]
    profil = (baru / "profil.yaml").read_text(encoding="utf-8").splitlines()
    baris_tanggal = next(i for i, b in enumerate(profil, 1) if b.strip().startswith("tanggal:"))
    diharapkan = (
        [("2024/kinerja.csv", "target", b) for b in range(2, 6)]
        + [("2024/kinerja.csv", "realisasi", b) for b in (3, 5)]  # S1, S3 are manual
        + [("2024/anggaran.csv", k, b) for k in ("pagu", "realisasi") for b in range(2, 9)]
        + [("2024/idm.csv", "skor", b) for b in range(2, 10)]
        + [("2024/skm_unsur.csv", "nrr", b) for b in range(2, 11)]
        + [("2024/pegawai.csv", "jumlah", b) for b in range(2, 14)]
        + [("2024/profil.yaml", None, baris_tanggal)]
    )
    assert tempat == diharapkan
    assert all("wajib diisi" in m.pesan for m in info.value.masalah)
    assert all(m.nilai is None for m in info.value.masalah)
    assert "penandatanganan.tanggal" in info.value.masalah[-1].pesan


def isi(baru: Path) -> None:
    """Fill the CSV files of the template (2023's figures) and drop the workbook."""
    (baru / "lkip-2024.xlsx").unlink()
    lama = baru.parent / "2023"
    for nama in ("kinerja", "anggaran", "idm", "skm_unsur", "pegawai"):
        shutil.copy(lama / f"{nama}.csv", baru / f"{nama}.csv")
    p = baru / "profil.yaml"
    p.write_text(p.read_text("utf-8").replace("  tanggal:", "  tanggal: 2025-01-20"), "utf-8")


def test_filled_template_is_valid(baru: Path) -> None:
    isi(baru)
    tahun = muat_tahun(2024, baru.parents[3])
    assert str(tahun.profil["penandatanganan"]["tanggal"]) == "2025-01-20"


def test_filling_csv_while_the_workbook_stays_is_a_clear_problem(baru: Path) -> None:
    shutil.copy(baru.parent / "2023" / "idm.csv", baru / "idm.csv")
    with pytest.raises(DataTidakValid) as info:
        muat_tahun(2024, baru.parents[3])
    [m] = [m for m in info.value.masalah if m.berkas == "2024/idm.csv"]
    assert (m.baris, m.kolom) == (None, None)
    assert "lkip-2024.xlsx (lembar idm)" in m.pesan and "hapus" in m.pesan


def test_never_overwrites_an_existing_folder(root: Path, baru: Path) -> None:
    (baru / "kinerja.csv").write_text("diubah analis", encoding="utf-8")
    sebelum = sidik_folder(root)
    with pytest.raises(TahunBaruGagal, match="sudah ada"):
        buat_tahun_baru(2024, root)
    assert sidik_folder(root) == sebelum


def test_earlier_years_are_not_changed(root: Path) -> None:
    sebelum = sidik_folder(root / "data" / "raw" / "panarukan")
    buat_tahun_baru(2024, root)
    sesudah = sidik_folder(root / "data" / "raw" / "panarukan")
    assert {k: v for k, v in sesudah.items() if not k.startswith("2024/")} == sebelum
    assert not [
        p for p in (root / "data" / "raw" / "panarukan").iterdir() if p.name.startswith(".")
    ]


def test_needs_an_earlier_year(root: Path) -> None:
    with pytest.raises(TahunBaruGagal, match="tidak ada folder tahun sebelum 2021"):
        buat_tahun_baru(2021, root)
    assert not (root / "data" / "raw" / "panarukan" / "2021").exists()


def test_each_file_from_the_latest_year_that_has_it(root: Path) -> None:
    # 2025 from a 2024 that has only kinerja.csv and idm.csv: the rest comes from 2023
    folder = root / "data" / "raw" / "panarukan" / "2024"
    folder.mkdir()
    for nama in ("kinerja.csv", "idm.csv"):
        shutil.copy(root / "data" / "raw" / "panarukan" / "2023" / nama, folder / nama)
    hasil = buat_tahun_baru(2025, root)
    assert hasil.asal == {
        "kinerja.csv": 2024,
        "idm.csv": 2024,
        "anggaran.csv": 2023,
        "skm_unsur.csv": 2023,
        "pegawai.csv": 2023,
        "profil.yaml": 2023,
        "narasi.yaml": 2023,
    }


def test_invalid_earlier_year_stops_with_its_problems(root: Path) -> None:
    p = root / "data" / "raw" / "panarukan" / "2023" / "idm.csv"
    p.write_text(p.read_text("utf-8").replace("0.8152", "1.8152"), "utf-8")
    with pytest.raises(DataTidakValid) as info:
        buat_tahun_baru(2024, root)
    assert [(m.berkas, m.baris, m.kolom) for m in info.value.masalah] == [
        ("2023/idm.csv", 2, "skor")
    ]
    assert not (root / "data" / "raw" / "panarukan" / "2024").exists()


def test_cli_new_year(root: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LKIP_ROOT", str(root))
    assert cli.main(["new-year", "--year", "2024"]) == 0
    keluar = capsys.readouterr().out
    assert "data/raw/panarukan/2024" in keluar and "lkip-2024.xlsx" in keluar
    assert cli.main(["new-year", "--year", "2024"]) == cli.KELUAR_DATA
    assert "sudah ada" in capsys.readouterr().err


@pytest.mark.parametrize("tahun", ["24", "2024; rm -rf /", "20245", "٢٠٢٤", "", "$(ls)"])
def test_cli_year_must_be_four_plain_digits(root: Path, monkeypatch, capsys, tahun) -> None:
    monkeypatch.setenv("LKIP_ROOT", str(root))
    with pytest.raises(SystemExit) as info:
        cli.main(["new-year", "--year", tahun])
    assert info.value.code == 2
    assert "tahun harus empat angka" in capsys.readouterr().err
    raw = root / "data" / "raw" / "panarukan"
    assert sorted(p.name for p in raw.iterdir()) == ["2022", "2023"]
