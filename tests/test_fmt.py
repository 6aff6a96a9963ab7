"""Indonesian formatting: examples from the seed report and the rounding rules."""

import datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from lkip.core import fmt


@pytest.mark.parametrize(
    ("x", "desimal", "tetap", "teks"),
    [
        (82.4, 2, False, "82,4"),
        (92.857, 2, False, "92,86"),
        (1234.5, 2, False, "1.234,5"),
        (3.7, 2, True, "3,70"),
        (3, 2, True, "3,00"),
        (3.7, 2, False, "3,7"),
        (8, 0, False, "8"),
        (2008940215, 0, False, "2.008.940.215"),
        (-1234567.891, 2, False, "-1.234.567,89"),
        (1e15, 0, False, "1.000.000.000.000.000"),
        (0.6941, 4, False, "0,6941"),
    ],
)
def test_angka(x, desimal, tetap, teks):
    assert fmt.angka(x, desimal, tetap) == teks


@pytest.mark.parametrize(
    ("x", "desimal", "teks"),
    [
        (0.125, 2, "0,13"),  # Babel alone gives 0,12 (half-even)
        (2.5, 0, "3"),
        (3.5, 0, "4"),
        (1.005, 2, "1,01"),  # binary 1.00499999... would round down without repr()
        (-2.5, 0, "-3"),  # half away from zero, as Excel's ROUND
        (101.375, 2, "101,38"),
        (Decimal("0.125"), 2, "0,13"),
    ],
)
def test_angka_rounds_half_up(x, desimal, teks):
    assert fmt.angka(x, desimal) == teks


def test_angka_never_prints_negative_zero():
    assert fmt.angka(-0.001, 2) == "0"
    assert fmt.angka(-0.4, 0) == "0"


def test_angka_accepts_numpy_scalars():
    assert fmt.angka(np.float64(0.125)) == "0,13"
    assert fmt.angka(np.int64(1500), 0) == "1.500"
    assert fmt.angka(np.float32(0.1)) == "0,1"


@pytest.mark.parametrize("kosong", [None, float("nan"), np.nan, pd.NA, pd.NaT, Decimal("NaN")])
def test_missing_prints_en_dash(kosong):
    assert fmt.KOSONG == "–"
    assert fmt.angka(kosong) == "–"
    assert fmt.rupiah(kosong) == "–"
    assert fmt.persen(kosong) == "–"
    assert fmt.nilai(kosong, "menit") == "–"
    assert fmt.dengan_huruf("A", kosong) == "–"
    assert fmt.tanggal(kosong) == "–"


def test_angka_rejects_non_numbers_and_infinity():
    with pytest.raises(TypeError):
        fmt.angka("82,4")
    with pytest.raises(TypeError):
        fmt.angka(True)
    with pytest.raises(ValueError):
        fmt.angka(float("inf"))
    with pytest.raises(ValueError):
        fmt.angka(1.5, -1)


def test_rupiah():
    assert fmt.rupiah(2008940215) == "Rp 2.008.940.215"
    assert fmt.rupiah(2252567244.0) == "Rp 2.252.567.244"
    assert fmt.rupiah(-5000) == "Rp -5.000"
    assert fmt.rupiah(1499.5) == "Rp 1.500"
    assert fmt.rupiah(0) == "Rp 0"


@pytest.mark.parametrize(
    ("x", "teks"),
    [(96.82, "96,82 %"), (125, "125 %"), (87.5, "87,5 %"), (101.375, "101,38 %"), (100.0, "100 %")],
)
def test_persen(x, teks):
    assert fmt.persen(x) == teks


def test_persen_tetap_and_desimal():
    assert fmt.persen(87.5, 2, tetap=True) == "87,50 %"
    assert fmt.persen(98.078, 1) == "98,1 %"
    # seed: 1.935.048.994 / 2.008.940.215
    assert fmt.persen(1935048994 / 2008940215 * 100) == "96,32 %"


@pytest.mark.parametrize(
    ("x", "satuan", "teks"),
    [
        (100, "%", "100 %"),
        (87.5, " % ", "87,5 %"),
        (8, "menit", "8 menit"),
        (8, "Menit", "8 Menit"),
        (82.4, "indeks", "82,4"),
        (82.4, "nilai", "82,4"),
        (92.857, "", "92,86"),
        (12, "desa", "12 desa"),
        (1500000, "rupiah", "Rp 1.500.000"),
    ],
)
def test_nilai(x, satuan, teks):
    assert fmt.nilai(x, satuan) == teks


def test_nilai_desimal():
    assert fmt.nilai(8.25, "menit", 1) == "8,3 menit"


def test_tanpa_teks_is_missing_or_blank_text():
    assert [fmt.tanpa_teks(x) for x in (None, float("nan"), pd.NA, "", "  ")] == [True] * 5
    assert [fmt.tanpa_teks(x) for x in ("Maju", " A ", 0, "0")] == [False] * 4


