"""The IKM-change analysis wired into the report and the exploration notebook.

A project root gets the synthetic respondents (data/sample) as data/raw/<year>/skm_responden.csv
for 2022 and 2023; the shipped data (2022 total only, 2023 unsur means) is the other case.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import papermill
import pytest
from bs4 import BeautifulSoup

from lkip.core.errors import DataTidakValid
from lkip.core.paths import PACKAGE_ROOT, notebooks_dir, processed_dir
from lkip.formulas.skm import ikm_responden
from lkip.inputs.responden import KOLOM_PROFIL, baca_responden
from lkip.model.laporan import Laporan
from lkip.presentation import kalimat_ikm, tabel_ikm
from lkip.processed import susun
from tests.conftest import angka_rata_kiri

SAMPLE = PACKAGE_ROOT / "data" / "sample"
NRR_2023 = [3.66, 3.65, 3.66, 3.61, 3.72, 3.78, 3.70, 3.99, 3.66]  # seed, Bab III


@pytest.fixture
def root_responden(root: Path) -> Path:
    for tahun in (2022, 2023):
        shutil.copy(
            SAMPLE / f"skm_responden_{tahun}_SINTETIS.csv",
            root / "data" / "raw" / "panarukan" / str(tahun) / "skm_responden.csv",
        )
    return root


def _ikm_sampel(tahun: int) -> float:
    return ikm_responden(baca_responden(SAMPLE / f"skm_responden_{tahun}_SINTETIS.csv"))


# --- report model ------------------------------------------------------------------------


def test_respondents_replace_unsur_file(root_responden: Path) -> None:
    L = susun(2023, root_responden)
    u = L.tabel["skm_unsur"]
    assert list(u.columns) == ["unsur", "nama", "nrr", "n_jawab", "mutu", "kinerja", "peringkat"]
    assert u["nrr"].round(2).tolist() == NRR_2023  # the sample reproduces the seed's means
    assert u["n_jawab"].max() == 400 and u["n_jawab"].min() < 400  # blanks leave the denominator
    assert u.set_index("unsur").loc["U8", "peringkat"] == 1  # 3,99 is the highest
    ikm = _ikm_sampel(2023)
    assert ikm == pytest.approx(92.85, abs=0.005)  # not the 92,86 of the rounded means
    assert L.nilai["ikm"] == pytest.approx(ikm)
    assert L.indikator("T1")["realisasi"] == pytest.approx(ikm)
    assert L.nilai["skm_sumber"] == "responden"
    assert L.nilai["skm_responden"] == 400


def test_profile_and_sample_adequacy(root_responden: Path) -> None:
    L = susun(2023, root_responden)
    p = L.tabel["skm_profil"]
    assert list(dict.fromkeys(p["kolom"])) == list(KOLOM_PROFIL)
    for _, bagian in p.groupby("kolom"):
        assert bagian["jumlah"].sum() == 400
        assert bagian["persen"].sum() == pytest.approx(100)
    kanal = p[p["kolom"] == "kanal"].set_index("kategori")["jumlah"]
    assert kanal.sum() == 400 and kanal["digital"] > kanal["kertas"]
    assert L.nilai["skm_kecukupan"]["cukup"] is None  # population unknown: not judged


def test_sample_adequacy_with_service_users(root_responden: Path) -> None:
    profil = root_responden / "data" / "raw" / "panarukan" / "2023" / "profil.yaml"
    profil.write_text(profil.read_text() + "skm:\n  pengguna_layanan: 1000\n", encoding="utf-8")
    k = susun(2023, root_responden).nilai["skm_kecukupan"]
    assert (k["populasi"], k["minimal"], k["cukup"]) == (1000, 278, True)  # Krejcie–Morgan

    profil.write_text(profil.read_text().replace("1000", "seribu"), encoding="utf-8")
    with pytest.raises(DataTidakValid, match="pengguna_layanan"):
        susun(2023, root_responden)


def test_change_with_respondents_in_both_years(root_responden: Path) -> None:
    L = susun(2023, root_responden)
    p = L.nilai["ikm_perubahan"]
    lalu, kini = _ikm_sampel(2022), _ikm_sampel(2023)
    assert (p["tingkat_lalu"], p["tingkat_kini"]) == ("responden", "responden")
    assert p["ikm_lalu"] == pytest.approx(lalu) and p["delta"] == pytest.approx(kini - lalu)
    # per unsur: 25/9 × ΔNRR, adding up exactly to ΔIKM
    unsur = L.tabel["ikm_perubahan_unsur"]
    assert unsur["kontribusi"].tolist() == pytest.approx((25 / 9 * unsur["delta_nrr"]).tolist())
    assert unsur["kontribusi"].sum() == pytest.approx(p["delta"], abs=1e-9)
    wf = L.tabel["ikm_waterfall"]
    assert wf["label"].tolist() == ["IKM 2022", *[f"U{i}" for i in range(1, 10)], "IKM 2023"]
    assert wf["kumulatif"].iloc[-2] == pytest.approx(kini)
    # Kitagawa by kanal
    k = p["segmen"]["kanal"]
    assert k["komposisi"] + k["dalam"] + k["residu"] == pytest.approx(p["delta"], abs=1e-9)
    assert k["komposisi"] < 0 < k["dalam"]  # more of the lower-scoring digital respondents
    seg = L.tabel["ikm_segmen"].set_index("segmen")
    assert set(L.tabel["ikm_segmen"]["kolom"]) == {"kanal"}
    assert seg.loc["digital", "s_kini"] > seg.loc["digital", "s_lalu"]
    assert seg[["n_lalu", "n_kini"]].sum().tolist() == [300, 400]
    # bootstrap: seeded, and the change is beyond sampling noise in this sample
    a, b = p["selang_delta"]
    assert a < p["delta"] < b < 0
    teks = kalimat_ikm.perubahan(p, L.tabel)
    assert teks[-1].endswith("lebih besar daripada variasi acak pengambilan sampel.")
    assert susun(2023, root_responden).nilai["ikm_perubahan"]["selang_delta"] == [a, b]
    assert p["batasan"] == []
    # 2022's published 94 is not what its respondents give: said, not hidden
    assert L.indikator("T1")["realisasi_lalu"] == 94
    assert len(p["catatan"]) == 1
    catatan = kalimat_ikm.beda_total(p["catatan"][0])
    assert catatan.startswith("IKM 2022 yang dihitung dari data responden (") and "(94)" in catatan


def test_change_survives_processed_round_trip(root_responden: Path) -> None:
    L = susun(2023, root_responden)
    L.simpan(processed_dir(2023, root_responden))
    back = Laporan.baca(processed_dir(2023, root_responden))
    assert back.nilai["ikm_perubahan"] == L.nilai["ikm_perubahan"]
    assert back.tabel["ikm_segmen"]["segmen"].tolist() == ["digital", "kertas"]
    assert back.tabel["ikm_waterfall"]["label"].iloc[0] == "IKM 2022"
    assert (
        back.tabel["skm_profil"]["kategori"].tolist() == L.tabel["skm_profil"]["kategori"].tolist()
    )
    # the report's sentences (read back by the chapter) are those of the computed analysis;
    # both kanal groups have respondents in both years, so none is said to be new or gone
    teks = kalimat_ikm.perubahan(back.nilai["ikm_perubahan"], back.tabel)
    assert teks == kalimat_ikm.perubahan(L.nilai["ikm_perubahan"], L.tabel)
    assert not [k for k in teks if "hanya ada pada tahun" in k]


def test_shipped_data_total_only_last_year() -> None:
    L = susun(2023)
    p = L.nilai["ikm_perubahan"]
    assert (p["tingkat_lalu"], p["tingkat_kini"]) == ("total", "unsur")
    assert (p["ikm_lalu"], round(p["ikm_kini"], 2), round(p["delta"], 2)) == (94, 92.86, -1.14)
    assert kalimat_ikm.perubahan(p, L.tabel) == [
        "IKM 2023 sebesar 92,86 (mutu A, Sangat Baik) turun 1,14 poin dari 94 pada 2022."
    ]
    assert p["segmen"] == {} and p["selang_delta"] is None
    batasan = [kalimat_ikm.batasan_perubahan(b) for b in p["batasan"]]
    assert any("per unsur (NRR) tahun 2022 tidak tersedia" in b for b in batasan)
    assert any("variasi acak" in b for b in batasan)


def test_respondents_this_year_unsur_last_year(root: Path) -> None:
    """2022 given as unsur means only: per-unsur split, no segment split, no noise test."""
    raw = root / "data" / "raw" / "panarukan"
    shutil.copy(SAMPLE / "skm_responden_2023_SINTETIS.csv", raw / "2023" / "skm_responden.csv")
    nrr = [3.75, 3.74, 3.76, 3.70, 3.78, 3.82, 3.77, 3.99, 3.63]
    baris = [f"U{i},Unsur {i},{v}" for i, v in enumerate(nrr, start=1)]
    (raw / "2022" / "skm_unsur.csv").write_text("unsur,nama,nrr\n" + "\n".join(baris) + "\n")
    L = susun(2023, root)
    p = L.nilai["ikm_perubahan"]
    assert (p["tingkat_lalu"], p["tingkat_kini"]) == ("unsur", "responden")
    assert p["ikm_lalu"] == pytest.approx(25 * sum(nrr) / 9)
    assert "ikm_waterfall" in L.tabel and "ikm_segmen" not in L.tabel
    assert p["selang_delta"] is None
    batasan = kalimat_ikm.batasan_perubahan(p["batasan"][-1])
    assert "data per responden tahun 2022 tidak tersedia" in batasan


def test_unanswered_unsur_is_a_data_error(root: Path) -> None:
    path = root / "data" / "raw" / "panarukan" / "2023" / "skm_responden.csv"
    path.write_text("kanal,u1,u2,u3,u4,u5,u6,u7,u8,u9\nkertas,4,4,4,4,4,4,4,,4\n")
    with pytest.raises(DataTidakValid) as e:
        susun(2023, root)
    assert [m.kolom for m in e.value.masalah] == ["u8"]


# --- notebooks ---------------------------------------------------------------------------


def _jalankan(nama: str, tmp_path: Path, lkip_root: Path | None, **parameter) -> BeautifulSoup:
    """Execute a notebook with papermill (kernel sees LKIP_ROOT) and return its HTML outputs."""
    keluar = tmp_path / nama
    lama = os.environ.get("LKIP_ROOT")
    if lkip_root is not None:
        os.environ["LKIP_ROOT"] = str(lkip_root)
    try:
        papermill.execute_notebook(
            str(notebooks_dir() / nama),
            str(keluar),
            parameters=parameter,
            kernel_name="python3",
            cwd=str(notebooks_dir()),
            progress_bar=False,
        )
    finally:
        if lama is None:
            os.environ.pop("LKIP_ROOT", None)
        else:
            os.environ["LKIP_ROOT"] = lama
    nb = nbformat.read(keluar, as_version=4)
    html = [
        o["data"]["text/html"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/html" in o.get("data", {})
    ]
    return BeautifulSoup("".join(html), "html.parser")


def _angka(teks: str) -> float:
    return float(teks.replace(".", "").replace(",", ".").replace("+", ""))


def _tabel(soup: BeautifulSoup, awal_judul: str) -> list[list[str]]:
    for fig in soup.select("figure.tabel"):
        if re.search(awal_judul, fig.figcaption.get_text()):
            return [
                [td.get_text(strip=True) for td in tr.find_all("td")]
                for tr in fig.select("tbody tr")
            ]
    raise AssertionError(f"table {awal_judul!r} not found")


def _gambar(soup: BeautifulSoup, pola: str) -> list[str]:
    return [
        f.figcaption.get_text()
        for f in soup.select("figure.grafik")
        if re.search(pola, f.figcaption.get_text()) and f.img["src"].startswith("data:image/svg")
    ]


@pytest.mark.slow
def test_exploration_notebook_on_the_sample(tmp_path: Path) -> None:
    soup = _jalankan("eksplorasi_ikm.ipynb", tmp_path, None, sumber_data="data/sample")
    assert "DATA SINTETIS — bukan data asli" in soup.get_text()
    kitagawa = {
        r[0]: _angka(r[1]) for r in _tabel(soup, r"Dekomposisi perubahan IKM menurut kanal")
    }
    bagian = [v for k, v in kitagawa.items() if k != "Perubahan IKM"]
    assert sum(bagian) == pytest.approx(kitagawa["Perubahan IKM"], abs=0.015)
    assert kitagawa["Perubahan IKM"] == round(_ikm_sampel(2023) - _ikm_sampel(2022), 2)
    unsur = _tabel(soup, r"^Sumbangan tiap unsur")
    assert sum(_angka(r[5]) for r in unsur[:-1]) == pytest.approx(_angka(unsur[-1][5]), abs=0.05)
    assert _angka(unsur[-1][5]) == kitagawa["Perubahan IKM"]
    assert _gambar(soup, "menurut unsur pelayanan") and _gambar(soup, "menurut kanal")
    assert "lebih besar daripada variasi acak" in soup.get_text()
    # when, where, what people wrote (verbatim, as text), is it real; and the controls
    assert _gambar(soup, r"^IKM per bulan tahun 2023") and _gambar(soup, r"^Perubahan NRR menurut")
    assert "sejak Juli:" in soup.get_text() and "Contoh komentar" in soup.get_text()
    assert [r[2] for r in _tabel(soup, r"^Uji perubahan IKM")] == ["ya", "ya", "tidak"]
    assert angka_rata_kiri(soup) == []  # figures right-aligned, as in the report
    nb = nbformat.read(tmp_path / "eksplorasi_ikm.ipynb", as_version=4)
    keluaran = [o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])]
    assert any("application/vnd.jupyter.widget-view+json" in x for x in keluaran)


@pytest.mark.slow
def test_exploration_notebook_on_shipped_data_says_what_is_missing(
    tmp_path: Path, root: Path
) -> None:
    soup = _jalankan("eksplorasi_ikm.ipynb", tmp_path, root, segmen="jenis_layanan")
    teks = soup.get_text()
    assert "turun 1,14 poin dari 94 pada 2022" in teks
    assert "SINTETIS" not in teks
    assert "Rincian perubahan per unsur tidak dapat disimpulkan" in teks
    assert not _gambar(soup, "menurut unsur pelayanan")


@pytest.mark.slow
def test_chapter_notebook_shows_the_split(tmp_path: Path, root_responden: Path) -> None:
    soup = _jalankan("03_capaian_kinerja.ipynb", tmp_path, root_responden)
    assert _gambar(soup, r"^Gambar 3\.2\.1\.2 : Perubahan IKM dari tahun 2022 ke 2023")
    assert _gambar(soup, r"^Gambar 3\.2\.1\.1 : Profil responden")
    kitagawa = {r[0]: _angka(r[1]) for r in _tabel(soup, r"^Tabel 3\.2\.1\.4 : .*Kitagawa")}
    assert sum(v for k, v in kitagawa.items() if k != "Perubahan IKM") == pytest.approx(
        kitagawa["Perubahan IKM"], abs=0.015
    )
    segmen = _tabel(soup, r"^Tabel 3\.2\.1\.3 : Responden dan IKM menurut kanal")
    assert [r[0] for r in segmen] == ["digital", "kertas"]
    # each group's composition effect is told from the overall level: the growing share of
    # the lower-scoring digital channel and the shrinking share of the higher-scoring paper
    # one both lowered the IKM, together the table's whole composition shift
    efek = {r[0]: _angka(r[5]) for r in segmen}
    assert efek["digital"] < 0 and efek["kertas"] < 0
    assert sum(efek.values()) == pytest.approx(
        kitagawa["Pergeseran komposisi responden"], abs=0.015
    )
    assert tabel_ikm.CATATAN_SEGMEN in soup.get_text()
    assert angka_rata_kiri(soup) == []  # figures right-aligned, the IKM detail's too
    assert _tabel(soup, r"^Tabel 3\.2\.1\.5 ")[2][0] == "Perubahan IKM"
    # the detail: run chart, heatmap, the three cells, comment themes, the tests
    assert _gambar(soup, r"^Gambar 3\.2\.1\.4 : IKM per bulan tahun 2023")
    assert _gambar(soup, r"^Gambar 3\.2\.1\.5 : Perubahan NRR menurut jenis layanan")
    sel = _tabel(soup, r"^Tabel 3\.2\.1\.7 : Sel jenis layanan × unsur")
    assert (sel[0][0], sel[0][1]) == ("Rekomendasi izin usaha", "U3 Waktu Penyelesaian")
    assert len(_tabel(soup, r"^Tabel 3\.2\.1\.6 : IKM per bulan")) == 12
    teks = soup.get_text()
    assert "Tingkat kepuasan turun mulai Juli 2023 (IKM sejak Juli:" in teks
    assert "responden 2023 menulis komentar atau saran" in teks
    assert "Petugas kurang ramah" not in teks  # the report gives counts, never quotes
    assert "hanya ada pada tahun" not in teks  # both kanal groups answered in both years
    assert len(_tabel(soup, r"^Tabel 3\.2\.1\.11 : Uji perubahan IKM")) == 3


def test_respondent_file_replaces_skm_unsur(root: Path) -> None:
    """A year with skm_responden.csv needs no skm_unsur.csv: the IKM comes from respondents."""
    tahun = root / "data" / "raw" / "panarukan" / "2023"
    (tahun / "skm_unsur.csv").unlink()
    shutil.copy(SAMPLE / "skm_responden_2023_SINTETIS.csv", tahun / "skm_responden.csv")
    L = susun(2023, root)
    assert L.nilai["skm_responden"] == 400
    assert L.indikator("T1")["realisasi"] == pytest.approx(L.nilai["ikm"])
