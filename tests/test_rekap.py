"""The recap's figures and matching, the batch table and the portal's links, without rendering
the offices; a kabupaten's recap laid out from its figures."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pandas as pd
import pytest

from lkip.build.batch import HasilInstansi, instansi_dengan_tahun, tabel_hasil
from lkip.build.portal import daftar_keluaran, html_portal
from lkip.presentation.charts import TINGGI_MAKS
from lkip.presentation.rekap_tampil import (
    bab_rekap,
    catatan_kosong,
    tabel_perubahan,
    tabel_rekap,
    teks,
)
from lkip.processed import susun
from lkip.rekap import BarisRekap, Indikator, Rekap, RingkasanInstansi, kunci_indikator, ringkas


def test_panarukan_figures_are_the_models() -> None:
    r = ringkas(susun(2023), "panarukan")
    assert r.nama == "Kecamatan Panarukan" and r.kabupaten == "Situbondo"
    # IKM = 25 × Σ NRR / 9 of skm_unsur.csv 2023, as the report prints it: 92,86, mutu A
    assert teks(r, "ikm") == "92,86 (A)"
    assert r.sakip == 82.4 and r.predikat_sakip == "A"  # 80 < 82,4 ≤ 90
    assert r.persen_idm == 87.5  # 7 of 8 desa rose
    assert (r.pagu, r.realisasi) == (2_326_586_175, 2_252_567_244)
    assert teks(r, "serapan") == "96,82 %" and teks(r, "pagu") == "Rp 2.326.586.175"
    assert teks(r, "tercapai") == "3 dari 4"  # S2: 87,5 % of desa against a target of 100
    assert r.temuan_reviu is not None and r.alasan == {}


@pytest.mark.parametrize(
    ("baris", "kunci"),
    [
        ({"kode_iku": "IKU-01", "indikator": "Nilai IKM"}, "kode_iku:IKU-01"),
        ({"kode_iku": " IKU-01 ", "indikator": "Lain"}, "kode_iku:IKU-01"),
        ({"kode_iku": "  ", "indikator": "Nilai IKM "}, "indikator:Nilai IKM"),
        ({"kode_iku": float("nan"), "indikator": "Nilai IKM"}, "indikator:Nilai IKM"),
        ({"indikator": "Nilai IKM"}, "indikator:Nilai IKM"),
    ],
)
def test_indicators_match_by_kode_iku_else_by_exact_text(baris: dict, kunci: str) -> None:
    assert kunci_indikator(pd.Series(baris)) == kunci


def _r(slug: str, *kunci: str, **angka: object) -> RingkasanInstansi:
    ind = tuple(Indikator(k, k.split(":")[1], 100.0) for k in kunci)
    return RingkasanInstansi(slug, f"Kecamatan {slug.title()}", 2024, indikator=ind, **angka)


def test_shared_indicators_are_those_of_two_offices_or_more() -> None:
    rekap = Rekap(
        2024,
        (
            BarisRekap("a", _r("a", "kode_iku:X", "indikator:Satu"), None),
            BarisRekap("b", _r("b", "kode_iku:X", "indikator:Dua"), None),
            BarisRekap("c", _r("c", "indikator:Satu"), None),
            BarisRekap("d", None, None, alasan_kini="data tahun 2024 belum valid"),
        ),
    )
    assert {k: sorted(v) for k, v in rekap.indikator_bersama().items()} == {
        "indikator:Satu": ["a", "c"],
        "kode_iku:X": ["a", "b"],
    }
    df = tabel_rekap(rekap)
    assert df.loc[3].tolist() == ["d", *["–"] * 8]
    assert catatan_kosong(rekap) == ["d: semua angka kosong karena data tahun 2024 belum valid."]


def test_missing_figures_print_a_dash_and_their_reason() -> None:
    r = _r("a", ikm=None, alasan={"ikm": "tidak ada data SKM"}, tercapai=2, jumlah_indikator=5)
    assert teks(r, "ikm") == "–" and teks(r, "temuan_reviu") == "–"
    assert teks(r, "tercapai") == "2 dari 5"
    rekap = Rekap(2024, (BarisRekap("a", r, None),))
    assert catatan_kosong(rekap) == ["Kecamatan A, IKM (mutu): tidak ada data SKM."]


def test_a_figure_missing_for_the_same_reason_is_told_once_for_all_its_offices() -> None:
    """17 kecamatan without last year's report: one line, not seventeen."""
    tanpa = "data tahun 2023 hanya data riwayat, tanpa laporan"
    baris = [
        BarisRekap(s, _r(s, serapan=90.0, ikm=None, alasan={"ikm": "tidak ada data SKM"}), None,
                   alasan_lalu=tanpa)
        for s in ("a", "b", "c")
    ] + [BarisRekap("d", _r("d", serapan=95.0), _r("d"))]  # fmt: skip
    rekap = Rekap(2024, tuple(baris))
    assert catatan_kosong(rekap) == [
        "IKM (mutu) (3 instansi: Kecamatan A, Kecamatan B, Kecamatan C): tidak ada data SKM."
    ]
    _, alasan = tabel_perubahan(rekap)
    assert alasan == [
        f"{angka} 2023 (3 instansi: Kecamatan A, Kecamatan B, Kecamatan C): {tanpa}."
        for angka in ("IKM", "Nilai SAKIP", "Desa dengan IDM naik", "Serapan")
    ]


