"""Marks that keep a number with its unit and a table's first column in view."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from lkip.build.pdf import romawi
from lkip.presentation.html_layar import satuan_utuh, tandai_kolom_pertama


def utuh(html: str) -> tuple[list[str], str]:
    soup = BeautifulSoup(html, "html.parser")
    satuan_utuh(soup)
    return [s.get_text() for s in soup.select("span.utuh")], soup.get_text()


@pytest.mark.parametrize(
    "teks, satuan",
    [
        ("capaian 98,08 % dari target", ["98,08 %"]),
        ("Rp 2.326.586.175 dengan realisasi Rp 110.800.800 (98,08 %).",
         ["Rp 2.326.586.175", "Rp 110.800.800", "98,08 %"]),
        ("sisa Rp -5.000", ["Rp -5.000"]),
        ("pagu Rp 1,5 M", ["Rp 1,5 M"]),
        ("naik 125 %", ["125 %"]),
        ("target 10 menit, realisasi 8 menit", ["10 menit", "8 menit"]),
        ("8 desa dari 8 desanya", ["8 desa"]),  # a unit is a whole word
        ("tanpa satuan 98,08 dan Rp saja", []),
        ("98,08% tanpa spasi", []),  # nothing to break there
    ],
)  # fmt: skip
def test_numbers_keep_their_units(teks: str, satuan: list[str]) -> None:
    ditemukan, semua = utuh(f"<p>{teks}</p>")
    assert ditemukan == satuan
    assert semua == teks  # the words are unchanged


def test_units_in_styles_and_existing_spans_are_left_alone() -> None:
    html = '<style>p { width: 50 %; }</style><p><span class="utuh">10 %</span> dan 20 %</p>'
    ditemukan, _ = utuh(html)
    assert ditemukan == ["10 %", "20 %"]


def kelas_pertama(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    tandai_kolom_pertama(soup.table)
    return [c.get_text() for c in soup.select(".kolom-pertama")]


def test_first_column_follows_row_and_column_spans() -> None:
    html = """<table>
      <thead><tr><th rowspan="2">No</th><th colspan="2">Kinerja</th></tr>
             <tr><th>Target</th><th>Realisasi</th></tr></thead>
      <tbody><tr><td rowspan="2">1.</td><td>a</td><td>b</td></tr>
             <tr><td>c</td><td>d</td></tr>
             <tr><td colspan="2">Jumlah</td><td>e</td></tr>
             <tr><td>3.</td><td>f</td><td>g</td></tr></tbody></table>"""
    assert kelas_pertama(html) == ["No", "1.", "Jumlah", "3."]


def test_first_column_with_a_bad_span_counts_it_as_one() -> None:
    html = '<table><tr><td rowspan="x">1</td><td>a</td></tr><tr><td>2</td></tr></table>'
    assert kelas_pertama(html) == ["1", "2"]


@pytest.mark.parametrize(
    "n, teks",
    [(1, "i"), (2, "ii"), (3, "iii"), (4, "iv"), (5, "v"), (9, "ix"), (14, "xiv"),
     (40, "xl"), (49, "xlix"), (90, "xc"), (400, "cd"), (1994, "mcmxciv"), (3999, "mmmcmxcix")],
)  # fmt: skip
def test_romawi(n: int, teks: str) -> None:
    assert romawi(n) == teks


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_romawi_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        romawi(n)
