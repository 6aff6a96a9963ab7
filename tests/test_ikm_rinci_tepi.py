"""Edges of the "why did the IKM drop" formulas that mutation testing found untested: every
column of the decomposition, the rounded weight reaching every IKM, a segment that vanished,
p exactly at 0,05, the default seed, blanks in the permutation test, a respondent with one
answer or none, whole-word keywords across punctuation. Values worked out by hand."""

from __future__ import annotations

import math
import warnings
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest

from lkip.formulas import ikm_matriks, ikm_sel, ikm_uji, ikm_waktu, komentar

EMPAT, TIGA, SATU = [4.0] * 9, [3.0] * 9, [1.0] * 9
W = 25 / 9  # one unsur's share of the IKM scale under the exact weight


def m(*baris: list[float]) -> np.ndarray:
    return np.array(baris, dtype=float)


def _u(kode: int, nilai: float, lain: float = 3.0) -> list[float]:
    """Nine answers ``lain`` except unsur ``kode`` (1-9)."""
    return [nilai if i == kode else lain for i in range(1, 10)]


# --- the IKM of an answer matrix --------------------------------------------------------


class TestMatriks:
    def test_unanswered_unsur_is_nan_and_named_in_the_message(self):
        x = m([np.nan, 4, 4, 4, 4, 4, 4, 4, np.nan])
        nrr = ikm_matriks.nrr_matriks(x)
        assert math.isnan(nrr[0]) and math.isnan(nrr[8]) and nrr[1] == 4
        with pytest.raises(ValueError, match=r"tidak ada jawaban untuk U1, U9$"):
            ikm_matriks.ikm_matriks(x)

    def test_respondent_with_one_answer_or_none(self):
        x = m([np.nan] * 8 + [3.0], [np.nan] * 9)
        skor = ikm_matriks.skor_responden(x)
        assert skor[0] == pytest.approx(75.0)  # 25 × 3 / 1
        assert math.isnan(skor[1])


# --- where: service × unsur ---------------------------------------------------------------


