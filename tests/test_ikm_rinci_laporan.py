"""The detailed IKM-change analysis in the report, checked against an independent computation
with plain pandas/numpy on respondents the project has never seen (the sample generator with
another seed), and the sentences and limits it prints."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from lkip.core.errors import DataTidakValid
from lkip.core.paths import PACKAGE_ROOT, processed_dir
from lkip.inputs.ikm_rinci import baca_kata_kunci
from lkip.model import ikm_rinci
from lkip.model.ikm_perubahan import DataSkm
from lkip.model.laporan import Laporan
from lkip.model.sumber_skm import muat_sumber
from lkip.presentation import blok_ikm, jelajah_ikm, kalimat_ikm, tabel_ikm_rinci
from lkip.processed import susun

U = [f"u{i}" for i in range(1, 10)]


@pytest.fixture(scope="module")
def make_sample():
    spec = importlib.util.spec_from_file_location(
        "make_sample_baru", PACKAGE_ROOT / "scripts" / "make_sample.py"
    )
    modul = importlib.util.module_from_spec(spec)
    sys.modules["make_sample_baru"] = modul
    spec.loader.exec_module(modul)
    yield modul
    sys.modules.pop("make_sample_baru", None)


@pytest.fixture
def root_baru(root: Path, make_sample) -> Path:
    """2022 and 2023 respondents drawn afresh (seed 7), 2023 as a Google Forms export."""
    rng = np.random.default_rng(7)
    raw = root / "data" / "raw" / "panarukan"
    lalu = make_sample.responden(make_sample.TAHUN[0], rng)
    kini = make_sample.responden(make_sample.TAHUN[1], rng)
    lalu.to_csv(raw / "2022" / "skm_responden.csv", index=False)
    make_sample.google_form(kini, rng).to_csv(raw / "2023" / "skm_responden.csv", index=False)
    kini.to_csv(root / "kini_polos.csv", index=False)  # the plain table, for the check
    return root


def _ikm(df: pd.DataFrame) -> float:
    """PermenPANRB 14/2017 by hand: NRR = mean of the answers given; IKM = 25/9 × Σ NRR."""
    return 25 / 9 * df[U].mean().sum()


def test_report_figures_match_an_independent_computation(root_baru: Path) -> None:
    L = susun(2023, root_baru)
    r = L.nilai["ikm_rinci"]
    lalu = pd.read_csv(root_baru / "data" / "raw" / "panarukan" / "2022" / "skm_responden.csv")
    kini = pd.read_csv(root_baru / "kini_polos.csv")
    bulan = pd.to_datetime(kini["tanggal"]).dt.month

    # when: every month has ≥ 30 respondents, so months; IKM of each month
    per = L.tabel["ikm_periode"]
    assert r["waktu"]["satuan"] == "bulan" and bulan.value_counts().min() >= 30
    sendiri = [_ikm(kini[bulan == m]) for m in range(1, 13)]
    assert per["ikm"].tolist() == pytest.approx(sendiri, abs=1e-9)
    assert per["n"].tolist() == bulan.value_counts().sort_index().tolist()
    assert ((per["bawah"] < per["ikm"]) & (per["ikm"] < per["atas"])).all()

    # change month: argmax of |mean before − mean after| × √(n1 n2 / n) over months
    skor = 25 * kini[U].mean(axis=1)
    t = {}
    for m in range(2, 13):
        a, b = skor[bulan < m], skor[bulan >= m]
        t[m] = abs(a.mean() - b.mean()) * np.sqrt(len(a) * len(b) / len(skor))
    titik = r["waktu"]["titik"]
    assert titik["bulan_ubah"] == max(t, key=t.get) == 7  # the generator's drop from July
    assert titik["statistik"] == pytest.approx(t[7])
    assert titik["ikm_sebelum"] == pytest.approx(_ikm(kini[bulan < 7]))
    assert titik["ikm_sesudah"] == pytest.approx(_ikm(kini[bulan >= 7]))
    assert titik["signifikan"] and titik["p"] < 0.01

    # where: within + composition over service × unsur, with answerer shares per unsur
    delta = _ikm(kini) - _ikm(lalu)
    sel = L.tabel["ikm_sel"].set_index(["segmen", "unsur"])
    dalam_sendiri = {}
    for u in U:
        n0 = lalu.groupby("jenis_layanan")[u].count()
        n1 = kini.groupby("jenis_layanan")[u].count()
        s0, s1 = n0 / n0.sum(), n1 / n1.sum()
        m0, m1 = lalu.groupby("jenis_layanan")[u].mean(), kini.groupby("jenis_layanan")[u].mean()
        for lay in s0.index:
            dalam_sendiri[(lay, u.upper())] = 25 / 9 * (m1[lay] - m0[lay]) * (s0[lay] + s1[lay]) / 2
    for kunci, nilai in dalam_sendiri.items():
        assert sel.loc[kunci, "dalam"] == pytest.approx(nilai, abs=1e-12)
    total = L.tabel["ikm_sel"][["dalam", "komposisi"]].to_numpy().sum()
    assert total == pytest.approx(delta, abs=1e-10) and r["sel"]["delta"] == pytest.approx(delta)
    tiga = sorted(dalam_sendiri, key=dalam_sendiri.get)[:3]
    assert [(c["segmen"], c["unsur"]) for c in r["sel"]["turun"]] == tiga
    assert ("Rekomendasi izin usaha", "U3") in tiga  # the generator's service × unsur drop

    # what people wrote: whole-word keyword counts from the shipped YAML
    kunci = yaml.safe_load(
        (PACKAGE_ROOT / "lkip" / "inputs" / "kata_kunci_komentar.yaml").read_text()
    )
    teks = kini["komentar"].dropna()
    teks = teks[teks.str.strip() != ""].str.lower()
    for t_ in r["komentar"]["tema"]:
        if t_["unsur"] == "lainnya":
            continue
        pola = "|".join(rf"\b{re.escape(k)}(?:nya)?\b" for k in kunci[t_["unsur"]])
        assert t_["jumlah"] == teks.str.contains(pola).sum(), t_["unsur"]
    assert r["komentar"]["jumlah_komentar"] == len(teks)

    # is it real: the minimum detectable change (α 0,05 two-sided, power 0,80) by hand
    s0, s1 = 25 * lalu[U].mean(axis=1), skor
    mdc = (1.959964 + 0.841621) * np.sqrt(s0.var() / len(s0) + s1.var() / len(s1))
    assert r["uji"]["mdc"] == pytest.approx(mdc, rel=1e-5)
    assert r["uji"]["delta"] == pytest.approx(delta)
    # permutation p by a plain loop (another seed): equal within Monte Carlo error
    semua = pd.concat([lalu[U], kini[U]], ignore_index=True)
    rng = np.random.default_rng(99)
    lebih = 0
    for _ in range(1000):
        acak = rng.permutation(len(semua))
        d = _ikm(semua.iloc[acak[len(lalu) :]]) - _ikm(semua.iloc[acak[: len(lalu)]])
        lebih += abs(d) >= abs(delta)
    assert r["uji"]["p"] == pytest.approx((1 + lebih) / 1001, abs=0.02)


def test_detail_survives_the_processed_round_trip(root_baru: Path) -> None:
    L = susun(2023, root_baru)
    L.simpan(processed_dir(2023, root_baru))
    back = Laporan.baca(processed_dir(2023, root_baru))
    assert back.nilai["ikm_rinci"] == L.nilai["ikm_rinci"]
    pd.testing.assert_frame_equal(
        back.tabel["ikm_sel"][["dalam", "komposisi"]], L.tabel["ikm_sel"][["dalam", "komposisi"]]
    )
    assert back.tabel["ikm_komentar"]["kategori"].iloc[0] == ""  # the total rows
    bulan = tabel_ikm_rinci.komentar(back.tabel["ikm_komentar"], "periode").columns
    assert list(bulan[1:4]) == ["Januari", "Februari", "Maret"] and bulan[-1] == "Jumlah"


def test_shipped_data_has_no_detail() -> None:
    assert "ikm_rinci" not in susun(2023).nilai


def _data(tahun: int, baris: list[dict]) -> DataSkm:
    return DataSkm(tahun, responden=pd.DataFrame(baris).astype({u: "Float64" for u in U}))


def test_limits_are_said_when_dates_comments_or_last_years_respondents_are_missing() -> None:
    kini = _data(2023, [{u: 4 for u in U} | {"jenis_layanan": "A"}] * 3)
    nilai, tabel = ikm_rinci.analisis_rinci(DataSkm(2022, ikm=94.0), kini, baca_kata_kunci())
    assert nilai["batasan"] == ["tanggal", "komentar", "responden_lalu"]
    assert nilai["waktu"] is None and nilai["uji"] is None and tabel == {}
    teks = [kalimat_ikm.batasan(k, nilai["segmen"], 2022) for k in nilai["batasan"]]
    assert "tanggal pengisian" in teks[0] and "Saran dan" in teks[1]
    assert "per responden tahun 2022" in teks[2]


class TestKalimat:
    def test_change_month_sentence(self) -> None:
        w = {
            "satuan": "triwulan",
            "batas": 30,
            "titik": {"bulan_ubah": 7, "bulan_awal": 1, "p": 0.004, "signifikan": True,
                      "ikm_sebelum": 86.1, "ikm_sesudah": 81.4, "alfa": 0.05},
        }  # fmt: skip
        k = kalimat_ikm.waktu(w, 2023)
        assert "per triwulan karena ada bulan dengan kurang dari 30 responden" in k[0]
        assert "turun mulai Juli 2023 (IKM sejak Juli: 81,40; Januari–Juni: 86,10)" in k[1]
        assert "p = 0,004" in k[1]

    def test_no_significant_split_is_said_plainly(self) -> None:
        w = {
            "satuan": "bulan",
            "batas": 30,
            "titik": {"bulan_ubah": 2, "bulan_awal": 1, "p": 0.31, "signifikan": False,
                      "ikm_sebelum": 90.0, "ikm_sesudah": 89.0, "alfa": 0.05},
        }  # fmt: skip
        k = kalimat_ikm.waktu(w | {"tanpa_tanggal": 3}, 2023)
        assert k[1] == "3 responden tanpa tanggal pengisian tidak masuk hitungan per periode."
        k = kalimat_ikm.waktu(w, 2023)[1]
        assert k.startswith("Tidak ada bulan yang menjadi titik perubahan yang nyata pada 2023")
        assert "(IKM sejak Februari: 89,00; Januari: 90,00)" in k and "p = 0,310" in k

    def test_three_cells_sentence(self) -> None:
        s = {
            "kolom": "jenis_layanan",
            "delta": -1.0,
            "jumlah_dalam": -0.9,
            "jumlah_komposisi": -0.1,
            "turun": [
                {"segmen": "Izin", "unsur": "U3", "nama": "", "dalam": -0.4},
                {"segmen": "Izin", "unsur": "U2", "nama": "", "dalam": -0.2},
                {"segmen": "KTP", "unsur": "U9", "nama": "", "dalam": -0.1},
            ],
        }
        k = kalimat_ikm.sel(s, 2022, 2023)
        assert k[0] == (
            "Menurut jenis layanan dan unsur, yang paling menurunkan IKM dari 2022 ke 2023 adalah "
            "Izin – U3 Waktu Penyelesaian (-0,40 poin), Izin – U2 Sistem, Mekanisme, dan "
            "Prosedur (-0,20 poin) dan KTP – U9 Sarana dan Prasarana (-0,10 poin)."
        )
        assert "-0,90 poin" in k[1] and "-0,10 poin" in k[1] and "(-1,00 poin)" in k[1]

    @pytest.mark.parametrize(
        ("selang", "p", "mdc", "simpul"),
        [
            ((-3.0, -1.0), 0.01, 1.5, "Ketiganya sepakat: perubahan ini nyata"),
            ((-3.0, 1.0), 0.40, 2.5, "Ketiganya sepakat: perubahan ini belum dapat dibedakan"),
            ((-3.0, -0.5), 0.02, 2.5, "perlu dikonfirmasi dengan sampel yang lebih besar"),
            ((-3.0, 0.5), 0.02, 1.5, "tidak sepakat"),
        ],
    )
    def test_is_it_real_says_which_hold(self, selang, p, mdc, simpul) -> None:
        u = {"delta": -2.0, "selang_delta": list(selang), "p": p, "signifikan": p < 0.05,
             "mdc": mdc, "alfa": 0.05, "daya": 0.8}  # fmt: skip
        k = kalimat_ikm.uji(u)
        assert simpul in k[1]
        assert ("tidak memuat nol" in k[0]) == (selang[1] < 0)
        assert f"adalah {mdc:.2f}".replace(".", ",") in k[0] and "daya 80 %" in k[0]

    def test_comment_sentence_counts_and_themes_only(self) -> None:
        k = {"jumlah_komentar": 12, "jumlah_responden": 40,
             "tema": [{"unsur": "U3", "jumlah": 5}, {"unsur": "U9", "jumlah": 7},
                      {"unsur": "lainnya", "jumlah": 2}]}  # fmt: skip
        assert kalimat_ikm.komentar(k, 2023) == [
            "Sebanyak 12 dari 40 responden 2023 menulis komentar atau saran. Unsur yang paling "
            "sering dibicarakan: U9 Sarana dan Prasarana (7), U3 Waktu Penyelesaian (5); 2 "
            "komentar tidak menyebut unsur tertentu."
        ]


# --- shown to the analyst -------------------------------------------------------------------


@pytest.fixture
def tampil(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every HTML fragment lkip.display shows, in order."""
    keluar: list[str] = []
    monkeypatch.setattr("lkip.presentation.display._show", keluar.append)
    return keluar


