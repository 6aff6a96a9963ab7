import math

import pytest

from lkip.core import fmt
from lkip.formulas.capaian import KONVENSI_TEKS, capaian, tercapai


class TestCapaianNaik:
    def test_seed_sakip(self):
        # Seed 2023, Sasaran 3: target 81,28, realisasi 82,4 -> 101,38 % (printed 101,4 %).
        assert capaian(81.28, 82.4, "naik") == pytest.approx(101.3779527559)

    def test_seed_sakip_2022_below_target(self):
        # Seed 2022 SAKIP: 80,30 against 81,25 -> 98,83 %.
        assert capaian(81.25, 80.30, "naik") == pytest.approx(98.8307692308)

    def test_konvensi_turun_is_ignored(self):
        assert capaian(50, 40, "naik", "selisih") == pytest.approx(80.0)

    def test_zero_target_is_undefined(self):
        assert capaian(0, 5, "naik") is None

    def test_zero_realisasi_is_zero(self):
        assert capaian(100, 0, "naik") == 0.0


class TestCapaianTurun:
    def test_rasio_seed_paten(self):
        # Seed: 10 menit target, 8 menit realisasi -> 125 %.
        assert capaian(10, 8, "turun") == pytest.approx(125.0)

    def test_selisih_hand_worked(self):
        # (2*10 - 8) / 10 * 100 = 120.
        assert capaian(10, 8, "turun", "selisih") == pytest.approx(120.0)

    def test_worse_than_target(self):
        assert capaian(10, 12.5, "turun", "rasio") == pytest.approx(80.0)
        assert capaian(10, 12.5, "turun", "selisih") == pytest.approx(75.0)

    def test_selisih_floored_at_zero(self):
        # (2*10 - 25) / 10 * 100 = -50 -> 0.
        assert capaian(10, 25, "turun", "selisih") == 0.0

    def test_rasio_zero_realisasi_is_undefined(self):
        assert capaian(10, 0, "turun", "rasio") is None

    def test_selisih_zero_realisasi_is_double(self):
        assert capaian(10, 0, "turun", "selisih") == pytest.approx(200.0)

    def test_selisih_zero_target_is_undefined(self):
        assert capaian(0, 3, "turun", "selisih") is None

    def test_rasio_zero_target(self):
        assert capaian(0, 3, "turun", "rasio") == 0.0


class TestCapaianMissingAndCap:
    @pytest.mark.parametrize("target, realisasi", [(None, 8), (10, None), (math.nan, 8)])
    def test_missing_gives_none(self, target, realisasi):
        assert capaian(target, realisasi, "naik") is None
        assert capaian(target, realisasi, "turun") is None

    def test_pandas_na_is_missing(self):
        import pandas as pd

        assert capaian(pd.NA, 8, "naik") is None

    def test_cap(self):
        assert capaian(10, 8, "turun", batas=120) == 120
        assert capaian(10, 8, "turun", "selisih", batas=100) == 100
        assert capaian(100, 90, "naik", batas=100) == pytest.approx(90.0)

    def test_cap_on_missing_stays_none(self):
        assert capaian(None, 8, "naik", batas=100) is None

    def test_invalid_cap(self):
        with pytest.raises(ValueError, match="batas"):
            capaian(10, 8, "naik", batas=0)


class TestInvalid:
    def test_unknown_polaritas(self):
        with pytest.raises(ValueError, match="polaritas"):
            capaian(10, 8, "turun_naik")

    def test_unknown_konvensi(self):
        with pytest.raises(ValueError, match="konvensi"):
            capaian(10, 8, "turun", "persen")

    def test_unknown_polaritas_rejected_even_when_missing(self):
        with pytest.raises(ValueError):
            capaian(None, None, "Naik")

    def test_tercapai_unknown_polaritas(self):
        with pytest.raises(ValueError):
            tercapai(10, 8, "lebih")


class TestTercapai:
    def test_naik(self):
        assert tercapai(81.28, 82.4, "naik") is True
        assert tercapai(81.25, 80.30, "naik") is False
        assert tercapai(100, 100, "naik") is True

    def test_turun(self):
        assert tercapai(10, 8, "turun") is True
        assert tercapai(10, 10, "turun") is True
        assert tercapai(10, 11, "turun") is False

    def test_missing(self):
        assert tercapai(None, 8, "turun") is None
        assert tercapai(10, math.nan, "naik") is None


def test_konvensi_teks_covers_every_convention():
    assert set(KONVENSI_TEKS) == {"rasio", "selisih"}
    assert "target dibagi realisasi" in KONVENSI_TEKS["rasio"]
    assert "2 × target" in KONVENSI_TEKS["selisih"]


def test_a_capaian_that_is_an_exact_tie_prints_rounded_half_up():
    # 41,3512 / 81,28 × 100 = 50,875 exactly (worked by hand: 81,28 × 0,50875 = 41,3512)
    assert fmt.persen(capaian(81.28, 41.3512, "naik")) == "50,88 %"
    # lower is better, rasio: 81,28 / 160 × 100 = 50,8 exactly
    assert fmt.persen(capaian(81.28, 160, "turun")) == "50,8 %"
