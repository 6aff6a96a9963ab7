import math

import pandas as pd
import pytest

from lkip.formulas.ikm import (
    UNSUR,
    Mutu,
    ikm,
    kontribusi_unsur,
    mutu,
    mutu_unsur,
    nrr,
    peringkat,
    pita_mutu_ni,
    ukuran_sampel,
)

# Seed 2023, Bab III: NRR per unsur U1..U9.
NRR_2023 = [3.66, 3.65, 3.66, 3.61, 3.72, 3.78, 3.70, 3.99, 3.66]


def test_unsur_order_and_names():
    assert [k for k, _ in UNSUR] == [f"U{i}" for i in range(1, 10)]
    assert UNSUR[7] == ("U8", "Penanganan Pengaduan, Saran dan Masukan")
    assert UNSUR[8] == ("U9", "Sarana dan Prasarana")


class TestIkm:
    def test_seed_exact_weight(self):
        # Sum of NRR = 33.43; 25 * 33.43 / 9 = 92.8611...
        assert ikm(NRR_2023) == pytest.approx(92.861111111)

    def test_seed_rounded_weight(self):
        # 25 * 33.43 * 0.111 = 92.76825
        assert ikm(NRR_2023, "0.111") == pytest.approx(92.76825)

    def test_all_fours_is_100(self):
        assert ikm([4] * 9) == pytest.approx(100.0)
        assert ikm([1] * 9) == pytest.approx(25.0)

    def test_rounded_weight_cannot_reach_100(self):
        assert ikm([4] * 9, "0.111") == pytest.approx(99.9)

    @pytest.mark.parametrize("values", [[3.5] * 8, [3.5] * 10, []])
    def test_needs_nine_values(self, values):
        with pytest.raises(ValueError, match="9"):
            ikm(values)

    @pytest.mark.parametrize("bad", [0.9, 4.01, math.nan])
    def test_values_must_be_1_to_4(self, bad):
        with pytest.raises(ValueError, match="U3"):
            ikm([3.5, 3.5, bad, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5])

    def test_unknown_weight(self):
        with pytest.raises(ValueError, match="bobot"):
            ikm(NRR_2023, "0.11")


class TestMutu:
    @pytest.mark.parametrize(
        "nilai, huruf",
        [
            (25.0, "D"),
            (64.99, "D"),
            (64.994, "D"),
            (64.995, "C"),
            (65.00, "C"),
            (76.60, "C"),
            (76.61, "B"),
            (88.30, "B"),
            (88.304, "B"),
            (88.305, "A"),  # rounds half-up to 88.31
            (88.31, "A"),
            (100.0, "A"),
        ],
    )
    def test_band_edges(self, nilai, huruf):
        assert mutu(nilai).huruf == huruf

    def test_kinerja_labels(self):
        assert mutu(50) == Mutu("D", "Tidak Baik")
        assert mutu(70) == Mutu("C", "Kurang Baik")
        assert mutu(80) == Mutu("B", "Baik")
        assert mutu(ikm(NRR_2023)) == Mutu("A", "Sangat Baik")

    @pytest.mark.parametrize("nilai", [24.99, 100.01, 0])
    def test_outside_scale(self, nilai):
        with pytest.raises(ValueError):
            mutu(nilai)


class TestMutuUnsur:
    @pytest.mark.parametrize(
        "nilai, huruf",
        [
            (1.0, "D"),
            (2.5996, "D"),
            (2.60, "C"),
            (3.064, "C"),
            (3.0644, "B"),
            (3.532, "B"),
            (3.5322, "A"),  # in the published gap: 88.305 rounds to 88.31
            (3.5324, "A"),
            (4.0, "A"),
        ],
    )
    def test_band_edges(self, nilai, huruf):
        assert mutu_unsur(nilai).huruf == huruf

    def test_seed_all_sangat_baik(self):
        assert {mutu_unsur(x) for x in NRR_2023} == {Mutu("A", "Sangat Baik")}

    @pytest.mark.parametrize("nilai", [0.99, 4.1, math.nan])
    def test_outside_scale(self, nilai):
        with pytest.raises(ValueError):
            mutu_unsur(nilai)