def test_comment_examples_are_text_never_markup(tampil: list[str]) -> None:
    r = pd.DataFrame({"komentar": ["Menunggu <b>terlalu lama</b>", None, "ruang tunggu panas"]})
    blok_ikm.contoh_komentar(r, baca_kata_kunci(), "U3")
    html = "".join(tampil)
    assert "&lt;b&gt;terlalu lama&lt;/b&gt;" in html and "<b>" not in html
    assert "ruang tunggu" not in html  # that one speaks of U9, not U3
    assert "(1 komentar; ditampilkan apa adanya)" in html


def test_exploration_choices_redraw_the_block(tampil: list[str]) -> None:
    S = muat_sumber(2023, "data/sample")
    jelajah_ikm.jelajahi(S, "kanal", "jenis_layanan", "Rekomendasi izin usaha", "U3", 3)
    html = "".join(tampil)
    assert "2022 ke 2023 (layanan Rekomendasi izin usaha, Triwulan III kedua tahun)" in html
    assert "U3 Waktu Penyelesaian menurut jenis layanan" in html
    tampil.clear()
    panel = jelajah_ikm.panel(2023, "data/sample")
    pilihan = {w.description: w for baris in panel.children[:2] for w in baris.children}
    assert set(pilihan) == {"Tahun", "Segmen", "× unsur", "Layanan", "Unsur", "Periode"}
    assert tampil == []  # nothing drawn before a choice is made
    pilihan["Layanan"].value = "Surat keterangan"
    assert "(layanan Surat keterangan)" in "".join(tampil)


