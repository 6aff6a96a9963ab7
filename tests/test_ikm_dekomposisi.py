"""The IKM change's pure statistics, on values worked out by hand: the per-unsur split and its
waterfall, the per-segment split, and the bootstrap's edge cases (lkip.formulas.ikm_dekomposisi,
lkip.formulas.ikm_bootstrap)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lkip.formulas import ikm_bootstrap as ib
from lkip.formulas.ikm_dekomposisi import (
    daftar_nrr,
    dekomposisi_segmen,
    dekomposisi_unsur,
    waterfall_unsur,
)
from tests.test_ikm_change import responden

# Last year every unsur at 3.0 (IKM 75); this year U1 up half a point and U2 down half a point.
LALU = [3.0] * 9
KINI = [3.5, 2.5, *[3.0] * 7]
LANGKAH = 25 * 0.5 / 9  # one unsur's share of the change: 25 × ΔNRR / 9 = 1.3888…


def test_each_unsur_carries_its_own_change_and_share() -> None:
    d = dekomposisi_unsur(LALU, KINI)
    assert d["delta_nrr"].tolist() == [0.5, -0.5, *[0.0] * 7]
    assert d["kontribusi"].tolist()[:2] == pytest.approx([LANGKAH, -LANGKAH])
    assert d["kontribusi"].tolist()[2:] == [0.0] * 7
    # the rounded weight 0.111 scales every share by 0,999
    d111 = dekomposisi_unsur(LALU, KINI, "0.111")
    assert d111["kontribusi"].tolist()[:2] == pytest.approx([0.999 * LANGKAH, -0.999 * LANGKAH])


def test_nrr_given_as_a_table_a_mapping_or_a_list_are_the_same() -> None:
    tabel = pd.DataFrame({"unsur": [f"U{i}" for i in range(9, 0, -1)], "nrr": KINI[::-1]})
    peta = {f"U{i + 1}": v for i, v in enumerate(KINI)}
    assert daftar_nrr(tabel) == daftar_nrr(peta) == KINI
    with pytest.raises(ValueError, match=r"^NRR tidak lengkap: tidak ada U8, U9$"):
        daftar_nrr({k: v for k, v in peta.items() if k not in ("U8", "U9")})


def test_waterfall_bars_worked_out_by_hand() -> None:
    w = waterfall_unsur(dekomposisi_unsur(LALU, KINI), label_awal="2022", label_akhir="2023")
    naik = 75 + LANGKAH
    assert w["label"].tolist() == ["2022", *[f"U{i}" for i in range(1, 10)], "2023"]
    assert w["jenis"].tolist() == ["awal", *["unsur"] * 9, "akhir"]
    assert w["nilai"].tolist() == pytest.approx([75, LANGKAH, -LANGKAH, *[0] * 7, 75])
    # U1 rises from 75 to 76,39; U2 falls back: both bars span 75 to 76,39
    assert w["dasar"].tolist() == pytest.approx([0, 75, 75, *[75] * 7, 0])
    assert w["puncak"].tolist() == pytest.approx([75, naik, naik, *[75] * 7, 75])
    assert w["kumulatif"].tolist() == pytest.approx([75, naik, 75, *[75] * 7, 75])
    assert waterfall_unsur(dekomposisi_unsur(LALU, KINI))["label"].tolist()[::10] == [
        "IKM tahun lalu",
        "IKM tahun ini",
    ]


def test_waterfall_uses_the_weight_it_is_given() -> None:
    w = waterfall_unsur(dekomposisi_unsur(LALU, LALU, "0.111"), "0.111")
    assert w["nilai"].iloc[[0, -1]].tolist() == pytest.approx([75 * 0.999, 75 * 0.999])


def test_segment_split_worked_out_by_hand() -> None:
    """Last year 2 loket respondents (all 3) and 2 online (all 4): IKM 87,5. This year 1 loket
    (all 3) and 3 online (all 4): IKM 93,75. Shares 1/2, 1/2 -> 1/4, 3/4; each segment's own IKM
    unchanged (75, 100): the whole change is composition, nothing within."""
    lalu = responden([("loket", 3), ("loket", 3), ("online", 4), ("online", 4)])
    kini = responden([("loket", 3), ("online", 4), ("online", 4), ("online", 4)])
    h = dekomposisi_segmen(lalu, kini, "kanal")
    t = h["segmen"].set_index("segmen")
    assert (h["kolom"], h["ikm_lalu"], h["ikm_kini"]) == ("kanal", 87.5, 93.75)
    assert h["delta"] == pytest.approx(6.25)
    assert t["n_lalu"].tolist() == [2, 2] and t["n_kini"].tolist() == [1, 3]
    assert t["s_lalu"].tolist() == [0.5, 0.5] and t["s_kini"].tolist() == [0.25, 0.75]
    assert t["ikm_lalu"].tolist() == [75, 100] and t["ikm_kini"].tolist() == [75, 100]
    # each shift from the overall level M = (87,5 + 93,75)/2 = 90,625: fewer loket respondents
    # (below M) raised the IKM, (0,25 − 0,5)(75 − 90,625) = 3,90625, and so did more online
    # ones (above M), (0,75 − 0,5)(100 − 90,625) = 2,34375; together the whole 6,25
    assert t["komposisi"].tolist() == pytest.approx([3.90625, 2.34375])
    assert (h["komposisi"], h["dalam"], h["residu"]) == pytest.approx((6.25, 0, 0))
    h111 = dekomposisi_segmen(lalu, kini, "kanal", "0.111")
    assert (h111["ikm_lalu"], h111["ikm_kini"]) == pytest.approx((87.5 * 0.999, 93.75 * 0.999))
    assert h111["segmen"]["ikm_lalu"].tolist() == pytest.approx([75 * 0.999, 100 * 0.999])
    assert h111["segmen"]["ikm_kini"].tolist() == pytest.approx([75 * 0.999, 100 * 0.999])


def test_a_segment_seen_in_one_year_only_keeps_that_years_ikm() -> None:
    lalu = responden([("loket", 3), ("loket", 3)])
    kini = responden([("loket", 3), ("online", 4)])
    t = dekomposisi_segmen(lalu, kini, "kanal")["segmen"].set_index("segmen")
    assert t.loc["online", "hanya_di"] == "kini" and pd.isna(t.loc["loket", "hanya_di"])
    assert (t.loc["online", "ikm_lalu"], t.loc["online", "ikm_kini"]) == (100, 100)
    # IKM 75 -> 87,5, M = 81,25: loket's share halved at 75, (0,5 − 1)(75 − 81,25) = 3,125;
    # the new online channel's whole weight, (0,5 − 0)(100 − 81,25) = 9,375; nothing within
    assert t["komposisi"].tolist() == pytest.approx([3.125, 9.375])
    assert t["dalam"].tolist() == pytest.approx([0, 0])
    lama = dekomposisi_segmen(kini, lalu, "kanal")["segmen"].set_index("segmen")
    assert lama.loc["online", "hanya_di"] == "lalu"
    assert (lama.loc["online", "ikm_lalu"], lama.loc["online", "ikm_kini"]) == (100, 100)


def test_a_segment_without_an_answer_for_some_unsur_is_named() -> None:
    lalu = responden([("loket", 3), ("online", [4, *[None] * 8])])
    with pytest.raises(ValueError, match=r"^segmen kanal = 'online': IKM tidak dapat"):
        dekomposisi_segmen(lalu, lalu, "kanal")


def test_bootstrap_of_one_respondent_is_that_respondent() -> None:
    """One respondent resampled is always that respondent: the interval is a point."""
    satu = responden([("loket", 3)])
    assert ib.bootstrap_ikm(satu, n=50) == (75.0, 75.0)
    assert ib.bootstrap_ikm(satu, n=50, bobot="0.111") == pytest.approx((74.925, 74.925))
    assert ib.bootstrap_delta(satu, satu, n=50) == (0.0, 0.0)


def test_resamples_missing_an_unsur_have_no_ikm() -> None:
    """Two respondents, one answered only U1: a resample of that one twice has no NRR for
    U2..U9 (NaN); one with both is the pair's IKM, one of the other twice 25 × 4."""
    x = np.array([[4.0] * 9, [1.0, *[np.nan] * 8]])
    hasil = ib._ikm_ulang(x, 400, np.random.default_rng(7), "eksak")
    sah = hasil[~np.isnan(hasil)]
    assert np.isnan(hasil).any() and len(sah) > 0
    assert set(np.round(sah, 6)) <= {100.0, round(25 * (2.5 + 4 * 8) / 9, 6)}
    with pytest.raises(ValueError, match=r"^tidak ada responden untuk bootstrap$"):
        ib._ikm_ulang(np.empty((0, 9)), 10, np.random.default_rng(7), "eksak")
    with pytest.raises(ValueError, match=r"^bootstrap gagal: tiap sampel ulang kehilangan"):
        ib._selang(np.full(5, np.nan))