def test_changes_are_points_written_as_the_figures_are() -> None:
    """From 40 % to 60 % of desa is 20 percentage points: "+20", as the figures beside it
    print without trailing zeros, under a header that says the unit."""
    kini = _r("a", ikm=78.19, sakip=76.5, persen_idm=60.0, serapan=95.56)
    lalu = _r("a", ikm=79.5, sakip=74.1, persen_idm=40.0, serapan=95.56)
    df, _ = tabel_perubahan(Rekap(2024, (BarisRekap("a", kini, lalu),)))
    assert df["Perubahan (poin)"].tolist() == ["-1,31", "+2,4", "+20", "0"]
    assert df.loc[2, ["2023", "2024"]].tolist() == ["40 %", "60 %"]


def _kabupaten(n: int) -> Rekap:
    """``n`` offices with every figure the recap draws, two indicators shared by all."""
    baris = []
    for i in range(n):
        ind = (
            Indikator("kode_iku:IKU-01", "Nilai SAKIP", 90.0 + i),
            Indikator("indikator:Nilai IKM", "Nilai IKM", None if i == 3 else 101.0),
        )
        r = RingkasanInstansi(
            f"k{i}", f"Kecamatan Nomor {i}", 2024, ikm=80.0 + i / 2, pagu=2e9 + i * 1e8,
            realisasi=1.9e9, serapan=95.0, indikator=ind,
        )  # fmt: skip
        baris.append(BarisRekap(f"k{i}", r, None))
    return Rekap(2024, tuple(baris))


def _grafik(html: str) -> list[tuple[str, float]]:
    """Each chart's caption and height in inches, in order."""
    hasil = []
    for svg, judul in re.findall(
        r'src="data:image/svg\+xml;base64,([^"]+)".*?<figcaption>(.*?)</figcaption>', html, re.S
    ):
        tinggi = re.search(r'<svg[^>]* height="([\d.]+)pt"', base64.b64decode(svg).decode())
        assert tinggi is not None
        hasil.append((judul, float(tinggi[1]) / 72))
    return hasil


def test_a_kabupaten_s_offices_fit_one_chart_a_page() -> None:
    """Situbondo's 17 kecamatan: one chart per figure, none taller than a page holds."""
    grafik = _grafik(bab_rekap(_kabupaten(17), "Situbondo"))
    assert [j for j, _ in grafik] == [
        "Grafik 1 : IKM per instansi tahun 2024",
        "Grafik 2 : Serapan anggaran per instansi tahun 2024",
        "Grafik 3 : Capaian per instansi tahun 2024, Nilai IKM",
        "Grafik 4 : Capaian per instansi tahun 2024, Nilai SAKIP",
    ]
    assert all(t <= TINGGI_MAKS for _, t in grafik)


def test_more_offices_than_a_page_holds_are_charted_in_parts() -> None:
    grafik = _grafik(bab_rekap(_kabupaten(40), "Jawa Timur"))
    judul = [j for j, _ in grafik]
    ikm = "Grafik 1 : IKM per instansi tahun 2024"
    assert judul[:3] == [f"{ikm} (bagian {k} dari 3)" for k in (1, 2, 3)]
    assert len(judul) == 12 and judul[-1].endswith("Nilai SAKIP (bagian 3 dari 3)")
    assert all(t <= TINGGI_MAKS for _, t in grafik)


