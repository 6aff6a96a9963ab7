from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lkip.formulas import ikm_bootstrap as ic
from lkip.formulas.ikm import ikm
from lkip.formulas.ikm_bootstrap import bootstrap_delta, bootstrap_ikm
from lkip.formulas.ikm_dekomposisi import dekomposisi_segmen, dekomposisi_unsur, waterfall_unsur
from lkip.formulas.skm import ikm_responden
from lkip.inputs.responden import KOLOM_UNSUR, baca_responden
from lkip.model.ikm_perubahan import DataSkm, analisis_perubahan
from lkip.model.ikm_rinci import tabel_perubahan
from lkip.model.skm_tahun import ringkas
from lkip.presentation.kalimat_ikm import (
    batasan_perubahan,
    komentar,
    perubahan,
    perubahan_nyata,
    perubahan_unsur,
)

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
NRR_2023 = [3.66, 3.65, 3.66, 3.61, 3.72, 3.78, 3.70, 3.99, 3.66]  # seed, Bab III
NRR_LALU = [3.75, 3.74, 3.76, 3.70, 3.78, 3.82, 3.77, 3.99, 3.63]


def kalimat(h, lalu: DataSkm, kini: DataSkm) -> tuple[list[str], list[str]]:
    """What the report prints of ``h``: its conclusions and what cannot be concluded."""
    ubah = ringkas(h, lalu, kini, lalu.tahun)
    return perubahan(ubah, tabel_perubahan(h)), [batasan_perubahan(b) for b in ubah["batasan"]]


def responden(baris: list[tuple[str, float | list]]) -> pd.DataFrame:
    """Rows of (kanal, answer for all nine unsur | list of nine answers, None = blank)."""
    data = {k: [] for k in KOLOM_UNSUR} | {"kanal": []}
    for kanal, jawab in baris:
        nilai = jawab if isinstance(jawab, list) else [jawab] * 9
        for k, v in zip(KOLOM_UNSUR, nilai, strict=True):
            data[k].append(v)
        data["kanal"].append(kanal)
    tabel = pd.DataFrame(data)
    for k in KOLOM_UNSUR:
        tabel[k] = tabel[k].astype("Float64")
    tabel["kanal"] = tabel["kanal"].astype("string")
    return tabel


class TestDekomposisiUnsur:
    def test_contributions_add_up_exactly(self):
        tabel = dekomposisi_unsur(NRR_LALU, NRR_2023)
        # U1: 25/9 × (3.66 − 3.75) = −0.25
        assert tabel.loc[0, "kontribusi"] == pytest.approx(-0.25, abs=1e-12)
        assert tabel.loc[7, "kontribusi"] == pytest.approx(0.0, abs=1e-12)
        delta = ikm(NRR_2023) - ikm(NRR_LALU)
        assert abs(tabel["kontribusi"].sum() - delta) < 1e-9
        assert list(tabel.columns) == [
            "unsur",
            "nama",
            "nrr_lalu",
            "nrr_kini",
            "delta_nrr",
            "kontribusi",
        ]

    def test_rounded_weight_also_adds_up(self):
        tabel = dekomposisi_unsur(NRR_LALU, NRR_2023, bobot="0.111")
        delta = ikm(NRR_2023, "0.111") - ikm(NRR_LALU, "0.111")
        assert abs(tabel["kontribusi"].sum() - delta) < 1e-9
        assert tabel.loc[0, "kontribusi"] == pytest.approx(25 * 0.111 * -0.09)

    def test_mapping_and_table_inputs(self):
        peta = {f"U{i}": x for i, x in enumerate(NRR_2023, start=1)}
        tabel = pd.DataFrame({"unsur": list(peta)[::-1], "nrr": list(peta.values())[::-1]})
        dasar = dekomposisi_unsur(NRR_LALU, NRR_2023)
        pd.testing.assert_frame_equal(dekomposisi_unsur(NRR_LALU, peta), dasar)
        pd.testing.assert_frame_equal(dekomposisi_unsur(NRR_LALU, tabel), dasar)
        with pytest.raises(ValueError, match="U9"):
            dekomposisi_unsur(NRR_LALU, {k: v for k, v in peta.items() if k != "U9"})

    def test_waterfall(self):
        tabel = waterfall_unsur(dekomposisi_unsur(NRR_LALU, NRR_2023), label_awal="IKM 2022")
        assert tabel["jenis"].tolist() == ["awal", *["unsur"] * 9, "akhir"]
        assert tabel.loc[0, ["label", "nilai"]].tolist() == ["IKM 2022", ikm(NRR_LALU)]
        assert tabel["nilai"].iloc[-1] == ikm(NRR_2023)
        assert abs(tabel["kumulatif"].iloc[-2] - ikm(NRR_2023)) < 1e-9
        u1 = tabel.iloc[1]  # a fall: the bar hangs from last year's level
        assert u1["puncak"] == ikm(NRR_LALU)
        assert u1["dasar"] == pytest.approx(ikm(NRR_LALU) - 0.25)


