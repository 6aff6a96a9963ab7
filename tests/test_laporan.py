"""The computed content of the 2023 report, checked against values worked out from the seed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lkip.core.paths import processed_dir
from lkip.model.laporan import Laporan
from lkip.processed import muat, susun


@pytest.fixture(scope="module")
def L() -> Laporan:
    return susun(2023)


def test_capaian_per_indikator_from_the_seed_data(L: Laporan) -> None:
    k = L.kinerja.set_index("kode")
    # IKM: 25 × mean(3.66 3.65 3.66 3.61 3.72 3.78 3.70 3.99 3.66) = 25 × 33.43 / 9
    assert k.loc["T1", "realisasi"] == pytest.approx(25 * 33.43 / 9)
    assert k.loc["T1", "capaian"] == pytest.approx(25 * 33.43 / 9 / 88.68 * 100)
    assert k.loc["S1", "capaian"] == pytest.approx(125.0)  # 10 / 8 × 100, lower is better
    assert k.loc["S2", "realisasi"] == pytest.approx(87.5)  # 7 of 8 desa rose
    assert k.loc["S2", "capaian"] == pytest.approx(87.5)
    assert k.loc["S3", "capaian"] == pytest.approx(82.4 / 81.28 * 100)  # 101,38 %
    assert list(k["tercapai"]) == [True, True, False, True]


def test_letters_of_scored_indicators(L: Laporan) -> None:
    k = L.kinerja.set_index("kode")
    assert k.loc["T1", "huruf_realisasi"] == "A"  # 92,86 ≥ 88,31
    assert k.loc["S3", "huruf_realisasi"] == "A"  # SAKIP 82,4: > 80 – 90 Memuaskan
    assert pd.isna(k.loc["S1", "huruf_realisasi"])


def test_previous_year_is_joined(L: Laporan) -> None:
    k = L.kinerja.set_index("kode")
    assert k.loc["T1", "realisasi_lalu"] == 94
    assert k.loc["T1", "capaian_lalu"] == pytest.approx(94 / 88.63 * 100)
    assert k.loc["S3", "capaian_lalu"] == pytest.approx(80.30 / 81.25 * 100)  # 98,83 %
    assert pd.isna(k.loc["S1", "capaian_lalu"])  # no target in 2022


def test_budget_totals_reconcile(L: Laporan) -> None:
    total = L.tabel["anggaran_total"].iloc[0]
    assert total["pagu"] == 2_326_586_175
    assert total["realisasi"] == 2_252_567_244  # the five programs, not the printed 2.252.576.244
    for tabel in ("anggaran_program", "anggaran_sasaran", "anggaran_sasaran_program"):
        assert L.tabel[tabel]["pagu"].sum() == total["pagu"]
        assert L.tabel[tabel]["realisasi"].sum() == total["realisasi"]
    sasaran = L.tabel["anggaran_sasaran"].set_index("sasaran")
    assert sasaran.loc["S2", "pagu"] == 204_674_830  # printed 204.674.835
    assert sasaran.loc["S1", "sisa"] == 2_170_330


def test_idm_table_and_share(L: Laporan) -> None:
    idm = L.tabel["idm"].set_index("desa")
    assert bool(idm.loc["Peleyan", "meningkat"]) is False
    assert idm.loc["Kilensari", "status_lalu"] == "Maju"
    assert idm.loc["Kilensari", "status_kini"] == "Mandiri"
    assert L.nilai["persen_idm_meningkat"] == pytest.approx(87.5)


def test_trend_holds_every_year(L: Laporan) -> None:
    assert sorted(L.tren["tahun"].unique()) == [2022, 2023]
    t1 = L.tren[L.tren["kode"] == "T1"].set_index("tahun")["realisasi"]
    assert t1.loc[2022] == 94


def test_processed_round_trip(root: Path) -> None:
    L = susun(2023, root)
    L.simpan(processed_dir(2023, root))
    back = Laporan.baca(processed_dir(2023, root))
    pd.testing.assert_series_equal(back.kinerja["capaian"], L.kinerja["capaian"])
    assert back.kinerja["tercapai"].tolist() == L.kinerja["tercapai"].tolist()
    assert back.nilai == L.nilai
    assert back.profil["kepala"]["nip"] == "197306021992031001"


def test_muat_rebuilds_when_raw_changes(root: Path) -> None:
    first = muat(2023, root)
    assert first.indikator("S1")["realisasi"] == 8
    kinerja = root / "data" / "raw" / "panarukan" / "2023" / "kinerja.csv"
    kinerja.write_text(kinerja.read_text().replace(",10,8,10,manual,", ",10,9,10,manual,"))
    again = muat(2023, root)
    assert again.indikator("S1")["realisasi"] == 9
    assert again.indikator("S1")["capaian"] == pytest.approx(10 / 9 * 100)


def test_desa_missing_in_one_year_is_not_counted(root: Path) -> None:
    idm = root / "data" / "raw" / "panarukan" / "2023" / "idm.csv"
    lines = idm.read_text().splitlines()
    # Drop Peleyan (the one desa that fell) from 2023 and add a new desa.
    kept = [line for line in lines if not line.startswith("Peleyan")] + ["Desa Baru,0.7000"]
    idm.write_text("\n".join(kept) + "\n")
    L = susun(2023, root)
    t = L.tabel["idm"].set_index("desa")
    assert pd.isna(t.loc["Peleyan", "meningkat"]) and pd.isna(t.loc["Desa Baru", "meningkat"])
    assert L.nilai["persen_idm_meningkat"] == pytest.approx(100.0)  # 7 of 7 comparable desa


def test_predikat_of_capaian_on_the_default_scale(L: Laporan) -> None:
    # Permendagri 86/2017 style: >= 91 Sangat Tinggi, >= 76 Tinggi
    assert L.kinerja.set_index("kode")["predikat"].to_dict() == {
        "T1": "Sangat Tinggi",  # 104,71 %
        "S1": "Sangat Tinggi",  # 125 %
        "S2": "Tinggi",  # 87,5 %
        "S3": "Sangat Tinggi",  # 101,38 %
    }


def test_predikat_scale_is_data_in_profil(root: Path) -> None:
    profil = root / "data" / "raw" / "panarukan" / "2023" / "profil.yaml"
    skala = (
        "  skala_capaian:\n"
        "    - {batas_bawah: 100, label: Tercapai}\n"
        "    - {batas_bawah: 90, label: Hampir tercapai}\n"
        "    - {label: Tidak tercapai}\n"
    )
    profil.write_text(
        profil.read_text().replace("  bobot_ikm: eksak\n", "  bobot_ikm: eksak\n" + skala)
    )
    k = susun(2023, root).kinerja.set_index("kode")["predikat"]
    assert (k["S1"], k["S2"]) == ("Tercapai", "Tidak tercapai")


def test_a_broken_predikat_scale_is_a_data_error(root: Path) -> None:
    from lkip.core.errors import DataTidakValid

    profil = root / "data" / "raw" / "panarukan" / "2023" / "profil.yaml"
    skala = "  skala_capaian:\n    - {batas_bawah: 90}\n"
    profil.write_text(
        profil.read_text().replace("  bobot_ikm: eksak\n", "  bobot_ikm: eksak\n" + skala)
    )
    with pytest.raises(DataTidakValid) as e:
        susun(2023, root)
    assert "konvensi.skala_capaian" in str(e.value) and "2023/profil.yaml" in str(e.value)