def test_bad_date_in_the_respondent_file_is_a_data_error(root: Path) -> None:
    path = root / "data" / "raw" / "panarukan" / "2023" / "skm_responden.csv"
    baris = ["tanggal," + ",".join(U), "2023-03-01," + ",".join(["4"] * 9)]
    path.write_text("\n".join([*baris, "besok," + ",".join(["3"] * 9)]) + "\n", encoding="utf-8")
    with pytest.raises(DataTidakValid) as e:
        susun(2023, root)
    m = e.value.masalah[0]
    assert (m.berkas, m.baris, m.kolom) == ("2023/skm_responden.csv", 3, "tanggal")
    assert m.nilai == "besok"


def test_rounded_weight_report(root_baru: Path) -> None:
    profil = root_baru / "data" / "raw" / "panarukan" / "2023" / "profil.yaml"
    teks = profil.read_text(encoding="utf-8")
    profil.write_text(teks.replace("bobot_ikm: eksak", "bobot_ikm: '0.111'"), encoding="utf-8")
    L = susun(2023, root_baru)
    r, sel = L.nilai["ikm_rinci"], L.tabel["ikm_sel"]
    assert r["sel"]["delta"] == pytest.approx(L.nilai["ikm_perubahan"]["delta"])
    assert sel[["dalam", "komposisi"]].to_numpy().sum() == pytest.approx(r["sel"]["delta"])
    assert r["ikm_kini"] == pytest.approx(L.nilai["ikm"])
    kini = pd.read_csv(root_baru / "kini_polos.csv")
    assert L.konvensi.bobot_ikm == "0.111" and r["ikm_kini"] == pytest.approx(0.999 * _ikm(kini))