class TestDekomposisiSegmen:
    def test_pure_composition_by_hand(self):
        # 2022: 3 kertas all 4 (IKM 100), 1 digital all 3 (IKM 75) -> IKM 93.75.
        # 2023: 2 + 2 -> IKM 87.5. Only the mix moved: −0.25·100 + 0.25·75 = −6.25.
        lalu = responden([("kertas", 4)] * 3 + [("digital", 3)])
        kini = responden([("kertas", 4)] * 2 + [("digital", 3)] * 2)
        h = dekomposisi_segmen(lalu, kini, "kanal")
        assert (h["ikm_lalu"], h["ikm_kini"], h["delta"]) == (93.75, 87.5, -6.25)
        assert h["komposisi"] == pytest.approx(-6.25)
        assert h["dalam"] == 0.0
        assert abs(h["residu"]) < 1e-12
        seg = h["segmen"].set_index("segmen")
        assert seg.loc["digital", ["s_lalu", "s_kini", "ikm_kini"]].tolist() == [0.25, 0.5, 75.0]

    def test_composition_and_within_by_hand(self):
        # digital falls 75 -> 50 while its share doubles: ΔIKM = 75 − 93.75 = −18.75,
        # composition = −0.25·100 + 0.25·(75+50)/2 = −9.375, within = −25·0.75/2 = −9.375.
        lalu = responden([("kertas", 4)] * 3 + [("digital", 3)])
        kini = responden([("kertas", 4)] * 2 + [("digital", 2)] * 2)
        h = dekomposisi_segmen(lalu, kini, "kanal")
        assert h["delta"] == pytest.approx(-18.75)
        assert h["komposisi"] == pytest.approx(-9.375)
        assert h["dalam"] == pytest.approx(-9.375)
        assert abs(h["residu"]) < 1e-12
        assert h["segmen_satu_tahun"] == []

    def test_blank_answers_leave_a_residual_and_still_add_up(self):
        lalu = responden([("kertas", 4)] * 3 + [("digital", 3)])
        kini = responden(
            [("kertas", 4), ("kertas", [None, 4, 4, 4, 4, 4, 4, 4, 4])] + [("digital", 2)] * 2
        )
        h = dekomposisi_segmen(lalu, kini, "kanal")
        assert abs(h["residu"]) > 1e-3
        assert h["komposisi"] + h["dalam"] + h["residu"] == pytest.approx(h["delta"], abs=1e-12)

    def test_segment_in_one_year_only_counts_as_composition(self):
        lalu = responden([("kertas", 4)] * 2 + [("kertas", 3)] * 2)  # IKM 87.5
        kini = responden([("kertas", 4)] * 2 + [("kertas", 3)] + [("digital", 2)])  # 81.25
        h = dekomposisi_segmen(lalu, kini, "kanal")
        seg = h["segmen"].set_index("segmen")
        assert h["segmen_satu_tahun"] == ["digital"]
        assert seg.loc["digital", "hanya_di"] == "kini"
        assert seg.loc["digital", "ikm_lalu"] == seg.loc["digital", "ikm_kini"] == 50.0
        assert seg.loc["digital", "dalam"] == 0.0
        # the new channel, scoring 50 against an overall M = (87,5 + 81,25)/2 = 84,375, pulled
        # the IKM down: (0,25 − 0)(50 − 84,375)
        assert seg.loc["digital", "komposisi"] == pytest.approx(0.25 * (50 - 84.375))
        assert pd.isna(seg.loc["kertas", "hanya_di"])
        assert h["komposisi"] + h["dalam"] == pytest.approx(h["delta"], abs=1e-12)
        assert abs(h["residu"]) < 1e-12

    def test_blank_segment_value_is_its_own_group(self):
        lalu = responden([("kertas", 4), ("kertas", 3)])
        kini = responden([("kertas", 4), (None, 2)])
        h = dekomposisi_segmen(lalu, kini, "kanal")
        assert h["segmen"]["segmen"].tolist() == ["(tidak diisi)", "kertas"]
        assert h["komposisi"] + h["dalam"] + h["residu"] == pytest.approx(h["delta"])

    def test_missing_column(self):
        r = responden([("kertas", 4)])
        with pytest.raises(KeyError, match="pekerjaan"):
            dekomposisi_segmen(r, r, "pekerjaan")