class TestDekomposisiSel:
    """Year 0: A = 2 × all 4, B = 2 × all 3. Year 1: A = 1 × all 4 but U3 = 2, B = 3 × all 3."""

    x0 = m(EMPAT, EMPAT, TIGA, TIGA)
    g0: ClassVar = ["A", "A", "B", "B"]
    x1 = m(_u(3, 2, 4), TIGA, TIGA, TIGA)
    g1: ClassVar = ["A", "B", "B", "B"]

    def test_every_column_of_a_cell_by_hand(self):
        sel = ikm_sel.dekomposisi_sel(self.x0, self.g0, self.x1, self.g1)["sel"]
        assert list(sel.columns) == ikm_sel.KOLOM_SEL
        a3 = sel[(sel["segmen"] == "A") & (sel["unsur"] == "U3")].iloc[0]
        assert a3["nama"] == "Waktu Penyelesaian"
        assert (a3["n_lalu"], a3["n_kini"]) == (2, 1)
        assert (a3["s_lalu"], a3["s_kini"]) == (0.5, 0.25)
        assert (a3["nrr_lalu"], a3["nrr_kini"], a3["delta_nrr"]) == (4.0, 2.0, -2.0)
        b1 = sel[(sel["segmen"] == "B") & (sel["unsur"] == "U1")].iloc[0]
        assert (b1["n_lalu"], b1["n_kini"], b1["s_kini"]) == (2, 3, 0.75)
        assert (b1["nrr_lalu"], b1["nrr_kini"]) == (3.0, 3.0)

    def test_every_column_of_a_segment_by_hand(self):
        d = ikm_sel.dekomposisi_sel(self.x0, self.g0, self.x1, self.g1)
        seg = d["segmen"].set_index("segmen")
        assert seg.loc["A", ["n_lalu", "n_kini", "s_lalu", "s_kini"]].tolist() == [2, 1, 0.5, 0.25]
        assert seg.loc["B", ["n_lalu", "n_kini", "s_lalu", "s_kini"]].tolist() == [2, 3, 0.5, 0.75]
        assert seg.loc["A", "ikm_lalu"] == 100 and seg.loc["B", "ikm_lalu"] == 75
        assert seg.loc["A", "ikm_kini"] == pytest.approx(W * 34)
        assert seg.loc["A", "dalam"] == pytest.approx(W * -2 * 0.375)  # only A×U3 changed within
        assert seg.loc["B", "dalam"] == 0
        assert d["ikm_lalu"] == 87.5 and d["ikm_kini"] == pytest.approx(W * 28.75)

    def test_the_default_weight_is_exact(self):
        d = ikm_sel.dekomposisi_sel(self.x0, self.g0, self.x1, self.g1)
        assert d["ikm_kini"] == pytest.approx(W * 28.75)
        assert d["sel"]["dalam"].min() == pytest.approx(W * -2 * 0.375)

    def test_rounded_weight_reaches_every_ikm(self):
        d = ikm_sel.dekomposisi_sel(self.x0, self.g0, self.x1, self.g1, "0.111")
        assert d["ikm_lalu"] == pytest.approx(87.5 * 0.999)
        assert d["ikm_kini"] == pytest.approx(W * 28.75 * 0.999)
        assert d["delta"] == pytest.approx((W * 28.75 - 87.5) * 0.999)
        seg = d["segmen"].set_index("segmen")
        assert seg.loc["A", "ikm_lalu"] == pytest.approx(99.9)
        assert seg.loc["A", "ikm_kini"] == pytest.approx(W * 34 * 0.999)

    def test_a_service_gone_this_year_changes_nothing_within(self):
        # B served only last year: its cells are composition only (dalam 0), and all terms
        # still add up to ΔIKM = 100 − 87,5.
        x0, x1 = m(EMPAT, TIGA), m(EMPAT, EMPAT)
        d = ikm_sel.dekomposisi_sel(x0, ["A", "B"], x1, ["A", "A"])
        b = d["sel"][d["sel"]["segmen"] == "B"]
        assert (b["dalam"] == 0).all() and b["nrr_kini"].isna().all()
        assert (b["nrr_lalu"] == 3).all() and b["delta_nrr"].isna().all()
        # composition of B×u: W × (0 − 0,5) × (3 − (3,5 + 4)/2) = W × 0,375
        assert b["komposisi"].tolist() == pytest.approx([W * 0.375] * 9)
        assert d["sel"]["dalam"].sum() + d["sel"]["komposisi"].sum() == pytest.approx(12.5)
        seg = d["segmen"].set_index("segmen")
        assert seg.loc["B", "n_kini"] == 0 and math.isnan(seg.loc["B", "ikm_kini"])

    def test_a_new_service_and_blanks_raise_no_warning(self):
        x0 = m(EMPAT, [3.0, np.nan, 4, 4, 2, 4, 4, 4, 4])
        x1 = m([np.nan, 2, 3, 3, 3, 3, 3, 3, 3], TIGA, EMPAT)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            d = ikm_sel.dekomposisi_sel(x0, ["A", "A"], x1, ["A", "B", "C"])
        c = d["sel"][d["sel"]["segmen"] == "C"]
        assert c["nrr_lalu"].isna().all() and (c["nrr_kini"] == 4).all()


class TestSelPenurun:
    def test_only_cells_that_pulled_down(self):
        # A×U1: W × (2,5 − 3) × 0,5 = −0,69; A×U2: +0,69 (below 1, still not a fall); rest 0
        x0 = m(TIGA, TIGA, TIGA, TIGA)
        x1 = m(_u(1, 2), _u(2, 4), TIGA, TIGA)
        sel = ikm_sel.dekomposisi_sel(x0, ["A", "A", "B", "B"], x1, ["A", "A", "B", "B"])["sel"]
        turun = ikm_sel.sel_penurun(sel)
        assert turun[["segmen", "unsur"]].values.tolist() == [["A", "U1"]]
        assert turun["dalam"].tolist() == pytest.approx([-W / 4])

    def test_three_by_default(self):
        x0 = m(EMPAT)
        x1 = m([1.0, 2, 3, 3.5, 4, 4, 4, 4, 4])
        sel = ikm_sel.dekomposisi_sel(x0, ["A"], x1, ["A"])["sel"]
        turun = ikm_sel.sel_penurun(sel)
        assert turun["unsur"].tolist() == ["U1", "U2", "U3"]
        assert len(ikm_sel.sel_penurun(sel, 4)) == 4


