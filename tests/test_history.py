"""A report year compared with every earlier year in data/raw, and the same data typed the way
an Indonesian Excel saves it."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lkip.core import fmt
from lkip.inputs.schemas import TABEL
from lkip.inputs.tahun_baru import buat_tahun_baru
from lkip.model.laporan import Laporan
from lkip.presentation import tabel
from lkip.processed import muat, susun

IKM_2023 = 25 * 33.43 / 9  # mean NRR of 2023's nine unsur × 25
S4 = (
    "S4,sasaran,Meningkatnya kualitas perencanaan,Persentase dokumen perencanaan tepat waktu,"
    "%,naik,100,90,100,manual,\n"
)


def tulis(path: Path, teks: str) -> None:
    path.write_text(teks, encoding="utf-8")


def ubah_csv(path: Path, isi: dict[str, dict[str, str]], kunci: str) -> None:
    """Set cells of a template CSV by row key (kode, desa, unsur...) and column."""
    with path.open(encoding="utf-8", newline="") as f:
        baris = list(csv.DictReader(f))
    for r in baris:
        for kolom, nilai in isi.get(r[kunci], isi.get("*", {})).items():
            r[kolom] = nilai
    keluar = io.StringIO()
    w = csv.DictWriter(keluar, fieldnames=list(baris[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(baris)
    tulis(path, keluar.getvalue())


def isi_2024(folder: Path) -> None:
    """2024 as an analyst fills the template: a new indicator S4, a new desa, Gelung gone."""
    (folder / "lkip-2024.xlsx").unlink()
    k = folder / "kinerja.csv"
    ubah_csv(
        k,
        {
            "T1": {"target": "88.75"},
            "S1": {"target": "10", "realisasi": "7"},
            "S2": {"target": "100"},
            "S3": {"target": "81.54", "realisasi": "83.1"},
        },
        "kode",
    )
    tulis(k, k.read_text("utf-8") + S4)
    skor = {
        "Paowan": "0.8200",
        "Sumberkolak": "0.9200",
        "Weringin Anom": "0.8400",
        "Kilensari": "0.8700",
        "Peleyan": "0.6800",  # fell again
        "Alasmalang": "0.8300",
        "Duwet": "0.7800",
    }
    tulis(
        folder / "idm.csv",
        "desa,skor\n" + "".join(f"{d},{s}\n" for d, s in skor.items()) + "Desa Baru,0.7000\n",
    )
    ubah_csv(folder / "skm_unsur.csv", {"*": {"nrr": "3.7"}}, "unsur")
    ubah_csv(folder / "anggaran.csv", {"*": {"pagu": "100000000", "realisasi": "90000000"}}, "pagu")
    ubah_csv(folder / "pegawai.csv", {"*": {"jumlah": "1"}}, "jumlah")
    p = folder / "profil.yaml"
    tulis(p, p.read_text("utf-8").replace("  tanggal:", "  tanggal: 2025-01-20"))


@pytest.fixture
def root_2024(root: Path) -> Path:
    buat_tahun_baru(2024, root)
    isi_2024(root / "data" / "raw" / "panarukan" / "2024")
    return root


@pytest.fixture
def L(root_2024: Path) -> Laporan:
    return susun(2024, root_2024)


def baris(df: pd.DataFrame, kolom, awalan: str) -> pd.Series:
    """The row of a display table whose ``kolom`` starts with ``awalan``."""
    [i] = [i for i, v in enumerate(df[kolom]) if str(v).startswith(awalan)]
    return df.iloc[i]


def test_previous_year_values_are_2023(L: Laporan) -> None:
    k = L.kinerja.set_index("kode")
    assert k.loc["T1", "realisasi_lalu"] == pytest.approx(IKM_2023)  # computed from 2023's SKM
    assert k.loc["S1", "realisasi_lalu"] == 8
    assert k.loc["S1", "capaian_lalu"] == pytest.approx(125.0)  # 10 / 8, lower is better
    assert k.loc["S2", "realisasi_lalu"] == pytest.approx(87.5)  # 7 of 8 desa rose in 2023
    assert k.loc["S3", "realisasi_lalu"] == pytest.approx(82.4)
    assert k.loc["S3", "capaian_lalu"] == pytest.approx(82.4 / 81.28 * 100)
    assert k.loc["S1", "capaian"] == pytest.approx(10 / 7 * 100)
    assert pd.isna(k.loc["S4", "realisasi_lalu"]) and pd.isna(k.loc["S4", "capaian_lalu"])


def test_comparison_table_shows_2023_and_a_dash_for_the_new_indicator(
    L: Laporan, root_2024: Path
) -> None:
    df = tabel.perbandingan(L, "sasaran")
    dulu = tabel.pengukuran(susun(2023, root_2024), "sasaran")
    for kode, awalan in (("S1", "Meningkatnya kecepatan"), ("S3", "Meningkatnya Akuntabilitas")):
        r = baris(df, ("Sasaran Strategis", ""), awalan)
        r23 = baris(dulu, "Sasaran Strategis", awalan)
        assert r[("Realisasi", "Tahun 2023")] == r23["Realisasi"], kode
        assert r[("Capaian", "Tahun 2023")] == r23["Capaian"], kode
    s1 = baris(df, ("Sasaran Strategis", ""), "Meningkatnya kecepatan")
    assert s1[("Realisasi", "Tahun 2023")] == fmt.nilai(8, "menit")
    assert s1[("Realisasi", "Tahun 2024")] == fmt.nilai(7, "menit")
    s4 = baris(df, ("Sasaran Strategis", ""), "Meningkatnya kualitas perencanaan")
    assert s4[("Realisasi", "Tahun 2023")] == fmt.KOSONG
    assert s4[("Capaian", "Tahun 2023")] == fmt.KOSONG
    assert s4[("Realisasi", "Tahun 2024")] == fmt.nilai(90, "%")


def test_tren_covers_every_year(L: Laporan) -> None:
    assert sorted(L.tren["tahun"].unique()) == [2022, 2023, 2024]
    df = tabel.tren(L)
    assert list(df.columns) == ["Indikator", "2022", "2023", "2024"]
    s1 = baris(df, "Indikator", "S1.")
    assert list(s1[["2022", "2023", "2024"]]) == [fmt.nilai(v, "menit") for v in (10, 8, 7)]
    t1 = baris(df, "Indikator", "T1.")
    assert t1["2023"] == fmt.nilai(IKM_2023, "indeks") and t1["2022"] == fmt.nilai(94, "indeks")
    s4 = baris(df, "Indikator", "S4.")
    assert list(s4[["2022", "2023", "2024"]]) == [fmt.KOSONG, fmt.KOSONG, fmt.nilai(90, "%")]


def periksa_desa_satu_tahun(laporan: Laporan) -> None:
    df = tabel.idm_desa(laporan)
    baru = baris(df, "Desa", "Desa Baru")
    assert list(baru[["Skor IDM 2023", "Status 2023", "Perubahan"]]) == [fmt.KOSONG] * 3
    assert baru["Skor IDM 2024"] == fmt.angka(0.7, 4, tetap=True)
    hilang = baris(df, "Desa", "Gelung")
    assert list(hilang[["Skor IDM 2024", "Status 2024", "Perubahan"]]) == [fmt.KOSONG] * 3
    assert hilang["Skor IDM 2023"] == fmt.angka(0.8090, 4, tetap=True)


def test_desa_in_one_year_only(root_2024: Path) -> None:
    laporan = muat(2024, root_2024)  # as the notebooks read it (through data/processed)
    k = laporan.kinerja.set_index("kode")
    # comparable desa: the 7 in both years; 6 rose (Peleyan fell)
    assert k.loc["S2", "realisasi"] == pytest.approx(6 / 7 * 100)
    periksa_desa_satu_tahun(laporan)


def test_desa_in_one_year_only_straight_from_susun(L: Laporan) -> None:
    periksa_desa_satu_tahun(L)


@pytest.fixture
def tanpa_2023(root_2024: Path) -> Laporan:
    shutil.rmtree(root_2024 / "data" / "raw" / "panarukan" / "2023")
    return susun(2024, root_2024)


def test_missing_year_in_between_is_no_error(tanpa_2023: Laporan) -> None:
    L = tanpa_2023
    assert L.kinerja["realisasi_lalu"].isna().all()
    df = tabel.perbandingan(L, "sasaran")
    assert set(df[("Realisasi", "Tahun 2023")]) == {fmt.KOSONG}
    assert set(df[("Capaian", "Tahun 2023")]) == {fmt.KOSONG}
    # no 2023 scores to compare with: the share of desa that rose is unknown, not 0
    assert pd.isna(L.kinerja.set_index("kode").loc["S2", "realisasi"])
    assert sorted(L.tren["tahun"].unique()) == [2022, 2024]
    s1 = baris(tabel.tren(L), "Indikator", "S1.")
    assert (s1["2022"], s1["2024"]) == (fmt.nilai(10, "menit"), fmt.nilai(7, "menit"))


def test_missing_year_in_between_is_shown_as_a_dash_in_tren(tanpa_2023: Laporan) -> None:
    df = tabel.tren(tanpa_2023)
    assert list(df.columns) == ["Indikator", "2022", "2023", "2024"]
    assert set(df["2023"]) == {fmt.KOSONG}


# --- the same data as an Indonesian Excel saves it ----------------------------------------


def gaya_excel_indonesia(folder: Path) -> None:
    """Rewrite every CSV of ``folder`` with ';', a BOM, CRLF and Indonesian numbers."""
    for path in folder.glob("*.csv"):
        if path.stem not in TABEL:  # e.g. dilaporkan.csv: quoted text, not read here
            continue
        kolom_angka = TABEL[path.stem].angka
        with path.open(encoding="utf-8", newline="") as f:
            baris = list(csv.DictReader(f))
        for r in baris:
            for kolom, bulat in kolom_angka.items():
                v = r.get(kolom) or ""
                if not v:
                    continue
                if bulat:
                    r[kolom] = f"{int(v):,}".replace(",", ".")
                else:
                    r[kolom] = v.replace(".", ",")
            if r.get("satuan") == "%" and r.get("target"):
                r["target"] += "%"
            if r.get("sasaran") == "S3" and "pagu" in r:
                r["pagu"] = "Rp " + r["pagu"]
        keluar = io.StringIO()
        w = csv.DictWriter(keluar, fieldnames=list(baris[0]), delimiter=";", lineterminator="\r\n")
        w.writeheader()
        w.writerows(baris)
        path.write_bytes(("\ufeff" + keluar.getvalue()).encode("utf-8"))


def test_indonesian_excel_csv_gives_the_same_report(root: Path) -> None:
    biasa = susun(2023, root)
    for tahun in ("2022", "2023"):
        gaya_excel_indonesia(root / "data" / "raw" / "panarukan" / tahun)
    anggaran = (
        (root / "data" / "raw" / "panarukan" / "2023" / "anggaran.csv").read_bytes().decode("utf-8")
    )
    assert anggaran.startswith("\ufeffsasaran;program;") and ";Rp 2.008.940.215;" in anggaran
    kinerja = (root / "data" / "raw" / "panarukan" / "2023" / "kinerja.csv").read_text("utf-8")
    assert ";82,4;" in kinerja
    assert ";100%;" in kinerja

    excel = susun(2023, root)
    assert excel.tabel.keys() == biasa.tabel.keys()
    for nama, df in biasa.tabel.items():
        pd.testing.assert_frame_equal(excel.tabel[nama], df, obj=nama)
    assert excel.nilai == biasa.nilai
    for buat in (
        lambda L: tabel.perbandingan(L, "sasaran"),
        lambda L: tabel.pengukuran(L, "tujuan"),
        lambda L: tabel.anggaran_per(L, "anggaran_program", "Program"),
        lambda L: tabel.kinerja_anggaran(L, efisiensi=True),
        tabel.idm_desa,
        tabel.unsur_ikm,
        tabel.tren,
    ):
        pd.testing.assert_frame_equal(buat(excel), buat(biasa))