def data_acak(n: int, geser: float, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = np.clip(np.round(rng.normal(3.5 + geser, 0.6, size=(n, 9))), 1, 4)
    x[rng.random((n, 9)) < 0.05] = np.nan
    tabel = pd.DataFrame(x, columns=list(KOLOM_UNSUR)).astype("Float64")
    tabel["kanal"] = pd.array(["kertas"] * n, dtype="string")
    return tabel


class TestBootstrap:
    def test_reproducible_and_seed_dependent(self):
        r = data_acak(60, 0, seed=1)
        a = bootstrap_ikm(r, n=500, seed=7)
        assert bootstrap_ikm(r, n=500, seed=7) == a
        assert bootstrap_ikm(r, n=500, seed=8) != a
        assert a[0] < ikm_responden(r) < a[1]

    def test_matches_a_plain_loop_over_resamples(self):
        # Same draws, respondents taken one resample at a time through ikm_responden.
        r = data_acak(30, 0, seed=2)
        pilih = np.random.default_rng(11).integers(0, len(r), size=(200, len(r)))
        nilai = []
        for baris in pilih:
            try:
                nilai.append(ikm_responden(r.iloc[baris]))
            except ValueError:
                continue
        harap = tuple(np.percentile(nilai, [2.5, 97.5]))
        assert bootstrap_ikm(r, n=200, seed=11) == pytest.approx(harap, abs=1e-9)

    def test_unanimous_answers_give_a_point(self):
        r = responden([("kertas", 4)] * 10)
        assert bootstrap_ikm(r, n=100) == (100.0, 100.0)

    def test_delta(self):
        lalu, kini = data_acak(80, 0, seed=3), data_acak(80, -0.4, seed=4)
        a = bootstrap_delta(lalu, kini, n=500, seed=5)
        assert bootstrap_delta(lalu, kini, n=500, seed=5) == a
        assert bootstrap_delta(lalu, kini, n=500, seed=6) != a
        assert a[1] < 0  # a clear fall: the interval lies below zero
        sama = bootstrap_delta(lalu, lalu, n=500, seed=5)
        assert sama[0] < 0 < sama[1]

    def test_unanswered_unsur_fails(self):
        r = responden([("kertas", [4, 4, 4, 4, 4, 4, 4, None, 4])] * 3)
        with pytest.raises(ValueError, match="U8"):
            bootstrap_ikm(r, n=10)


class TestKalimat:
    def test_interval_excluding_zero(self):
        teks = perubahan_nyata(-1.41, (-2.553, -0.27))
        assert "-1,41 poin" in teks and "-2,55 s.d. -0,27" in teks
        assert "tidak memuat nol" in teks
        assert "penurunan ini lebih besar daripada variasi acak" in teks

    def test_interval_including_zero(self):
        teks = perubahan_nyata(0.5, (-0.3, 1.2))
        assert "+0,50 poin" in teks and "-0,30 s.d. 1,20" in teks
        assert " dan memuat nol" in teks
        assert "belum dapat dibedakan dari variasi acak" in teks

    def test_rise(self):
        assert "kenaikan ini lebih besar" in perubahan_nyata(2.0, (0.5, 3.5))


class TestAnalisisPerubahan:
    def test_only_total_last_year(self):
        # Panarukan 2022 published only "94".
        lalu, kini = DataSkm(2022, ikm=94), DataSkm(2023, nrr=NRR_2023)
        h = analisis_perubahan(lalu, kini)
        teks, batasan = kalimat(h, lalu, kini)
        assert h.delta == pytest.approx(25 * sum(NRR_2023) / 9 - 94)
        assert h.unsur is None and h.waterfall is None and h.segmen == {}
        assert h.selang_delta is None
        assert teks == [
            "IKM 2023 sebesar 92,86 (mutu A, Sangat Baik) turun 1,14 poin dari 94 pada 2022."
        ]
        assert batasan == [
            "IKM 2022 hanya tersedia sebagai nilai total.",
            "Rincian perubahan per unsur tidak dapat disimpulkan karena nilai rata-rata per "
            "unsur (NRR) tahun 2022 tidak tersedia.",
            "Pengaruh pergeseran komposisi responden (misalnya kanal kertas/digital) dan apakah "
            "perubahan ini lebih besar daripada variasi acak pengambilan sampel tidak dapat "
            "dinilai karena data per responden tahun 2022 dan 2023 tidak tersedia.",
        ]

    def test_unsur_both_years(self):
        lalu, kini = DataSkm(2022, nrr=NRR_LALU), DataSkm(2023, nrr=NRR_2023)
        h = analisis_perubahan(lalu, kini)
        teks, batasan = kalimat(h, lalu, kini)
        assert abs(h.unsur["kontribusi"].sum() - h.delta) < 1e-9
        assert h.waterfall["label"].iloc[[0, -1]].tolist() == ["IKM 2022", "IKM 2023"]
        # U1, U2 and U4 each fell 0,09 (25/9 × -0,09 = -0,25): all three tie with the second
        assert teks[1] == (
            "Menurut unsur, yang paling menurunkan IKM adalah U3 Waktu Penyelesaian (-0,28 poin), "
            "U1 Persyaratan (-0,25 poin), U2 Sistem, Mekanisme, dan Prosedur (-0,25 poin), "
            "U4 Biaya/Tarif (-0,25 poin); yang paling menaikkan IKM adalah "
            "U9 Sarana dan Prasarana (+0,08 poin)."
        )
        assert h.segmen == {} and h.selang_delta is None
        assert len(batasan) == 1 and "per responden tahun 2022 dan 2023" in batasan[0]

    def test_unsur_named_by_their_points_as_printed(self):
        """Which unsur the sentence names follows the printed points: values that print alike
        are named together whatever their order or float noise, and 0,00 moved nothing."""
        tabel = pd.DataFrame(
            {
                "unsur": ["U1", "U2", "U3", "U4", "U5", "U6"],
                "nama": ["A", "B", "C", "D", "E", "F"],
                "kontribusi": [-0.2500000001, -0.30, -0.2499999999, -0.10, 0.004, 0.02],
            }
        )
        teks = perubahan_unsur(tabel)
        assert teks == (
            "Menurut unsur, yang paling menurunkan IKM adalah U2 B (-0,30 poin), U1 A (-0,25 "
            "poin), U3 C (-0,25 poin); yang paling menaikkan IKM adalah U6 F (+0,02 poin)."
        )
        assert perubahan_unsur(tabel.iloc[::-1]) == teks
        assert perubahan_unsur(tabel.assign(kontribusi=[-0.004, 0.0, 0.001, 0, 0, 0])) == (
            "Menurut unsur, tidak ada unsur yang nilainya berubah."
        )

    def test_comment_themes_name_every_unsur_as_often_named_as_the_third(self):
        tema = [("U1", 12), ("U2", 11), ("U3", 10), ("U4", 16), ("U9", 11), ("lainnya", 51)]
        k = {
            "jumlah_komentar": 111,
            "jumlah_responden": 400,
            "tema": [{"unsur": u, "jumlah": n} for u, n in tema],
        }
        assert komentar(k, 2023) == [
            "Sebanyak 111 dari 400 responden 2023 menulis komentar atau saran. Unsur yang paling "
            "sering dibicarakan: U4 Biaya/Tarif (16), U1 Persyaratan (12), U2 Sistem, Mekanisme, "
            "dan Prosedur (11), U9 Sarana dan Prasarana (11); 51 komentar tidak menyebut unsur "
            "tertentu."
        ]
        k["tema"] = k["tema"][:2]  # fewer than three: all of them
        assert "dibicarakan: U1 Persyaratan (12), U2 Sistem" in komentar(k, 2023)[0]

    def test_respondents_one_year_only(self):
        kini = baca_responden(SAMPLE / "skm_responden_2023_SINTETIS.csv")
        lalu = DataSkm(2022, nrr=NRR_LALU)
        h = analisis_perubahan(lalu, DataSkm(2023, responden=kini))
        assert h.unsur is not None and h.segmen == {} and h.selang_delta is None
        assert h.unsur["nrr_kini"].round(2).tolist() == NRR_2023
        assert h.batasan == [{"kunci": "tanpa_responden", "tahun": [2022]}]
        _, batasan = kalimat(h, lalu, DataSkm(2023, responden=kini))
        assert "data per responden tahun 2022 tidak tersedia" in batasan[0]

    def test_respondents_both_years_on_the_sample(self):
        lalu = baca_responden(SAMPLE / "skm_responden_2022_SINTETIS.csv")
        kini = baca_responden(SAMPLE / "skm_responden_2023_SINTETIS.csv")
        d_lalu, d_kini = DataSkm(2022, responden=lalu), DataSkm(2023, responden=kini)
        h = analisis_perubahan(d_lalu, d_kini)
        teks, _ = kalimat(h, d_lalu, d_kini)
        kanal = h.segmen["kanal"]
        assert kanal["komposisi"] < 0  # more of the lower-scoring digital respondents
        seg = kanal["segmen"].set_index("segmen")
        assert seg.loc["digital", "s_kini"] > seg.loc["digital", "s_lalu"]
        assert seg.loc["digital", "ikm_kini"] < seg.loc["kertas", "ikm_kini"]
        total = kanal["komposisi"] + kanal["dalam"] + kanal["residu"]
        assert total == pytest.approx(h.delta, abs=1e-9)
        assert h.selang_delta[0] <= h.delta <= h.selang_delta[1]
        assert h.selang_lalu[0] < h.ikm_lalu < h.selang_lalu[1]
        assert h.batasan == []
        assert any(k.startswith("Menurut kanal, pergeseran komposisi") for k in teks)
        assert teks[-1] == perubahan_nyata(h.delta, h.selang_delta)

    def test_segment_column_missing_in_one_year(self):
        lalu = data_acak(40, 0, seed=1).drop(columns="kanal")
        kini = data_acak(40, 0, seed=2)
        d_lalu, d_kini = DataSkm(2022, responden=lalu), DataSkm(2023, responden=kini)
        h = analisis_perubahan(d_lalu, d_kini, n=200)
        assert h.segmen == {}
        assert kalimat(h, d_lalu, d_kini)[1] == [
            "Data kanal tidak ada pada responden tahun 2022; pengaruh komposisi menurut kanal "
            "tidak dapat dinilai."
        ]
        assert h.selang_delta is not None

    def test_new_segment_is_flagged_in_words(self):
        lalu = responden([("kertas", 4)] * 5 + [("kertas", 3)] * 5)
        kini = responden([("kertas", 4)] * 5 + [("digital", 3)] * 5)
        d_lalu, d_kini = DataSkm(2022, responden=lalu), DataSkm(2023, responden=kini)
        h = analisis_perubahan(d_lalu, d_kini, n=100)
        assert (
            "Kelompok kanal digital hanya ada pada tahun 2023, sehingga seluruh sumbangannya "
            "dihitung sebagai pergeseran komposisi." in kalimat(h, d_lalu, d_kini)[0]
        )

    def test_no_data(self):
        with pytest.raises(ValueError, match="2022"):
            analisis_perubahan(DataSkm(2022), DataSkm(2023, ikm=90))


def test_interval_level_is_one_constant_for_the_figures_and_the_words(monkeypatch):
    nilai = np.arange(101, dtype=float)  # percentiles are the values themselves
    assert ic._selang(nilai) == (2.5, 97.5)
    assert perubahan_nyata(-1.0, (-2.0, -0.5)).startswith(
        "Selang kepercayaan 95 % (bootstrap) untuk perubahan IKM sebesar -1,00 poin"
    )
    monkeypatch.setattr(ic, "TINGKAT_SELANG", 90)
    assert ic._selang(nilai) == (5.0, 95.0)
