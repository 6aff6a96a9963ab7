import math

import pandas as pd
import pytest

from lkip.formulas.idm import IDM_2016, KlasifikasiIDM, persentase_meningkat, perubahan_idm

# Seed 2023, Bab III village table: IDM 2022 and 2023.
DESA = ["Paowan", "Sumberkolak", "Weringin Anom", "Kilensari", "Peleyan", "Alasmalang",
        "Duwet", "Gelung"]  # fmt: skip
SKOR_2022 = [0.8024, 0.8749, 0.8156, 0.7895, 0.6941, 0.8121, 0.7425, 0.7405]
SKOR_2023 = [0.8152, 0.9125, 0.8359, 0.8687, 0.6846, 0.8286, 0.7748, 0.8090]


@pytest.fixture
def lalu():
    return pd.DataFrame({"desa": DESA, "skor": SKOR_2022})


@pytest.fixture
def kini():
    return pd.DataFrame({"desa": DESA, "skor": SKOR_2023})


class TestStatus:
    @pytest.mark.parametrize(
        "skor, status",
        [
            (0.8156, "Mandiri"),
            (0.8155, "Maju"),
            (0.8152, "Maju"),
            (0.6941, "Berkembang"),
            (0.7072, "Berkembang"),
            (0.7073, "Maju"),
            (0.5989, "Tertinggal"),
            (0.5990, "Berkembang"),
            (0.4907, "Sangat Tertinggal"),
            (0.4908, "Tertinggal"),
            (0.0, "Sangat Tertinggal"),
            (1.0, "Mandiri"),
        ],
    )
    def test_bands(self, skor, status):
        assert IDM_2016.status(skor) == status

    @pytest.mark.parametrize("skor", [-0.01, 1.01, math.nan])
    def test_outside_range(self, skor):
        with pytest.raises(ValueError):
            IDM_2016.status(skor)

    def test_replaceable_classifier(self):
        # A 0-100 index with other bands uses the same class.
        baru = KlasifikasiIDM(
            batas=((50.0, "Tertinggal"), (75.0, "Berkembang")),
            status_teratas="Maju",
            nama="Indeks Desa",
            regulasi="Permendesa PDTT 9/2024",
            rentang=(0.0, 100.0),
        )
        assert baru.status(50) == "Tertinggal"
        assert baru.status(75.5) == "Maju"
        with pytest.raises(ValueError):
            baru.status(101)

    def test_bounds_must_ascend(self):
        with pytest.raises(ValueError):
            KlasifikasiIDM(batas=((0.7, "B"), (0.5, "A")), status_teratas="C", nama="x",
                           regulasi="y")  # fmt: skip

    def test_frozen(self):
        with pytest.raises(AttributeError):
            IDM_2016.status_teratas = "Lain"


class TestPerubahanSeed:
    def test_columns_and_order(self, lalu, kini):
        hasil = perubahan_idm(lalu, kini)
        assert hasil.columns.tolist() == [
            "desa", "skor_lalu", "status_lalu", "skor_kini", "status_kini", "selisih",
            "meningkat",
        ]  # fmt: skip
        assert hasil["desa"].tolist() == DESA
        assert str(hasil["meningkat"].dtype) == "boolean"

    def test_statuses(self, lalu, kini):
        hasil = perubahan_idm(lalu, kini).set_index("desa")
        assert hasil.loc["Kilensari", "status_lalu"] == "Maju"
        assert hasil.loc["Kilensari", "status_kini"] == "Mandiri"
        assert hasil.loc["Weringin Anom", "status_lalu"] == "Mandiri"
        assert hasil.loc["Paowan", "status_kini"] == "Maju"
        assert hasil.loc["Peleyan", "status_kini"] == "Berkembang"

    def test_peleyan_fell(self, lalu, kini):
        hasil = perubahan_idm(lalu, kini).set_index("desa")
        assert hasil.loc["Peleyan", "selisih"] == pytest.approx(-0.0095)
        assert not hasil.loc["Peleyan", "meningkat"]
        assert hasil["meningkat"].sum() == 7

    def test_percentage_seed(self, lalu, kini):
        # Ikhtisar says 87,5 %; Bab III's 100 % is wrong.
        assert persentase_meningkat(perubahan_idm(lalu, kini)) == pytest.approx(87.5)