# --- is it real ---------------------------------------------------------------------------


class TestUji:
    lalu, kini = m(EMPAT, EMPAT), m(SATU, SATU)

    def test_rounded_weight_in_the_row_ikm_and_no_warning_for_a_lost_unsur(self):
        jumlah = np.array([[8.0] * 9, [4.0] * 8 + [0.0]])
        banyak = np.array([[2.0] * 9, [1.0] * 8 + [0.0]])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            r = ikm_matriks.ikm_baris(jumlah, banyak, "0.111")
        assert r[0] == pytest.approx(100 * 0.999) and math.isnan(r[1])

    def test_rounded_weight_in_the_observed_change(self):
        h = ikm_uji.uji_permutasi(self.lalu, self.kini, n=50, seed=1, bobot="0.111")
        assert h["delta"] == pytest.approx(-75 * 0.999)

    def test_the_rounded_weight_scales_every_reshuffle_so_the_p_value_stays(self):
        """0.111 × 9 = 0,999 scales both years' IKM alike, in the observed change and in each
        reshuffle: the p-value is the exact weight's."""
        acak = np.random.default_rng(3)
        x0 = acak.integers(1, 5, size=(30, 9)).astype(float)
        x1 = acak.integers(1, 5, size=(25, 9)).astype(float)
        eksak = ikm_uji.uji_permutasi(x0, x1, n=300, seed=5)
        bulat = ikm_uji.uji_permutasi(x0, x1, n=300, seed=5, bobot="0.111")
        assert 0.2 < eksak["p"] < 0.8  # a p-value that a weight on one side only would move
        assert bulat["p"] == eksak["p"]
        assert bulat["delta"] == pytest.approx(eksak["delta"] * 0.999)

    def test_defaults_are_2000_permutations_seed_2024(self):
        h = ikm_uji.uji_permutasi(self.lalu, self.kini)
        assert h["n_permutasi"] == 2000
        assert h == ikm_uji.uji_permutasi(self.lalu, self.kini, n=2000, seed=2024)
        assert h["p"] == pytest.approx(1 / 3, abs=0.04)

    def test_p_of_exactly_0_05_is_not_significant(self):
        # A change so clear no reassignment reaches it: p = 1 / (19 + 1) = 0,05, not < 0,05.
        lalu = m(*[EMPAT] * 20, *[TIGA] * 20)
        kini = m(*[TIGA] * 30, *[[2.0] * 9] * 10)
        h = ikm_uji.uji_permutasi(lalu, kini, n=19, seed=5)
        assert h["p"] == 0.05 and not h["signifikan"]

    def test_blanks_count_as_no_answer_in_every_reassignment(self):
        # Pool {4, 4, 1, 1 with U9 blank}: only the observed split and its mirror give
        # |Δ| = 75 (a blank read as an answer would make it 72,2), so p = 2/6 as without blanks.
        kini = m(SATU, [1.0] * 8 + [np.nan])
        h = ikm_uji.uji_permutasi(self.lalu, kini, n=20000, seed=3)
        assert h["delta"] == -75
        assert h["p"] == pytest.approx(1 / 3, abs=0.015)

    def test_a_nearly_as_large_change_is_not_counted(self):
        # 7 × all 4 and one total 10 against 8 × all 1: ΔIKM = 25/72 × −190. Swapping the
        # 10 with a 1-respondent gives 25/72 × 188, 0,69 less: not "as large". Only the
        # observed split and its mirror are (2 of C(16, 8) = 12 870): p ≈ 1/20001 + 2/12870.
        lalu = m(*[EMPAT] * 7, _u(1, 2, 1))
        kini = m(*[SATU] * 8)
        h = ikm_uji.uji_permutasi(lalu, kini, n=20000, seed=7)
        assert h["delta"] == pytest.approx(-190 * 25 / 72)
        assert h["p"] < 10 / 20001  # the near splits would add 16/12870 × 20000 ≈ 25


# --- when: periods and the change month -------------------------------------------------