def test_dengan_huruf():
    assert fmt.dengan_huruf("A", 82.4) == "A (82,4)"
    assert fmt.dengan_huruf("A", 92.857) == "A (92,86)"
    assert fmt.dengan_huruf("BB", 75.125, 1) == "BB (75,1)"
    assert fmt.dengan_huruf(None, 82.4) == "82,4"
    assert fmt.dengan_huruf("", 82.4) == "82,4"
    assert fmt.dengan_huruf(np.nan, 82.4) == "82,4"


def test_tanggal():
    assert fmt.tanggal(datetime.date(2024, 1, 22)) == "22 Januari 2024"
    assert fmt.tanggal("2024-01-22") == "22 Januari 2024"
    assert fmt.tanggal(datetime.date(2023, 12, 1)) == "1 Desember 2023"
    assert fmt.tanggal(pd.Timestamp("2024-08-17")) == "17 Agustus 2024"
    with pytest.raises(ValueError):
        fmt.tanggal("22/01/2024")


@pytest.mark.parametrize(
    ("n", "teks"),
    [
        (0, "0 (nol)"),
        (1, "1 (satu)"),
        (3, "3 (tiga)"),
        (10, "10 (sepuluh)"),
        (11, "11 (sebelas)"),
        (12, "12 (dua belas)"),
        (19, "19 (sembilan belas)"),
        (20, "20 (dua puluh)"),
        (21, "21 (dua puluh satu)"),
        (99, "99 (sembilan puluh sembilan)"),
        (100, "100 (seratus)"),
        (101, "101 (seratus satu)"),
        (111, "111 (seratus sebelas)"),
        (118, "118 (seratus delapan belas)"),
        (250, "250 (dua ratus lima puluh)"),
        (999, "999 (sembilan ratus sembilan puluh sembilan)"),
    ],
)
def test_terbilang_jumlah(n, teks):
    assert fmt.terbilang_jumlah(n) == teks


def test_terbilang_bounds():
    assert fmt.terbilang_jumlah(np.int64(8)) == "8 (delapan)"
    for salah in (-1, 1000):
        with pytest.raises(ValueError):
            fmt.terbilang(salah)
    for salah in (3.0, True):
        with pytest.raises(TypeError):
            fmt.terbilang(salah)


def test_sumbu_formatters():
    assert fmt.sumbu_angka()(1500, 0) == "1.500"
    assert fmt.sumbu_angka(1)(2.5, 0) == "2,5"
    assert fmt.sumbu_persen()(100, 0) == "100 %"
    assert fmt.sumbu_persen(1)(87.5, 0) == "87,5 %"


def test_rupiah_axis_scale():
    assert fmt.skala_rupiah(2.3e9) == (10**9, "M")
    assert fmt.skala_rupiah(5e8) == (10**6, "jt")
    assert fmt.skala_rupiah(5e5) == (1, "")
    miliar = fmt.sumbu_rupiah(2.3e9)
    assert miliar(1.5e9, 0) == "Rp 1,5 M"
    assert miliar(2e9, 0) == "Rp 2 M"
    assert miliar(0, 0) == "Rp 0"
    assert fmt.sumbu_rupiah(5e8)(2.5e8, 0) == "Rp 250 jt"
    assert fmt.sumbu_rupiah(5e5)(250000, 0) == "Rp 250.000"


@pytest.mark.parametrize(
    ("x", "diharapkan"),
    [
        (41.3512 / 81.28 * 100, "50,88 %"),  # exactly 50,875 -> half-up, not 50,87
        (100050 / 200000 * 100, "50,03 %"),  # 50,025
        (96.818561, "96,82 %"),
    ],
)
def test_computed_ties_round_half_up(x, diharapkan):
    assert fmt.persen(x) == diharapkan


@pytest.mark.parametrize(
    ("x", "desimal", "diharapkan"),
    [
        (0.08, 2, "+0,08"),
        (-0.25, 2, "-0,25"),
        (1.005 - 1, 2, "+0,01"),  # exactly 0,005; the float is 0.004999999999999893
        (0.004, 2, "0,00"),  # prints as zero: no sign
        (-0.004, 2, "0,00"),
        (2.675 - 1, 1, "+1,7"),
        (None, 2, "–"),
    ],
)
def test_bertanda(x, desimal, diharapkan):
    assert fmt.bertanda(x, desimal) == diharapkan


def test_bertanda_without_trailing_zeros():
    assert fmt.bertanda(0.1, 2, tetap=False) == "+0,1"
    assert fmt.bertanda(-3448000, 0, tetap=False) == "-3.448.000"
    assert fmt.bertanda(0.001, 2, tetap=False) == "0"
