import math

import pytest

from lkip.formulas.predikat import (
    SKALA_CAPAIAN_PERMENDAGRI_86,
    SKALA_SAKIP,
    Predikat,
    SkalaCapaian,
    predikat_capaian,
    predikat_sakip,
    skala_capaian_dari,
)


class TestSakip:
    def test_seed_2023(self):
        assert predikat_sakip(82.4) == Predikat("A", "Memuaskan")

    def test_seed_2022(self):
        assert predikat_sakip(80.30).huruf == "A"

    @pytest.mark.parametrize(
        "nilai, huruf",
        [
            (100, "AA"),
            (90.01, "AA"),
            (90, "A"),
            (80.0, "BB"),
            (70.0, "B"),
            (70.01, "BB"),
            (60.0, "CC"),
            (50.0, "C"),
            (30.0, "D"),
            (30.01, "C"),
            (0, "D"),
        ],
    )
    def test_band_edges(self, nilai, huruf):
        assert predikat_sakip(nilai).huruf == huruf

    def test_interpretations(self):
        assert [p.interpretasi for _, p in SKALA_SAKIP] == [
            "Sangat Memuaskan", "Memuaskan", "Sangat Baik", "Baik", "Cukup (Memadai)", "Kurang",
            "Sangat Kurang",
        ]  # fmt: skip

    @pytest.mark.parametrize("nilai", [-0.1, 100.5, math.nan])
    def test_outside_range(self, nilai):
        with pytest.raises(ValueError):
            predikat_sakip(nilai)


class TestPredikatCapaian:
    @pytest.mark.parametrize(
        "capaian, label",
        [
            (125.0, "Sangat Tinggi"),  # seed PATEN
            (91.0, "Sangat Tinggi"),
            (90.99, "Tinggi"),
            (76.0, "Tinggi"),
            (75.9, "Sedang"),
            (66.0, "Sedang"),
            (65.5, "Rendah"),
            (51.0, "Rendah"),
            (50.99, "Sangat Rendah"),
            (0.0, "Sangat Rendah"),
        ],
    )
    def test_permendagri_86(self, capaian, label):
        assert predikat_capaian(capaian) == label

    def test_undefined_capaian(self):
        assert predikat_capaian(None) is None
        assert predikat_capaian(math.nan) is None


class TestSkalaDariKonfigurasi:
    def test_yaml_like_rows_any_order(self):
        skala = skala_capaian_dari(
            [
                {"label": "Kurang"},
                {"batas_bawah": 100, "label": "Tercapai"},
                {"batas_bawah": 80, "label": "Cukup"},
            ],
            nama="Perbup contoh",
        )
        assert skala.tingkat == ((100.0, "Tercapai"), (80.0, "Cukup"), (-math.inf, "Kurang"))
        assert predikat_capaian(100, skala) == "Tercapai"
        assert predikat_capaian(99.9, skala) == "Cukup"
        assert predikat_capaian(12, skala) == "Kurang"

    def test_reproduces_default(self):
        skala = skala_capaian_dari(
            [
                {"batas_bawah": 91, "label": "Sangat Tinggi"},
                {"batas_bawah": 76, "label": "Tinggi"},
                {"batas_bawah": 66, "label": "Sedang"},
                {"batas_bawah": 51, "label": "Rendah"},
                {"batas_bawah": None, "label": "Sangat Rendah"},
            ]
        )
        assert skala.tingkat == SKALA_CAPAIAN_PERMENDAGRI_86.tingkat

    def test_without_catch_all_low_value_is_error(self):
        skala = skala_capaian_dari([{"batas_bawah": 0, "label": "Ada"}])
        assert predikat_capaian(0, skala) == "Ada"
        with pytest.raises(ValueError, match="terendah"):
            predikat_capaian(-1, skala)

    def test_duplicate_bound_rejected(self):
        with pytest.raises(ValueError, match="duplikat"):
            skala_capaian_dari(
                [{"batas_bawah": 50, "label": "A"}, {"batas_bawah": 50, "label": "B"}]
            )

    def test_missing_label_rejected(self):
        with pytest.raises(ValueError, match="label"):
            skala_capaian_dari([{"batas_bawah": 50}])

    def test_empty_rejected(self):
        with pytest.raises(ValueError):
            skala_capaian_dari([])

    def test_unsorted_direct_construction_rejected(self):
        with pytest.raises(ValueError):
            SkalaCapaian(((50.0, "Rendah"), (90.0, "Tinggi")))


@pytest.mark.parametrize(
    ("capaian", "diharapkan"),
    [
        (45.864 / 50.4 * 100, "Sangat Tinggi"),  # exactly 91; the float is 90.99999999999999
        (90.995, "Sangat Tinggi"),  # printed as 91 %
        (90.994, "Tinggi"),  # printed as 90,99 %
        (75.995, "Tinggi"),
        (75.994, "Sedang"),
    ],
)
def test_predikat_capaian_bands_the_printed_capaian(capaian, diharapkan):
    assert predikat_capaian(capaian) == diharapkan