class TestPeriode:
    def test_months_stay_months_and_blanks_stay_blank(self):
        p = ikm_waktu.periode(pd.Series([1, None, 12]), "bulan")
        assert str(p.dtype) == "Int64"
        assert p.tolist() == [1, pd.NA, 12]
        t = ikm_waktu.periode(pd.Series([2, None, 10]), "triwulan")
        assert str(t.dtype) == "Int64" and t.tolist() == [1, pd.NA, 4]

    def test_unknown_unit_is_named(self):
        with pytest.raises(ValueError, match="satuan periode tidak dikenal: 'minggu'"):
            ikm_waktu.periode(pd.Series([1]), "minggu")


class TestTitikUbah:
    skor = np.array([1, 1, 3, 3.0])
    bulan = np.array([1, 2, 3, 4])

    def test_two_months_are_enough(self):
        h = ikm_waktu.titik_ubah(np.array([1.0, 3.0]), np.array([4, 9]), n=10)
        assert h["bulan_ubah"] == 9 and h["statistik"] == pytest.approx(math.sqrt(2))

    def test_a_respondent_without_score_is_left_out(self):
        skor = np.array([1, np.nan, 1, 3, 3.0])
        bulan = np.array([1, 2, 2, 3, 4])
        h = ikm_waktu.titik_ubah(skor, bulan, n=200)
        assert h == ikm_waktu.titik_ubah(self.skor, self.bulan, n=200)
        assert h["statistik"] == pytest.approx(2.0)

    def test_defaults_are_2000_permutations_seed_2024(self):
        h = ikm_waktu.titik_ubah(self.skor, self.bulan)
        assert h == ikm_waktu.titik_ubah(self.skor, self.bulan, n=2000, seed=2024)
        assert h["p"] == pytest.approx(1 / 3, abs=0.04)

    def test_order_within_a_month_is_kept(self):
        # The permutations start from the respondents in date order, ties in input order, so
        # the same respondents given already sorted by month give the same p.
        rng = np.random.default_rng(0)
        bulan = rng.integers(1, 5, 60).astype(float)
        skor = rng.integers(50, 101, 60).astype(float)
        urut = sorted(range(60), key=lambda i: bulan[i])
        h = ikm_waktu.titik_ubah(skor, bulan, n=300, seed=4)
        assert h == ikm_waktu.titik_ubah(skor[urut], bulan[urut], n=300, seed=4)

    def test_p_of_exactly_0_05_is_not_significant(self):
        bulan = np.repeat(np.arange(1, 13), 10)
        skor = np.where(bulan < 7, 90.0, 82.0) + np.tile([-1.0, 1.0], 60)
        h = ikm_waktu.titik_ubah(skor, bulan, n=19, seed=1)
        assert h["p"] == 0.05 and not h["signifikan"]


# --- what people wrote --------------------------------------------------------------------


class TestKomentar:
    kunci: ClassVar = {"U3": ["lama"], "U9": ["ruang tunggu"]}

    def test_keyword_across_punctuation(self):
        assert komentar.unsur_komentar("Ruang-tunggu_panas!", self.kunci) == ["U9"]

    def test_blank_comments_only(self):
        teks = pd.Series([None, " "])
        assert list(komentar.tema(teks, self.kunci).columns) == ["baris", "unsur"]
        total = komentar.hitung_tema(teks, self.kunci)
        assert list(total.columns) == ["unsur", "jumlah"] and total.empty
        per = komentar.hitung_tema(teks, self.kunci, pd.Series(["Jan", "Feb"]))
        assert list(per.columns) == ["unsur", "jumlah"] and per.empty

    def test_totals_are_whole_numbers_and_blank_labels_are_named(self):
        teks = pd.Series(["lama", "lama sekali", "bagus"])
        total = komentar.hitung_tema(teks, self.kunci)
        assert total["unsur"].tolist() == ["U3", "lainnya"] and total["jumlah"].tolist() == [2, 1]
        per = komentar.hitung_tema(teks, self.kunci, pd.Series(["Jan", None, None]))
        assert list(per.columns) == ["unsur", "(tidak diisi)", "Jan", "jumlah"]
        assert per.dtypes.drop("unsur").eq("int64").all()
        assert per.set_index("unsur").loc["U3"].tolist() == [1, 1, 2]