class TestPeringkat:
    def test_seed(self):
        s = pd.Series(NRR_2023, index=[k for k, _ in UNSUR])
        hasil = peringkat(s)
        assert hasil.tolist() == [5, 8, 6, 9, 3, 2, 4, 1, 7]
        assert hasil.index.tolist() == s.index.tolist()

    def test_ties_follow_unsur_order_not_row_order(self):
        kode = [k for k, _ in UNSUR]
        s = pd.Series(NRR_2023, index=kode)[::-1]  # U9 first
        hasil = peringkat(s)
        assert hasil["U1"] == 5
        assert hasil["U3"] == 6
        assert hasil["U9"] == 7

    def test_other_labels_keep_position(self):
        hasil = peringkat(pd.Series([3.0, 3.5, 3.0], index=["b", "a", "c"]))
        assert hasil.to_dict() == {"b": 2, "a": 1, "c": 3}

    def test_missing_rejected(self):
        with pytest.raises(ValueError):
            peringkat(pd.Series([3.0, None], index=["U1", "U2"]))


class TestNrr:
    def test_hand_worked(self):
        assert nrr([4, 3, 4, 3]) == pytest.approx(3.5)

    def test_blank_answers_excluded(self):
        # 4 + 3 + 4 over the 3 who answered.
        assert nrr([4, None, 3, math.nan, 4]) == pytest.approx(11 / 3)

    def test_nobody_answered(self):
        assert nrr([]) is None
        assert nrr([None, math.nan]) is None

    @pytest.mark.parametrize("bad", [0, 5])
    def test_answer_outside_scale(self, bad):
        with pytest.raises(ValueError):
            nrr([4, bad])


class TestUkuranSampel:
    @pytest.mark.parametrize(
        "n, s",
        # Krejcie-Morgan table values.
        [(100, 80), (1000, 278), (10, 10), (50, 44), (500, 217), (1_000_000, 384), (1, 1)],
    )
    def test_table(self, n, s):
        assert ukuran_sampel(n) == s

    def test_zero_population(self):
        assert ukuran_sampel(0) == 0

    @pytest.mark.parametrize("bad", [-1, 10.5, True])
    def test_invalid(self, bad):
        with pytest.raises(ValueError):
            ukuran_sampel(bad)


class TestKontribusi:
    def test_hand_worked(self):
        lalu = [3.5] * 9
        hasil = kontribusi_unsur(lalu, NRR_2023)
        # U8: 25/9 * (3.99 - 3.5) = 1.36111...
        assert hasil[7] == pytest.approx(25 / 9 * 0.49)
        assert hasil[3] == pytest.approx(25 / 9 * 0.11)

    def test_adds_up_to_ikm_change(self):
        lalu = [3.70, 3.72, 3.71, 3.65, 3.80, 3.82, 3.75, 3.95, 3.70]
        hasil = kontribusi_unsur(lalu, NRR_2023)
        assert math.fsum(hasil) == pytest.approx(ikm(NRR_2023) - ikm(lalu), abs=1e-12)

    def test_invalid_length(self):
        with pytest.raises(ValueError):
            kontribusi_unsur([3.5] * 8, NRR_2023)


def test_mutu_bands_on_the_ni_scale_are_the_regulations_table() -> None:
    # PermenPANRB 14/2017, lampiran: NI 1,00-2,5996 D; 2,60-3,064 C; 3,0644-3,532 B; 3,5324-4,00 A
    # (the IKM bands 25,00-64,99 / 65,00-76,60 / 76,61-88,30 / 88,31-100 divided by 25)
    pita = [(m.huruf, m.kinerja, bawah, atas) for m, bawah, atas in pita_mutu_ni()]
    assert pita == [
        ("D", "Tidak Baik", 1.00, 2.5996),
        ("C", "Kurang Baik", 2.60, 3.064),
        ("B", "Baik", 3.0644, 3.532),
        ("A", "Sangat Baik", 3.5324, 4.00),
    ]
    for m, bawah, atas in pita_mutu_ni():  # the bands agree with mutu_unsur at both edges
        assert mutu_unsur(bawah) == m and mutu_unsur(atas) == m
