import math

import pandas as pd
import pytest

from lkip.formulas.anggaran import efisiensi, rekap, rekonsiliasi, serapan, sisa

PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
PELAYANAN = "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
PEMBERDAYAAN = "Program Pemberdayaan Masyarakat Desa dan Kelurahan"
TRANTIB = "Program Koordinasi Ketentraman dan Ketertiban Umum"
PEMBINAAN = "Program Pembinaan dan Pengawasan Pemerintahan Desa"


@pytest.fixture
def seed():
    """Seed 2023 at sasaran × program grain.

    Pagu is the seed's allocation table. Realisasi is split so that every program total
    matches the seed's program list and S1, S2 match their printed realisasi; the 3.448.000 the
    seed's sasaran figures lack lands in S3 (1.938.496.994 instead of the printed 1.935.048.994).
    """
    return pd.DataFrame(
        [
            ("S1", PELAYANAN, 98_411_880, 96_252_000),
            ("S1", PENUNJANG, 14_559_250, 14_548_800),
            ("S2", PELAYANAN, 33_293_000, 33_273_200),
            ("S2", PEMBERDAYAAN, 27_535_600, 27_073_000),
            ("S2", TRANTIB, 17_354_152, 17_200_500),
            ("S2", PEMBINAAN, 126_492_078, 125_722_750),
            ("S3", PENUNJANG, 2_008_940_215, 1_938_496_994),
        ],
        columns=["sasaran", "program", "pagu", "realisasi"],
    )


class TestScalars:
    def test_serapan_hand_worked(self):
        assert serapan(200, 150) == pytest.approx(75.0)

    def test_serapan_seed_overall(self):
        assert serapan(2_326_586_175, 2_252_567_244) == pytest.approx(96.8185, abs=1e-4)

    def test_serapan_zero_pagu(self):
        assert serapan(0, 0) is None

    def test_sisa_seed_s1(self):
        hasil = sisa(112_971_130, 110_800_800)
        assert hasil == 2_170_330
        assert isinstance(hasil, int)

    def test_efisiensi_seed_s1(self):
        # 2.170.330 / 112.971.130 = 1,92 %
        assert round(efisiensi(112_971_130, 110_800_800), 2) == 1.92

    def test_efisiensi_zero_pagu(self):
        assert efisiensi(0, 0) is None

    def test_overspending_is_negative_sisa(self):
        assert sisa(100, 120) == -20
        assert efisiensi(100, 120) == pytest.approx(-20.0)

    @pytest.mark.parametrize("pagu, realisasi", [(-1, 0), (100, 1.5), (math.nan, 1), (100, None)])
    def test_invalid_amounts(self, pagu, realisasi):
        with pytest.raises(ValueError):
            serapan(pagu, realisasi)

    def test_numpy_integers_accepted(self, seed):
        row = seed.iloc[0]
        assert sisa(row["pagu"], row["realisasi"]) == 2_159_880


class TestRekap:
    def test_total(self, seed):
        total = rekap(seed, [])
        assert len(total) == 1
        assert total.columns.tolist() == ["pagu", "realisasi", "sisa", "serapan", "efisiensi"]
        assert total.loc[0, "pagu"] == 2_326_586_175
        assert total.loc[0, "realisasi"] == 2_252_567_244
        assert round(total.loc[0, "serapan"], 2) == 96.82

    def test_per_program_seed(self, seed):
        hasil = rekap(seed, ["program"]).set_index("program")
        assert hasil["pagu"].to_dict() == {
            PELAYANAN: 131_704_880,
            PENUNJANG: 2_023_499_465,
            PEMBERDAYAAN: 27_535_600,
            TRANTIB: 17_354_152,
            PEMBINAAN: 126_492_078,
        }
        assert hasil.loc[PENUNJANG, "realisasi"] == 1_953_045_794
        assert hasil.loc[PELAYANAN, "realisasi"] == 129_525_200

    def test_order_of_first_appearance(self, seed):
        assert rekap(seed, ["program"])["program"].tolist() == [
            PELAYANAN, PENUNJANG, PEMBERDAYAAN, TRANTIB, PEMBINAAN,
        ]  # fmt: skip

    def test_per_sasaran_seed(self, seed):
        hasil = rekap(seed, ["sasaran"]).set_index("sasaran")
        assert hasil["pagu"].tolist() == [112_971_130, 204_674_830, 2_008_940_215]
        assert hasil.loc["S1", "sisa"] == 2_170_330
        assert round(hasil.loc["S1", "efisiensi"], 2) == 1.92
        assert hasil.loc["S3", "realisasi"] == 1_938_496_994
        assert round(hasil.loc["S3", "serapan"], 2) == 96.49
        assert round(hasil.loc["S2", "serapan"], 2) == 99.31

    def test_integer_dtypes(self, seed):
        hasil = rekap(seed, ["sasaran", "program"])
        assert len(hasil) == 7
        for kolom in ("pagu", "realisasi", "sisa"):
            assert hasil[kolom].dtype == "int64"

    def test_zero_pagu_group(self):
        df = pd.DataFrame({"program": ["A", "B"], "pagu": [0, 10], "realisasi": [0, 5]})
        hasil = rekap(df, ["program"])
        assert pd.isna(hasil.loc[0, "serapan"])
        assert pd.isna(hasil.loc[0, "efisiensi"])
        assert hasil.loc[1, "serapan"] == pytest.approx(50.0)

    def test_blank_key_kept(self):
        df = pd.DataFrame({"program": ["A", None], "pagu": [10, 20], "realisasi": [5, 20]})
        assert rekap(df, ["program"])["pagu"].sum() == 30

    def test_missing_column(self, seed):
        with pytest.raises(ValueError, match="kegiatan"):
            rekap(seed, ["kegiatan"])

    def test_fractional_rupiah_rejected(self, seed):
        seed["realisasi"] = seed["realisasi"].astype(float)
        seed.loc[0, "realisasi"] = 1.5
        with pytest.raises(ValueError, match="realisasi"):
            rekap(seed, [])

    def test_missing_amount_rejected(self, seed):
        seed["pagu"] = seed["pagu"].astype(float)
        seed.loc[2, "pagu"] = math.nan
        with pytest.raises(ValueError, match="pagu"):
            rekap(seed, ["program"])


class TestRekonsiliasi:
    def test_seed(self, seed):
        hasil = rekonsiliasi(seed)
        assert hasil["sesuai"] is True
        assert hasil["total"] == {"pagu": 2_326_586_175, "realisasi": 2_252_567_244}
        assert hasil["per_program"]["realisasi"].sum() == 2_252_567_244
        assert hasil["per_sasaran"]["realisasi"].sum() == 2_252_567_244
        assert hasil["per_sasaran"]["sasaran"].tolist() == ["S1", "S2", "S3"]

    def test_blank_sasaran_still_reconciles(self, seed):
        seed["sasaran"] = seed["sasaran"].astype(object)
        seed.loc[6, "sasaran"] = None
        hasil = rekonsiliasi(seed)
        assert hasil["sesuai"] is True
        assert len(hasil["per_sasaran"]) == 3
        assert hasil["per_sasaran"]["pagu"].sum() == 2_326_586_175
