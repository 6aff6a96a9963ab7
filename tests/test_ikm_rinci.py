"""The "why did the IKM drop" formulas on small data worked out by hand: change month and its
permutation p-value, service × unsur decomposition, permutation test between years, minimum
detectable change, comment keywords, and the inputs they read (dates, keyword YAML)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest

from lkip.core.errors import DataTidakValid
from lkip.formulas import ikm_matriks, ikm_sel, ikm_uji, ikm_waktu, komentar
from lkip.formulas.ikm import ikm, ukuran_sampel
from lkip.formulas.skm import ikm_responden
from lkip.inputs import ikm_rinci as masukan_rinci
from lkip.inputs.responden import KOLOM_UNSUR, baca_responden
from lkip.model import ikm_rinci


def responden(baris: list[tuple[str, float | list]], kolom: str = "jenis_layanan") -> pd.DataFrame:
    """Rows of (segment, answer for all nine unsur | list of nine answers, None = blank)."""
    data = {k: [] for k in KOLOM_UNSUR} | {kolom: []}
    for seg, jawab in baris:
        nilai = jawab if isinstance(jawab, list) else [jawab] * 9
        for k, v in zip(KOLOM_UNSUR, nilai, strict=True):
            data[k].append(v)
        data[kolom].append(seg)
    tabel = pd.DataFrame(data)
    for k in KOLOM_UNSUR:
        tabel[k] = tabel[k].astype("Float64")
    tabel[kolom] = tabel[kolom].astype("string")
    return tabel


def matriks(r: pd.DataFrame) -> np.ndarray:
    return r[list(KOLOM_UNSUR)].astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def dekomposisi(lalu: pd.DataFrame, kini: pd.DataFrame, bobot: str = "eksak") -> dict:
    """The service × unsur decomposition of two tables made by :func:`responden`."""
    return ikm_sel.dekomposisi_sel(
        matriks(lalu),
        lalu["jenis_layanan"].tolist(),
        matriks(kini),
        kini["jenis_layanan"].tolist(),
        bobot,
    )


def _u3(nilai: float, lain: float = 4) -> list[float]:
    return [lain, lain, nilai, lain, lain, lain, lain, lain, lain]


# --- the IKM of an answer matrix --------------------------------------------------------


class TestMatriks:
    def test_nrr_and_ikm_by_hand(self):
        x = np.array([[4.0] * 9, [2.0] * 8 + [np.nan]])
        assert ikm_matriks.nrr_matriks(x).tolist() == [3.0] * 8 + [4.0]
        assert ikm_matriks.ikm_matriks(x) == pytest.approx(25 * 28 / 9)
        assert ikm_matriks.ikm_matriks(x, "0.111") == pytest.approx(25 * 0.111 * 28)

    def test_rounded_weight_factor(self):
        assert ikm_matriks.faktor_bobot("eksak") == 1
        assert ikm_matriks.faktor_bobot("0.111") == pytest.approx(0.999)

    def test_unanswered_unsur_has_no_ikm(self):
        x = np.array([[4.0] * 8 + [np.nan]])
        with pytest.raises(ValueError, match="U9"):
            ikm_matriks.ikm_matriks(x)

    def test_one_nrr_point_of_one_unsur_by_hand(self):
        assert ikm_matriks.bobot_unsur("eksak") == pytest.approx(25 / 9)
        assert ikm_matriks.bobot_unsur("0.111") == pytest.approx(25 * 0.111)

    def test_row_ikm_by_hand_and_as_the_regulation_formula(self):
        """Row 1: NRR 4,3,2,1,4,3,2,1,4 (sum 24); row 2: 7/2 = 3,5 each (sum 31,5); row 3:
        U9 unanswered."""
        jumlah = np.array([[4.0, 3, 2, 1, 4, 3, 2, 1, 4], [7.0] * 9, [4.0] * 8 + [0.0]])
        banyak = np.array([[1.0] * 9, [2.0] * 9, [1.0] * 8 + [0.0]])
        eksak = ikm_matriks.ikm_baris(jumlah, banyak, "eksak")
        bulat = ikm_matriks.ikm_baris(jumlah, banyak, "0.111")
        assert eksak[:2] == pytest.approx([25 * 24 / 9, 87.5])
        assert bulat[:2] == pytest.approx([25 * 0.111 * 24, 25 * 0.111 * 31.5])
        assert math.isnan(eksak[2]) and math.isnan(bulat[2])
        for i in range(2):
            nrr = (jumlah[i] / banyak[i]).tolist()
            assert eksak[i] == ikm(nrr)  # the same formula, to the last bit
            assert bulat[i] == ikm(nrr, "0.111")


# --- when: periods and the change month -------------------------------------------------


class TestPeriode:
    def test_month_when_every_month_has_enough(self):
        bulan = pd.Series([1] * 30 + [2] * 30)
        assert ikm_waktu.satuan_periode(bulan) == "bulan"
        assert ikm_waktu.satuan_periode(pd.Series([1] * 30 + [2] * 29)) == "triwulan"
        assert ikm_waktu.BATAS_PERIODE == 30 == ukuran_sampel(32)  # Krejcie–Morgan, N = 32

    def test_quarter_numbers_and_names(self):
        p = ikm_waktu.periode(pd.Series([1, 3, 4, 12]), "triwulan")
        assert p.tolist() == [1, 1, 2, 4]
        assert ikm_waktu.nama_periode(7, "bulan") == "Juli"
        assert ikm_waktu.nama_periode(3, "triwulan") == "Triwulan III"

    def test_ikm_per_period_by_hand(self):
        r = responden([("a", 4), ("a", 3), ("a", _u3(1)), ("a", 2)])
        bulan = pd.Series([1, 1, 5, 5])
        t = ikm_rinci.ikm_per_periode(r, bulan, "triwulan", n=200)
        assert t["label"].tolist() == ["Triwulan I", "Triwulan II"]
        assert t["n"].tolist() == [2, 2]
        # Q1: NRR 3,5 everywhere -> 87,5; Q2: U3 = 1,5, others 3 -> 25/9 × 25,5
        assert t["ikm"].tolist() == pytest.approx([87.5, 25 / 9 * 25.5])
        assert (t["bawah"] <= t["ikm"]).all() and (t["ikm"] <= t["atas"]).all()

    def test_respondent_score(self):
        r = responden([("a", 4), ("a", [2, 4, None, 4, 4, 4, 4, 4, 4])])
        assert ikm_matriks.skor_responden(matriks(r)).tolist() == pytest.approx([100, 25 * 30 / 8])
        assert ikm_matriks.skor_responden(matriks(r), "0.111")[0] == pytest.approx(99.9)


class TestTitikUbah:
    def test_split_and_exact_p_by_hand(self):
        # T(k) for scores 1,1,3,3 (months 1..4): k=1 and 3 give 4/3·√(3/4) = 1,1547, k=2 gives
        # 2·√1 = 2. Of the 6 distinct orders of {1,1,3,3}, only 1133 and 3311 reach 2: p = 1/3.
        h = ikm_waktu.titik_ubah(np.array([1, 1, 3, 3.0]), np.array([1, 2, 3, 4]), n=20000)
        assert h["bulan_ubah"] == 3
        assert h["statistik"] == pytest.approx(2.0)
        assert (h["n_sebelum"], h["n_sesudah"]) == (2, 2)
        assert (h["rata_sebelum"], h["rata_sesudah"]) == (1.0, 3.0)
        assert h["p"] == pytest.approx(1 / 3, abs=0.015)
        assert not h["signifikan"]

    def test_level_change_in_july_is_found_and_significant(self):
        bulan = np.repeat(np.arange(1, 13), 10)
        geser = np.tile([-1.0, 1.0], 60)  # the same small wobble in every month
        skor = np.where(bulan < 7, 90.0, 82.0) + geser
        h = ikm_waktu.titik_ubah(skor, bulan, n=999, seed=1)
        assert h["bulan_ubah"] == 7 and (h["n_sebelum"], h["n_sesudah"]) == (60, 60)
        assert (h["rata_sebelum"], h["rata_sesudah"]) == (90.0, 82.0)
        assert h["statistik"] == pytest.approx(8 * np.sqrt(60 * 60 / 120))
        assert h["p"] == pytest.approx(1 / 1000) and h["signifikan"]
        assert ikm_waktu.titik_ubah(skor, bulan, n=999, seed=1) == h

    def test_no_change_is_not_significant(self):
        h = ikm_waktu.titik_ubah(np.full(24, 85.0), np.repeat([1, 2, 3], 8), n=99)
        assert h["statistik"] == 0 and h["p"] == 1.0 and not h["signifikan"]

    def test_one_month_has_no_split(self):
        assert ikm_waktu.titik_ubah(np.array([80.0, 90.0]), np.array([5, 5])) is None


# --- where: service × unsur ---------------------------------------------------------------


class TestDekomposisiSel:
    """Year 0: A = 2 × all 4, B = 2 × all 3 (IKM 87,5). Year 1: A = 1 × all 4 but U3 = 2,
    B = 3 × all 3 (NRR 3,25, U3 2,75: IKM 25/9 × 28,75)."""

    lalu = responden([("A", 4), ("A", 4), ("B", 3), ("B", 3)])
    kini = responden([("A", _u3(2)), ("B", 3), ("B", 3), ("B", 3)])

    def test_cells_by_hand(self):
        d = dekomposisi(self.lalu, self.kini)
        sel = d["sel"].set_index(["segmen", "unsur"])
        # within A×U3: 25/9 × (2 − 4) × (0,5 + 0,25)/2
        assert sel.loc[("A", "U3"), "dalam"] == pytest.approx(25 / 9 * -2 * 0.375)
        assert (sel.drop(("A", "U3"))["dalam"] == 0).all()
        # composition A×U1: 25/9 × (0,25 − 0,5) × (4 − (3,5 + 3,25)/2)
        assert sel.loc[("A", "U1"), "komposisi"] == pytest.approx(25 / 9 * -0.25 * 0.625)
        assert d["delta"] == pytest.approx(25 / 9 * 28.75 - 87.5)

    def test_service_composition_is_the_issues_formula(self):
        d = dekomposisi(self.lalu, self.kini)
        seg = d["segmen"].set_index("segmen")
        ikm0, ikm1 = 87.5, 25 / 9 * 28.75
        besar_m = (ikm0 + ikm1) / 2
        m_a = (100 + 25 / 9 * 34) / 2
        assert seg.loc["A", "komposisi"] == pytest.approx(-0.25 * (m_a - besar_m))
        assert seg.loc["B", "komposisi"] == pytest.approx(0.25 * (75 - besar_m))
        assert seg.loc["A", "ikm_kini"] == pytest.approx(25 / 9 * 34)

    @pytest.mark.parametrize("bobot", ["eksak", "0.111"])
    def test_terms_add_up_exactly_to_the_change(self, bobot):
        d = dekomposisi(self.lalu, self.kini, bobot)
        jumlah = d["sel"]["dalam"].sum() + d["sel"]["komposisi"].sum()
        delta = ikm_responden(self.kini, bobot) - ikm_responden(self.lalu, bobot)
        assert jumlah == pytest.approx(delta, abs=1e-12)

    def test_rounded_weight_scales_every_term_by_0_999(self):
        eksak = dekomposisi(self.lalu, self.kini)["sel"]
        bulat = dekomposisi(self.lalu, self.kini, "0.111")["sel"]
        assert bulat["dalam"].tolist() == pytest.approx((0.999 * eksak["dalam"]).tolist())
        assert bulat["komposisi"].tolist() == pytest.approx((0.999 * eksak["komposisi"]).tolist())

    def test_blanks_and_a_new_service_still_add_up(self):
        lalu = responden([("A", 4), ("A", [3, None, 4, 4, 2, 4, 4, 4, 4]), ("B", 3)])
        kini = responden([("A", [None, 2, 3, 3, 3, 3, 3, 3, 3]), ("B", 2), ("C", 4), ("C", 3)])
        d = dekomposisi(lalu, kini)
        jumlah = d["sel"]["dalam"].sum() + d["sel"]["komposisi"].sum()
        assert jumlah == pytest.approx(ikm_responden(kini) - ikm_responden(lalu), abs=1e-12)
        c = d["sel"][d["sel"]["segmen"] == "C"]
        assert (c["dalam"] == 0).all() and c["delta_nrr"].isna().all()  # nothing observed

    def test_three_cells_that_pulled_down_most(self):
        lalu = responden([("A", 4), ("B", 4)])
        kini = responden([("A", _u3(1)), ("B", [4, 3, 4, 4, 4, 4, 2, 4, 4])])
        turun = ikm_sel.sel_penurun(dekomposisi(lalu, kini)["sel"])
        assert list(zip(turun["segmen"], turun["unsur"], strict=True)) == [
            ("A", "U3"),  # −3 × 0,5 × 25/9
            ("B", "U7"),  # −2
            ("B", "U2"),  # −1
        ]
        assert turun["dalam"].tolist() == pytest.approx([-25 / 6, -25 / 9, -25 / 18])

    def test_heatmap_matrix(self):
        d = dekomposisi(self.lalu, self.kini)
        m = ikm_sel.matriks_delta_nrr(d["sel"])
        assert m.loc["A", "U3"] == -2 and m.loc["B", "U3"] == 0 and m.columns[0] == "U1"


# --- is it real ---------------------------------------------------------------------------


class TestUji:
    def test_permutation_p_by_hand(self):
        # Pool {all 4, all 4, all 1, all 1}: of the C(4,2) = 6 splits only the observed one and
        # its mirror give |Δ| = 75, so p = 2/6.
        lalu, kini = responden([("a", 4), ("a", 4)]), responden([("a", 1), ("a", 1)])
        h = ikm_uji.uji_permutasi(matriks(lalu), matriks(kini), n=20000, seed=3)
        assert h["delta"] == -75
        assert h["p"] == pytest.approx(1 / 3, abs=0.015) and not h["signifikan"]

    def test_clear_change_is_significant_and_seeded(self):
        lalu = responden([("a", 4)] * 20 + [("a", 3)] * 20)
        kini = responden([("a", 3)] * 30 + [("a", 2)] * 10)
        h = ikm_uji.uji_permutasi(matriks(lalu), matriks(kini), n=500, seed=5)
        assert h["p"] == pytest.approx(1 / 501) and h["signifikan"]
        assert ikm_uji.uji_permutasi(matriks(lalu), matriks(kini), n=500, seed=5) == h

    def test_minimum_detectable_change_by_hand(self):
        # (1,959964 + 0,841621) × √(100/100 + 100/100)
        assert ikm_uji.perubahan_minimum(10, 100, 10, 100) == pytest.approx(3.962034, abs=1e-5)
        lalu = responden([("a", 4), ("a", 2)])
        kini = responden([("a", 3), ("a", 3), ("a", 4), ("a", 2)])
        sd0, sd1 = np.std([100, 50], ddof=1), np.std([75, 75, 100, 50], ddof=1)
        skor = [ikm_matriks.skor_responden(matriks(r)) for r in (lalu, kini)]
        assert ikm_uji.perubahan_minimum_skor(*skor) == pytest.approx(
            2.801585 * np.sqrt(sd0**2 / 2 + sd1**2 / 4), rel=1e-6
        )


# --- what people wrote --------------------------------------------------------------------


class TestKomentar:
    kunci: ClassVar = {
        "U3": ["lama", "antre"],
        "U8": ["saran", "pengaduan"],
        "U9": ["sarana", "kursi"],
    }

    def test_whole_words_and_nya(self):
        assert komentar.unsur_komentar("Prosesnya LAMA sekali", self.kunci) == ["U3"]
        assert komentar.unsur_komentar("lamanya menunggu", self.kunci) == ["U3"]
        assert komentar.unsur_komentar("sarana kurang", self.kunci) == ["U9"]  # not "saran"
        assert komentar.unsur_komentar("antre lama, kursi kurang", self.kunci) == ["U3", "U9"]
        assert komentar.unsur_komentar("terima kasih", self.kunci) == [komentar.LAINNYA]
        assert komentar.unsur_komentar("  ", self.kunci) == []
        assert komentar.unsur_komentar(pd.NA, self.kunci) == []
        assert komentar.unsur_komentar("kelamaan", self.kunci) == [komentar.LAINNYA]

    def test_counts_per_label(self):
        teks = pd.Series(["lama", "kursi rusak", None, "lama dan kursi", "bagus", "Lama"])
        per = pd.Series(["Jan", "Jan", "Feb", "Feb", "Feb", "Feb"])
        t = komentar.hitung_tema(teks, self.kunci, per).set_index("unsur")
        assert t.loc["U3"].to_dict() == {"Feb": 2, "Jan": 1, "jumlah": 3}
        assert t.loc["U9"].to_dict() == {"Feb": 1, "Jan": 1, "jumlah": 2}
        assert t.loc["lainnya", "jumlah"] == 1 and list(t.index) == ["U3", "U9", "lainnya"]
        total = komentar.hitung_tema(teks, self.kunci)
        assert total["jumlah"].tolist() == [3, 2, 1]

    def test_periods_keep_calendar_order(self):
        teks = pd.Series(["lama", "kursi", "lama"])
        bulan = pd.Categorical(["Mei", "Januari", "Mei"], categories=["Januari", "Mei", "Juli"])
        t = komentar.hitung_tema(teks, self.kunci, pd.Series(bulan))
        assert list(t.columns) == ["unsur", "Januari", "Mei", "Juli", "jumlah"]
        assert t.set_index("unsur").loc["U3"].tolist() == [0, 2, 0, 2]


class TestMasukan:
    def test_shipped_keywords_cover_every_unsur(self):
        kunci = masukan_rinci.baca_kata_kunci()
        assert sorted(kunci) == [f"U{i}" for i in range(1, 10)]
        assert "antre" in kunci["U2"] and "ruang tunggu" in kunci["U9"]

    def test_year_file_replaces_the_unsur_it_names(self, tmp_path: Path):
        folder = tmp_path / "2023"
        folder.mkdir()
        (folder / "kata_kunci_komentar.yaml").write_text("U3:\n  - lelet\n", encoding="utf-8")
        kunci = masukan_rinci.baca_kata_kunci(folder)
        assert kunci["U3"] == ["lelet"] and "biaya" in kunci["U4"]

    def test_bad_keyword_file_names_file_and_key(self, tmp_path: Path):
        folder = tmp_path / "2023"
        folder.mkdir()
        (folder / "kata_kunci_komentar.yaml").write_text("U10: [a]\nU3: lama\n", encoding="utf-8")
        with pytest.raises(DataTidakValid) as e:
            masukan_rinci.baca_kata_kunci(folder)
        teks = str(e.value)
        assert "2023/kata_kunci_komentar.yaml" in teks and "U10" in teks and "U3" in teks

    def test_months_from_iso_and_forms_timestamps(self):
        r = pd.DataFrame({"tanggal": ["2023-07-14", None, "03/02/2023 10:00:00"]})
        assert masukan_rinci.bulan_responden(r, "x", 2023).tolist() == [7, pd.NA, 2]
        us = pd.DataFrame({"tanggal": ["03/02/2023 10:00:00", "02/25/2023 09:00:00"]})
        assert masukan_rinci.bulan_responden(us, "x", 2023).tolist() == [3, 2]
        lain = pd.DataFrame({"tanggal": ["2023/07/14", "14-08-2023", "14.09.2023 8:00"]})
        assert masukan_rinci.bulan_responden(lain, "x", 2023).tolist() == [7, 8, 9]

    def test_bad_date_names_the_line(self):
        r = pd.DataFrame({"tanggal": ["2023-07-14", "kemarin"]})
        with pytest.raises(DataTidakValid) as e:
            masukan_rinci.bulan_responden(r, "2023/skm_responden.csv", 2023)
        m = e.value.masalah[0]
        assert (m.berkas, m.baris, m.kolom, m.nilai) == (
            "2023/skm_responden.csv",
            3,
            "tanggal",
            "kemarin",
        )

    def test_forms_export_with_saran_dan_masukan_keeps_the_text_as_komentar(self):
        sampel = Path(__file__).resolve().parent.parent / "data" / "sample"
        polos = baca_responden(sampel / "skm_responden_2023_SINTETIS.csv")
        gf = baca_responden(sampel / "skm_google_form_2023_SINTETIS.csv")
        assert ikm_responden(gf) == ikm_responden(polos)
        assert gf["komentar"].fillna("").tolist() == polos["komentar"].fillna("").tolist()
        assert gf["komentar"].notna().sum() > 50 and "komentar" not in KOLOM_UNSUR

    def test_year_mapping_still_applies_beside_free_text(self, tmp_path: Path):
        folder = tmp_path / "2023"
        folder.mkdir()
        kepala = ",".join([f"P{i}" for i in range(1, 10)] + ["Kritik dan saran"])
        (folder / "skm_responden.csv").write_text(
            kepala + "\n" + ",".join(["4"] * 9 + ["antre lama"]) + "\n", encoding="utf-8"
        )
        peta = "pertanyaan:\n" + "".join(f"  P{i}: U{i}\n" for i in range(1, 10))
        (folder / "skm_pemetaan.yaml").write_text(peta, encoding="utf-8")
        r = baca_responden(folder / "skm_responden.csv")
        assert ikm_responden(r) == 100 and r["komentar"].tolist() == ["antre lama"]