@pytest.mark.slow
def test_a_kabupaten_s_recap_prints_as_the_report_does(tmp_path: Path) -> None:
    """The recap's chapter gets the marks a report's chapter gets: its long change table may
    break across pages, so it follows its heading rather than leaving it alone at a page's
    foot; a rupiah figure keeps its "Rp"; the first column stays in view on a phone."""
    from pypdf import PdfReader

    from lkip.build.assemble import BabHtml, ReportMeta, html_rapi
    from lkip.build.pdf import write_report

    html = html_rapi(bab_rekap(_kabupaten(17), "Situbondo"))
    assert 'class="tabel tabel-panjang"' in html  # 68 rows of changes
    assert '<span class="utuh">Rp 2.000.000.000</span>' in html
    assert html.count('class="kolom-pertama"') > 17
    meta = ReportMeta("Rekapitulasi 17 Instansi", "Situbondo", 2024)
    write_report([BabHtml("rekap", html)], meta, tmp_path / "r.html", tmp_path / "r.pdf")
    halaman = [p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages]
    (judul,) = [h for h in halaman if "2. Perubahan dari tahun 2023" in h and "DAFTAR" not in h]
    assert "Tabel 2 : Angka utama tahun 2023 dan 2024" in judul


def test_batch_table_names_each_office_and_the_error() -> None:
    teks_ = tabel_hasil(
        [
            HasilInstansi("kendit", True, 61.25, "outputs/kendit/2024"),
            HasilInstansi("panarukan", False, 3.0, "Data tahun 2024 belum bisa diproses\n- x"),
        ]
    )
    baris = teks_.splitlines()
    assert baris[0].split() == ["Instansi", "Status", "Waktu", "Keluaran", "/", "galat"]
    assert baris[2].split() == ["kendit", "berhasil", "61.2", "dtk", "outputs/kendit/2024"]
    assert baris[3].split()[:4] == ["panarukan", "GAGAL", "3.0", "dtk"]
    assert "Galat panarukan:" in teks_ and "- x" in teks_
    assert baris[-1] == "1 dari 2 instansi berhasil."


def test_batch_takes_only_offices_with_the_year(root: Path) -> None:
    (root / "data" / "raw" / "kendit" / "2022").mkdir(parents=True)
    assert instansi_dengan_tahun(2023, root) == ["panarukan"]
    assert instansi_dengan_tahun(2022, root) == ["kendit", "panarukan"]


def test_portal_links_only_what_exists(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    for rel in (
        "panarukan/2023/lkip-2023.html",
        "panarukan/2023/notebooks/01_pendahuluan.ipynb",
        "panarukan/lkip-2023-bundel.zip",
        "panarukan/2023-gagal/lkip-2023.html",
        "panarukan/.2024-sedang-x/lkip-2024.html",
        "rekap/2023/rekap-2023.pdf",
        "Catatan/2023/lkip-2023.html",
    ):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text("x")
    instansi, rekap, _ = daftar_keluaran(tmp_path)
    assert [i.slug for i in instansi] == ["panarukan"]
    [tahun] = instansi[0].tahun
    assert [t.href for t in tahun.tautan] == [
        "panarukan/2023/lkip-2023.html",
        "panarukan/lkip-2023-bundel.zip",
    ]
    assert [t.href for t in tahun.notebook] == ["panarukan/2023/notebooks/01_pendahuluan.ipynb"]
    assert [(r.tahun, [t.href for t in r.tautan]) for r in rekap] == [
        (2023, ["rekap/2023/rekap-2023.pdf"])
    ]
    html = html_portal(tmp_path)
    assert "<script" not in html and "http" not in html.split("<body>")[1]


@pytest.mark.parametrize("n", [3, 17])
def test_portal_of_many_offices_lists_them_first_and_folds_their_notebooks(
    tmp_path: Path, n: int
) -> None:
    """A reviewer of 17 kecamatan jumps to an office from a list at the top; each year's
    eight notebooks are folded under one line. Three offices or fewer need no list."""
    from bs4 import BeautifulSoup

    slug = [f"kec{i:02d}" for i in range(n)]
    berkas = ("lkip-2023.html", "lkip-2023.pdf", *(f"notebooks/0{b}.ipynb" for b in range(8)))
    for s in slug:
        for rel in berkas:
            path = tmp_path / "outputs" / s / "2023" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x")
    soup = BeautifulSoup(html_portal(tmp_path), "html.parser")
    daftar = soup.select('nav[aria-label="Daftar instansi"] a')
    assert [a["href"] for a in daftar] == ([f"#instansi-{s}" for s in slug] if n > 3 else [])
    assert all(soup.find(id=a["href"][1:]) is not None for a in daftar)
    lipat = soup.select("article details")
    assert len(lipat) == n and not any(d.has_attr("open") for d in lipat)
    assert [len(d.select("a")) for d in lipat] == [8] * n
    assert lipat[0].summary.get_text() == "Notebook bab yang dijalankan (8)"
