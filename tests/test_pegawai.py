import pandas as pd
import pytest

from lkip.formulas.pegawai import rekap_pegawai, total_konsisten


@pytest.fixture
def seed():
    """Seed 2023, Bab I 1.8 Kondisi Pegawai."""
    return pd.DataFrame(
        [
            ("golongan", "Golongan II", 2),
            ("golongan", "Golongan III", 10),
            ("golongan", "Golongan IV", 1),
            ("golongan", "Tenaga Honorer/Lainnya", 11),
            ("jabatan", "Eselon III", 1),
            ("jabatan", "Eselon IV", 5),
            ("pendidikan", "Strata 2 (Magister)", 1),
            ("pendidikan", "Strata 1 (Sarjana)", 14),
            ("pendidikan", "Diploma 3", 1),
            ("pendidikan", "SMA", 8),
            ("pendidikan", "SMP", 0),
            ("pendidikan", "SD", 0),
        ],
        columns=["kelompok", "kategori", "jumlah"],
    )


def test_rekap_seed(seed):
    hasil = rekap_pegawai(seed)
    assert hasil["kelompok"].tolist() == ["golongan", "jabatan", "pendidikan"]
    assert hasil["jumlah"].tolist() == [24, 6, 24]


def test_rekap_fixed_order_regardless_of_rows(seed):
    hasil = rekap_pegawai(seed.iloc[::-1])
    assert hasil["kelompok"].tolist() == ["golongan", "jabatan", "pendidikan"]


def test_rekap_omits_absent_kelompok(seed):
    hasil = rekap_pegawai(seed[seed["kelompok"] != "jabatan"])
    assert hasil.to_dict("list") == {"kelompok": ["golongan", "pendidikan"], "jumlah": [24, 24]}


def test_konsisten_seed(seed):
    assert total_konsisten(seed) is True


def test_inconsistent_when_counts_differ(seed):
    seed.loc[seed["kategori"] == "SMA", "jumlah"] = 7
    assert total_konsisten(seed) is False


def test_inconsistent_when_pendidikan_missing(seed):
    assert total_konsisten(seed[seed["kelompok"] != "pendidikan"]) is False


def test_jabatan_does_not_count(seed):
    seed.loc[seed["kategori"] == "Eselon IV", "jumlah"] = 50
    assert total_konsisten(seed) is True


@pytest.mark.parametrize("bad", [-1, 1.5, None])
def test_invalid_jumlah(seed, bad):
    seed["jumlah"] = seed["jumlah"].astype(object)
    seed.loc[0, "jumlah"] = bad
    with pytest.raises(ValueError, match="jumlah"):
        rekap_pegawai(seed)


def test_unknown_kelompok(seed):
    seed.loc[0, "kelompok"] = "pangkat"
    with pytest.raises(ValueError, match="pangkat"):
        total_konsisten(seed)


def test_missing_column(seed):
    with pytest.raises(ValueError, match="jumlah"):
        rekap_pegawai(seed.drop(columns="jumlah"))
