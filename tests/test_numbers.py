from decimal import Decimal

import pytest

from lkip.core.numbers import AngkaTidakJelas, AngkaTidakValid, baca_angka, ke_desimal


@pytest.mark.parametrize(
    ("teks", "diharapkan"),
    [
        ("2.008.940.215", 2008940215.0),
        ("82,4", 82.4),
        ("96,82%", 96.82),
        ("96,82 %", 96.82),
        ("Rp 1.500.000", 1500000.0),
        ("Rp. 1.500.000,00", 1500000.0),
        ("rp1.500.000", 1500000.0),
        ("3.58", 3.58),
        ("-5", -5.0),
        ("  7 ", 7.0),
        ("1.234,5", 1234.5),
        ("-1.234,5", -1234.5),
        ("\u22122,5", -2.5),
        ("0,8156", 0.8156),
        ("1,234", 1.234),
        ("1500", 1500.0),
        ("\u00a0125\u00a0", 125.0),
    ],
)
def test_reads_plain_and_indonesian_forms(teks, diharapkan):
    hasil = baca_angka(teks)
    assert hasil == pytest.approx(diharapkan)
    assert isinstance(hasil, float)


@pytest.mark.parametrize(
    ("teks", "diharapkan"),
    [
        ("1.500", 1500),
        ("2.008.940.215", 2008940215),
        ("Rp. 1.500.000,00", 1500000),
        ("Rp 204.674.830", 204674830),
        ("1500000", 1500000),
        ("-5", -5),
    ],
)
def test_integer_columns_read_dots_as_thousands(teks, diharapkan):
    hasil = baca_angka(teks, bulat=True)
    assert hasil == diharapkan
    assert isinstance(hasil, int)


@pytest.mark.parametrize("teks", ["", "   ", "\u00a0"])
def test_empty_cell_is_missing(teks):
    assert baca_angka(teks) is None
    assert baca_angka(teks, bulat=True) is None


def test_single_dot_group_is_ambiguous_outside_integer_columns():
    with pytest.raises(AngkaTidakJelas) as info:
        baca_angka("1.500")
    pesan = str(info.value)
    assert "1500" in pesan and "1,5" in pesan
    assert isinstance(info.value, ValueError)


def test_ambiguity_message_names_both_readings_of_a_larger_group():
    with pytest.raises(AngkaTidakJelas, match=r"12345 .* 12,345"):
        baca_angka("12.345")


@pytest.mark.parametrize("teks", ["1,234.5", "1,234,567", "2,008,940,215.00"])
def test_english_grouping_is_refused(teks):
    with pytest.raises(AngkaTidakValid, match="gaya Inggris"):
        baca_angka(teks)


@pytest.mark.parametrize(
    "teks", ["abc", "1.2.3", "12.34.567", "1,2,3", "5 menit", ",5", "--5", "%"]
)
def test_unreadable_values_are_refused(teks):
    with pytest.raises(AngkaTidakValid, match="harus berupa angka"):
        baca_angka(teks)


@pytest.mark.parametrize("teks", ["82,4", "3.58", "1.500.000,50", "1,500"])
def test_integer_columns_refuse_fractions(teks):
    with pytest.raises(AngkaTidakValid, match="bilangan bulat"):
        baca_angka(teks, bulat=True)


def test_ambiguity_is_not_plain_invalidity_for_callers_that_distinguish():
    with pytest.raises(AngkaTidakValid) as info:
        baca_angka("abc")
    assert not isinstance(info.value, AngkaTidakJelas)


@pytest.mark.parametrize(
    ("x", "diharapkan"),
    [
        (41.3512 / 81.28 * 100, "50.875"),  # exactly 50,875; the float is 50.87499999999999
        (2.675 - 1, "1.675"),  # the float is 1.6749999999999998
        (-(2.675 - 1), "-1.675"),
        (0.1 + 0.2, "0.3"),
        (92.861 / 88.68 * 100, "104.7147045557"),  # no tie: 13 significant digits kept
        (2326586175.0, "2326586175"),
        (2326586175, "2326586175"),  # integers are exact
        (Decimal("50.87499999999999"), "50.87499999999999"),  # a Decimal is taken as it is
        (0.0, "0"),
        (1e-20, "1E-20"),
    ],
)
def test_ke_desimal_drops_binary_noise_but_no_printed_digit(x, diharapkan):
    assert ke_desimal(x) == Decimal(diharapkan)
