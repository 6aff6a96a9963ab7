"""Edges of the formula modules: both sides of every threshold, defaults, the messages of refusals.

Written from `make mutation` (tests/MUTATION.md): each case here is one that a changed constant,
comparison or default would get wrong while the other tests still passed. Expected values are
worked out by hand in the comments.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lkip.core import fmt
from lkip.core.numbers import CONTOH, CONTOH_BULAT, AngkaTidakJelas, AngkaTidakValid, baca_angka
from lkip.formulas.anggaran import efisiensi, rekap, serapan, sisa
from lkip.formulas.capaian import capaian
from lkip.formulas.idm import IDM_2016, KlasifikasiIDM, perubahan_idm
from lkip.formulas.ikm import mutu, mutu_unsur, nrr, peringkat, ukuran_sampel
from lkip.formulas.pegawai import rekap_pegawai, total_konsisten
from lkip.formulas.predikat import (
    SkalaCapaian,
    predikat_capaian,
    predikat_sakip,
    skala_capaian_dari,
)

# --- SAKIP (PermenPANRB 88/2021): bands open below, so each bound belongs to the band under it


@pytest.mark.parametrize(
    ("nilai", "huruf"),
    [
        (100, "AA"),
        (90.01, "AA"),
        (90, "A"),
        (80.01, "A"),
        (80, "BB"),
        (70.01, "BB"),
        (70, "B"),
        (60.01, "B"),
        (60, "CC"),
        (50.01, "CC"),
        (50, "C"),
        (30.01, "C"),
        (30, "D"),
        (0, "D"),
    ],
)
def test_sakip_both_sides_of_every_bound(nilai: float, huruf: str) -> None:
    assert predikat_sakip(nilai).huruf == huruf


@pytest.mark.parametrize("nilai", [-0.01, 100.01, math.nan])
def test_sakip_outside_its_scale_is_refused_with_the_value(nilai: float) -> None:
    with pytest.raises(ValueError, match=r"^nilai SAKIP .* di luar rentang 0–100$"):
        predikat_sakip(nilai)


# --- capaian predikat (Permendagri 86/2017 style): bounds inclusive from below, on the
# capaian rounded half-up to 2 decimals


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        (91, "Sangat Tinggi"),
        (90.99, "Tinggi"),
        (76, "Tinggi"),
        (75.99, "Sedang"),
        (75.995, "Tinggi"),  # printed as 76 %: 75,995 rounds half-up to 76,00
        (66, "Sedang"),
        (65.99, "Rendah"),
        (51, "Rendah"),
        (50.99, "Sangat Rendah"),
        (0, "Sangat Rendah"),
    ],
)
def test_capaian_scale_both_sides_of_every_bound(nilai: float, label: str) -> None:
    assert predikat_capaian(nilai) == label


def test_an_empty_capaian_scale_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"^skala capaian kosong$"):
        SkalaCapaian(())


def test_a_scale_from_configuration_keeps_its_name_and_has_none_by_default() -> None:
    baris = [{"batas_bawah": 100, "label": "Tercapai"}, {"batas_bawah": 80, "label": "Cukup"}]
    assert skala_capaian_dari(baris).nama == ""
    skala = skala_capaian_dari(baris, nama="Perbup Situbondo")
    assert skala.nama == "Perbup Situbondo"
    # no catch-all row: 79,99 % has no label on this scale, and the message names the scale
    with pytest.raises(ValueError, match=r"di bawah batas terendah skala 'Perbup Situbondo'"):
        predikat_capaian(79.99, skala)


# --- IKM mutu (PermenPANRB 14/2017): upper bounds inclusive, on the IKM rounded to 2 decimals


@pytest.mark.parametrize(
    ("nilai", "huruf"),
    [
        (25, "D"),
        (64.99, "D"),
        (65, "C"),
        (76.60, "C"),
        (76.61, "B"),
        (88.30, "B"),
        (88.31, "A"),
        (100, "A"),
        (100.004, "A"),  # rounds to 100,00
    ],
)
def test_ikm_mutu_both_sides_of_every_bound(nilai: float, huruf: str) -> None:
    assert mutu(nilai).huruf == huruf


@pytest.mark.parametrize(("nilai", "dicetak"), [(24.99, "24.99"), (100.005, "100.01")])
def test_ikm_outside_25_to_100_is_refused_with_the_rounded_value(
    nilai: float, dicetak: str
) -> None:
    with pytest.raises(ValueError, match=rf"^nilai IKM {dicetak} di luar rentang 25–100$"):
        mutu(nilai)


@pytest.mark.parametrize(
    ("nrr_unsur", "huruf"),
    [
        (1, "D"),  # 1 × 25 = 25
        (2.5996, "D"),  # 2,5996 × 25 = 64,99
        (2.6, "C"),  # 65,00
        (3.064, "C"),  # 76,60
        (3.0644, "B"),  # 76,61
        (3.532, "B"),  # 88,30
        (3.5324, "A"),  # 88,31
        (4, "A"),  # 100
    ],
)
def test_unsur_mutu_both_sides_of_every_bound(nrr_unsur: float, huruf: str) -> None:
    assert mutu_unsur(nrr_unsur).huruf == huruf


@pytest.mark.parametrize("nrr_unsur", [0.99, 4.01, 5])
def test_unsur_nrr_outside_1_to_4_is_refused_as_an_nrr(nrr_unsur: float) -> None:
    with pytest.raises(ValueError, match=rf"^NRR {nrr_unsur} di luar rentang 1–4$"):
        mutu_unsur(nrr_unsur)


def test_a_survey_answer_of_exactly_1_or_4_is_valid() -> None:
    assert nrr([1]) == 1.0
    assert nrr([1, 4]) == 2.5  # (1 + 4) / 2
    assert nrr([1, None, 4, 4]) == 3.0  # (1 + 4 + 4) / 3: the blank is left out


@pytest.mark.parametrize(("jawaban", "dicetak"), [(0, "0.0"), (5, "5.0"), (0.99, "0.99")])
def test_a_survey_answer_outside_1_to_4_is_refused(jawaban: float, dicetak: str) -> None:
    with pytest.raises(ValueError, match=rf"^jawaban {dicetak} di luar skala 1–4$"):
        nrr([3, jawaban])


def test_ranking_an_empty_nrr_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^NRR kosong tidak dapat diberi peringkat$"):
        peringkat(pd.Series([3.5, None], index=["U1", "U2"]))


def test_ranking_ties_between_labels_that_are_not_unsur_codes_keep_their_order() -> None:
    hasil = peringkat(pd.Series([3.0, 3.5, 3.0], index=["X", "Y", "U1"]))
    # Y is highest; U1 and X tie at 3,0 and U1 comes first as an unsur code; X keeps its place
    assert hasil.to_dict() == {"X": 3, "Y": 1, "U1": 2}
    assert hasil.name == "peringkat"


@pytest.mark.parametrize("populasi", [-1, 2.5, True])
def test_a_population_that_is_not_a_count_is_refused(populasi: object) -> None:
    with pytest.raises(ValueError, match=r"^populasi harus bilangan bulat ≥ 0, bukan "):
        ukuran_sampel(populasi)  # type: ignore[arg-type]


# --- IDM (Permendesa PDTT 2/2016): upper bounds inclusive


@pytest.mark.parametrize(
    ("skor", "status"),
    [
        (0.4907, "Sangat Tertinggal"),
        (0.4908, "Tertinggal"),
        (0.5989, "Tertinggal"),
        (0.599, "Berkembang"),
        (0.7072, "Berkembang"),
        (0.7073, "Maju"),
        (0.8155, "Maju"),
        (0.8156, "Mandiri"),
    ],
)
def test_idm_status_both_sides_of_every_bound(skor: float, status: str) -> None:
    assert IDM_2016.status(skor) == status


def test_idm_bounds_that_do_not_rise_are_refused_by_name() -> None:
    with pytest.raises(
        ValueError, match=r"^batas Indeks X harus naik tanpa duplikat: \[0\.6, 0\.5\]$"
    ):
        KlasifikasiIDM(((0.6, "a"), (0.5, "b")), "c", nama="Indeks X", regulasi="-")


def test_idm_messages_say_which_year_is_wrong() -> None:
    baik = pd.DataFrame({"desa": ["A"], "skor": [0.6]})
    ganda = pd.DataFrame({"desa": ["A", "A"], "skor": [0.6, 0.7]})
    with pytest.raises(ValueError, match=r"^desa ganda dalam data IDM tahun ini: \['A'\]$"):
        perubahan_idm(baik, ganda)
    with pytest.raises(ValueError, match=r"^desa ganda dalam data IDM tahun lalu: \['A'\]$"):
        perubahan_idm(ganda, baik)


def test_idm_without_a_previous_year_has_numeric_scores_and_text_statuses() -> None:
    hasil = perubahan_idm(None, pd.DataFrame({"desa": ["A", "B"], "skor": [0.5, 0.8]}))
    assert str(hasil["skor_lalu"].dtype) == "float64"
    assert str(hasil["selisih"].dtype) == "float64"
    assert str(hasil["status_lalu"].dtype) == "str"
    assert hasil["status_kini"].tolist() == ["Tertinggal", "Maju"]
    assert hasil["meningkat"].isna().all()


# --- anggaran: serapan with pagu 0, the message names the column


def test_serapan_with_pagu_0_is_undefined_even_when_money_was_spent() -> None:
    assert serapan(0, 500_000) is None
    assert efisiensi(0, 500_000) is None
    assert sisa(0, 500_000) == -500_000  # 0 − 500.000
    assert serapan(1, 1) == 100.0  # 1 / 1 × 100


def test_rekap_leaves_serapan_of_a_group_with_pagu_0_empty_not_infinite() -> None:
    data = pd.DataFrame(
        {
            "program": ["P1", "P2", "P3"],
            "pagu": [0, 1, 200],
            "realisasi": [500, 1, 150],
        }
    )
    hasil = rekap(data, ["program"]).set_index("program")
    assert math.isnan(hasil.loc["P1", "serapan"])  # 500 / 0: no share to report
    assert math.isnan(hasil.loc["P1", "efisiensi"])
    assert hasil.loc["P2", "serapan"] == 100.0  # 1 / 1 × 100
    assert hasil.loc["P2", "efisiensi"] == 0.0  # (1 − 1) / 1 × 100
    assert hasil.loc["P3", "serapan"] == 75.0  # 150 / 200 × 100
    assert hasil.loc["P3", "efisiensi"] == 25.0  # 50 / 200 × 100


def test_rekap_sums_rupiah_exactly_as_integers() -> None:
    # (2^52 + 1) + 2^52 = 2^53 + 1 = 9.007.199.254.740.993: the first integer a float cannot
    # hold, so a sum in floating point would print 9.007.199.254.740.992
    data = pd.DataFrame({"pagu": [2**52 + 1, 2**52], "realisasi": [1, 0]})
    total = rekap(data, [])
    assert total["pagu"].tolist() == [2**53 + 1]
    assert total["sisa"].tolist() == [2**53]  # 2^53 + 1 − 1


@pytest.mark.parametrize("fungsi", [serapan, sisa, efisiensi])
def test_budget_messages_name_pagu_or_realisasi(fungsi) -> None:
    with pytest.raises(ValueError, match=r"^pagu harus rupiah bulat ≥ 0, bukan -1$"):
        fungsi(-1, 0)
    with pytest.raises(ValueError, match=r"^realisasi harus rupiah bulat ≥ 0, bukan 0\.5$"):
        fungsi(1, 0.5)


# --- pegawai: a missing staff group


def _pegawai(*baris: tuple[str, str, int]) -> pd.DataFrame:
    return pd.DataFrame(baris, columns=["kelompok", "kategori", "jumlah"])


def test_a_missing_staff_group_is_absent_from_the_summary_and_counts_as_zero() -> None:
    hanya_golongan = _pegawai(("golongan", "III", 1))
    assert rekap_pegawai(hanya_golongan).to_dict("list") == {
        "kelompok": ["golongan"],
        "jumlah": [1],
    }
    assert str(rekap_pegawai(hanya_golongan)["jumlah"].dtype) == "int64"
    assert total_konsisten(hanya_golongan) is False  # golongan 1, pendidikan missing = 0
    assert total_konsisten(_pegawai(("pendidikan", "S1", 1))) is False  # 0 against 1
    assert total_konsisten(_pegawai(("jabatan", "Camat", 1))) is True  # 0 against 0


def test_an_unknown_staff_group_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(
        ValueError,
        match=r"^kelompok pegawai tidak dikenal: \['umur'\] \(golongan \| jabatan \| pendidikan\)$",
    ):
        rekap_pegawai(_pegawai(("umur", "20-30", 3)))


# --- capaian cap


def test_a_cap_below_1_percent_is_still_a_cap() -> None:
    assert capaian(10, 8, "naik", batas=0.5) == 0.5  # 8 / 10 × 100 = 80, capped at 0,5
    with pytest.raises(ValueError, match=r"^batas capaian harus positif, bukan 0$"):
        capaian(10, 8, "naik", batas=0)


# --- numbers: the messages a mistyped cell gets


@pytest.mark.parametrize(
    ("teks", "ribuan", "desimal"),
    [("1.500", "1500", "1,5"), ("2.000", "2000", "2,0"), ("1.050", "1050", "1,05")],
)
def test_an_ambiguous_dot_states_both_readings(teks: str, ribuan: str, desimal: str) -> None:
    with pytest.raises(AngkaTidakJelas) as e:
        baca_angka(teks)
    assert str(e.value) == (
        f'"{teks}" bisa berarti {ribuan} (titik sebagai pemisah ribuan) atau {desimal} '
        f"(titik sebagai desimal); tulis {ribuan} untuk ribuan atau {desimal} untuk desimal"
    )


def test_english_thousands_are_refused_with_the_two_accepted_forms() -> None:
    with pytest.raises(AngkaTidakValid) as e:
        baca_angka("1,234.5")
    assert str(e.value) == (
        "memakai pemisah ribuan gaya Inggris (koma); tulis dengan titik sebagai pemisah "
        "ribuan dan koma sebagai desimal (1.234,5) atau tanpa pemisah ribuan (1234.5)"
    )


def test_a_cell_that_is_no_number_gets_examples_fitting_its_column() -> None:
    with pytest.raises(AngkaTidakValid, match=rf"^harus berupa angka, {CONTOH}$"):
        baca_angka("dua")
    with pytest.raises(AngkaTidakValid, match=rf"^harus berupa angka, {CONTOH_BULAT}$"):
        baca_angka("dua", bulat=True)


# --- fmt: defaults, scale steps, refusals


def test_signed_change_defaults_to_two_fixed_decimals() -> None:
    assert fmt.bertanda(1.5) == "+1,50"
    assert fmt.bertanda(-0.0825) == "-0,08"  # half-up on 0,0825 → 0,08 (the 3rd decimal is 2)


def test_axis_formatters_default_to_whole_numbers() -> None:
    assert fmt.sumbu_angka()(1500.5, 0) == "1.501"  # half-up
    assert fmt.sumbu_persen()(87.5, 0) == "88 %"
    assert fmt.sumbu_angka(1)(2.25, 0) == "2,3"
    assert fmt.sumbu_persen(1)(87.25, 0) == "87,3 %"


@pytest.mark.parametrize(
    ("maks", "skala"),
    [
        (10**6 - 1, (1, "")),
        (10**6, (10**6, "jt")),
        (10**9 - 1, (10**6, "jt")),
        (10**9, (10**9, "M")),
        (10**12 - 1, (10**9, "M")),
        (10**12, (10**12, "T")),
        (-(10**9), (10**9, "M")),  # a negative amount is scaled by its size
    ],
)
def test_rupiah_axis_scale_steps_exactly_at_juta_miliar_triliun(maks: int, skala: tuple) -> None:
    assert fmt.skala_rupiah(maks) == skala


def test_short_rupiah_defaults_to_two_decimals() -> None:
    assert fmt.rupiah_ringkas(1_234_567_890, 10**9, "M") == "Rp 1,23 M"  # 1,23456789
    assert fmt.rupiah_ringkas(1_250_000_000, 10**9, "M", 1) == "Rp 1,3 M"  # 1,25 half-up
    assert fmt.sumbu_rupiah(2 * 10**12)(1.5 * 10**12, 0) == "Rp 1,5 T"


def test_a_value_with_its_unit_honours_the_decimals_asked() -> None:
    assert fmt.nilai(96.825, "%", 1) == "96,8 %"
    assert fmt.nilai(82.45, "indeks", 1) == "82,5"  # 82,45 half-up
    assert fmt.nilai(96.825, "%") == "96,83 %"


def test_only_missing_scalars_print_as_empty() -> None:
    assert fmt.kosong(None) and fmt.kosong(math.nan) and fmt.kosong(pd.NA)
    assert not fmt.kosong([None])  # a list is a value, not a missing one


@pytest.mark.parametrize(
    ("panggil", "galat", "pesan"),
    [
        (lambda: fmt.angka("12"), TypeError, r"^not a number: '12'$"),
        (lambda: fmt.angka(math.inf), ValueError, r"^cannot print a non-finite number: inf$"),
        (lambda: fmt.angka(1, -1), ValueError, r"^desimal must be >= 0, got -1$"),
        (lambda: fmt.terbilang(2.0), TypeError, r"^terbilang needs an integer, got 2\.0$"),
        (lambda: fmt.terbilang(1000), ValueError, r"^terbilang covers 0\.\.999, got 1000$"),
    ],
)
def test_formatting_refusals_say_what_was_given(panggil, galat: type, pesan: str) -> None:
    with pytest.raises(galat, match=pesan):
        panggil()