class TestPerubahanMissing:
    def test_desa_missing_in_one_year_and_new_desa(self):
        lalu = pd.DataFrame({"desa": ["A", "B", "Lama"], "skor": [0.50, 0.60, 0.70]})
        kini = pd.DataFrame({"desa": ["Baru", "B", "A"], "skor": [0.80, 0.65, 0.45]})
        hasil = perubahan_idm(lalu, kini)
        # This year's order, then desa only in last year.
        assert hasil["desa"].tolist() == ["Baru", "B", "A", "Lama"]
        per = hasil.set_index("desa")
        assert pd.isna(per.loc["Baru", "meningkat"])
        assert pd.isna(per.loc["Baru", "status_lalu"])
        assert per.loc["Baru", "status_kini"] == "Maju"
        assert pd.isna(per.loc["Lama", "meningkat"])
        assert pd.isna(per.loc["Lama", "skor_kini"])
        assert per.loc["Lama", "status_lalu"] == "Berkembang"
        assert bool(per.loc["B", "meningkat"]) is True
        assert bool(per.loc["A", "meningkat"]) is False
        # Denominator: only B and A are comparable -> 1 of 2.
        assert persentase_meningkat(hasil) == pytest.approx(50.0)

    def test_equal_score_is_not_rising(self):
        lalu = pd.DataFrame({"desa": ["A", "B"], "skor": [0.7, 0.6]})
        kini = pd.DataFrame({"desa": ["A", "B"], "skor": [0.7, 0.61]})
        hasil = perubahan_idm(lalu, kini)
        assert hasil["meningkat"].tolist() == [False, True]
        assert persentase_meningkat(hasil) == pytest.approx(50.0)

    def test_no_previous_year(self, kini):
        hasil = perubahan_idm(None, kini)
        assert len(hasil) == 8
        assert hasil["meningkat"].isna().all()
        assert hasil["status_lalu"].isna().all()
        assert persentase_meningkat(hasil) is None

    def test_missing_score_cell_treated_as_missing_year(self):
        lalu = pd.DataFrame({"desa": ["A", "B"], "skor": [0.5, None]})
        kini = pd.DataFrame({"desa": ["A", "B"], "skor": [0.6, 0.7]})
        hasil = perubahan_idm(lalu, kini)
        assert hasil["meningkat"].isna().tolist() == [False, True]
        assert persentase_meningkat(hasil) == pytest.approx(100.0)


class TestPerubahanInvalid:
    def test_duplicate_desa(self, lalu):
        kini = pd.DataFrame({"desa": ["A", "A"], "skor": [0.5, 0.6]})
        with pytest.raises(ValueError, match="ganda"):
            perubahan_idm(lalu, kini)

    def test_missing_column(self, lalu):
        with pytest.raises(ValueError, match="skor"):
            perubahan_idm(lalu, pd.DataFrame({"desa": ["A"], "nilai": [0.5]}))

    def test_score_out_of_range(self, lalu):
        kini = pd.DataFrame({"desa": ["A"], "skor": [81.5]})
        with pytest.raises(ValueError, match="rentang"):
            perubahan_idm(lalu, kini)


def test_thresholds_name_the_status_above_them() -> None:
    # Permendesa PDTT 2/2016: > 0,4907 Tertinggal, > 0,5989 Berkembang, > 0,7072 Maju,
    # > 0,8155 Mandiri (≤ 0,4907 Sangat Tertinggal)
    assert IDM_2016.ambang() == (
        (0.4907, "Tertinggal"),
        (0.5989, "Berkembang"),
        (0.7072, "Maju"),
        (0.8155, "Mandiri"),
    )
    for batas, status in IDM_2016.ambang():
        assert IDM_2016.status(batas + 0.0001) == status
